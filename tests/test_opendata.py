"""/donnees/: every data set downloadable as JSON and CSV, valid against its published schema."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from generator import opendata
from generator.catalog import Catalog, load_catalog
from generator.export import SCHEMAS
from generator.schema import RECORD_KINDS, Vocabulary
from generator.typography import french_spacing
from tests.conftest import ROOT, VALID_AID, write_data


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 1, 1))


def expected_counts(catalog: Catalog) -> dict[str, int]:
    """How many records each data set has on the site."""
    counts = {kind: len(catalog.records[kind]) for kind in RECORD_KINDS}
    return counts | {"survey": len(catalog.survey),
                     "survey-themes": len(catalog.survey_summaries)}


def read_csv(path: Path) -> pd.DataFrame:
    # Every cell as text: the CSV is checked as written, not as pandas would guess it.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def test_every_data_set_is_listed_with_the_site_record_counts(built_site: Path, catalog):
    index = json.loads((built_site / "donnees" / "index.json").read_text(encoding="utf-8"))
    counts = expected_counts(catalog)
    assert {d["name"]: d["count"] for d in index["datasets"]} == counts
    assert counts["aids"]  # (a real data set, not an empty one)
    assert counts["survey"]
    page = html.unescape((built_site / "donnees" / "index.html").read_text(encoding="utf-8"))
    for dataset in index["datasets"]:
        # The table of /donnees/ shows each count next to the data set's title.
        assert re.search(rf"<td>{re.escape(dataset['title'])}</td>\s*<td>{dataset['count']}</td>",
                         page), dataset["name"]


def test_every_export_parses_and_has_one_record_per_site_record(built_site: Path, catalog):
    for name, count in expected_counts(catalog).items():
        text = (built_site / "donnees" / f"{name}.json").read_text("utf-8")
        records = json.loads(text)
        assert isinstance(records, list), name
        assert len(records) == count, name
        # One record per line, as the open-data page says: a diff reads record by record.
        lines = text.splitlines()
        assert (lines[0], lines[-1]) == ("[", "]"), name
        assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == records, name
        table = read_csv(built_site / "donnees" / f"{name}.csv")
        assert len(table) == count, name
        assert table.columns.is_unique, name


# A value each data set must carry, read from the validated records (never from the YAML).
SAMPLES = {
    "sources": lambda c: ("id", "aides-2024", "title", c.sources["aides-2024"].title),
    "aids": lambda c: ("id", "bxl-prime-web", "operator", c.aids["bxl-prime-web"].operator),
    "cases": lambda c: ("id", "civa", "project.focus", c.cases["civa"].project.focus),
    "glossary": lambda c: ("id", "licence-gpl", "definition",
                                    c.terms["licence-gpl"].definition),
    "recommendations": lambda c: ("id", (r := next(iter(c.recommendations.values()))).id,
                                  "text", r.text),
    "profiles": lambda c: ("id", c.profiles[0].id, "count", str(c.profiles[0].count)),
    "changes": lambda c: ("id", c.changes[0].id, "date", c.changes[0].date.isoformat()),
    "survey": lambda c: ("id", "tab04", "title",
                                next(t for t in c.survey if t.meta.id == "tab04").meta.title),
    "survey-themes": lambda c: ("theme", (s := next(iter(c.survey_summaries.values()))).theme
                                .value, "source.pages", s.source.pages),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_value_of_each_data_set_is_in_its_json_and_csv(built_site: Path, catalog, name):
    key, key_value, column, value = SAMPLES[name](catalog)
    records = json.loads((built_site / "donnees" / f"{name}.json").read_text("utf-8"))
    [record] = [r for r in records if r[key] == key_value]
    nested: object = record
    for step in column.split("."):
        nested = nested[step]  # type: ignore[index]
    assert str(nested) == value
    table = read_csv(built_site / "donnees" / f"{name}.csv")
    [row] = table[table[key] == key_value].to_dict("records")
    assert row[column] == value


def test_csv_flattens_nested_objects_into_columns_and_lists_into_json(built_site: Path, catalog):
    table = read_csv(built_site / "donnees" / "aids.csv")
    row = table[table["id"] == "bxl-prime-web"].iloc[0]
    aid = catalog.aids["bxl-prime-web"]
    assert json.loads(row["sources"]) == [ref.model_dump(mode="json") for ref in aid.sources]
    assert json.loads(row["support_types"]) == [t.value for t in aid.support_types]
    assert json.loads(row["match.regions"]) == [r.value for r in aid.match.regions]
    assert row["digital_specific"] == {True: "true", False: "false", None: ""}[
        aid.digital_specific]
    assert row["last_verified"] == (aid.last_verified.isoformat() if aid.last_verified else "")
    survey = read_csv(built_site / "donnees" / "survey.csv")
    tab04 = survey[survey["id"] == "tab04"].iloc[0]
    assert tab04["csv"] == "enquete/donnees/tab04.csv"
    assert (built_site / tab04["csv"]).read_text(encoding="utf-8") == (
        ROOT / "data" / "survey" / "tab04.csv").read_text(encoding="utf-8")


def test_csv_of_a_small_catalogue(tmp_path):
    """Null is an empty cell, a list is JSON even when its text holds commas and quotes."""
    aliases = '  aliases: ["a, « b »", \'c"d\']'
    aid = VALID_AID.replace("  needs: [training]", f"  needs: [training]\n{aliases}")
    write_data(tmp_path, aid.replace('  url: "https://example.org/aide"', "  url: null"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    [aids] = [d for d in opendata.datasets(catalog) if d.name == "aids"]
    [row] = read_csv_text(aids.csv())
    assert row["url"] == ""
    assert json.loads(row["aliases"]) == ["a, « b »", 'c"d']
    assert row["sources"].startswith('[{"report":"aides-2024"')
    assert row["match.maturity"] == "[]"


def read_csv_text(text: str) -> list[dict[str, str]]:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).to_dict("records")


def test_each_json_export_validates_against_its_published_schema(built_site: Path, catalog):
    folder = built_site / "donnees"
    for name in expected_counts(catalog):
        schema = json.loads((folder / "schema" / f"{name}.schema.json").read_text("utf-8"))
        records = json.loads((folder / f"{name}.json").read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(records)
    # The validator does bite: a value outside a vocabulary is refused.
    schema = json.loads((folder / "schema" / "aids.schema.json").read_text("utf-8"))
    records = json.loads((folder / "aids.json").read_text("utf-8"))
    records[0]["level"] = "mars"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(records)


def test_published_schemas_are_the_committed_ones(built_site: Path):
    for name in SCHEMAS:
        published = (built_site / "donnees" / "schema" / name).read_text(encoding="utf-8")
        assert published == (ROOT / "schema" / name).read_text(encoding="utf-8"), name


def test_schemas_are_kept_in_the_project_cache_until_the_code_changes(
        tmp_path, catalog, monkeypatch):
    sets = opendata.datasets(catalog)
    made = opendata.published_schemas(sets)
    project = tmp_path / "project" / ".cache" / "schemas"
    assert opendata.published_schemas(sets, project) == made
    [kept] = project.glob("schemas-*.json")
    kept.write_text(json.dumps({"aids.schema.json": "from the cache"}), encoding="utf-8")
    assert opendata.published_schemas(sets, project) == {"aids.schema.json": "from the cache"}
    # The survey export's schema is the only one not committed under schema/: the same
    # project without a survey has its own copy, beside the first.
    fewer = [dataset for dataset in sets if dataset.name != "survey"]
    assert opendata.published_schemas(fewer, project) == {
        name: text for name, text in made.items() if name != "survey.schema.json"}
    assert len(list(project.glob("schemas-*.json"))) == 2
    # Other code: made again, and the stale copy replaced.
    monkeypatch.setattr(opendata, "_SCHEMA_CODE", b"edited models")
    assert opendata.published_schemas(sets, project) == made
    assert len(list(project.glob("schemas-*.json"))) == 2
    assert not kept.exists()


def test_schemas_are_made_each_time_when_the_cache_cannot_be_written(tmp_path, catalog):
    not_a_folder = tmp_path / ".cache"
    not_a_folder.write_text("")  # a file: no folder can be made inside it, even by root
    sets = opendata.datasets(catalog)
    assert opendata.published_schemas(sets, not_a_folder / "schemas") \
        == opendata.published_schemas(sets)
    assert not_a_folder.read_text() == ""


def test_open_data_page_links_every_download(built_site: Path, catalog):
    page = (built_site / "donnees" / "index.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="([^"#]+)', page))
    for name in expected_counts(catalog):
        for href in (f"{name}.json", f"{name}.csv", f"{name}.xlsx",
                     f"schema/{name}.schema.json"):
            assert href in hrefs, href
            assert (built_site / "donnees" / href).is_file(), href
    survey_links = {h for h in hrefs if h.startswith("../enquete/donnees/")}
    assert len(survey_links) == 2 * len(catalog.survey)  # CSV and spreadsheet
    assert all((built_site / "donnees" / h).resolve().is_file() for h in survey_links)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Licence à préciser" in text  # no licence is declared anywhere yet
    for source in catalog.sources.values():
        assert french_spacing(source.title) in text


def test_fields_page_documents_every_field_and_vocabulary(built_site: Path, catalog):
    page = (built_site / "donnees" / "champs" / "index.html").read_text("utf-8")
    # Glossary terms are links wherever they first appear: compare the text only.
    page = html.unescape(re.sub(r'<a class="kb-term"[^>]*>(.*?)</a>', r"\1", page))
    sections = re.split(r'<h2 id="', page)
    by_anchor = {section.split('"', 1)[0]: section for section in sections[1:]}
    for name, info in RECORD_KINDS.items():
        section = by_anchor[name]
        for field, field_info in info.model.model_fields.items():
            row = re.search(rf"<td><code>{field}</code></td>(.*?)</tr>", section, re.S)
            assert row, f"{name}.{field}"
            assert french_spacing(" ".join((field_info.description or "").split())) in row.group(1)
    assert "<td><code>sources[].pages</code></td>" in by_anchor["aids"]
    assert "<td><code>match.regions</code></td>" in by_anchor["aids"]
    vocabularies = by_anchor["vocabulaires"]
    for vocabulary in {v for info in RECORD_KINDS.values() for v in _vocabularies(info.model)}:
        assert f'id="vocabulaire-{vocabulary.__name__.lower()}"' in page
        for member in vocabulary:
            label = french_spacing(member.label)
            assert f"<td><code>{member.value}</code></td>\n<td>{label}</td>" in (
                vocabularies), member


def _vocabularies(model) -> set[type[Vocabulary]]:
    return {doc.vocabulary for doc in opendata.field_docs(model) if doc.vocabulary}


def test_open_data_is_in_the_navigation(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="donnees/"' in home
    assert 'href="donnees/champs/"' in home
