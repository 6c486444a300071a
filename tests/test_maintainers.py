"""The maintainers' workflow: contribution links, issue forms, CI workflow, audit, change log."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.audit import audit
from generator.catalog import Catalog, RecordKey, load_catalog
from generator.pages import render_site
from tests.conftest import (
    FORGE,
    ROOT,
    SOURCES_YAML,
    VALID_AID,
    aid_yaml,
    generator_cli,
    mkdocs,
    write_data,
)

REPO = FORGE


def contribute_links(page: str) -> dict[str, str]:
    [block] = re.findall(r'<p class="kb-contribute">(.*?)</p>', page, re.S)
    hrefs = re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)
    return {text: href.replace("&amp;", "&") for href, text in hrefs}


def test_edit_link_points_at_the_record_line(real_catalog: Catalog, real_pages):
    lines = (ROOT / "data" / "aids.yaml").read_text(encoding="utf-8").splitlines()
    for aid_id, aid in real_catalog.aids.items():  # every aid page, not a sample
        links = contribute_links(real_pages[f"aides/{aid_id}.md"])
        edit = links["Modifier cette fiche"]
        path, line = edit.removeprefix(f"{REPO}/blob/main/").split("#L")
        assert path == "data/aids.yaml"
        assert lines[int(line) - 1] == f"- id: {aid_id}"
        report = urlsplit(links["Signaler une erreur ou proposer une correction"])
        query = parse_qs(report.query)
        assert report.path == "/asbl/kb/issues/new"
        assert query["template"] == ["correction.yml"]
        assert query["record"] == [aid_id]
        assert query["page"] == [f"/aides/{aid_id}/"]
        assert f"name : {aid.name}" in query["current"][0]


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as the workflow publishes it: `make build` runs `mkdocs build --strict`,
    here with the workflow's variables (one build serves both tests below)."""
    site = tmp_path_factory.mktemp("published") / "site"
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=ROOT,
                    env={"SITE_URL": "https://asbl.example/kb/", "REPO_URL": REPO})
    assert result.returncode == 0
    return site


@pytest.mark.e2e
def test_case_pages_carry_both_links_in_the_built_site(published_site: Path):
    site = published_site
    page = (site / "cas" / "civa" / "index.html").read_text(encoding="utf-8")
    links = contribute_links(page)
    assert links["Modifier cette fiche"].startswith(f"{REPO}/blob/main/data/cases.yaml#L")
    # Hand-written pages keep Material's edit button, on the docs dir of the main branch.
    about = (site / "aides" / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/edit/main/content/aides/a-propos.md"' in about
    aid_page = (site / "aides" / "bxl-prime-web" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/" not in aid_page  # a generated page has no file to edit in content/


def test_without_a_repository_no_link_points_nowhere(built_site: Path):
    page = (built_site / "aides" / "bxl-prime-web" / "index.html").read_text(encoding="utf-8")
    assert "kb-contribute" not in page


FORM_KEYS = {"name", "description", "body"}
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("form", sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")),
                         ids=lambda p: p.name)
def test_issue_forms_have_the_keys_the_forge_requires(form: Path):
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    if form.name == "config.yml":
        assert set(data) <= {"blank_issues_enabled", "contact_links"}
        return
    assert set(data) >= FORM_KEYS, form.name
    ids = [field.get("id") for field in data["body"] if field["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for field in data["body"]:
        assert field["type"] in FIELD_TYPES
        assert "label" in field.get("attributes", {}) or field["type"] == "markdown"
        if field["type"] == "dropdown":
            assert field["attributes"]["options"]


def test_the_correction_form_has_the_fields_the_links_prefill():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/correction.yml").read_text())
    assert {"record", "page", "current"} <= {field.get("id") for field in form["body"]}


def test_workflow_runs_the_readme_test_command_and_publishes_main():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as a boolean
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    test_steps = [step.get("run") for step in workflow["jobs"]["test"]["steps"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in test_steps
    assert "make test" in readme.split("```")[1]
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "test"
    assert any(step.get("run") == "make build" for step in publish["steps"])


@pytest.mark.e2e
def test_the_build_command_the_workflow_publishes_works(published_site: Path):
    page = (published_site / "cas" / "civa" / "index.html").read_text(encoding="utf-8")
    assert "https://asbl.example/kb/cas/civa/" in page  # the citation carries the public URL


def audit_catalog(tmp_path: Path, aids: str, glossary: str = "") -> list[tuple[str, str]]:
    data = write_data(tmp_path, aids, SOURCES_YAML)
    if glossary:
        (data / "glossary.yaml").write_text(glossary, encoding="utf-8")
    catalog = load_catalog(data, root=tmp_path, build_date=date(2026, 6, 1))
    return [(f.category, f.record) for f in audit(catalog, today=date(2026, 6, 1),
                                                   pages=["Le cloud est partout."])]


def verified(text: str) -> str:
    return text.replace("  brussels_note:", "  last_verified: 2026-05-01\n"
                        "  verified_status: \"Appel clôturé, selon l'opérateur\"\n  brussels_note:")


# Verified last month, with a link, cited by each other, period ended but status « clôturé ».
CLEAN = verified(aid_yaml("bxl-a")) + "  related_aids: [bxl-b]\n" + verified(aid_yaml("bxl-b"))
TERM = """\
- id: cloud
  term: cloud
  category: pooled
  definition: "Informatique à distance."
  basis: defined
  sources: [{report: aides-2024, section: "Glossaire", pages: "40"}]
"""


def test_audit_finds_nothing_on_clean_data(tmp_path):
    assert audit_catalog(tmp_path, CLEAN, TERM) == []


def test_audit_finds_each_kind_of_problem(tmp_path):
    aids = (
        aid_yaml("bxl-jamais")  # never verified, ended 2023 but « clôturé »: one finding
        + aid_yaml("bxl-ancien", url="  url: null",
                   status_reported='  status_reported: "Appel en cours"')
        .replace("  brussels_note:", "  last_verified: 2024-01-15\n  brussels_note:")
    )
    unused = TERM.replace("cloud", "blockchain")
    findings = audit_catalog(tmp_path, aids, unused)
    assert findings == [
        ("never-verified", "bxl-jamais"),
        ("stale", "bxl-ancien"),
        ("status-report-only", "bxl-ancien"),  # verified, but no status stated
        ("status-report-only", "bxl-jamais"),
        ("ended-but-running", "bxl-ancien"),
        ("no-url", "bxl-ancien"),
        ("not-cited", "bxl-ancien"),
        ("not-cited", "bxl-jamais"),
        ("unused-term", "blockchain"),
    ]


def test_audit_command_writes_markdown_and_strict_fails(tmp_path):
    write_data(tmp_path, VALID_AID)
    out = tmp_path / "rapport.md"
    result = generator_cli("audit", "--out", str(out),
                 "--date", "2026-06-01", cwd=tmp_path, check=False)
    assert result.returncode == 0
    assert "Jamais revérifiée depuis le rapport" in result.stdout
    assert out.read_text().startswith("# Audit des données — 2026-06-01")
    strict = generator_cli("audit", "--strict", "--out", str(out),
                 cwd=tmp_path, check=False)
    assert strict.returncode == 1


def test_change_log_is_dated_from_the_data(tmp_path):
    data = write_data(tmp_path, VALID_AID)
    (data / "changes.yaml").write_text(
        "- id: 2025-03-02-montant\n  date: 2025-03-02\n"
        '  summary: "Montant corrigé."\n  aids: [bxl-exemple]\n')
    catalog = load_catalog(data, root=tmp_path, build_date=date(2026, 1, 1))
    pages = {f.src_uri: f.content for f in render_site(catalog)}
    assert "## 2 mars 2025 {: #2025-03-02-montant }" in pages["changements/index.md"]
    assert "[Aide exemple](../aides/bxl-exemple.md)" in pages["changements/index.md"]
    assert "[2 mars 2025](../changements/index.md#2025-03-02-montant) — Montant corrigé" \
        in pages["aides/bxl-exemple.md"]
    assert catalog.cited_by("aids", "bxl-exemple") == [RecordKey("changes", "2025-03-02-montant")]


def test_propose_page_links_to_the_new_aid_form(tmp_path):
    write_data(tmp_path, VALID_AID)
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    with_repo = {f.src_uri: f.content for f in render_site(catalog, repo_url=REPO)}
    assert f'href="{REPO}/issues/new?template=new-aid.yml"' in with_repo["aides/proposer.md"]
    without = {f.src_uri: f.content for f in render_site(catalog)}
    assert "issues/new" not in without["aides/proposer.md"]
    assert (ROOT / ".github/ISSUE_TEMPLATE/new-aid.yml").exists()
