"""The survey's profiles: their page (/profils/), one page per profile and the
self-assessment that tells a reader which profile is closest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from .. import assessment, kinds, survey, urls
from ..schema import SurveyTheme, SurveyUnit
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    profiles = site.catalog.profiles
    if not profiles:
        return
    clustered = sum(profile.count for profile in profiles)
    report = site.catalog.source(profiles[0].sources[0].report)
    tables = {table.meta.id: table for table in site.catalog.survey}
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
    yield GeneratedFile(urls.PROFILES, site.render_template(
        "profiles.md.j2", urls.PROFILES, rows=rows, clustered=clustered, report=report,
        profile_url=urls.profile, typology_url=typology_url,
        assessment_url=urls.SELF_ASSESSMENT), in_nav=True)
    for profile in profiles:
        src = urls.profile(profile.id)
        yield GeneratedFile(src, site.render_template(
            "profile.md.j2", src, profile=profile, clustered=clustered,
            typology_url=typology_url, profiles_url=urls.PROFILES,
            results=[site.catalog.steps[step_id]
                     for step_id in profile.path_results],
            result_url=urls.path_result, start_url=urls.PATH,
            assessment_url=urls.SELF_ASSESSMENT))
    yield self_assessment_page(site, profiles, clustered, typology_url)


def self_assessment_page(site: SiteRenderer, profiles: list[Any], clustered: int,
                         typology_url: str) -> GeneratedFile:
    src = urls.SELF_ASSESSMENT
    catalog = site.catalog
    blocks = assessment.questionnaire(catalog.survey, profiles)

    def href(target_src: str) -> str:
        # Links built by the script: relative to the published page, like a browser sees.
        return site.href(src, target_src)

    data = assessment.assessment_json(blocks, [{
        "column": profile.column, "name": profile.name, "url": href(urls.profile(profile.id)),
        "recommendations": [{"text": catalog.recommendations[r].text,
                             "url": href(kinds.record_url("recommendations", r))}
                            for r in profile.recommendations],
        "results": [{"text": catalog.steps[r].title,
                     "url": href(urls.path_result(r))} for r in profile.path_results],
    } for profile in profiles])
    return GeneratedFile(src, site.render_template(
        "self_assessment.md.j2", src, profiles=profiles, blocks=blocks, clustered=clustered,
        data=Markup(data), likert=assessment.LIKERT, profile_url=urls.profile,
        block_id=assessment.block_id,
        close_margin=survey.french_number(assessment.CLOSE_MARGIN, SurveyUnit.MEAN_7),
        profiles_url=urls.PROFILES,
        typology_url=typology_url, path_href=href(urls.PATH),
        report=catalog.source(profiles[0].sources[0].report),
    ), in_nav=True)
