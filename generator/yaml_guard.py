"""What is refused before a data file is parsed: a file too large or not UTF-8, YAML
anchors and aliases, nesting too deep. Each refusal is a :class:`DataError` at the line and
column of the cause, with a hint; nothing is built from a file that fails here."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import DataError

try:  # libyaml is several times faster and keeps the same marks
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]


MAX_DEPTH = 50
"""Deepest nesting of lists and mappings a data file may have (the data need 8 levels).
Checked before the tree is built: libyaml builds it by recursion, and 30,000 nested « [ »
overflow its stack (a segmentation fault that would kill `mkdocs serve`)."""


def structure_error(text: str, path: str) -> DataError | None:
    """The first anchor, alias or excessive nesting in ``text``, read as a stream of parser
    events (flat, no recursion; a tenth of the time of building the tree).

    Aliases are refused rather than bounded: the data never needs them, and nine levels of
    aliases to aliases expand to 387 million values (« billion laughs »)."""
    # The base loader: events come from the parser, before any type is resolved.
    loader = BaseLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            mark = event.start_mark
            assert mark is not None  # the parser marks every event it makes
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return DataError(
                    path, mark.line + 1, mark.column + 1, "YAML",
                    "ancre ou alias YAML (&nom, *nom) refusé",
                    "Recopiez la valeur à chaque endroit où elle sert : les données n'ont pas "
                    "besoin d'alias, et des alias d'alias peuvent multiplier la taille du "
                    "fichier lu par millions.")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return DataError(
                        path, mark.line + 1, mark.column + 1, "YAML",
                        f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de listes "
                        "et d'objets)",
                        "Les fiches ont au plus une dizaine de niveaux : vérifiez les crochets "
                        "[ ] et accolades { } de cette ligne.")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                return None
    finally:
        loader.dispose()
    return None


MAX_FILE_BYTES = 50_000_000
"""Largest data file read (10,000 aids take 15 MB): beyond, a file is refused before it is
read, rather than filling the memory of the build."""


def _bytes(count: int) -> str:
    """« 50 000 001 octets »: exact, where « 50 Mo » would hide one byte too many."""
    return f"{count:,} octets".replace(",", "\u202f")


def read_data_file(path: Path, display: str, label: str,
                   missing_hint: str = "") -> tuple[str, None] | tuple[None, DataError]:
    """The text of a data file, or the error that says why it cannot be read: missing, a
    folder, too large, not UTF-8 (at the line and column of the first bad byte)."""
    try:
        if not path.is_file():
            if path.exists():
                return None, DataError(display, 1, 1, label, "ce n'est pas un fichier",
                                       f"Remplacez le dossier {display} par le fichier de "
                                       "données.")
            raise FileNotFoundError(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, DataError(
                display, 1, 1, label,
                f"fichier trop gros ({_bytes(size)}, au plus {_bytes(MAX_FILE_BYTES)})",
                "Vérifiez qu'il n'a pas été remplacé par autre chose (un export, une archive).")
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, DataError(display, 1, 1, label, "fichier introuvable",
                               missing_hint or f"Créez {display}.")
    except OSError as error:
        return None, DataError(display, 1, 1, label,
                               f"fichier illisible : {error.strerror or error}",
                               "Vérifiez les droits de lecture du fichier.")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, DataError(
            display, line, column, label,
            f"encodage invalide : l'octet 0x{raw[error.start]:02x} n'est pas de l'UTF-8",
            "Enregistrez le fichier en UTF-8 (dans LibreOffice : « Enregistrer sous », "
            "jeu de caractères Unicode UTF-8).")


