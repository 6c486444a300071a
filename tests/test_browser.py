"""What a visitor sees in a real Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.conftest import assert_no_serious_violation

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
    expect(page.locator("h1")).to_have_text(re.compile(r"^Niveau\s:\sRégion wallonne"))
    expect(page.locator("article li")).to_have_count(43)
    context.close()


def test_record_page_from_the_catalogue(page: Page, site_url: str):
    page.goto(f"{site_url}/aides/?acces=oui")
    page.get_by_role("link", name="Digibrux", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile("^Digibrux"))
    # The « En bref » box: whose status it is and when, and the access (typography: the
    # space before « : » is a no-break space).
    brief = page.locator(".kb-brief")
    expect(brief).to_contain_text(re.compile(r"selon le rapport,?\s+février 2024"))
    expect(brief).to_contain_text("Utilisable")


@pytest.mark.parametrize("path", ["/", "/aides/", "/aides/vl-sifo/", "/aides/a-propos/",
                                  "/aides/niveau/region-de-bruxelles-capitale/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(page: Page, site_url: str, path: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{path}")
    page.wait_for_load_state("networkidle")
    assert_no_serious_violation(page)


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
    # The printed address line cites the page; the box would only add a sheet (see
    # test_citations.py).
    expect(page.locator(".kb-print-address")).to_be_visible()
    expect(page.locator(".kb-cite")).to_be_hidden()
    # Two columns of small type: two A4 pages for most cases, three for the longest ones
    # (FamilyHelp is one of them).
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 3


def test_glossary_terms_link_to_their_definition(page: Page, site_url: str):
    page.goto(f"{site_url}/methode/")
    term = page.locator("a.kb-term").first
    expect(term).to_have_attribute("data-definition", re.compile(".{20,}"))
    target = term.get_attribute("href")
    term.click()
    anchor = target.split("#")[1]
    expect(page.locator(f"h3#{anchor}")).to_be_visible()


@pytest.mark.parametrize("path", ["/cas/", "/cas/civa/", "/glossaire/", "/recommandations/",
                                  "/enquete/", "/enquete/outils-internes-et-teletravail/",
                                  "/profils/", "/profils/leaders-technologiques/",
                                  "/methode/", "/cas/analyse/", "/donnees/",
                                  "/donnees/champs/"])
def test_no_serious_accessibility_violation_on_content_pages(page: Page, site_url: str, path):
    page.goto(f"{site_url}{path}")
    page.wait_for_load_state("networkidle")
    assert_no_serious_violation(page)


# --------------------------------------------------------------------------- decision path

YOUTH_LAPTOPS = ["En Région de Bruxelles-Capitale", "Un soutien pour la digitalisation",
                 "Une association (ASBL) ou une fondation", "Nous avons un plan",
                 "Du matériel informatique ou des logiciels", "Oui"]


def follow_path(page: Page, answers: list[str]) -> None:
    for answer in answers:
        page.locator(".kb-path-choices a", has_text=answer).click()
        expect(page.locator(".kb-path .kb-path-given")).to_contain_text(answer)


def test_path_with_and_without_javascript_ends_on_the_same_result(browser: Browser,
                                                                   site_url: str):
    ends = []
    for javascript in (True, False):
        context = browser.new_context(locale="fr-BE", java_script_enabled=javascript)
        context.set_default_timeout(5000)
        page = context.new_page()
        loads: list[str] = []
        page.on("load", lambda loaded, loads=loads: loads.append(loaded.url))
        page.goto(f"{site_url}/parcours/")
        follow_path(page, YOUTH_LAPTOPS)
        expect(page.locator("h1")).to_have_text(re.compile("^Du matériel pour les organisations"))
        first = page.locator(".kb-path-aid a").first
        expect(first).to_have_text("Subsides de projets jeunesse")
        ends.append(page.url)
        # With JavaScript the steps load in place: one page load for the whole path.
        assert len(loads) == (1 if javascript else 1 + len(YOUTH_LAPTOPS))
        context.close()
    assert ends[0] == ends[1] == (f"{site_url}/parcours/bruxelles/mon-organisation/asbl/"
                                  "mise-en-oeuvre/materiel/oui/")


def test_path_back_button_change_an_answer_and_restart(page: Page, site_url: str):
    page.goto(f"{site_url}/parcours/")
    follow_path(page, YOUTH_LAPTOPS)
    page.go_back()
    expect(page.locator("h1")).to_have_text(re.compile("^Votre association est-elle agréée"))
    page.go_forward()
    expect(page.locator("h1")).to_have_text(re.compile("^Du matériel pour les organisations"))
    # Change the status without starting over: the later answers are kept.
    answer = page.locator("details.kb-path-answer", has_text="Statut")
    answer.locator("summary").click()
    answer.get_by_role("link", name=re.compile("^Une autre entreprise d'économie sociale")).click()
    expect(page).to_have_url(re.compile("/economie-sociale/mise-en-oeuvre/materiel/oui/$"))
    expect(page.locator("h1")).to_have_text(re.compile("^Du matériel pour les organisations"))
    page.get_by_role("link", name="Recommencer").click()
    expect(page).to_have_url(f"{site_url}/parcours/")
    expect(page.locator("h1")).to_have_text(re.compile("^Où se trouve le siège"))


def test_after_steps_loaded_in_place_the_site_links_still_work(page: Page, site_url: str):
    failures: list[str] = []
    page.on("response", lambda response: failures.append(response.url)
            if response.status >= 400 else None)
    page.goto(f"{site_url}/parcours/")
    follow_path(page, YOUTH_LAPTOPS[:3])
    # The header, navigation and footer were loaded with /parcours/: their relative links
    # must not follow the address down the path.
    page.locator(".md-nav__link", has_text="Catalogue des aides au numérique").first.click()
    expect(page).to_have_url(f"{site_url}/aides/")
    assert failures == []


def test_path_with_the_keyboard_only(page: Page, site_url: str):
    page.goto(f"{site_url}/parcours/")
    for answer in YOUTH_LAPTOPS:
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.textContent")
            if focused.strip().startswith(answer):
                break
        else:
            raise AssertionError(f"« {answer} » jamais atteint au clavier")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        page.keyboard.press("Enter")
        expect(page.locator(".kb-path-given")).to_contain_text(answer)
    expect(page.locator("h1")).to_have_text(re.compile("^Du matériel pour les organisations"))
    # Focus follows the new step, for screen readers.
    assert page.evaluate("document.activeElement.tagName") == "H1"


@pytest.mark.parametrize("path", [
    "/parcours/", "/parcours/bruxelles/mon-organisation/asbl/debutante/",
    "/parcours/bruxelles/mon-organisation/asbl/mise-en-oeuvre/materiel/oui/",
    "/parcours/resultats/formation/", "/parcours/resultats/", "/parcours/schema/"])
def test_no_serious_accessibility_violation_on_the_path(page: Page, site_url: str, path: str):
    page.goto(f"{site_url}{path}")
    page.wait_for_load_state("networkidle")
    assert_no_serious_violation(page)


def pdf_pages(page: Page) -> int:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_every_result_prints_on_one_sheet(page: Page, site_url: str):
    page.goto(f"{site_url}/parcours/resultats/")
    results = page.locator("article li > a").evaluate_all(
        "links => links.map(a => a.href).filter(h => h.includes('/parcours/resultats/'))")
    assert len(results) >= 15
    # The two longest results, reached after six answers, and every citable result page.
    longest = ["bruxelles/mon-organisation/asbl/exploration/formation/non/",
               "bruxelles/mon-organisation/economie-sociale/debutante/sensibilisation/"]
    for url in [f"{site_url}/parcours/{walk}" for walk in longest] + results:
        page.goto(url)
        assert pdf_pages(page) == 1, url
    expect(page.locator(".kb-path-restart")).to_have_count(0)  # (a citable page)
    page.goto(f"{site_url}/parcours/{longest[0]}")
    page.emulate_media(media="print")
    assert not page.locator(".kb-path-restart").is_visible()
    expect(page.locator(".kb-path-given")).to_contain_text("Commission paritaire")


# --------------------------------------------------------------------------- self-assessment


def answer_like(page: Page, column: str) -> None:
    """Fill the form as an organisation at the profile's centre would (see test_assessment)."""
    data = json.loads(page.locator("#kb-assessment-data").text_content())
    ticked: set[str] = set()
    for item in data["items"]:
        centre = item["centres"][column]
        name = "q-" + item["key"].replace(":", "-")
        if item["likert"]:
            score = round(centre * data["sd"]["likert"])
            page.locator(f"input[name='{name}'][value='{score}']").check()
        elif centre * data["sd"]["choice"] >= 0.5:
            page.locator(f"input[name='{name}']").check()
            ticked.add(item["block_id"])
    # A block of objectives with nothing ticked is unanswered: say « none » explicitly.
    for block in data["blocks"]:
        if not block["likert"] and block["id"] not in ticked:
            page.locator(f"input[data-none='{block['id']}']").check()


@pytest.mark.parametrize(("column", "name"), [
    ("LT", "Les leaders technologiques"),
    ("AI", "Les peu digitalisées orientées accessibilité et inclusion"),
    ("RF", "Les réfractaires à la digitalisation")])
def test_self_assessment_names_the_nearest_profile(page: Page, site_url: str, column, name):
    requests: list[str] = []
    page.goto(f"{site_url}/profils/autodiagnostic/")
    page.wait_for_load_state("networkidle")
    page.on("request", lambda request: requests.append(request.url))
    expect(page.locator(".kb-assessment-nojs")).to_be_hidden()
    answer_like(page, column)
    page.get_by_role("button", name="Voir le profil le plus proche").click()
    result = page.locator("#kb-assessment-result")
    expect(result.locator(".kb-assessment-best")).to_have_text(name)
    expect(result.locator("ol li")).to_have_count(6)
    # Their answers beside the profile's printed values, and the way on.
    result.locator("summary").click()
    expect(result.locator("tbody tr")).to_have_count(45)
    expect(result.get_by_role("link", name=re.compile("Faire le parcours"))).to_be_visible()
    assert requests == [], "les réponses ne quittent pas la page"  # nothing sent or fetched
    result.locator(".kb-assessment-best").click()
    expect(page.locator("h1")).to_contain_text(name)


def test_self_assessment_without_javascript_links_each_profile(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/profils/autodiagnostic/")
    expect(page.locator("form.kb-assessment")).to_be_hidden()
    expect(page.locator(".kb-assessment-nojs")).to_be_visible()
    expect(page.locator("#phrases + ul > li > a")).to_have_count(6)
    page.locator("#phrases + ul > li > a").first.click()
    expect(page.locator("h1")).to_contain_text("Profil 1")
    context.close()


def test_no_serious_accessibility_violation_on_the_self_assessment(page: Page, site_url: str):
    page.goto(f"{site_url}/profils/autodiagnostic/")
    answer_like(page, "SD")
    page.get_by_role("button", name="Voir le profil le plus proche").click()
    page.locator("#kb-assessment-result summary").click()
    assert_no_serious_violation(page)
