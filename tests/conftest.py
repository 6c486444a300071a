"""Shared fixtures: small data sets written to temporary folders, one real site build.

Tiers (markers registered in pyproject.toml; `make test-fast` runs the first only):
- no marker: in-process tests (YAML in, page out through ``render_site``), seconds in all;
- ``e2e``: a real ``mkdocs build`` or ``serve`` in a subprocess;
- ``browser``: Chromium driving a built site.
:func:`mkdocs` refuses to run for a test without ``e2e`` or ``browser``, so a build never
slips into the fast tier unnoticed."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from generator import survey
from generator.catalog import Catalog, load_catalog
from generator.pages import render_site

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]

SOURCES_YAML = textwrap.dedent("""\
    - id: aides-2024
      title: "Explorer pour s'inspirer"
      short_title: "Explorer pour s'inspirer"
      authors: [Olivier Brolis]
      publisher: "IDEA Consult"
      published: "février 2024"
      date: 2024-02-01
    """)

# One valid record; tests copy it and break one thing at a time.
VALID_AID = textwrap.dedent("""\
    - id: bxl-exemple
      name: "Aide exemple"
      operator: "Région de Bruxelles-Capitale"
      level: brussels
      kind: aid
      support_types: [subsidy]
      digital_specific: true
      targets: [non-profits]
      needs: [training]
      eligibility: "Associations bruxelloises."
      amount: "Maximum 5000€ par année civile"
      funds: "Formations au numérique"
      period: "2021 – 2023"
      period_end: 2023-12-31
      status_reported: "Appel clôturé selon le rapport"
      url: "https://example.org/aide"
      sources:
        - report: aides-2024
          section: "Partie 2, §3.b"
          pages: "13-19"
      brussels_access: "yes"
      brussels_note: "Ouverte aux ASBL."
    """)


def aid_yaml(aid_id: str = "bxl-exemple", **changes: str) -> str:
    """VALID_AID with another id and some lines replaced (``field="new yaml line"``)."""
    lines = VALID_AID.replace("bxl-exemple", aid_id).splitlines()
    for field, line in changes.items():
        lines = [line if current.startswith(f"  {field}:") else current for current in lines]
    return "\n".join(lines) + "\n"


def write_data(folder: Path, aids: str, sources: str = SOURCES_YAML) -> Path:
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "aids.yaml").write_text(aids, encoding="utf-8")
    (data / "sources.yaml").write_text(sources, encoding="utf-8")
    return data


def run(*args: str, cwd: Path = ROOT, check: bool = True,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result


_current: list[pytest.Item] = []
"""The test being set up or run (its session fixtures included): see :func:`require_tier`."""


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _current[:] = [item]


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _current.clear()


def require_tier(what: str) -> None:
    """Fail a test outside the slow tiers that starts ``what`` (a real build, a server)."""
    if _current and not any(_current[0].get_closest_marker(tier) for tier in SLOW_TIERS):
        pytest.fail(f"{_current[0].nodeid} lance {what} : marquez-le @pytest.mark.e2e "
                    "(ou browser) pour qu'il reste hors de « make test-fast ».")


SLOW_TIERS = ("e2e", "browser")
BUILT_SITE_FIXTURES = {"built_site", "site_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that reads the real built site is end-to-end, wherever it lives.
    for item in items:
        if BUILT_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


def mkdocs(*args: str, cwd: Path = ROOT, check: bool = True,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    require_tier(f"mkdocs {args[0] if args else ''}".strip())
    return run(sys.executable, "-m", "mkdocs", *args, cwd=cwd, check=check, env=env)


def generator_cli(*args: str, cwd: Path,
                  check: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` run in this process, in ``cwd``, as a maintainer runs it
    (no terminal: nothing is asked). Starting Python and the package for each call cost more
    than the whole fast tier; `make test` runs the real command line, and the e2e tests run it
    beside mkdocs (test_validate_agrees, test_hostile_agree)."""
    from generator import cli

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        patch.setattr(cli, "ROOT", cwd)  # the command's project is its working directory
        patch.setattr(sys, "stdin", io.StringIO())
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exit:  # argparse refuses an argument: exit status 2
                code = exit.code if isinstance(exit.code, int) else 1
    result = subprocess.CompletedProcess(["python", "-m", "generator", *args], code,
                                         out.getvalue(), err.getvalue())
    if check and code != 0:
        raise AssertionError(f"{result.args} failed:\n{result.stdout}\n{result.stderr}")
    return result


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    """Poll ``condition`` until it holds (a server not up yet counts as not yet)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def make_project(folder: Path, aids: str) -> Path:
    """A small project: the real configuration and theme, one page, its own data."""
    shutil.copytree(ROOT / "theme", folder / "theme")
    (folder / "content").mkdir()
    (folder / "content" / "index.md").write_text("# Accueil\n\n[Catalogue](aides/index.md)\n")
    (folder / "content" / "aides").mkdir()
    (folder / "content" / "aides" / "a-propos.md").write_text("# À propos des aides\n")
    (folder / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        INHERIT: {ROOT / "mkdocs.yml"}
        nav:
          - Accueil: index.md
          - Aides: [aides/index.md, aides/a-propos.md, aides/proposer.md]
        """))
    write_data(folder, aids)
    return folder


def _package_files() -> dict[str, tuple[int, int]]:
    """The package's own files (not the interpreter's compiled modules) and their state."""
    package = ROOT / "generator"
    return {path.relative_to(package).as_posix(): (path.stat().st_mtime_ns, path.stat().st_size)
            for path in package.rglob("*") if path.is_file() and "__pycache__" not in path.parts}


@pytest.fixture(scope="session", autouse=True)
def no_test_writes_into_the_package() -> Iterator[None]:
    """Tests write into temporary folders only: the package's files are the same after the
    session. (Its ``__pycache__`` holds what Python and the build's cache write there.)"""
    before = _package_files()
    yield
    after = _package_files()
    changed = sorted(name for name in before.keys() | after.keys()
                     if before.get(name) != after.get(name))
    assert changed == [], f"des tests ont écrit dans generator/ : {changed}"


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    """The project's own data, loaded once (dated today, as a build would be). Tests derive
    their expectations from it: a maintainer adding a record breaks none of them."""
    return load_catalog(ROOT / "data", root=ROOT, build_date=date.today())


def render_in_memory(catalog: Catalog, **options: object) -> dict[str, str | bytes]:
    """Every generated file of ``catalog`` by source path, without mkdocs. Survey charts are
    placeholders: drawing the real ones takes 25 s of matplotlib, and the e2e tests check
    them in the built site (test_site, test_survey check the drawing itself)."""
    def placeholder(table: object, phone: bool = False) -> bytes:
        return b'<svg xmlns="http://www.w3.org/2000/svg"/>'

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(survey, "_draw_chart", placeholder)
        return {file.src_uri: file.content for file in render_site(catalog, **options)}


FORGE = "https://forge.example/asbl/kb"
"""A repository address: pages then carry their « Modifier cette fiche » links."""


@pytest.fixture(scope="session")
def real_pages(real_catalog: Catalog) -> dict[str, str | bytes]:
    """The real site's generated pages (Markdown) and files, rendered in memory once, as
    published with a forge (``FORGE``)."""
    return render_in_memory(real_catalog, repo_url=FORGE)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict (the build itself is a test)."""
    site = tmp_path_factory.mktemp("built") / "site"
    mkdocs("build", "--strict", "--site-dir", str(site))
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over HTTP on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright, one for the whole session (Playwright's sync
    API allows a single instance at a time)."""
    if not shutil.which("chromium"):
        pytest.fail("Chromium manquant : lancez « make test », qui l'installe avec apt-get.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


VIEWPORTS: dict[str, ViewportSize] = {"desktop": {"width": 1280, "height": 900},
                                      "phone": {"width": 390, "height": 844}}
"""The screens browser tests look at the site on: a desktop and a phone."""


@contextlib.contextmanager
def open_page(browser: Browser, viewport: str | None = None, *, timeout: float = 15000,
              touch: bool = False, clipboard_for: str | None = None) -> Iterator[Page]:
    """A page in a browser context of its own (nothing kept from another test), in French,
    at one of :data:`VIEWPORTS` (Playwright's default without one). The test fails if a
    script of the page throws or opens a dialog (what a reader would see break).
    ``clipboard_for``: the origin allowed to use the clipboard."""
    context = browser.new_context(locale="fr-BE",
                                  viewport=VIEWPORTS[viewport] if viewport else None,
                                  has_touch=touch, is_mobile=touch)
    context.set_default_timeout(timeout)
    if clipboard_for is not None:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=clipboard_for)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert errors == [], f"erreur de script dans la page : {errors}"
    assert dialogs == [], f"une boîte de dialogue a été ouverte par un script : {dialogs}"


def assert_no_serious_violation(page, context: str | None = None) -> None:
    """axe in the page as it is now: no serious or critical violation (report on failure)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context) if context else Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], results.generate_report()


@pytest.fixture(scope="module")
def aids_where(real_catalog: Catalog) -> Callable[..., list[str]]:
    """Ids of the real aids whose facet values have these slugs (``field=slug`` or a tuple
    of slugs, any of which): what a filter must show, read from the data, not pinned."""
    def where(**wanted: str | tuple[str, ...]) -> list[str]:
        def matches(aid, field: str, slugs: str | tuple[str, ...]) -> bool:
            value = getattr(aid, field)
            values = value if isinstance(value, list) else [value]
            return any(v.slug in ((slugs,) if isinstance(slugs, str) else slugs) for v in values)
        return [aid.id for aid in real_catalog.aids.values()
                if all(matches(aid, field, slugs) for field, slugs in wanted.items())]
    return where
