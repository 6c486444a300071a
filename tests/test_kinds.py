"""The record-kind registry (generator/kinds.py): every kind the site knows is declared once,
and a project adds its own with one module, its templates and one entry."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from generator import cli, kinds
from tests.conftest import ROOT, SOURCES_YAML, VALID_AID, mkdocs, run

TEMPLATES = ROOT / "generator" / "templates"


def test_every_kind_declares_templates_and_a_page_module_that_exist():
    for kind in kinds.KINDS.values():
        for template in kind.templates:
            assert (TEMPLATES / template).is_file(), (kind.name, template)
        if kind.pages is not None:
            assert kind.pages in kinds.PAGE_FAMILIES, kind.name
            assert callable(importlib.import_module(kind.pages).pages), kind.name
    for family in kinds.PAGE_FAMILIES:
        assert callable(importlib.import_module(family).pages), family


@pytest.mark.parametrize("command", [kind.command for kind in kinds.KINDS.values()])
def test_new_offers_a_commented_record_of_every_kind(command, tmp_path, capsys):
    kind = kinds.by_command(command)
    assert cli.main(["--data", str(tmp_path), "new", command, "--id", "x-nouveau"]) == 0
    [record] = yaml.safe_load(capsys.readouterr().out)
    assert record["id"] == "x-nouveau"
    assert set(record) == set(kind.record.model.model_fields)

    assert cli.main(["--data", str(tmp_path), "new", command, "--id", "x-nouveau",
                     "--append"]) == 0
    appended = yaml.safe_load((tmp_path / kind.data_file).read_text(encoding="utf-8"))
    assert [entry["id"] for entry in appended] == ["x-nouveau"]


def test_new_refuses_an_id_reserved_by_a_kind(tmp_path, capsys):
    assert cli.main(["--data", str(tmp_path), "new", "case", "--id", "analyse", "--append"]) == 2
    assert "réservé" in capsys.readouterr().err
    assert not (tmp_path / "cases.yaml").exists()


# --------------------------------------------------------------------------- a project's kind

EVENTS_MODULE = '''\
"""Events: a kind of record this project adds to the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from pydantic import Field

from generator.kinds import Kind, SearchLabel
from generator.pages import GeneratedFile, SiteRenderer
from generator.schema import AidId, Record, RecordId, RecordKind, SourceRef, Text

LISTING = "evenements/index.md"


class Event(Record):
    id: RecordId = Field(description="Identifiant ; il forme l'URL /evenements/<id>/.")
    name: Text = Field(description="Nom de l'événement.")
    date: dt.date = Field(description="Date (AAAA-MM-JJ).")
    summary: Text = Field(description="Ce qui s'y fait.")
    aids: list[AidId] = Field(default=[], description="Aides présentées.")
    sources: list[SourceRef] = Field(min_length=1, description="Où le rapport en parle.")


def url(event_id: str) -> str:
    return f"evenements/{event_id}.md"


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    events = list(site.catalog.records["events"].values())
    if not events:
        return
    yield GeneratedFile(LISTING, site.render_template(
        "events.md.j2", LISTING, events=events, event_url=url), in_nav=True)
    for event in events:
        yield GeneratedFile(url(event.id), site.render_template(
            "event.md.j2", url(event.id), event=event))


KIND = Kind(
    "events", RecordKind(Event, "Événement", "événements", "événement inconnu"), "event",
    url=url, search=SearchLabel("event", "Événement"), pages="events",
    reserved_ids=frozenset({"index"}), templates=("events.md.j2", "event.md.j2"),
    template_folder=Path(__file__).parent / "templates", nav_pages=(LISTING,))
'''

EVENTS_TEMPLATE = """\
# Événements

{% for event in events %}
- [{{ event.name }}]({{ link(event_url(event.id)) }}), le {{ event.date|french_date }}
{% endfor %}
"""

EVENT_TEMPLATE = """\
# {{ event.name }}

{{ event.summary }}

{% for aid_id in event.aids %}
- Aide présentée : [{{ catalog.aids[aid_id].name }}]({{ link(record_url("aids", aid_id)) }})
{% endfor %}
"""

EVENTS_YAML = """\
- id: salon-2026
  name: "Salon du numérique <associatif>"
  date: 2026-03-12
  summary: "Stands et ateliers."
  aids: [bxl-exemple]
  sources:
    - report: aides-2024
      section: "Partie 2"
      pages: "13"
"""


@pytest.fixture(scope="module")
def events_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose mkdocs.yml adds the kind « events »: one module, two templates."""
    project = tmp_path_factory.mktemp("events")
    (project / "events.py").write_text(EVENTS_MODULE, encoding="utf-8")
    (project / "templates").mkdir()
    (project / "templates" / "events.md.j2").write_text(EVENTS_TEMPLATE, encoding="utf-8")
    (project / "templates" / "event.md.j2").write_text(EVENT_TEMPLATE, encoding="utf-8")
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (project / "content" / "aides").mkdir()
    (project / "content" / "aides" / "a-propos.md").write_text("# À propos\n", encoding="utf-8")
    (project / "data").mkdir()
    (project / "data" / "sources.yaml").write_text(SOURCES_YAML, encoding="utf-8")
    (project / "data" / "aids.yaml").write_text(VALID_AID, encoding="utf-8")
    (project / "data" / "events.yaml").write_text(EVENTS_YAML, encoding="utf-8")
    (project / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        INHERIT: {ROOT / "mkdocs.yml"}
        theme:
          custom_dir: {ROOT / "theme"}
        nav:
          - Accueil: index.md
          - Aides: [aides/index.md, aides/a-propos.md, aides/proposer.md]
          - Événements: evenements/index.md
        plugins:
          - knowledge-base:
              data_dir: data
              build_date: "2026-06-01"
              kinds: [events]
        """), encoding="utf-8")
    mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    return project


def test_a_projects_kind_has_its_pages_and_urls(events_project):
    site = events_project / "site"
    page = (site / "evenements" / "salon-2026" / "index.html").read_text(encoding="utf-8")
    assert "Salon du numérique &lt;associatif&gt;" in page  # its text, escaped
    assert 'href="../../aides/bxl-exemple/"' in page
    listing = (site / "evenements" / "index.html").read_text(encoding="utf-8")
    assert 'href="salon-2026/"' in listing
    assert "12 mars 2026" in listing
    # The aid it names says so, with the kind's label and the event's page (back-links).
    aid = (site / "aides" / "bxl-exemple" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<li>Événement\W+: <a href="../../evenements/salon-2026/">Salon', aid)


def test_a_projects_kind_is_a_kind_of_search_result(events_project):
    page = (events_project / "site" / "evenements" / "salon-2026" / "index.html").read_text(
        encoding="utf-8")
    assert 'data-pagefind-filter="type:Événement"' in page


def test_a_projects_kind_is_published_as_open_data(events_project):
    data = events_project / "site" / "donnees"
    [event] = json.loads((data / "events.json").read_text(encoding="utf-8"))
    assert event["id"] == "salon-2026"
    assert event["aids"] == ["bxl-exemple"]
    [row] = csv.DictReader(io.StringIO((data / "events.csv").read_text(encoding="utf-8")))
    assert row["name"] == "Salon du numérique <associatif>"
    schema = json.loads((data / "schema" / "events.schema.json").read_text(encoding="utf-8"))
    fields = {"id", "name", "date", "summary", "aids", "sources"}
    assert set(schema["$defs"]["Event"]["properties"]) == fields
    index = json.loads((data / "index.json").read_text(encoding="utf-8"))
    [listed] = [dataset for dataset in index["datasets"] if dataset["name"] == "events"]
    assert (listed["title"], listed["count"], listed["data_file"], listed["reports"]) == (
        "Événements", 1, "data/events.yaml", ["aides-2024"])
    assert "Événements" in (data / "index.html").read_text(encoding="utf-8")


def test_the_command_line_knows_a_projects_kind(events_project):
    def generator(*args: str, check: bool = True):
        return run(sys.executable, "-m", "generator", *args, cwd=events_project, check=check,
                   env={"PYTHONPATH": str(ROOT)})

    assert "1 événements" in generator("validate", "--build-date", "2026-06-01").stdout
    [record] = yaml.safe_load(generator("new", "event", "--id", "forum-2027").stdout)
    assert set(record) == {"id", "name", "date", "summary", "aids", "sources"}
    reserved = generator("new", "event", "--id", "index", "--append", check=False)
    assert reserved.returncode == 2
    assert "réservé" in reserved.stderr
    # A reference to an unknown event's aid is checked like any other.
    (events_project / "data" / "events.yaml").write_text(
        EVENTS_YAML.replace("[bxl-exemple]", "[bxl-inconnue]"), encoding="utf-8")
    try:
        broken = generator("validate", "--build-date", "2026-06-01", check=False)
    finally:
        (events_project / "data" / "events.yaml").write_text(EVENTS_YAML, encoding="utf-8")
    assert broken.returncode == 1
    assert "data/events.yaml" in broken.stderr
    assert "aide inconnue « bxl-inconnue »" in broken.stderr
