"""Spreadsheets (.xlsx) beside the CSV files, for readers who open them in Excel or LibreOffice.

A CSV stays the file for machines (UTF-8, comma, dot decimals), but Excel in a French or
Belgian locale reads it as one column with broken accents. The .xlsx holds the same values,
typed (numbers as numbers), with what the CSV cannot say: the table's title, question, n,
unit, source and notes. Written with openpyxl; the same data gives the same bytes (fixed
document dates, fixed dates in the zip archive), so a rebuild changes no download.

Writing a workbook is slow next to the page it is offered on: with ``cache_dir``, each is
written again only when what it holds, this module or openpyxl changes (generator/cache.py), and
openpyxl is imported only then.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cached, package_version, source_digest
from .schema import Source
from .survey import Table

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FIXED_TIME = datetime(2000, 1, 1)
"""Document dates written into every spreadsheet: the build's date would change its bytes."""
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _workbook(title: str, author: str) -> tuple[Workbook, Worksheet]:
    from openpyxl import Workbook
    book = Workbook()
    book.properties.creator = author
    book.properties.lastModifiedBy = author
    book.properties.title = title
    book.properties.language = "fr-BE"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    sheet = book.active
    assert sheet is not None
    return book, sheet


def _save(book: Workbook) -> bytes:
    """The workbook's bytes, with no time of writing in them: openpyxl's ``save`` sets the
    « modified » property to now (its ExcelWriter, used here, does not), and the zip holds
    the time each member was written (rewritten with a fixed one)."""
    # openpyxl stores a text starting with « = » as a formula: no cell of ours is one, and
    # a text from the data must never run (« CSV injection », see formulas.py).
    from openpyxl.writer.excel import ExcelWriter
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(written.getvalue())) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member.filename))
    return fixed.getvalue()


def _widths(sheet: Worksheet, first_row: int, limit: int = 60) -> None:
    """Columns as wide as their longest cell from ``first_row`` on (up to ``limit``)."""
    from openpyxl.utils import get_column_letter
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is not None:
                length = len(str(cell.value))
                widths[cell.column] = max(widths.get(cell.column, 0), min(length, limit))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(8, width + 2)


def survey_table(table: Table, report: Source, *, site_name: str, page_url: str = "",
                 cache_dir: Path | None = None) -> bytes:
    """One survey table: what it is (title, question, n, unit, source, notes), then its
    values under the same header as its CSV (``label``, then the printed columns)."""
    # The values as read (survey.py), not only the CSV: a change in how it is read shows.
    key = json.dumps([table.columns, table.rows, table.meta.model_dump(mode="json"),
                      report.model_dump(mode="json"), site_name, page_url]).encode()
    return cached(cache_dir, f"enquete-{table.meta.id}", key + _code_key(),
                  lambda: _survey_workbook(table, report, site_name, page_url), suffix=".xlsx")


def _survey_workbook(table: Table, report: Source, site_name: str, page_url: str) -> bytes:
    from openpyxl.styles import Alignment, Font
    meta = table.meta
    title = f"{meta.number} — {meta.title}" if meta.number else meta.title
    book, sheet = _workbook(title, site_name)
    sheet.title = "Tableau"
    about: list[tuple[str, str | int]] = [
        ("Question", meta.question or ""),
        ("Nombre de répondants (n)", meta.population or ""),
        ("Unité", meta.unit.label),
        ("Source", f"{', '.join(report.authors)}, {report.title}, {report.publisher}, "
                   f"{report.published}, {meta.source.section}, p. {meta.source.pages}"),
        ("Note", meta.note or ""),
        ("Colonnes", " ; ".join(f"{short} = {long}"
                                for short, long in meta.columns_legend.items())),
        ("Publié par", f"{site_name}{', ' + page_url if page_url else ''} "
                       "(valeurs telles qu'imprimées dans le rapport)"),
    ]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in about:
        if value != "":
            sheet.append([label, value])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
            sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=False)
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(["label", *table.columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for label, values in table.rows:
        sheet.append([label, *values])
    sheet.freeze_panes = f"B{header_row + 1}"  # labels and header stay in view
    _widths(sheet, header_row)
    return _save(book)


def records_sheet(name: str, title: str, header: Sequence[str], rows: Iterable[Sequence[str]],
                  *, site_name: str, about: Sequence[tuple[str, str]],
                  cache_dir: Path | None = None) -> bytes:
    """A data set (``name``, as in its file names): its records in a first sheet « Données »,
    cell for cell as in its CSV (the same header, the same text), and a second sheet « À
    propos » saying what they are."""
    cells = [list(row) for row in rows]
    key = json.dumps([title, list(header), cells, site_name, list(about)]).encode()
    return cached(cache_dir, f"donnees-{name}", key + _code_key(),
                  lambda: _records_workbook(title, header, cells, site_name, about),
                  suffix=".xlsx")


def _records_workbook(title: str, header: Sequence[str], rows: list[list[str]], site_name: str,
                      about: Sequence[tuple[str, str]]) -> bytes:
    from openpyxl.styles import Alignment, Font
    book, sheet = _workbook(title, site_name)
    sheet.title = "Données"
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # An empty CSV cell is an empty cell, not an empty text.
        sheet.append([value if value != "" else None for value in row])
    sheet.freeze_panes = "A2"
    _widths(sheet, 1, limit=40)
    notes = book.create_sheet("À propos")
    notes.append([title])
    notes["A1"].font = Font(bold=True, size=13)
    for label, value in about:
        notes.append([label, value])
        notes.cell(notes.max_row, 1).font = Font(bold=True)
        notes.cell(notes.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 100
    return _save(book)


def _code_key() -> bytes:
    """What writes the bytes: this module and openpyxl."""
    return _SOURCE_DIGEST + package_version("openpyxl")


_SOURCE_DIGEST = source_digest(sys.modules[__name__])
