"""All records loaded, cross-checked and enriched with what pages need to know.

Shape errors come from the schema; this module adds the checks that span records and
files (duplicate ids, references to unknown ids) and the derived facts (a period that
has ended by the build date, links in both directions between aids).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .errors import DataError, DataErrors
from .load import LoadedFile, did_you_mean, load_records
from .schema import AID_FACETS, Aid, Facet, Source, Vocabulary

M = TypeVar("M", bound=BaseModel)

# Group pages live at /aides/<facet slug>/…: an aid may not take one of those names.
RESERVED_AID_IDS = frozenset(facet.slug for facet in AID_FACETS) | {"index", "catalogue"}


@dataclass
class Catalog:
    """The validated data of the site, as pages and exports see it."""

    build_date: date
    sources: dict[str, Source]
    aids: dict[str, Aid]
    aid_lines: dict[str, int] = field(default_factory=dict)
    """Line of each aid in its data file, for « Modifier cette fiche » links."""
    aids_path: str = "data/aids.yaml"
    _related: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        related: dict[str, set[str]] = defaultdict(set)
        for aid in self.aids.values():
            for other in aid.related_aids:
                related[aid.id].add(other)
                related[other].add(aid.id)
        self._related = {key: sorted(ids, key=self._sort_key) for key, ids in related.items()}

    def _sort_key(self, aid_id: str) -> tuple[int, str]:
        aid = self.aids[aid_id]
        return list(type(aid.level)).index(aid.level), aid.name.casefold()

    def sorted_aids(self, aids: Iterable[Aid] | None = None) -> list[Aid]:
        """Aids by level (Brussels-relevant levels first, as the vocabulary orders them)."""
        chosen = self.aids.values() if aids is None else aids
        return sorted(chosen, key=lambda aid: self._sort_key(aid.id))

    def period_ended(self, aid: Aid) -> bool:
        """True when the report dates the end of the scheme before the build date."""
        return aid.period_end is not None and aid.period_end < self.build_date

    def related(self, aid: Aid) -> list[Aid]:
        return [self.aids[other] for other in self._related.get(aid.id, [])]

    def source(self, report_id: str) -> Source:
        return self.sources[report_id]

    def groups(self, facet: Facet) -> dict[Vocabulary, list[Aid]]:
        """Aids under each value of a facet, in vocabulary order; empty groups left out."""
        grouped: dict[Vocabulary, list[Aid]] = {member: [] for member in facet.vocabulary}
        for aid in self.sorted_aids():
            for value in facet.values_of(aid):
                grouped[value].append(aid)
        return {value: aids for value, aids in grouped.items() if aids}


def load_catalog(data_dir: Path, *, root: Path, build_date: date) -> Catalog:
    """Load and check every data file; raise :class:`DataErrors` listing all problems."""
    sources_file = load_records(data_dir / "sources.yaml", Source, root=root, label="sources")
    aids_file = load_records(data_dir / "aids.yaml", Aid, root=root, label="aids")
    errors = [*sources_file.errors, *aids_file.errors]

    sources = _unique(sources_file, errors)
    aids = _unique(aids_file, errors)
    # A broken sources file would make every citation look wrong: report the cause only.
    errors.extend(_check_aid_references(aids_file, aids, sources,
                                        check_sources=not sources_file.errors))
    if errors:
        raise DataErrors(errors)
    return Catalog(
        build_date=build_date,
        sources=sources,
        aids=aids,
        aid_lines={aid.id: aids_file.line_of(position) for position, aid in aids_file.records},
        aids_path=aids_file.path,
    )


def _unique(loaded: LoadedFile[M], errors: list[DataError]) -> dict[str, M]:
    """Records by id; a second record with the same id is an error at its id."""
    by_id: dict[str, M] = {}
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


def _check_aid_references(
    loaded: LoadedFile[Aid],
    aids: dict[str, Aid],
    sources: dict[str, Source],
    *,
    check_sources: bool,
) -> Iterable[DataError]:
    known_aids = sorted(aids)
    for position, aid in loaded.records:
        if aid.id in RESERVED_AID_IDS:
            yield loaded.error(
                position, ("id",), f"l'identifiant « {aid.id} » est réservé",
                "Noms réservés pour les pages du catalogue : "
                f"{', '.join(sorted(RESERVED_AID_IDS))}.",
                record_id=aid.id,
            )
        for index, ref in enumerate(aid.sources):
            if check_sources and ref.report not in sources:
                yield loaded.error(
                    position, ("sources", index, "report"), f"rapport inconnu « {ref.report} »",
                    f"Rapports déclarés dans data/sources.yaml : {', '.join(sorted(sources))}."
                    + did_you_mean(ref.report, sorted(sources)),
                    record_id=aid.id,
                )
        for index, other in enumerate(aid.related_aids):
            if other == aid.id:
                yield loaded.error(position, ("related_aids", index),
                                   "une fiche ne peut pas se citer elle-même",
                                   "Retirez cet identifiant de related_aids.", record_id=aid.id)
            elif other not in aids:
                yield loaded.error(
                    position, ("related_aids", index), f"aide inconnue « {other} »",
                    "Donnez l'identifiant d'une fiche de data/aids.yaml."
                    + did_you_mean(other, known_aids),
                    record_id=aid.id,
                )

