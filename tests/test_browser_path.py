"""The decision path in Chromium, at a desktop and a phone size: the home page leads to it,
and answers changed in place (JavaScript) keep only answers given to the same questions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.catalog import load_catalog
from tests.conftest import ROOT, VIEWPORTS, assert_no_serious_violation, open_page
from tests.test_path_changes import Expected

pytestmark = pytest.mark.browser


YOUTH_LAPTOPS = "/parcours/bruxelles/mon-organisation/asbl/mise-en-oeuvre/materiel/oui/"
LAPTOPS = "/parcours/bruxelles/mon-organisation/asbl/mise-en-oeuvre/materiel/non/"

# What the path shows in place: the heading, the answers given, « Ce que le parcours a
# vérifié » (a result only), as a reader sees them.
SHOWN = """() => {
  // innerText: what is rendered, not what a popover may hide.
  const text = node => node.innerText.replace(/\\s+/g, " ").trim();
  const step = document.querySelector(".kb-path");
  const heading = step.querySelector("h1").cloneNode(true);
  heading.querySelectorAll(".headerlink").forEach(node => node.remove());
  const verified = step.querySelector("h2#verifie");
  return {
    heading: text(heading),
    answers: [...step.querySelectorAll("details.kb-path-answer")].map(
      d => [text(d.querySelector(".kb-path-answer__q")), text(d.querySelector("summary strong"))]),
    verified: verified ? [...verified.nextElementSibling.querySelectorAll("li")].map(text) : null,
  };
}"""


@pytest.fixture(scope="module")
def expected() -> Expected:
    return Expected(load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 11, 30)))


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    with open_page(browser, request.param) as page:
        yield page


def shown(page: Page) -> dict:
    return page.evaluate(SHOWN)


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_home_page_leads_with_the_path(page: Page, site_url: str):
    page.goto(f"{site_url}/")
    article = page.locator("article")
    start = article.get_by_role("link", name="Quelle aide pour mon association ?")
    expect(start).to_be_visible()
    # The first action of the page, above the fold, then the catalogue, the cases, the survey.
    links = article.locator("a:not(.headerlink)").evaluate_all(
        # \s also matches the narrow no-break space of French typography (« ? »).
        "links => links.map(a => a.textContent.replace(/\\s+/g, ' ').trim())")
    assert links[0] == "Quelle aide pour mon association ?"
    order = [next(i for i, name in enumerate(links) if name.startswith(prefix))
             for prefix in ("Quelle aide", "Le catalogue des aides", "Les études de cas",
                            "L'enquête en chiffres")]
    assert order == sorted(order)
    box = start.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    assert box["height"] >= 24  # a touch target (WCAG 2.2)
    no_sideways_scroll(page)
    assert_no_serious_violation(page)
    # One click (one tap on a phone) to the first question.
    start.click()
    expect(page).to_have_url(f"{site_url}/parcours/")
    expect(page.locator("h1")).to_have_text(re.compile("^Où se trouve le siège"))
    no_sideways_scroll(page)


# Each start page at one size (every link of each: about 20 steps loaded in place).
@pytest.mark.parametrize(("page", "start"), [("desktop", YOUTH_LAPTOPS), ("phone", LAPTOPS)],
                         indirect=["page"])
def test_every_change_in_place_keeps_only_answers_given(page: Page, site_url: str,
                                                         expected: Expected, start: str):
    page.goto(f"{site_url}{start}")
    count = page.locator(".kb-path details.kb-path-answer").count()
    changes = [(index, " ".join(label.split())) for index in range(count)
               for label in page.locator("details.kb-path-answer").nth(index)
               .locator("li > a:not(.kb-term)").all_text_contents()]
    assert changes
    for index, label in changes:
        page.goto(f"{site_url}{start}")
        before = shown(page)
        loads: list[str] = []
        page.on("load", lambda loaded, loads=loads: loads.append(loaded.url))
        answer = page.locator("details.kb-path-answer").nth(index)
        answer.locator("summary").click()
        answer.get_by_role("link", name=label, exact=True).click()
        expect(page.locator(".kb-path details.kb-path-answer").nth(index)
               .locator("summary strong")).to_have_text(label)
        after = shown(page)
        assert loads == [], "the step was not loaded in place"
        problems = expected.change_problems(
            [tuple(a) for a in before["answers"]], index, label,
            [tuple(a) for a in after["answers"]], after["heading"])
        assert problems == [], (start, label, after)
        if after["verified"] is not None:
            assert after["verified"] == expected.verified([tuple(a) for a in after["answers"]])


def test_several_needs_without_starting_over(page: Page, site_url: str, expected: Expected):
    """Laptops and training: the second need costs one question, and going back to the first
    result costs none."""
    page.goto(f"{site_url}{YOUTH_LAPTOPS}")
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    first = shown(page)
    needs = page.locator(".kb-path-needs")
    needs.get_by_role("link", name="Former notre équipe ou notre direction").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Votre organisation relève-t-elle"))
    page.locator(".kb-path-choices a", has_text="Oui").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Des formations payées"))
    second = shown(page)
    # The earlier answers are kept; the youth agreement, a question of the other need, is not
    # shown as verified here.
    assert second["answers"][:4] == first["answers"][:4]
    assert "Agrément jeunesse" not in [q for q, _ in second["answers"]]
    assert second["verified"] == expected.verified([tuple(a) for a in second["answers"]])
    # The first result, seen in this tab, is one click away, with its own answers.
    back = page.locator(".kb-path-needs li", has_text="Du matériel informatique")
    expect(back).to_contain_text("déjà trouvé dans cet onglet : Du matériel pour les "
                                 "organisations de jeunesse")
    back.get_by_role("link").click()
    expect(page).to_have_url(f"{site_url}{YOUTH_LAPTOPS}")
    assert shown(page) == first
    expect(page.locator(".kb-path-needs li", has_text="Former notre équipe")).to_contain_text(
        "déjà trouvé dans cet onglet : Des formations payées")
    assert loads == [], "the steps were not loaded in place"
    no_sideways_scroll(page)
    assert_no_serious_violation(page)


def test_several_needs_without_javascript(browser: Browser, site_url: str):
    context = browser.new_context(locale="fr-BE", java_script_enabled=False,
                                  viewport=VIEWPORTS["phone"])
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(f"{site_url}{YOUTH_LAPTOPS}")
    page.locator(".kb-path-needs").get_by_role(
        "link", name="Former notre équipe ou notre direction").click()
    expect(page).to_have_url(re.compile("/mise-en-oeuvre/formation/$"))
    expect(page.locator("h1")).to_have_text(re.compile("^Votre organisation relève-t-elle"))
    context.close()
