"""Machine-readable outputs derived from the validated models (never from raw YAML)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter

from . import urls
from .catalog import Catalog, catalogue_group
from .kinds import KINDS
from .schema import (
    AID_FACETS,
    CASE_FACETS,
    Aid,
    CatalogueGroup,
    Facet,
    SurveySummary,
    SurveyTable,
)


def catalogue_index(catalog: Catalog) -> str:
    """The compact index the aid catalogue's filters run on, in the catalogue's order."""
    groups = list(CatalogueGroup)
    group_position = {group: position for position, group in enumerate(groups)}

    def details(aid: Aid) -> dict[str, Any]:
        status = catalog.status(aid)  # the newest statement, and whose it is
        return {"group": group_position[catalogue_group(aid)], "amount": aid.amount,
                "status": status.text, "whose": f"{status.whose} ({status.when})",
                "official": aid.url}

    return filter_index(
        catalog.ranked_aids(), AID_FACETS,
        url=lambda aid: _listing_url(urls.CATALOGUE, urls.aid(aid.id)),
        subtitle=lambda aid: aid.operator,
        ended=catalog.period_ended,
        meta=[("niveau", ""), ("nature", ""), ("acces", "Accès ASBL bruxelloise : ")],
        details=details,
        extra={"groups": [{"slug": group.value, "label": group.label} for group in groups]},
    )


def cases_index(catalog: Catalog) -> str:
    """The compact index of the case-study listing's filters."""
    cases = list(catalog.cases.values())
    return filter_index(
        cases, CASE_FACETS,
        url=lambda case: _listing_url(urls.CASES, urls.case(case.id)),
        subtitle=lambda case: case.summary,
        ended=lambda case: False,
        meta=[("secteur", ""), ("taille", "")],
    )


def filter_index(
    records: Sequence[Any],
    facets: Sequence[Facet],
    *,
    url: Callable[[Any], str],
    subtitle: Callable[[Any], str | None],
    ended: Callable[[Any], bool],
    meta: list[tuple[str, str]],
    details: Callable[[Any], dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """The JSON a listing's filters run on (theme/assets/javascripts/catalogue.js).

    Each facet's values are listed once; records refer to them by position, so the file
    stays small (about 150 bytes a record) however many records there are.
    """
    options = {facet.slug: facet.options(records) for facet in facets}
    positions = {slug: {option: i for i, option in enumerate(values)}
                 for slug, values in options.items()}
    return compact_json({
        **(extra or {}),
        "facets": [
            {"slug": facet.slug, "title": facet.title,
             "values": [{"slug": o.slug, "label": o.label} for o in options[facet.slug]]}
            for facet in facets
        ],
        "meta": meta,
        "records": [
            {
                "id": record.id,
                "url": url(record),
                "name": getattr(record, "name", record.id),
                "subtitle": subtitle(record),
                "ended": ended(record),
                "facets": [[positions[facet.slug][value] for value in facet.values_of(record)]
                           for facet in facets],
                **(details(record) if details else {}),
            }
            for record in records
        ],
    })


def _listing_url(listing_src: str, record_src: str) -> str:
    """URL of a record page relative to its listing page (``bxl-prime-web/``)."""
    return urls.relative(listing_src, record_src).removesuffix(".md") + "/"


def json_schema(model: type[BaseModel], title: str) -> str:
    """JSON Schema of a data file (a list of ``model`` records), for editors and CI."""
    schema: dict[str, Any] = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schemas() -> dict[str, tuple[type[BaseModel], str]]:
    """JSON Schemas by file name under ``schema/``: one per data file of every kind
    registered (a project's own kinds included), and the survey's two."""
    files: dict[str, tuple[type[BaseModel], str]] = {
        f"{kind.name}.schema.json": (
            kind.record.model,
            f"data/{kind.data_file} — {kind.record.label} ({kind.record.plural})")
        for kind in KINDS.values()
    }
    files["survey-tables.schema.json"] = (SurveyTable,
                                          "data/survey/tables.yaml — Tableaux de l'enquête")
    files["survey-themes.schema.json"] = (SurveySummary,
                                          "data/survey/themes.yaml — Constats par thème")
    return files


SCHEMAS = schemas()
"""The package's committed JSON Schemas (schema/), its own kinds' and the survey's."""


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def compact_json(data: Any) -> str:
    """JSON without spaces, UTF-8 text kept as is. One encoder for every call: ``json.dumps``
    with options builds a new one each time (a third of the cost of a short list)."""
    return _COMPACT.encode(data)
