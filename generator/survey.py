"""Survey tables: their metadata (data/survey/tables.yaml) and their CSV files, checked.

Each table of the survey report is a CSV file as printed (first column ``label``, one column
per printed column, numbers with a dot). tables.yaml says what each one is; this module
checks that every CSV matches what its entry declares, with errors at file:line:column.
"""

from __future__ import annotations

import csv
import io
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import cached, package_version, source_digest
from .errors import DataError
from .formulas import neutralised_csv
from .load import LoadedFile, display_path
from .schema import (
    FIND_INVISIBLE,
    MAX_TEXT,
    Record,
    SurveyLayout,
    SurveySummary,
    SurveyTable,
    SurveyUnit,
    describe_char,
)
from .yaml_guard import read_data_file

DISTRIBUTION_TOLERANCE = 1.5
"""How far from 100 a printed distribution may add up (rounding of the printed shares)."""


@dataclass(frozen=True)
class Table:
    """A checked table: its description and its values as printed."""

    meta: SurveyTable
    columns: list[str]
    rows: list[tuple[str, list[float | None]]]
    csv_text: str
    """The CSV file as written by the maintainers."""

    def download(self) -> str:
        """The CSV offered for download: as written, except that a label or header that a
        spreadsheet would run as a formula starts with a single quote (generator/formulas.py)."""
        return neutralised_csv(self.csv_text, {0})


PROFILE_TABLES = frozenset({"tab03-positioning", "tab03-employment", "tab03-processes",
                            "tab03-services", "tab03-needs"})
"""The parts of Tableau 3 that give each profile's values, one column per profile (the
self-assessment's questions): a profile's ``column`` must be in each."""

SURVEY_FILES: dict[str, type[Record]] = {"tables": SurveyTable, "themes": SurveySummary}
"""The description files of data/survey/: loaded and checked like the other data files."""


def check_tables(
    loaded: LoadedFile[SurveyTable], unique: dict[str, SurveyTable], survey_dir: Path, *,
    root: Path
) -> tuple[list[Table], list[DataError]]:
    """Every described table with its CSV values, and every mismatch between the two.

    ``unique``: the entries by id, a repeated id (already an error) being checked once.
    """
    errors: list[DataError] = []
    tables = []
    declared = set(unique)
    for position, meta in loaded.records:
        if unique.get(meta.id) is not meta:
            continue
        path = survey_dir / f"{meta.id}.csv"
        if not path.exists():
            errors.append(loaded.error(position, ("id",), f"fichier {meta.id}.csv introuvable",
                                       f"Ajoutez {display_path(path, root)}.", record_id=meta.id))
            continue
        text, problem = read_data_file(path, display_path(path, root), meta.id)
        if problem is not None:
            errors.append(problem)
            continue
        assert text is not None
        table, table_errors = read_table(text, meta, display_path(path, root))
        errors.extend(table_errors)
        if table is not None:
            tables.append(table)
    # With a broken tables.yaml every CSV would look undeclared: report the cause only.
    for path in sorted(survey_dir.glob("*.csv")) if not loaded.errors else []:
        if path.stem not in declared:
            errors.append(DataError(display_path(path, root), 1, 1, path.stem,
                                    "tableau absent de tables.yaml",
                                    "Décrivez-le dans data/survey/tables.yaml (source, unité…)."))
    return tables, errors


def read_table(text: str, meta: SurveyTable, path: str) -> tuple[Table | None, list[DataError]]:
    """Parse one CSV and check it against its description."""
    errors = _text_errors(text, meta, path)
    if errors:  # a NUL or a bidi control in a label: the rest would only add noise
        return None, errors
    reader = list(csv.reader(io.StringIO(text)))
    if not reader or not reader[0] or reader[0][0] != "label":
        return None, [DataError(path, 1, 1, meta.id, "la première colonne doit s'appeler « label »",
                                "Première ligne : label,<colonne>,<colonne>…")]
    columns = reader[0][1:]
    if not columns:
        return None, [DataError(path, 1, 1, meta.id, "aucune colonne de valeurs", "")]
    rows: list[tuple[str, list[float | None]]] = []
    for line_number, row in enumerate(reader[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns) + 1:
            errors.append(DataError(path, line_number, 1, meta.id,
                                    f"{len(row)} cellules au lieu de {len(columns) + 1}",
                                    "Mettez entre guillemets les libellés qui contiennent une "
                                    "virgule."))
            continue
        values: list[float | None] = []
        for index, cell in enumerate(row[1:]):
            column = sum(len(c) + 1 for c in row[: index + 1]) + 1
            parsed = _number(cell)
            value = parsed if isinstance(parsed, float) else None
            if parsed is _INVALID:
                errors.append(DataError(path, line_number, column, f"{meta.id}.{columns[index]}",
                                        f"« {cell} » n'est pas un nombre",
                                        "Écrivez 92.6 pour « 92,6% » (point décimal, sans %)."))
            elif value is not None and not _in_range(value, meta.unit):
                errors.append(DataError(path, line_number, column, f"{meta.id}.{columns[index]}",
                                        f"valeur {value} hors de l'échelle ({meta.unit.label})",
                                        _RANGE_HINTS[meta.unit]))
            values.append(value)
        rows.append((row[0], values))
    if meta.distribution:
        errors.extend(_check_sums(columns, rows, meta, path))
    expected = _EXPECTED_COLUMNS.get(meta.layout)
    if expected and columns != expected:
        errors.append(DataError(path, 1, 1, meta.id,
                                f"colonnes {','.join(columns)} au lieu de {','.join(expected)}",
                                f"La mise en page « {meta.layout.value} » attend ces colonnes."))
    return Table(meta, columns, rows, text), errors


def _text_errors(text: str, meta: SurveyTable, path: str) -> list[DataError]:
    """Labels are texts like any other: no invisible character, no over-long line."""
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = FIND_INVISIBLE.search(line)
        if found:
            errors.append(DataError(
                path, number, found.start() + 1, meta.id,
                f"caractère de contrôle invisible ({describe_char(found.group())})",
                "Supprimez-le (copié d'un PDF ?) ; les caractères qui inversent le sens de "
                "lecture sont refusés."))
        elif len(line) > MAX_TEXT:
            errors.append(DataError(path, number, 1, meta.id,
                                    f"ligne trop longue ({len(line)} caractères)",
                                    f"Au plus {MAX_TEXT} caractères par ligne."))
    return errors


_INVALID = object()


def _number(cell: str) -> float | object | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        value = float(cell)
    except ValueError:
        return _INVALID
    # « inf », « nan », « 1e999 »: not numbers of a printed table, and not valid JSON.
    return value if math.isfinite(value) else _INVALID


def _in_range(value: float, unit: SurveyUnit) -> bool:
    if unit == SurveyUnit.PERCENT:
        return 0 <= value <= 100
    if unit == SurveyUnit.MEAN_7:
        return 1 <= value <= 7
    return value >= 0


_RANGE_HINTS = {
    SurveyUnit.PERCENT: "Un pourcentage va de 0 à 100.",
    SurveyUnit.MEAN_7: "Une moyenne sur l'échelle en 7 points va de 1 à 7.",
    SurveyUnit.COUNT: "Un effectif est positif.",
    SurveyUnit.OTHER: "Une valeur positive, telle qu'imprimée.",
}

_EXPECTED_COLUMNS = {
    SurveyLayout.BREAKDOWN_SIZE: ["Micro", "Petite", "Moyenne", "Grande", "Total"],
}


def _check_sums(columns: list[str], rows: list[tuple[str, list[float | None]]],
                meta: SurveyTable, path: str) -> list[DataError]:
    errors = []
    for index, column in enumerate(columns):
        values = [value for _, row_values in rows if (value := row_values[index]) is not None]
        if values and abs(sum(values) - 100) > DISTRIBUTION_TOLERANCE:
            errors.append(DataError(
                path, 1, 1, f"{meta.id}.{column}",
                f"la colonne totalise {sum(values):.1f} au lieu d'environ 100",
                "Une répartition (réponses exclusives) doit totaliser 100 ; sinon, mettez "
                "distribution: false dans tables.yaml."))
    return errors


# --------------------------------------------------------------------------- rendering

TOTAL_COLUMNS = frozenset({"Total", "Tot", "Tot."})
# Okabe-Ito colours (distinguishable with colour-blindness), each series also has its own
# hatch pattern: colour is never the only way to tell series apart.
SERIES_STYLES = [("#0072B2", ""), ("#D55E00", "//"), ("#009E73", ".."), ("#CC79A7", "xx"),
                 ("#E69F00", "\\\\"), ("#56B4E9", "--"), ("#000000", "++")]


def french_number(value: float | None, unit: SurveyUnit) -> str:
    """92.6 → « 92,6% », 5.88 → « 5,88 », None → « – » (not printed in the report)."""
    if value is None or value != value:  # None or NaN
        return "–"
    if unit == SurveyUnit.COUNT:
        return f"{value:.0f}"
    if unit == SurveyUnit.OTHER:
        return f"{value:g}".replace(".", ",")
    if unit == SurveyUnit.MEAN_7:
        return f"{value:.2f}".replace(".", ",")
    return f"{value:.1f}".replace(".", ",") + "%"


def table_html(table: Table, cache_dir: Path | None = None) -> str:
    """The table as an HTML <table>, rendered by pandas from the CSV values.

    Importing pandas costs more than rendering every table: with ``cache_dir``, a table is
    rendered again (and pandas imported) only when its CSV, its description, this module
    or pandas changes."""
    key = (table.csv_text.encode() + table.meta.model_dump_json().encode() + _SOURCE_DIGEST
           + package_version("pandas"))
    return cached(cache_dir, table.meta.id, key, lambda: _table_html(table).encode(),
                  suffix=".html").decode()


def _table_html(table: Table) -> str:
    import pandas as pd

    frame = pd.DataFrame(
        [[label, *values] for label, values in table.rows],
        columns=["Réponse", *table.columns],
    )
    formatters = {column: (lambda value, unit=table.meta.unit: french_number(value, unit))
                  for column in table.columns}
    return frame.to_html(index=False, escape=True, border=0, na_rep="–",
                         formatters=formatters, classes="kb-data", justify="left")


PHONE_FONT_SIZE = 11.5
"""Text size of the phone charts, in points of the SVG: shown on a 390 px phone (about
360 px of content for 360 pt of drawing), text stays at 11 px or more."""
PHONE_WIDTH = 5.0
"""Width of the phone charts, in inches (72 pt each)."""


def chart_svg(table: Table, cache_dir: Path | None = None, *, phone: bool = False) -> bytes:
    """A horizontal bar chart (grouped bars for breakdowns), as SVG, drawn by matplotlib;
    ``phone``: the narrow variant with large text, for screens of a phone's width.

    Drawing is slow next to the rest of a page: with ``cache_dir``, a chart is drawn again
    only when its CSV, its description or this module changes.
    """
    key = table.csv_text.encode() + table.meta.model_dump_json().encode() + _SOURCE_DIGEST
    folder = cache_dir / "phone" if cache_dir is not None and phone else cache_dir
    return cached(folder, table.meta.id, key, lambda: _draw_chart(table, phone), suffix=".svg")


_SOURCE_DIGEST = source_digest(sys.modules[__name__])


def _draw_chart(table: Table, phone: bool = False) -> bytes:
    import matplotlib

    # A fixed salt makes matplotlib's SVG ids, and so the whole file, reproducible. On a
    # phone, text stays text (not outlines): smaller, and its size can be read and checked.
    # Labels are text: « $\foo^$ » is not TeX for mathtext to parse (and fail on).
    settings: dict[Any, Any] = ({"svg.hashsalt": "kb-charts", "text.parse_math": False}
                | ({"svg.fonttype": "none"} if phone else {}))
    with matplotlib.rc_context(settings):
        return _draw_chart_svg(table, phone)


def _draw_chart_svg(table: Table, phone: bool = False) -> bytes:
    import textwrap

    from matplotlib.figure import Figure

    series = [c for c in table.columns if c not in TOTAL_COLUMNS] or table.columns
    if len(series) > len(SERIES_STYLES):
        series = [c for c in table.columns if c in TOTAL_COLUMNS] or series[:1]
    font = PHONE_FONT_SIZE if phone else 7
    labels = [textwrap.fill(label, 24 if phone else 48) for label, _ in table.rows]
    if phone:
        # Each row as tall as its wrapped label or its bars, whichever is taller.
        lines = sum(max(label.count("\n") + 1, len(series)) for label in labels)
        height = 0.22 * lines + 0.12 * len(labels) + 0.9 + 0.22 * len(series) * (len(series) > 1)
        figure = Figure(figsize=(PHONE_WIDTH, max(2.2, height)))
    else:
        height = 0.35 * len(table.rows) * max(1, len(series)) * 0.6 + 0.9
        figure = Figure(figsize=(8, max(2.2, height)))
    axes = figure.add_subplot()
    bar = 0.8 / len(series)
    for number, column in enumerate(series):
        index = table.columns.index(column)
        values = [value if (value := row[index]) is not None else 0.0 for _, row in table.rows]
        positions = [row + number * bar for row in range(len(table.rows))]
        colour, hatch = SERIES_STYLES[number % len(SERIES_STYLES)]
        legend = table.meta.columns_legend.get(column, column)
        bars = axes.barh(positions, values, height=bar, color=colour, hatch=hatch,
                         edgecolor="white",
                         label=textwrap.fill(legend, 40) if phone else legend)
        axes.bar_label(bars, labels=[french_number(row[index], table.meta.unit)
                                     for _, row in table.rows], padding=2, fontsize=font)
    axes.set_yticks([row + bar * (len(series) - 1) / 2 for row in range(len(table.rows))],
                    labels=labels, fontsize=font)
    axes.invert_yaxis()
    if table.meta.unit == SurveyUnit.PERCENT:
        axes.set_xlim(0, 135 if phone else 115)
    elif table.meta.unit == SurveyUnit.MEAN_7:
        axes.set_xlim(0, 9 if phone else 7.8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="x", labelsize=font)
    if phone:
        axes.xaxis.set_major_locator(_phone_ticks(table.meta.unit))
    if len(series) > 1:
        # Below the bars, never over them (series names can be long: profile names). On a
        # phone, aligned on the right edge so that it runs under the labels, not past them.
        axes.legend(fontsize=font, frameon=False, loc="upper right" if phone else "upper left",
                    bbox_to_anchor=(1.0 if phone else 0.0, -0.06))
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={
        "Title": table.meta.title, "Description": chart_description(table), "Date": None})
    return buffer.getvalue().encode("utf-8")


def _phone_ticks(unit: SurveyUnit) -> Any:
    """Few ticks on a narrow axis, none past the scale (no « 120 » on a share)."""
    from matplotlib.ticker import FixedLocator, MaxNLocator

    if unit == SurveyUnit.PERCENT:
        return FixedLocator([0, 50, 100])
    if unit == SurveyUnit.MEAN_7:
        return FixedLocator([0, 1, 4, 7])
    return MaxNLocator(nbins=4)


def chart_description(table: Table) -> str:
    """Text alternative of a chart: what it shows, and where the exact values are."""
    kind = "Barres groupées" if len([c for c in table.columns if c not in TOTAL_COLUMNS]) > 1 \
        else "Barres"
    return (f"{kind} : {table.meta.title}. {len(table.rows)} catégories ; unité : "
            f"{table.meta.unit.label}. Les valeurs exactes sont dans le tableau qui suit.")


def profile_value(table: Table | None, column: str, row: int) -> str:
    """One printed value of a profile column (« 5,88 »), or « – » when absent."""
    if table is None or column not in table.columns or row >= len(table.rows):
        return "–"
    return french_number(table.rows[row][1][table.columns.index(column)], table.meta.unit)


def top_rows(table: Table | None, column: str, count: int) -> str:
    """The ``count`` highest rows of a profile column: « Formation (6,1) ; … »."""
    if table is None or column not in table.columns:
        return "–"
    index = table.columns.index(column)
    scored = [(value, label) for label, values in table.rows
              if (value := values[index]) is not None]
    best = sorted(scored, key=lambda item: -item[0])[:count]
    return " ; ".join(f"{label} ({french_number(value, table.meta.unit)})" for value, label in best)
