"""Machine-readable outputs derived from the validated models (never from raw YAML)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, TypeAdapter

from . import urls
from .catalog import Catalog
from .schema import AID_FACETS, RECORD_KINDS


def catalogue_index(catalog: Catalog) -> str:
    """The compact index the catalogue filters run on.

    Vocabularies are listed once; each record refers to values by their position, so the
    file stays small (about 150 bytes a record) however many records there are.
    """
    facets = []
    for facet in AID_FACETS:
        members = list(facet.vocabulary)
        facets.append({
            "slug": facet.slug,
            "title": facet.title,
            "values": [{"slug": member.slug, "label": member.label} for member in members],
        })
    positions = {facet.slug: {m: i for i, m in enumerate(facet.vocabulary)} for facet in AID_FACETS}
    records = []
    for aid in catalog.sorted_aids():
        records.append({
            "id": aid.id,
            "url": urls.relative(urls.CATALOGUE, urls.aid(aid.id)).removesuffix(".md") + "/",
            "name": aid.name,
            "operator": aid.operator,
            "ended": catalog.period_ended(aid),
            "facets": [
                [positions[facet.slug][value] for value in facet.values_of(aid)]
                for facet in AID_FACETS
            ],
        })
    return _dump({"facets": facets, "records": records})


def json_schema(model: type[BaseModel], title: str) -> str:
    """JSON Schema of a data file (a list of ``model`` records), for editors and CI."""
    schema: dict[str, Any] = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    f"{kind}.schema.json": (model, f"data/{kind}.yaml — {(model.__doc__ or kind).strip()}")
    for kind, model in RECORD_KINDS.items()
}
"""Committed JSON Schemas, by file name under ``schema/``: one per data file."""


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
