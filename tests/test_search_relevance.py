"""Search in the users' words: the relevance set (tests/search_queries.yaml) through the real
search box, suggestions for typos, no dead end, the vocabularies' words in the index."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks.relevance import evaluate, fitting, summary, table
from generator.catalog import load_catalog
from generator.schema import BrusselsAccess, Need
from generator.search import (
    ACCESS_WEIGHTS,
    SHOWN_ACCESS,
    SiteSearch,
    everyday_words,
    mark_page,
)
from tests.conftest import ROOT

ARTICLE = '<article class="md-content__inner md-typeset">'


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date.today())


def test_each_aid_is_indexed_with_the_everyday_words_of_its_needs(catalog):
    search = SiteSearch(catalog)
    for aid in catalog.aids.values():
        marked = mark_page(f"<html>{ARTICLE}x</article></html>", search.page(f"aides/{aid.id}.md"))
        for need in aid.needs:
            for word in (need.label, *need.synonyms):
                assert word.replace("'", "&#39;") in marked, (aid.id, word)
        weight = ACCESS_WEIGHTS.get(aid.brussels_access, 1)
        assert f'data-pagefind-weight="{weight}"' in marked or not everyday_words(aid)
        # Said in the result when a Brussels ASBL cannot use it as such.
        shown = f'data-pagefind-meta="acces:{aid.brussels_access.label}"' in marked
        assert shown is (aid.brussels_access in SHOWN_ACCESS), aid.id
    assert BrusselsAccess.OTHER_REGION in SHOWN_ACCESS
    assert BrusselsAccess.YES not in SHOWN_ACCESS


def test_the_word_list_names_every_need_with_its_catalogue_filter(built_site: Path, catalog):
    data = json.loads((built_site / "recherche-mots.json").read_text("utf-8"))
    used = {need for aid in catalog.aids.values() for need in aid.needs}
    assert [need["label"] for need in data["needs"]] == [n.label for n in Need if n in used]
    for need in data["needs"]:
        assert (built_site / "aides" / "besoin" / need["filter"].split("=")[1]).is_dir()
    equipment = next(n for n in data["needs"] if n["label"] == Need.EQUIPMENT_SOFTWARE.label)
    assert {"ordinateur", "laptop", "tablette"} <= set(equipment["words"])
    assert all(word == word.lower() and not re.search(r"[éèàç]", word) for word in data["words"])
    assert (built_site / "recherche-mots.json").stat().st_size < 40_000  # a small download


@pytest.mark.browser
def test_relevance_set_through_the_search_box(browser: Browser, site_url: str, catalog,
                                              capsys: pytest.CaptureFixture[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outcomes = evaluate(page, site_url, catalog)
    page.close()
    with capsys.disabled():
        print("\n" + table(outcomes))
    count, recall, _ = summary(outcomes)["toutes"]
    assert count >= 40
    assert recall >= 0.9, table(outcomes)
    # For a need query, no aid of another region or abroad above one a Brussels ASBL can use.
    for outcome in outcomes:
        if outcome.family != "need":
            continue
        usable = [position for position, result in enumerate(outcome.results)
                  if result.startswith("/aides/") and not outcome.elsewhere[position]]
        elsewhere = [position for position, flag in enumerate(outcome.elsewhere) if flag]
        assert not usable or not elsewhere or max(usable) < min(elsewhere), outcome


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900},
                                      {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_a_typo_gets_a_suggestion_and_no_query_ends_in_a_dead_end(
        browser: Browser, site_url: str, catalog, viewport: dict[str, int]):
    page: Page = browser.new_page(viewport=viewport)
    page.goto(site_url + "/")
    page.keyboard.press("/")
    page.locator(".md-search__input").fill("subvension")
    suggestion = page.locator(".kb-search-suggestion")
    expect(suggestion).to_contain_text("subvention")
    suggestion.click()
    expect(page.locator(".md-search__input")).to_have_value("subvention")
    expect(page.locator(".md-search-result__item").first).to_be_visible()

    # A word no page has: no result made of fragments of it, and two ways on.
    page.locator(".md-search__input").fill("zqxwvj")
    expect(page.locator(".md-search-result__meta")).to_have_text("Aucun résultat")
    help_text = page.locator(".kb-search-help")
    expect(help_text.get_by_role("link", name=re.compile("parcours"))).to_be_visible()
    expect(help_text.get_by_role("link", name=re.compile("catalogue"))).to_be_visible()

    # A foreign word the index does not hold, split by Pagefind into « la » + …: no result.
    page.locator(".md-search__input").fill("lapsang")
    expect(page.locator(".md-search-result__meta")).to_have_text("Aucun résultat")
    page.close()


@pytest.mark.browser
def test_a_need_in_everyday_words_finds_usable_aids_first(browser: Browser, site_url: str,
                                                          catalog):
    page = browser.new_page()
    page.goto(site_url + "/")
    page.keyboard.press("/")
    page.locator(".md-search__input").fill("laptop")
    first = page.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    href = first.get_attribute("href") or ""
    fits = fitting({"need": Need.EQUIPMENT_SOFTWARE.value}, catalog)
    assert any(href.endswith(url) for url in fits), href
    count = page.locator(".md-search-result__meta").text_content() or ""
    total = int(re.match(r"\d+", count).group()) if re.match(r"\d+", count) else 0
    assert total < len(catalog.aids), "« laptop » must not match most of the index"
    # Every result Pagefind has, not only those shown: the everyday words listed on
    # /donnees/champs/ (which documents them) do not bring that page up.
    every = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const found = await pagefind.search('laptop');
        return Promise.all(found.results.map(result => result.data().then(d => d.url)));
    }""")
    assert every
    assert "/donnees/champs/" not in every
    page.close()
