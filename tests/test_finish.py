"""The finish step on HTML no MkDocs build wrote: what another engine's output (Zensical…)
gets from generator/finish.py, in process."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from generator.catalog import Catalog, load_catalog
from generator.csp import script_hash
from generator.finish import CONTENT_END, CONTENT_START, FinishError, FinishOptions, finish_site
from generator.search import MARKED_ARTICLE, SEARCH_DIR, SiteSearch

THEME_SCRIPT = 'var base = "{{ base_url }}";'
"""The one inline script the test theme writes (a value printed in it, as Material's)."""

PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<script>var base = "{base}";</script></head>
<body><header>{term} : dans le menu</header>
<article class="md-content__inner md-typeset">
<p class="kb-print-address">{term}, consulté le …</p>
{start}<h1>{title}</h1>
<p>Premier paragraphe : {term} et encore {term} !</p>{end}
</article></body></html>
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 11, 30))


def write_page(site: Path, path: str, *, term: str, title: str = "Une page",
               marks: bool = True) -> Path:
    depth = path.count("/")
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(PAGE.format(
        title=title, term=term, base="/".join([".."] * depth) or ".",
        start=CONTENT_START if marks else "", end=CONTENT_END if marks else ""),
        encoding="utf-8")
    return file


def test_a_plain_folder_of_html_gets_glossary_links_csp_and_a_search_index(
        tmp_path: Path, catalog: Catalog):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text(f"<head><script>{THEME_SCRIPT}</script></head>")
    term = next(iter(catalog.terms.values()))
    aid = next(iter(catalog.aids.values()))
    site = tmp_path / "built"
    pages = {
        "index.html": write_page(site, "index.html", term=term.term),
        f"aides/{aid.id}/index.html": write_page(site, f"aides/{aid.id}/index.html",
                                                 term=term.term, title=aid.name),
        "methode/index.html": write_page(site, "methode/index.html", term=term.term),
        "glossaire/index.html": write_page(site, "glossaire/index.html", term=term.term),
        "404.html": write_page(site, "404.html", term=term.term, marks=False),
    }
    published = tmp_path / "site"

    report = finish_site(site, catalog, FinishOptions(theme_dirs=(theme,)),
                         publish_to=published)

    assert report.pages == len(pages)
    assert report.published == published
    assert not site.exists()
    html = {path: (published / path).read_text(encoding="utf-8") for path in pages}
    for path, text in html.items():
        # The marks of the theme are gone; the policy follows the charset and allows the
        # theme's script by its hash (escaped in the attribute, as on the MkDocs build).
        assert CONTENT_START not in text, path
        assert CONTENT_END not in text, path
        policy = re.search(r'<meta charset="utf-8"><meta http-equiv="Content-Security-'
                           r'Policy" content="([^"]*)">', text)
        assert policy is not None, path
        base = "/".join([".."] * path.count("/")) or "."
        assert script_hash(f'var base = "{base}";').replace("'", "&#39;") in policy.group(1)
        assert "'unsafe-inline'" not in policy.group(1).split("; ")[1]  # script-src
        # French spacing, in text only.
        assert "Premier paragraphe\u00a0:" in text or path == "404.html"
    # The first mention in the page's own content is linked, with MkDocs' relative address,
    # and only that one: not the menu, not the print address, not the title.
    for path, glossary in (("index.html", "glossaire/"), ("methode/index.html", "../glossaire/"),
                           (f"aides/{aid.id}/index.html", "../../glossaire/")):
        assert html[path].count('class="kb-term"') == 1, path
        assert f'<p>Premier paragraphe\u00a0: <a class="kb-term" href="{glossary}#{term.id}" ' \
            f'data-definition="' in html[path], path
    assert 'class="kb-term"' not in html["glossaire/index.html"]  # the glossary itself
    assert 'class="kb-term"' not in html["404.html"]  # a theme page: no content marks
    # Pagefind: pages marked with their kind (the aid as an aid), the 404 and the glossary
    # (indexed term by term) left out; the index lists them and every term.
    assert 'data-pagefind-filter="type:Aide"' in html[f"aides/{aid.id}/index.html"]
    assert MARKED_ARTICLE in html["methode/index.html"]
    assert MARKED_ARTICLE not in html["404.html"]
    assert MARKED_ARTICLE not in html["glossaire/index.html"]
    assert report.index is not None
    records = len(list(SiteSearch(catalog).records()))
    assert report.index.records == records
    assert report.index.pages == 3
    entry = json.loads((published / SEARCH_DIR / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == 3 + records


def test_an_inline_script_the_theme_does_not_write_stops_the_finish(
        tmp_path: Path, catalog: Catalog):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text(f"<head><script>{THEME_SCRIPT}</script></head>")
    site = tmp_path / "built"
    page = write_page(site, "methode/index.html", term="rien")
    page.write_text(page.read_text().replace("</article>", "<script>steal()</script></article>"))
    with pytest.raises(FinishError, match=r"methode/index\.html : script écrit dans la page"):
        finish_site(site, catalog, FinishOptions(theme_dirs=(theme,), search=False))
