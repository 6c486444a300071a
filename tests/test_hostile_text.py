"""Script in every text field: the real data, each string its model accepts poisoned.

The attack is generated from the models, not listed by hand: every string of every record of
every data file (and every label of every survey CSV) gets the payload wherever its model
and the catalogue's cross-checks accept it. The site is built (the build itself refuses a
page with an inline script the theme does not write) and every built page is read, then
opened in Chromium: no dialog, no injected element, no script run, the CSP intact.
"""

from __future__ import annotations

import copy
import csv
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser
from pydantic import BaseModel, ValidationError

from generator.catalog import load_catalog
from generator.errors import DataErrors
from generator.schema import RECORD_KINDS
from generator.survey import SURVEY_FILES
from tests.conftest import ROOT, _QuietHandler, mkdocs

MARK = "xss"
PAYLOAD = (f' </title><script>window.__{MARK}=1</script><img src=x onerror="window.__{MARK}=2">'
           f'[lien](javascript:window.__{MARK}=3) {{: onclick="window.__{MARK}=4" }}'
           " {{ 7*1234567 }} & <b>gras</b>")
EVALUATED = str(7 * 1234567)
"""What the payload's Jinja expression would print if any template evaluated data."""

Path_ = tuple[str | int, ...]


def _leaves(value: Any, at: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*at, index))


def _set(root: Any, at: Path_, value: str) -> None:
    for key in at[:-1]:
        root = root[key]
    root[at[-1]] = value


def _accepts(model: type[BaseModel], record: dict[str, Any]) -> bool:
    try:
        model.model_validate(record)
    except ValidationError:
        return False
    return True


def _poison_records(records: list[dict[str, Any]], model: type[BaseModel],
                    poisoned: dict[Path_, str]) -> None:
    """Each string of each record takes the payload when the model still accepts it."""
    for index, record in enumerate(records):
        for at, original in list(_leaves(record)):
            for attack in (f"{original}{PAYLOAD}", PAYLOAD.strip()):
                trial = copy.deepcopy(record)
                _set(trial, at, attack)
                if _accepts(model, trial):
                    _set(record, at, attack)
                    poisoned[(index, *at)] = original
                    break


_LOCATION = re.compile(r"\[(\d+)\]|\.?([A-Za-z_][\w-]*)")


def _location(text: str) -> Path_:
    """« aids[3].sources[0].section » → (3, 'sources', 0, 'section'), after the file name."""
    parts: list[str | int] = [int(number) if number else name
                              for number, name in _LOCATION.findall(text)]
    return tuple(parts[1:])


def _write_hostile_project(folder: Path) -> tuple[Path, int]:
    for name in ("mkdocs.yml", "content", "theme", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    data = folder / "data"
    files = {data / f"{name}.yaml": record_kind.model
             for name, record_kind in RECORD_KINDS.items()}
    files |= {data / "survey" / f"{name}.yaml": model for name, model in SURVEY_FILES.items()}
    contents: dict[Path, list[dict[str, Any]]] = {}
    poisoned: dict[Path, dict[Path_, str]] = {}
    for path, model in files.items():
        if not path.exists():
            continue
        contents[path] = yaml.safe_load(path.read_text("utf-8")) or []
        poisoned[path] = {}
        _poison_records(contents[path], model, poisoned[path])
    csv_labels = _poison_csv_labels(data / "survey")

    # Cross-file checks (a label a CSV must carry, a title a table must repeat…) may refuse a
    # poisoned string: put back each one an error points at, until the catalogue loads.
    for _ in range(10):
        for path, records in contents.items():
            path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False),
                            "utf-8")
        try:
            load_catalog(data, root=folder, build_date=date(2026, 12, 1))
            break
        except DataErrors as errors:
            for error in errors.errors:
                path = folder / error.path
                if path.suffix == ".csv":
                    shutil.copy(ROOT / error.path, path)
                    csv_labels.discard(path)
                    continue
                at = _location(error.location)
                for place, original in list(poisoned.get(path, {}).items()):
                    if place[:len(at)] == at or at[:len(place)] == place:
                        _set(contents[path], place, original)
                        del poisoned[path][place]
    else:
        pytest.fail("les données empoisonnées ne se chargent pas")
    return folder, sum(len(places) for places in poisoned.values()) + len(csv_labels)


def _poison_csv_labels(survey: Path) -> set[Path]:
    """The first column of each survey CSV holds labels (text shown in tables and charts)."""
    changed = set()
    for path in sorted(survey.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        if len(rows) < 2:
            continue
        for row in rows[1:]:
            if row and row[0] and not re.fullmatch(r"[\d.,%\s-]+", row[0]):
                row[0] += PAYLOAD
        with path.open("w", encoding="utf-8", newline="") as file:
            csv.writer(file).writerows(rows)
        changed.add(path)
    return changed


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    project, count = _write_hostile_project(tmp_path_factory.mktemp("hostile"))
    mkdocs("build", "--strict", cwd=project)
    return project / "site", count


class _Page(HTMLParser):
    """What a page holds that could run: handlers, script elements, javascript: links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.injected: list[str] = []
        self.javascript_links: list[str] = []
        self.policy = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction"} and value and \
                    value.strip().lower().startswith("javascript:"):
                self.javascript_links.append(f"<{tag} {name}={value!r}>")
        if (tag == "img" and dict(attrs).get("src") == "x") or tag == "b":
            self.injected.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy":
            self.policy = True


@pytest.mark.e2e
def test_the_attack_reaches_every_data_file(hostile_site: tuple[Path, int]):
    site, poisoned = hostile_site
    # Every data file has text fields: a poisoned value in each proves the walk found them.
    assert poisoned > len(RECORD_KINDS) + len(SURVEY_FILES)
    shown = [page for page in site.rglob("*.html")
             if f"window.__{MARK}=1" in page.read_text("utf-8", errors="replace")]
    assert len(shown) > len(RECORD_KINDS), "the payload should be shown, as text, on many pages"


@pytest.mark.e2e
def test_no_built_page_holds_anything_the_payload_could_run(hostile_site: tuple[Path, int]):
    site, _ = hostile_site
    problems = []
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.svg")]):
        html = path.read_text("utf-8")
        parser = _Page()
        parser.feed(html)
        where = path.relative_to(site).as_posix()
        problems += [f"{where}: {found}"
                     for found in parser.handlers + parser.javascript_links + parser.injected]
        if f"<script>window.__{MARK}" in html:
            problems.append(f"{where}: script injecté")
        if EVALUATED in html:
            problems.append(f"{where}: expression Jinja évaluée")
        if path.suffix == ".html" and not parser.policy:
            problems.append(f"{where}: pas de politique CSP")
    assert problems == []


@pytest.mark.e2e
def test_other_outputs_keep_the_payload_as_data(hostile_site: tuple[Path, int]):
    site, _ = hostile_site
    for path in [*site.rglob("*.json"), *site.rglob("*.xml"), *site.rglob("*.csv")]:
        text = path.read_text("utf-8", errors="replace")
        assert EVALUATED not in text, path
    feed = (site / "feed.xml").read_text("utf-8")
    assert "<script>" not in feed  # the Atom feed escapes its text


@pytest.fixture(scope="module")
def hostile_url(hostile_site: tuple[Path, int]) -> Iterator[str]:
    site, _ = hostile_site
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));
"""

_INJECTED = """() => ({
  ran: typeof window.__xss === "undefined" ? null : window.__xss,
  elements: [...document.querySelectorAll('img[src="x"], [onerror], [onclick]')]
      .map((element) => element.outerHTML.slice(0, 120)),
  scripts: [...document.scripts]
      .filter((script) => ["", "text/javascript", "module"].includes(script.type))
      .filter((script) => script.text.includes("__xss"))
      .map((script) => script.text.slice(0, 120)),
  violations: window.__violations.filter((line) => line.startsWith("script-src")),
})"""


def _check(page: Any, where: str, dialogs: list[str]) -> list[str]:
    state = page.evaluate(_INJECTED)
    return [f"{where}: {key} {value}" for key, value in state.items() if value] + \
        [f"{where}: dialogue {text}" for text in dialogs]


@pytest.mark.browser
def test_every_page_opened_in_chromium_runs_no_payload(browser: Browser, hostile_url: str,
                                                      hostile_site: tuple[Path, int]):
    site, _ = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_WATCH)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []
    for path in sorted(site.rglob("index.html")):
        url = "/" + path.parent.relative_to(site).as_posix() + "/"
        page.goto(hostile_url + url.replace("//", "/"), wait_until="load")
        problems += _check(page, url, dialogs)
        dialogs.clear()
    context.close()
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900},
                                      {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_what_scripts_write_into_pages_stays_text(browser: Browser, hostile_url: str,
                                                 viewport: dict[str, int]):
    """Pages whose content is written by the site's own scripts from data: the catalogue's
    filters, the search results, the path loaded in place, the self-assessment."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(_WATCH)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []

    page.goto(hostile_url + "/aides/?acces=yes", wait_until="networkidle")
    problems += _check(page, "catalogue filtré", dialogs)

    page.goto(hostile_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator(".md-search__input").fill("gras")
    page.wait_for_timeout(1500)
    problems += _check(page, "recherche", dialogs)

    page.goto(hostile_url + "/parcours/", wait_until="networkidle")
    page.locator(".kb-path-choice").first.click()
    page.wait_for_timeout(1000)
    problems += _check(page, "parcours", dialogs)

    page.goto(hostile_url + "/profils/autodiagnostic/", wait_until="networkidle")
    for box in page.locator("form input[type=checkbox]").all()[:3]:
        box.check()
    for button in page.locator("form button[type=submit]").all()[:1]:
        button.click()
    page.wait_for_timeout(500)
    problems += _check(page, "autodiagnostic", dialogs)
    context.close()
    assert problems == []
