"""Where each generated page lives. URLs are cited by advisers: never change one."""

from __future__ import annotations

import posixpath

from .schema import Facet, Vocabulary

CATALOGUE = "aides/index.md"
CATALOGUE_INDEX = "aides/catalogue.json"
ABOUT_AIDS = "aides/a-propos.md"
HOME = "index.md"


def aid(aid_id: str) -> str:
    """``aides/<id>.md``, published at ``/aides/<id>/``."""
    return f"aides/{aid_id}.md"


def group(facet: Facet, value: Vocabulary, page: int = 1) -> str:
    """Static listing of one filter value: ``/aides/niveau/region-wallonne/``, then …/page-2/."""
    base = f"aides/{facet.slug}/{value.slug}"
    return f"{base}.md" if page == 1 else f"{base}/page-{page}.md"


def relative(from_src: str, to_src: str) -> str:
    """Relative Markdown link between two source files, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
