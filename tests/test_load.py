"""Bad data gives one clear error per problem, at the line and column of the problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.catalog import RecordKey, load_catalog
from generator.errors import DataErrors
from tests.conftest import VALID_AID, aid_yaml, write_data

BUILD_DATE = date(2026, 1, 1)


def errors_for(tmp_path: Path, aids: str) -> list[str]:
    write_data(tmp_path, aids)
    with pytest.raises(DataErrors) as raised:
        load_catalog(tmp_path / "data", root=tmp_path, build_date=BUILD_DATE)
    return [str(error) for error in raised.value.errors]


def line_of(text: str, start: str, occurrence: int = 1) -> int:
    """1-based number of the ``occurrence``-th line of ``text`` starting with ``start``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return found[occurrence - 1]


def test_valid_data_loads_with_derived_facts(tmp_path):
    write_data(tmp_path, VALID_AID + aid_yaml("bxl-autre", url="  url: null"))
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=BUILD_DATE)
    assert sorted(catalog.aids) == ["bxl-autre", "bxl-exemple"]
    aid = catalog.aids["bxl-exemple"]
    assert aid.amount == "Maximum 5000€ par année civile"
    assert aid.period_end == "2023-12-31"  # as published: a day
    assert catalog.period_ended(aid)  # ended 2023-12-31, built 2026
    assert catalog.lines == {
        RecordKey("sources", "aides-2024"): 1,
        RecordKey("aids", "bxl-exemple"): 1,
        RecordKey("aids", "bxl-autre"): line_of(VALID_AID + aid_yaml("bxl-autre"),
                                                "- id: bxl-autre"),
    }


def test_period_not_ended_before_its_end_date(tmp_path):
    write_data(tmp_path, VALID_AID)
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2023, 12, 31))
    assert not catalog.period_ended(catalog.aids["bxl-exemple"])


def test_unknown_vocabulary_value_names_allowed_values(tmp_path):
    text = aid_yaml(level="  level: bruxelles")
    [error] = errors_for(tmp_path, text)
    assert error.startswith(
        f"data/aids.yaml:{line_of(text, '  level:')}:10: aids[0].level (id: bxl-exemple): "
        "valeur « bruxelles » inconnue"
    )
    assert "Valeurs permises : eu, federal, national-private" in error
    assert "Vouliez-vous dire « brussels » ?" in error


def test_unknown_vocabulary_value_inside_a_list(tmp_path):
    text = aid_yaml(needs="  needs: [training, formation]")
    [error] = errors_for(tmp_path, text)
    # The column is the one of the faulty list item.
    assert error.startswith(f"data/aids.yaml:{line_of(text, '  needs:')}:21: aids[0].needs[1]")


def test_unknown_field_points_at_the_key_and_suggests(tmp_path):
    text = VALID_AID + '  amout: "3"\n'
    [error] = errors_for(tmp_path, text)
    assert error.startswith(
        f"data/aids.yaml:{line_of(text, '  amout:')}:3: aids[0].amout (id: bxl-exemple): "
        "champ inconnu « amout »"
    )
    assert "Vouliez-vous dire « amount » ?" in error


def test_missing_required_field_points_at_the_record(tmp_path):
    text = "\n".join(line for line in VALID_AID.splitlines() if not line.startswith("  amount:"))
    [error] = errors_for(tmp_path, text)
    assert error.startswith("data/aids.yaml:1:3: aids[0].amount (id: bxl-exemple): "
                            "champ obligatoire « amount » absent")


def test_duplicate_id_is_reported_at_the_second_record(tmp_path):
    text = VALID_AID + aid_yaml()
    [error] = errors_for(tmp_path, text)
    second = line_of(text, "- id: bxl-exemple", occurrence=2)
    assert error.startswith(f"data/aids.yaml:{second}:7: aids[1].id (id: bxl-exemple): "
                            "identifiant « bxl-exemple » déjà utilisé (ligne 1)")


def test_duplicate_yaml_key_is_an_error(tmp_path):
    text = VALID_AID + '  name: "Autre nom"\n'
    errors = errors_for(tmp_path, text)
    assert errors == [
        f"data/aids.yaml:{line_of(text, '  name:', 2)}:3: clé « name »: clé « name » en double "
        f"(déjà définie à la ligne {line_of(text, '  name:')})\n"
        "    → YAML garderait en silence la dernière valeur : supprimez ou renommez l'une des deux."
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "example.org"])
def test_only_web_addresses_are_accepted(tmp_path, url):
    text = aid_yaml(url=f'  url: "{url}"')
    [error] = errors_for(tmp_path, text)
    assert error.startswith(f"data/aids.yaml:{line_of(text, '  url:')}:8: aids[0].url")
    assert "http:// ou https://" in error


def test_malformed_date_is_reported_with_the_expected_format(tmp_path):
    text = aid_yaml(period_end="  period_end: 2023-13-45")
    [error] = errors_for(tmp_path, text)
    assert error.startswith(f"data/aids.yaml:{line_of(text, '  period_end:')}:15: "
                            "aids[0].period_end (id: bxl-exemple): date invalide : « 2023-13-45 »")
    assert "AAAA-MM-JJ" in error


def test_unquoted_yes_is_explained(tmp_path):
    text = aid_yaml(brussels_access="  brussels_access: yes")
    [error] = errors_for(tmp_path, text)
    assert "aids[0].brussels_access (id: bxl-exemple): YAML a lu cette valeur comme un booléen" \
        in error
    assert 'Mettez-la entre guillemets : "yes"' in error


def test_references_to_unknown_ids_are_errors(tmp_path):
    text = VALID_AID + "  related_aids: [bxl-exempel]\n" + aid_yaml("bxl-autre").replace(
        "report: aides-2024", "report: aides-2042")
    errors = errors_for(tmp_path, text)
    assert len(errors) == 2
    assert errors[0].startswith(f"data/aids.yaml:{line_of(text, '  related_aids:')}:18: "
                                "aids[0].related_aids[0] (id: bxl-exemple): aide inconnue")
    assert "Vouliez-vous dire « bxl-exemple » ?" in errors[0]
    assert errors[1].startswith(f"data/aids.yaml:{line_of(text, '    - report:', 2)}:15: ")
    assert "rapport inconnu « aides-2042 »" in errors[1]


def test_all_errors_are_reported_at_once(tmp_path):
    text = (aid_yaml("bxl-un", level="  level: nowhere")
            + aid_yaml("bxl-deux", kind="  kind: grant")
            + aid_yaml("bxl-trois", url='  url: "nope"'))
    errors = errors_for(tmp_path, text)
    assert [error.split(": ")[1] for error in errors] == [
        "aids[0].level (id", "aids[1].kind (id", "aids[2].url (id"]


def test_yaml_syntax_error_has_a_position(tmp_path):
    text = VALID_AID + '  funds: "not closed\n'
    [error] = errors_for(tmp_path, text)
    assert error.startswith("data/aids.yaml:")
    assert "syntaxe YAML invalide" in error


def test_a_mapping_instead_of_a_list_is_explained(tmp_path):
    [error] = errors_for(tmp_path, "id: bxl-exemple\n")
    assert error.startswith("data/aids.yaml:1:1: aids: le fichier doit contenir une liste")


def test_a_missing_file_is_an_error(tmp_path):
    write_data(tmp_path, VALID_AID)
    (tmp_path / "data" / "sources.yaml").unlink()
    with pytest.raises(DataErrors) as raised:
        load_catalog(tmp_path / "data", root=tmp_path, build_date=BUILD_DATE)
    # Only the cause is reported, not every reference to a report it would have declared.
    [error] = [str(error) for error in raised.value.errors]
    assert error.startswith("data/sources.yaml:1:1: sources: fichier introuvable")


def test_the_real_data_is_valid():
    root = Path(__file__).resolve().parent.parent
    catalog = load_catalog(root / "data", root=root, build_date=BUILD_DATE)
    # Every record of each file is loaded, under its own id (counted from the files, so a
    # maintainer adding a record changes nothing here).
    for kind in ("aids", "sources", "cases", "glossary", "recommendations"):
        text = (root / "data" / f"{kind}.yaml").read_text(encoding="utf-8")
        ids = [line.removeprefix("- id: ").strip().strip('"')
               for line in text.splitlines() if line.startswith("- id: ")]
        assert list(catalog.records[kind]) == ids, kind
    assert catalog.aids


def test_invisible_control_characters_are_rejected(tmp_path):
    text = aid_yaml(name='  name: "Aide\\aexemple"')  # YAML escape for BEL (0x07)
    [error] = errors_for(tmp_path, text)
    assert "aids[0].name (id: bxl-exemple): le texte contient un caractère de contrôle" in error


@pytest.mark.parametrize("text", [
    # Plain data: built by the generator's own constructor.
    "- id: a\n  n: 12\n  x: 1.5\n  ok: yes\n  nothing: null\n  '3': [0o14, 1_000, .inf]\n",
    "- id: a\n  date: 2024-02-29\n  quoted: '12'\n  empty:\n  list: []\n",
    # Explicit tags: left to PyYAML (anchors and aliases are refused: tests/test_hostile.py).
    "- id: !!str 12\n  n: !!int '7'\n",
])
def test_yaml_is_read_exactly_as_pyyaml_reads_it(text):
    import yaml

    from generator.load import read_yaml
    from generator.yaml_nodes import _Loader

    data, _, errors = read_yaml(text, "data/aids.yaml")
    assert errors == []
    assert data == yaml.load(text, Loader=_Loader)  # _Loader is a safe loader


def test_a_list_as_a_key_is_still_a_yaml_error():
    from generator.load import read_yaml

    _, _, errors = read_yaml("- id: a\n- ? [a, b]\n  : value\n", "data/aids.yaml")
    assert [(error.line, error.column) for error in errors] == [(2, 5)]  # the key
    assert "unhashable key" in errors[0].message


def test_validation_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    import gc

    from generator.load import validate_records
    from generator.schema import Aid

    assert gc.isenabled()
    loaded = validate_records(aid_yaml("bxl-a") + "- id: [broken\n", "data/aids.yaml", Aid,
                              label="aids")
    assert loaded.errors  # the error path too
    assert gc.isenabled()
