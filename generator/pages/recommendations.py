"""The recommendations: one page (/recommandations/), by report, theme and audience."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import urls
from ..catalog import Catalog
from ..schema import Recommendation, Vocabulary
from ..search import join_text, shorten
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    if not site.catalog.recommendations:
        return
    by_report: dict[str, dict[Any, dict[Any, list[Recommendation]]]] = {}
    for reco in site.catalog.recommendations.values():
        report = reco.sources[0].report
        by_report.setdefault(report, {}).setdefault(reco.theme, {}).setdefault(
            reco.audience, []).append(reco)
    ordered = [
        (site.catalog.source(report),
         [(theme, sorted(audiences.items(), key=lambda item: _position(item[0])))
          for theme, audiences in sorted(themes.items(), key=lambda item: _position(item[0]))])
        # The field cahier, with most recommendations, first.
        for report, themes in sorted(by_report.items(), key=lambda item: -sum(
            len(recos) for audiences in item[1].values() for recos in audiences.values()))
    ]
    content = site.render_template("recommendations.md.j2", urls.RECOMMENDATIONS,
                                   by_report=ordered)
    yield GeneratedFile(urls.RECOMMENDATIONS, content, in_nav=True)


def _position(member: Vocabulary) -> int:
    return list(type(member)).index(member)


def search_entry(catalog: Catalog, reco: Recommendation) -> tuple[str, str]:
    """A recommendation in the search, on its own: its number and text, with its context
    (observation, examples, theme, audience and the aids it names)."""
    return (f"{reco.id.upper()} — {shorten(reco.text)}",
            join_text(reco.text, reco.sub_audience, reco.observation, *reco.examples,
                      reco.theme.label, reco.audience.label,
                      *(catalog.aids[a].name for a in reco.related_aids)))
