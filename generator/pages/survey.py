"""The survey report: its page (/enquete/), one page per theme, and each table's data
(CSV, spreadsheet) and charts (desktop and phone SVG)."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from .. import spreadsheet, survey, urls
from ..catalog import grouped
from ..schema import Facet, SurveyTheme
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    tables = site.catalog.survey
    if not tables:
        return
    report = site.catalog.source(tables[0].meta.source.report)
    themes = [(theme, members) for theme, members in grouped(
        Facet("theme", "Thème", "theme", SurveyTheme), [t.meta for t in tables]).items()]
    by_id = {table.meta.id: table for table in tables}
    yield GeneratedFile(urls.SURVEY, site.render_template(
        "survey.md.j2", urls.SURVEY, report=report, theme_url=urls.survey_theme,
        themes=[(theme, [by_id[m.id] for m in members]) for theme, members in themes],
    ), in_nav=True)
    for theme, members in themes:
        src = urls.survey_theme(theme)
        yield GeneratedFile(src, site.render_template(
            "survey_theme.md.j2", src, report=report, theme=theme,
            summary=site.catalog.survey_summaries.get(theme),
            tables=[by_id[m.id] for m in members], survey_url=urls.SURVEY,
            file_src=urls.survey_file,
            # Raw HTML links, not rewritten by MkDocs: relative to the published page.
            file_href=lambda table_id, ext, src=src: site.href(
                src, urls.survey_file(table_id, ext)),
            html_of=lambda table: Markup(survey.table_html(table, site.cache("tables"))),
            description_of=survey.chart_description,
        ))
    for table in tables:
        yield GeneratedFile(urls.survey_file(table.meta.id, "csv"), table.download())
        page = urls.published(urls.survey_theme(table.meta.theme)) + f"#{table.meta.id}"
        yield GeneratedFile(urls.survey_file(table.meta.id, "xlsx"), spreadsheet.survey_table(
            table, site.catalog.source(table.meta.source.report), site_name=site.site_name,
            page_url=site.site_url + page if site.site_url else "",
            cache_dir=site.cache("spreadsheets")))
        yield GeneratedFile(urls.survey_file(table.meta.id, "svg"),
                            survey.chart_svg(table, site.cache("charts")))
        yield GeneratedFile(urls.survey_file(table.meta.id, "phone.svg"),
                            survey.chart_svg(table, site.cache("charts"), phone=True))
