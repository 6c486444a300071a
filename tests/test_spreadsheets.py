"""Spreadsheets (.xlsx) beside every CSV: the same values, with what the CSV cannot say."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from generator.catalog import load_catalog
from generator.spreadsheet import survey_table
from tests.conftest import ROOT


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def sheet_rows(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def real_catalog():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))


def test_every_survey_spreadsheet_holds_its_csv_values_and_description(built_site: Path):
    catalog = real_catalog()
    folder = built_site / "enquete" / "donnees"
    assert catalog.survey
    for table in catalog.survey:
        meta = table.meta
        rows = csv_rows(folder / f"{meta.id}.csv")
        book = load_workbook(folder / f"{meta.id}.xlsx")
        [sheet] = book.worksheets
        cells = sheet_rows(sheet)
        # What the table is, above it.
        assert meta.title in str(cells[0][0]), meta.id
        about = {row[0]: row[1] for row in cells[1:] if row and row[0] and len(row) > 1}
        assert about["Unité"] == meta.unit.label, meta.id
        assert f"{meta.source.section}, p. {meta.source.pages}" in about["Source"], meta.id
        if meta.population:
            assert about["Nombre de répondants (n)"] == meta.population, meta.id
        if meta.note:
            assert about["Note"] == meta.note, meta.id
        if meta.question:
            assert about["Question"] == meta.question, meta.id
        # Then the table: the CSV's header, and each value as a number (an empty cell empty).
        start = next(i for i, row in enumerate(cells) if row and row[0] == "label")
        table_cells = [row[:len(rows[0])] for row in cells[start:]]
        assert [str(value) for value in table_cells[0]] == rows[0], meta.id
        data = [row for row in rows[1:] if any(cell.strip() for cell in row)]
        assert len(table_cells) - 1 == len(data), meta.id
        for expected, got in zip(data, table_cells[1:], strict=True):
            assert got[0] == expected[0], meta.id
            for text, value in zip(expected[1:], got[1:], strict=True):
                if text.strip():
                    assert isinstance(value, int | float), (meta.id, text, value)
                    assert value == float(text), (meta.id, text, value)
                else:
                    assert value is None, (meta.id, value)


def test_every_open_data_spreadsheet_holds_its_csv(built_site: Path):
    folder = built_site / "donnees"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert index["datasets"]
    for dataset in index["datasets"]:
        name = dataset["name"]
        assert dataset["xlsx"].endswith(f"donnees/{name}.xlsx")
        rows = csv_rows(folder / f"{name}.csv")
        book = load_workbook(folder / f"{name}.xlsx")
        assert book.sheetnames == ["Données", "À propos"]
        cells = sheet_rows(book["Données"])
        assert len(cells) == len(rows), name
        for expected, got in zip(rows, cells, strict=True):
            assert ["" if value is None else value for value in got] == expected, name
        about = sheet_rows(book["À propos"])
        assert about[0][0] == dataset["title"]
        assert {row[0]: row[1] for row in about[1:]}["Fiches"] == str(dataset["count"])


def test_the_pages_offer_each_spreadsheet(built_site: Path):
    catalog = real_catalog()
    open_data = (built_site / "donnees" / "index.html").read_text(encoding="utf-8")
    index = json.loads((built_site / "donnees" / "index.json").read_text(encoding="utf-8"))
    for dataset in index["datasets"]:
        assert f'href="{dataset["name"]}.xlsx"' in open_data, dataset["name"]
    for table in catalog.survey:
        assert f'href="../enquete/donnees/{table.meta.id}.xlsx"' in open_data, table.meta.id
    linked = "".join(page.read_text(encoding="utf-8")
                     for page in (built_site / "enquete").glob("*/index.html"))
    for table in catalog.survey:
        assert f'href="../donnees/{table.meta.id}.xlsx"' in linked, table.meta.id


def test_a_spreadsheet_is_the_same_bytes_for_the_same_data(built_site: Path):
    catalog = real_catalog()
    table = catalog.survey[0]
    report = catalog.source(table.meta.source.report)
    first = survey_table(table, report, site_name="Site")
    assert survey_table(table, report, site_name="Site") == first
    # No date of writing anywhere: not in the archive, not in the document's properties.
    for path in [*(built_site / "donnees").glob("*.xlsx"),
                 *(built_site / "enquete" / "donnees").glob("*.xlsx")]:
        with zipfile.ZipFile(path) as archive:
            assert {member.date_time for member in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode()
        assert core.count("2000-01-01T00:00:00Z") == 2, path


def test_spreadsheets_are_kept_in_the_project_cache_until_their_data_change(
        tmp_path, monkeypatch, real_catalog):
    from generator import spreadsheet
    from generator.spreadsheet import records_sheet

    table = real_catalog.survey[0]
    report = real_catalog.source(table.meta.source.report)
    cache = tmp_path / ".cache" / "spreadsheets"
    made = survey_table(table, report, site_name="Site", cache_dir=cache)
    assert made == survey_table(table, report, site_name="Site")  # the same as uncached
    sheet = records_sheet("aids", "Aides", ["id"], [["a"]], site_name="Site", about=[],
                          cache_dir=cache)

    def unreachable(*args: object) -> bytes:
        raise AssertionError("refait alors qu'une copie était gardée")

    with monkeypatch.context() as patch:
        patch.setattr(spreadsheet, "_survey_workbook", unreachable)
        patch.setattr(spreadsheet, "_records_workbook", unreachable)
        assert survey_table(table, report, site_name="Site", cache_dir=cache) == made
        assert records_sheet("aids", "Aides", ["id"], [["a"]], site_name="Site", about=[],
                             cache_dir=cache) == sheet
    # Other data or another site: made again, and the old copy replaced.
    other = survey_table(table, report, site_name="Autre site", cache_dir=cache)
    assert other != made
    assert sheet != records_sheet("aids", "Aides", ["id"], [["b"]], site_name="Site",
                                  about=[], cache_dir=cache)
    assert len(list(cache.glob(f"enquete-{table.meta.id}-*.xlsx"))) == 1
    assert len(list(cache.glob("donnees-aids-*.xlsx"))) == 1
