"""Where each generated page lives. URLs are cited by advisers: never change one."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .schema import AID_FACETS, Facet, Option

HOME = "index.md"
CATALOGUE = "aides/index.md"
CATALOGUE_INDEX = "aides/catalogue.json"
PROPOSE_AID = "aides/proposer.md"
ABOUT_AIDS = "aides/a-propos.md"
CASES = "cas/index.md"
CASES_INDEX = "cas/index.json"
SEARCH_WORDS = "recherche-mots.json"
"""Words search.js suggests from, and each need's everyday words (search.search_words)."""
CASES_ANALYSIS = "cas/analyse.md"
GLOSSARY = "glossaire/index.md"
RECOMMENDATIONS = "recommandations/index.md"
CHANGES = "changements/index.md"
SURVEY = "enquete/index.md"
PROFILES = "profils/index.md"
SELF_ASSESSMENT = "profils/autodiagnostic.md"
# At the site root: Material fetches sitemap.xml next to every <link rel="alternate">, and
# only the root has one (a feed under /changements/ meant a 404 on every page load).
CHANGES_FEED = "feed.xml"
OPEN_DATA = "donnees/index.md"
OPEN_DATA_FIELDS = "donnees/champs.md"
OPEN_DATA_INDEX = "donnees/index.json"


def open_data(name: str, extension: str) -> str:
    """A data set's export: ``donnees/<name>.json``, ``.csv`` or ``.xlsx``, named like its
    data file."""
    return f"donnees/{name}.{extension}"


def open_data_schema(schema_name: str) -> str:
    """A published JSON Schema: ``donnees/schema/aids.schema.json``."""
    return f"donnees/schema/{schema_name}"


def profile(profile_id: str) -> str:
    """``profils/<id>.md``, published at ``/profils/<id>/``."""
    return f"profils/{profile_id}.md"


def survey_theme(theme: Option) -> str:
    """``enquete/<theme>.md``: the tables of one theme of the survey report."""
    return f"enquete/{theme.slug}.md"


def survey_file(table_id: str, extension: str) -> str:
    """A table's data (``csv``, ``xlsx``) or chart (``svg``):
    ``enquete/donnees/<id>.<extension>``."""
    return f"enquete/donnees/{table_id}.{extension}"


def aid(aid_id: str) -> str:
    """``aides/<id>.md``, published at ``/aides/<id>/``."""
    return f"aides/{aid_id}.md"


def case(case_id: str) -> str:
    """``cas/<id>.md``, published at ``/cas/<id>/``."""
    return f"cas/{case_id}.md"


def group(facet: Facet, value: Option, page: int = 1) -> str:
    """Static listing of one filter value: ``/aides/niveau/region-wallonne/``, then …/page-2/."""
    base = f"aides/{facet.slug}/{value.slug}"
    return f"{base}.md" if page == 1 else f"{base}/page-{page}.md"


_GROUP_FOLDERS = tuple(f"aides/{facet.slug}/" for facet in AID_FACETS)


def is_group(src: str) -> bool:
    """Whether ``src`` is one of the static group pages: a listing of links, not a record."""
    return src.startswith(_GROUP_FOLDERS)


def relative(from_src: str, to_src: str) -> str:
    """Relative Markdown link between two source files, which MkDocs checks and rewrites.

    Same result as ``posixpath.relpath(to_src, dirname(from_src))``, which costs a
    ``getcwd`` and two normalisations a call: pages link tens of thousands of times per
    build, always between plain relative paths, so those are compared segment by segment.
    """
    return relative_from_folder(from_src[: from_src.rfind("/") + 1], to_src)


# Pages of one folder link to the same pages (every aid page to the same group pages):
# each link is worked out once per folder. Bounded, so memory stays flat at any size.
@lru_cache(maxsize=32768)
def relative_from_folder(folder: str, to_src: str) -> str:
    """``posixpath.relpath(to_src, folder)``, where ``folder`` ends with « / » (or is ``""``,
    the root)."""
    start = folder.split("/")[:-1]
    target = to_src.split("/")
    if not (_plain(start) and _plain(target)):
        return posixpath.relpath(to_src, posixpath.dirname(folder) or ".")
    common = 0
    for here, there in zip(start, target, strict=False):  # stops at the shorter
        if here != there:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def _plain(segments: list[str]) -> bool:
    """No empty, ``.`` or ``..`` segment: nothing that ``relpath`` would normalise."""
    return all(segment not in {"", ".", ".."} for segment in segments)


def published(src: str) -> str:
    """Site path of a source file: ``cas/civa.md`` → ``cas/civa/``, ``index.md`` → ``""``."""
    path, _, anchor = src.partition("#")
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem + (f"#{anchor}" if anchor else "")


PATH = "parcours/index.md"
PATH_RESULTS = "parcours/resultats/index.md"
PATH_DIAGRAM = "parcours/schema.md"
PATH_DIAGRAM_SVG = "parcours/schema.svg"


def path_walk(segments: tuple[str, ...]) -> str:
    """A page of the decision path, named by the answers given so far:
    ``/parcours/bruxelles/mon-organisation/`` (the start is ``/parcours/``)."""
    return "/".join(("parcours", *segments)) + ".md" if segments else PATH


def path_result(result_id: str) -> str:
    """A result of the decision path on its own, to cite: ``/parcours/resultats/<id>/``."""
    return f"parcours/resultats/{result_id}.md"


def href(from_src: str, to_src: str, *, directory_urls: bool = True) -> str:
    """Link from the page built from ``from_src`` to ``to_src``, as the browser resolves it.

    For raw HTML and for scripts, which MkDocs does not rewrite (unlike Markdown links):
    ``/parcours/`` → ``../../profils/x/`` with directory URLs, ``../profils/x.html`` without.
    """
    path, _, anchor = to_src.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if not directory_urls:
        def html(src: str) -> str:
            return src[:-3] + ".html" if src.endswith(".md") else src
        return posixpath.relpath(html(path), posixpath.dirname(html(from_src)) or ".") + fragment
    here = published(from_src) or "."
    if not path.endswith(".md"):
        return posixpath.relpath(path, here) + fragment
    return posixpath.relpath(published(path) or ".", here) + "/" + fragment


def nav_pages(nav: object) -> set[str]:
    """Every page file named in a MkDocs ``nav`` (nested lists and titled entries)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav))
    return set()
