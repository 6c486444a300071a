"""schema.org JSON-LD on every aid and case page: parseable, typed, inert."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest

from generator.catalog import load_catalog
from generator.jsonld import script_json
from generator.pages import render_site
from tests.conftest import ROOT, aid_yaml, write_data

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

# Properties schema.org defines for each type we use (its own and inherited ones), copied
# from the schema.org type pages; a property outside this list would not validate.
THING = {"name", "alternateName", "description", "url", "identifier", "sameAs", "image",
         "mainEntityOfPage", "subjectOf", "disambiguatingDescription"}
CREATIVE_WORK = THING | {"about", "author", "citation", "datePublished", "headline",
                         "alternativeHeadline", "inLanguage", "isBasedOn", "isPartOf",
                         "mainEntity", "mentions", "publisher", "spatialCoverage", "creator"}
ARTICLE = CREATIVE_WORK | {"articleSection", "pagination", "articleBody", "wordCount"}
SERVICE = THING | {"areaServed", "audience", "provider", "serviceType", "category", "broker"}
PROPERTIES = {
    "Thing": THING,
    "CreativeWork": CREATIVE_WORK,
    "WebPage": CREATIVE_WORK | {"breadcrumb", "lastReviewed", "reviewedBy"},
    "WebSite": CREATIVE_WORK,
    "Article": ARTICLE,
    "Report": ARTICLE | {"reportNumber"},
    "Service": SERVICE,
    "GovernmentService": SERVICE | {"jurisdiction", "serviceOperator"},
    "MonetaryGrant": THING | {"funder", "fundedItem", "sponsor", "amount"},
    "Organization": THING | {"areaServed", "address", "legalName"},
    "AdministrativeArea": THING,
    "Audience": THING | {"audienceType", "geographicArea"},
}
# Nothing may say a scheme is open: no status-like property at all.
FORBIDDEN = {"eventStatus", "availability", "status", "openingHours", "hoursAvailable"}


def check_node(node: Any, path: str = "") -> None:
    """Every typed node uses only its type's properties; recurse into values."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_node(item, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    assert kind in PROPERTIES, f"{path}: type {kind!r}"
    extra = set(node) - {"@type", "@context"} - PROPERTIES[kind]
    assert not extra, f"{path} ({kind}): {extra}"
    assert not set(node) & FORBIDDEN, path
    assert node.get("name") or node.get("audienceType"), f"{path}: no name"
    for key, value in node.items():
        check_node(value, f"{path}.{key}")


def blocks(page: Path) -> list[dict[str, Any]]:
    found = BLOCK.findall(page.read_text(encoding="utf-8"))
    assert all("<" not in text for text in found), page  # nothing could close the element
    return [json.loads(text) for text in found]


def resolves(site: Path, page: Path, href: str) -> bool:
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
    return (site / target / "index.html").is_file()


def check_report(report: dict[str, Any]) -> None:
    assert report["@type"] == "Report"
    assert report["author"]
    assert date.fromisoformat(report["datePublished"])
    assert re.fullmatch(r"\d+(-\d+)?", report["pagination"])


def test_every_aid_page_has_valid_json_ld(built_site: Path):
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))
    types = set()
    for aid_id, aid in catalog.aids.items():
        page = built_site / "aides" / aid_id / "index.html"
        [data] = blocks(page)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "WebPage"
        check_node(data)
        assert "url" not in data  # built without SITE_URL: no address rather than « ./ »
        assert len(data["isBasedOn"]) == len(aid.sources)
        for report in data["isBasedOn"]:
            check_report(report)
        entity = data["mainEntity"]
        assert entity["name"] == aid.name
        assert entity.get("url") == aid.url
        types.add(entity["@type"])
        if entity["@type"] == "MonetaryGrant" and aid.operator:
            assert entity["funder"]["name"] == aid.operator
            assert entity["funder"]["areaServed"]["name"]
        if entity["@type"] in {"GovernmentService", "Service"}:
            assert entity["areaServed"]["name"]
            assert entity.get("provider", {}).get("name") == aid.operator
    assert {"MonetaryGrant", "GovernmentService", "Service", "CreativeWork"} <= types
    prime = blocks(built_site / "aides" / "bxl-prime-web" / "index.html")[0]
    assert prime["mainEntity"]["@type"] == "MonetaryGrant"  # a subsidy of Brussels
    assert prime["isBasedOn"][0]["pagination"] == catalog.aids["bxl-prime-web"].sources[0].pages


def test_every_case_page_has_valid_json_ld(built_site: Path):
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))
    for case_id, case in catalog.cases.items():
        page = built_site / "cas" / case_id / "index.html"
        [data] = blocks(page)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Article"
        check_node(data)
        assert data["headline"] == case.name
        assert data["about"][0] == {"@type": "Organization", "name": case.name}
        check_report(data["citation"])
        assert data["citation"]["pagination"] == case.citation.pages
        assert [r["pagination"] for r in data["isBasedOn"]] == [s.pages for s in case.sources]
        assert "url" not in data  # built without SITE_URL
        for href in [m["url"] for m in data.get("mentions", [])]:
            assert resolves(built_site, page, href), href


HOSTILE = "</script><script>alert(1)</script>"


def test_script_json_cannot_close_the_script_element():
    text = script_json({"name": HOSTILE, "note": "a & b <!-- c"})
    assert not set(text) & set("<>&")
    assert json.loads(text) == {"name": HOSTILE, "note": "a & b <!-- c"}


def test_a_hostile_aid_name_stays_inert(tmp_path):
    write_data(tmp_path, aid_yaml(name=f"  name: {json.dumps(HOSTILE)}"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    page = {f.src_uri: f.content for f in render_site(catalog)}["aides/bxl-exemple.md"]
    extensions = ["pymdownx.escapeall", "tables", "attr_list", "admonition", "md_in_html",
                  "toc"]
    html = markdown.markdown(page, extensions=extensions)
    assert html.count("<script") == 1  # the JSON-LD only: the name opened no script
    assert html.count("</script>") == 1
    [data] = [json.loads(text) for text in BLOCK.findall(html)]
    assert data["mainEntity"]["name"] == HOSTILE


@pytest.mark.parametrize("site_url", ["", "https://kb.example/"])
def test_addresses_are_absolute_with_a_site_url(tmp_path, site_url):
    write_data(tmp_path, aid_yaml())
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    page = {f.src_uri: f.content for f in render_site(catalog, site_url=site_url)}
    [data] = [json.loads(text) for text in BLOCK.findall(page["aides/bxl-exemple.md"])]
    if site_url:
        assert data["url"] == f"{site_url}aides/bxl-exemple/"
        assert data["isPartOf"]["url"] == site_url
    else:
        # A relative « ./ » tells a reader of the data nothing: no address at all.
        assert "url" not in data
        assert "url" not in data["isPartOf"]
