"""Bytes a visitor downloads from opening the search to the first result, in Chromium.

Serves a built site on a loopback port (no compression, so this is an upper bound: a host
that gzips sends less), opens the search with "/", types a query and sums the bodies of
every response until the first result is shown.

    python benchmarks/search_payload.py site/ subvention "ordinateur portable"
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

from playwright.sync_api import Response, expect, sync_playwright

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_result_payload(site: Path, query: str) -> tuple[int, list[tuple[str, int]]]:
    """(total bytes, [(url, bytes)…]) downloaded before the first result of ``query``."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=FLAGS)
            page = browser.new_page()
            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            responses: list[tuple[str, int]] = []

            def record(response: Response) -> None:
                # A body still on its way when the browser closes is not counted.
                with contextlib.suppress(Exception):
                    responses.append((response.url.removeprefix(base), len(response.body())))

            page.on("response", record)
            page.keyboard.press("/")
            page.keyboard.type(query)  # key by key, as a visitor types: a search per key
            expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30000)
            page.remove_listener("response", record)
            measured = list(responses)
            page.wait_for_load_state("networkidle")  # let later fetches end before closing
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sum(size for _, size in measured), measured


def main() -> None:
    """``python benchmarks/search_payload.py SITE QUERY…``: KiB before the first result."""
    import sys

    site = Path(sys.argv[1])
    for query in sys.argv[2:]:
        total, files = first_result_payload(site, query)
        biggest = sorted(files, key=lambda file: -file[1])[:3]
        print(f"« {query} » : {total / 1024:.0f} Kio (" + ", ".join(
            f"{url.split('?')[0]} {size / 1024:.0f}" for url, size in biggest) + ")")


if __name__ == "__main__":
    main()
