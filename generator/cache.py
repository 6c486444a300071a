"""Files a build derives from code and data that are slow to make, kept between builds in
one folder of the project, ``.cache/`` beside mkdocs.yml (never in the installed package):
compiled templates, the JSON Schemas of /donnees/, survey charts and the path's diagram.
The build, `mkdocs serve` and the command line (``render``) all use it.

Each copy is named by a digest of everything it depends on: a stale copy is never used, and
is removed when the file is made again. The folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from jinja2.bccache import Bucket, FileSystemBytecodeCache

FOLDER = ".cache"


def project_cache(root: Path) -> Path:
    """The cache of the project whose mkdocs.yml is in ``root``."""
    return root / FOLDER


def cached(cache_dir: Path | None, name: str, key: bytes, make: Callable[[], bytes], *,
           suffix: str) -> bytes:
    """``make()``, or the copy kept from a build with the same ``key`` in ``cache_dir``."""
    if cache_dir is None:
        return make()
    file_name = f"{name}-{hashlib.sha256(key).hexdigest()[:16]}{suffix}"
    try:
        return (cache_dir / file_name).read_bytes()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        pass
    content = make()
    if _writable(cache_dir):
        for stale in cache_dir.glob(f"{name}-*{suffix}"):
            stale.unlink(missing_ok=True)
        # Whole or not at all: another build of the project may read it meanwhile.
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=file_name, delete=False) as temp:
            temp.write(content)
        os.replace(temp.name, cache_dir / file_name)
    return content


def source_digest(*modules: ModuleType) -> bytes:
    """Digest of the modules' source: part of the key of what their code makes."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()


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
