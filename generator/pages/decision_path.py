"""The decision path « Quelle aide pour mon association ? »: one static page per sequence of
answers, each result on its own citable page, the list of results and the diagram."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import urls
from ..decision_path import (
    DIAGRAM_TITLE,
    DecisionPath,
    Walk,
    coverage,
    diagram_description,
    diagram_svg,
)
from ..schema import PATH_SECTIONS, Aid, PathStep
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    path = site.catalog.path
    if path is None:
        return
    common = {"path": path, "start_url": urls.PATH, "results_url": urls.PATH_RESULTS,
              "diagram_url": urls.PATH_DIAGRAM, "result_url": urls.path_result,
              "catalogue_url": urls.CATALOGUE}
    for walk in path.walks:
        src = urls.path_walk(walk.segments)
        low, high = path.remaining(walk.step)
        yield GeneratedFile(src, site.render_template(
            "path_step.md.j2", src, walk=walk, step=walk.step, **common,
            number=len(walk.answers) + 1, remaining=(low, high),
            # Raw HTML attribute: relative to the published page, not to the source file.
            start_href=site.href(src, urls.PATH),
            changes=[[(answer, urls.path_walk(path.change(walk, index, answer).segments),
                       answer.id == given.id) for answer in asked.answers]
                     for index, (asked, given) in enumerate(walk.answers)],
            next_url=lambda answer, walk=walk: urls.path_walk((*walk.segments, answer.id)),
            sections=_sections(site, walk.step),
            needs=_other_needs(site, path, walk, src),
        ), in_nav=not walk.answers)
    for result in path.results:
        src = urls.path_result(result.id)
        yield GeneratedFile(src, site.render_template(
            "path_result.md.j2", src, result=result, **common,
            checked=path.checked_on_every_walk(result),
            example=next(iter(path.walks_to(result)), None),
            walk_url=lambda walk: urls.path_walk(walk.segments),
            sections=_sections(site, result),
        ))
    yield GeneratedFile(urls.PATH_RESULTS, site.render_template(
        "path_results.md.j2", urls.PATH_RESULTS, **common,
        coverage=coverage(path, site.catalog.aids)), in_nav=True)
    yield GeneratedFile(urls.PATH_DIAGRAM, site.render_template(
        "path_diagram.md.j2", urls.PATH_DIAGRAM, **common,
        svg_url=urls.PATH_DIAGRAM_SVG,
        title=DIAGRAM_TITLE, description=diagram_description(path)), in_nav=True)
    yield GeneratedFile(urls.PATH_DIAGRAM_SVG, diagram_svg(path, site.cache("charts")))


def _other_needs(site: SiteRenderer, path: DecisionPath, walk: Walk,
                 src: str) -> dict[str, Any] | None:
    """« Un autre besoin ? » on a result: each other need, its page (answers carried
    over) and, for the script that remembers results seen in the tab, the address of the
    walk up to each need (raw attributes: relative to the published page)."""
    found = path.other_needs(walk)
    if found is None:
        return None
    here, others = found

    def need_href(need: Walk) -> str:
        return site.href(src, urls.path_walk(need.segments))

    return {"here": need_href(here),
            "others": [(answer, need_href(need), urls.path_walk(target.segments), target)
                       for answer, need, target in others]}


def _sections(site: SiteRenderer, step: PathStep) -> list[tuple[str, list[tuple[Any, Aid]]]]:
    """Each list of a result with its aids: ``(section, [(item, aid), …])``."""
    if step.is_question:
        return []
    return [(section, [(item, site.catalog.aids[item.id]) for item in getattr(step, section)])
            for section in PATH_SECTIONS if getattr(step, section)]
