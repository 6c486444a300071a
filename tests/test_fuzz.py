"""Whatever a maintainer types, the loader answers with data errors, never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import validate_records
from generator.schema import Aid
from tests.conftest import VALID_AID

# Pieces of plausible YAML, assembled at random, plus arbitrary text.
FRAGMENTS = st.sampled_from([
    "- ", "  ", "id: ", "name: ", "level: ", "brussels", "yes", "null", "~", "[", "]", "{",
    "}", ": ", "\n", "\t", '"', "'", "&a ", "*a ", "!!python/object:os.system ", "2023-13-45",
    "- id: bxl-x\n", "  sources:\n    - report: aides-2024\n", "? ", "|\n", ">-\n", "#", "%YAML",
    "---\n", "...\n", "\\x07", "\x00", "\ufeff", "é", "€",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS | st.text(max_size=20), max_size=40).map("".join))
def test_random_yaml_gives_errors_not_exceptions(text: str):
    loaded = validate_records(text, "data/aids.yaml", Aid, label="aids")
    for error in loaded.errors:
        assert error.path == "data/aids.yaml"
        assert error.line >= 1
        assert error.column >= 1
        assert error.message


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID_AID) - 1), st.text(max_size=5))
def test_a_valid_record_with_one_change_never_crashes(position: int, insert: str):
    text = VALID_AID[:position] + insert + VALID_AID[position:]
    loaded = validate_records(text, "data/aids.yaml", Aid, label="aids")
    assert len(loaded.records) + len(loaded.errors) >= 1 or text.strip() == ""
