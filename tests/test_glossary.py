"""Auto-linking of glossary terms: first mention only, never in headings, links or code."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.glossary import TermLinker
from generator.schema import Term


def term(term_id: str, text: str, *aliases: str) -> Term:
    return Term.model_validate({
        "id": term_id, "term": text, "aliases": list(aliases), "category": "transformation",
        "definition": f"Définition de {text} <b>\"risquée\"</b>", "basis": "defined",
        "sources": [{"report": "reperes-2022", "section": "Glossaire", "pages": "36"}],
    })


def base_terms() -> list[Term]:
    return [
        term("donnee", "donnée", "données"),
        term("donnees-ouvertes", "données ouvertes", "open data"),
        term("rgpd", "RGPD", "Règlement général sur la protection des données"),
        term("crm", "CRM"),
        term("cloud", "cloud"),
    ]


@pytest.fixture
def linker() -> TermLinker:
    return TermLinker(base_terms())


def links(html: str) -> list[str]:
    import re
    return re.findall(r'href="G#([a-z-]+)"[^>]*>([^<]+)</a>', html)


def test_first_occurrence_only(linker):
    html = linker.link("<p>Le cloud, encore le cloud.</p><p>Toujours le cloud.</p>", "G")
    assert links(html) == [("cloud", "cloud")]
    assert html.endswith(">cloud</a>, encore le cloud.</p><p>Toujours le cloud.</p>")


def test_definition_is_escaped_for_the_popover_and_screen_readers(linker):
    html = linker.link("<p>Un cloud.</p>", "G")
    # Not a title: a title tooltip never opens on a touch screen (glossaire.js shows it).
    assert 'data-definition="Définition de cloud &lt;b&gt;&#34;risquée&#34;&lt;/b&gt;"' in html
    assert "title=" not in html
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


# The linker searches lower-cased text when that finds the same places as its
# case-insensitive regex, and falls back to that regex otherwise (« İ », which lower-cases
# to two characters, or « ß », which folds to « ss », anywhere; here in a comment, which is
# never linked). Both must link exactly the same words.
FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<h2>", "</h2>", "<a href='x'>", "</a>", "<code>", "</code>", "<em>",
    "</em>", "<!-- cloud -->", " ", "  ", "\n", "\u00a0", ", ", ". ", "-", "'", "’", "données",
    "Données", "DONNÉES", "donnée", "ouvertes", "Ouvertes", "open", "data", "Open Data", "RGPD",
    "rgpd", "cloud", "Cloud", "CRM", "crm", "ONG BXL", "ONG", "bxl", "aujourd’hui",
    "aujourd'hui", "Aujourd’Hui", "aujourd'huı", "service", "ſervice", "SERVİCE", "Service",
    "règlement", "général", "sur", "la protection des données", "Règlement général sur la "
    "protection des données", "règlement général ſur la protection des données", "É", "é",
    "ß", "ς", "Σ", "µ", "\u212a", "ı", "droit d’accès", "droit d'accès", "Droit D’Accès",
    "droit", "d’accès", "aujourd’hui-", "aujourd demain", "aujourd",
])


@pytest.fixture(scope="module")
def wide_linker() -> TermLinker:
    return TermLinker([
        *base_terms(),
        term("ong-bxl", "ONG BXL"),
        term("aujourdhui", "aujourd’hui"),
        term("service", "service", "service numérique"),
        term("droit-acces", "droit d’accès"),
        # A first word that is the start of another before its apostrophe.
        term("aujourd-demain", "aujourd demain"),
    ])


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_lowercase_search_links_like_the_case_insensitive_one(wide_linker, html):
    forced = wide_linker.link(html + "<!--İß-->", "G")
    assert forced == wide_linker.link(html, "G") + "<!--İß-->"


def test_multi_word_terms_across_any_white_space(linker):
    html = linker.link("<p>Des données\n ouvertes et de l’open\u00a0data.</p>", "G")
    assert links(html) == [("donnees-ouvertes", "données\n ouvertes")]
    html = linker.link("<p>Des données <em>ouvertes</em>.</p>", "G")
    assert links(html) == [("donnee", "données")]


def test_case_is_folded_beyond_lower_case():
    # « ſ » (long s) folds to « s »: the slower case-insensitive search must find it.
    linker = TermLinker([term("service", "service")])
    assert links(linker.link("<p>Un ſervice.</p>", "G")) == [("service", "ſervice")]
