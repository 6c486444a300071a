"""CSV cells a spreadsheet would run as formulas (« CSV injection »), neutralised.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
by Excel, LibreOffice and Google Sheets as a formula, which can fetch a URL or run a
command (``=HYPERLINK(…)``, ``=cmd|…``). As OWASP recommends, such a cell is written with a
single quote in front: a spreadsheet shows the text, and the quote says it was added. Only
text cells are touched: numbers (a negative value), dates and booleans stay as they are.
The JSON exports keep the exact text.
"""

from __future__ import annotations

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """``=1+1`` → ``'=1+1``; any other text unchanged."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def neutralised_csv(text: str, text_columns: set[int], header: bool = True) -> str:
    """A CSV file with its text cells neutralised (``text_columns``, and every header cell),
    written back unchanged when none needs it."""
    rows = list(csv.reader(io.StringIO(text)))
    if not any(cell.startswith(FORMULA_START)
               for number, row in enumerate(rows)
               for column, cell in enumerate(row)
               if column in text_columns or (header and number == 0)):
        return text
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, row in enumerate(rows):
        writer.writerow([neutralised(cell) if column in text_columns or (header and number == 0)
                         else cell for column, cell in enumerate(row)])
    return out.getvalue()
