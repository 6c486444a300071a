"""The references a record holds to records of other files (checked, back-linked)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .fields import Ref

Location = tuple[str | int, ...]
Reference = tuple[Location, str, str]
_Walker = Callable[[Any, Location], Iterator[Reference]]


def references(record: BaseModel) -> Iterator[Reference]:
    """``(location, kind, id)`` for every reference a record holds, nested ones included."""
    return _walk_model(record, ())


def _walk_model(record: BaseModel, loc: Location) -> Iterator[Reference]:
    for name, walk in _field_walkers(type(record)):
        value = getattr(record, name)
        if value is not None:
            yield from walk(value, (*loc, name))


@cache
def _field_walkers(model: type[BaseModel]) -> list[tuple[str, _Walker]]:
    """How to find the references in each field of a model that can hold one: worked out
    once per model from its annotations, not again for every value (4× faster)."""
    return [(name, _walker(info.annotation, tuple(info.metadata)))
            for name, info in model.model_fields.items()
            if _can_refer(info.annotation, info.metadata)]


def _can_refer(annotation: Any, metadata: list[Any] = ()) -> bool:  # type: ignore[assignment]
    if any(isinstance(marker, Ref) for marker in metadata):
        return True
    if get_origin(annotation) is Annotated:
        base, *markers = get_args(annotation)
        return _can_refer(base, [*metadata, *markers])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(_can_refer(info.annotation, info.metadata)
                   for info in annotation.model_fields.values())
    return any(_can_refer(argument, []) for argument in get_args(annotation))


def _reference(kind: str) -> _Walker:
    def reference(value: Any, loc: Location) -> Iterator[Reference]:
        yield loc, kind, value
    return reference


def _walker(annotation: Any, metadata: tuple[Any, ...]) -> _Walker:
    """What finds the references in a (non-None) value of ``annotation``."""
    for marker in metadata:
        if isinstance(marker, Ref):
            return _reference(marker.kind)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _walker(args[0], (*metadata, *args[1:]))
    if origin is list:
        walk_item = _walker(args[0], ())

        def items(value: Any, loc: Location) -> Iterator[Reference]:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if item is not None:
                        yield from walk_item(item, (*loc, index))
        return items
    if origin in (Union, UnionType):
        options = [_walker(option, metadata) for option in args
                   if option is not type(None) and _can_refer(option, list(metadata))]

        def union(value: Any, loc: Location) -> Iterator[Reference]:
            for walk in options:
                yield from walk(value, loc)
        return union

    def model(value: Any, loc: Location) -> Iterator[Reference]:
        # The value's own class, as validated (in a union, one of several models).
        if isinstance(value, BaseModel):
            yield from _walk_model(value, loc)
    return model

