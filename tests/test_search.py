"""Site search (Pagefind) and the Content-Security-Policy, in a real Chromium on the real site.

Expected records come from the data: « FeBi » is the alias of the aid be-febi-formations
(data/aids.yaml), « RGPD » is explained in the glossary term protection-des-donnees-004,
« Cariplo » is the operator of it-bando-evoluzioni, « ASBL » is in the names of the aid
be-mon-asbl and of the case les-jeunes-asbl.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import assert_no_serious_violation
from tests.test_browser import answer_like, shown

pytestmark = pytest.mark.browser

# Records every CSP violation the page reports, from before its first script runs.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""




@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-BE")
    context.set_default_timeout(8000)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"erreur : {error}"))
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    yield page
    context.close()
    assert problems == [], problems


def results(page: Page) -> list[tuple[str, str, str]]:
    """(kind, title, href) of each result shown."""
    items = page.locator(".md-search-result__item")
    return [(item.locator(".kb-search-kind").inner_text(), item.locator("h1").inner_text(),
             item.locator("a").get_attribute("href") or "") for item in items.all()]


def search(page: Page, query: str) -> list[tuple[str, str, str]]:
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(query)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ résultats?$"))
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    return results(page)


def test_accents_are_optional(page: Page, site_url: str):
    page.goto(site_url + "/")
    found = search(page, "numerique")
    assert any("numérique" in title.lower() for _, title, _ in found[:5]), found


def test_french_stemming(page: Page, site_url: str):
    page.goto(site_url + "/")
    found = search(page, "formations")
    # The singular « formation », found by the plural (marked in the results' excerpts).
    marks = page.locator(".md-search-result__teaser mark").all_text_contents()
    assert any(mark.lower() == "formation" for mark in marks), (marks, found)


@pytest.mark.parametrize(("query", "kind", "href"), [
    ("FeBi", "Aide", "/aides/be-febi-formations/"),            # alias « FeBi asbl »
    ("RGPD", "Terme", "/glossaire/#protection-des-donnees-004"),
    ("ASBL", "Aide", "/aides/be-mon-asbl/"),
    ("Digibrux", "Aide", "/aides/bxl-digibrux/"),              # an aid's name
    ("Cariplo", "Aide", "/aides/it-bando-evoluzioni/"),        # its operator, Fondation Cariplo
])
def test_acronyms_names_and_operators_find_their_record(page: Page, site_url: str, query: str,
                                                        kind: str, href: str):
    page.goto(site_url + "/")
    found = search(page, query)
    assert (kind, href) in [(k, h) for k, _, h in found[:3]], found


def test_aid_aliases_are_indexed_even_though_the_page_does_not_show_them(
        page: Page, site_url: str):
    # « FeBi asbl » is only an alias: the page shows « FEBI ».
    page.goto(site_url + "/")
    found = search(page, "febi asbl")
    assert found[0][2] == "/aides/be-febi-formations/", found


def test_results_can_be_filtered_by_kind(page: Page, site_url: str):
    page.goto(site_url + "/")
    found = search(page, "ASBL")
    assert {"Aide", "Étude de cas"} <= {kind for kind, _, _ in found}
    case_filter = page.get_by_role("checkbox", name=re.compile(r"^Étude de cas \(\d+\)$"))
    count = int(re.search(r"\((\d+)\)", case_filter.evaluate("b => b.parentElement.textContent"))
                .group(1))
    case_filter.check()
    expect(page.locator(".md-search-result__meta")).to_have_text(
        f"{count} résultat{'s' if count > 1 else ''}")
    found = results(page)
    assert {kind for kind, _, _ in found} == {"Étude de cas"}
    assert ("Étude de cas", "Les Jeunes ASBL", "/cas/les-jeunes-asbl/") in found
    case_filter.uncheck()
    expect(page.locator(".kb-search-kind", has_text="Aide").first).to_be_visible()


def test_keyboard_opens_navigates_and_closes(page: Page, site_url: str):
    page.goto(site_url + "/methode/")
    search_toggle = page.locator("#__search")
    for key in ("/", "s", "f"):
        page.locator("body").press(key)
        expect(page.locator(".md-search__input")).to_be_focused()
        assert search_toggle.is_checked()
        page.keyboard.press("Escape")
        assert not search_toggle.is_checked()
        expect(page.locator(".md-search__input")).not_to_be_focused()

    page.keyboard.press("/")
    page.keyboard.type("Digibrux")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "/aides/bxl-digibrux/")
    expect(page.locator("h1")).to_have_text(re.compile("^Digibrux"))


def test_enter_in_the_box_opens_the_first_result(page: Page, site_url: str):
    page.goto(site_url + "/")
    search(page, "FeBi")
    page.locator(".md-search__input").press("Enter")
    expect(page).to_have_url(site_url + "/aides/be-febi-formations/")


def test_payload_before_the_first_result_is_small(page: Page, site_url: str):
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    downloaded: list[tuple[str, int]] = []
    page.on("response", lambda response: downloaded.append((response.url, len(response.body()))))
    page.keyboard.press("/")
    page.keyboard.type("subvention")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    total = sum(size for _, size in downloaded)
    assert any("pagefind" in url for url, _ in downloaded)
    assert total <= 250 * 1024, sorted(downloaded, key=lambda item: -item[1])
    assert not any("search_index" in url for url, _ in downloaded)


def test_no_lunr_index_is_published(built_site: Path):
    assert not (built_site / "search").exists()
    assert (built_site / "pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_with_results_has_no_serious_accessibility_violation(
        page: Page, site_url: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "/")
    search(page, "ASBL")
    expect(page.locator(".kb-search-kinds")).to_be_visible()
    assert_no_serious_violation(page, context=".md-search")


# --------------------------------------------------------------------------- CSP


def csp_problems(page: Page) -> list[str]:
    return page.evaluate("window.__csp")


def test_every_page_declares_its_policy(built_site: Path):
    for path in ("index.html", "404.html", "aides/index.html", "aides/bxl-digibrux/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                           html)
        assert policy, path
        content = policy.group(1).replace("&#39;", "'")
        assert "'unsafe-inline'" not in content.split("script-src")[1].split(";")[0]
        assert "'wasm-unsafe-eval'" in content
        assert "http" not in content  # no external origin
        # Before any script or stylesheet.
        assert html.index("Content-Security-Policy") < html.index("<script")
        assert html.index("Content-Security-Policy") < html.index("<link rel=\"stylesheet\"")


def test_csp_home_page_and_search(page: Page, site_url: str):
    page.goto(site_url + "/")
    search(page, "Digibrux")
    page.locator(".md-search-result__link").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Digibrux"))
    assert csp_problems(page) == []


def test_csp_catalogue_with_a_filter(page: Page, site_url: str, aids_where):
    page.goto(site_url + "/aides/")
    page.locator("summary", has_text="Niveau").click()
    page.get_by_role("checkbox", name=re.compile(r"^Région de Bruxelles-Capitale \(\d+\)$")).check()
    brussels = aids_where(level="region-de-bruxelles-capitale")
    expect(page.locator(".kb-count")).to_have_text(shown(len(brussels), len(aids_where())))
    assert csp_problems(page) == []


def test_csp_aid_page_and_its_citation(page: Page, site_url: str):
    page.goto(site_url + "/aides/bxl-digibrux/")
    expect(page.locator(".kb-cite .kb-today").first).not_to_have_text("[date de consultation]")
    page.locator("form[data-md-component=palette] label:visible").click()  # Material's scripts
    assert csp_problems(page) == []


def test_csp_decision_path_and_self_assessment(page: Page, site_url: str):
    page.goto(site_url + "/parcours/")
    page.locator(".kb-path-choices a", has_text="En Région de Bruxelles-Capitale").click()
    # The step loads in place (parcours.js fetches it): no reload, no violation.
    expect(page.locator("h1")).to_have_text(re.compile("^Que cherchez-vous"))
    page.goto(site_url + "/profils/autodiagnostic/")
    answer_like(page, "LT")  # an empty form is unanswered, not a profile
    page.get_by_role("button", name="Voir le profil le plus proche").click()
    expect(page.locator(".kb-assessment-best").first).to_be_visible()
    assert csp_problems(page) == []


def test_a_path_result_is_found_as_such_and_walks_are_not(page: Page, site_url: str):
    page.goto(site_url + "/")
    found = search(page, "Prime Web")
    kinds = {kind for kind, _, _ in found}
    assert "Résultat du parcours" in kinds
    assert not [href for _, _, href in found if "/parcours/bruxelles/" in href]


def test_the_policy_really_blocks_an_inline_script(browser: Browser, site_url: str):
    # The policy is in force: a script injected into the page does not run.
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.goto(site_url + "/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
    }""")
    assert page.evaluate("window.__ran") is None
    assert any(problem.startswith("script-src") for problem in csp_problems(page))
    context.close()
