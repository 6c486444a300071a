"""One walk over the values of a record, nested objects and lists included.

The references a record holds, the texts the audit reads, the addresses the link checker
asks and the reports a data set cites are all found by :func:`values`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from .introspect import Declared, fields_of

Location = tuple[str | int, ...]
"""Where a value is in its record: ``("sources", 0, "report")``."""

Want = Callable[[Declared], bool]
"""Which fields a walk needs, by their declared type (a module-level function: walks
remember, per model, which fields they need)."""

Found = tuple[Location, Declared, Any]


def values(record: BaseModel, want: Want | None = None) -> Iterator[Found]:
    """``(location, declared type, value)`` for every value of ``record`` that is not itself
    an object or a list (those are walked into, in field and item order); None is skipped.

    With ``want``, only the fields whose type it accepts are walked, and those holding an
    object that has such fields: a walk for references skips the texts of every record."""
    return _model_values(record, (), want)


def _model_values(record: BaseModel, loc: Location, want: Want | None) -> Iterator[Found]:
    for name, field in _fields(type(record), want):
        value = getattr(record, name)
        if isinstance(value, _NESTED):
            yield from _nested((*loc, name), field, value, want)
        elif value is not None:
            yield (*loc, name), field, value


_NESTED = (BaseModel, list, dict)


def _nested(loc: Location, field: Declared, value: Any, want: Want | None) -> Iterator[Found]:
    """The values inside an object, a list or a mapping (the texts of ``dict[Text, Text]``,
    their keys in the location). Plain values are yielded here, not by one more generator
    each: a walk over 10,000 records meets hundreds of thousands."""
    if isinstance(value, BaseModel):
        # The value's own class, as validated (in a union, one of several models).
        yield from _model_values(value, loc, want)
        return
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, _NESTED):
            yield from _nested((*loc, key), field, item, want)
        elif item is not None:
            yield (*loc, key), field, item


@cache
def _fields(model: type[BaseModel], want: Want | None) -> list[tuple[str, Declared]]:
    """The fields of ``model`` a walk goes into: worked out once per model and ``want``, not
    again for every record (see benchmarks/results/)."""
    return [(name, field) for name, _, field in fields_of(model)
            if want is None or want(field) or any(_fields(nested, want)
                                                   for nested in field.models)]
