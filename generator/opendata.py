"""Open data: every data set of the site as JSON and CSV, with its JSON Schema and licence.

Exports are dumped from the validated records (``model_dump(mode="json")``), never from the
YAML text, so a download always says what the pages say. Field documentation and the list
of vocabularies are read from the models of generator/schema/, the single source of truth.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import json
import pkgutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_origin

import pydantic
from pydantic import BaseModel, Field

from . import export, kinds, schema, spreadsheet, urls
from .cache import cached, project_models_digest, source_digest
from .catalog import Catalog
from .export import SCHEMAS, compact_json, json_schema
from .formulas import FORMULA_START
from .schema import (
    HttpUrl,
    Pages,
    RecordId,
    SurveySummary,
    SurveyTable,
    Text,
    Vocabulary,
    references,
)
from .schema.introspect import Declared, declared, fields_of

LICENCE: str | None = None
"""Licence of the compilation (the site's own data files). None: not decided yet.

Neither the five reports nor this repository state a licence: the team has to choose one
(and say whether the reports' authors agree). Until then the site says so plainly.
"""

LICENCE_NOTE = (
    "Licence à préciser : ni les cinq rapports sources ni ce site ne déclarent encore de "
    "licence pour ces données. Les rapports restent l'œuvre de leurs auteurs et éditeurs ; "
    "les fiches les résument et citent, pour chaque fait, le rapport, la section et la page. "
    "Citez ce site et le rapport d'origine quand vous réutilisez ces données."
)

# --------------------------------------------------------------------------- export-only models


class SurveyRow(BaseModel):
    """One printed row of a survey table."""

    label: str = Field(description="Libellé de la ligne, tel qu'imprimé.")
    values: list[float | None] = Field(
        description="Une valeur par colonne (null : case vide du rapport)."
    )


class SurveyTableData(SurveyTable):
    """A survey table with its values: what /donnees/survey.json holds.

    The description fields are those of data/survey/tables.yaml; ``csv``, ``columns`` and
    ``rows`` come from the table's CSV file, as checked by the loader.
    """

    csv: str = Field(description="Chemin du CSV des valeurs, depuis la racine du site.")
    columns: list[str] = Field(description="Colonnes de valeurs, dans l'ordre du CSV.")
    rows: list[SurveyRow] = Field(description="Les lignes du tableau, dans l'ordre imprimé.")


# --------------------------------------------------------------------------- data sets


@dataclass(frozen=True)
class Dataset:
    """One downloadable data set: a data file's records, dumped as JSON and CSV."""

    name: str
    """File stem of the exports and of the schema: ``aids`` → aids.json, aids.csv."""
    title: str
    data_file: str
    model: type[BaseModel]
    records: list[dict[str, Any]]
    """The records as JSON values (``model_dump(mode="json")``), in file order."""
    reports: list[str]
    """Ids of the reports the records cite, in the order of data/sources.yaml."""

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def schema_name(self) -> str:
        return f"{self.name}.schema.json"

    def schema(self) -> str:
        """The committed schema of the data file when there is one (same text), else the
        export's own."""
        if self.schema_name in SCHEMAS:
            return json_schema(*SCHEMAS[self.schema_name])
        return json_schema(self.model, f"{self.data_file} — {self.title}")

    def json(self) -> str:
        # One record per line: readable in a diff, and written by json's C encoder (an
        # indented dump goes through its much slower pure-Python one).
        if not self.records:
            return "[]\n"
        lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in self.records)
        return f"[\n{lines}\n]\n"

    def csv(self) -> str:
        return records_csv(self.model, self.records)

    def xlsx(self, catalog: Catalog, site_name: str, cache_dir: Path | None = None) -> bytes:
        """The CSV's header and cells in a spreadsheet, with what the data set is (kept in
        ``cache_dir`` between builds, see :func:`spreadsheet.records_sheet`)."""
        columns = flat_columns(self.model)
        reports = [catalog.source(report) for report in self.reports]
        about = [
            ("Fiches", str(self.count)),
            ("Fichier de données", self.data_file),
            ("Rapports sources", " ; ".join(
                f"{', '.join(r.authors)}, {r.title}, {r.publisher}, {r.published}"
                for r in reports) or "—"),
            ("Colonnes", "Les mêmes que le CSV : un objet imbriqué a une colonne par champ "
                         "(parent.champ) ; une liste est écrite en JSON dans sa cellule ; une "
                         "cellule vide vaut null ; les vocabulaires figurent par leur code."),
            ("Licence", LICENCE or LICENCE_NOTE),
            ("Publié par", site_name),
        ]
        return spreadsheet.records_sheet(
            self.name, self.title, [".".join(path) for path in columns],
            (_row(record, columns) for record in self.records), site_name=site_name,
            about=about, cache_dir=cache_dir)


def datasets(catalog: Catalog, site_url: str = "") -> list[Dataset]:
    """Every data set of the site, in the order of the /donnees/ page."""
    found: list[Dataset] = []
    for kind in kinds.KINDS.values():
        records = [record.model_dump(mode="json")
                   for record in catalog.records[kind.name].values()]
        if not records:
            continue
        plural = kind.record.plural
        found.append(Dataset(
            name=kind.name, title=plural[:1].upper() + plural[1:],
            data_file=catalog.data_files.get(kind.name, f"data/{kind.data_file}"),
            model=kind.record.model, records=records,
            reports=_reports(catalog, catalog.records[kind.name].values())))
    if catalog.survey:
        tables = [table.meta.model_dump(mode="json") | {
            "csv": site_url + urls.survey_file(table.meta.id, "csv"),
            "columns": table.columns,
            "rows": [{"label": label, "values": values} for label, values in table.rows],
        } for table in catalog.survey]
        found.append(Dataset(
            # Not « survey-tables »: that schema describes data/survey/tables.yaml alone.
            name="survey", title="Tableaux de l'enquête (description et valeurs)",
            data_file="data/survey/tables.yaml + data/survey/<id>.csv", model=SurveyTableData,
            records=tables, reports=_reports(catalog, [table.meta for table in catalog.survey])))
    if catalog.survey_summaries:
        summaries = [summary.model_dump(mode="json")
                     for summary in catalog.survey_summaries.values()]
        found.append(Dataset(
            name="survey-themes", title="Constats de l'enquête par thème",
            data_file="data/survey/themes.yaml", model=SurveySummary,
            records=summaries, reports=_reports(catalog, catalog.survey_summaries.values())))
    return found


def _reports(catalog: Catalog, records: Iterable[BaseModel]) -> list[str]:
    """Reports cited anywhere in ``records`` (every SourceRef, nested ones included)."""
    cited = {target for record in records
             for _, kind, target in references(record) if kind == "sources"}
    return [report for report in catalog.sources if report in cited]


def published_schemas(sets: list[Dataset], cache_dir: Path | None = None) -> dict[str, str]:
    """JSON Schema text by file name: the committed ones (same function) and the exports'.

    They depend only on the code and the list of data files: with ``cache_dir``, they are
    made again only when the models, this module, generator/export.py or pydantic change."""
    def make() -> bytes:
        schemas = {name: json_schema(model, title) for name, (model, title) in SCHEMAS.items()}
        for dataset in sets:
            if dataset.schema_name not in schemas:  # not setdefault: it would make it anyway
                schemas[dataset.schema_name] = dataset.schema()
        return json.dumps(schemas).encode()

    # Named by the data sets, so that projects with other data files keep their own copy.
    specs = [(d.schema_name, d.model.__qualname__, d.data_file, d.title) for d in sets]
    name = "schemas-" + hashlib.sha256(repr(specs).encode()).hexdigest()[:8]
    key = (_SCHEMA_CODE + pydantic.VERSION.encode()
           + project_models_digest(dataset.model for dataset in sets))
    return json.loads(cached(cache_dir, name, key, make, suffix=".json"))


# Every module of the schema package: a model edited in any of them changes the schemas.
_SCHEMA_CODE = source_digest(
    schema, *(importlib.import_module(f"{schema.__name__}.{module.name}")
              for module in pkgutil.iter_modules(schema.__path__)),
    export, kinds, sys.modules[__name__])


def index(catalog: Catalog, sets: list[Dataset], site_url: str = "") -> str:
    """``/donnees/index.json``: what each data set is, where to download it, its sources."""
    base = site_url + "donnees/"
    return json.dumps({
        "title": "Données ouvertes — Numérique et associations bruxelloises",
        "licence": LICENCE,
        "licence_note": LICENCE_NOTE,
        "datasets": [{
            "name": dataset.name,
            "title": dataset.title,
            "count": dataset.count,
            "json": f"{base}{dataset.name}.json",
            "csv": f"{base}{dataset.name}.csv",
            "xlsx": f"{base}{dataset.name}.xlsx",
            "schema": f"{base}schema/{dataset.schema_name}",
            "data_file": dataset.data_file,
            "reports": dataset.reports,
        } for dataset in sets],
        "reports": [source.model_dump(mode="json") for source in catalog.sources.values()],
    }, ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- CSV


def records_csv(model: type[BaseModel], records: list[dict[str, Any]]) -> str:
    """One row per record; nested objects become ``parent.field`` columns, lists are JSON.

    Columns follow the model (the same for every row, even where a value is missing);
    ``null`` is an empty cell, booleans are ``true``/``false``. A list is written as a JSON
    array in its cell (``["subsidy","training"]``): unambiguous whatever the text holds. A
    text that a spreadsheet would take for a formula starts with a single quote.
    """
    columns = flat_columns(model)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([".".join(path) for path in columns])
    writer.writerows(_row(record, columns) for record in records)
    return out.getvalue()


def flat_columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Column paths of a model's CSV: a nested object's fields, each in its own column (a
    list of objects stays one column, written in JSON)."""
    columns: list[tuple[str, ...]] = []
    for name, _, field in fields_of(model):
        if field.model is not None and not field.is_list:
            columns.extend(flat_columns(field.model, (*prefix, name)))
        else:
            columns.append((*prefix, name))
    return columns


def _row(record: dict[str, Any], columns: list[tuple[str, ...]]) -> list[str]:
    """A record's cells. One loop, no call per cell: a CSV of 10,000 aids has 350,000."""
    row: list[str] = []
    for path in columns:
        value: Any = record
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        if value is None:
            row.append("")
        elif isinstance(value, str):
            # A text a spreadsheet would run as a formula gets a quote (spreadsheet.py).
            row.append("'" + value if value.startswith(FORMULA_START) else value)
        elif isinstance(value, bool):
            row.append("true" if value else "false")
        elif isinstance(value, list | dict):
            # Most lists are empty: « [] » without an encoder (each call builds one).
            row.append(compact_json(value) if value else "[]" if isinstance(value, list) else "{}")
        else:
            row.append(str(value))
    return row


# --------------------------------------------------------------------------- field documentation


@dataclass(frozen=True)
class FieldDoc:
    """One field of a data set, as /donnees/champs/ documents it."""

    path: str
    """``name``, ``sources[].pages``, ``match.regions``."""
    type_label: str
    vocabulary: type[Vocabulary] | None
    required: bool
    nullable: bool
    description: str


def field_docs(model: type[BaseModel], prefix: str = "") -> list[FieldDoc]:
    """Every field of ``model``, nested objects' fields following their parent."""
    docs: list[FieldDoc] = []
    for name, info, field in fields_of(model):
        path = f"{prefix}{name}"
        label, vocabulary = _type_label(field)
        nested = field.model
        description = info.description or (nested.__doc__ or "" if nested else "")
        docs.append(FieldDoc(
            path=path,
            type_label=(_list_of(label) if field.is_list else label),
            vocabulary=vocabulary,
            required=info.is_required(),
            nullable=field.nullable,
            description=" ".join(description.split()),
        ))
        if nested is not None:
            docs.extend(field_docs(nested, f"{path}[]." if field.is_list else f"{path}."))
    return docs


# Field types declared once in schema/fields.py, recognised by their constraints.
_ALIASES: tuple[tuple[Any, str], ...] = (
    (HttpUrl, "adresse web (http ou https)"),
    (Pages, "page ou plage de pages (« 8 », « 13-19 »)"),
    (RecordId, "identifiant (minuscules, chiffres, tirets)"),
    (Text, "texte"),
)
_PLURALS = {"texte": "textes", "nombre": "nombres", "objet": "objets"}


def _type_label(field: Declared) -> tuple[str, type[Vocabulary] | None]:
    if field.ref is not None:
        return f"identifiant d'une fiche de {_data_file(field.ref)}", None
    for alias, label in _ALIASES:
        markers = declared(alias).markers
        if markers and all(any(m is marker for m in field.markers) for marker in markers):
            return label, None
    item = field.core
    if field.vocabulary is not None and item is field.vocabulary:
        return "valeur du vocabulaire", item
    if field.model is not None:
        return "objet", None
    if get_origin(item) is dict:
        return "dictionnaire (texte → texte)", None
    if get_origin(item) in (Union, UnionType):
        return "nombre ou null", None
    simple = {str: "texte", bool: "booléen (true, false)", int: "nombre entier",
              float: "nombre"}
    if item in simple:
        return simple[item], None
    if getattr(item, "__name__", "") == "date":
        return "date (AAAA-MM-JJ)", None
    return str(getattr(item, "__name__", item)), None


def _list_of(label: str) -> str:
    plural = _plural(label)
    return f"liste d'{plural}" if plural[:1] in "aeiouéo" else f"liste de {plural}"


def _plural(label: str) -> str:
    if label == "valeur du vocabulaire":
        return "valeurs du vocabulaire"
    if label.startswith("identifiant"):
        return "identifiants" + label.removeprefix("identifiant")
    first, _, rest = label.partition(" ")
    return " ".join(filter(None, [_PLURALS.get(first, first), rest]))


def _data_file(kind: str) -> str:
    return f"data/{kind}.yaml"


def vocabularies(sets: list[Dataset]) -> list[tuple[type[Vocabulary], list[str]]]:
    """Each vocabulary the data sets use, with the fields (``aids.level``) that use it."""
    used: dict[type[Vocabulary], list[str]] = {}
    for dataset in sets:
        for doc in field_docs(dataset.model):
            if doc.vocabulary is not None:
                used.setdefault(doc.vocabulary, []).append(f"{dataset.name}.{doc.path}")
    return list(used.items())


def required_label(doc: FieldDoc) -> str:
    if doc.required:
        return "oui, peut valoir null" if doc.nullable else "oui"
    return "non"

