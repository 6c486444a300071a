"""What the search index holds, and a failed index failing the build (no browser)."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, VALID_AID, make_project, mkdocs

from generator.catalog import load_catalog
from generator.csp import add_policy, inline_scripts, script_hash
from generator.schema import SearchKind
from generator.search import (
    MARKED_ARTICLE,
    PageSearch,
    SiteSearch,
    mark_page,
    write_bodies,
    write_bundle,
)


def real_search() -> SiteSearch:
    return SiteSearch(load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 11, 30)))


def test_pages_are_indexed_by_kind_and_listings_of_names_are_left_out():
    search = real_search()
    assert search.page("aides/be-febi-formations.md").kind is SearchKind.AID
    assert search.page("aides/be-febi-formations.md").aliases == ("FeBi asbl",)
    assert search.page("cas/civa.md").kind is SearchKind.CASE
    assert search.page("profils/index.md").kind is SearchKind.PROFILE
    assert search.page("enquete/methodologie.md").kind is SearchKind.SURVEY
    assert search.page("methode.md").kind is SearchKind.PAGE
    assert search.page("aides/niveau/region-wallonne.md") is None
    assert search.page("glossaire/index.md") is None  # one record per term instead
    records = list(search.records())
    terms = [r for r in records if r.kind is SearchKind.TERM]
    assert sorted(r.url for r in terms) == sorted(
        f"/glossaire/#{term_id}" for term_id in search.catalog.terms)
    crm = next(r for r in terms if r.url == "/glossaire/#crm")
    assert crm.title == "CRM"


def test_marking_a_page_escapes_aliases():
    html = '<html><body><article class="md-content__inner md-typeset"><h1>X</h1></article>'
    marked = mark_page(html, PageSearch(SearchKind.AID, ("<script>alert(1)</script>",)))
    assert 'data-pagefind-body data-pagefind-filter="type:Aide"' in marked
    assert "<script>" not in marked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in marked


def test_policy_hashes_executed_inline_scripts_only():
    html = ('<head><meta charset="utf-8"><script>var a=1</script>'
            '<script type="application/ld+json">{"@type":"Thing"}</script>'
            '<script id="__config" type="application/json">{}</script>'
            '<script src="x.js"></script></head>')
    assert inline_scripts(html) == ["var a=1"]
    out = add_policy(html)
    assert script_hash("var a=1").replace("'", "&#39;") in out
    assert out.count("sha256-") == 1


@pytest.mark.e2e
def test_a_failed_index_fails_the_build_and_keeps_the_site(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    mkdocs("build", cwd=project)
    before = (project / "site" / "index.html").read_text()
    result = mkdocs("build", cwd=project, check=False,
                    env={"PAGEFIND_BINARY_PATH": "/bin/false"})
    assert result.returncode != 0
    assert "Index de recherche (Pagefind)" in result.stdout + result.stderr
    assert (project / "site" / "index.html").read_text() == before
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()


@pytest.mark.e2e
def test_the_index_holds_every_fragment_its_entry_announces(tmp_path: Path):
    # Pagefind's own WriteFiles once left pagefind-entry.json empty (its writes were still
    # pending when the service exited): the build now writes the files itself.
    project = make_project(tmp_path, VALID_AID)
    mkdocs("build", cwd=project)
    index = project / "site" / "pagefind"
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    fragments = list((index / "fragment").iterdir())
    assert len(fragments) == entry["languages"]["fr"]["page_count"] > 0
    assert [path for path in index.rglob("*") if path.is_file()
            and path.stat().st_size == 0] == []


def test_pagefind_reads_each_marked_page_reduced_to_its_article(tmp_path: Path):
    site, bodies = tmp_path / "site", tmp_path / "bodies"
    marked = mark_page('<html lang="fr"><head><title>T</title></head><body><nav>menu</nav>'
                       '<article class="md-content__inner md-typeset"><h1>Aide</h1></article>'
                       "<footer>pied</footer></body></html>",
                       PageSearch(SearchKind.AID, ()))
    assert MARKED_ARTICLE in marked
    (site / "aides" / "a").mkdir(parents=True)
    (site / "aides" / "a" / "index.html").write_text(marked, encoding="utf-8")
    (site / "404.html").write_text("<html><body><article>Introuvable</article></body></html>",
                                   encoding="utf-8")
    assert write_bodies(site, bodies) == 1
    assert [p.relative_to(bodies).as_posix() for p in bodies.rglob("*.html")] == [
        "aides/a/index.html"]
    body = (bodies / "aides" / "a" / "index.html").read_text(encoding="utf-8")
    assert body == ('<!doctype html><html lang="fr"><body>'
                    + marked[marked.index(MARKED_ARTICLE):marked.index("<footer>")]
                    + "</body></html>")
    assert "menu" not in body
    assert "pied" not in body

    (site / "aides" / "a" / "index.html").write_text(marked.replace("</article>", ""),
                                                      encoding="utf-8")
    with pytest.raises(RuntimeError, match="article marqué mal fermé"):
        write_bodies(site, tmp_path / "again")


def test_a_bundle_replaces_the_previous_index_and_stays_inside_its_folder(tmp_path: Path):
    index = tmp_path / "pagefind"
    (index / "fragment").mkdir(parents=True)
    (index / "fragment" / "old.pf_fragment").write_bytes(b"stale")

    def file(path: str, content: bytes) -> dict[str, str]:
        return {"path": path, "content": base64.b64encode(content).decode()}

    size = write_bundle(index, [file("pagefind-entry.json", b'{"version": "1.5.2"}'),
                                file("fragment/fr_1.pf_fragment", b"\x1f\x8b")])
    assert size == 22
    assert sorted(str(p.relative_to(index)) for p in index.rglob("*") if p.is_file()) == [
        "fragment/fr_1.pf_fragment", "pagefind-entry.json"]
    with pytest.raises(RuntimeError, match="chemin inattendu"):
        write_bundle(index, [file("../index.html", b"<script>")])
    assert not (tmp_path / "index.html").exists()
    with pytest.raises(RuntimeError, match=r"sans pagefind-entry\.json"):
        write_bundle(index, [file("pagefind.js", b"")])


