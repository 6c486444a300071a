"""Relevance of the site search: the queries of tests/search_queries.yaml typed into the real
search box of a built site, in Chromium. recall@5 (a fitting result among the first five)
and mean reciprocal rank, per family of queries.

    python benchmarks/relevance.py site/      # a built site; prints the table

The test suite runs the same evaluation (tests/test_search_relevance.py).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yaml"
USABLE = {"yes", "conditional"}


@dataclass(frozen=True)
class Outcome:
    family: str
    query: str
    results: tuple[str, ...]
    """Addresses of the results shown, in order (after following a suggestion)."""
    elsewhere: tuple[bool, ...]
    """For each result: said to be of no direct use to a Brussels ASBL (other region…)."""
    rank: int | None
    """Position (1-based) of the first fitting result, None if none is shown."""
    suggested: str | None


def fitting(rule: dict[str, Any], catalog: Any) -> set[str]:
    """The addresses that satisfy a query's ``fits`` rule."""
    found = set(rule.get("pages", []))
    for aid in catalog.aids.values():
        if aid.brussels_access.value not in USABLE:
            continue
        if rule.get("need") in {need.value for need in aid.needs} or \
                rule.get("form") in {form.value for form in aid.support_types}:
            found.add(f"/aides/{aid.id}/")
    return found


def _results(page: Any) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    items = page.locator(".md-search-result__item").evaluate_all("""items => items.map(item => [
        new URL(item.querySelector('a').href).pathname + new URL(item.querySelector('a').href).hash,
        !!item.querySelector('.kb-search-elsewhere')])""")
    return tuple(url for url, _ in items), tuple(flag for _, flag in items)


def _settle(page: Any) -> None:
    """Wait until the answer to the query typed last is shown."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("""() => {
        const text = document.querySelector('.md-search-result__meta').textContent;
        return /résultat/.test(text);
    }""")
    page.wait_for_timeout(150)
    page.wait_for_load_state("networkidle")


def run_query(page: Any, site_url: str, query: str) -> tuple[tuple[str, ...], tuple[bool, ...],
                                                             str | None]:
    page.goto(site_url + "/")
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(query)
    _settle(page)
    results, elsewhere = _results(page)
    return results, elsewhere, None


def evaluate(page: Any, site_url: str, catalog: Any) -> list[Outcome]:
    outcomes = []
    for entry in yaml.safe_load(QUERIES.read_text("utf-8")):
        fits = fitting(entry["fits"], catalog)
        results, elsewhere, suggested = run_query(page, site_url, entry["query"])
        top_fits = any(result in fits for result in results[:5])
        suggestion = page.locator(".kb-search-suggestion")
        if not top_fits and suggestion.count():
            suggested = suggestion.first.locator("strong").text_content()
            suggestion.first.click()
            _settle(page)
            results, elsewhere = _results(page)
        rank = next((position for position, result in enumerate(results, start=1)
                     if result in fits), None)
        outcomes.append(Outcome(entry["family"], entry["query"], results, elsewhere, rank,
                                suggested))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, tuple[int, float, float]]:
    """Per family and overall: (queries, recall@5, mean reciprocal rank)."""
    families: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        families[outcome.family].append(outcome)
    families["toutes"] = list(outcomes)
    return {family: (len(group),
                     sum(1 for o in group if o.rank and o.rank <= 5) / len(group),
                     sum(1 / o.rank for o in group if o.rank) / len(group))
            for family, group in families.items()}


def table(outcomes: list[Outcome]) -> str:
    lines = ["| famille | requêtes | recall@5 | MRR |", "|---|---|---|---|"]
    for family, (count, recall, mrr) in summary(outcomes).items():
        lines.append(f"| {family} | {count} | {recall:.2f} | {mrr:.2f} |")
    misses = [f"- « {o.query} » : {', '.join(o.results[:5]) or 'aucun résultat'}"
              for o in outcomes if not (o.rank and o.rank <= 5)]
    return "\n".join(lines + (["", "Hors des cinq premiers :", *misses] if misses else []))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, viewport: dict[str, int] | None = None) -> list[Outcome]:
    """The query set through the search box of the built ``site``, served on loopback."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from generator.catalog import load_catalog
    from tests.conftest import CHROMIUM, FLAGS

    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
            page.set_default_timeout(30000)
            outcomes = evaluate(page, f"http://127.0.0.1:{server.server_address[1]}", catalog)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return outcomes


def main(site: Path) -> None:
    print(table(measure(site)))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
