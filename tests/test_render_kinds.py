"""Each page family, YAML in, page out, without mkdocs: the real data rendered in memory once
(``real_pages``), every record of each kind checked against its page. Expectations come from
the data (load_catalog), never from today's counts. The built HTML is checked by the e2e
tests (test_site, test_typography…); these run in seconds (`make test-fast`)."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import markdown
import pytest

from generator import urls
from generator.catalog import Catalog
from generator.kinds import record_url
from generator.pages import markdown_escape
from generator.schema import AID_FACETS, RECORD_KINDS, references

EXTENSIONS = ["pymdownx.escapeall", "tables", "attr_list", "admonition", "md_in_html"]


def to_html(text: str | bytes) -> str:
    """The page's Markdown as HTML, front matter left out (as MkDocs reads it)."""
    assert isinstance(text, str)
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.markdown(text, extensions=EXTENSIONS)


def heading(page: str | bytes) -> str:
    """The text of the page's title: its first « # » line, as Markdown shows it."""
    assert isinstance(page, str)
    found = re.search(r"^# .*$", page, re.M)
    assert found, "no title"
    shown = to_html(found.group(0))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", shown)).split())


def text(value: str) -> str:
    """A YAML value as a page shows it: white space collapsed."""
    return " ".join(value.split())


def test_every_generated_page_has_one_title(real_pages):
    pages = {src: page for src, page in real_pages.items() if src.endswith(".md")}
    assert pages
    for src, page in pages.items():
        assert heading(page), src


# --------------------------------------------------------------------------- aids


def test_every_aid_page_shows_its_name_facts_and_sources(real_catalog: Catalog, real_pages):
    for aid in real_catalog.aids.values():
        page = real_pages[urls.aid(aid.id)]
        assert isinstance(page, str)
        assert heading(page) == text(aid.name), aid.id
        assert markdown_escape(aid.operator) in page, aid.id
        for source in aid.sources:
            report = real_catalog.source(source.report)
            assert markdown_escape(report.short_title or report.title) in page, aid.id
        if aid.url:
            assert f'href="{html.escape(aid.url)}"' in page, aid.id
        for related in aid.related_aids:
            assert f"]({related}.md)" in page, (aid.id, related)


def test_the_catalogue_lists_every_aid_and_each_group_exactly_its_members(
        real_catalog: Catalog, real_pages):
    catalogue = real_pages[urls.CATALOGUE]
    assert isinstance(catalogue, str)
    for aid in real_catalog.aids.values():
        assert f"]({aid.id}.md)" in catalogue, aid.id
    index = json.loads(real_pages[urls.CATALOGUE_INDEX])
    assert [r["id"] for r in index["records"]] == [a.id for a in real_catalog.ranked_aids()]
    for facet in AID_FACETS:
        for option in facet.options(real_catalog.aids.values()):
            members = {aid.id for aid in real_catalog.aids.values()
                       if option in facet.values_of(aid)}
            if not members:
                continue
            listed: set[str] = set()
            number = 1
            while (src := urls.group(facet, option, number)) in real_pages:
                page = real_pages[src]
                assert isinstance(page, str)
                listed |= set(re.findall(r"^- \[.*\]\((?:\.\./)+([a-z0-9-]+)\.md\)", page, re.M))
                number += 1
            assert listed == members, (facet.slug, option.slug)


# --------------------------------------------------------------------------- cases


def test_every_case_page_shows_its_name_and_links_its_aids(real_catalog: Catalog, real_pages):
    listing = real_pages[urls.CASES]
    assert isinstance(listing, str)
    for case in real_catalog.cases.values():
        page = real_pages[urls.case(case.id)]
        assert heading(page) == text(case.name), case.id
        assert f"]({case.id}.md)" in listing, case.id
        for _, kind, target in references(case):
            if kind == "aids":
                assert f"(../aides/{target}.md)" in page, (case.id, target)


# --------------------------------------------------------------------------- glossary, advice


def test_the_glossary_has_an_anchored_entry_for_every_term(real_catalog: Catalog, real_pages):
    page = real_pages[urls.GLOSSARY]
    assert isinstance(page, str)
    for term in real_catalog.terms.values():
        assert re.search(rf"^#+ .*\{{: #{re.escape(term.id)} \}}$", page, re.M), term.id
        assert markdown_escape(term.term) in page, term.id


def test_every_recommendation_has_its_anchor_and_text(real_catalog: Catalog, real_pages):
    page = real_pages[urls.RECOMMENDATIONS]
    assert isinstance(page, str)
    shown = to_html(page)
    for recommendation in real_catalog.recommendations.values():
        anchor = record_url("recommendations", recommendation.id).split("#")[1]
        assert f'id="{anchor}"' in shown, recommendation.id
        first_words = " ".join(recommendation.text.split()[:4])
        assert markdown_escape(first_words) in page, recommendation.id


# --------------------------------------------------------------------------- survey


def test_every_survey_table_is_on_its_theme_page_with_its_files(real_catalog: Catalog,
                                                                real_pages):
    assert real_catalog.survey
    for table in real_catalog.survey:
        page = real_pages[urls.survey_theme(table.meta.theme)]
        assert f'id="{table.meta.id}"' in to_html(page), table.meta.id
        for label, _ in table.rows:
            assert html.escape(text(label), quote=False) in page, (table.meta.id, label)
        rows = list(csv.reader(io.StringIO(real_pages[urls.survey_file(table.meta.id, "csv")])))
        assert [row[0] for row in rows[1:]] == [label for label, _ in table.rows]
        assert real_pages[urls.survey_file(table.meta.id, "xlsx")][:2] == b"PK"
        for chart in ("svg", "phone.svg"):
            assert urls.survey_file(table.meta.id, chart) in real_pages


# --------------------------------------------------------------------------- profiles


def test_every_profile_page_shows_its_name_and_share(real_catalog: Catalog, real_pages):
    overview = real_pages[urls.PROFILES]
    assert isinstance(overview, str)
    clustered = sum(profile.count for profile in real_catalog.profiles)
    for profile in real_catalog.profiles:
        page = real_pages[urls.profile(profile.id)]
        assert text(profile.name) in heading(page), profile.id
        assert f"{profile.count} organisations sur {clustered}" in page, profile.id
        assert f"]({profile.id}.md)" in overview, profile.id
        for step_id in profile.path_results:
            assert f"resultats/{step_id}.md" in page, (profile.id, step_id)


# --------------------------------------------------------------------------- decision path


def test_every_walk_of_the_path_has_its_page_with_its_question(real_catalog: Catalog,
                                                               real_pages):
    path = real_catalog.path
    assert path is not None
    assert path.walks
    for walk in path.walks:
        page = real_pages[urls.path_walk(walk.segments)]
        step = walk.step
        assert heading(page) == text(step.question or step.title), walk.segments
        for answer in step.answers:
            target = urls.path_walk((*walk.segments, answer.id))
            assert urls.relative(urls.path_walk(walk.segments), target) in page, (
                walk.segments, answer.id)


def test_every_result_page_lists_its_aids_in_order(real_catalog: Catalog, real_pages):
    path = real_catalog.path
    assert path is not None
    for result in path.results:
        page = real_pages[urls.path_result(result.id)]
        assert isinstance(page, str)
        assert heading(page) == text(result.title), result.id
        positions = [page.index(f"/aides/{item.id}.md") for item in result.aids]
        assert positions == sorted(positions), result.id


# --------------------------------------------------------------------------- open data


@pytest.mark.parametrize("extension", ["json", "csv"])
def test_every_data_set_holds_one_entry_per_record(real_catalog: Catalog, real_pages,
                                                   extension):
    index = json.loads(real_pages[urls.OPEN_DATA_INDEX])
    counts = {kind: len(records) for kind, records in real_catalog.records.items()}
    for kind in RECORD_KINDS:
        content = real_pages[urls.open_data(kind, extension)]
        if extension == "json":
            assert [r["id"] for r in json.loads(content)] == list(real_catalog.records[kind])
        else:
            rows = list(csv.DictReader(io.StringIO(content)))
            assert [r["id"] for r in rows] == list(real_catalog.records[kind]), kind
    listed = {d["name"]: d["count"] for d in index["datasets"]}
    assert {kind: listed[kind] for kind in RECORD_KINDS} == counts
    assert listed["survey"] == len(real_catalog.survey)
    page = real_pages[urls.OPEN_DATA]
    assert isinstance(page, str)
    for kind in RECORD_KINDS:
        assert urls.relative(urls.OPEN_DATA, urls.open_data(kind, extension)) in page, kind
