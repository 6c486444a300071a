"""Render the catalogue into Markdown pages (and data files), without MkDocs.

Templates hold the markup; this module chooses what goes where. Every value printed with
``{{ … }}`` is escaped for Markdown by default (see :func:`markdown_escape`), so text from
the YAML files is shown as text and can never become markup, a link or a script.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import assessment, dates, export, feed, opendata, search, spreadsheet, survey, urls
from .brief import brief
from .cache import CompiledTemplates
from .catalog import Catalog, RecordKey, grouped
from .decision_path import (
    DIAGRAM_TITLE,
    DecisionPath,
    Walk,
    coverage,
    diagram_description,
    diagram_svg,
)
from .jsonld import JsonLd, script_json
from .schema import (
    AID_FACETS,
    CASE_FACETS,
    PATH_SECTIONS,
    RECORD_KINDS,
    Aid,
    Basis,
    BrusselsAccess,
    Case,
    Facet,
    Option,
    OtherSourceKind,
    PathStep,
    Recommendation,
    SurveyTheme,
    SurveyUnit,
    Term,
    Vocabulary,
)

T = TypeVar("T")

GROUP_PAGE_SIZE = 100
"""Records per static group page: pages stay light however large the catalogue grows."""

INLINE_LIMIT = 500
"""Up to this many records, /aides/ also lists every record for readers without JavaScript."""

CATALOGUE_ORDER_NOTE = (
    "D'abord ce qu'une ASBL bruxelloise peut utiliser, puis le reste : ordre choisi par ce "
    "site d'après l'accès indiqué sur chaque fiche.")


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site that exists only in memory (never written into ``content/``)."""

    src_uri: str
    content: str | bytes
    in_nav: bool = False


# --------------------------------------------------------------------------- escaping

_MARKDOWN_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character


def _backslashed(match: re.Match[str]) -> str:
    # A function, not a replacement template nor str.translate: they are 2 and 5 times
    # slower on French text (translate misses a lookup on every other character), and
    # markdown_escape runs for every value of every page.
    return "\\" + match.group()


def markdown_escape(value: object) -> str:
    """Plain text → Markdown that renders exactly that text.

    Every ASCII punctuation character is backslash-escaped (``pymdownx.escapeall`` makes
    that valid for all of them), so no Markdown or HTML construct can start; runs of white
    space, new lines included, collapse to one space so that text cannot open a block.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return _escaped(str(value))


# Most values printed are repeated (a report's title and section on each of its aids'
# pages, vocabulary labels): 85 % of the calls at 1,000 aids. Bounded: memory stays flat.
@lru_cache(maxsize=8192)
def _escaped(text: str) -> str:
    text = " ".join(text.split())  # white space runs → one space, ends stripped
    return _MARKDOWN_SPECIAL.sub(_backslashed, text)


# Characters a query value keeps as they are (a space becomes « + »): letters, digits, « _.~- ».
_QUOTED_RUNS = re.compile(r"[^A-Za-z0-9_.~ -]+")


def query_value(text: str) -> str:
    """``urllib.parse.quote_plus(text)``: the same text, with only the runs that need it passed
    to ``quote``. quote_plus itself encodes byte by byte in Python: on an aid page, its
    correction link (the record's current values) took a seventh of the page's time."""
    return _QUOTED_RUNS.sub(lambda run: quote(run.group(), safe=""), text).replace(" ", "+")


def query_string(values: dict[str, str]) -> str:
    """``urllib.parse.urlencode(values)`` for text values."""
    return "&".join(f"{query_value(name)}={query_value(value)}" for name, value in values.items())


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link with its subject and body (RFC 6068: spaces as %20, never « + »);
    without ``address``, the mail program opens with an empty « To »."""
    return (f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
            f"&body={quote(body, safe='')}")


def html_escape(value: object) -> Markup:
    """Text → HTML for a raw HTML block or attribute. White space runs, new lines included,
    collapse to one space (as in markdown_escape): a blank line in a value would end the
    HTML block, and what follows would be read as Markdown (a link, a heading)."""
    if isinstance(value, Markup):
        return value
    # Square brackets as character references: a value printed inside inline HTML in a
    # Markdown paragraph (« <a …>Site officiel<span>{{ name|html }}</span></a> ») is still
    # read as Markdown, and « [clic](https://…) » in a name made a link there.
    return Markup(str(escape(" ".join(str(value).split()))).translate(_BRACKETS))


_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})


def french_date(value: date) -> str:
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


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
    reused (see :class:`cache.CompiledTemplates`): compiling all of them takes 0.25 s."""
    cache = None
    if project_cache is not None:
        # A function's name, not its address; the Jinja version, whose runtime the compiled
        # code calls.
        settings = repr((jinja2.__version__, sorted(
            (name, getattr(value, "__qualname__", value))
            for name, value in _TEMPLATE_SETTINGS.items())))
        cache = CompiledTemplates(project_cache, settings.encode())
    env = Environment(loader=PackageLoader("generator", "templates"), bytecode_cache=cache,
                      **_TEMPLATE_SETTINGS)
    env.filters["french_date"] = french_date
    env.filters["published_date"] = dates.french  # « 2025 », « juin 2025 »: as published
    # In raw HTML blocks Markdown escapes are not interpreted: use HTML escaping there.
    env.filters["html"] = html_escape
    return env


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


# --------------------------------------------------------------------------- pages


def paginate(items: Sequence[T], size: int) -> Iterator[tuple[int, int, Sequence[T]]]:
    """``(page number, page count, items)`` for each page; one page when empty."""
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        yield number, count, items[(number - 1) * size : number * size]


class SiteRenderer:
    """Renders every generated file of the site from one catalogue."""

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
        self.chart_cache = cache_dir / "charts" if cache_dir else None
        self.schema_cache = cache_dir / "schemas" if cache_dir else None
        self._aid_items: dict[tuple[str, str], Markup] = {}

    def render(self) -> list[GeneratedFile]:
        files = [self.catalogue_page(), self.propose_page()]
        files.extend(self.group_pages())
        files.extend(self.aid_page(aid) for aid in self.catalog.aids.values())
        files.append(GeneratedFile(urls.CATALOGUE_INDEX, export.catalogue_index(self.catalog)))
        files.append(GeneratedFile(urls.SEARCH_WORDS, search.search_words(self.catalog)))
        if self.catalog.cases:
            files.append(self.cases_page())
            files.extend(self.case_page(case) for case in self.catalog.cases.values())
            files.append(GeneratedFile(urls.CASES_INDEX, export.cases_index(self.catalog)))
        if self.catalog.terms:
            files.append(self.glossary_page())
        if self.catalog.recommendations:
            files.append(self.recommendations_page())
        if self.catalog.survey:
            files.extend(self.survey_files())
        if self.catalog.profiles:
            files.extend(self.profile_pages())
        if self.catalog.path is not None:
            files.extend(self.path_pages(self.catalog.path))
        if self.catalog.changes:
            files.append(GeneratedFile(urls.CHANGES, self._render(
                "changes.md.j2", urls.CHANGES, changes=self.catalog.changes,
                feed_src=urls.CHANGES_FEED), in_nav=True))
            files.append(GeneratedFile(urls.CHANGES_FEED, feed.atom_feed(
                self.catalog, site_name=self.site_name, site_url=self.site_url)))
        files.extend(self.open_data_files())
        return files

    # ------------------------------------------------------------------ helpers

    def _render(self, template: str, src_uri: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            catalog=self.catalog,
            Access=BrusselsAccess,
            Basis=Basis,
            OtherKind=OtherSourceKind,
            link=self._linker(src_uri),
            aid_url=urls.aid,
            case_url=urls.case,
            record_url=urls.record,
            title_of=self.title_of,
            cited_by_of=self.catalog.cited_by,
            kind_labels={kind: info.label for kind, info in RECORD_KINDS.items()},
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

    def contribution_links(self, kind: str, record: Any, fields: dict[str, Any]) -> dict[str, str]:
        """« Signaler une erreur » (the forge's correction form, or else an e-mail to the
        site's contact, pre-filled with the record, its page and its current values) and
        « Modifier cette fiche » (its first line in the data file, on the forge only);
        empty when the site declares neither a forge nor a contact."""
        page = urls.published(urls.record(kind, record.id))
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

    def survey_files(self) -> Iterator[GeneratedFile]:
        tables = self.catalog.survey
        report = self.catalog.source(tables[0].meta.source.report)
        themes = [(theme, members) for theme, members in grouped(
            Facet("theme", "Thème", "theme", SurveyTheme), [t.meta for t in tables]).items()]
        by_id = {table.meta.id: table for table in tables}
        yield GeneratedFile(urls.SURVEY, self._render(
            "survey.md.j2", urls.SURVEY, report=report, theme_url=urls.survey_theme,
            themes=[(theme, [by_id[m.id] for m in members]) for theme, members in themes],
        ), in_nav=True)
        for theme, members in themes:
            src = urls.survey_theme(theme)
            yield GeneratedFile(src, self._render(
                "survey_theme.md.j2", src, report=report, theme=theme,
                summary=self.catalog.survey_summaries.get(theme),
                tables=[by_id[m.id] for m in members], survey_url=urls.SURVEY,
                file_src=urls.survey_file,
                # Raw HTML links, not rewritten by MkDocs: relative to the published page.
                file_href=lambda table_id, ext, src=src: urls.href(
                    src, urls.survey_file(table_id, ext), directory_urls=self.directory_urls),
                html_of=lambda table: Markup(survey.table_html(table)),
                description_of=survey.chart_description,
            ))
        for table in tables:
            yield GeneratedFile(urls.survey_file(table.meta.id, "csv"), table.download())
            page = urls.published(urls.survey_theme(table.meta.theme)) + f"#{table.meta.id}"
            yield GeneratedFile(urls.survey_file(table.meta.id, "xlsx"), spreadsheet.survey_table(
                table, self.catalog.source(table.meta.source.report), site_name=self.site_name,
                page_url=self.site_url + page if self.site_url else ""))
            yield GeneratedFile(urls.survey_file(table.meta.id, "svg"),
                                survey.chart_svg(table, self.chart_cache))
            yield GeneratedFile(urls.survey_file(table.meta.id, "phone.svg"),
                                survey.chart_svg(table, self.chart_cache, phone=True))

    def profile_pages(self) -> Iterator[GeneratedFile]:
        profiles = self.catalog.profiles
        clustered = sum(profile.count for profile in profiles)
        report = self.catalog.source(profiles[0].sources[0].report)
        tables = {table.meta.id: table for table in self.catalog.survey}
        typology_url = urls.survey_theme(SurveyTheme.TYPOLOGY)
        rows = []
        for profile in profiles:
            rows.append({
                "profile": profile,
                "share": survey.french_number(100 * profile.count / clustered, SurveyUnit.PERCENT),
                "priority": survey.profile_value(tables.get("tab03-positioning"),
                                                 profile.column, 0),
                "needs": survey.top_rows(tables.get("tab03-needs"), profile.column, 3),
            })
        yield GeneratedFile(urls.PROFILES, self._render(
            "profiles.md.j2", urls.PROFILES, rows=rows, clustered=clustered, report=report,
            profile_url=urls.profile, typology_url=typology_url,
            assessment_url=urls.SELF_ASSESSMENT), in_nav=True)
        for profile in profiles:
            src = urls.profile(profile.id)
            yield GeneratedFile(src, self._render(
                "profile.md.j2", src, profile=profile, clustered=clustered,
                typology_url=typology_url, profiles_url=urls.PROFILES,
                results=[self.catalog.steps[step_id]
                         for step_id in profile.path_results],
                result_url=urls.path_result, start_url=urls.PATH,
                assessment_url=urls.SELF_ASSESSMENT))
        yield self.self_assessment_page(profiles, clustered, typology_url)

    def self_assessment_page(self, profiles: list[Any], clustered: int,
                             typology_url: str) -> GeneratedFile:
        src = urls.SELF_ASSESSMENT
        blocks = assessment.questionnaire(self.catalog.survey, profiles)

        def href(target_src: str) -> str:
            # Links built by the script: relative to the published page, like a browser sees.
            return urls.href(src, target_src, directory_urls=self.directory_urls)

        data = assessment.assessment_json(blocks, [{
            "column": profile.column, "name": profile.name, "url": href(urls.profile(profile.id)),
            "recommendations": [{"text": self.catalog.recommendations[r].text,
                                 "url": href(urls.record("recommendations", r))}
                                for r in profile.recommendations],
            "results": [{"text": self.catalog.steps[r].title,
                         "url": href(urls.path_result(r))} for r in profile.path_results],
        } for profile in profiles])
        return GeneratedFile(src, self._render(
            "self_assessment.md.j2", src, profiles=profiles, blocks=blocks, clustered=clustered,
            data=Markup(data), likert=assessment.LIKERT, profile_url=urls.profile,
            block_id=assessment.block_id,
            close_margin=survey.french_number(assessment.CLOSE_MARGIN, SurveyUnit.MEAN_7),
            profiles_url=urls.PROFILES,
            typology_url=typology_url, path_href=href(urls.PATH),
            report=self.catalog.source(profiles[0].sources[0].report),
        ), in_nav=True)

    @cached_property
    def jsonld(self) -> JsonLd:
        return JsonLd(self.catalog, site_name=self.site_name, site_url=self.site_url)

    def open_data_files(self) -> Iterator[GeneratedFile]:
        """/donnees/: every data set as JSON and CSV, its JSON Schema, the fields' page."""
        sets = opendata.datasets(self.catalog, self.site_url)
        for dataset in sets:
            yield GeneratedFile(urls.open_data(dataset.name, "json"), dataset.json())
            yield GeneratedFile(urls.open_data(dataset.name, "csv"), dataset.csv())
            yield GeneratedFile(urls.open_data(dataset.name, "xlsx"),
                                dataset.xlsx(self.catalog, self.site_name))
        for name, text in opendata.published_schemas(sets, self.schema_cache).items():
            yield GeneratedFile(urls.open_data_schema(name), text)
        yield GeneratedFile(urls.OPEN_DATA_INDEX,
                            opendata.index(self.catalog, sets, self.site_url))
        cited_in = {report: [d.title for d in sets if report in d.reports]
                    for report in self.catalog.sources}
        links = {"file_src": urls.open_data, "schema_src": urls.open_data_schema,
                 "fields_src": urls.OPEN_DATA_FIELDS, "open_data_src": urls.OPEN_DATA}
        # Listed in mkdocs.yml's nav, but NOT_IN_NAV so that a site whose nav leaves them
        # out (a small test project) still builds without warnings.
        yield GeneratedFile(urls.OPEN_DATA, self._render(
            "opendata.md.j2", urls.OPEN_DATA, datasets=sets, reports=self.catalog.sources.values(),
            cited_in=cited_in, survey=self.catalog.survey, survey_file=urls.survey_file,
            licence=opendata.LICENCE, licence_note=opendata.LICENCE_NOTE,
            index_src=urls.OPEN_DATA_INDEX,
            changes_src=urls.CHANGES if self.catalog.changes else "",
            feed_src=urls.CHANGES_FEED,
            # Aids may all come from official sites (other_sources), a data set from none.
            no_report=defaultdict(lambda: "(sources hors des rapports)",
                                  sources="(les rapports eux-mêmes)", changes="(journal du site)"),
            **links))
        yield GeneratedFile(urls.OPEN_DATA_FIELDS, self._render(
            "fields.md.j2", urls.OPEN_DATA_FIELDS,
            datasets=[(dataset, opendata.field_docs(dataset.model)) for dataset in sets],
            vocabularies=opendata.vocabularies(sets), required_label=opendata.required_label,
            vocabulary_anchor=lambda vocabulary: f"vocabulaire-{vocabulary.__name__.lower()}",
            **links))

    def _changes_of(self, kind: str, record_id: str) -> list[Any]:
        keys = {key.id for key in self.catalog.cited_by(kind, record_id) if key.kind == "changes"}
        return [change for change in self.catalog.changes if change.id in keys]

    def title_of(self, key: RecordKey) -> str:
        """How a record is named in lists of links."""
        record = self.catalog.get(key)
        if key.kind == "glossary":
            return record.term
        if key.kind == "recommendations":
            return f"{record.id.upper()} — {record.text}"
        if key.kind == "paths":
            return record.title
        return record.name

    # ------------------------------------------------------------------ aids

    @cached_property
    def aid_groups(self) -> list[tuple[Facet, dict[Option, list[Aid]]]]:
        """Each catalogue filter with its groups: computed once for the catalogue page and
        the static group pages (each grouping sorts every aid)."""
        return [(facet, self.catalog.groups(facet)) for facet in AID_FACETS]

    def aid_items(self, src_uri: str) -> Callable[[Aid], Markup]:
        """``aid_item(aid)`` for the lists of the page built from ``src_uri``: one call from
        the template per entry (a list holds up to a hundred)."""
        def aid_item(aid: Aid) -> Markup:
            return self.aid_item(aid, Markup(urls.relative(src_uri, urls.aid(aid.id))))

        return aid_item

    def aid_item(self, aid: Aid, href: str) -> Markup:
        """An aid's entry in a list (``_aid_item.md.j2``) linking to ``href``.

        Each aid appears on about ten group pages, and its entry only depends on the link,
        which is the same from every page at the same depth: render it once per link.
        """
        key = (aid.id, href)
        item = self._aid_items.get(key)
        if item is None:
            item = Markup(self.env.get_template("_aid_item.md.j2").render(
                aid=aid, href=href, catalog=self.catalog).removesuffix("\n"))  # lists add it
            self._aid_items[key] = item
        return item

    def catalogue_page(self) -> GeneratedFile:
        content = self._render(
            "catalogue.md.j2",
            urls.CATALOGUE,
            facets=self.aid_groups,
            by_group=(self.catalog.ranked_groups() if len(self.catalog.aids) <= INLINE_LIMIT
                      else {}),
            order_note=CATALOGUE_ORDER_NOTE,
            group_url=urls.group,
            index_url=urls.relative(urls.CATALOGUE, urls.CATALOGUE_INDEX),
            about_url=urls.ABOUT_AIDS,
            propose_url=urls.PROPOSE_AID,
            path_url=urls.PATH if self.catalog.path is not None else None,
            total=len(self.catalog.aids),
            search_label="Rechercher par nom ou opérateur",
            ended_filter=True,
            aid_item=self.aid_items(urls.CATALOGUE),
        )
        return GeneratedFile(urls.CATALOGUE, content, in_nav=True)

    def propose_page(self) -> GeneratedFile:
        form = (f"{self.repo_url}/issues/new?template=new-aid.yml" if self.repo_url else "")
        # Whatever is configured, the page ends in a way to send a proposal: the forge's
        # form, or an e-mail ready to send (to the contact, if the site declares one).
        body = ("Nom du dispositif :\nOrganisme qui le gère ou le finance :\n"
                "Ce qu'il finance ou apporte :\nPour qui, à quelles conditions :\n"
                "Montant :\nPériode :\nLien officiel (et date de consultation) :\n")
        return GeneratedFile(urls.PROPOSE_AID, self._render(
            "propose.md.j2", urls.PROPOSE_AID, new_aid_url=form, changes_url=urls.CHANGES,
            contact_email=self.contact_email, proposal_body=body,
            proposal_mail=mailto(self.contact_email, "Proposer une aide manquante", body),
        ), in_nav=True)

    def group_pages(self) -> Iterator[GeneratedFile]:
        for facet, groups in self.aid_groups:
            for value, aids in groups.items():
                yield from self._group_pages(facet, value, aids)

    def _group_pages(self, facet: Facet, value: Option, aids: list[Aid]) -> Iterator[GeneratedFile]:
        for number, count, page_aids in paginate(aids, GROUP_PAGE_SIZE):
            src = urls.group(facet, value, number)
            yield GeneratedFile(src, self._render(
                "group.md.j2",
                src,
                facet=facet,
                value=value,
                aids=page_aids,
                total=len(aids),
                page=number,
                page_count=count,
                page_url=lambda n, f=facet, v=value: urls.group(f, v, n),
                catalogue_url=urls.CATALOGUE,
                aid_item=self.aid_items(src),
            ))

    def aid_page(self, aid: Aid) -> GeneratedFile:
        src = urls.aid(aid.id)
        current = {"name": aid.name, "operator": aid.operator, "amount": aid.amount,
                   "period": aid.period, "status_reported": aid.status_reported, "url": aid.url,
                   "last_verified": aid.last_verified}
        content = self._render(
            "aid.md.j2",
            src,
            aid=aid,
            contribute=self.contribution_links("aids", aid, current),
            brief=brief(self.catalog, aid),
            related=self.catalog.related(aid),
            cited_by=[key for key in self.catalog.cited_by("aids", aid.id)
                      if key.kind not in {"aids", "changes"}],
            changes=self._changes_of("aids", aid.id),
            catalogue_url=urls.CATALOGUE,
            group_url=urls.group,
            facets={facet.field: facet for facet in AID_FACETS},
            jsonld=Markup(script_json(self.jsonld.aid(aid))),
        )
        return GeneratedFile(src, content)

    # ------------------------------------------------------------------ cases

    def cases_page(self) -> GeneratedFile:
        cases = list(self.catalog.cases.values())
        content = self._render(
            "cases.md.j2",
            urls.CASES,
            cases=cases,
            report=self.catalog.source(cases[0].sources[0].report),
            facets=[(facet, grouped(facet, cases)) for facet in CASE_FACETS],
            index_url=urls.relative(urls.CASES, urls.CASES_INDEX),
            analysis_url=urls.CASES_ANALYSIS,
            total=len(cases),
            search_label="Rechercher par nom ou résumé",
            ended_filter=False,
            order_note="",
        )
        return GeneratedFile(urls.CASES, content, in_nav=True)

    def case_page(self, case: Case) -> GeneratedFile:
        src = urls.case(case.id)
        current = {"name": case.name, "summary": case.summary, "cost": case.project.cost}
        content = self._render(
            "case.md.j2",
            src,
            case=case,
            contribute=self.contribution_links("cases", case, current),
            cited_by=[key for key in self.catalog.cited_by("cases", case.id)
                      if key.kind != "changes"],
            changes=self._changes_of("cases", case.id),
            cases_url=urls.CASES,
            analysis_url=urls.CASES_ANALYSIS,
            jsonld=Markup(script_json(self.jsonld.case(case))),
        )
        return GeneratedFile(src, content)

    # ------------------------------------------------------------------ decision path

    def path_pages(self, path: DecisionPath) -> Iterator[GeneratedFile]:
        """The start page and every walk (one static page per sequence of answers), each
        result on its own citable page, the list of results and the diagram."""
        common = {"path": path, "start_url": urls.PATH, "results_url": urls.PATH_RESULTS,
                  "diagram_url": urls.PATH_DIAGRAM, "result_url": urls.path_result,
                  "catalogue_url": urls.CATALOGUE}
        for walk in path.walks:
            src = urls.path_walk(walk.segments)
            low, high = path.remaining(walk.step)
            yield GeneratedFile(src, self._render(
                "path_step.md.j2", src, walk=walk, step=walk.step, **common,
                number=len(walk.answers) + 1, remaining=(low, high),
                # Raw HTML attribute: relative to the published page, not to the source file.
                start_href=urls.href(src, urls.PATH, directory_urls=self.directory_urls),
                changes=[[(answer, urls.path_walk(path.change(walk, index, answer).segments),
                           answer.id == given.id) for answer in asked.answers]
                         for index, (asked, given) in enumerate(walk.answers)],
                next_url=lambda answer, walk=walk: urls.path_walk((*walk.segments, answer.id)),
                sections=self._path_sections(walk.step),
                needs=self._other_needs(path, walk, src),
            ), in_nav=not walk.answers)
        for result in path.results:
            src = urls.path_result(result.id)
            yield GeneratedFile(src, self._render(
                "path_result.md.j2", src, result=result, **common,
                checked=path.checked_on_every_walk(result),
                example=next(iter(path.walks_to(result)), None),
                walk_url=lambda walk: urls.path_walk(walk.segments),
                sections=self._path_sections(result),
            ))
        yield GeneratedFile(urls.PATH_RESULTS, self._render(
            "path_results.md.j2", urls.PATH_RESULTS, **common,
            coverage=coverage(path, self.catalog.aids)), in_nav=True)
        yield GeneratedFile(urls.PATH_DIAGRAM, self._render(
            "path_diagram.md.j2", urls.PATH_DIAGRAM, **common,
            svg_url=urls.PATH_DIAGRAM_SVG,
            title=DIAGRAM_TITLE, description=diagram_description(path)), in_nav=True)
        yield GeneratedFile(urls.PATH_DIAGRAM_SVG, diagram_svg(path, self.chart_cache))

    def _other_needs(self, path: DecisionPath, walk: Walk, src: str) -> dict[str, Any] | None:
        """« Un autre besoin ? » on a result: each other need, its page (answers carried
        over) and, for the script that remembers results seen in the tab, the address of the
        walk up to each need (raw attributes: relative to the published page)."""
        found = path.other_needs(walk)
        if found is None:
            return None
        here, others = found

        def need_href(need: Walk) -> str:
            return urls.href(src, urls.path_walk(need.segments),
                             directory_urls=self.directory_urls)

        return {"here": need_href(here),
                "others": [(answer, need_href(need), urls.path_walk(target.segments), target)
                           for answer, need, target in others]}

    def _path_sections(self, step: PathStep) -> list[tuple[str, list[tuple[Any, Aid]]]]:
        """Each list of a result with its aids: ``(section, [(item, aid), …])``."""
        if step.is_question:
            return []
        return [(section, [(item, self.catalog.aids[item.id]) for item in getattr(step, section)])
                for section in PATH_SECTIONS if getattr(step, section)]

    # ------------------------------------------------------------------ glossary, recommendations

    def glossary_page(self) -> GeneratedFile:
        letters: dict[str, list[Term]] = {}
        for term in sorted(self.catalog.terms.values(), key=lambda t: _sort_text(t.term)):
            letters.setdefault(_sort_text(term.term)[:1].upper() or "#", []).append(term)
        reports = {ref.report for term in self.catalog.terms.values() for ref in term.sources}
        content = self._render(
            "glossary.md.j2", urls.GLOSSARY, letters=list(letters.items()),
            reports=sorted((self.catalog.source(r) for r in reports), key=lambda s: s.date),
        )
        return GeneratedFile(urls.GLOSSARY, content, in_nav=True)

    def recommendations_page(self) -> GeneratedFile:
        by_report: dict[str, dict[Any, dict[Any, list[Recommendation]]]] = {}
        for reco in self.catalog.recommendations.values():
            report = reco.sources[0].report
            by_report.setdefault(report, {}).setdefault(reco.theme, {}).setdefault(
                reco.audience, []).append(reco)
        ordered = [
            (self.catalog.source(report),
             [(theme, sorted(audiences.items(), key=lambda item: _position(item[0])))
              for theme, audiences in sorted(themes.items(), key=lambda item: _position(item[0]))])
            # The field cahier, with most recommendations, first.
            for report, themes in sorted(by_report.items(), key=lambda item: -sum(
                len(recos) for audiences in item[1].values() for recos in audiences.values()))
        ]
        content = self._render("recommendations.md.j2", urls.RECOMMENDATIONS, by_report=ordered)
        return GeneratedFile(urls.RECOMMENDATIONS, content, in_nav=True)


def _position(member: Vocabulary) -> int:
    return list(type(member)).index(member)


def _sort_text(text: str) -> str:
    """Alphabetical key that ignores accents and case: « Éthique » sorts under E."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def render_site(catalog: Catalog, **options: Any) -> list[GeneratedFile]:
    """Every generated file; ``options`` are :class:`SiteRenderer`'s keyword arguments."""
    return SiteRenderer(catalog, **options).render()
