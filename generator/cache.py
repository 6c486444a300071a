"""Files a build derives from code and data that are slow to make, kept between builds:
survey charts and the path's diagram in the project's ``.cache/``; what depends on the code
alone (compiled templates, the JSON Schemas of /donnees/) with the installed package, for
every project.

Each copy is named by a digest of everything it depends on: a stale copy is never used, and
is removed when the file is made again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from jinja2.bccache import Bucket, FileSystemBytecodeCache

# Beside the package's compiled modules: ignored by git and by packaging, like them, and
# made once per installation, like them (`make install` runs `compile-templates`).
PACKAGE_CACHE = Path(__file__).parent / "__pycache__"


def cached(cache_dir: Path | None, name: str, key: bytes, make: Callable[[], bytes], *,
           suffix: str, code_only: bool = False) -> bytes:
    """``make()``, or the copy kept from a build with the same ``key`` in ``cache_dir``. A
    file that depends on the code alone (``code_only``) is looked for with the package
    first, and kept there when the package can be written."""
    if cache_dir is None:
        return make()
    file_name = f"{name}-{hashlib.sha256(key).hexdigest()[:16]}{suffix}"
    folders = _code_folders(cache_dir) if code_only else [cache_dir]
    for folder in folders:
        try:
            return (folder / file_name).read_bytes()
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
    content = make()
    folder = _first_writable(folders)
    if folder is not None:
        for stale in folder.glob(f"{name}-*{suffix}"):
            stale.unlink(missing_ok=True)
        # Whole or not at all: other builds may read the package's copy meanwhile.
        with tempfile.NamedTemporaryFile(dir=folder, prefix=file_name, delete=False) as temp:
            temp.write(content)
        os.replace(temp.name, folder / file_name)
    return content


def source_digest(*modules: ModuleType) -> bytes:
    """Digest of the modules' source: part of the key of what their code makes."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's compiled templates, kept beside the package's compiled modules.

    Like a module's ``.pyc``, a template is compiled once per installation (``make install``
    runs ``python -m generator compile-templates``; otherwise the first build does it), not
    once per project: compiling all of them is 0.25 s, 5 % of a 300-aid build. Where the
    package cannot be written (a read-only site-packages), templates compiled anew go to the
    project's ``fallback`` folder. Jinja checks each template's source, not what else the
    compiled code depends on: ``settings`` names the files.
    """

    def __init__(self, fallback: Path, settings: bytes) -> None:
        self.prefix = f"jinja-{hashlib.sha256(settings).hexdigest()[:12]}-"
        self.folders = _code_folders(fallback)
        self.writable = _first_writable(self.folders)
        super().__init__(str(self.writable or fallback), self.prefix + "%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        for folder in self.folders:
            try:
                with open(folder / (self.pattern % bucket.key), "rb") as compiled:
                    bucket.load_bytecode(compiled)
            except (FileNotFoundError, NotADirectoryError, PermissionError):
                continue
            if bucket.code is not None:  # else compiled from another source or Jinja: stale
                return

    def dump_bytecode(self, bucket: Bucket) -> None:
        if self.writable is not None:
            super().dump_bytecode(bucket)

    def remove_stale(self) -> list[Path]:
        """Remove the files compiled with other settings from the writable folder."""
        if self.writable is None:
            return []
        stale = [path for path in self.writable.glob("jinja-*.cache")
                 if not path.name.startswith(self.prefix)]
        for path in stale:
            path.unlink()
        return stale


def _code_folders(project_folder: Path) -> list[Path]:
    """Where what depends on the code alone is looked for, and written to the first writable
    one: the package (a read-only site-packages falls back to the project)."""
    return [PACKAGE_CACHE, project_folder]


def _first_writable(folders: list[Path]) -> Path | None:
    """The first of ``folders`` that exists or can be made, and can be written."""
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    return None
