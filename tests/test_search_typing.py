"""The search typed key by key, as people type, over a slow network: the answer shown at the
end is the one to the whole query (the same as for the query pasted at once), never an
answer to an earlier prefix that came late; the suggestion and the dead-end help are those
of the final query. Desktop and phone viewports."""

from __future__ import annotations

import functools
import http.server
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import VIEWPORTS, open_page

pytestmark = pytest.mark.browser

LATENCY = 0.5
"""Most seconds an index file takes to arrive: answers to successive keys come out of order."""
KEY_DELAY = 70
"""Milliseconds between two keys: a fast typist, faster than the index arrives."""

# Realistic queries: a need in everyday words (several words, a space typed in between),
# an English word Pagefind does not know until late, a typo answered by « Vouliez-vous
# dire … ? », a Belgian term, a word no page has (the dead-end help).
QUERIES = ["ordinateur portable", "site internet", "laptop", "subvension",
           "commission paritaire", "formaton", "zqxwvj"]


class _SlowIndex(http.server.SimpleHTTPRequestHandler):
    """Serves the site; each file of the search index arrives after a random delay."""

    randomness = random.Random(17)
    lock = threading.Lock()

    def do_GET(self) -> None:
        if self.path.startswith("/pagefind/"):
            with self.lock:
                delay = self.randomness.uniform(0, LATENCY)
            time.sleep(delay)
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # each page downloads afresh
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def slow_site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_SlowIndex, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=sorted(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    with open_page(browser, request.param, timeout=30000) as page:
        yield page


def open_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    # Every query the dialog says it answers, in the order its answers are shown.
    page.evaluate("""() => {
        window.kbAnswers = [];
        const root = document.querySelector('[data-kb-search]');
        new MutationObserver(() => window.kbAnswers.push(root.dataset.kbAnswered))
            .observe(root, {attributes: true, attributeFilter: ['data-kb-answered']});
    }""")
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()


def shown(page: Page, query: str) -> dict[str, Any]:
    """What the dialog shows once it has answered ``query`` and the network is quiet."""
    expect(page.locator("[data-kb-search]")).to_have_attribute("data-kb-answered", query)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(LATENCY * 2000)  # an answer still on its way would land by now
    return page.evaluate("""() => {
        const root = document.querySelector('[data-kb-search]');
        const texts = selector => [...root.querySelectorAll(selector)]
            .map(node => node.textContent.trim());
        return {
            answered: root.dataset.kbAnswered,
            meta: root.querySelector('.md-search-result__meta').textContent.trim(),
            results: [...root.querySelectorAll('.md-search-result__item a')]
                .map(link => new URL(link.href).pathname + new URL(link.href).hash),
            suggestion: texts('.kb-search-suggestion strong'),
            help: [...root.querySelectorAll('.kb-search-help a')]
                .map(link => link.textContent.trim() + ' → ' + link.getAttribute('href')),
            input: root.querySelector('.md-search__input').value,
        };
    }""")


@pytest.mark.parametrize("query", QUERIES)
def test_typed_key_by_key_shows_the_answer_to_the_whole_query(page: Page, slow_site_url: str,
                                                                query: str):
    open_search(page, slow_site_url)
    page.locator(".md-search__input").press_sequentially(query, delay=KEY_DELAY)
    typed = shown(page, query)
    answers: list[str] = page.evaluate("window.kbAnswers")

    # No answer to a shorter prefix after the answer to a longer one: the last shown is the
    # query itself, and what was shown grew with the typing.
    assert answers, "no answer shown"
    assert answers[-1] == query, answers
    lengths = [len(answer) for answer in answers]
    assert lengths == sorted(lengths), answers
    assert all(query.startswith(answer) for answer in answers), answers

    open_search(page, slow_site_url)
    page.locator(".md-search__input").fill(query)
    pasted = shown(page, query)
    assert typed == pasted

    # The test says something: each query shows results, or the help that goes with none.
    assert typed["results"] or typed["help"], typed
    if typed["suggestion"]:
        assert typed["suggestion"] != [query]
