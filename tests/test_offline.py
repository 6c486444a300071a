"""The offline build (mkdocs-offline.yml, `make offline`) read from file:// in Chromium:
navigation between pages, a search that finds a record, the catalogue still usable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("offline") / "site-offline"
    mkdocs("build", "--strict", "-f", str(ROOT / "mkdocs-offline.yml"), "--site-dir", str(site))
    return site




@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-BE")
    context.set_default_timeout(8000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page
    context.close()
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:", "about:"))] == []


def test_every_link_of_the_offline_site_opens_a_file(offline_site: Path):
    broken = set()
    for html in offline_site.rglob("*.html"):
        if html.name == "404.html":  # only a web server shows it
            continue
        for href in re.findall(r'(?:href|src)="([^"#?]+)', html.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:", "mailto:", "data:")):
                continue
            target = (html.parent / href).resolve()
            if not target.is_file():
                broken.add((str(html.relative_to(offline_site)), href))
    assert sorted(broken)[:10] == []


def test_navigation_between_pages(page: Page, offline_site: Path):
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-content a[href='cas/index.html']").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Études de cas"))
    page.get_by_role("link", name="Les Jeunes ASBL").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Les Jeunes ASBL"))
    assert page.url.endswith("/cas/les-jeunes-asbl.html")
    term = page.locator("a.kb-term").first
    term.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Glossaire"))
    assert "/glossaire/index.html#" in page.url
    page.locator(".md-header .md-logo").click()
    assert page.url.endswith("/index.html")


def test_search_finds_a_record(page: Page, offline_site: Path):
    page.goto((offline_site / "aides" / "a-propos.html").as_uri())
    page.keyboard.press("/")
    page.keyboard.type("Digibrux")  # Material reads the query on key events
    result = page.locator(".md-search-result__item a[href*='bxl-digibrux']").first
    expect(result).to_be_visible(timeout=15000)
    result.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Digibrux"))


def test_catalogue_keeps_its_full_list_without_a_server(page: Page, offline_site: Path):
    page.goto((offline_site / "aides" / "index.html").as_uri())
    # fetch() is refused on file://: the filters say so, the static list stays.
    expect(page.locator(".kb-count")).to_have_text(re.compile("n'ont pas pu être chargés"))
    expect(page.locator("h2#toutes-les-fiches")).to_be_visible()
    page.get_by_role("link", name="Digibrux").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Digibrux"))
