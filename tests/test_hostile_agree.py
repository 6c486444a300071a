"""Hostile data, continued: for the YAML classes of bad input (a URL smuggling Markdown,
an alias bomb, deep nesting, bad UTF-8, bidi controls, a 1 MB name), `validate` and the
build stop at the same file:line:column, without a traceback, in seconds
(tests/test_validate_agrees.py does the CSV classes); `new aid` with a bad id writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import VALID_AID, generator_cli, make_project, write_data
from tests.test_hostile_input import alias_bomb


def test_new_aid_with_a_bad_id_writes_nothing(tmp_path):
    data = write_data(tmp_path, VALID_AID)
    before = (data / "aids.yaml").read_bytes()
    for bad in ("../../evil", "catalogue", "x" * 81):
        result = generator_cli("new", "aid", "--id", bad, "--append", cwd=tmp_path)
        assert result.returncode == 2
        assert "Rien n'a été écrit" in result.stderr
    assert (data / "aids.yaml").read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "aids.yaml", "sources.yaml"]


AGREE = {
    "URL with a line break": lambda data: (data / "aids.yaml").write_text(VALID_AID.replace(
        '"https://example.org/aide"', '"https://example.org/\\n[clic](javascript:alert(1))"')),
    "alias bomb": lambda data: (data / "aids.yaml").write_text(alias_bomb(9)),
    "30,000 nested [": lambda data: (data / "aids.yaml").write_text("[" * 30_000),
    "empty aids.yaml": lambda data: (data / "aids.yaml").write_text(""),
    "aids.yaml is a folder": lambda data: ((data / "aids.yaml").unlink(),
                                           (data / "aids.yaml").mkdir()),
    "Latin-1 aids.yaml": lambda data: (data / "aids.yaml").write_bytes(
        VALID_AID.replace("Aide exemple", "Aide éé").encode("latin-1", "replace")),
    "bidi override in a name": lambda data: (data / "aids.yaml").write_text(
        VALID_AID.replace("Aide exemple", "Aide \u202eexemple")),
    "1 MB name": lambda data: (data / "aids.yaml").write_text(
        VALID_AID.replace("Aide exemple", "N" * 1_000_000)),
}


@pytest.mark.e2e
@pytest.mark.parametrize("case", AGREE)
def test_validate_and_build_fail_alike_at_the_same_place(tmp_path, case):
    project = make_project(tmp_path / "p", VALID_AID)
    AGREE[case](project / "data")
    outputs = []
    for command in (["-m", "generator", "validate"], ["-m", "mkdocs", "build", "--strict"]):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, *command], cwd=project, capture_output=True,
                                text=True, timeout=120,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert time.perf_counter() - started < 60
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        assert "Traceback" not in output, output
        outputs.append(output)
    [first] = [line for line in outputs[0].splitlines() if line.startswith("data/")][:1]
    assert first.split(": ")[0].count(":") == 2  # file:line:column
    assert first in outputs[1], (first, outputs[1])
    assert not (project / "site").exists()
