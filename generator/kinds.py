"""The record kinds: what each data file holds, and everything the site derives from it.

A kind is one data file (``data/<name>.yaml``) of records of one model. Its entry says
where its records are published, how they are named, how the search shows them, which
module builds their pages and with which templates. URLs, titles, search, feed, catalogue
loading, open data and ``python -m generator new <kind>`` read this registry; none keeps a
list of kinds of its own.

Page builders are named by module (like entry points), not imported: the registry sits
below the catalogue and the pages, which read it, so nothing imports in a circle.

A project adds a kind with one module that defines ``KIND`` (a :class:`Kind`) and
``pages(site)``, its templates, and the module's name under the plugin's ``kinds`` option
in mkdocs.yml (see :func:`load_project_kinds`).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from . import urls
from .schema import AID_FACETS, RECORD_KINDS, RecordKind, SearchKind


@dataclass(frozen=True)
class SearchLabel:
    """How the search names a kind that the schema's :class:`SearchKind` does not list (a
    project's own kind): the value of its filter and its French label."""

    value: str
    label: str


def _name(record: Any) -> str:
    return str(record.name)


@dataclass(frozen=True)
class Kind:
    """One data file of records and what the site makes of them."""

    name: str
    """Stem of the data file (``aids`` → data/aids.yaml), key of the catalogue's records,
    of references (``Ref("aids")``) and of the open data exports (donnees/aids.json)."""
    record: RecordKind
    """The model of its records and their French names."""
    command: str
    """Its name for ``python -m generator new`` (« aid »)."""
    optional: bool = True
    """Whether the file may be absent (a site can start with aids and sources only)."""
    reserved_ids: frozenset[str] = frozenset()
    """Ids its records may not take: the names of listing pages next to their pages."""
    url: Callable[[str], str] | None = None
    """Source file of a record's page, ``#anchor`` included when records share one page;
    None for records with no page (the reports)."""
    title: Callable[[Any], str] = _name
    """How a record is named in lists of links and in the feed."""
    search: SearchKind | SearchLabel | None = None
    """What its records are in the search: the result's kind, shown and offered as a filter.
    Records with a page of their own are indexed with it; records sharing one page (terms,
    recommendations) one by one, with the ``search_entry`` their page module defines."""
    search_listings: tuple[str, ...] = ()
    """Listing pages the search shows as records of this kind (the profiles' page)."""
    pages: str | None = None
    """Module that builds its pages: ``pages(site)`` yields every file they make; optional
    hooks ``search_page(record)`` and ``search_entry(record)`` refine how they are indexed."""
    templates: tuple[str, ...] = ()
    """The templates its pages are rendered from."""
    template_folder: Path | None = None
    """Where those templates are when they are not the package's (a project's kind)."""
    nav_pages: tuple[str, ...] = ()
    """Its pages that a site's menu may name: such a menu needs the data file."""

    @property
    def data_file(self) -> str:
        """The data file's name in the data folder."""
        return f"{self.name}.yaml"

    @property
    def shares_pages(self) -> bool:
        """Whether its records are anchors on shared pages rather than pages of their own."""
        return self.url is not None and "#" in self.url("x")

    def module(self) -> ModuleType | None:
        """The module that builds its pages (imported on first use)."""
        return importlib.import_module(self.pages) if self.pages else None


def _anchor(page: str) -> Callable[[str], str]:
    return lambda record_id: f"{page}#{record_id}"


def _builtin(name: str, command: str, **declared: Any) -> Kind:
    return Kind(name, RECORD_KINDS[name], command, **declared)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    _builtin("sources", "source", optional=False),
    _builtin(
        "aids", "aid", optional=False, url=urls.aid, search=SearchKind.AID,
        # Group pages live at /aides/<facet slug>/…: an aid may not take one of those names.
        reserved_ids=frozenset(facet.slug for facet in AID_FACETS)
        | {"index", "catalogue", "a-propos", "proposer"},
        pages="generator.pages.aids",
        templates=("catalogue.md.j2", "group.md.j2", "propose.md.j2", "aid.md.j2",
                   "_aid_item.md.j2", "_aid_facts.md.j2", "_filters.md.j2", "_list.md.j2")),
    _builtin(
        "cases", "case", url=urls.case, search=SearchKind.CASE,
        reserved_ids=frozenset({"index", "analyse"}), pages="generator.pages.cases",
        templates=("cases.md.j2", "case.md.j2", "_case_item.md.j2"),
        nav_pages=(urls.CASES, urls.CASES_ANALYSIS)),
    _builtin(
        "glossary", "term", url=_anchor(urls.GLOSSARY), title=lambda term: term.term,
        search=SearchKind.TERM, pages="generator.pages.glossary",
        templates=("glossary.md.j2",), nav_pages=(urls.GLOSSARY,)),
    _builtin(
        "recommendations", "recommendation", url=_anchor(urls.RECOMMENDATIONS),
        title=lambda reco: f"{reco.id.upper()} — {reco.text}",
        search=SearchKind.RECOMMENDATION, pages="generator.pages.recommendations",
        templates=("recommendations.md.j2",), nav_pages=(urls.RECOMMENDATIONS,)),
    _builtin(
        "profiles", "profile", url=urls.profile, search=SearchKind.PROFILE,
        reserved_ids=frozenset({"index", "autodiagnostic"}), search_listings=(urls.PROFILES,),
        pages="generator.pages.profiles",
        templates=("profiles.md.j2", "profile.md.j2", "self_assessment.md.j2"),
        nav_pages=(urls.PROFILES, urls.SELF_ASSESSMENT)),
    _builtin(
        "changes", "change", url=_anchor(urls.CHANGES), pages="generator.pages.changes",
        templates=("changes.md.j2", "_changes.md.j2"), nav_pages=(urls.CHANGES,)),
    _builtin(
        "paths", "step", url=urls.path_result, title=lambda step: step.title,
        search=SearchKind.PATH_RESULT, pages="generator.pages.decision_path",
        templates=("path_step.md.j2", "path_result.md.j2", "path_results.md.j2",
                   "path_diagram.md.j2", "_path_answers.md.j2", "_path_other_needs.md.j2",
                   "_path_result.md.j2"),
        nav_pages=(urls.PATH, urls.PATH_RESULTS, urls.PATH_DIAGRAM)),
)}
"""Every kind, in the order of the data: validation counts, open data, JSON Schemas."""

PAGE_FAMILIES: list[str] = [
    "generator.pages.aids", "generator.pages.cases", "generator.pages.glossary",
    "generator.pages.recommendations", "generator.pages.survey", "generator.pages.profiles",
    "generator.pages.decision_path", "generator.pages.changes", "generator.pages.opendata",
]
"""Modules that build the site's pages, in the order the files are made (the sitemap's):
the kinds' page modules and two families that are not kinds of records, the survey
(data/survey/) and open data (every kind's exports), which stays last."""


def register(kind: Kind) -> None:
    """Add a kind (or replace the one of that name): its pages come before open data."""
    KINDS[kind.name] = kind
    if kind.pages and kind.pages not in PAGE_FAMILIES:
        PAGE_FAMILIES.insert(len(PAGE_FAMILIES) - 1, kind.pages)


def load_project_kinds(modules: Iterable[str], folder: Path) -> list[Kind]:
    """Import a project's kind modules (named in mkdocs.yml, found in ``folder``, the
    project's) and register the ``KIND`` each defines."""
    found = []
    if modules and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    for name in modules:
        kind = getattr(importlib.import_module(name), "KIND", None)
        if not isinstance(kind, Kind):
            raise ValueError(f"le module {name} ne définit pas KIND = Kind(…)")
        register(kind)
        found.append(kind)
    return found


def page_families() -> list[Callable[[Any], Iterable[Any]]]:
    """The ``pages(site)`` builder of each page family, in order."""
    return [importlib.import_module(name).pages for name in PAGE_FAMILIES]


def by_command(command: str) -> Kind:
    return next(kind for kind in KINDS.values() if kind.command == command)


def record_url(kind: str, record_id: str) -> str:
    """The page (and anchor) that shows a record of any kind."""
    url = KINDS[kind].url if kind in KINDS else None
    if url is None:
        raise ValueError(f"no page for records of kind {kind!r}")
    return url(record_id)


def title(kind: str, record: Any) -> str:
    """How a record of ``kind`` is named in lists of links."""
    return KINDS[kind].title(record)


def template_folders() -> list[Path]:
    """Folders of the templates of projects' kinds, searched after the package's."""
    return [kind.template_folder for kind in KINDS.values() if kind.template_folder]
