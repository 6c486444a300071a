"""MkDocs adapter: loads the data, adds the generated pages, publishes the site atomically.

Hook flow: ``on_config`` loads and validates every data file (all errors at once, as one
``PluginError``); ``on_files`` adds the rendered pages as in-memory files (nothing is ever
written into the docs dir, which would make ``mkdocs serve`` rebuild in a loop);
``on_serve`` watches the data dir. What runs on the built HTML is not MkDocs' business:
``on_post_page`` / ``on_post_template`` pass each page through generator/finish.py, and
``on_post_build`` leaves it the search index. For ``mkdocs build`` the site is written to a
staging dir and only swapped in place of the previous site once the build has fully succeeded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import citation, kinds, urls
from .cache import project_cache
from .catalog import Catalog
from .catalog_cache import cached_catalog
from .errors import DataErrors
from .finish import Finisher, FinishError, FinishOptions, finish_site
from .pages import render_site, template_environment
from .performance import IMPORT_STARTED, StepClock
from .publish import PublicationError, Staging

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.generator")

_IMPORT_SECONDS = time.process_time() - IMPORT_STARTED
"""CPU time of loading the generator and what it needs that MkDocs had not loaded yet."""


class KnowledgeBaseConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn the generator off (the hand-written pages still build)."""
    data_dir = opt.Type(str, default="data")
    """Folder of the YAML data files, relative to mkdocs.yml."""
    build_date = opt.Optional(opt.Type(str))
    """ISO date used to tell whether a reported period has ended (default: today)."""
    repo_branch = opt.Type(str, default="main")
    """Branch whose data files « Modifier cette fiche » links point to (with repo_url)."""
    atomic_site = opt.Type(bool, default=True)
    """Build into a staging folder and replace the site only after a successful build."""
    search = opt.Choice(["pagefind", "none"], default="pagefind")
    """Site search: a Pagefind index built after the site (``none``: another search plugin,
    Material's lunr in the offline build, takes over)."""
    content_security_policy = opt.Type(bool, default=True)
    """A Content-Security-Policy <meta> on every page (generator/csp.py)."""
    kinds = opt.ListOfItems(opt.Type(str), default=[])
    """The project's own kinds of records: modules next to mkdocs.yml, each defining
    ``KIND`` and its ``pages(site)`` (see generator/kinds.py)."""
    profile = opt.Type(bool, default=False)
    """Log the CPU time of each of the generator's steps and the build's peak memory
    (« Générateur : … s de calcul … »), as ``benchmarks/run.py`` reads them."""


def _contact_email(config: MkDocsConfig) -> str:
    """``extra.contact_email`` of mkdocs.yml: where corrections and proposals go when the
    site has no repository (repo_url)."""
    address = str(config.extra.get("contact_email") or "").strip()
    if address and (address.count("@") != 1 or any(c in address for c in " <>\"'?&,;")):
        raise PluginError(
            f"mkdocs.yml : extra.contact_email « {address} » n'est pas une adresse e-mail.\n"
            "  Indice : une seule adresse, sans nom ni chevrons (equipe@example.org).")
    return address


SHOWN_FRONT_MATTER = ("title", "description", "author")
"""Front-matter values the theme prints into the page as they are (``{{ page.meta.title }}``
in <title> and the header): text, as a page's first heading is."""


def _escape_front_matter(page: Page) -> None:
    """Make the front matter the theme prints HTML-safe, as MkDocs makes a title taken from
    the first heading (its text with entities kept): a generated page's title comes from
    the data, and « </title><script>… » must stay text. Our <title> block unescapes then
    escapes again (theme/main.html), so nothing is escaped twice."""
    for key in SHOWN_FRONT_MATTER:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup(escape(value))


def _with_error_notice(inject: Callable[[bytes, int], bytes],
                       error: Callable[[], str | None]) -> Callable[[bytes, int], bytes]:
    """MkDocs' live-reload injection, plus a notice at the top of each page while the
    last rebuild has failed (the page shown is the last good build)."""

    def inject_with_notice(content: bytes, epoch: int) -> bytes:
        content = inject(content, epoch)
        message = error()
        body = content.find(b"<body")
        if message is None or body < 0:
            return content
        start = content.find(b">", body) + 1
        notice = Markup(_SERVE_NOTICE).format(message=message)
        return content[:start] + str(notice).encode() + content[start:]

    return inject_with_notice


_SERVE_NOTICE = (
    '<div role="alert" class="kb-serve-error" style="position:sticky;top:0;z-index:10;'
    'background:#b00020;color:#fff;padding:.8em 1em;font:14px/1.4 sans-serif">'
    "<strong>Aperçu non mis à jour : la dernière reconstruction a échoué.</strong> "
    "Cette page est celle de la dernière construction réussie. Corrigez l'erreur, "
    "la page se rechargera d'elle-même."
    '<pre style="white-space:pre-wrap;margin:.5em 0 0;color:#fff;background:none">'
    "{message}</pre></div>"
)


class _PreviewFile(File):
    """A generated file in a ``mkdocs serve --dirty`` rebuild. MkDocs asks each file whether
    it changed, and a file held in memory always says yes: this one says whether its
    content differs from the previous build's."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.catalog: Catalog | None = None
        self.data_dir: Path | None = None
        self.cache_dir: Path | None = None
        """``.cache/`` beside mkdocs.yml: compiled templates, charts, JSON Schemas."""
        self._staging: Staging | None = None
        self._complete = False
        self._serving = False
        self._build_error: Exception | None = None
        self.serve_error: str | None = None
        """Why the last `mkdocs serve` rebuild failed (the last good site is still served)."""
        self.finisher: Finisher | None = None
        """What runs on each built page and on the built site (generator/finish.py)."""
        self.citations: dict[str, list[citation.MetaTag]] = {}
        self.clock = StepClock(enabled=False)
        self._import_seconds = _IMPORT_SECONDS  # counted in the first build only
        self.dirty = False
        self._previous: tuple[int, dict[str, int]] | None = None
        """Last build's site-wide fingerprint and each generated file's content hash."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance alive across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty and command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # One per build: `mkdocs serve` rebuilds with this instance.
        self.clock = StepClock(enabled=self.config.profile, import_seconds=self._import_seconds)
        self._import_seconds = 0.0
        with self.clock("données"):
            return self._configure(config)

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        # First: a site that cannot be replaced stops the build before any work.
        if self.config.atomic_site and (self.command in {"build", "gh-deploy"} or self._serving):
            self._stage(config)
        self.data_dir = (root / self.config.data_dir).resolve()
        self.cache_dir = project_cache(root)
        try:
            kinds.load_project_kinds(self.config.kinds, root)
        except (ImportError, ValueError) as error:
            raise PluginError(f"mkdocs.yml, option kinds : {error}") from None
        build_date = (date.fromisoformat(self.config.build_date)
                      if self.config.build_date else date.today())
        try:
            self.catalog = cached_catalog(self.data_dir, root=root, build_date=build_date,
                                          nav=urls.nav_pages(config.nav),
                                          cache_dir=self.cache_dir)
        except DataErrors as errors:
            raise PluginError(errors.report()) from None
        # theme/main.html links the Atom feed from every page's <head>, when there is one.
        config.extra["changes_feed"] = urls.CHANGES_FEED if self.catalog.changes else None
        # Read by reference managers in each aid and case page's <head> (theme/main.html).
        self.citations = citation.page_metadata(self.catalog, site_name=config.site_name,
                                                site_url=config.site_url or "")
        # `mkdocs serve` injects its live-reload script inline into each page it serves,
        # with a per-build text no hash can allow: no policy on the preview.
        policy = self.config.content_security_policy and self.command != "serve"
        self.finisher = Finisher(self.catalog, FinishOptions(
            directory_urls=config.use_directory_urls,
            search=self.config.search == "pagefind",
            content_security_policy=policy,
            # The inline scripts the theme writes: the only ones a page may hold.
            theme_dirs=tuple(Path(folder) for folder in config.theme.dirs)))
        # Material's edit button (hand-written pages) must open the file on the configured
        # branch; without a repository there is nothing to edit (and no broken link).
        if config.repo_url:
            docs = Path(config.docs_dir).resolve()
            docs_in_repo = docs.relative_to(root) if docs.is_relative_to(root) else docs.name
            config.edit_uri = f"edit/{self.config.repo_branch}/{Path(docs_in_repo).as_posix()}/"
        else:
            config.edit_uri = None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.catalog is None:
            return None
        with self.clock("pages"):
            self._add_pages(files, config)
        return files

    def _add_pages(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalog is not None
        assert self.cache_dir is not None
        fingerprint = self._fingerprint(config) if self.dirty else 0
        # Content hash of each generated file in the previous `serve --dirty` build; none
        # (everything is rebuilt) if what every page depends on has changed since.
        previous = (self._previous[1] if self._previous and self._previous[0] == fingerprint
                    else {})
        digests: dict[str, int] = {}
        env = template_environment(self.cache_dir / "templates")
        for generated in render_site(self.catalog, env=env,
                                     site_name=config.site_name,
                                     site_url=config.site_url or "",
                                     repo_url=config.repo_url or "",
                                     repo_branch=self.config.repo_branch,
                                     contact_email=_contact_email(config),
                                     cache_dir=self.cache_dir,
                                     directory_urls=config.use_directory_urls):
            if files.get_file_from_path(generated.src_uri) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{generated.src_uri} existe déjà : cette page est générée "
                    "à partir des données. Renommez ou supprimez le fichier écrit à la main."
                )
            inclusion = InclusionLevel.INCLUDED if generated.in_nav else InclusionLevel.NOT_IN_NAV
            file = _PreviewFile.generated(
                config, generated.src_uri, content=generated.content, inclusion=inclusion)
            assert isinstance(file, _PreviewFile)  # File.generated makes an instance of cls
            if self.dirty:
                # The page's HTML is its Markdown, plus how it is marked for the search.
                search = (self.finisher.search.page(generated.src_uri)
                          if self.finisher and self.finisher.search else None)
                digest = digests[generated.src_uri] = hash((generated.content, search))
                file.unchanged = previous.get(generated.src_uri) == digest
            files.append(file)
        if self.dirty:
            self._previous = (fingerprint, digests)

    def _fingerprint(self, config: MkDocsConfig) -> int:
        """What every page's HTML depends on besides its own content: the glossary (linked
        into each page), the feed link in each <head>, the site's addresses."""
        assert self.catalog is not None
        return hash((tuple(term.model_dump_json() for term in self.catalog.terms.values()),
                     bool(self.catalog.changes), config.site_url, config.repo_url,
                     _contact_email(config),
                     config.use_directory_urls))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        if not self.dirty:
            return
        # A page a dirty build leaves alone is never read, and has no title in the
        # navigation of the pages it does rebuild: read (not render) the unread ones.
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
                _escape_front_matter(page)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        _escape_front_matter(page)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # A title from the first heading is already HTML-safe text: mark it so, or the
        # theme's « | e » (footer links) would escape it a second time.
        if page.title and not isinstance(page.title, Markup):
            page.title = Markup(page.title)
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        # TemplateContext types MkDocs' own keys only; the theme reads this one too.
        cast("dict[str, Any]", context)["kb_meta_tags"] = self.citations.get(
            page.file.src_uri, [])
        return context

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if not self.config.enabled:
            return server
        if self.data_dir is not None:
            server.watch(str(self.data_dir))
        # The first build has been published (`serve --clean` stages it like a build).
        self._finish_staging()
        # Rebuilds stage like `mkdocs build` (a dirty rebuild only rewrites what changed, so
        # it must write into the served site itself).
        self._serving = not self.dirty
        server.builder = self._keep_last_good_site(server.builder)
        server._inject_js_into_html = _with_error_notice(  # type: ignore[method-assign]
            server._inject_js_into_html, lambda: self.serve_error)
        return server

    def _keep_last_good_site(self, build: Callable[..., None]) -> Callable[..., None]:
        """MkDocs' own rebuild leaves every request waiting until the data is fixed: this
        one keeps serving the last good site, and says in each page why it is not updated."""

        def rebuild(config: MkDocsConfig | None = None) -> None:
            self._build_error = None
            try:
                build(config)
                self._finish_staging()
            except Exception as error:  # whatever stopped it: the last good site stays
                self._complete = False
                self._finish_staging()
                # MkDocs replaces a plugin's error by « Aborted with a BuildError! »
                cause = self._build_error or error
                self.serve_error = str(cause) or type(cause).__name__
                log.error("Reconstruction impossible : le dernier site construit reste servi "
                          "jusqu'à ce que l'erreur soit corrigée.\n%s", self.serve_error)
            else:
                self.serve_error = None

        return rebuild

    # ----------------------------------------------------------------- atomic publication

    def _stage(self, config: MkDocsConfig) -> None:
        try:
            self._staging = Staging.begin(Path(config.site_dir))
        except PublicationError as error:
            raise PluginError(f"Publication du site : {error}") from None
        self._complete = False
        config.site_dir = str(self._staging.folder)

    # Each page is finished as MkDocs writes it (it holds the page already, and `serve
    # --dirty` rewrites only some pages): finish_site() is then left the search index.

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return self._finish(output, page.file.dest_uri, page.file.src_uri)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        # Static templates (404.html) are pages too; sitemap.xml is not.
        if not template_name.endswith(".html"):
            return output_content
        return self._finish(output_content, template_name, template_name)

    def _finish(self, html: str, path: str, source: str) -> str:
        if self.finisher is None:
            return html
        with self.clock("finition des pages"):
            try:
                return self.finisher.page(html, path, source=source)
            except FinishError as error:
                raise PluginError(str(error)) from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.finisher is not None:
            # Indexed in the staging dir: a failed index fails the build, the site stays.
            # Published by _finish_staging, once MkDocs says the build has succeeded (with
            # --strict, a warning fails it after this hook).
            try:
                report = finish_site(Path(config.site_dir), self.finisher.catalog,
                                     self.finisher.options, finisher=self.finisher, pages=())
            except Exception as error:
                raise PluginError(f"Index de recherche (Pagefind) : {error}") from error
            if report.index is not None:
                log.info("Recherche : %d pages et %d fiches indexées en %.1f s (%d Kio).",
                         report.index.pages, report.index.records, report.index.seconds,
                         report.index.payload_bytes // 1024)
        profile = self.clock.report()
        if profile is not None:
            log.info(profile)
        self._complete = True

    def on_build_error(self, *, error: Exception) -> None:
        # Also called after on_post_build when --strict aborts on warnings.
        self._complete = False
        self._build_error = error

    def on_shutdown(self) -> None:
        self._finish_staging()

    def _finish_staging(self) -> None:
        """Publish the staged build if it succeeded, else throw it away."""
        staging, self._staging = self._staging, None
        if staging is None:
            return
        if not self._complete:
            staging.discard()
            log.error("Build échoué : le site précédent (%s) est resté intact.", staging.final)
            return
        try:
            staging.publish()
        except PublicationError as error:
            raise PluginError(f"Publication du site : {error}") from None
