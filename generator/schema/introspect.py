"""Pydantic annotations taken apart, in one place.

``list[Annotated[str, Ref("aids")]] | None`` is a list that may be null, whose items are
texts marked as references to aids. The walker over record values, the validation messages,
the open-data field documentation and the template of a new record all read declared types
through :func:`declared`, so that they agree on what a field holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from types import GenericAlias, NoneType, UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .fields import Ref
from .vocabularies import Vocabulary

T = TypeVar("T")


@dataclass(frozen=True)
class Declared:
    """What a field's declared type says of each of its values."""

    core: Any
    """The type of one value: without ``None``, the list around it, and its markers
    (``str``, a vocabulary, a model, ``dict[str, str]``, or a union of several types)."""
    markers: tuple[Any, ...]
    """The ``Annotated`` metadata of one value: constraints, :class:`Ref`. A list field's own
    metadata (its minimum length) is not its items' and is left out."""
    nullable: bool
    is_list: bool

    # Cached: walks read them for every value (a frozen dataclass keeps a __dict__).
    @cached_property
    def ref(self) -> str | None:
        """The kind of record a value names, when the field is a reference."""
        return next((marker.kind for marker in self.markers if isinstance(marker, Ref)), None)

    @cached_property
    def model(self) -> type[BaseModel] | None:
        """The model of each value, when each value is one nested object."""
        return self.core if _is_class(self.core, BaseModel) else None

    @cached_property
    def models(self) -> tuple[type[BaseModel], ...]:
        """Every model a value may be (one, or several in a union)."""
        return tuple(_classes(self.core, BaseModel))

    @cached_property
    def vocabulary(self) -> type[Vocabulary] | None:
        """The vocabulary of the values, if they are taken from one."""
        return self.find(Vocabulary)

    def find(self, base: type[T]) -> type[T] | None:
        """The first class derived from ``base`` that a value may be."""
        return next(iter(_classes(self.core, base)), None)


def declared(annotation: Any, metadata: tuple[Any, ...] | list[Any] = ()) -> Declared:
    """``annotation`` taken apart; ``metadata``: what pydantic took out of its outer
    ``Annotated`` (a :class:`FieldInfo`'s ``metadata``)."""
    markers = list(metadata)
    annotation = _unannotated(annotation, markers)
    nullable = False
    if get_origin(annotation) in (Union, UnionType):
        options = [option for option in get_args(annotation) if option is not NoneType]
        if len(options) < len(get_args(annotation)):
            nullable = True
            annotation = options[0] if len(options) == 1 else Union[tuple(options)]  # noqa: UP007
    is_list = get_origin(annotation) is list
    if is_list:
        annotation, markers = get_args(annotation)[0], []
    core = _unannotated(annotation, markers)
    return Declared(core, tuple(markers), nullable, is_list)


@cache
def fields_of(model: type[BaseModel]) -> tuple[tuple[str, FieldInfo, Declared], ...]:
    """Each field of ``model``, in declaration order, with its declared type: taken apart
    once per model, not again for every record."""
    return tuple((name, info, declared(info.annotation, info.metadata))
                 for name, info in model.model_fields.items())


def _unannotated(annotation: Any, markers: list[Any]) -> Any:
    """The type inside ``Annotated[...]``, its metadata added to ``markers``."""
    if get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        markers.extend(more)
    return annotation


def _is_class(candidate: Any, base: type) -> bool:
    # ``list[X]`` passes for a class in some checks but cannot be given to issubclass.
    return (isinstance(candidate, type) and not isinstance(candidate, GenericAlias)
            and issubclass(candidate, base))


def _classes(annotation: Any, base: type[T]) -> list[type[T]]:
    """Classes derived from ``base`` in ``annotation`` and its arguments, first found first."""
    if _is_class(annotation, base):
        return [annotation]
    found: list[type[T]] = []
    for argument in get_args(annotation):
        found.extend(_classes(_unannotated(argument, []), base))
    return found
