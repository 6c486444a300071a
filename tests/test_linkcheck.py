"""``python -m generator check-links``: against a loopback server only, never the network."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

import pytest

from generator import cli, linkcheck
from generator.catalog import load_catalog
from tests.conftest import ROOT, SOURCES_YAML, aid_yaml, write_data

SLOW_SECONDS = 1.5
TIMEOUT = 0.4


class _Handler(http.server.BaseHTTPRequestHandler):
    """200, 404, a redirect, a slow answer, and a server that refuses HEAD."""

    seen_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, with_body: bool) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = 200 if path in {"/ok", "/slow", "/no-head"} else 404
        body = b"ok" if status == 200 else b"absent"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_each_kind_of_answer(server):
    ok = linkcheck.check_url(f"{server}/ok", timeout=TIMEOUT)
    assert (ok.ok, ok.status, ok.detail) == (True, 200, "")
    missing = linkcheck.check_url(f"{server}/missing", timeout=TIMEOUT)
    assert (missing.ok, missing.status) == (False, 404)
    moved = linkcheck.check_url(f"{server}/moved", timeout=TIMEOUT)
    assert (moved.ok, moved.detail) == (True, f"redirigé vers {server}/ok")
    no_head = linkcheck.check_url(f"{server}/no-head", timeout=TIMEOUT)
    assert (no_head.ok, no_head.status) == (True, 200)  # GET after HEAD's 405
    started = time.perf_counter()
    slow = linkcheck.check_url(f"{server}/slow", timeout=TIMEOUT)
    assert (slow.ok, slow.detail) == (False, f"délai dépassé ({TIMEOUT:g} s)")
    assert time.perf_counter() - started < SLOW_SECONDS
    assert all(agent == linkcheck.USER_AGENT for agent in _Handler.seen_agents)


def test_urls_in_free_text_are_found_without_their_punctuation():
    texts = ["Voir (https://exemple.be/cat.pdf), puis « https://x.org/#m ».",
             "http://y.org/a?b=1."]
    assert [url for text in texts for url in linkcheck.urls_in(text)] == [
        "https://exemple.be/cat.pdf", "https://x.org/#m", "http://y.org/a?b=1"]


def test_command_lists_broken_links_at_their_data_line(server, tmp_path, monkeypatch, capsys):
    aids = "".join([
        aid_yaml("bxl-ok", url=f'  url: "{server}/ok"'),
        aid_yaml("bxl-absente", url=f'  url: "{server}/missing"'),
        aid_yaml("bxl-deplacee", url=f'  url: "{server}/moved"'),
        aid_yaml("bxl-lente", url=f'  url: "{server}/slow"',
                 funds=f'  funds: "Catalogue ({server}/gone.pdf)."'),
    ])
    sources = SOURCES_YAML + f'  url: "{server}/no-head"\n'
    data = write_data(tmp_path, aids, sources)
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    started = time.perf_counter()
    code = cli.main(["--data", str(data), "check-links", "--external",
                     "--site", str(tmp_path / "site"), "--timeout", str(TIMEOUT)])
    elapsed = time.perf_counter() - started
    out = capsys.readouterr().out
    assert code == 1
    lines = (data / "aids.yaml").read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if text in line)

    failures = [line.split() for line in out.splitlines()[1:-1]]
    assert {(cells[0], cells[-1]) for cells in failures} == {
        (f"data/aids.yaml:{line_of('/missing')}", f"{server}/missing"),
        (f"data/aids.yaml:{line_of('/slow')}", f"{server}/slow"),
        (f"data/aids.yaml:{line_of('/gone.pdf')}", f"{server}/gone.pdf"),
    }
    assert "404 Not Found" in out
    assert "3 adresse(s) cassée(s) sur 6 vérifiée(s)" in out
    assert elapsed < SLOW_SECONDS + 2  # concurrent: the slow one did not hold the rest


def test_command_passes_when_every_link_answers(server, tmp_path, monkeypatch, capsys):
    data = write_data(tmp_path, aid_yaml(url=f'  url: "{server}/moved"'))
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    code = cli.main(["--data", str(data), "check-links", "--external",
                     "--site", str(tmp_path / "site"), "--timeout", str(TIMEOUT)])
    assert code == 0
    assert "0 adresse(s) cassée(s) sur 1 vérifiée(s)" in capsys.readouterr().out


def test_external_links_of_a_built_site_are_checked(server, tmp_path, monkeypatch, capsys):
    data = write_data(tmp_path, aid_yaml(url="  url: null"))
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(f'<a href="{server}/ok">ok</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text(f'<a href="{server}/missing">x</a>', encoding="utf-8")
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    code = cli.main(["--data", str(data), "check-links", "--external", "--site", str(site),
                     "--timeout", str(TIMEOUT)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"site/a/index.html  404 Not Found  {server}/missing" in out


def test_without_external_the_internal_links_of_the_site_are_checked(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<h1 id="t">A</h1>', encoding="utf-8")
    (site / "index.html").write_text('<a href="a/#t">a</a>', encoding="utf-8")
    assert cli.main(["check-links", "--site", str(site)]) == 0
    (site / "index.html").write_text('<a href="a/#t">a</a> <a href="b/">b</a>', encoding="utf-8")
    assert cli.main(["check-links", "--site", str(site)]) == 1
    assert "index.html: b/ (fichier absent)" in capsys.readouterr().out


def test_without_a_built_site_the_internal_check_says_so(tmp_path, capsys):
    assert cli.main(["check-links", "--site", str(tmp_path / "absent")]) == 1
    assert "make build" in capsys.readouterr().err


def test_real_data_addresses_are_found_with_their_lines():
    """Every address of the real data is collected at a line that holds it (no network)."""
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))
    uses = linkcheck.data_uses(catalog, ROOT)
    assert uses
    for use in uses:
        path, line = use.where.rsplit(":", 1)
        assert use.url in (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    aid_urls = {aid.url for aid in catalog.aids.values() if aid.url}
    assert aid_urls <= {use.url for use in uses}
