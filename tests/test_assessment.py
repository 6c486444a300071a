"""The self-assessment: its questions come from Tableau 3, its answer is the nearest profile."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape

import pytest

from generator import assessment
from generator.catalog import load_catalog
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def real():
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 11, 30))
    return catalog, assessment.questionnaire(catalog.survey, catalog.profiles)


def typical_answers(blocks, column: str) -> dict[str, int | bool]:
    """What an organisation at the profile's centre would tick: the nearest whole score,
    and the objectives most of the profile's organisations aim at."""
    answers: dict[str, int | bool] = {}
    for block in blocks:
        for item in block.items:
            centre = item.centres[column]
            answers[item.key] = (round(centre * assessment.SD_LIKERT) if item.likert
                                 else centre * assessment.SD_CHOICE >= 0.5)
    return answers


def test_the_questions_are_the_rows_of_tableau_3(real):
    catalog, blocks = real
    tables = {table.meta.id: table for table in catalog.survey}
    assert [block.table_id for block in blocks] == [
        "tab03-positioning", "tab03-employment", "tab03-processes", "tab03-services",
        "tab03-needs"]
    for block in blocks:
        labels = [label for label, _ in tables[block.table_id].rows]
        assert [item.label for item in block.items] == [
            label for label in labels if label != "S'assurer de la protection des données "
            "sensibles et/ou à caractère privé"]
    # That row is not printed for one profile (SD): it is left out for all of them.
    first = blocks[0].items[0]
    assert first.printed["LT"] == "5,88"
    assert first.centres["LT"] == pytest.approx(5.88 / 1.5)


@pytest.mark.parametrize("column", ["LT", "PQ", "AI", "SD", "ND", "RF"])
def test_an_organisation_like_a_profile_is_told_that_profile(real, column):
    catalog, blocks = real
    columns = [profile.column for profile in catalog.profiles]
    ranking = assessment.nearest(blocks, columns, typical_answers(blocks, column))
    assert ranking[0][0] == column
    assert len(ranking) == len(columns)


def test_scores_left_blank_do_not_count(real):
    catalog, blocks = real
    columns = [profile.column for profile in catalog.profiles]
    answers = typical_answers(blocks, "RF")
    blank = {key: None for key in answers if key.startswith("tab03-positioning")}
    assert assessment.nearest(blocks, columns, answers | blank)[0][0] == "RF"


def test_the_embedded_data_cannot_close_its_script_element(real):
    _, blocks = real
    text = assessment.assessment_json(blocks, [{"name": "</script><script>alert(1)</script>"}])
    assert "<" not in text
    assert ">" not in text
    assert json.loads(text)["profiles"][0]["name"] == "</script><script>alert(1)</script>"


def test_the_page_without_javascript_offers_a_sentence_per_profile(built_site, real):
    catalog, _ = real
    html = (built_site / "profils" / "autodiagnostic" / "index.html").read_text()
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    for profile in catalog.profiles:
        assert f'href="../{profile.id}/"' in html
        assert " ".join(profile.self_portrait.split()) in " ".join(text.split())
    assert re.search(r'<form class="kb-assessment"[^>]* hidden>', html)
    assert "rien n'est envoyé" in text


def test_profile_pages_propose_results_of_the_path_and_cases(built_site):
    html = (built_site / "profils" / "leaders-technologiques" / "index.html").read_text()
    section = html[html.index('id="pistes"'):]
    assert 'href="../../parcours/resultats/innovation-europe/"' in section
    assert 'href="../../cas/hebergement-asbl/"' in section
    assert "un choix du site, pas du rapport" in unescape(section)
