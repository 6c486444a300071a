"""The glossary: one page (/glossaire/), its terms by initial letter."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from .. import urls
from ..catalog import Catalog
from ..schema import Term
from ..search import join_text
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    if not site.catalog.terms:
        return
    letters: dict[str, list[Term]] = {}
    for term in sorted(site.catalog.terms.values(), key=lambda t: sort_text(t.term)):
        letters.setdefault(sort_text(term.term)[:1].upper() or "#", []).append(term)
    reports = {ref.report for term in site.catalog.terms.values() for ref in term.sources}
    content = site.render_template(
        "glossary.md.j2", urls.GLOSSARY, letters=list(letters.items()),
        reports=sorted((site.catalog.source(r) for r in reports), key=lambda s: s.date),
    )
    yield GeneratedFile(urls.GLOSSARY, content, in_nav=True)


def sort_text(text: str) -> str:
    """Alphabetical key that ignores accents and case: « Éthique » sorts under E."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def search_entry(catalog: Catalog, term: Term) -> tuple[str, str]:
    """A term in the search, on its own: its name and what the glossary says of it."""
    return term.term, join_text(term.term, *term.aliases, term.definition, term.details,
                                *term.examples)
