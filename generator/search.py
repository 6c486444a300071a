"""Site search: what Pagefind indexes, and the index itself (built after the site).

Pagefind (the ``pagefind[bin]`` package ships its binary) reads the built HTML and writes a
split index into ``pagefind/``: a visitor downloads only the chunks a query needs, never the
whole index. What this module decides:

- which pages are indexed, and as what kind of result (aide, étude de cas, page d'enquête…):
  the kind is a Pagefind filter, shown next to each result and offered as a filter;
- aid aliases (« FeBi asbl ») are indexed with the page, as weighted hidden text, so that an
  acronym or another spelling finds its record;
- glossary terms and recommendations, which share one long page each, are indexed one record
  at a time (with their anchor) so that « RGPD » leads to the term, not to the whole glossary;
- static group pages (``/aides/niveau/…``) are left out: they only repeat aid names.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import kinds, urls
from .catalog import Catalog
from .schema import AID_FACETS, Aid, BrusselsAccess, Level, Need, SearchKind, SupportType, Target

SEARCH_DIR = "pagefind"
"""Folder of the index in the built site (Pagefind's default, which its script expects)."""

KIND_FILTER = "type"
"""Name of the Pagefind filter that holds a result's kind."""

LANGUAGE = "fr"

EXCLUDED_SELECTORS = (
    ".headerlink",      # the « # » permalinks after each heading
    ".kb-filters",      # filter labels of the listings: the same words on every listing
    ".kb-cite",         # « Citer cette page »: the site name on every record
    ".kb-contribute",   # « Modifier cette fiche », « Signaler une erreur »
    ".md-source-file",  # dates of the page's last change
)

ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
"""How Material (9.8) opens the content of every page: where indexed pages are marked."""
MARKED_ARTICLE = ARTICLE_TAG[:-1] + " data-pagefind-body"
"""How the marked ones open (templates/search_article.html.j2)."""


@dataclass(frozen=True)
class PageSearch:
    """How one built page is indexed."""

    kind: SearchKind | kinds.SearchLabel
    aliases: tuple[str, ...] = ()
    everyday_words: tuple[str, ...] = ()
    """The labels and synonyms of an aid's needs, forms of support and publics: what people
    type (« ordinateur portable ») for what the record says (« Matériel et logiciels »)."""
    words_weight: int = 1
    """Pagefind weight of ``everyday_words``: above body text (1) for what a Brussels ASBL
    can use, so that need queries rank those first; names and aliases weigh more (7)."""
    elsewhere: str | None = None
    """For an aid a Brussels ASBL cannot use directly, why (« Non : autre région »): shown
    next to the result."""


ACCESS_WEIGHTS = {BrusselsAccess.YES: 3, BrusselsAccess.CONDITIONAL: 2}
"""How much an aid's everyday words weigh, by its access for a Brussels ASBL (others: 1)."""

SHOWN_ACCESS = frozenset({BrusselsAccess.OTHER_REGION, BrusselsAccess.FOREIGN_EXAMPLE,
                          BrusselsAccess.NOT_APPLICABLE, BrusselsAccess.INDIRECT})
"""Accesses said next to a search result: the records a Brussels ASBL cannot use as such."""


def everyday_words(aid: Aid) -> tuple[str, ...]:
    """The vocabularies' words for an aid's needs, forms of support and publics (once each)."""
    words: dict[str, None] = {}
    for member in (*aid.needs, *aid.support_types, *aid.targets):
        words.update(dict.fromkeys((member.label, *member.synonyms)))
    return tuple(words)


def aid_search(aid: Aid) -> PageSearch:
    """How an aid's page is indexed: with its aliases and everyday words, and why a Brussels
    ASBL cannot use it as such."""
    return PageSearch(
        SearchKind.AID, tuple(aid.aliases), everyday_words(aid),
        ACCESS_WEIGHTS.get(aid.brussels_access, 1),
        aid.brussels_access.label if aid.brussels_access in SHOWN_ACCESS else None)


@dataclass(frozen=True)
class SearchRecord:
    """A result that is not a whole page: one term of the glossary, one recommendation."""

    url: str
    """Site path from the root, with the record's anchor: ``/glossaire/#crm``."""
    title: str
    content: str
    kind: SearchKind | kinds.SearchLabel


@dataclass(frozen=True)
class IndexReport:
    pages: int
    records: int
    seconds: float
    payload_bytes: int
    """Size of the whole index folder (what a visitor downloads is a small part of it)."""


class SiteSearch:
    """What the search index holds for one catalogue: for each kind of the registry
    (:mod:`generator.kinds`) with a search kind, its records' pages, or its records one by
    one when they share a page (terms, recommendations: « RGPD » leads to the term, not to
    the whole glossary)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._pages: dict[str, PageSearch] = {}
        self._entries: list[SearchRecord] = []
        # Pages indexed record by record (see records()), not as a whole.
        self._whole_pages_left_out: set[str] = set()
        for kind in kinds.KINDS.values():
            if kind.search is None or kind.url is None:
                continue
            module = kind.module()  # its page module's hooks, if any
            if kind.shares_pages:
                entry = getattr(module, "search_entry", _named_entry)
                for record in catalog.records[kind.name].values():
                    url = kind.url(record.id)
                    self._whole_pages_left_out.add(url.partition("#")[0])
                    title, content = entry(catalog, record)
                    self._entries.append(SearchRecord(_site_path(url), title, content,
                                                      kind.search))
                continue
            page_search = getattr(module, "search_page", None)
            default = PageSearch(kind.search)
            for record in catalog.records[kind.name].values():
                self._pages[kind.url(record.id)] = (page_search(record) if page_search
                                                    else default)
            for listing in kind.search_listings:
                self._pages[listing] = default
        if catalog.path is not None:
            # Each step of the path is a page per sequence of answers: a result reached in
            # six ways would be found six times. The start and the citable results suffice.
            self._walks = {urls.path_walk(walk.segments) for walk in catalog.path.walks
                           if walk.segments}
        else:
            self._walks = set()
        self._by_url: dict[str, str] | None = None

    def page(self, src_uri: str) -> PageSearch | None:
        """How the page built from ``src_uri`` is indexed; ``None``: it is left out."""
        if src_uri in self._pages:
            return self._pages[src_uri]
        if (src_uri in self._whole_pages_left_out or src_uri in self._walks
                or urls.is_group(src_uri)):
            return None
        if src_uri.startswith("enquete/"):
            return PageSearch(SearchKind.SURVEY)
        return PageSearch(SearchKind.PAGE)

    def page_at(self, url: str) -> PageSearch | None:
        """:meth:`page` for the page published at ``url`` (``aides/x/``): how an engine's
        built file is known, whatever source it was built from."""
        if self._by_url is None:
            sources = (*self._pages, *self._whole_pages_left_out, *self._walks)
            self._by_url = {urls.published(src): src for src in sources}
        return self.page(self._by_url.get(url, url))

    def records(self) -> Iterator[SearchRecord]:
        return iter(self._entries)


def _named_entry(catalog: Catalog, record: Any) -> tuple[str, str]:
    """A shared page's record in the search: its name, and its text."""
    return record.name, join_text(*(str(value) for value in record.model_dump().values()
                                if isinstance(value, str)))


# --------------------------------------------------------------------------- word list

_WORD = re.compile(r"[^\W\d_]+")


def folded(text: str) -> str:
    """Lower case without accents: how the browser compares words (« Numérique » → numerique)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(*texts: str) -> set[str]:
    return {word for text in texts for word in _WORD.findall(folded(text)) if len(word) >= 3}


NEED_QUERY_ORDER = (SearchKind.AID, SearchKind.PATH_RESULT)
"""For a query that names a need, these kinds of results come first, in this order (an aid
a Brussels ASBL can use as such, then the decision path's answers); then the other
results; last, the aids of other regions and foreign examples."""

_COMMON = frozenset({"des", "les", "une", "faire", "pour", "avec", "sur", "dans", "par", "aux",
                     "lieux", "etat", "plan", "line"})
"""Words of the needs' labels that say nothing of a need (« faire un diagnostic »)."""


def search_words(catalog: Catalog) -> str:
    """The small word list search.js reads (``recherche-mots.json``): the words of names,
    aliases, vocabularies and terms, for « Vouliez-vous dire … ? », and each need with its
    everyday words, to recognise a need query and offer the catalogue filtered on it."""
    needs_facet = next(facet for facet in AID_FACETS if facet.field == "needs")
    # Only needs some aid has: the catalogue filtered on one is never empty.
    used = {need for aid in catalog.aids.values() for need in aid.needs}
    needs = [{"label": need.label, "filter": f"{needs_facet.slug}={need.slug}",
              "words": sorted(_words(need.label, *need.synonyms) - _COMMON)}
             for need in Need if need in used]
    words = _words(*(text for aid in catalog.aids.values()
                     for text in (aid.name, aid.operator or "", *aid.aliases)))
    words |= _words(*(text for term in catalog.terms.values()
                      for text in (term.term, *term.aliases)))
    words |= _words(*(case.name for case in catalog.cases.values()))
    for vocabulary in (Need, SupportType, Target, Level):
        words |= _words(*(text for member in vocabulary
                          for text in (member.label, *member.synonyms)))
    return json.dumps({"needs": needs, "words": sorted(words),
                       "need_first": [kind.label for kind in NEED_QUERY_ORDER]},
                      ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- page marking

_html = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                    undefined=StrictUndefined, keep_trailing_newline=False)


def mark_page(html: str, page: PageSearch) -> str:
    """Mark a built page for Pagefind: its content is indexed, with its kind and aliases.

    Once one page carries ``data-pagefind-body``, Pagefind leaves out every page without it
    (the 404 page, group pages…).
    """
    if html.count(ARTICLE_TAG) != 1:
        raise ValueError(f"{ARTICLE_TAG} introuvable : le gabarit de Material a changé ?")
    return html.replace(ARTICLE_TAG, _article_opening(page), 1)


@lru_cache(maxsize=1024)
def _article_opening(page: PageSearch) -> str:
    # Most pages share their marking (a kind, no aliases): rendered once each.
    return _html.get_template("search_article.html.j2").render(
        filter_name=KIND_FILTER, page=page).strip()


# --------------------------------------------------------------------------- indexing


def build_index(site_dir: Path, records: Iterable[SearchRecord]) -> IndexReport:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind`` (replaced)."""
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    config = {"force_language": LANGUAGE, "exclude_selectors": list(EXCLUDED_SELECTORS)}
    records = list(records)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as bodies, \
            PagefindService() as service:
        write_bodies(site_dir, Path(bodies))
        index = service.send({"type": "NewIndex", "config": config})["index_id"]
        pages = service.send({"type": "AddDir", "index_id": index, "path": bodies})
        for record in records:
            service.send({"type": "AddRecord", "index_id": index, "url": record.url,
                          "content": record.content, "language": LANGUAGE,
                          "meta": {"title": record.title},
                          "filters": {KIND_FILTER: [record.kind.label]}})
        # Not WriteFiles: Pagefind answers it before its last writes reach the disk, and the
        # service exits at the end of its input without waiting for them (under load, an
        # empty pagefind-entry.json and every search failing). Asked for, its files are
        # complete when they arrive.
        files = service.send({"type": "GetFiles", "index_id": index})["files"]
    size = write_bundle(site_dir / SEARCH_DIR, files)
    return IndexReport(int(pages["page_count"]), len(records), time.perf_counter() - started,
                       size)


def write_bodies(site_dir: Path, folder: Path) -> int:
    """Copy each marked page of the site into ``folder`` (same path, so the same address),
    reduced to its marked ``<article>``: all Pagefind reads of a page, which it would
    otherwise parse whole, navigation included (the same index, for less work).
    The number of pages copied."""
    count = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start = html.find(MARKED_ARTICLE)
        if start < 0:
            continue
        end = html.find("</article>", start)
        if end < 0 or html.find("<article", start + 1, end) >= 0:
            raise RuntimeError(f"{page.relative_to(site_dir)} : article marqué mal fermé")
        body = folder / page.relative_to(site_dir)
        body.parent.mkdir(parents=True, exist_ok=True)
        body.write_text(f'<!doctype html><html lang="{LANGUAGE}"><body>'
                        f"{html[start:end]}</article></body></html>", encoding="utf-8")
        count += 1
    return count


def write_bundle(folder: Path, files: list[dict[str, str]]) -> int:
    """Replace ``folder`` with Pagefind's files (paths relative to it, base64 contents);
    their total size in bytes."""
    shutil.rmtree(folder, ignore_errors=True)
    folders: set[Path] = set()
    size = 0
    for file in files:
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise RuntimeError(f"chemin inattendu dans l'index : {file['path']}")
        path = folder / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        content = base64.b64decode(file["content"])
        path.write_bytes(content)
        size += len(content)
    if not (folder / "pagefind-entry.json").is_file():
        raise RuntimeError("index sans pagefind-entry.json")
    return size


class PagefindService:
    """The Pagefind binary in service mode, spoken to one message at a time.

    The ``pagefind`` package's own client is asynchronous and sleeps before reading each
    answer, a wait repeated for every glossary term and recommendation. The protocol
    it speaks is small (base64 JSON messages, each followed by a comma): this client reads
    each answer as soon as it comes.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable  # the binary of pagefind-bin

        binary = get_executable()
        if binary is None:
            raise RuntimeError("binaire pagefind introuvable (paquet pagefind[bin])")
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._buffer = b""
        self._last_id = 0

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload})
        self.process.stdin.write(base64.b64encode(message.encode()) + b",")
        self.process.stdin.flush()
        answer = json.loads(base64.b64decode(self._read_message()))["payload"]
        if answer.get("type") == "Error":
            raise RuntimeError(answer.get("message", "erreur de Pagefind"))
        return answer

    def _read_message(self) -> bytes:
        assert self.process.stdout is not None
        # Chunks joined once: the index's files come in one message of tens of MB.
        chunks = []
        chunk = self._buffer
        while b"," not in chunk:
            chunks.append(chunk)
            chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise RuntimeError("Pagefind s'est arrêté sans répondre")
        last, _, self._buffer = chunk.partition(b",")
        chunks.append(last)
        return b"".join(chunks)

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # End of input asks the service to stop: let it finish rather than kill it.
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def _site_path(src: str) -> str:
    return "/" + urls.published(src)


def join_text(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def shorten(text: str, limit: int = 110) -> str:
    if len(text) <= limit:
        return text
    return re.sub(r"\s+\S*$", "", text[:limit]) + " …"
