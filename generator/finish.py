"""What runs on the built HTML, whatever engine built it: one seam between the generator and
MkDocs (or Zensical, or any engine that writes the site's pages).

Each HTML page goes through :meth:`Finisher.page`: glossary links in the page's own text,
French spacing, the marks Pagefind reads, the Content-Security-Policy ``<meta>``. Then the
search index is built over the finished site, and the site is published in place of the
previous one (:mod:`generator.publish`). :func:`finish_site` does it all for a folder an
engine has built; the MkDocs plugin (generator/plugin.py) passes each page through the same
:meth:`Finisher.page` as MkDocs writes it (it holds the page already, and `serve --dirty`
rewrites only some pages), then calls :func:`finish_site` for the rest.

Pages are named by their file in the built site (``aides/x/index.html``), never by an
engine's idea of a page: the site's own text marks where a page's content is
(:data:`CONTENT_START`, written by theme/main.html, removed here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import csp, typography, urls
from .catalog import Catalog
from .glossary import TermLinker
from .publish import Staging
from .search import SEARCH_DIR, IndexReport, SiteSearch, build_index, mark_page

CONTENT_START = "<!--kb:content-->"
CONTENT_END = "<!--/kb:content-->"
"""Around a page's own content in its <article> (theme/main.html): where glossary terms are
linked (not in the title, the print address or the theme's buttons). Removed from every
finished page."""

TEMPLATE_PAGES = frozenset({"404.html"})
"""Pages made from a theme template alone: no content of the site's, never indexed."""


class FinishError(Exception):
    """A built page that cannot be finished (an inline script the theme does not write…),
    said with the file to correct."""


@dataclass(frozen=True)
class FinishOptions:
    directory_urls: bool = True
    """Pages at ``x/`` (``x/index.html``) rather than ``x.html``: how links to the glossary
    are written."""
    search: bool = True
    """Mark pages for Pagefind and index the site (``False``: another search takes over)."""
    content_security_policy: bool = True
    """A Content-Security-Policy <meta> on every page (generator/csp.py)."""
    theme_dirs: tuple[Path, ...] = field(default_factory=tuple)
    """Template folders of the theme: the inline scripts they write are the only ones a page
    may hold (with a policy). Empty: any inline script is allowed by its hash."""


@dataclass(frozen=True)
class FinishReport:
    pages: int
    """HTML pages finished by :func:`finish_site` itself (not those finished as written)."""
    index: IndexReport | None
    published: Path | None
    """Where the site was published, if it was."""


def page_url(path: str) -> str | None:
    """The site path a built file is published at, in directory form (``aides/x/``, ``""``
    for the home page), or ``None`` for a theme template page (404)."""
    if path in TEMPLATE_PAGES or not path.endswith(".html"):
        return None
    if path == "index.html" or path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return path.removesuffix(".html") + "/"  # a site without directory URLs


class Finisher:
    """What happens to each built page, and to the site once every page is built."""

    def __init__(self, catalog: Catalog, options: FinishOptions) -> None:
        self.catalog = catalog
        self.options = options
        self.search = SiteSearch(catalog) if options.search else None
        self.linker = TermLinker(catalog.terms.values()) if catalog.terms else None
        self.shipped_scripts = (csp.ShippedScripts(options.theme_dirs)
                                if options.content_security_policy and options.theme_dirs
                                else None)
        glossary = urls.published(urls.GLOSSARY)
        self._glossary_url = glossary
        self._glossary_target = glossary if options.directory_urls else glossary + "index.html"

    def page(self, html: str, path: str, *, source: str | None = None) -> str:
        """The built page at ``path`` (its file in the site) finished; ``source`` names the
        file to correct in an error (default: ``path``)."""
        url = page_url(path)
        html = self._link_terms(html, path, url)
        html = typography.french_spacing_html(html)
        try:
            if self.search is not None and url is not None:
                indexed = self.search.page_at(url)
                html = mark_page(html, indexed) if indexed else html
            if self.options.content_security_policy:
                html = csp.add_policy(html, self.shipped_scripts)
        except ValueError as error:  # UnexpectedScript, or a theme that changed
            raise FinishError(f"{source or path} : {error}") from None
        return html

    def _link_terms(self, html: str, path: str, url: str | None) -> str:
        start = html.find(CONTENT_START)
        if start < 0:
            return html
        end = html.find(CONTENT_END, start)
        if end < 0:
            raise FinishError(f"{path} : {CONTENT_START} sans {CONTENT_END}")
        content = html[start + len(CONTENT_START):end]
        # Group pages are lists of links to records: a term link in an item's metadata would
        # only add a stop to the keyboard path through the list.
        if (self.linker is not None and url is not None and url != self._glossary_url
                and not urls.is_group(url)):
            folder = path[:path.rfind("/") + 1]
            content = self.linker.link(content, _relative(folder, self._glossary_target))
        return html[:start] + content + html[end + len(CONTENT_END):]

    def index(self, site_dir: Path) -> IndexReport | None:
        """The search index of the finished site in ``site_dir`` (``None`` without search)."""
        if self.search is None:
            return None
        records = (replace(record, title=typography.french_spacing(record.title),
                           content=typography.french_spacing(record.content))
                   for record in self.search.records())
        return build_index(site_dir, records)


def _relative(folder: str, target: str) -> str:
    """Link from a page of ``folder`` (« aides/x/ », « » for the root) to the site path
    ``target``, as MkDocs writes it (« ../../glossaire/ »: a folder keeps its « / »)."""
    relative = urls.relative_from_folder(folder, target.rstrip("/"))
    return relative + "/" if target.endswith("/") else relative


def finish_site(site_dir: Path, catalog: Catalog, options: FinishOptions, *,
                finisher: Finisher | None = None, pages: Iterable[Path] | None = None,
                publish_to: Path | None = None) -> FinishReport:
    """Finish the site an engine has built into ``site_dir``: each HTML page (``pages``, by
    default every ``*.html`` of the folder; none when the engine has passed them through
    ``finisher`` as it wrote them), then the search index; with ``publish_to``, the folder
    then replaces the site published there, in one rename (generator/publish.py)."""
    finisher = finisher or Finisher(catalog, options)
    site_dir = Path(site_dir)
    count = 0
    for file in sorted(site_dir.rglob("*.html")) if pages is None else pages:
        path = file.relative_to(site_dir).as_posix()
        if path.startswith(f"{SEARCH_DIR}/"):
            continue
        html = file.read_text(encoding="utf-8")
        finished = finisher.page(html, path)
        if finished != html:
            file.write_text(finished, encoding="utf-8")
        count += 1
    index = finisher.index(site_dir)
    published = None
    if publish_to is not None:
        Staging(Path(publish_to).absolute(), site_dir).publish()
        published = Path(publish_to)
    return FinishReport(count, index, published)

