"""Citing a page: the box with the page's full address and a copy button, the metadata that
reference managers read, and printed pages that say where and when they were read."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.catalog import load_catalog
from generator.citation import page_metadata
from generator.pages import render_site
from tests.conftest import ROOT, VIEWPORTS, aid_yaml, open_page, write_data

SITE_NAME = "Numérique et associations bruxelloises"
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def plain(text: str) -> str:
    """Text with every kind of space as one ordinary space (French typography aside)."""
    return SPACES.sub(" ", text).strip()


class HeadMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        name = values.get("name") or values.get("property")
        if tag == "meta" and name and values.get("content") is not None:
            self.tags.append((name, values["content"] or ""))


def meta_of(page: Path) -> dict[str, list[str]]:
    parser = HeadMeta()
    parser.feed(page.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for name, content in parser.tags:
        found.setdefault(name, []).append(content)
    return found


def real_catalog():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))


# --------------------------------------------------------------------------- metadata


def test_every_aid_and_case_page_has_reference_manager_metadata(built_site: Path):
    catalog = real_catalog()
    pages = [(built_site / "aides" / aid.id / "index.html", aid.name)
             for aid in catalog.aids.values()]
    pages += [(built_site / "cas" / case.id / "index.html", case.name)
              for case in catalog.cases.values()]
    oldest_change = min(change.date for change in catalog.changes)
    for page, name in pages:
        meta = meta_of(page)
        # Highwire Press tags, as Zotero's « Embedded Metadata » translator reads them.
        assert meta["citation_title"] == [name], page
        assert meta["citation_author"] == [SITE_NAME], page
        assert meta["citation_publisher"] == [SITE_NAME], page
        assert meta["citation_language"] == ["fr"], page
        [published] = meta["citation_date"]
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", published), page
        assert date(*map(int, published.split("/"))) >= oldest_change
        # og:type « website » makes the item a web page (citation_title alone: an article).
        assert meta["og:type"] == ["website"], page
        assert meta["og:site_name"] == [SITE_NAME], page
        assert meta["og:title"] == [name], page
        # Built without SITE_URL: no address rather than a wrong one (Zotero takes the
        # browser's).
        assert "citation_public_url" not in meta, page
        assert "og:url" not in meta, page


def test_other_pages_do_not_claim_to_be_a_record(built_site: Path):
    for page in ("index.html", "aides/index.html", "glossaire/index.html"):
        assert "citation_title" not in meta_of(built_site / page), page


def write_changes(folder: Path) -> None:
    (folder / "data" / "changes.yaml").write_text(textwrap.dedent("""\
        - id: 2026-11-24-publication
          date: 2026-11-24
          summary: "Première publication."
        - id: 2026-12-02-correction
          date: 2026-12-02
          summary: "Montant corrigé."
          aids: [bxl-exemple]
        """), encoding="utf-8")


def test_a_page_is_dated_by_its_last_change_and_gets_absolute_addresses(tmp_path: Path):
    write_data(tmp_path, aid_yaml() + aid_yaml("bxl-autre"))
    write_changes(tmp_path)
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 12, 5))
    tags = page_metadata(catalog, site_name="Site", site_url="https://kb.example/")
    values = {src: {tag.name: tag.content for tag in found} for src, found in tags.items()}
    assert values["aides/bxl-exemple.md"]["citation_date"] == "2026/12/02"
    assert values["aides/bxl-autre.md"]["citation_date"] == "2026/11/24"
    assert values["aides/bxl-exemple.md"]["citation_public_url"] == (
        "https://kb.example/aides/bxl-exemple/")
    assert values["aides/bxl-exemple.md"]["og:url"] == "https://kb.example/aides/bxl-exemple/"


@pytest.mark.parametrize("site_url", ["", "https://kb.example/"])
def test_the_citation_box_holds_the_address_it_can_know(tmp_path: Path, site_url: str):
    write_data(tmp_path, aid_yaml())
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    page = {f.src_uri: f.content for f in render_site(catalog, site_url=site_url)}[
        "aides/bxl-exemple.md"]
    box = page[page.index('<div class="kb-cite">'):]
    if site_url:
        assert (f'<a class="kb-cite-url" href="{site_url}aides/bxl-exemple/">'
                f"{site_url}aides/bxl-exemple/</a>") in box
    else:
        # Filled in by the browser; without JavaScript the path reads as such.
        assert ('<span class="kb-cite-url" data-path="/aides/bxl-exemple/">'
                "[adresse de cette page : /aides/bxl-exemple/]</span>") in box


def test_a_hostile_title_stays_text_in_the_box_and_the_metadata(tmp_path: Path):
    hostile = '</title><script>alert(1)</script> "x"'
    write_data(tmp_path, aid_yaml(name=f"  name: {json.dumps(hostile)}"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    page = {f.src_uri: f.content for f in render_site(catalog)}["aides/bxl-exemple.md"]
    start = page.index('<div class="kb-cite">')
    box = page[start:page.index("</div>", start)]
    assert "<script>" not in box
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in box
    [title] = [t.content for t in page_metadata(catalog, site_name="S")["aides/bxl-exemple.md"]
               if t.name == "citation_title"]
    assert title == hostile  # text: theme/main.html escapes it into the attribute


# --------------------------------------------------------------------------- in the browser


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Page]:
    with open_page(browser, request.param, timeout=10000, clipboard_for=site_url) as page:
        yield page


@pytest.mark.browser
def test_the_box_gives_the_full_address_and_copies_the_reference(page: Page, site_url: str):
    page.goto(f"{site_url}/cas/familyhelp/")
    box = page.locator(".kb-cite")
    expect(box.locator(".kb-cite-url")).to_have_text(f"{site_url}/cas/familyhelp/")
    expect(box.locator(".kb-today")).not_to_have_text("[date de consultation]")
    button = page.get_by_role("button", name="Copier la référence de cette page")
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".kb-cite").get_by_role("status")
    expect(status).to_have_text("Référence de cette page copiée.")
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = page.locator("#kb-cite-page").text_content() or ""
    assert plain(copied) == plain(shown)
    assert plain(copied).startswith("« FamilyHelp », Numérique et associations bruxelloises, "
                                    f"{site_url}/cas/familyhelp/, consulté le ")
    assert "[" not in copied
    # The report's reference has its own button (Space works as well as Enter).
    page.get_by_role("button", name="Copier la référence du rapport").focus()
    page.keyboard.press("Space")
    expect(status).to_have_text("Référence du rapport copiée.")
    assert "p. " in page.evaluate("navigator.clipboard.readText()")


@pytest.mark.browser
def test_without_javascript_the_box_reads_sensibly(browser: Browser, site_url: str):
    context = browser.new_context(locale="fr-BE", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/aides/bxl-prime-web/")
    text = plain(page.locator("#kb-cite-page").inner_text())
    assert text == ("« Prime Web », Numérique et associations bruxelloises, "
                    "[adresse de cette page : /aides/bxl-prime-web/], "
                    "consulté le [date de consultation].")
    expect(page.locator(".kb-cite-copy").first).to_be_hidden()  # it needs the script
    context.close()


def pdf_pages(page: Page) -> int:
    pdf = page.pdf(format="A4")
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.mark.browser
def test_printed_pages_carry_the_address_and_the_date(page: Page, site_url: str):
    for path in ("/cas/familyhelp/", "/aides/bxl-prime-web/", "/glossaire/"):
        page.goto(site_url + path)
        address = page.locator(".kb-print-address")
        expect(address).to_be_hidden()  # on screen, the box says it
        page.emulate_media(media="print")
        expect(address).to_be_visible()
        text = plain(address.inner_text())
        assert f"{site_url}{path}, consulté le " in text, text
        assert "[" not in text, text
        page.emulate_media(media="screen")


@pytest.mark.browser
def test_no_case_prints_a_sheet_holding_only_its_citation(page: Page, site_url: str):
    catalog = real_catalog()
    for case_id in catalog.cases:
        page.goto(f"{site_url}/cas/{case_id}/")
        page.emulate_media(media="print")
        sheets = pdf_pages(page)
        # The same page without its box, its heading and the way back that follows it: as
        # many sheets, so the box never stands alone on the last one.
        page.evaluate("""() => {
            const box = document.querySelector('.kb-cite');
            box.nextElementSibling?.remove();
            document.getElementById('citer').remove();
            box.remove();
        }""")
        assert pdf_pages(page) == sheets, case_id
        assert sheets <= 3, case_id
