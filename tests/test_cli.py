"""The maintainers' commands: validate, new aid, schema, render."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import ROOT, VALID_AID, aid_yaml, generator_cli, write_data


def generator(*args: str, cwd: Path, check: bool = False):
    return generator_cli(*args, cwd=cwd, check=check)


def test_validate_reports_success_and_counts(tmp_path):
    write_data(tmp_path, VALID_AID)
    result = generator("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Données valides : 1 rapports, 1 aides")


def test_validate_prints_every_error_and_fails(tmp_path):
    write_data(tmp_path, aid_yaml(level="  level: bxl") + aid_yaml("bxl-b", kind="  kind: x"))
    result = generator("validate", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("data/aids.yaml:")]
    assert [line.split(": ")[1] for line in lines] == ["aids[0].level (id", "aids[1].kind (id"]
    assert result.stderr.startswith("2 erreurs dans les données :")


def test_new_aid_prints_a_template_that_names_every_field(tmp_path):
    result = generator("new", "aid", "--id", "bxl-nouvelle", cwd=tmp_path, check=True)
    [record] = yaml.safe_load(result.stdout)
    assert record["id"] == "bxl-nouvelle"
    from generator.schema import Aid
    assert set(record) == set(Aid.model_fields)
    assert "Valeurs : eu, federal, national-private" in result.stdout


def test_new_aid_append_adds_a_record_and_never_overwrites(tmp_path):
    write_data(tmp_path, VALID_AID)
    aids = tmp_path / "data" / "aids.yaml"
    before = aids.read_text()
    result = generator("new", "aid", "--id", "bxl-nouvelle", "--append", cwd=tmp_path)
    assert result.returncode == 0
    after = aids.read_text()
    assert after.startswith(before)
    assert [r["id"] for r in yaml.safe_load(after)] == ["bxl-exemple", "bxl-nouvelle"]
    # The blank template is not valid until the maintainer fills it in, at its own lines.
    check = generator("validate", cwd=tmp_path)
    assert check.returncode == 1
    assert "aids[1].name (id: bxl-nouvelle): texte vide" in check.stderr

    again = generator("new", "aid", "--id", "bxl-exemple", "--append", cwd=tmp_path)
    assert again.returncode == 1
    assert "contient déjà une fiche « bxl-exemple »" in again.stderr
    assert aids.read_text() == after


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_new_aid_checks_the_id_before_writing_anything(tmp_path):
    project = tmp_path / "project"
    write_data(project, VALID_AID)
    before = _files(tmp_path)
    for bad in ("../../evil", "a b", "bxl-\u202eevil", "x" * 81, "catalogue"):
        result = generator("new", "aid", "--id", bad, "--append", cwd=project)
        assert result.returncode == 2, (bad, result.stderr)
        assert "refusé" in result.stderr or "réservé" in result.stderr, result.stderr
        assert "Rien n'a été écrit." in result.stderr
        assert "Traceback" not in result.stderr
        assert _files(tmp_path) == before, bad  # nothing written, anywhere


def test_committed_json_schema_is_up_to_date():
    result = generator("schema", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_json_schema_rejects_what_the_models_reject(tmp_path):
    schema = json.loads((ROOT / "schema" / "aids.schema.json").read_text())
    aid = schema["$defs"]["Aid"]
    assert aid["additionalProperties"] is False
    level = schema["$defs"]["Level"]["enum"]
    assert level[:3] == ["eu", "federal", "national-private"]
    first_line = (ROOT / "data" / "aids.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/aids.schema.json"


def test_render_writes_pages_to_a_new_folder_only(tmp_path):
    write_data(tmp_path, VALID_AID)
    result = generator("render", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "out" / "aides" / "bxl-exemple.md").read_text().startswith("# Aide exemple")
    # The project's cache, as the build's: compiled templates kept for the next command.
    assert list((tmp_path / ".cache" / "templates").glob("jinja-*.cache"))
    again = generator("render", "--out", "out", cwd=tmp_path)
    assert again.returncode == 1
    assert "n'est pas vide" in again.stderr


def test_contributing_guide_documents_every_field():
    from generator.schema import Aid
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [name for name in Aid.model_fields if f"| `{name}` |" not in guide]
    assert missing == []


def _package_files() -> set[Path]:
    """The package's files, but the modules Python compiles as it imports them."""
    return {path for path in (ROOT / "generator").rglob("*") if path.suffix != ".pyc"}


def test_compile_templates_keeps_every_template_in_the_project_cache(tmp_path):
    package_before = _package_files()
    result = generator("compile-templates", cwd=tmp_path, check=True)
    templates = sorted((ROOT / "generator" / "templates").glob("*.j2"))
    project_cache = tmp_path / ".cache" / "templates"
    assert result.stdout == (f"{len(templates)} gabarits compilés, "
                             f"conservés dans {project_cache}.\n")
    assert len(list(project_cache.glob("jinja-*.cache"))) == len(templates)
    assert _package_files() == package_before  # nothing written into the installed package
