"""The decision path: its checks (data/paths.yaml), its walks and the pages users follow."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from html import escape, unescape
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.decision_path import MAX_QUESTIONS, coverage
from generator.errors import DataErrors
from generator.typography import french_spacing
from tests.conftest import ROOT, aid_yaml, generator_cli, write_data

AIDS = aid_yaml("bxl-exemple") + aid_yaml(
    "wal-exemple", level="  level: wallonia", brussels_access='  brussels_access: "other-region"')

SOURCE = '{report: aides-2024, section: "Partie 2", pages: "13-19"}'


def result(step_id: str, section: str = "aids", aid: str = "bxl-exemple") -> str:
    return textwrap.dedent(f"""\
        - id: {step_id}
          title: "Résultat {step_id}"
          summary: "Ce qui correspond."
          {section}:
            - {{id: {aid}, why: "Parce que."}}
          sources: [{SOURCE}]
        """)


def question(step_id: str, *answers: tuple[str, str], region: str = "") -> str:
    lines = [f"- id: {step_id}", f'  title: "Question {step_id}"',
             f'  question: "Quelle est la question {step_id} ?"', "  answers:"]
    for answer_id, target in answers:
        lines += [f"    - id: {answer_id}", f'      label: "Réponse {answer_id}"',
                  f"      next: {target}", f'      checked: "Vérifié {answer_id}"']
        if region and answer_id == region:
            lines.append("      region: brussels")
    return "\n".join(lines) + "\n"


VALID_PATH = (question("siege", ("bruxelles", "besoin"), ("wallonie", "wallonie"),
                       region="bruxelles")
              + question("besoin", ("former", "formation"), ("equiper", "formation"))
              + result("formation") + result("wallonie", aid="wal-exemple"))


def load(tmp_path: Path, paths: str):
    data = write_data(tmp_path, AIDS)
    (data / "paths.yaml").write_text(paths, encoding="utf-8")
    return load_catalog(data, root=tmp_path, build_date=date(2026, 11, 30))


def errors_of(tmp_path: Path, paths: str) -> str:
    with pytest.raises(DataErrors) as caught:
        load(tmp_path, paths)
    return caught.value.report()


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


# --------------------------------------------------------------------------- checks


def test_a_valid_path_loads_and_unfolds_into_walks(tmp_path):
    path = load(tmp_path, VALID_PATH).path
    assert path.start.id == "siege"
    assert [walk.segments for walk in path.walks] == [
        (), ("bruxelles",), ("bruxelles", "former"), ("bruxelles", "equiper"), ("wallonie",)]
    assert path.walk(["bruxelles", "former"]).step.id == "formation"
    assert path.walk(["bruxelles", "nimporte"]) is None
    # Both answers of « besoin » lead to the same result: what is common is what is checked.
    assert path.checked_on_every_walk(path.steps["formation"]) == ["Vérifié bruxelles"]


def test_changing_an_earlier_answer_keeps_the_later_ones_that_still_apply(tmp_path):
    path = load(tmp_path, VALID_PATH).path
    walk = path.walk(["bruxelles", "former"])
    besoin = path.steps["besoin"]
    changed = path.change(walk, 1, besoin.answers[1])
    assert changed.segments == ("bruxelles", "equiper")
    # Wallonia has no « besoin » question: the later answer is dropped, not invented.
    changed = path.change(walk, 0, path.start.answers[1])
    assert changed.segments == ("wallonie",)


def test_a_loop_is_an_error_at_the_answer_that_closes_it(tmp_path):
    paths = (question("siege", ("bruxelles", "besoin"), ("ailleurs", "fin"))
             + question("besoin", ("encore", "siege"), ("fin", "fin")) + result("fin"))
    report = errors_of(tmp_path, paths)
    assert f"data/paths.yaml:{line_of(paths, 'next: siege')}:" in report
    assert "boucle : siege → besoin → siege" in report


def test_an_answer_leading_nowhere_is_an_unknown_step(tmp_path):
    paths = question("siege", ("bruxelles", "besion"), ("ailleurs", "fin")) + result("fin")
    report = errors_of(tmp_path, paths)
    assert f"data/paths.yaml:{line_of(paths, 'next: besion')}:" in report
    assert "étape inconnue « besion »" in report


def test_an_unknown_aid_is_an_error_with_a_suggestion(tmp_path):
    paths = (question("siege", ("bruxelles", "fin"), ("ailleurs", "fin"))
             + result("fin", aid="bxl-exmple"))
    report = errors_of(tmp_path, paths)
    assert f"data/paths.yaml:{line_of(paths, 'bxl-exmple')}:" in report
    assert "aide inconnue « bxl-exmple »" in report
    assert "Vouliez-vous dire « bxl-exemple » ?" in report


def test_a_brussels_result_cannot_propose_an_aid_of_another_region(tmp_path):
    paths = (question("siege", ("bruxelles", "fin"), ("ailleurs", "fin"), region="bruxelles")
             + result("fin", aid="wal-exemple"))
    report = errors_of(tmp_path, paths)
    assert f"data/paths.yaml:{line_of(paths, 'wal-exemple')}:" in report
    assert "« wal-exemple » n'est pas accessible à une ASBL bruxelloise" in report
    assert "elsewhere" in report  # the hint says where it may go


@pytest.mark.parametrize("section", ["elsewhere", "online_tools"])
def test_other_regions_are_fine_as_ideas_or_online_tools(tmp_path, section):
    paths = (question("siege", ("bruxelles", "fin"), ("ailleurs", "fin"), region="bruxelles")
             + result("fin", section=section, aid="wal-exemple")
             + '  aids:\n    - {id: bxl-exemple, why: "Elle est ouverte."}\n')
    assert load(tmp_path, paths).path.results[0].id == "fin"


def test_ideas_from_elsewhere_cannot_hold_an_aid_open_in_brussels(tmp_path):
    paths = (question("siege", ("bruxelles", "fin"), ("ailleurs", "fin"))
             + result("fin", section="elsewhere", aid="bxl-exemple"))
    assert "« bxl-exemple » (Oui) n'a pas sa place dans elsewhere" in errors_of(tmp_path, paths)


def test_a_step_no_answer_leads_to_is_an_error(tmp_path):
    paths = VALID_PATH + result("orphelin")
    report = errors_of(tmp_path, paths)
    assert f"data/paths.yaml:{line_of(paths, 'id: orphelin')}:" in report
    assert "étape inaccessible" in report


def test_more_than_the_promised_number_of_questions_is_an_error(tmp_path):
    chain = "".join(question(f"q{n}", ("a", f"q{n + 1}"), ("b", "fin"))
                    for n in range(MAX_QUESTIONS + 1))
    paths = chain.replace(f"next: q{MAX_QUESTIONS + 1}", "next: fin") + result("fin")
    assert f"{MAX_QUESTIONS + 1} questions pour arriver ici" in errors_of(tmp_path, paths)


@pytest.mark.parametrize(("broken", "message"), [
    ('- id: seul\n  title: "Seul"\n  question: "Une seule réponse ?"\n  answers:\n'
     '    - {id: oui, label: "Oui", next: seul}\n', "au moins deux réponses"),
    ('- id: fin\n  title: "Fin"\n  summary: "Sans source."\n', "un résultat cite ses sources"),
])
def test_a_step_must_be_a_whole_question_or_a_whole_result(tmp_path, broken, message):
    assert message in errors_of(tmp_path, broken)


def test_validate_prints_the_coverage_of_the_catalogue(tmp_path):
    paths = (question("siege", ("bruxelles", "fin"), ("ailleurs", "fin"), region="bruxelles")
             + result("fin", section="elsewhere", aid="wal-exemple"))
    # An aid whose access is unclear is only printed « à placer »; an accessible one must be
    # placed or declared outside the path (tests/test_provenance.py).
    hors = aid_yaml("bxl-exemple").replace(
        "  brussels_note:", '  outside_path: "Réservée aux lauréats."\n  brussels_note:')
    unclear = aid_yaml("bxl-oubliee", brussels_access='  brussels_access: "unclear"')
    data = write_data(tmp_path, hors + AIDS.replace(aid_yaml("bxl-exemple"), "") + unclear)
    (data / "paths.yaml").write_text(paths, encoding="utf-8")
    output = generator_cli("--data", str(data), "validate",
                 cwd=tmp_path).stdout
    assert "1 aides proposées" in output
    assert "hors parcours, déclarée : « bxl-exemple » — Réservée aux lauréats." in output
    assert "à placer : « bxl-oubliee »" in output


# --------------------------------------------------------------------------- the real path


@pytest.fixture(scope="module")
def real():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 11, 30))


BRUSSELS_ASBL = ("bruxelles", "mon-organisation", "asbl")

# Realistic organisations → the result they reach and the aids it must list first.
ORGANISATIONS = [
    # A Brussels ASBL under joint committee 330 that wants to train its team.
    ((*BRUSSELS_ASBL, "exploration", "formation", "oui"), "formation-febi",
     ["be-febi-formations"]),
    # A recognised youth organisation that needs laptops.
    ((*BRUSSELS_ASBL, "mise-en-oeuvre", "materiel", "oui"), "materiel-jeunesse",
     ["bxl-cocof-subsides-projets-jeunesse", "be-socialware"]),
    # A micro ASBL with enterprise status that wants a website.
    ((*BRUSSELS_ASBL, "mise-en-oeuvre", "site-web", "oui"), "site-web-prime", ["bxl-prime-web"]),
    # Without that status, the Prime Web is only conditional.
    ((*BRUSSELS_ASBL, "debutante", "site-web", "non"), "site-web",
     ["bxl-agence-digitale-solidaire"]),
    # A food-aid association that needs multi-year funding.
    ((*BRUSSELS_ASBL, "mise-en-oeuvre", "financement", "oui"), "financement-alimentation",
     ["be-4wings-foundation"]),
    # A social enterprise that does not know where to start.
    (("bruxelles", "mon-organisation", "economie-sociale", "debutante", "sensibilisation"),
     "sensibilisation-diagnostic", ["bxl-digibrux"]),
    # A Brussels organisation that helps others go digital.
    (("bruxelles", "prestataire"), "prestataires", ["bxl-appel-numerique-transition-economique"]),
    # A GP in Brussels.
    (("bruxelles", "mon-organisation", "praticien"), "praticiens-sante",
     ["be-inami-prime-cabinet-integre"]),
]


@pytest.mark.parametrize(("answers", "result_id", "first_aids"), ORGANISATIONS)
def test_realistic_organisations_reach_the_aids_that_fit(real, answers, result_id, first_aids):
    walk = real.path.walk(answers)
    assert walk is not None
    assert walk.step.id == result_id
    proposed = [item.id for item in walk.step.aids]
    assert proposed[:len(first_aids)] == first_aids


def test_every_brussels_result_offers_only_usable_aids_as_options(real):
    unusable = {"other-region", "foreign-example", "not-applicable"}
    for walk in real.path.walks:
        if walk.region == "brussels" and not walk.step.is_question:
            for item in [*walk.step.aids, *walk.step.conditional]:
                assert real.aids[item.id].brussels_access not in unusable, (walk.segments, item.id)


def test_every_aid_is_proposed_or_left_out_by_a_stated_rule(real):
    report = coverage(real.path, real.aids)
    assert report.missing == []
    assert set(report.proposed) | set(report.out_by_rule) == set(real.aids)
    assert report.proposed["bxl-prime-web"] == ["site-web-prime", "site-web"]


def test_no_path_asks_more_than_nine_questions(real):
    assert max(len(walk.answers) for walk in real.path.walks) <= MAX_QUESTIONS


# --------------------------------------------------------------------------- built pages


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("answers", "result_id", "first_aids"), ORGANISATIONS)
def test_the_result_page_lists_the_aids_in_order(built_site, real, answers, result_id,
                                                  first_aids):
    html = (built_site / "parcours" / Path(*answers) / "index.html").read_text()
    names = [french_spacing(escape(real.aids[aid_id].name, quote=False))
             for aid_id in first_aids]
    positions = [html.find(f">{name}</a>") for name in names]
    assert -1 not in positions
    assert positions == sorted(positions)
    text = text_of(html)
    assert "Ce que le parcours a vérifié" in text
    assert "À vérifier" in text
    # The citable page of the same result exists and says the same.
    own = (built_site / "parcours" / "resultats" / result_id / "index.html").read_text()
    assert all(f">{name}</a>" in own for name in names)
    assert "Citer cette page" in text_of(own)


def test_each_step_shows_the_answers_so_far_and_lets_one_change(built_site):
    html = (built_site / "parcours" / Path(*BRUSSELS_ASBL, "debutante", "materiel")
            / "index.html").read_text()
    text = text_of(html)
    assert "Vos réponses" in text
    assert re.search(r"Siège d'exploitation\s*:\s*En Région de Bruxelles-Capitale", text)
    assert re.search(r"Statut\s*:\s*Une association \(ASBL\) ou une fondation", text)
    # Changing the status keeps the later answers: the link goes straight to the same step.
    assert 'href="../../../economie-sociale/debutante/materiel/"' in html
    assert 'href="../../../../../"' in html  # « Recommencer »


def test_the_need_suggested_by_the_maturity_is_marked(built_site):
    html = (built_site / "parcours" / Path(*BRUSSELS_ASBL, "debutante") / "index.html"
            ).read_text()
    choices = html[html.index("kb-path-choices"):]
    marked = re.findall(r'kb-path-choice"[^>]*>([^<]+)</a>\s*<span class="kb-badge', choices)
    assert marked == ["Comprendre le numérique, faire le point sur notre situation"]


def test_aid_pages_link_back_to_the_results_that_propose_them(built_site):
    html = (built_site / "aides" / "bxl-prime-web" / "index.html").read_text()
    assert 'href="../../parcours/resultats/site-web-prime/"' in html
    catalogue = (built_site / "aides" / "index.html").read_text()
    assert 'href="../parcours/"' in catalogue


def test_the_diagram_is_an_svg_with_a_text_alternative(built_site, real):
    svg = (built_site / "parcours" / "schema.svg").read_text()
    assert svg.startswith("<?xml")
    assert "<svg" in svg
    assert "Schéma du parcours" in svg
    page = (built_site / "parcours" / "schema" / "index.html").read_text()
    assert re.search(r'<img alt="\d+ questions[^"]+" src="\.\./schema\.svg"', page)
    for step in real.path.questions:
        assert f'id="{step.id}"' in page
