"""Auto-linking of glossary terms: first mention only, never in headings, links or code."""

from __future__ import annotations

import pytest

from generator.glossary import TermLinker
from generator.schema import Term


def term(term_id: str, text: str, *aliases: str) -> Term:
    return Term.model_validate({
        "id": term_id, "term": text, "aliases": list(aliases), "category": "transformation",
        "definition": f"Définition de {text} <b>\"risquée\"</b>", "basis": "defined",
        "sources": [{"report": "reperes-2022", "section": "Glossaire", "pages": "36"}],
    })


@pytest.fixture
def linker() -> TermLinker:
    return TermLinker([
        term("donnee", "donnée", "données"),
        term("donnees-ouvertes", "données ouvertes", "open data"),
        term("rgpd", "RGPD", "Règlement général sur la protection des données"),
        term("crm", "CRM"),
        term("cloud", "cloud"),
    ])


def links(html: str) -> list[str]:
    import re
    return re.findall(r'href="G#([a-z-]+)"[^>]*>([^<]+)</a>', html)


def test_first_occurrence_only(linker):
    html = linker.link("<p>Le cloud, encore le cloud.</p><p>Toujours le cloud.</p>", "G")
    assert links(html) == [("cloud", "cloud")]
    assert html.endswith(">cloud</a>, encore le cloud.</p><p>Toujours le cloud.</p>")


def test_tooltip_is_the_escaped_definition(linker):
    html = linker.link("<p>Un cloud.</p>", "G")
    assert 'title="Définition de cloud &lt;b&gt;&#34;risquée&#34;&lt;/b&gt;"' in html
    assert 'aria-description="Définition de cloud' in html


def test_longest_form_wins_and_aliases_count(linker):
    html = linker.link("<p>Les données ouvertes et les données.</p>", "G")
    assert links(html) == [("donnees-ouvertes", "données ouvertes"), ("donnee", "données")]


def test_hyphenated_words_are_not_split(linker):
    assert links(linker.link("<p>Voir données-ouvertes et clouds.</p>", "G")) == []


def test_accents_matter_and_case_does_not_for_words(linker):
    assert links(linker.link("<p>Une donnee sans accent.</p>", "G")) == []
    assert links(linker.link("<p>Données partagées.</p>", "G")) == [("donnee", "Données")]


def test_acronyms_match_in_capitals_only(linker):
    assert links(linker.link("<p>Un crm, puis un CRM.</p>", "G")) == [("crm", "CRM")]


def test_multi_word_alias_with_other_case(linker):
    html = linker.link("<p>Le règlement général sur la protection des données.</p>", "G")
    assert links(html) == [("rgpd", "règlement général sur la protection des données")]


@pytest.mark.parametrize("html", [
    "<h2>Le cloud</h2>", "<p><a href='x'>le cloud</a></p>", "<p><code>cloud</code></p>",
    "<pre><code>cloud</code></pre>", "<p><abbr title='x'>cloud</abbr></p>",
    "<h3 id='a'>Du <em>cloud</em></h3>", "<script>var cloud = 1;</script>",
])
def test_never_inside_headings_links_or_code(linker, html):
    assert linker.link(html, "G") == html


def test_skipping_ends_with_the_element(linker):
    html = linker.link("<h2>Le cloud</h2><p>Le cloud <br> et le RGPD.</p>", "G")
    assert links(html) == [("cloud", "cloud"), ("rgpd", "RGPD")]
    assert html.startswith("<h2>Le cloud</h2>")


def test_attributes_are_never_rewritten(linker):
    html = '<p><img alt="cloud" src="cloud.png"> le cloud</p>'
    out = linker.link(html, "G")
    assert out.startswith('<p><img alt="cloud" src="cloud.png"> le <a ')
