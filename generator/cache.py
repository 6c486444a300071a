"""Files a build derives from code and data that are slow to make (survey charts, the path's
diagram, the JSON Schemas of /donnees/), kept between builds in ``.cache/``.

Each copy is named by a digest of everything it depends on: a stale copy is never used, and
is removed when the file is made again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def cached(cache_dir: Path | None, name: str, key: bytes, make: Callable[[], bytes], *,
           suffix: str) -> bytes:
    """``make()``, or the copy kept in ``cache_dir`` from a build with the same ``key``."""
    if cache_dir is None:
        return make()
    copy = cache_dir / f"{name}-{hashlib.sha256(key).hexdigest()[:16]}{suffix}"
    if copy.exists():
        return copy.read_bytes()
    content = make()
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"{name}-*{suffix}"):
        stale.unlink()
    copy.write_bytes(content)
    return content


def source_digest(*modules: ModuleType) -> bytes:
    """Digest of the modules' source: part of the key of what their code makes."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()
