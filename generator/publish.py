"""Atomic publication of a built site.

Each build writes into a folder of its own beside the site (``site.partial-<pid>-<token>``)
and replaces the published site only once it is complete, under a lock on the folder that
holds it: two builds started together never share a folder, and the published site is
always one whole build. What a killed build leaves behind is removed by the next one.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.generator")

_LEFTOVER = re.compile(r"\.(?:partial|previous)(?:-(?P<pid>\d+)-[A-Za-z0-9_]+)?")
"""A staging or replaced folder: ``site.partial-123-abc``; ``site.partial`` and
``site.previous`` are the names older versions of the generator used."""


class PublicationError(Exception):
    """The site cannot be published where it is configured: said before anything is built."""


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (the site's parent) for the length of a swap."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def leftovers(final: Path) -> list[Path]:
    """Folders beside ``final`` left by builds that are no longer running."""
    found = []
    for candidate in final.parent.glob(f"{final.name}.*"):
        match = _LEFTOVER.fullmatch(candidate.name[len(final.name):])
        if match is None or not candidate.is_dir():
            continue
        pid = match.group("pid")
        if pid is None or (int(pid) != os.getpid() and not _alive(int(pid))):
            found.append(candidate)
    return found


def _remove_leftovers(final: Path) -> None:
    found = leftovers(final)
    # Killed between its two renames, a build leaves no site and the previous one aside:
    # put the previous one back.
    if not final.exists():
        for folder in found:
            if ".previous" in folder.name and (folder / final.name).is_dir():
                (folder / final.name).rename(final)
                log.warning("Site précédent remis en place depuis %s.", folder)
                break
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            # Not fatal: each build has a folder of its own, this one is only in the way.
            log.warning("Dossier laissé par une construction interrompue, impossible à "
                        "supprimer : %s. Supprimez-le à la main (droits d'écriture ?).", folder)


@dataclass
class Staging:
    """The folder one build writes into, and how it replaces the published site."""

    final: Path
    folder: Path

    @classmethod
    def begin(cls, final: Path) -> Staging:
        """A new, empty staging folder beside ``final``; checks first that the site can be
        replaced there, so that a build never does its work only to fail at the end."""
        final = Path(os.path.abspath(final))
        parent = final.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PublicationError(
                f"impossible de créer le dossier {parent} : {error.strerror}") from None
        if final.exists() and not final.is_dir():
            raise PublicationError(f"{final} existe et n'est pas un dossier : déplacez-le.")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise PublicationError(
                f"le dossier {parent} n'est pas modifiable : le site ({final.name}/) ne peut "
                "pas y être remplacé. Donnez-vous le droit d'écriture ou choisissez un autre "
                "dossier (mkdocs build --site-dir …).")
        _remove_leftovers(final)
        try:
            folder = tempfile.mkdtemp(prefix=f"{final.name}.partial-{os.getpid()}-", dir=parent)
        except OSError as error:
            raise PublicationError(
                f"impossible d'écrire dans {parent} : {error.strerror}") from None
        return cls(final, Path(folder))

    def publish(self) -> None:
        """Put the staged build in place of the site, in two renames made under the lock:
        another build publishing at the same moment waits for this one."""
        previous: Path | None = None
        with _locked(self.final.parent):
            if self.final.exists():
                previous = Path(tempfile.mkdtemp(
                    prefix=f"{self.final.name}.previous-{os.getpid()}-", dir=self.final.parent))
                try:
                    self.final.rename(previous / self.final.name)
                except OSError as error:
                    shutil.rmtree(previous, ignore_errors=True)
                    self.discard()
                    raise PublicationError(_cannot_replace(self.final, error)) from None
            self.folder.rename(self.final)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _cannot_replace(final: Path, error: OSError) -> str:
    reason = {errno.EBUSY: "il est utilisé comme point de montage",
              errno.EXDEV: "il est sur un autre disque"}.get(error.errno or 0, error.strerror)
    return (f"le site {final} n'a pas pu être remplacé ({reason}) : il est resté tel "
            "qu'il était.")
