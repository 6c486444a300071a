"""What a visitor sees in a real Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from generator import assessment
from generator.pages.aids import GROUP_PAGE_SIZE
from tests.conftest import assert_no_serious_violation, open_page

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser, timeout=5000) as page:
        yield page


def checkbox(page: Page, label: str) -> Locator:
    """A filter checkbox by its label, whose count « (12) » follows the name."""
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \(\d+\)$"))


def visible_ids(page: Page) -> list[str]:
    return page.locator(".kb-results li").evaluate_all("items => items.map(i => i.dataset.id)")


def shown(found: int, total: int) -> str:
    """The count line of a listing (theme/assets/javascripts/catalogue.js)."""
    return f"{found} fiche{'s' if found > 1 else ''} sur {total}"


def fold(text: str) -> str:
    """As the listing's search box compares: without accents, in lower case."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c)).lower()




def test_filters_combine_and_the_url_keeps_them(page: Page, site_url: str, aids_where):
    total = len(aids_where())
    page.goto(f"{site_url}/aides/")
    expect(page.locator(".kb-count")).to_have_text(shown(total, total))

    page.locator("summary", has_text="Niveau").click()
    checkbox(page, "Région de Bruxelles-Capitale").check()
    brussels = aids_where(level="region-de-bruxelles-capitale")
    expect(page.locator(".kb-count")).to_have_text(shown(len(brussels), total))
    assert sorted(visible_ids(page)) == sorted(brussels)

    page.locator("summary", has_text="Forme de soutien").click()
    checkbox(page, "Subvention").check()
    subsidies = aids_where(level="region-de-bruxelles-capitale", support_types="subvention")
    assert "bxl-prime-web" in subsidies  # the filters narrow, they do not empty the list
    assert len(subsidies) < len(brussels)
    expect(page.locator(".kb-count")).to_have_text(shown(len(subsidies), total))
    assert sorted(visible_ids(page)) == sorted(subsidies)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"niveau": ["region-de-bruxelles-capitale"], "forme": ["subvention"]}

    # The URL is shareable: opening it elsewhere gives the same list.
    other = page.context.new_page()
    other.goto(page.url)
    expect(other.locator(".kb-count")).to_have_text(shown(len(subsidies), total))
    assert sorted(visible_ids(other)) == sorted(visible_ids(page))
    assert checkbox(other, "Subvention").is_checked()

    page.get_by_role("button", name="Effacer les filtres").click()
    expect(page.locator(".kb-count")).to_have_text(shown(total, total))
    assert urlsplit(page.url).query == ""


def test_values_of_one_filter_add_up(page: Page, site_url: str, aids_where):
    total = len(aids_where())
    usable = aids_where(brussels_access="oui")
    either = aids_where(brussels_access=("oui", "sous-conditions"))
    assert 0 < len(usable) < len(either)
    page.goto(f"{site_url}/aides/?acces=oui")
    expect(page.locator(".kb-count")).to_have_text(shown(len(usable), total))
    page.goto(f"{site_url}/aides/?acces=oui&acces=sous-conditions")
    expect(page.locator(".kb-count")).to_have_text(shown(len(either), total))
    assert sorted(visible_ids(page)) == sorted(either)


def test_ended_periods_are_shown_by_default_and_can_be_hidden(page: Page, site_url: str,
                                                             aids_where, real_catalog):
    total = len(aids_where())
    flemish = aids_where(level="region-flamande")
    ended = [aid_id for aid_id in flemish if real_catalog.period_ended(real_catalog.aids[aid_id])]
    assert ended  # the two WSE calls ran « jusqu'à fin 2023 »
    page.goto(f"{site_url}/aides/?niveau=region-flamande")
    expect(page.locator(".kb-count")).to_have_text(shown(len(flemish), total))
    marked = page.locator(".kb-results li", has=page.locator(".kb-ended"))
    assert sorted(marked.evaluate_all("items => items.map(i => i.dataset.id)")) == sorted(ended)
    page.get_by_label("Masquer les dispositifs dont la période est terminée").check()
    expect(page.locator(".kb-count")).to_have_text(shown(len(flemish) - len(ended), total))
    expect(page.locator(".kb-results .kb-ended")).to_have_count(0)


def test_search_box_ignores_accents(page: Page, site_url: str, real_catalog):
    aids = real_catalog.aids.values()
    query = "numerique & transition"
    found = [aid.id for aid in aids if query in fold(f"{aid.name} {aid.operator or ''}")]
    assert "bxl-appel-numerique-transition-economique" in found  # written « numérique »
    page.goto(f"{site_url}/aides/")
    page.get_by_label("Rechercher par nom ou opérateur").fill(query)
    expect(page.locator(".kb-count")).to_have_text(shown(len(found), len(aids)))
    assert sorted(visible_ids(page)) == sorted(found)


def test_without_javascript_the_full_list_and_group_pages_remain(browser: Browser, site_url: str,
                                                                 aids_where):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/aides/")
    expect(page.locator(".kb-filters")).to_be_hidden()
    expect(page.locator("h2#toutes-les-fiches")).to_be_visible()
    assert page.locator("a[href^='bxl-prime-web']").first.is_visible()
    page.locator("a[href='niveau/region-wallonne/']").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Niveau\s:\sRégion wallonne"))
    walloon = aids_where(level="region-wallonne")
    expect(page.locator("article li")).to_have_count(min(len(walloon), GROUP_PAGE_SIZE))
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


def test_filters_work_with_the_keyboard(page: Page, site_url: str, aids_where):
    page.goto(f"{site_url}/aides/")
    page.get_by_label("Rechercher par nom ou opérateur").focus()
    page.keyboard.press("Tab")  # first facet summary (open)
    page.keyboard.press("Tab")  # « Oui »
    page.keyboard.press("Space")
    expect(page.locator(".kb-count")).to_have_text(
        shown(len(aids_where(brussels_access="oui")), len(aids_where())))
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_case_listing_filters_and_case_page_citation(page: Page, site_url: str, real_catalog):
    cases = real_catalog.cases.values()
    youth = sorted(case.id for case in cases if any(
        sector.slug == "jeunesse-et-aide-a-la-jeunesse" for sector in case.sectors))
    assert "les-jeunes-asbl" in youth
    page.goto(f"{site_url}/cas/")
    expect(page.locator(".kb-count")).to_have_text(shown(len(cases), len(cases)))
    checkbox(page, "Jeunesse et aide à la jeunesse").check()
    expect(page.locator(".kb-count")).to_have_text(shown(len(youth), len(cases)))
    assert sorted(visible_ids(page)) == youth
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


def test_every_result_prints_on_one_sheet(page: Page, site_url: str, real_catalog):
    page.goto(f"{site_url}/parcours/resultats/")
    results = page.locator("article li > a").evaluate_all(
        "links => links.map(a => a.href).filter(h => h.includes('/parcours/resultats/'))")
    assert {f"{site_url}/parcours/resultats/{result.id}/"
            for result in real_catalog.path.results} <= set(results)
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
    # The line that offered « Recommencer » says « Vos réponses » alone, no stray « · ».
    expect(page.locator(".kb-path-given > p").first).to_have_text("Vos réponses",
                                                                   use_inner_text=True)
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
def test_self_assessment_names_the_nearest_profile(page: Page, site_url: str, column, name,
                                                   real_catalog):
    requests: list[str] = []
    page.goto(f"{site_url}/profils/autodiagnostic/")
    page.wait_for_load_state("networkidle")
    page.on("request", lambda request: requests.append(request.url))
    expect(page.locator(".kb-assessment-nojs")).to_be_hidden()
    answer_like(page, column)
    page.get_by_role("button", name="Voir le profil le plus proche").click()
    result = page.locator("#kb-assessment-result")
    expect(result.locator(".kb-assessment-best")).to_have_text(name)
    expect(result.locator("ol li")).to_have_count(len(real_catalog.profiles))
    # Their answers beside the profile's printed values, and the way on.
    result.locator("summary").click()
    blocks = assessment.questionnaire(real_catalog.survey, real_catalog.profiles)
    expect(result.locator("tbody tr")).to_have_count(sum(len(block.items) for block in blocks))
    expect(result.get_by_role("link", name=re.compile("Faire le parcours"))).to_be_visible()
    assert requests == [], "les réponses ne quittent pas la page"  # nothing sent or fetched
    result.locator(".kb-assessment-best").click()
    expect(page.locator("h1")).to_contain_text(name)


def test_self_assessment_without_javascript_links_each_profile(browser: Browser, site_url: str,
                                                               real_catalog):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/profils/autodiagnostic/")
    expect(page.locator("form.kb-assessment")).to_be_hidden()
    expect(page.locator(".kb-assessment-nojs")).to_be_visible()
    expect(page.locator("#phrases + ul > li > a")).to_have_count(len(real_catalog.profiles))
    page.locator("#phrases + ul > li > a").first.click()
    expect(page.locator("h1")).to_contain_text("Profil 1")
    context.close()


def test_no_serious_accessibility_violation_on_the_self_assessment(page: Page, site_url: str):
    page.goto(f"{site_url}/profils/autodiagnostic/")
    answer_like(page, "SD")
    page.get_by_role("button", name="Voir le profil le plus proche").click()
    page.locator("#kb-assessment-result summary").click()
    assert_no_serious_violation(page)
