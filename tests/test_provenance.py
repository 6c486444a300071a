"""Whose word each statement is, dates as precise as published, the « En bref » box.

Fixture records test the mechanisms (an official site consulted, a verification, an aid left
out of the path); the built site is checked on every aid and case page.
"""

from __future__ import annotations

import csv
import html
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import dates
from generator.audit import audit
from generator.catalog import load_catalog
from generator.errors import DataErrors
from generator.pages import SiteRenderer
from generator.schema import Basis, CaseSize
from tests.conftest import (
    ROOT,
    SOURCES_YAML,
    VALID_AID,
    VIEWPORTS,
    aid_yaml,
    generator_cli,
    open_page,
    write_data,
)

# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "french", "first", "last"), [
    ("2025", "2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("2014-07", "juillet 2014", date(2014, 7, 1), date(2014, 7, 31)),
    ("2024-02", "février 2024", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-02-01", "1er février 2024", date(2024, 2, 1), date(2024, 2, 1)),
])
def test_a_date_keeps_its_published_precision(text, french, first, last):
    parsed = dates.required(text)
    assert (parsed.french(), parsed.first, parsed.last) == (french, first, last)


@pytest.mark.parametrize("text", ["2023-13", "2023-02-30", "2023-1", "23", "0000"])
def test_impossible_dates_are_refused(text):
    assert dates.parse(text) is None


def test_a_year_ends_only_when_the_whole_year_is_over():
    assert not dates.ended("2025", date(2025, 12, 31))
    assert dates.ended("2025", date(2026, 1, 1))
    assert not dates.ending_soon("2025", date(2025, 3, 1))  # could end in December
    assert dates.ending_soon("2025", date(2025, 11, 1))
    assert not dates.ending_soon("2025", date(2026, 1, 1))  # over, not « soon »
    assert dates.ending_soon("2025-06-30", date(2025, 5, 1))


def render_aid(tmp_path: Path, aids: str, aid_id: str, build_date: date) -> str:
    write_data(tmp_path, aids)
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=build_date)
    files = {f.src_uri: f.content for f in SiteRenderer(catalog).render()}
    return str(files[f"aides/{aid_id}.md"])


def test_a_year_only_end_is_never_printed_as_a_day(tmp_path):
    aids = aid_yaml(period_end='  period_end: "2025"')
    page = render_aid(tmp_path, aids, "bxl-exemple", date(2026, 3, 1))
    assert "fin indiquée : 2025" in page
    assert "31 décembre" not in page
    during = render_aid(tmp_path / "b", aids, "bxl-exemple", date(2025, 11, 15))
    assert "Se termine bientôt (fin indiquée : 2025)" in during
    assert "Période terminée" not in during


def test_validate_points_at_an_impossible_date(tmp_path):
    write_data(tmp_path, aid_yaml(period_end='  period_end: "2023-02-30"'))
    with pytest.raises(DataErrors) as caught:
        load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    assert re.search(r"data/aids\.yaml:\d+:\d+: aids\[0\]\.period_end .*date invalide : "
                     r"« 2023-02-30 »", caught.value.report())


# --------------------------------------------------------------------------- other sources

OFFICIAL = """\
  other_sources:
    - kind: official-site
      url: "https://example.org/aide"
      consulted: 2026-12-03
      status: "Appel 2027 annoncé"
"""


def with_lines(text: str, before: str, lines: str) -> str:
    return text.replace(f"  {before}:", lines + f"  {before}:", 1)


def test_the_status_line_says_whose_it_is_and_when(tmp_path):
    report_only = render_aid(tmp_path, VALID_AID, "bxl-exemple", date(2026, 1, 1))
    assert "(selon le rapport, février 2024)" in report_only
    checked = with_lines(VALID_AID, "brussels_access", OFFICIAL)
    page = render_aid(tmp_path / "b", checked, "bxl-exemple", date(2026, 12, 5))
    brief = page[page.index('class="kb-brief"'):page.index("</section>")]
    assert "Appel 2027 annoncé <span class=\"kb-basis\">(selon le site officiel, consulté le " \
           "3 décembre 2026)</span>" in brief
    # The report's own status stays on the page, dated by the report.
    assert "Statut selon le rapport (février 2024) :** Appel clôturé" in page


def test_an_aid_known_only_from_its_official_site_is_valid_and_shown(tmp_path):
    official_only = with_lines(
        aid_yaml(status_reported="  status_reported: null"), "brussels_access", OFFICIAL)
    official_only = re.sub(r"  sources:\n(    .*\n)+", "  sources: []\n", official_only)
    page = render_aid(tmp_path, official_only, "bxl-exemple", date(2026, 12, 5))
    assert "selon le site officiel, consulté le 3 décembre 2026" in page
    assert "selon le rapport" not in page.replace("Selon le rapport", "")  # no report claimed
    assert "Site officiel : <a href=\"https://example.org/aide\"" in page


@pytest.mark.parametrize(("change", "message"), [
    (lambda text: with_lines(re.sub(r"  sources:\n(    .*\n)+", "  sources: []\n", text),
                             "brussels_access", OFFICIAL),
     "status_reported est le statut selon un rapport"),
    (lambda text: with_lines(re.sub(r"  sources:\n(    .*\n)+", "  sources: []\n", text).replace(
        '  status_reported: "Appel clôturé selon le rapport"', "  status_reported: null"),
        "brussels_access", "  other_sources: []\n"),
     "une fiche cite au moins une source"),
    (lambda text: with_lines(text, "brussels_access", OFFICIAL.replace(
        '      url: "https://example.org/aide"\n', "")),
     "un site officiel se cite par son adresse"),
    (lambda text: with_lines(text, "brussels_access", OFFICIAL.replace(
        "official-site", "verification")),
     "une vérification dit qui l'a faite"),
])
def test_sources_beyond_the_reports_must_be_complete(tmp_path, change, message):
    write_data(tmp_path, change(VALID_AID))
    with pytest.raises(DataErrors) as caught:
        load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    assert message in caught.value.report()


def test_audit_lists_the_records_whose_status_is_only_the_reports(tmp_path):
    aids = aid_yaml("bxl-rapport") + with_lines(aid_yaml("bxl-consulte"), "brussels_access",
                                                OFFICIAL)
    write_data(tmp_path, aids, SOURCES_YAML)
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 12, 5))
    found = [f.record for f in audit(catalog, today=date(2026, 12, 5))
             if f.category == "status-report-only"]
    assert found == ["bxl-rapport"]


def test_new_aid_asks_for_the_source_and_can_cite_the_official_site(tmp_path):
    write_data(tmp_path, VALID_AID)
    result = generator_cli("new", "aid", "--id", "bxl-nouvelle",
                 "--source", "site-officiel", "--url", "https://example.org/nouvelle",
                 cwd=tmp_path)
    [record] = yaml.safe_load(result.stdout)
    assert record["sources"] == []
    assert record["status_reported"] is None
    [source] = record["other_sources"]
    assert source["kind"] == "official-site"
    assert source["url"] == "https://example.org/nouvelle"
    assert date.fromisoformat(source["consulted"]) == date.today()
    from_report = generator_cli("new", "aid", "--id", "bxl-autre",
                      "--source", "rapport", cwd=tmp_path)
    assert yaml.safe_load(from_report.stdout)[0]["sources"][0]["report"] == "aides-2024"


# --------------------------------------------------------------------------- path coverage

PATH = """\
- id: siege
  title: "Siège"
  question: "Où est votre siège ?"
  answers:
    - {id: bruxelles, label: "Bruxelles", next: fin, region: brussels}
    - {id: ailleurs, label: "Ailleurs", next: fin}
- id: fin
  title: "Fin"
  summary: "Les aides."
  sources: [{report: aides-2024, section: "Partie 2", pages: "13-19"}]
  aids:
    - {id: bxl-placee, why: "Elle correspond."}
"""


def validate(tmp_path: Path, aids: str) -> tuple[int, str, str]:
    data = write_data(tmp_path, aids)
    (data / "paths.yaml").write_text(PATH, encoding="utf-8")
    result = generator_cli("--data", str(data), "validate",
                 cwd=tmp_path, check=False)
    return result.returncode, result.stdout, result.stderr


def test_an_accessible_aid_outside_the_path_fails_validation_at_its_line(tmp_path):
    aids = aid_yaml("bxl-placee") + aid_yaml("bxl-oubliee")
    code, _, errors = validate(tmp_path, aids)
    assert code == 1
    lines = [number for number, text in enumerate(aids.splitlines(), start=1)
             if text.startswith("  brussels_access:")]
    assert f"data/aids.yaml:{lines[1]}:20: " in errors  # the second aid's brussels_access
    assert "aids[1].brussels_access (id: bxl-oubliee): aide accessible (Oui) absente du " \
           "parcours" in errors
    assert "outside_path" in errors  # the hint says how to declare it


def test_an_aid_declared_outside_the_path_with_a_reason_passes(tmp_path):
    aids = aid_yaml("bxl-placee") + with_lines(
        aid_yaml("bxl-hors"), "brussels_note", '  outside_path: "Réservée aux lauréats."\n')
    code, output, errors = validate(tmp_path, aids)
    assert code == 0, errors
    assert "hors parcours, déclarée : « bxl-hors » — Réservée aux lauréats." in output
    placed_and_out = aids.replace("bxl-hors", "bxl-placee", 1).replace(
        aid_yaml("bxl-placee"), "")
    code, _, errors = validate(tmp_path / "b", placed_and_out)
    assert code == 1
    assert "déclarée hors parcours, mais proposée" in errors


# --------------------------------------------------------------------------- built site


@pytest.fixture(scope="module")
def real():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date.today())


def text_of(markup: str) -> str:
    # No-break spaces (French typography) read as spaces: the words are what is checked.
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\u202f", " ")
    return " ".join(text.replace("\u00a0", " ").split())


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def brief_of(page: str) -> str:
    match = re.search(r'<section class="kb-brief" id="en-bref".*?</section>', page, re.S)
    assert match, "pas de boîte « En bref »"
    return match.group()


def row(page: str, heading: str) -> list[str]:
    """The cells of the « Fiche » table row whose first cell is ``heading``."""
    match = re.search(rf"<tr>\s*<td><strong>{re.escape(heading)}</strong></td>(.*?)</tr>",
                      page, re.S)
    assert match, heading
    return [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", match.group(1), re.S)]


def test_every_aid_page_opens_with_the_en_bref_box(built_site: Path, real):
    for aid in real.aids.values():
        page = (built_site / "aides" / aid.id / "index.html").read_text(encoding="utf-8")
        article = page[page.index("<h1"):]
        box = brief_of(article)
        # First thing after the title and its badges: before any warning and any section.
        assert article.index(box) < min(
            [article.find(marker) for marker in ('class="admonition', "<h2 id=\"fiche\"")
             if marker in article]), aid.id
        facts = text_of(box)
        # Compared without white space: a glossary link inside a sentence adds none.
        flat = squash(facts)
        status = real.status(aid)
        assert squash(f"({status.whose}, {status.when})") in flat, aid.id
        for shown in [status.text, aid.amount or "non précisé dans le rapport",
                      aid.period or "non précisée", aid.brussels_note]:
            if shown:
                assert squash(shown) in flat, (aid.id, shown)
        assert re.search(r"À vérifier d'abord \S", facts), aid.id
        if aid.url:
            assert re.search(rf'<a class="md-button md-button--primary kb-official" '
                             rf'href="{re.escape(html.escape(aid.url))}"', box), aid.id
        else:
            assert "Pas de lien officiel dans le rapport." in facts, aid.id


def test_the_site_classification_is_never_shown_as_the_reports_words(built_site: Path, real):
    for aid in real.aids.values():
        page = (built_site / "aides" / aid.id / "index.html").read_text(encoding="utf-8")
        assert "<th>Selon le rapport</th>" not in page, aid.id
        for heading, basis, values in [("Public visé", aid.targets_basis, aid.targets),
                                       ("Besoins", aid.needs_basis, aid.needs)]:
            content, provenance = row(page, heading)
            assert provenance == basis.label, (aid.id, heading)
            if basis is Basis.NOT_IN_REPORT:
                assert content.startswith("Non précisé dans le rapport."), (aid.id, heading)
            for value in values:
                assert value.label in content, (aid.id, heading)
        assert row(page, "Nature")[1] == "Classement du site", aid.id


def test_no_aid_page_prints_an_end_more_precise_than_published(built_site: Path, real):
    months = "|".join(dates.MONTHS)
    for aid in real.aids.values():
        if not aid.period_end:
            continue
        end = dates.required(aid.period_end)
        page = text_of((built_site / "aides" / aid.id / "index.html").read_text("utf-8"))
        if end.precision is not dates.Precision.DAY:
            day = re.search(rf"\b(1er|\d{{1,2}}) ({months}) {end.first.year}\b", page)
            assert day is None or day.group() in (aid.period or ""), (aid.id, day)
        if real.period_ended(aid):
            assert f"Période terminée (fin indiquée : {end.french()})" in page, aid.id


def test_case_sizes_are_the_surveys_classes_or_the_reports_words(built_site: Path, real):
    with (ROOT / "data" / "survey" / "tab32.csv").open(encoding="utf-8") as handle:
        survey_classes = {line[0] for line in csv.reader(handle) if "ETP" in line[0]}
    for size in CaseSize:
        if size.survey_class:
            printed = size.label.replace("moins de ", "<").replace("plus de ", ">")
            assert printed in survey_classes, size.label
    for case in real.cases.values():
        page = (built_site / "cas" / case.id / "index.html").read_text(encoding="utf-8")
        assert row(page, "Taille") == [" ".join((case.size_note or
                                                 "Non précisée dans le rapport").split())]
        assert f"Classe de taille (classement du site) : {case.size.label}" in text_of(page)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_en_bref_is_above_the_fold_on_every_aid_page(browser, site_url, real, viewport):
    """The box's heading, its official link (or the note that there is none) and the answer
    « usable by a Brussels ASBL? » show without scrolling, on every aid page."""
    width, height = VIEWPORTS[viewport]["width"], VIEWPORTS[viewport]["height"]
    below = []
    with open_page(browser, viewport) as page:
        for aid in real.aids.values():
            page.goto(f"{site_url}/aides/{aid.id}/", wait_until="domcontentloaded")
            for selector in (".kb-brief h2", ".kb-brief__link", ".kb-brief__access"):
                box = page.locator(selector).bounding_box()
                # The top of the access line, the whole of the heading and of the link.
                bottom = box["y"] if selector == ".kb-brief__access" else box["y"] + box["height"]
                if bottom > height:
                    below.append((aid.id, selector, round(bottom)))
            assert page.evaluate("document.documentElement.scrollWidth") <= width, aid.id
    assert below == []
