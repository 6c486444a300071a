"""What a visitor sees in a real Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-BE")
    context.set_default_timeout(5000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert dialogs == [], "une boîte de dialogue a été ouverte par un script"


def checkbox(page: Page, label: str) -> Locator:
    """A filter checkbox by its label, whose count « (12) » follows the name."""
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \(\d+\)$"))


def visible_ids(page: Page) -> list[str]:
    return page.locator(".kb-results li").evaluate_all("items => items.map(i => i.dataset.id)")


def test_filters_combine_and_the_url_keeps_them(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/")
    expect(page.locator(".kb-count")).to_have_text("123 fiches sur 123")

    page.locator("summary", has_text="Niveau").click()
    checkbox(page, "Région de Bruxelles-Capitale").check()
    expect(page.locator(".kb-count")).to_have_text("7 fiches sur 123")
    brussels = visible_ids(page)
    assert all(aid_id.startswith("bxl-") for aid_id in brussels)

    page.locator("summary", has_text="Forme de soutien").click()
    checkbox(page, "Subvention").check()
    expect(page.locator(".kb-count")).to_have_text("4 fiches sur 123")
    assert set(visible_ids(page)) == {
        "bxl-prime-web", "bxl-be-aides-economiques-categories",
        "bxl-appel-numerique-transition-economique", "bxl-cocof-subsides-projets-jeunesse"}
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"niveau": ["region-de-bruxelles-capitale"], "forme": ["subvention"]}

    # The URL is shareable: opening it elsewhere gives the same list.
    other = page.context.new_page()
    other.goto(page.url)
    expect(other.locator(".kb-count")).to_have_text("4 fiches sur 123")
    assert sorted(visible_ids(other)) == sorted(visible_ids(page))
    assert checkbox(other, "Subvention").is_checked()

    page.get_by_role("button", name="Effacer les filtres").click()
    expect(page.locator(".kb-count")).to_have_text("123 fiches sur 123")
    assert urlsplit(page.url).query == ""


def test_values_of_one_filter_add_up(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/?acces=oui")
    expect(page.locator(".kb-count")).to_have_text("7 fiches sur 123")
    page.goto(f"{site_url}/aides/?acces=oui&acces=sous-conditions")
    expect(page.locator(".kb-count")).to_have_text("22 fiches sur 123")


def test_ended_periods_are_shown_by_default_and_can_be_hidden(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/?niveau=region-flamande")
    expect(page.locator(".kb-count")).to_have_text("15 fiches sur 123")
    ended = page.locator(".kb-results li", has=page.locator(".kb-ended")).count()
    assert ended >= 2  # the two WSE calls ran « jusqu'à fin 2023 »
    page.get_by_label("Masquer les dispositifs dont la période est terminée").check()
    expect(page.locator(".kb-count")).to_have_text(f"{15 - ended} fiches sur 123")
    expect(page.locator(".kb-results .kb-ended")).to_have_count(0)


def test_search_box_ignores_accents(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/")
    page.get_by_label("Rechercher par nom ou opérateur").fill("numerique & transition")
    expect(page.locator(".kb-count")).to_have_text("1 fiche sur 123")
    assert visible_ids(page) == ["bxl-appel-numerique-transition-economique"]


def test_without_javascript_the_full_list_and_group_pages_remain(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/aides/")
    expect(page.locator(".kb-filters")).to_be_hidden()
    expect(page.locator("h2#toutes-les-fiches")).to_be_visible()
    assert page.locator("a[href^='bxl-prime-web']").first.is_visible()
    page.locator("a[href='niveau/region-wallonne/']").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Niveau : Région wallonne"))
    expect(page.locator("article li")).to_have_count(43)
    context.close()


def test_record_page_from_the_catalogue(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/?acces=oui")
    page.get_by_role("link", name="Digibrux").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Digibrux"))
    expect(page.get_by_text("Statut selon le rapport (février 2024)")).to_be_visible()
    expect(page.get_by_text("Accès ASBL bruxelloise : Oui")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/aides/", "/aides/vl-sifo/", "/aides/a-propos/",
                                  "/aides/niveau/region-de-bruxelles-capitale/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(page: Page, site_url: str, path: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{path}")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], results.generate_report()


def test_filters_work_with_the_keyboard(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/")
    page.get_by_label("Rechercher par nom ou opérateur").focus()
    page.keyboard.press("Tab")  # first facet summary (open)
    page.keyboard.press("Tab")  # « Oui »
    page.keyboard.press("Space")
    expect(page.locator(".kb-count")).to_have_text("7 fiches sur 123")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_case_listing_filters_and_case_page_citation(page: Page, site_url: str):
    page.goto(f"{site_url}/cas/")
    expect(page.locator(".kb-count")).to_have_text("8 fiches sur 8")
    checkbox(page, "Jeunesse et aide à la jeunesse").check()
    expect(page.locator(".kb-count")).to_have_text("2 fiches sur 8")
    assert sorted(visible_ids(page)) == ["les-jeunes-asbl", "plat-com-aide-jeunesse"]
    page.get_by_role("link", name="Les Jeunes ASBL").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Les Jeunes ASBL"))
    citation = page.locator(".kb-cite")
    expect(citation).to_contain_text("« Les Jeunes ASBL », Numérique et associations bruxelloises")
    expect(citation).to_contain_text("Partie 2 – Les Jeunes ASBL, p. 39-43")
    expect(citation.locator(".kb-today")).not_to_have_text("[date de consultation]")
    for anchor in ("contexte", "projet", "obstacles", "source", "citer"):
        expect(page.locator(f"h2#{anchor}")).to_have_count(1)


def test_print_hides_navigation_and_keeps_the_content(page: Page, site_url: str):
    page.goto(f"{site_url}/cas/familyhelp/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".kb-cite")).to_be_visible()
    # Two columns of small type: two A4 pages for most cases, three for the longest ones
    # (FamilyHelp is one of them).
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 3


def test_glossary_terms_link_to_their_definition(page: Page, site_url: str):
    page.goto(f"{site_url}/methode/")
    term = page.locator("a.kb-term").first
    expect(term).to_have_attribute("title", re.compile(".{20,}"))
    target = term.get_attribute("href")
    term.click()
    anchor = target.split("#")[1]
    expect(page.locator(f"h3#{anchor}")).to_be_visible()


@pytest.mark.parametrize("path", ["/cas/", "/cas/civa/", "/glossaire/", "/recommandations/",
                                  "/enquete/", "/enquete/outils-internes-et-teletravail/",
                                  "/profils/", "/profils/leaders-technologiques/",
                                  "/methode/", "/cas/analyse/"])
def test_no_serious_accessibility_violation_on_content_pages(page: Page, site_url: str, path):
    page.goto(f"{site_url}{path}")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], results.generate_report()
