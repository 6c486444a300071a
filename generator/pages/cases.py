"""Case studies: the listing (/cas/), one page per case and the listing's JSON index."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from .. import export, urls
from ..catalog import grouped
from ..jsonld import script_json
from ..schema import CASE_FACETS, Case
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    if not site.catalog.cases:
        return
    yield cases_page(site)
    yield from (case_page(site, case) for case in site.catalog.cases.values())
    yield GeneratedFile(urls.CASES_INDEX, export.cases_index(site.catalog))


def cases_page(site: SiteRenderer) -> GeneratedFile:
    cases = list(site.catalog.cases.values())
    content = site.render_template(
        "cases.md.j2",
        urls.CASES,
        cases=cases,
        report=site.catalog.source(cases[0].sources[0].report),
        facets=[(facet, grouped(facet, cases)) for facet in CASE_FACETS],
        index_url=urls.relative(urls.CASES, urls.CASES_INDEX),
        analysis_url=urls.CASES_ANALYSIS,
        total=len(cases),
        search_label="Rechercher par nom ou résumé",
        ended_filter=False,
        order_note="",
    )
    return GeneratedFile(urls.CASES, content, in_nav=True)


def case_page(site: SiteRenderer, case: Case) -> GeneratedFile:
    src = urls.case(case.id)
    current = {"name": case.name, "summary": case.summary, "cost": case.project.cost}
    content = site.render_template(
        "case.md.j2",
        src,
        case=case,
        contribute=site.contribution_links("cases", case, current),
        cited_by=[key for key in site.catalog.cited_by("cases", case.id)
                  if key.kind != "changes"],
        changes=site.changes_of("cases", case.id),
        cases_url=urls.CASES,
        analysis_url=urls.CASES_ANALYSIS,
        jsonld=Markup(script_json(site.jsonld.case(case))),
    )
    return GeneratedFile(src, content)
