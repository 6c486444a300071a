"""All records loaded, cross-checked and enriched with what pages need to know.

Shape errors come from the schema; this module adds the checks that span records and
files (duplicate ids, references to unknown ids) and the derived facts (a period that has
ended by the build date, back-links from every record to the records that cite it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from . import dates, urls
from .decision_path import DecisionPath, check_coverage, check_path
from .errors import DataError, DataErrors
from .kinds import KINDS
from .load import LoadedFile, display_path, load_records
from .messages import did_you_mean
from .ranking import catalogue_group, level_key, rank_key
from .schema import (
    Aid,
    Case,
    CatalogueGroup,
    Change,
    Facet,
    Option,
    OtherSourceKind,
    PathStep,
    Profile,
    Recommendation,
    Record,
    Source,
    SurveySummary,
    SurveyTable,
    Term,
    references,
)
from .survey import PROFILE_TABLES, SURVEY_FILES, Table, check_tables

R = TypeVar("R", bound=Record)

SURVEY_PAGES = (urls.SURVEY,)
"""The pages made from data/survey/tables.yaml (see :attr:`kinds.Kind.nav_pages`)."""


@dataclass(frozen=True, order=True)
class RecordKey:
    kind: str
    id: str


@dataclass
class Catalog:
    """The validated data of the site, as pages and exports see it."""

    build_date: date
    records: dict[str, dict[str, Any]]
    """Records of each kind (``aids``, ``cases``…), by id, in file order."""
    lines: dict[RecordKey, int] = field(default_factory=dict)
    """Line where each record starts in its data file, for « Modifier cette fiche » links."""
    data_files: dict[str, str] = field(default_factory=dict)
    """Display path of each kind's data file."""
    survey: list[Table] = field(default_factory=list)
    """The survey report's tables (data/survey/), checked against their CSV files."""
    survey_summaries: dict[Any, SurveySummary] = field(default_factory=dict)
    """The report's key findings, by theme (data/survey/themes.yaml)."""
    _cited_by: dict[RecordKey, list[RecordKey]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        cited_by: dict[RecordKey, set[RecordKey]] = defaultdict(set)
        for kind, records in self.records.items():
            for record in records.values():
                for _, target_kind, target_id in references(record):
                    if target_kind != "sources" and target_id != record.id:
                        cited_by[RecordKey(target_kind, target_id)].add(RecordKey(kind, record.id))
        self._cited_by = {key: sorted(keys) for key, keys in cited_by.items()}

    # ------------------------------------------------------------------ records by kind

    @property
    def sources(self) -> dict[str, Source]:
        return self.records["sources"]

    @property
    def aids(self) -> dict[str, Aid]:
        return self.records["aids"]

    @property
    def cases(self) -> dict[str, Case]:
        return self.records["cases"]

    @property
    def terms(self) -> dict[str, Term]:
        return self.records["glossary"]

    @property
    def recommendations(self) -> dict[str, Recommendation]:
        return self.records["recommendations"]

    @property
    def profiles(self) -> list[Profile]:
        """The six profiles, in the report's order."""
        return sorted(self.records["profiles"].values(), key=lambda profile: profile.number)

    @property
    def changes(self) -> list[Change]:
        """The change log, newest first."""
        return sorted(self.records["changes"].values(), key=lambda c: (c.date, c.id),
                      reverse=True)

    @property
    def steps(self) -> dict[str, PathStep]:
        """The steps of the decision path (data/paths.yaml), by id, in file order."""
        return self.records.get("paths", {})

    @cached_property
    def path(self) -> DecisionPath | None:
        """The decision path « Quelle aide pour mon association ? », if data/paths.yaml exists."""
        return DecisionPath(self.steps.values()) if self.steps else None

    def get(self, key: RecordKey) -> Any:
        return self.records[key.kind][key.id]

    def source(self, report_id: str) -> Source:
        return self.sources[report_id]

    # ------------------------------------------------------------------ derived facts

    def sorted_aids(self, aids: Iterable[Aid] | None = None) -> list[Aid]:
        """Aids by level (in vocabulary order), then by name."""
        if aids is None:
            return list(self._sorted_aids)
        return sorted(aids, key=level_key)

    @cached_property
    def _sorted_aids(self) -> list[Aid]:
        # Sorted once: the catalogue, its index and each filter's groups all start from it.
        return sorted(self.aids.values(), key=level_key)

    def ranked_aids(self, aids: Iterable[Aid] | None = None) -> list[Aid]:
        """Aids in the catalogue's order for a Brussels ASBL: what it can use first
        (accessible, then under conditions), then the uncertain, other regions and foreign
        examples, and policies and mentions last (see :func:`catalogue_group`)."""
        if aids is None:
            return list(self._ranked_aids)
        return sorted(aids, key=rank_key)

    @cached_property
    def _ranked_aids(self) -> list[Aid]:
        return sorted(self.aids.values(), key=rank_key)

    def ranked_groups(self) -> dict[CatalogueGroup, list[Aid]]:
        """The ranked aids under each catalogue group, empty groups left out."""
        groups: dict[CatalogueGroup, list[Aid]] = {}
        for aid in self._ranked_aids:
            groups.setdefault(catalogue_group(aid), []).append(aid)
        return groups

    @staticmethod
    def group_of(aid: Aid) -> CatalogueGroup:
        return catalogue_group(aid)

    def period_ended(self, aid: Aid) -> bool:
        """True once every day the published end may mean is before the build date: an end
        published as « 2025 » has ended only in 2026."""
        return dates.ended(aid.period_end, self.build_date)

    def period_ending_soon(self, aid: Aid) -> bool:
        """Not ended, and even the latest day the published end may mean is near."""
        return dates.ending_soon(aid.period_end, self.build_date)

    def status(self, aid: Aid) -> Status:
        """The newest statement of the aid's status, and whose it is (see :class:`Status`)."""
        claims = [Status(source.status, *_WHOSE[source.kind], source.consulted, source.url)
                  for source in aid.other_sources if source.status]
        claims = [replace(claim, when=f"{claim.when} le {dates.french(str(claim.date))}")
                  for claim in claims]
        if aid.verified_status and aid.last_verified:
            claims.append(Status(aid.verified_status, "selon une vérification",
                                 f"le {dates.french(aid.last_verified.isoformat())}",
                                 aid.last_verified, None))
        if claims:
            return max(claims, key=lambda claim: claim.date or date.min)
        if aid.sources:
            report = self.source(aid.sources[0].report)
            return Status(aid.status_reported, "selon le rapport", report.published, None, None)
        return Status(None, "", "", None, None)

    def cited_by(self, kind: str, record_id: str) -> list[RecordKey]:
        """Records that name this one, sorted by kind then id."""
        return self._cited_by.get(RecordKey(kind, record_id), [])

    def related(self, aid: Aid) -> list[Aid]:
        """Aids linked to this one, whichever of the two names the other."""
        ids = set(aid.related_aids) | {key.id for key in self.cited_by("aids", aid.id)
                                       if key.kind == "aids"}
        return self.sorted_aids(self.aids[other] for other in ids)

    def groups(self, facet: Facet) -> dict[Option, list[Aid]]:
        """Aids under each value of a facet (see :func:`grouped`), in the catalogue's order."""
        return grouped(facet, self.ranked_aids())


_WHOSE = {OtherSourceKind.OFFICIAL_SITE: ("selon le site officiel", "consulté"),
          OtherSourceKind.VERIFICATION: ("selon une vérification", "vérifié")}
"""How a status line names each kind of source, and the verb of its date."""


@dataclass(frozen=True)
class Status:
    """Whose statement of an aid's status the site shows, and as of when."""

    text: str | None
    """The status as the source states it; None when it says nothing."""
    whose: str
    """« selon le rapport », « selon le site officiel », « selon la dernière vérification »."""
    when: str
    """« février 2024 » (the report's date), « consulté le 3 décembre 2026 »."""
    date: date | None
    """Day of the consultation or verification; None for a report's status."""
    url: str | None
    """Address consulted, when the source is a site."""

    @property
    def from_report(self) -> bool:
        return self.date is None


def grouped(facet: Facet, records: list[R]) -> dict[Option, list[R]]:
    """Records under each value of a facet, in the facet's order; empty groups left out."""
    groups: dict[Option, list[R]] = {option: [] for option in facet.options(records)}
    for record in records:
        for value in facet.values_of(record):
            groups[value].append(record)
    return {value: members for value, members in groups.items() if members}


def load_catalog(data_dir: Path, *, root: Path, build_date: date,
                 nav: AbstractSet[str] = frozenset()) -> Catalog:
    """Load and check every data file; raise :class:`DataErrors` listing all problems.

    ``nav``: the pages the site's menu names; an optional file that makes one of them is
    required (validate and the build read the same menu, so they agree)."""
    loaded: dict[str, LoadedFile[Any]] = {}
    missing: list[DataError] = []
    for kind in KINDS.values():
        path = data_dir / kind.data_file
        if kind.optional and not path.exists():
            missing.extend(_needed_by_nav(kind.name, kind.nav_pages, path, root, nav))
            continue
        loaded[kind.name] = load_records(path, kind.record.model, root=root, label=kind.name)
    survey_files = {name: load_records(data_dir / "survey" / f"{name}.yaml", model, root=root,
                                       label=name)
                    for name, model in SURVEY_FILES.items()
                    if (data_dir / "survey" / f"{name}.yaml").exists()}
    if "tables" not in survey_files:
        missing.extend(_needed_by_nav("tables", SURVEY_PAGES, data_dir / "survey" / "tables.yaml",
                                      root, nav))

    errors = missing + [error for file in [*loaded.values(), *survey_files.values()]
                        for error in file.errors]
    records = {kind: _unique(loaded[kind], errors) if kind in loaded else {}
               for kind in KINDS}
    # A file that failed to load would make every reference to it look wrong: report the
    # cause only. An absent optional file is an empty one.
    checkable = {kind for kind in KINDS if kind not in loaded or not loaded[kind].errors}
    for file in [*loaded.values(), *survey_files.values()]:
        errors.extend(_check_references(file, records, checkable))
    survey: list[Table] = []
    if "tables" in survey_files:
        # SURVEY_FILES loads tables.yaml with SurveyTable, themes.yaml with SurveySummary.
        tables = cast("LoadedFile[SurveyTable]", survey_files["tables"])
        survey, table_errors = check_tables(tables, _unique(tables, errors), data_dir / "survey",
                                            root=root)
        errors.extend(table_errors)
    summaries = list(cast("Iterable[SurveySummary]", survey_files.get("themes", [])))
    if "paths" in loaded and {"paths", "aids"} <= checkable:
        errors.extend(check_path(loaded["paths"], records["paths"], records["aids"]))
        if not errors:  # coverage means something only on a sound path and catalogue
            errors.extend(check_coverage(loaded["aids"], DecisionPath(records["paths"].values())))
    if "profiles" in loaded and "paths" in checkable:
        errors.extend(_check_profile_results(loaded["profiles"], records["paths"]))
    if "profiles" in loaded:
        errors.extend(_check_profile_columns(loaded["profiles"], survey))
    if errors:
        raise DataErrors(errors)
    return Catalog(
        build_date=build_date,
        records=records,
        lines={RecordKey(kind, record.id): file.line_of(position)
               for kind, file in loaded.items() for position, record in file.records},
        data_files={kind: file.path for kind, file in loaded.items()},
        survey=survey,
        survey_summaries={summary.theme: summary for summary in summaries},
    )


def _needed_by_nav(label: str, pages: tuple[str, ...], path: Path, root: Path,
                   nav: AbstractSet[str]) -> list[DataError]:
    """The error for an absent optional file whose pages the menu names (none otherwise)."""
    named = [page for page in pages if page in nav]
    if not named:
        return []
    return [DataError(display_path(path, root), 1, 1, label, "fichier introuvable",
                      "Le menu du site (nav de mkdocs.yml) affiche des pages faites de ce "
                      f"fichier ({', '.join(named)}) : créez-le, ou retirez-les du menu.")]


def _unique(loaded: LoadedFile[R], errors: list[DataError]) -> dict[str, R]:
    """Records by id; a second record with the same id is an error at its id."""
    by_id: dict[str, R] = {}
    first_line: dict[str, int] = {}
    for position, record in loaded.records:
        record_id = record.id  # type: ignore[attr-defined]
        if record_id in by_id:
            errors.append(loaded.error(
                position, ("id",), f"identifiant « {record_id} » déjà utilisé "
                f"(ligne {first_line[record_id]})",
                "Chaque fiche a un identifiant unique : il forme son URL.",
                record_id=record_id,
            ))
            continue
        by_id[record_id] = record
        first_line[record_id] = loaded.line_of(position)
    return by_id


def _check_profile_results(
    loaded: LoadedFile[Profile], steps: dict[str, Any]
) -> Iterable[DataError]:
    """A profile points to results of the decision path, never to one of its questions."""
    for position, profile in loaded.records:
        for index, step_id in enumerate(profile.path_results):
            if step_id in steps and steps[step_id].is_question:
                yield loaded.error(
                    position, ("path_results", index), f"« {step_id} » est une question",
                    "Donnez l'identifiant d'un résultat du parcours (une étape avec summary).",
                    record_id=profile.id)


def _check_profile_columns(loaded: LoadedFile[Profile],
                           survey: list[Table]) -> Iterable[DataError]:
    """A profile's column is a column of each table of the self-assessment (Tableau 3)."""
    tables = [table for table in survey if table.meta.id in PROFILE_TABLES]
    for position, profile in loaded.records:
        for table in tables:
            if profile.column not in table.columns:
                yield loaded.error(
                    position, ("column",),
                    f"colonne « {profile.column} » absente de {table.meta.id}.csv",
                    f"Colonnes de ce tableau : {', '.join(table.columns)}.",
                    record_id=profile.id)
                break


def _check_references(
    loaded: LoadedFile[Any], records: dict[str, dict[str, Any]], checkable: set[str]
) -> Iterable[DataError]:
    for position, record in loaded.records:
        record_id = getattr(record, "id", "")  # theme summaries are keyed by theme, not id
        reserved = KINDS[loaded.label].reserved_ids if loaded.label in KINDS else frozenset()
        if record_id in reserved:
            yield loaded.error(
                position, ("id",), f"l'identifiant « {record_id} » est réservé",
                f"Noms réservés pour les pages de listes : {', '.join(sorted(reserved))}.",
                record_id=record_id,
            )
        for loc, kind, target in references(record):
            if kind == loaded.label and target == record_id:
                yield loaded.error(position, loc, "une fiche ne peut pas se citer elle-même",
                                   "Retirez cet identifiant.", record_id=record_id)
            elif kind in checkable and target not in records[kind]:
                yield loaded.error(
                    position, loc, f"{KINDS[kind].record.unknown} « {target} »",
                    f"Donnez l'identifiant d'une fiche de data/{kind}.yaml."
                    + did_you_mean(target, sorted(records[kind])),
                    record_id=record_id,
                )
