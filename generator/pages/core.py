"""What every page family shares: the template environment, the generated files and
:class:`SiteRenderer`, the context each family renders its pages in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import dates, kinds, urls
from ..cache import CompiledTemplates
from ..catalog import Catalog, RecordKey
from ..formatting import french_date, html_escape, mailto, markdown_escape, query_string
from ..jsonld import JsonLd
from ..schema import Basis, BrusselsAccess, OtherSourceKind

T = TypeVar("T")


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site that exists only in memory (never written into ``content/``)."""

    src_uri: str
    content: str | bytes
    in_nav: bool = False


_TEMPLATE_SETTINGS: dict[str, Any] = {
    "undefined": StrictUndefined,
    "finalize": markdown_escape,
    "autoescape": False,  # Markdown, not HTML: escaping is done by markdown_escape
    # `{#anchor}` is attribute-list syntax in Markdown: keep it out of Jinja's comments.
    "comment_start_string": "{##",
    "comment_end_string": "##}",
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # One environment per build: no need to stat each template file on every use.
    "auto_reload": False,
}


def template_environment(project_cache: Path | None = None) -> Environment:
    """The templates' environment; with ``project_cache``, compiled templates are kept and
    reused (see :class:`cache.CompiledTemplates`): compiling them all is a visible part of
    a small build."""
    cache = None
    if project_cache is not None:
        # A function's name, not its address; the Jinja version, whose runtime the compiled
        # code calls.
        settings = repr((jinja2.__version__, sorted(
            (name, getattr(value, "__qualname__", value))
            for name, value in _TEMPLATE_SETTINGS.items())))
        cache = CompiledTemplates(project_cache, settings.encode())
    loader: jinja2.BaseLoader = PackageLoader("generator", "templates")
    if folders := kinds.template_folders():  # a project's kinds bring their templates
        loader = ChoiceLoader([loader, _ProjectTemplates(folders)])
    env = Environment(loader=loader, bytecode_cache=cache, **_TEMPLATE_SETTINGS)
    env.filters["french_date"] = french_date
    env.filters["published_date"] = dates.french  # « 2025 », « juin 2025 »: as published
    # In raw HTML blocks Markdown escapes are not interpreted: use HTML escaping there.
    env.filters["html"] = html_escape
    return env


class _ProjectTemplates(FileSystemLoader):
    """The templates of a project's own kinds: compiled by each build, never kept with the
    package's compiled templates (they are the project's, not the package's)."""

    def load(self, environment: Environment, name: str,
             globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        code = environment.compile(source, name, filename)
        return environment.template_class.from_code(
            environment, code, environment.make_globals(globals), uptodate)


def compile_templates(project_cache: Path) -> tuple[int, Path | None]:
    """Compile every template ahead of the first build, as ``make install`` does (like pip
    compiling modules): ``(templates compiled, folder they are kept in)``."""
    env = template_environment(project_cache)
    assert isinstance(env.bytecode_cache, CompiledTemplates)
    env.bytecode_cache.remove_stale()
    names = env.list_templates(filter_func=lambda name: name.endswith(".j2"))
    for name in names:
        env.get_template(name)
    return len(names), env.bytecode_cache.writable


def paginate(items: Sequence[T], size: int) -> Iterator[tuple[int, int, Sequence[T]]]:
    """``(page number, page count, items)`` for each page; one page when empty."""
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        yield number, count, items[(number - 1) * size : number * size]


class SiteRenderer:
    """Renders every generated file of the site from one catalogue: the context (site
    settings, links, titles) each page family renders its templates in."""

    def __init__(
        self,
        catalog: Catalog,
        env: Environment | None = None,
        *,
        site_name: str = "Numérique et associations bruxelloises",
        site_url: str = "",
        repo_url: str = "",
        repo_branch: str = "main",
        contact_email: str = "",
        cache_dir: Path | None = None,
        directory_urls: bool = True,
    ) -> None:
        self.catalog = catalog
        self.directory_urls = directory_urls
        """``/cas/civa/`` (MkDocs' use_directory_urls) or ``/cas/civa.html`` (offline build)."""
        self.env = env or template_environment()
        self.site_name = site_name
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.repo_url = repo_url.rstrip("/")
        self.repo_branch = repo_branch
        self.contact_email = contact_email
        """Where corrections go when there is no forge (``extra.contact_email``)."""
        self.cache_dir = cache_dir
        """The project's cache (generator/cache.py), or ``None``: everything made anew."""

    def cache(self, part: str) -> Path | None:
        """The folder of the cache that keeps one ``part`` (charts, spreadsheets…)."""
        return self.cache_dir / part if self.cache_dir is not None else None

    def render(self) -> list[GeneratedFile]:
        return [file for family in kinds.page_families() for file in family(self)]

    # ------------------------------------------------------------------ helpers

    def render_template(self, template: str, src_uri: str, **context: Any) -> str:
        """``template`` rendered for the page built from ``src_uri``, with what every
        template may use (links relative to that page, record titles, site settings)."""
        return self.env.get_template(template).render(
            catalog=self.catalog,
            Access=BrusselsAccess,
            Basis=Basis,
            OtherKind=OtherSourceKind,
            link=self._linker(src_uri),
            aid_url=urls.aid,
            case_url=urls.case,
            record_url=kinds.record_url,
            title_of=self.title_of,
            cited_by_of=self.catalog.cited_by,
            kind_labels={name: kind.record.label for name, kind in kinds.KINDS.items()},
            site_name=self.site_name,
            site_url=self.site_url + urls.published(src_uri) if self.site_url else "",
            page_path=urls.published(src_uri),
            **context,
        )

    @staticmethod
    def _linker(src_uri: str) -> Callable[[str], Markup]:
        def link(target_src: str) -> Markup:
            return Markup(urls.relative(src_uri, target_src))

        return link

    def href(self, from_src: str, to_src: str) -> str:
        """A link for raw HTML or a script, which MkDocs does not rewrite: relative to the
        published page (see :func:`urls.href`)."""
        return urls.href(from_src, to_src, directory_urls=self.directory_urls)

    def contribution_links(self, kind: str, record: Any, fields: dict[str, Any]) -> dict[str, str]:
        """« Signaler une erreur » (the forge's correction form, or else an e-mail to the
        site's contact, pre-filled with the record, its page and its current values) and
        « Modifier cette fiche » (its first line in the data file, on the forge only);
        empty when the site declares neither a forge nor a contact."""
        page = urls.published(kinds.record_url(kind, record.id))
        page_url = (self.site_url + page) if self.site_url else f"/{page}"
        current = "\n".join(f"{name} : {value}" for name, value in fields.items() if value)
        title = f"Correction : {fields.get('name') or record.id}"
        if not self.repo_url:
            if not self.contact_email:
                return {}
            body = (f"Fiche : {record.id}\nPage : {page_url}\n\nValeurs actuelles :\n{current}"
                    "\n\nCe qui est à corriger (et la source qui le montre) :\n")
            return {"report": mailto(self.contact_email, title, body)}
        line = self.catalog.lines[RecordKey(kind, record.id)]
        query = query_string({
            "template": "correction.yml",
            "title": title,
            "record": record.id,
            "page": page_url,
            "current": current,
        })
        return {
            "edit": (f"{self.repo_url}/blob/{self.repo_branch}/"
                     f"{self.catalog.data_files[kind]}#L{line}"),
            "report": f"{self.repo_url}/issues/new?{query}",
        }

    def changes_of(self, kind: str, record_id: str) -> list[Any]:
        """The change log's entries that name this record, newest first."""
        keys = {key.id for key in self.catalog.cited_by(kind, record_id) if key.kind == "changes"}
        return [change for change in self.catalog.changes if change.id in keys]

    def title_of(self, key: RecordKey) -> str:
        """How a record is named in lists of links."""
        return kinds.title(key.kind, self.catalog.get(key))

    @cached_property
    def jsonld(self) -> JsonLd:
        return JsonLd(self.catalog, site_name=self.site_name, site_url=self.site_url)


def render_site(catalog: Catalog, **options: Any) -> list[GeneratedFile]:
    """Every generated file; ``options`` are :class:`SiteRenderer`'s keyword arguments."""
    return SiteRenderer(catalog, **options).render()
