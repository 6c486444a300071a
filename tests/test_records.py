"""The other record kinds (cases, glossary, recommendations): validation and cross-links."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from generator.catalog import RecordKey, load_catalog
from generator.errors import DataErrors
from generator.pages import render_site
from tests.conftest import VALID_AID, write_data

CASE = textwrap.dedent("""\
    - id: cas-exemple
      name: "Cas exemple"
      pseudonym: false
      summary: "Une association a changé de logiciel."
      sector: "Santé"
      sectors: [health]
      size: small
      country: "Belgique"
      themes: [crm]
      context: ["Premier paragraphe."]
      project:
        focus: "Un CRM."
        aids: [bxl-exemple]
      citation: {report: aides-2024, section: "Partie 2 – Cas exemple", pages: "10-17"}
      sources:
        - {report: aides-2024, section: "Partie 2", pages: "10-17"}
    """)

TERM = textwrap.dedent("""\
    - id: crm
      term: "CRM"
      aliases: ["gestion de la relation"]
      category: steering
      definition: "Logiciel de gestion des contacts."
      basis: defined
      related_terms: []
      sources:
        - {report: aides-2024, section: "Glossaire", pages: "42"}
    """)

RECOMMENDATION = textwrap.dedent("""\
    - id: r1-01
      theme: quality-proximity
      audience: teams-institutions
      text: "Garder des permanences physiques."
      related_aids: [bxl-exemple]
      sources:
        - {report: aides-2024, section: "Thème 1", pages: "4-6"}
    """)


def load(tmp_path: Path, **files: str):
    data = write_data(tmp_path, VALID_AID)
    for name, text in files.items():
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    return load_catalog(data, root=tmp_path, build_date=date(2026, 1, 1))


def errors_of(tmp_path: Path, **files: str) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load(tmp_path, **files)
    return [str(error) for error in raised.value.errors]


def test_valid_records_load_and_are_cited_both_ways(tmp_path):
    catalog = load(tmp_path, cases=CASE, glossary=TERM, recommendations=RECOMMENDATION)
    assert catalog.cited_by("aids", "bxl-exemple") == [
        RecordKey("cases", "cas-exemple"), RecordKey("recommendations", "r1-01")]
    pages = {file.src_uri: file.content for file in render_site(catalog)}
    aid_page = pages["aides/bxl-exemple.md"]
    assert "- Étude de cas : [Cas exemple](../cas/cas-exemple.md)" in aid_page
    assert "(../recommandations/index.md#r1-01)" in aid_page
    assert "[Aide exemple](../aides/bxl-exemple.md)" in pages["cas/cas-exemple.md"]
    assert "### CRM {: #crm }" in pages["glossaire/index.md"]
    assert 'id="r1-01"' in pages["recommandations/index.md"]


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "expected"),
    [
        ("cases", CASE.replace("size: small", "size: tiny"), 7, 9,
         "cases[0].size (id: cas-exemple): valeur « tiny » inconnue"),
        ("cases", CASE.replace("aids: [bxl-exemple]", "aids: [bxl-exempel]"), 13, 12,
         "cases[0].project.aids[0] (id: cas-exemple): aide inconnue « bxl-exempel »"),
        ("glossary", TERM.replace("category: steering", "category: pilotage"), 4, 13,
         "glossary[0].category (id: crm): valeur « pilotage » inconnue"),
        ("glossary", TERM.replace("related_terms: []", "related_terms: [erp]"), 7, 19,
         "glossary[0].related_terms[0] (id: crm): terme inconnu « erp »"),
        ("recommendations", RECOMMENDATION.replace("audience: teams-institutions",
                                                   "audience: everyone"), 3, 13,
         "recommendations[0].audience (id: r1-01): valeur « everyone » inconnue"),
        ("recommendations", RECOMMENDATION + "  colour: blue\n", 8, 3,
         "recommendations[0].colour (id: r1-01): champ inconnu « colour »"),
    ],
)
def test_errors_in_each_file_point_at_the_value(tmp_path, name, text, line, column, expected):
    [error] = errors_of(tmp_path, **{name: text})
    assert error.startswith(f"data/{name}.yaml:{line}:{column}: {expected}")
