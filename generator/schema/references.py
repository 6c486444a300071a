"""The references a record holds to records of other files (checked, back-linked)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .introspect import Declared
from .walk import Location, values

Reference = tuple[Location, str, str]
"""``(location, kind, id)``: ``(("related_aids", 0), "aids", "bxl-prime-web")``."""


def references(record: BaseModel) -> Iterator[Reference]:
    """``(location, kind, id)`` for every reference a record holds, nested ones included."""
    for loc, field, value in values(record, _refers):
        if field.ref is not None:
            yield loc, field.ref, value


def _refers(field: Declared) -> bool:
    return field.ref is not None


__all__ = ["Location", "Reference", "references"]
