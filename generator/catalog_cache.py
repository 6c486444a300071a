"""The checked catalogue, kept between builds in the project's cache (``.cache/catalogue/``).

Reading and checking every data file (and importing networkx for the path's checks) is the
largest fixed cost of a build after its pages, and most builds read the very same data
with the very same code: a page edited under `mkdocs serve`, a second build in CI. A kept
catalogue is used only when everything its loading reads or runs is the same: every file
under the data folder, the generator's code and the project's own kinds, the versions of
Python, pydantic, PyYAML and networkx, the build date, the menu and the project's folder.

The build, `mkdocs serve` and `python -m generator render` share it. Only a catalogue that
passed every check is kept: data with an error are always read and checked again, so errors
are reported exactly as without the cache; `validate` and the other commands never use it.

The copy is a pickle: whoever can write in ``.cache/`` can also change the project's code,
so it trusts nothing the project does not already trust.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import Path

from . import kinds
from .cache import keep, kept, package_version, project_models_digest
from .catalog import Catalog, load_catalog

FOLDER = "catalogue"
_GENERATOR = Path(__file__).resolve().parent


def cached_catalog(data_dir: Path, *, root: Path, build_date: date,
                   nav: AbstractSet[str] = frozenset(), cache_dir: Path | None) -> Catalog:
    """:func:`catalog.load_catalog`, or the catalogue it returned for the same data and code;
    raises the same :class:`errors.DataErrors`."""
    if cache_dir is None:
        return load_catalog(data_dir, root=root, build_date=build_date, nav=nav)
    folder = cache_dir / FOLDER
    key = _key(data_dir, root=root, build_date=build_date, nav=nav)
    content = kept(folder, "catalogue", key, suffix=".pickle")
    if content is not None:
        try:
            catalog = pickle.loads(content)
        except Exception:  # a copy from a half-written disk, or classes since renamed
            catalog = None
        if isinstance(catalog, Catalog):
            return catalog
    catalog = load_catalog(data_dir, root=root, build_date=build_date, nav=nav)
    keep(folder, "catalogue", key, pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL),
         suffix=".pickle")
    return catalog


def _key(data_dir: Path, *, root: Path, build_date: date, nav: AbstractSet[str]) -> bytes:
    digest = hashlib.sha256()
    # Resolved: `render` (data/ from the current folder) and the build (an absolute path)
    # read the same catalogue, since every path it holds is shown relative to the project.
    for part in (str(root.resolve()), str(data_dir.resolve()), build_date.isoformat(),
                 repr(sorted(nav)), sys.version):
        digest.update(part.encode() + b"\0")
    for package in ("pydantic", "pydantic-core", "PyYAML", "networkx"):
        digest.update(package_version(package) + b"\0")
    # The data: every file of the folder (a file added or removed changes the key too).
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    # The code: every module of the generator, and those of the project's own kinds.
    for path in sorted(_GENERATOR.rglob("*.py")):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(project_models_digest(kind.record.model for kind in kinds.KINDS.values()))
    return digest.digest()
