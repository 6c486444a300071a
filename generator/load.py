"""Load data files: validate their records, and keep where each one was written.

The text is read and checked by :mod:`yaml_guard`, parsed with its positions by
:mod:`yaml_nodes`; each pydantic error is explained by :mod:`messages`, at the line and
column of the faulty value.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

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
    """None after a parallel load: rebuilt from ``text`` if an error needs a position."""
    records: list[tuple[int, M]] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)
    """Line where each valid record starts, by position."""
    text: str = ""
    parsed: int = 0
    """How many list items the YAML held (valid or not)."""

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
    if len(text) >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1:
        return _validate_in_parallel(text, display, model, label=label)
    return validate_records(text, display, model, label=label)


PARALLEL_FROM_BYTES = 2_000_000
"""Files this large (about 1,300 aids) are parsed and validated on every core."""


def _validate_in_parallel(text: str, path: str, model: type[M], *, label: str) -> LoadedFile[M]:
    """Split the list at its records (lines starting with « - » at column 0), validate the
    chunks in worker processes, and merge. Positions, lines and columns stay exact: each
    chunk keeps its line offset and its first record's position."""
    starts = [match.start() for match in _RECORD_START.finditer(text)]
    head = text[: starts[0]] if starts else text
    if len(starts) < 2 or any(line.strip() and not line.lstrip().startswith("#")
                              for line in head.splitlines()):
        return validate_records(text, path, model, label=label)  # not a plain block list
    # Imported here: only files of more than 1,300 aids need them (8 ms on every build).
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    workers = min(os.cpu_count() or 1, 4)
    firsts = sorted({len(starts) * n // workers for n in range(workers)})
    ends = [starts[first] for first in firsts[1:]] + [len(text)]
    jobs = [(text.count("\n", 0, starts[first]), first, text[starts[first]:end], path, model,
             label) for first, end in zip(firsts, ends, strict=True)]
    with ProcessPoolExecutor(len(jobs), mp_context=get_context("fork")) as pool:
        parts = list(pool.map(_validate_chunk, jobs))
    if any(part.syntax_error for part in parts) or sum(p.parsed for p in parts) != len(starts):
        return validate_records(text, path, model, label=label)  # a chunk did not parse alone
    merged: LoadedFile[M] = LoadedFile(path, label, None, text=text)
    for part in parts:
        merged.records.extend(part.records)
        merged.errors.extend(part.errors)
        merged.lines.update(part.lines)
    return merged


_RECORD_START = re.compile(r"^- ", re.MULTILINE)


@dataclass
class _Chunk:
    """What a worker sends back: no YAML nodes (they are heavy to pickle)."""

    records: list[tuple[int, Any]]
    errors: list[DataError]
    lines: dict[int, int]
    parsed: int
    syntax_error: bool


def _validate_chunk(job: tuple[int, int, str, str, type[M], str]) -> _Chunk:
    line_offset, first, text, path, model, label = job
    # Blank lines in front keep every line number as in the whole file.
    loaded = validate_records("\n" * line_offset + text, path, model, label=label,
                              first_position=first)
    return _Chunk(loaded.records, loaded.errors, loaded.lines, loaded.parsed,
                  any(error.location == "YAML" for error in loaded.errors))


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Parsing and validating allocate millions of objects and no reference cycles: the
    cycle collector would only walk the growing heap again and again (40 % of the time of
    10,000 aids). It runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_records(
    text: str, path: str, model: type[M], *, label: str, first_position: int = 0
) -> LoadedFile[M]:
    """Validate the records of one YAML text. ``first_position`` numbers them from there
    (for a chunk of a larger file)."""
    with _cycle_collector_paused():
        return _validate_records(text, path, model, label=label, first_position=first_position)


def _validate_records(
    text: str, path: str, model: type[M], *, label: str, first_position: int
) -> LoadedFile[M]:
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
    loaded.parsed = len(data)
    for local, raw in enumerate(data):
        record_id = raw.get("id") if isinstance(raw, dict) else None
        record_id = record_id if isinstance(record_id, str) else ""
        position = first_position + local
        try:
            loaded.records.append((position, adapter.validate_python(raw)))
            loaded.lines[position] = index.position((local,))[0]
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = tuple(detail["loc"])
                message, hint = explain(detail, model)
                line, column = index.position((local, *loc),
                                              at_key=detail["type"] == "extra_forbidden")
                loaded.errors.append(DataError(
                    path, line, column, format_location(label, (position, *loc)),
                    message, hint, record_id))
    if not loaded.errors:
        # Every record's line is known. Positions are needed again only for an error found
        # later (a broken reference), and the text is then read again: the node tree is
        # freed here, before the cycle collector walks it (a tenth of the loading time).
        loaded.index = None
    return loaded


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


