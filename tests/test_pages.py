"""Rendering of records into Markdown, and the escaping of every value taken from YAML."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment

from generator import pages as pages_module
from generator.cache import CompiledTemplates
from generator.catalog import load_catalog
from generator.pages import (
    compile_templates,
    markdown_escape,
    paginate,
    render_site,
    template_environment,
)
from tests.conftest import VALID_AID, aid_yaml, write_data


def to_html(text: str) -> str:
    """Markdown → HTML with the extensions the site uses."""
    extensions = ["pymdownx.escapeall", "tables", "attr_list", "admonition", "md_in_html"]
    return markdown.markdown(text, extensions=extensions)


def render(tmp_path, aids: str, build_date: date = date(2026, 1, 1)) -> dict[str, str | bytes]:
    write_data(tmp_path, aids)
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=build_date)
    return {file.src_uri: file.content for file in render_site(catalog)}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[clic](javascript:alert(1))", "[clic](javascript:alert(1))"),
        ("**gras** _italique_ `code`", "**gras** _italique_ `code`"),
        ("# titre\n\n- liste", "# titre - liste"),
        ("5 000 € & 20% ; 1.500,00 €", "5 000 € &amp; 20% ; 1.500,00 €"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=\"alert(1)\"&gt;"),
    ],
)
def test_yaml_text_is_shown_as_text(text, shown):
    assert to_html(markdown_escape(text)) == f"<p>{shown}</p>"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(" \t\n\r\x0b\x0c\x1c"
                                                                      "\x85\xa0\u2028\u3000")))
def test_escaping_collapses_white_space_and_escapes_all_ascii_punctuation(text):
    expected = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", re.sub(r"\s+", " ", text).strip())
    assert markdown_escape(text) == expected


def test_record_page_shows_the_report_facts(tmp_path):
    pages = render(tmp_path, VALID_AID)
    page = pages["aides/bxl-exemple.md"]
    html = to_html(page)
    assert html.startswith("<h1>Aide exemple</h1>")
    assert "Maximum 5000€ par année civile" in html
    assert "Statut selon le rapport (février 2024) :</strong> Appel clôturé selon le rapport" \
        in html
    assert "Période terminée (fin indiquée : 31 décembre 2023)" in html  # published as a day
    assert "pas encore revérifiée" in html
    assert ("<em>Explorer pour s'inspirer</em> (février 2024), Partie 2, §3.b, p. 13-19"
            in html)
    assert '<a href="https://example.org/aide" rel="noopener">' in page


def test_ongoing_period_has_no_ended_banner(tmp_path):
    pages = render(tmp_path, VALID_AID, build_date=date(2023, 6, 1))
    assert "Période terminée" not in pages["aides/bxl-exemple.md"]


def test_last_verified_date_and_status_are_shown(tmp_path):
    text = VALID_AID + '  last_verified: 2026-03-02\n  verified_status: "Appel 2026 ouvert"\n'
    page = render(tmp_path, text)["aides/bxl-exemple.md"]
    assert "**Dernière vérification :** le 2 mars 2026 — Appel 2026 ouvert" in page
    assert "pas encore revérifiée" not in page


@pytest.mark.parametrize(
    ("access", "banner"),
    [("other-region", "Non accessible à une ASBL bruxelloise"),
     ("foreign-example", "Exemple étranger, pour s'inspirer")],
)
def test_unusable_schemes_carry_a_banner(tmp_path, access, banner):
    text = aid_yaml(level="  level: wallonia", brussels_access=f"  brussels_access: {access}")
    assert banner in render(tmp_path, text)["aides/bxl-exemple.md"]


def test_report_inconsistencies_show_both_values(tmp_path):
    text = VALID_AID + """\
  discrepancies:
    - about: Montant
      note: "Deux plafonds."
      values:
        - {value: "350 000 euros", where: "p. 9"}
        - {value: "100.000€", where: "annexe I"}
"""
    html = to_html(render(tmp_path, text)["aides/bxl-exemple.md"])
    assert '<h2 id="divergences">Incohérences du rapport</h2>' in html
    assert "Le rapport n'est pas cohérent ici : montant" in html
    assert "« 350 000 euros » — p. 9" in html
    assert "« 100.000€ » — annexe I" in html


def test_related_aids_link_both_ways(tmp_path):
    text = VALID_AID + "  related_aids: [bxl-autre]\n" + aid_yaml(
        "bxl-autre", name='  name: "Autre aide"')
    pages = render(tmp_path, text)
    assert "[Aide exemple](bxl-exemple.md)" in pages["aides/bxl-autre.md"]
    assert "[Autre aide](bxl-autre.md)" in pages["aides/bxl-exemple.md"]


def test_injection_in_every_text_field_stays_inert(tmp_path):
    attack = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
    text = VALID_AID
    for field in ("name", "operator", "eligibility", "amount", "funds", "period",
                  "status_reported", "brussels_note"):
        text = "\n".join(f'  {field}: "{attack}"' if line.startswith(f"  {field}:") else line
                         for line in text.splitlines()) + "\n"
    pages = render(tmp_path, text)
    for src, content in pages.items():
        if src.endswith(".md"):
            html = to_html(content)
            # The only script is the page's JSON-LD, whose text cannot hold a « < ».
            json_ld = re.findall(r'<script type="application/ld\+json">([^<]*)</script>', html)
            assert html.count("<script") == len(json_ld), src
            assert 'href="javascript' not in html, src
            assert "<img" not in html, src


def test_catalogue_lists_every_record_and_group_pages_exist(tmp_path):
    text = VALID_AID + aid_yaml("wal-exemple", level="  level: wallonia",
                                brussels_access="  brussels_access: other-region")
    pages = render(tmp_path, text)
    catalogue = pages["aides/index.md"]
    assert "[Aide exemple](bxl-exemple.md)" in catalogue
    assert "[Aide exemple](wal-exemple.md)" in catalogue
    assert "aides/niveau/region-wallonne.md" in pages
    assert "aides/acces/non-autre-region.md" in pages
    assert "[Aide exemple](../wal-exemple.md)" in pages["aides/niveau/region-wallonne.md"]
    assert "bxl-exemple" not in pages["aides/niveau/region-wallonne.md"]


def test_an_aid_listed_at_several_depths_links_from_each(tmp_path, monkeypatch):
    # Each aid's entry is rendered once per link and reused: the second page of a group
    # sits one folder deeper than the first page of another group listing the same aid.
    monkeypatch.setattr("generator.pages.aids.GROUP_PAGE_SIZE", 1)
    text = VALID_AID + aid_yaml("bxl-zeta", name="  name: Zeta",
                                brussels_access="  brussels_access: other-region")
    pages = render(tmp_path, text)
    second = pages["aides/niveau/region-de-bruxelles-capitale/page-2.md"]
    assert second.count("- [") == 1
    assert "- [Zeta](../../bxl-zeta.md)" in second
    assert "- [Zeta](../bxl-zeta.md)" in pages["aides/acces/non-autre-region.md"]
    assert "- [Zeta](bxl-zeta.md)" in pages["aides/index.md"]


def test_pagination_splits_long_groups():
    assert [(n, c, list(items)) for n, c, items in paginate(list(range(5)), 2)] == [
        (1, 3, [0, 1]), (2, 3, [2, 3]), (3, 3, [4])]
    assert [(n, c, list(items)) for n, c, items in paginate([], 2)] == [(1, 1, [])]


def _mtimes(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


def test_templates_compiled_ahead_serve_the_projects_first_build(tmp_path):
    write_data(tmp_path, aid_yaml("bxl-a") + aid_yaml("bxl-b"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    uncached = {f.src_uri: f.content for f in render_site(catalog)}

    cache = tmp_path / ".cache" / "templates"
    count, folder = compile_templates(cache)  # `python -m generator compile-templates`
    templates = Path(pages_module.__file__).parent.parent / "templates"
    assert (count, folder) == (len(list(templates.glob("*.j2"))), cache)
    compiled = _mtimes(cache)
    assert len(compiled) == count

    built = {f.src_uri: f.content for f in render_site(catalog, env=template_environment(cache))}
    assert _mtimes(cache) == compiled  # read back, not compiled and written again
    assert built == uncached


def test_templates_are_compiled_once_and_kept_in_the_project_cache(tmp_path):
    write_data(tmp_path, aid_yaml("bxl-a") + aid_yaml("bxl-b"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    cache = tmp_path / ".cache" / "templates"
    uncached = {f.src_uri: f.content for f in render_site(catalog)}
    first = {f.src_uri: f.content for f in render_site(catalog, env=template_environment(cache))}
    compiled = _mtimes(cache)
    assert len(compiled) >= 10  # every template used was compiled once and kept
    second = {f.src_uri: f.content for f in render_site(catalog, env=template_environment(cache))}
    assert _mtimes(cache) == compiled
    assert first == second == uncached


def test_templates_render_when_the_cache_cannot_be_written(tmp_path):
    write_data(tmp_path, aid_yaml("bxl-a"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    not_a_folder = tmp_path / ".cache"
    not_a_folder.write_text("")  # a file: no folder can be made inside it, even by root
    env = template_environment(not_a_folder / "templates")
    assert {f.src_uri: f.content for f in render_site(catalog, env=env)} \
        == {f.src_uri: f.content for f in render_site(catalog)}
    assert not_a_folder.read_text() == ""


def test_a_template_compiled_from_another_source_is_compiled_again(tmp_path):
    def render(source: str, compiled_with: bytes = b"settings") -> str:
        compiled = CompiledTemplates(tmp_path / "project", compiled_with)
        env = Environment(loader=DictLoader({"page.md": source}), bytecode_cache=compiled)
        return env.get_template("page.md").render()

    assert render("Aide A") == "Aide A"
    assert render("Aide B") == "Aide B"  # the template was edited after its compilation
    assert render("Aide C", b"other settings") == "Aide C"
    first, other = (CompiledTemplates(tmp_path / "project", key)
                    for key in (b"settings", b"other settings"))
    assert sorted(path.name[:len(first.prefix)] for path in (tmp_path / "project").iterdir()) \
        == sorted([first.prefix, other.prefix])
    assert [path.name[:len(first.prefix)] for path in other.remove_stale()] == [first.prefix]
    assert [path.name[:len(other.prefix)] for path in (tmp_path / "project").iterdir()] \
        == [other.prefix]
    assert render("Aide C", b"other settings") == "Aide C"


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.text(), max_size=4))
def test_correction_link_query_is_urlencode(values: dict[str, str]):
    # Accents, « + », « & », « % », spaces, new lines, emoji: as the standard library writes them.
    assert pages_module.query_string(values) == urlencode(values)
