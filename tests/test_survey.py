"""Survey tables: each CSV must match what data/survey/tables.yaml says of it."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.errors import DataErrors
from tests.conftest import VALID_AID, write_data

TABLES = textwrap.dedent("""\
    - id: tab04
      number: "Tableau 4"
      title: "Les outils de communication et de collaboration en interne selon la taille"
      theme: internal-tools
      population: 253
      unit: percent
      layout: breakdown-size
      distribution: false
      source: {report: aides-2024, section: "Annexe A.3.2", pages: "76"}
    - id: fig25
      number: "Figure 25"
      title: "Le télétravail est-il autorisé dans votre organisation ?"
      theme: internal-tools
      unit: percent
      layout: single
      distribution: true
      source: {report: aides-2024, section: "Partie 2", pages: "13-15"}
    """)
TAB04 = (
    "label,Micro,Petite,Moyenne,Grande,Total\n"
    '"Une adresse mail professionnelle",95.7,92.4,87.0,71.4,92.6\n'
    "Intranet,48.9,57.3,66.7,100.0,56.0\n"
)
FIG25 = "label,Part\nNon,34.5\n\"Oui, pour une minorité\",19.8\n\"Oui, pour une majorité\",45.7\n"


def survey(tmp_path: Path, **files: str):
    data = write_data(tmp_path, VALID_AID)
    folder = data / "survey"
    folder.mkdir()
    contents = {"tables.yaml": TABLES, "tab04.csv": TAB04, "fig25.csv": FIG25, **files}
    for name, text in contents.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return data


def errors_of(tmp_path: Path, **files: str) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_catalog(survey(tmp_path, **files), root=tmp_path, build_date=date(2026, 1, 1))
    return [str(error) for error in raised.value.errors]


def test_valid_tables_load_with_their_values(tmp_path):
    catalog = load_catalog(survey(tmp_path), root=tmp_path, build_date=date(2026, 1, 1))
    tab04 = next(table for table in catalog.survey if table.meta.id == "tab04")
    assert tab04.columns == ["Micro", "Petite", "Moyenne", "Grande", "Total"]
    assert tab04.rows[0] == ("Une adresse mail professionnelle", [95.7, 92.4, 87.0, 71.4, 92.6])


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        (TAB04.replace("95.7", "95,7"),
         "data/survey/tab04.csv:2:1: tab04: 7 cellules au lieu de 6"),
        (TAB04.replace("48.9", "48.9%"),
         "data/survey/tab04.csv:3:10: tab04.Micro: « 48.9% » n'est pas un nombre"),
        (TAB04.replace("100.0", "1000.0"),
         "data/survey/tab04.csv:3:25: tab04.Grande: valeur 1000.0 hors de l'échelle (pourcentage)"),
        (TAB04.replace("label,Micro", "label,Très petite"),
         "data/survey/tab04.csv:1:1: tab04: colonnes Très petite,Petite"),
        (TAB04.replace("label,", "libellé,"),
         "data/survey/tab04.csv:1:1: tab04: la première colonne doit s'appeler « label »"),
    ],
)
def test_csv_errors_point_at_the_cell(tmp_path, csv_text, expected):
    [error] = errors_of(tmp_path, **{"tab04.csv": csv_text})
    assert error.startswith(expected)


def test_a_distribution_must_add_up_to_100(tmp_path):
    [error] = errors_of(tmp_path, **{"fig25.csv": FIG25.replace("45.7", "55.7")})
    assert error.startswith("data/survey/fig25.csv:1:1: fig25.Part: la colonne totalise 110.0")


def test_missing_and_undeclared_files_are_errors(tmp_path):
    errors = errors_of(tmp_path, **{"fig25.csv": None, "tab99.csv": "label,Part\nA,1\n"})
    assert any("tables[1].id (id: fig25): fichier fig25.csv introuvable" in e for e in errors)
    assert any(e.startswith("data/survey/tab99.csv:1:1: tab99: tableau absent de tables.yaml")
               for e in errors)


def test_metadata_is_validated_like_other_data(tmp_path):
    tables = TABLES.replace("unit: percent", "unit: percentage", 1)
    [error] = errors_of(tmp_path, **{"tables.yaml": tables})
    assert error.startswith("data/survey/tables.yaml:6:9: tables[0].unit (id: tab04): valeur")


def test_theme_page_shows_each_table_with_chart_and_download(tmp_path):
    import csv
    import io

    from generator.pages import render_site

    catalog = load_catalog(survey(tmp_path), root=tmp_path, build_date=date(2026, 1, 1))
    files = {f.src_uri: f.content for f in render_site(catalog)}
    page = files["enquete/outils-internes-et-teletravail.md"]
    assert "## Tableau 4 — Les outils de communication" in page
    assert "<td>Une adresse mail professionnelle</td>" in page
    assert "<td>95,7%</td>" in page
    assert "<td>92,6%</td>" in page
    assert 'src="../donnees/tab04.svg" alt="Barres groupées : ' in page
    assert "[tableur XLSX](donnees/tab04.xlsx)" in page
    assert "[CSV](donnees/tab04.csv)" in page
    assert files["enquete/donnees/tab04.xlsx"][:2] == b"PK"  # a zip (see test_spreadsheets.py)
    rows = list(csv.reader(io.StringIO(files["enquete/donnees/tab04.csv"])))
    assert rows[1] == ["Une adresse mail professionnelle", "95.7", "92.4", "87.0", "71.4", "92.6"]
    svg = files["enquete/donnees/tab04.svg"].decode("utf-8")
    assert svg.lstrip().startswith("<?xml")
    assert "<dc:title>Les outils de communication" in svg
    assert "enquete/index.md" in files


def test_charts_are_cached_until_their_data_changes(tmp_path):
    from generator.survey import chart_svg

    catalog = load_catalog(survey(tmp_path), root=tmp_path, build_date=date(2026, 1, 1))
    table = next(t for t in catalog.survey if t.meta.id == "tab04")
    cache = tmp_path / "cache"
    first = chart_svg(table, cache)
    [cached] = cache.glob("tab04-*.svg")
    cached.write_bytes(b"<svg>from the cache</svg>")
    assert chart_svg(table, cache) == b"<svg>from the cache</svg>"
    changed = type(table)(table.meta, table.columns, table.rows, table.csv_text + "\n")
    assert chart_svg(changed, cache) == first  # new data: drawn again, old entry dropped
    assert len(list(cache.glob("tab04-*.svg"))) == 1


def test_table_html_is_kept_in_the_cache_until_its_data_change(tmp_path, monkeypatch):
    from generator import survey as survey_module
    from generator.survey import table_html

    catalog = load_catalog(survey(tmp_path), root=tmp_path, build_date=date(2026, 1, 1))
    table = next(t for t in catalog.survey if t.meta.id == "tab04")
    cache = tmp_path / "cache"
    first = table_html(table, cache)
    assert first == table_html(table)
    assert "<td>95,7%</td>" in first
    with monkeypatch.context() as patch:
        patch.setattr(survey_module, "_table_html", lambda table: "refait")
        assert table_html(table, cache) == first
        changed = type(table)(table.meta, table.columns, table.rows,
                              table.csv_text.replace("95.7", "95.8"))
        assert table_html(changed, cache) == "refait"
    assert len(list(cache.glob("tab04-*.html"))) == 1


def test_a_table_citing_an_unknown_report_is_reported_at_its_line(tmp_path):
    tables = TABLES.replace("{report: aides-2024, section: \"Partie 2\"",
                            "{report: enquete-2042, section: \"Partie 2\"")
    [error] = errors_of(tmp_path, **{"tables.yaml": tables})
    assert error.startswith(
        "data/survey/tables.yaml:17:20: tables[1].source.report (id: fig25): "
        "rapport inconnu « enquete-2042 »")


def test_duplicate_table_ids_are_errors(tmp_path):
    # The second entry takes fig25's place: its CSV is now undeclared, tab04.csv checked once.
    errors = errors_of(tmp_path, **{"tables.yaml": TABLES.replace("id: fig25", "id: tab04")})
    assert len(errors) == 2
    assert errors[0].startswith("data/survey/fig25.csv:1:1: fig25: tableau absent de tables.yaml")
    assert errors[1].startswith("data/survey/tables.yaml:10:7: tables[1].id (id: tab04): "
                                "identifiant « tab04 » déjà utilisé (ligne 1)")


def test_table_discrepancies_get_their_own_heading(tmp_path):
    from generator.pages import render_site

    tables = TABLES.replace("  source: {report: aides-2024, section: \"Annexe A.3.2\"", """\
  discrepancies:
    - about: "Agenda partagé"
      note: "Le texte inverse deux valeurs."
      values: [{value: "70,1%", where: "texte"}, {value: "66,1%", where: "tableau"}]
  source: {report: aides-2024, section: "Annexe A.3.2\"""", 1)
    catalog = load_catalog(survey(tmp_path, **{"tables.yaml": tables}), root=tmp_path,
                           build_date=date(2026, 1, 1))
    page = {f.src_uri: f.content for f in render_site(catalog)}[
        "enquete/outils-internes-et-teletravail.md"]
    assert "\n### Incohérences du rapport {: #tab04-divergences }\n" in page
