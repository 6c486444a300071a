"""The aid finder at 1280 × 900 and 390 × 844 in Chromium (issue 16): no page scrolls
sideways, the key element is on the first screen, axe finds no serious violation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.catalog import load_catalog
from generator.schema import SurveyTheme
from generator.urls import published, survey_theme
from tests.conftest import ROOT, VIEWPORTS, assert_no_serious_violation, open_page

pytestmark = pytest.mark.browser

TWO_FILTERS = ("/aides/?acces=oui&acces=sous-conditions"
               "&besoin=materiel-et-logiciels&besoin=former-l-equipe")

CATALOG = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
THEMES = [theme for theme in SurveyTheme
          if any(table.meta.theme == theme for table in CATALOG.survey)]
RESULT = next(step.id for step in CATALOG.steps.values() if not step.is_question)
AID = next(iter(CATALOG.aids))


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser: Browser) -> Iterator[Page]:
    with open_page(browser, request.param, touch=request.param == "phone") as page:
        yield page


def no_sideways_scroll(page: Page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{page.url}: {width} px de large pour {inner} px"


def above_the_fold(page: Page, selector: str) -> None:
    top = page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"{selector} à {top} px"


PAGES = ([(TWO_FILTERS, ".kb-results li"), (f"/aides/{AID}/", "h1"),
          (f"/parcours/resultats/{RESULT}/", "h1"),
          ("/profils/autodiagnostic/", "h1")]
         + [("/" + published(survey_theme(theme)), "h1") for theme in THEMES])


@pytest.mark.parametrize(("path", "key"), PAGES)
def test_page_fits_the_screen_with_its_key_element_first(screen: Page, site_url, path, key):
    screen.goto(site_url + path)
    screen.wait_for_load_state("networkidle")
    expect(screen.locator(key).first).to_be_visible()
    above_the_fold(screen, key)
    no_sideways_scroll(screen)
    assert_no_serious_violation(screen)


def test_catalogue_with_two_filters_starts_with_what_an_asbl_can_use(screen: Page, site_url):
    screen.goto(site_url + TWO_FILTERS)
    expect(screen.locator(".kb-results li").first).to_be_visible()
    above_the_fold(screen, ".kb-count")
    order = [group.value for group in CATALOG.ranked_groups()]
    shown = screen.locator(".kb-results li").evaluate_all("l => l.map(i => i.dataset.id)")
    positions = [order.index(CATALOG.group_of(CATALOG.aids[aid_id]).value) for aid_id in shown]
    assert positions == sorted(positions)
    assert all(CATALOG.aids[a].brussels_access.value in ("yes", "conditional") for a in shown)
    for item in screen.locator(".kb-results li").all():
        expect(item.locator(".kb-facts")).to_contain_text(re.compile(r"Statut .+ : "))
        assert item.locator(".kb-official, .kb-no-official").count() == 1


def test_facet_counts_follow_the_other_filters(screen: Page, site_url):
    screen.goto(site_url + "/aides/?acces=oui&acces=sous-conditions")
    expect(screen.locator(".kb-results li").first).to_be_attached()
    toggle = screen.locator(".kb-filters-toggle")
    if toggle.is_visible():
        expect(screen.locator(".kb-filters")).to_be_hidden()  # folded on a phone
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    screen.locator("summary", has_text="Niveau").click()
    boxes = screen.locator("[data-facet=niveau] input[type=checkbox]")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        label = box.locator("xpath=..")
        shown = int(re.search(r"\((\d+)\)$", label.inner_text().strip()).group(1))
        if not shown:
            continue
        box.check()
        expect(screen.locator(".kb-count")).to_have_text(re.compile(rf"^{shown} fiches? sur"))
        box.uncheck()


def test_touch_targets_are_at_least_24_px(screen: Page, site_url):
    for path in ("/aides/", "/profils/autodiagnostic/"):
        screen.goto(site_url + path)
        screen.wait_for_load_state("networkidle")
        if screen.locator(".kb-filters-toggle").is_visible():
            screen.locator(".kb-filters-toggle").click()
        controls = ".md-content input[type=checkbox], .md-content input[type=radio]"
        sizes = screen.locator(controls).evaluate_all(
            "l => l.filter(e => e.offsetParent).map(e => [e.getBoundingClientRect().width,"
            " e.getBoundingClientRect().height])")
        assert sizes, path
        assert all(w >= 24 and h >= 24 for w, h in sizes), path
        no_sideways_scroll(screen)


@pytest.mark.parametrize("theme", THEMES)
def test_phone_charts_keep_text_at_11_px(browser: Browser, site_url, theme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/" + published(survey_theme(theme)))
    images = page.locator(".kb-chart img")
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        smallest = image.evaluate("""async img => {
            const text = await (await fetch(img.currentSrc)).text();
            const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
            const width = parseFloat(svg.getAttribute("viewBox").split(" ")[2]);
            const sizes = [...text.matchAll(/font-size: ([0-9.]+)px/g)].map(m => +m[1]);
            return [img.currentSrc, Math.min(...sizes) * img.getBoundingClientRect().width / width];
        }""")
        assert smallest[0].endswith(".phone.svg")
        assert smallest[1] >= 11, smallest
    context.close()


def test_glossary_definition_opens_on_tap_and_on_keyboard_focus(browser: Browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/methode/")
    term = page.locator("a.kb-term").first
    popover = page.locator("#kb-term-popover")
    term.scroll_into_view_if_needed()
    term.tap()
    expect(popover).to_be_visible()
    expect(popover).to_have_text(term.get_attribute("data-definition"))
    assert "/methode/" in page.url  # the first tap opens the definition, not the link
    no_sideways_scroll(page)
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    page.locator("body").click(position={"x": 5, "y": 300})
    term.focus()
    expect(popover).to_be_visible()
    assert term.get_attribute("aria-describedby") == "kb-term-popover"
    context.close()


def test_self_assessment_asks_for_missing_answers_then_names_close_profiles(screen: Page,
                                                                          site_url, real_catalog):
    screen.goto(site_url + "/profils/autodiagnostic/")
    screen.get_by_role("button", name="Voir le profil le plus proche").click()
    result = screen.locator("#kb-assessment-result")
    expect(result.locator("h2")).to_have_text("Il manque des réponses")
    expect(result.locator(".kb-assessment-best")).to_have_count(0)
    blocks = screen.locator("fieldset.kb-assessment__block").count()
    expect(result.locator("li a")).to_have_count(blocks)
    # One answer per block: a result, and profiles as close as the first are named with it.
    for block in screen.locator("fieldset.kb-assessment__block").all():
        block.locator("input").first.check()
    scales = screen.locator(".kb-likert__scale label").evaluate_all(
        "l => Math.max(...l.map(e => e.getBoundingClientRect().right))")
    assert scales <= screen.viewport_size["width"]
    screen.get_by_role("button", name="Voir le profil le plus proche").click()
    expect(result.locator(".kb-assessment-best")).to_be_visible()
    expect(result.locator("ol li")).to_have_count(len(real_catalog.profiles))


def test_close_profiles_are_shown_together(browser: Browser, site_url, real_catalog):
    context = browser.new_context()
    page = context.new_page()
    # The same page with a margin that makes every profile « close ».
    page.route("**/profils/autodiagnostic/", lambda route: route.fulfill(
        response=route.fetch(),
        body=re.sub(r'"close":\s*[0-9.]+', '"close":100', route.fetch().text())))
    page.goto(site_url + "/profils/autodiagnostic/")
    for block in page.locator("fieldset.kb-assessment__block").all():
        block.locator("input").first.check()
    page.get_by_role("button", name="Voir le profil le plus proche").click()
    expect(page.locator(".kb-assessment-close")).to_contain_text("presque aussi proches")
    # Every profile but the nearest is named beside it.
    expect(page.locator(".kb-assessment-also")).to_have_count(len(real_catalog.profiles) - 1)
    context.close()
