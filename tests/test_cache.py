"""The project's cache (.cache/): what a build reuses, and when it must not."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from generator import catalog_cache
from generator.cache import cached
from generator.catalog import load_catalog
from generator.catalog_cache import cached_catalog
from generator.errors import DataErrors
from tests.conftest import VALID_AID, write_data

BUILD_DATE = date(2026, 12, 6)


def load(data: Path, cache: Path | None, build_date: date = BUILD_DATE):
    return cached_catalog(data, root=data.parent, build_date=build_date, cache_dir=cache)


def kept_project(tmp_path: Path) -> tuple[Path, Path]:
    """The data folder and cache of a project built once (its catalogue kept)."""
    data = write_data(tmp_path, VALID_AID)
    cache = tmp_path / ".cache"
    load(data, cache)
    return data, cache


def edit_aids(data: Path, old: str, new: str) -> None:
    (data / "aids.yaml").write_text(VALID_AID.replace(old, new), encoding="utf-8")


def kept_copies(cache: Path) -> list[Path]:
    return sorted((cache / catalog_cache.FOLDER).glob("catalogue-*.pickle"))


def unreachable(*args: object, **kwargs: object):
    raise AssertionError("les données ont été relues alors qu'une copie était gardée")


def test_a_second_build_reuses_the_checked_catalogue(tmp_path, monkeypatch):
    data = write_data(tmp_path, VALID_AID)
    cache = tmp_path / ".cache"
    first = load(data, cache)
    assert first == load_catalog(data, root=tmp_path, build_date=BUILD_DATE)
    assert len(kept_copies(cache)) == 1
    monkeypatch.setattr(catalog_cache, "load_catalog", unreachable)
    second = load(data, cache)
    assert second == first
    assert second.aids["bxl-exemple"].name == "Aide exemple"


def test_render_and_the_build_share_one_copy(tmp_path, monkeypatch):
    # `python -m generator render` names data/ from the project's folder, the build by its
    # absolute path: the same data, the same catalogue.
    data = write_data(tmp_path, VALID_AID)
    cache = tmp_path / ".cache"
    monkeypatch.chdir(tmp_path)
    first = cached_catalog(Path("data"), root=Path("."), build_date=BUILD_DATE, cache_dir=cache)
    monkeypatch.setattr(catalog_cache, "load_catalog", unreachable)
    assert load(data.resolve(), cache) == first
    assert len(kept_copies(cache)) == 1


def test_an_edited_added_or_removed_data_file_is_read_again(tmp_path):
    data, cache = kept_project(tmp_path)
    edit_aids(data, "Aide exemple", "Aide corrigée")
    assert load(data, cache).aids["bxl-exemple"].name == "Aide corrigée"
    assert len(kept_copies(cache)) == 1  # the copy of the old data is dropped
    notes = data / "notes.txt"
    notes.write_text("un fichier de plus", encoding="utf-8")
    [before] = kept_copies(cache)
    load(data, cache)
    [after] = kept_copies(cache)
    assert after != before
    notes.unlink()
    load(data, cache)
    assert kept_copies(cache) != [after]


def test_another_build_date_reads_the_data_again(tmp_path):
    data = write_data(tmp_path, VALID_AID)
    cache = tmp_path / ".cache"
    assert load(data, cache).build_date == BUILD_DATE
    assert load(data, cache, date(2027, 1, 1)).build_date == date(2027, 1, 1)


def test_data_with_an_error_are_checked_at_every_build_and_never_kept(tmp_path):
    data, cache = kept_project(tmp_path)
    edit_aids(data, "level: brussels", "level: planet")
    line = VALID_AID.splitlines().index("  level: brussels") + 1
    for _ in range(2):  # the good catalogue kept before is not served instead
        with pytest.raises(DataErrors) as raised:
            load(data, cache)
        [error] = raised.value.errors
        assert str(error).startswith(f"data/aids.yaml:{line}:")
    assert all(pickle.loads(path.read_bytes()).aids["bxl-exemple"].level.value == "brussels"
               for path in kept_copies(cache))


def test_a_damaged_copy_is_ignored_and_replaced(tmp_path):
    data = write_data(tmp_path, VALID_AID)
    cache = tmp_path / ".cache"
    first = load(data, cache)
    [copy] = kept_copies(cache)
    copy.write_bytes(b"not a pickle")
    assert load(data, cache) == first
    assert pickle.loads(copy.read_bytes()) == first


def test_the_catalogue_is_read_each_time_when_the_cache_cannot_be_written(tmp_path):
    data = write_data(tmp_path, VALID_AID)
    not_a_folder = tmp_path / ".cache"
    not_a_folder.write_text("")  # a file: no folder can be made inside it, even by root
    assert load(data, not_a_folder) == load(data, None)
    assert not_a_folder.read_text() == ""


def test_a_kept_file_replaces_only_the_copies_of_its_own_name(tmp_path):
    made: list[str] = []

    def make(content: str):
        def run() -> bytes:
            made.append(content)
            return content.encode()
        return run

    assert cached(tmp_path, "tab03", b"1", make("a"), suffix=".svg") == b"a"
    assert cached(tmp_path, "tab03-bis", b"1", make("b"), suffix=".svg") == b"b"
    assert cached(tmp_path, "tab03", b"1", make("c"), suffix=".svg") == b"a"  # kept
    assert cached(tmp_path, "tab03", b"2", make("d"), suffix=".svg") == b"d"  # new key
    # « tab03-bis » is another file's name, not an old copy of « tab03 »: still there.
    assert cached(tmp_path, "tab03-bis", b"1", make("e"), suffix=".svg") == b"b"
    assert made == ["a", "b", "d"]
    assert len(list(tmp_path.glob("tab03-*.svg"))) == 2


def test_a_copy_without_suffix_is_replaced_too(tmp_path):
    cached(tmp_path, "index", b"1", lambda: b"old", suffix="")
    assert cached(tmp_path, "index", b"2", lambda: b"new", suffix="") == b"new"
    assert [path.read_bytes() for path in tmp_path.iterdir()] == [b"new"]
