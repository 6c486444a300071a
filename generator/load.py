"""Load data files: validate their records, and keep where each one was written.

The text is read and checked by :mod:`yaml_guard`, parsed with its positions by
:mod:`yaml_nodes`; each pydantic error is explained by :mod:`messages`, at the line and
column of the faulty value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import performance
from .errors import DataError
from .messages import explain
from .schema.walk import Location
from .yaml_guard import MAX_DEPTH as MAX_DEPTH  # the loader's limits, named from here too
from .yaml_guard import MAX_FILE_BYTES as MAX_FILE_BYTES
from .yaml_guard import read_data_file
from .yaml_nodes import NodeIndex, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadedFile(Generic[M]):
    """The valid records of one data file, with what is needed to point back into it."""

    path: str
    label: str
    index: NodeIndex | None
    """None once the file is known valid: rebuilt from ``text`` if an error found later
    needs a position."""
    records: list[tuple[int, M]] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)
    """Line where each valid record starts, by position."""
    text: str = ""

    def __iter__(self) -> Iterator[M]:
        return (record for _, record in self.records)

    def _nodes(self) -> NodeIndex:
        if self.index is None:
            _, self.index, _ = read_yaml(self.text, self.path)
        return self.index

    def line_of(self, position: int) -> int:
        if position in self.lines:
            return self.lines[position]
        return self._nodes().position((position,))[0]

    def error(
        self,
        position: int,
        loc: Location,
        message: str,
        hint: str = "",
        *,
        record_id: str = "",
        at_key: bool = False,
    ) -> DataError:
        line, column = self._nodes().position((position, *loc), at_key=at_key)
        return DataError(
            path=self.path,
            line=line,
            column=column,
            location=format_location(self.label, (position, *loc)),
            message=message,
            hint=hint,
            record_id=record_id,
        )


def format_location(label: str, loc: Location) -> str:
    """``("aids", 3, "sources", 0, "pages")`` → ``aids[3].sources[0].pages``."""
    text = label
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def load_records(path: Path, model: type[M], *, root: Path, label: str) -> LoadedFile[M]:
    """Load a YAML list of ``model`` records; collect every error instead of stopping."""
    display = display_path(path, root)
    text, problem = read_data_file(
        path, display, label, f"Créez {display} (une liste YAML, éventuellement vide : []).")
    if problem is not None:
        loaded: LoadedFile[M] = LoadedFile(display, label, NodeIndex(None))
        loaded.errors.append(problem)
        return loaded
    assert text is not None
    return validate_records(text, display, model, label=label)


def validate_records(text: str, path: str, model: type[M], *, label: str) -> LoadedFile[M]:
    """Validate the records of one YAML text."""
    with performance.cycle_collector_paused():
        return _validate_records(text, path, model, label=label)


def _validate_records(text: str, path: str, model: type[M], *, label: str) -> LoadedFile[M]:
    data, index, errors = read_yaml(text, path)
    loaded: LoadedFile[M] = LoadedFile(path, label, index, errors=list(errors), text=text)
    if data is None:
        if not errors:  # empty, or comments only: a truncated file rather than no records
            loaded.errors.append(DataError(
                path, 1, 1, label, "le fichier est vide",
                "Un fichier de données est une liste de fiches ; écrivez [] s'il n'en a "
                "aucune."))
        return loaded
    if not isinstance(data, list):
        loaded.errors.append(DataError(
            path, 1, 1, label, "le fichier doit contenir une liste de fiches",
            "Chaque fiche commence par « - id: … » en début de ligne.",
        ))
        return loaded
    adapter = TypeAdapter(model)
    for position, raw in enumerate(data):
        record_id = raw.get("id") if isinstance(raw, dict) else None
        record_id = record_id if isinstance(record_id, str) else ""
        try:
            loaded.records.append((position, adapter.validate_python(raw)))
            loaded.lines[position] = index.position((position,))[0]
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = tuple(detail["loc"])
                message, hint = explain(detail, model)
                line, column = index.position((position, *loc),
                                              at_key=detail["type"] == "extra_forbidden")
                loaded.errors.append(DataError(
                    path, line, column, format_location(label, (position, *loc)),
                    message, hint, record_id))
    if not loaded.errors:
        # Every record's line is known. Positions are needed again only for an error found
        # later (a broken reference), and the text is then read again: the node tree is
        # freed here, before the cycle collector walks it.
        loaded.index = None
    return loaded


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


