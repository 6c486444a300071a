"""Files a build derives from code and data that are slow to make, kept between builds in
one folder of the project, ``.cache/`` beside mkdocs.yml (never in the installed package):
compiled templates, the JSON Schemas of /donnees/, survey charts and tables, spreadsheets,
the path's diagram and the checked catalogue (catalog_cache.py). The build, `mkdocs serve`
and the command line (``render``) all use it.

Each copy is named by a digest of everything it depends on: a stale copy is never used, and
is removed when the file is made again. The folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from jinja2.bccache import Bucket, FileSystemBytecodeCache

FOLDER = ".cache"
_DIGEST = re.compile("[0-9a-f]{16}")


def project_cache(root: Path) -> Path:
    """The cache of the project whose mkdocs.yml is in ``root``."""
    return root / FOLDER


def cached(cache_dir: Path | None, name: str, key: bytes, make: Callable[[], bytes], *,
           suffix: str) -> bytes:
    """``make()``, or the copy kept from a build with the same ``key`` in ``cache_dir``."""
    if cache_dir is None:
        return make()
    content = kept(cache_dir, name, key, suffix=suffix)
    if content is None:
        content = make()
        keep(cache_dir, name, key, content, suffix=suffix)
    return content


def kept(cache_dir: Path, name: str, key: bytes, *, suffix: str) -> bytes | None:
    """The copy of ``name`` kept with this ``key``, if there is one."""
    try:
        return (cache_dir / _file_name(name, key, suffix)).read_bytes()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None


def keep(cache_dir: Path, name: str, key: bytes, content: bytes, *, suffix: str) -> None:
    """Keep ``content`` as the copy of ``name`` for this ``key`` (replacing the copies kept
    for other keys), if ``cache_dir`` can be written."""
    if not _writable(cache_dir):
        return
    file_name = _file_name(name, key, suffix)
    for stale in cache_dir.glob(f"{name}-*{suffix}"):
        # Only this name's copies: « tab03-… » is not a copy of « tab03 ».
        if _DIGEST.fullmatch(stale.name[len(name) + 1:len(stale.name) - len(suffix)]):
            stale.unlink(missing_ok=True)
    # Whole or not at all: another build of the project may read it meanwhile.
    with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=file_name, delete=False) as temp:
        temp.write(content)
    os.replace(temp.name, cache_dir / file_name)


def _file_name(name: str, key: bytes, suffix: str) -> str:
    return f"{name}-{hashlib.sha256(key).hexdigest()[:16]}{suffix}"


def source_digest(*modules: ModuleType) -> bytes:
    """Digest of the modules' source: part of the key of what their code makes."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()


def project_models_digest(models: Iterable[type]) -> bytes:
    """Digest of the modules that define ``models``, the project's own ones only (the
    generator's code is keyed on its own): a project's kinds are part of what they make."""
    modules = {sys.modules[model.__module__] for model in models
               if not model.__module__.startswith("generator.")}
    return source_digest(*sorted(modules, key=lambda module: module.__name__))


@functools.cache
def package_version(name: str) -> bytes:
    """An installed package's version, read without importing it: part of the key of what
    that package makes."""
    return importlib.metadata.version(name).encode()


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's compiled templates, kept in ``folder`` so that a build does not compile them
    all again. Jinja checks each template's source, not what else the compiled code depends
    on: ``settings`` names the files. A folder that cannot be written is only read."""

    def __init__(self, folder: Path, settings: bytes) -> None:
        self.prefix = f"jinja-{hashlib.sha256(settings).hexdigest()[:12]}-"
        self.writable = folder if _writable(folder) else None
        super().__init__(str(folder), self.prefix + "%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        # Where the folder should be, a file: nothing was kept there.
        with contextlib.suppress(NotADirectoryError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if self.writable is not None:
            super().dump_bytecode(bucket)

    def remove_stale(self) -> list[Path]:
        """Remove the files compiled with other settings."""
        if self.writable is None:
            return []
        stale = [path for path in self.writable.glob("jinja-*.cache")
                 if not path.name.startswith(self.prefix)]
        for path in stale:
            path.unlink()
        return stale


def _writable(folder: Path) -> bool:
    """Whether ``folder`` exists or can be made, and can be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)
