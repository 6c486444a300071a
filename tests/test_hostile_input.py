"""Hostile data: every string field of every data file, generated from the models, gets the
payloads that broke the site (bidi and control characters, over-long text, white space in
URLs); hostile YAML (aliases, deep nesting, huge files) and CSV (formulas, inf, NUL) are
refused at a file:line:column, quickly, without a traceback."""

from __future__ import annotations

import copy
import csv
import functools
import io
import itertools
import subprocess
import sys
import time
from collections.abc import Iterator
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from generator.load import MAX_DEPTH, MAX_FILE_BYTES, format_location, validate_records
from generator.schema import RECORD_KINDS
from generator.survey import SURVEY_FILES
from tests.conftest import ROOT, VALID_AID, write_data

# The test's own YAML work (writing each case, finding its lines) through libyaml when
# present: in pure Python it cost five times what the code under test does.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

KEY, VALUE = "<key>", "<value>"
"""Steps of a location that stand for a key or a value of a dictionary (columns_legend)."""

FILES = {kind: (f"data/{kind}.yaml", info.model) for kind, info in RECORD_KINDS.items()} | {
    name: (f"data/survey/{name}.yaml", model) for name, model in SURVEY_FILES.items()}


def string_fields(model: type[BaseModel], loc: tuple[Any, ...] = ()) -> Iterator[
        tuple[tuple[Any, ...], list[Any]]]:
    """``(location, constraints)`` of every string a record of ``model`` can hold, nested
    objects, list items and dictionary keys included (a list item is at index 0)."""
    for name, info in model.model_fields.items():
        yield from _strings(info.annotation, list(info.metadata), (*loc, name))


def _strings(annotation: Any, metadata: list[Any], loc: tuple[Any, ...]) -> Iterator[
        tuple[tuple[Any, ...], list[Any]]]:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        yield from _strings(args[0], [*metadata, *args[1:]], loc)
    elif origin in (Union, UnionType):
        for option in args:
            if option is not NoneType:
                yield from _strings(option, metadata, loc)
    elif origin is list:
        yield from _strings(args[0], [], (*loc, 0))
    elif origin is dict:
        yield from _strings(args[0], [], (*loc, KEY))
        yield from _strings(args[1], [], (*loc, VALUE))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from string_fields(annotation, loc)
    elif annotation is str:  # not a vocabulary (a StrEnum): those are closed lists
        yield loc, metadata


def max_length(metadata: list[Any]) -> int | None:
    lengths = [m.max_length for m in metadata if getattr(m, "max_length", None) is not None]
    return min(lengths) if lengths else None


def is_url(metadata: list[Any]) -> bool:
    return any(getattr(getattr(m, "func", None), "__name__", "") == "_http_url"
               for m in metadata)


def real_records(kind: str) -> list[dict[str, Any]]:
    # A copy: the tests change records in place.
    return copy.deepcopy(_parsed(kind))


@functools.cache
def _parsed(kind: str) -> list[dict[str, Any]]:
    """Each real data file parsed once (pure-Python PyYAML: 0.2 s for aids.yaml, once per
    string field otherwise)."""
    return yaml.load((ROOT / FILES[kind][0]).read_text(encoding="utf-8"), Loader=FAST_LOADER)


def _get(value: Any, loc: tuple[Any, ...]) -> Any:
    for step in loc:
        if step in (KEY, VALUE):
            if not isinstance(value, dict) or not value:
                raise LookupError
            key, item = next(iter(value.items()))
            value = key if step == KEY else item
        elif isinstance(step, int):
            if not isinstance(value, list) or not value:
                raise LookupError
            value = value[0]
        else:
            if not isinstance(value, dict) or value.get(step) is None:
                raise LookupError
            value = value[step]
    return value


def example(kind: str, loc: tuple[Any, ...]) -> dict[str, Any]:
    """A record of the real data with a value at ``loc``; else one where the value can be
    added (its parent object exists, the field or list being absent or empty)."""
    records = real_records(kind)
    for record in records:
        try:
            if isinstance(_get(record, loc), str):
                return record
        except LookupError:
            continue
    # The deepest object on the way that exists: the rest of the way is created.
    parent = loc[:-1]
    while parent and not isinstance(parent[-1], str):
        parent = parent[:-1]
    for record in records:
        try:
            if isinstance(_get(record, parent[:-1] if parent else ()), dict):
                return record
        except LookupError:
            continue
    raise LookupError(f"{kind}: aucune fiche ne peut recevoir de valeur en {loc}")


def replaced(record: dict[str, Any], loc: tuple[Any, ...], value: str) -> dict[str, Any]:
    """A copy of ``record`` with ``value`` at ``loc`` (the first item of each list)."""
    record = copy.deepcopy(record)
    parent: Any = record
    for step, following in itertools.pairwise(loc):
        empty: Any = {} if isinstance(following, str) and following != KEY else [] \
            if isinstance(following, int) else {"k": "v"}
        if isinstance(step, int):
            if not parent:
                parent.append(empty)
            parent = parent[0]
        elif step == VALUE:
            parent = next(iter(parent.values()))
        else:
            if parent.get(step) in (None, [], {}):
                parent[step] = empty
            parent = parent[step]
    last = loc[-1]
    if last in (KEY, VALUE):
        if not parent:
            parent["k"] = "v"
        old = next(iter(parent))
        items = list(parent.items())
        parent.clear()
        parent.update({(value if key == old else key) if last == KEY else key:
                       (value if key == old and last == VALUE else item)
                       for key, item in items})
    elif isinstance(last, int):
        if parent:
            parent[0] = value
        else:
            parent.append(value)
    else:
        parent[last] = value
    return record


def value_lines(text: str, loc: tuple[Any, ...]) -> set[int]:
    """Lines of the value at ``loc`` in the first record of ``text`` (and of its key), read
    by PyYAML itself: the lines an error about that value may point at."""
    node = yaml.compose(text, Loader=FAST_LOADER).value[0]
    lines = {node.start_mark.line + 1}
    for step in loc:
        if step in (KEY, VALUE):
            key, value = node.value[0]
            return {key.start_mark.line + 1, value.start_mark.line + 1}
        if isinstance(step, int):
            node = node.value[0]
        else:
            key, node = next((k, v) for k, v in node.value if k.value == step)
            lines = {key.start_mark.line + 1}
        lines.add(node.start_mark.line + 1)
    return lines


FIELDS = [(kind, loc, metadata) for kind, (_, model) in FILES.items()
          for loc, metadata in string_fields(model)]


def test_the_models_have_string_fields_in_every_file():
    # The generated cases below cover what the models declare: not an empty list.
    assert {kind for kind, _, _ in FIELDS} == set(FILES)
    assert len(FIELDS) > 100


@pytest.mark.parametrize(("kind", "loc", "metadata"), FIELDS,
                         ids=[f"{kind}.{format_location('', loc)}" for kind, loc, _ in FIELDS])
def test_every_string_field_is_bounded_and_refuses_invisible_characters(kind, loc, metadata):
    limit = max_length(metadata)
    assert limit is not None, "every string field has a maximum length"
    assert limit <= 5000
    payloads = {
        "bidi override": "abc\u202edef",
        "bidi isolate": "abc\u2067def",
        "C0 control": "abc\x07def",
        "NUL": "abc\x00def",
        "C1 control": "abc\x85def",
        "line separator": "abc\u2028def",
        "too long": "x" * (limit + 1),
    }
    if is_url(metadata):
        payloads |= {"URL with a line break": "https://example.org/\n[clic](javascript:x)",
                     "URL with a space": "https://example.org/a b",
                     "URL with a tab": "https://example.org/a\tb"}
    try:
        record = example(kind, loc)
    except LookupError:
        pytest.fail(f"no record of data/{kind} holds {loc}: add one to the real data or "
                    "extend this test")
    path, model = FILES[kind]
    # A dictionary's key or value is reported under the dictionary's own location.
    where = format_location(kind, (0, *[s for s in loc if s not in (KEY, VALUE)]))
    for name, payload in payloads.items():
        text = yaml.dump([replaced(record, loc, payload)], Dumper=FAST_DUMPER,
                         allow_unicode=False, sort_keys=False, width=10_000)
        started = time.perf_counter()
        loaded = validate_records(text, path, model, label=kind)
        assert time.perf_counter() - started < 5
        assert not loaded.records, f"{name} accepted in {where}"
        located = [error for error in loaded.errors if error.location.startswith(where)]
        assert located, f"{name} in {where}: {[str(e) for e in loaded.errors]}"
        error = located[0]
        assert error.path == path
        assert error.line >= 1
        assert error.column >= 1
        assert error.hint, str(error)
        assert error.line in value_lines(text, loc), (str(error), name)
        assert len(error.message) < 300  # a 5,000-character value is never echoed whole


def test_a_url_field_is_never_written_as_markup(tmp_path):
    # The URL of the issue: refused at validation, at the line of the value.
    text = VALID_AID.replace('  url: "https://example.org/aide"',
                             '  url: "https://example.org/\\n[clic](javascript:alert(1))\\n"')
    loaded = validate_records(text, "data/aids.yaml", RECORD_KINDS["aids"].model, label="aids")
    [error] = loaded.errors
    assert (error.line, error.column) == (16, 8)
    assert "saut de ligne" in error.message


# --------------------------------------------------------------------------- hostile YAML


def alias_bomb(levels: int) -> str:
    lines = ['- &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"- &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


HOSTILE_YAML = {
    "alias bomb (9 levels)": (alias_bomb(9), (1, 3), "alias"),
    "alias and merge key": ("- &base {id: a}\n- <<: *base\n  id: b\n", (1, 3), "alias"),
    "30,000 nested [": ("[" * 30_000 + "]" * 30_000 + "\n", (1, MAX_DEPTH + 1), "imbrication"),
    "30,000 nested block lists": ("- " * 30_000 + "x\n", (1, 2 * MAX_DEPTH + 1), "imbrication"),
    "30,000 nested {a:": ("{a: " * 30_000 + "}" * 30_000 + "\n", (1, 4 * MAX_DEPTH + 1),
                          "imbrication"),
}


@pytest.mark.parametrize("case", HOSTILE_YAML)
def test_hostile_yaml_is_refused_quickly_at_its_line(tmp_path, case):
    text, (line, column), word = HOSTILE_YAML[case]
    write_data(tmp_path, text)
    started = time.perf_counter()
    # A subprocess: a segmentation fault in libyaml must fail this test, not end the run.
    result = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30)
    assert time.perf_counter() - started < 15
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"data/aids.yaml:{line}:{column}: YAML: " in result.stderr, result.stderr
    assert word in result.stderr


def test_a_file_larger_than_the_cap_is_not_read(tmp_path):
    data = write_data(tmp_path, VALID_AID)
    with (data / "aids.yaml").open("r+b") as handle:  # sparse: nothing is really written
        handle.truncate(MAX_FILE_BYTES + 1)
    result = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "data/aids.yaml:1:1: aids: fichier trop gros (50\u202f000\u202f001 octets, au plus " \
           "50\u202f000\u202f000 octets)" in result.stderr


def test_the_real_data_uses_no_alias_and_little_nesting():
    # The limits refuse nothing the data needs (the depth of the deepest real value).
    from generator.yaml_guard import structure_error

    for path, _ in FILES.values():
        assert structure_error((ROOT / path).read_text(encoding="utf-8"), path) is None


# --------------------------------------------------------------------------- CSV formulas


def test_text_cells_of_the_exports_are_neutralised_numbers_are_not():
    from pydantic import Field

    from generator.formulas import neutralised_csv
    from generator.opendata import records_csv

    class Row(BaseModel):
        name: str
        note: str | None = None
        count: int = Field(default=0)
        ratio: float = 0.0

    rows = [{"name": "=HYPERLINK(\"http://x\",\"y\")", "note": "+32 2 000", "count": -5,
             "ratio": -1.5},
            {"name": "@SUM(A1)", "note": "-tiret", "count": 3, "ratio": 2.0},
            {"name": "\tTab", "note": "=CR", "count": 0, "ratio": 0.0},
            {"name": "Texte normal", "note": None, "count": 1, "ratio": 1.0}]
    read = list(csv.DictReader(io.StringIO(records_csv(Row, rows))))
    assert [r["name"] for r in read] == ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)",
                                         "'\tTab", "Texte normal"]
    # (A carriage return cannot reach an export: text fields refuse control characters.)
    assert [r["note"] for r in read] == ["'+32 2 000", "'-tiret", "'=CR", ""]
    assert [r["count"] for r in read] == ["-5", "3", "0", "1"]  # numbers stay numbers
    assert [r["ratio"] for r in read] == ["-1.5", "2.0", "0.0", "1.0"]
    survey = "label,Valeur\n=1+1,-3.5\nNormal,2\n"
    assert neutralised_csv(survey, {0}) == "label,Valeur\n'=1+1,-3.5\nNormal,2\n"
    assert neutralised_csv("label,Valeur\nNormal,-2\n", {0}) == "label,Valeur\nNormal,-2\n"
