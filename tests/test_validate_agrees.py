"""Every fault the build can meet, `validate` reports first, at the same file:line, and
neither shows a traceback or runs for long."""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, VALID_AID, make_project, mkdocs, run

pytestmark = pytest.mark.e2e  # every test here runs a real build

SURVEY_TABLE = "tab04"
"""A real survey table, copied with its description into each project."""


def with_survey(project: Path) -> Path:
    """The project with one survey table (its description and CSV) from the real data, and
    the real reports it cites."""
    shutil.copy(ROOT / "data" / "sources.yaml", project / "data" / "sources.yaml")
    survey = project / "data" / "survey"
    survey.mkdir(exist_ok=True)
    tables = yaml.safe_load((ROOT / "data" / "survey" / "tables.yaml").read_text("utf-8"))
    [table] = [table for table in tables if table["id"] == SURVEY_TABLE]
    table.pop("discrepancies", None)
    (survey / "tables.yaml").write_text(yaml.safe_dump([table], allow_unicode=True), "utf-8")
    shutil.copy(ROOT / "data" / "survey" / f"{SURVEY_TABLE}.csv", survey)
    return project


def _csv(project: Path) -> Path:
    return project / "data" / "survey" / f"{SURVEY_TABLE}.csv"


def _replace_in_csv(old: str, new: str) -> Callable[[Path], None]:
    def breaks(project: Path) -> None:
        path = _csv(project)
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    return breaks


def _latin1(project: Path) -> None:
    path = _csv(project)
    path.write_bytes(path.read_text("utf-8").replace("Une adresse", "Une adressé", 1)
                     .encode("latin-1"))


def _folder_instead_of_aids(project: Path) -> None:
    aids = project / "data" / "aids.yaml"
    aids.unlink()
    aids.mkdir()


def _empty_aids(project: Path) -> None:
    (project / "data" / "aids.yaml").write_text("# plus rien\n", "utf-8")


def _profiles_in_menu_without_data(project: Path) -> None:
    # The real site's menu names the profile pages; data/profiles.yaml is optional otherwise.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "  - Profils: [profils/index.md]\n", "utf-8")
    assert not (project / "data" / "profiles.yaml").exists()


CASES = {
    # (how the data is broken, the file:line:col both must name, what the error says)
    "infini dans un CSV": (_replace_in_csv("95.7", "inf"), f"data/survey/{SURVEY_TABLE}.csv:2"),
    "nan dans un CSV": (_replace_in_csv("95.7", "nan"), f"data/survey/{SURVEY_TABLE}.csv:2"),
    "NUL dans un CSV": (_replace_in_csv("Une adresse", "Une\x00adresse"),
                        f"data/survey/{SURVEY_TABLE}.csv:2"),
    "CSV en Latin-1": (_latin1, f"data/survey/{SURVEY_TABLE}.csv:2"),
    "dossier à la place d'un fichier": (_folder_instead_of_aids, "data/aids.yaml:1:1"),
    "fichier vide": (_empty_aids, "data/aids.yaml:1:1"),
    "fichier absent dont le menu affiche les pages": (_profiles_in_menu_without_data,
                                                      "data/profiles.yaml:1:1"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validate_and_build_stop_at_the_same_place(tmp_path: Path, case: str):
    breaks, place = CASES[case]
    project = with_survey(make_project(tmp_path, VALID_AID))
    breaks(project)
    outputs = []
    for command in ([sys.executable, "-m", "generator", "validate"],
                    [sys.executable, "-m", "mkdocs", "build"]):
        started = time.monotonic()
        result = run(*command, cwd=project, check=False)
        seconds = time.monotonic() - started
        output = result.stdout + result.stderr
        assert result.returncode != 0, (command, output)
        assert "Traceback" not in output, output
        assert seconds < 30, f"{command[2]} took {seconds:.0f} s"
        outputs.append(output)
    validated, built = outputs
    assert place in validated, validated
    lines = [line for line in validated.splitlines() if re.match(r"data/\S+:\d+:\d+: ", line)]
    # The build reports the very errors validate reported, and one about the file itself
    # rather than a knock-on error per record.
    assert all(line in built for line in lines), (lines, built)
    assert len(lines) == 1, lines
    assert not (project / "site").exists()


def test_a_label_that_looks_like_tex_is_drawn_as_text(tmp_path: Path):
    project = with_survey(make_project(tmp_path, VALID_AID))
    _replace_in_csv("Une adresse mail professionnelle", "Une adresse $\\foo^$")(project)
    run(sys.executable, "-m", "generator", "validate", cwd=project)
    built = mkdocs("build", cwd=project)  # not --strict: the fixture's nav is partial
    assert "Traceback" not in built.stderr
    charts = list((project / "site").rglob(f"{SURVEY_TABLE}*.svg"))
    assert charts
    # The phone chart keeps its text as text: the label is there as written.
    assert any("$\\foo^$" in chart.read_text("utf-8") for chart in charts)
    pages = (page.read_text("utf-8") for page in (project / "site" / "enquete").rglob("*.html"))
    assert any("$\\foo^$" in page for page in pages)
