"""The change log's Atom feed: parseable, dated from the data, linked from every page."""

from __future__ import annotations

import posixpath
import re
import textwrap
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from generator.catalog import load_catalog
from generator.pages import render_site
from tests.conftest import ROOT, aid_yaml, write_data

NS = {"atom": "http://www.w3.org/2005/Atom"}


def resolve(site: Path, base: str, href: str) -> tuple[Path, str]:
    """The file a relative link of ``base`` (a site path) points to, and its anchor."""
    parts = urlsplit(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path))
    path = site / target
    return (path / "index.html" if path.is_dir() else path), parts.fragment


def test_feed_has_one_entry_per_change_dated_from_the_data(built_site: Path):
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("atom:entry", NS)
    assert len(entries) == len(catalog.changes)
    for entry, change in zip(entries, catalog.changes, strict=True):
        assert entry.findtext("atom:updated", namespaces=NS) == f"{change.date}T00:00:00Z"
        assert entry.findtext("atom:summary", namespaces=NS) == change.summary
        assert entry.findtext("atom:id", namespaces=NS).startswith("urn:uuid:")
    newest = max(change.date for change in catalog.changes)
    assert feed.findtext("atom:updated", namespaces=NS) == f"{newest}T00:00:00Z"
    for link in feed.iter("{http://www.w3.org/2005/Atom}link"):
        path, anchor = resolve(built_site, "feed.xml", link.get("href"))
        assert path.is_file(), link.get("href")
        if anchor:
            assert f'id="{anchor}"' in path.read_text(encoding="utf-8"), link.get("href")


def test_every_page_links_the_feed_in_its_head(built_site: Path):
    for page in ["index.html", "aides/bxl-prime-web/index.html", "donnees/index.html",
                 "changements/index.html"]:
        text = (built_site / page).read_text(encoding="utf-8")
        head = text.split("</head>")[0]
        [href] = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*'
                            r'href="([^"]+)"', head)
        assert resolve(built_site, page, href)[0] == built_site / "feed.xml"
    changes = (built_site / "changements" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml"' in changes.split("</head>")[1]  # and from the page itself


CHANGES = textwrap.dedent("""\
    - id: 2026-12-01-correction
      date: 2026-12-01
      summary: "Montant corrigé <b>&</b> « lien » vérifié."
      aids: [bxl-exemple]
    - id: 2026-11-24-publication
      date: 2026-11-24
      summary: "Première publication."
    """)


def feed_of(tmp_path: Path, build_date: date, site_url: str = "") -> str:
    data = write_data(tmp_path, aid_yaml())
    (data / "changes.yaml").write_text(CHANGES, encoding="utf-8")
    catalog = load_catalog(data, root=tmp_path, build_date=build_date)
    [feed] = [f.content for f in render_site(catalog, site_url=site_url)
              if f.src_uri == "feed.xml"]
    return feed


def test_entries_link_to_the_changed_records_and_text_is_escaped(tmp_path):
    feed = ET.fromstring(feed_of(tmp_path, date(2027, 1, 1)))
    first, second = feed.findall("atom:entry", NS)
    assert first.findtext("atom:summary", namespaces=NS) == (
        "Montant corrigé <b>&</b> « lien » vérifié.")
    related = first.findall("atom:link[@rel='related']", NS)
    assert [(link.get("href"), link.get("title")) for link in related] == [
        ("aides/bxl-exemple/", "Aide exemple")]
    assert second.findall("atom:link[@rel='related']", NS) == []
    assert feed.findtext("atom:updated", namespaces=NS) == "2026-12-01T00:00:00Z"


def test_feed_does_not_depend_on_the_build_date(tmp_path):
    assert feed_of(tmp_path / "a", date(2027, 1, 1)) == feed_of(tmp_path / "b", date(2030, 6, 1))


def test_links_are_absolute_with_a_site_url(tmp_path):
    feed = ET.fromstring(feed_of(tmp_path, date(2027, 1, 1), "https://kb.example/"))
    hrefs = {link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")}
    assert "https://kb.example/aides/bxl-exemple/" in hrefs
    assert "https://kb.example/feed.xml" in hrefs
    assert all(href.startswith("https://kb.example/") for href in hrefs)
