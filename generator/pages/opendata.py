"""Open data (/donnees/): every data set as JSON, CSV and spreadsheet, its JSON Schema, the
index of data sets, the page that lists them and the page that documents their fields."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .. import opendata, urls
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    catalog = site.catalog
    sets = opendata.datasets(catalog, site.site_url)
    for dataset in sets:
        yield GeneratedFile(urls.open_data(dataset.name, "json"), dataset.json())
        yield GeneratedFile(urls.open_data(dataset.name, "csv"), dataset.csv())
        yield GeneratedFile(urls.open_data(dataset.name, "xlsx"),
                            dataset.xlsx(catalog, site.site_name, site.cache("spreadsheets")))
    for name, text in opendata.published_schemas(sets, site.cache("schemas")).items():
        yield GeneratedFile(urls.open_data_schema(name), text)
    yield GeneratedFile(urls.OPEN_DATA_INDEX, opendata.index(catalog, sets, site.site_url))
    cited_in = {report: [d.title for d in sets if report in d.reports]
                for report in catalog.sources}
    links = {"file_src": urls.open_data, "schema_src": urls.open_data_schema,
             "fields_src": urls.OPEN_DATA_FIELDS, "open_data_src": urls.OPEN_DATA}
    # Listed in mkdocs.yml's nav, but NOT_IN_NAV so that a site whose nav leaves them
    # out (a small test project) still builds without warnings.
    yield GeneratedFile(urls.OPEN_DATA, site.render_template(
        "opendata.md.j2", urls.OPEN_DATA, datasets=sets, reports=catalog.sources.values(),
        cited_in=cited_in, survey=catalog.survey, survey_file=urls.survey_file,
        licence=opendata.LICENCE, licence_note=opendata.LICENCE_NOTE,
        index_src=urls.OPEN_DATA_INDEX,
        changes_src=urls.CHANGES if catalog.changes else "",
        feed_src=urls.CHANGES_FEED,
        # Aids may all come from official sites (other_sources), a data set from none.
        no_report=defaultdict(lambda: "(sources hors des rapports)",
                              sources="(les rapports eux-mêmes)", changes="(journal du site)"),
        **links))
    yield GeneratedFile(urls.OPEN_DATA_FIELDS, site.render_template(
        "fields.md.j2", urls.OPEN_DATA_FIELDS,
        datasets=[(dataset, opendata.field_docs(dataset.model)) for dataset in sets],
        vocabularies=opendata.vocabularies(sets), required_label=opendata.required_label,
        vocabulary_anchor=lambda vocabulary: f"vocabulaire-{vocabulary.__name__.lower()}",
        **links))
