"""Read YAML data files, keep where every value was written, validate records.

PyYAML is used through its node tree (``compose``) so that each pydantic error can be
reported at the line and column of the faulty value, and so that duplicate keys, which
PyYAML silently accepts (yaml/pyyaml#165), can be rejected.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from . import performance
from .errors import DataError
from .schema import FIND_INVISIBLE, Vocabulary, describe_char

try:  # libyaml is several times faster and keeps the same marks
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that leaves dates as text, for pydantic to parse and report.

    PyYAML's own date parsing raises a bare ValueError on « 2023-13-45 », with no position.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class NodeIndex:
    """Finds the YAML node (and so the line and column) behind a data location."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def node(self, loc: Loc) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The deepest node reached along ``loc`` and, when it is a mapping value, its key."""
        node, key_node = self.root, None
        for step in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for candidate_key, candidate_value in node.value:
                    if candidate_key.value == step:
                        node, key_node = candidate_value, candidate_key
                        break
                else:
                    return node, None  # a missing key: point at the mapping that lacks it
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node, None
                node, key_node = node.value[step], None
            else:
                return node, None
        return node, key_node

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its key."""
        node, key_node = self.node(loc)
        target = key_node if at_key and key_node is not None else node
        if target is None:
            return 1, 1
        return target.start_mark.line + 1, target.start_mark.column + 1


@dataclass
class LoadedFile(Generic[M]):
    """The valid records of one data file, with what is needed to point back into it."""

    path: str
    label: str
    index: NodeIndex | None
    """None once the file is known valid: rebuilt from ``text`` if an error found later
    needs a position."""
    records: list[tuple[int, M]] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)
    """Line where each valid record starts, by position."""
    text: str = ""

    def __iter__(self) -> Iterator[M]:
        return (record for _, record in self.records)

    def _nodes(self) -> NodeIndex:
        if self.index is None:
            _, self.index, _ = read_yaml(self.text, self.path)
        return self.index

    def line_of(self, position: int) -> int:
        if position in self.lines:
            return self.lines[position]
        return self._nodes().position((position,))[0]

    def error(
        self,
        position: int,
        loc: Loc,
        message: str,
        hint: str = "",
        *,
        record_id: str = "",
        at_key: bool = False,
    ) -> DataError:
        line, column = self._nodes().position((position, *loc), at_key=at_key)
        return DataError(
            path=self.path,
            line=line,
            column=column,
            location=format_location(self.label, (position, *loc)),
            message=message,
            hint=hint,
            record_id=record_id,
        )


def format_location(label: str, loc: Loc) -> str:
    """``("aids", 3, "sources", 0, "pages")`` → ``aids[3].sources[0].pages``."""
    text = label
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


MAX_DEPTH = 50
"""Deepest nesting of lists and mappings a data file may have (the data need 8 levels).
Checked before the tree is built: libyaml builds it by recursion, and 30,000 nested « [ »
overflow its stack (a segmentation fault that would kill `mkdocs serve`)."""


def _structure_error(text: str, path: str) -> DataError | None:
    """The first anchor, alias or excessive nesting in ``text``, read as a stream of parser
    events (flat, no recursion; a tenth of the time of building the tree).

    Aliases are refused rather than bounded: the data never needs them, and nine levels of
    aliases to aliases expand to 387 million values (« billion laughs »)."""
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                return DataError(
                    path, mark.line + 1, mark.column + 1, "YAML",
                    "ancre ou alias YAML (&nom, *nom) refusé",
                    "Recopiez la valeur à chaque endroit où elle sert : les données n'ont pas "
                    "besoin d'alias, et des alias d'alias peuvent multiplier la taille du "
                    "fichier lu par millions.")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
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


def read_yaml(text: str, path: str) -> tuple[Any, NodeIndex, list[DataError]]:
    """Parse YAML text; return the data, its node index and syntax or duplicate-key errors."""
    loader = _Loader(text)
    try:
        structure = _structure_error(text, path)
        if structure is not None:
            return None, NodeIndex(None), [structure]
        root = loader.get_single_node()
        if root is None:
            return None, NodeIndex(None), []
        duplicates = list(_duplicate_keys(root, path))
        data = _plain_data(root)
        if data is _NOT_PLAIN:
            data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "YAML illisible"
        return None, NodeIndex(None), [
            DataError(
                path,
                line,
                column,
                "YAML",
                f"syntaxe YAML invalide : {problem}",
                "Vérifiez l'indentation, les deux-points et les guillemets sur cette ligne "
                "et la précédente.",
            )
        ]
    except yaml.YAMLError as error:  # reader errors: bad bytes, control characters
        return None, NodeIndex(None), [
            DataError(path, 1, 1, "YAML", f"fichier illisible : {error}",
                      "Enregistrez le fichier en UTF-8, sans caractère de contrôle.")
        ]
    finally:
        loader.dispose()
    return data, NodeIndex(root), duplicates


_NOT_PLAIN = object()
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_OTHER_SCALARS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
_SCALAR_LOADER = yaml.SafeLoader("")
"""Lends PyYAML's own constructors of null, booleans and numbers (« 0o14 », « 1_000 »…)."""


class _NotPlain(Exception):
    pass


def _plain_data(root: yaml.Node) -> Any:
    """The data of a tree of plain mappings, lists and scalars, built directly: PyYAML's
    generic constructor takes three times as long. Anything else (explicit tags, a
    non-scalar key; anchors and aliases are refused before) gives ``_NOT_PLAIN``, for PyYAML."""
    seen: set[int] = set()

    def scalar(node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag not in _OTHER_SCALARS:
            raise _NotPlain
        return _SCALAR_LOADER.yaml_constructors[node.tag](_SCALAR_LOADER, node)

    def build(node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return scalar(node)
        if id(node) in seen:  # an alias: the same node met twice
            raise _NotPlain
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [build(item) for item in node.value]
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            mapping = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _NotPlain
                mapping[scalar(key_node)] = build(value_node)
            return mapping
        raise _NotPlain

    try:
        return build(root)
    except (_NotPlain, RecursionError):
        return _NOT_PLAIN


def _duplicate_keys(node: yaml.Node, path: str) -> Iterator[DataError]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    yield DataError(
                        path,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"clé « {key} »",
                        f"clé « {key} » en double (déjà définie à la ligne {first})",
                        "YAML garderait en silence la dernière valeur : supprimez ou "
                        "renommez l'une des deux.",
                    )
                else:
                    seen[key] = key_node
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


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


def load_records(path: Path, model: type[M], *, root: Path, label: str) -> LoadedFile[M]:
    """Load a YAML list of ``model`` records; collect every error instead of stopping."""
    display = display_path(path, root)
    text, problem = read_data_file(
        path, display, label, f"Créez {display} (une liste YAML, éventuellement vide : []).")
    if problem is not None:
        loaded: LoadedFile[M] = LoadedFile(display, label, NodeIndex(None))
        loaded.errors.append(problem)
        return loaded
    assert text is not None
    return validate_records(text, display, model, label=label)


def validate_records(text: str, path: str, model: type[M], *, label: str) -> LoadedFile[M]:
    """Validate the records of one YAML text."""
    with performance.cycle_collector_paused():
        return _validate_records(text, path, model, label=label)


def _validate_records(
    text: str, path: str, model: type[M], *, label: str
) -> LoadedFile[M]:
    data, index, errors = read_yaml(text, path)
    loaded: LoadedFile[M] = LoadedFile(path, label, index, errors=list(errors), text=text)
    if data is None:
        if not errors:  # empty, or comments only: a truncated file rather than no records
            loaded.errors.append(DataError(
                path, 1, 1, label, "le fichier est vide",
                "Un fichier de données est une liste de fiches ; écrivez [] s'il n'en a "
                "aucune."))
        return loaded
    if not isinstance(data, list):
        loaded.errors.append(DataError(
            path, 1, 1, label, "le fichier doit contenir une liste de fiches",
            "Chaque fiche commence par « - id: … » en début de ligne.",
        ))
        return loaded
    adapter = TypeAdapter(model)
    for position, raw in enumerate(data):
        record_id = raw.get("id") if isinstance(raw, dict) else None
        record_id = record_id if isinstance(record_id, str) else ""
        try:
            loaded.records.append((position, adapter.validate_python(raw)))
            loaded.lines[position] = index.position((position,))[0]
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = tuple(detail["loc"])
                message, hint = explain(detail, model)
                line, column = index.position((position, *loc),
                                              at_key=detail["type"] == "extra_forbidden")
                loaded.errors.append(DataError(
                    path, line, column, format_location(label, (position, *loc)),
                    message, hint, record_id))
    if not loaded.errors:
        # Every record's line is known. Positions are needed again only for an error found
        # later (a broken reference), and the text is then read again: the node tree is
        # freed here, before the cycle collector walks it.
        loaded.index = None
    return loaded


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- messages

_TYPE_NAMES = {
    bool: "un booléen", int: "un nombre", float: "un nombre", str: "un texte",
    list: "une liste", dict: "un objet (clé: valeur)", date: "une date", type(None): "rien (null)",
}


def _describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def did_you_mean(word: str, allowed: Sequence[str]) -> str:
    import difflib  # only when a value is wrong

    close = difflib.get_close_matches(str(word), allowed, n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


def _field_info(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel] | None, Any]:
    """The model owning the last named step of ``loc`` and that field's annotation."""
    current: type[BaseModel] | None = model
    annotation: Any = None
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        info = current.model_fields.get(step)
        if info is None:
            return current, None
        annotation = info.annotation
        current = _inner_model(annotation)
    return current, annotation


T = TypeVar("T", bound=type)


def _find_type(annotation: Any, base: T) -> T | None:
    """The first class derived from ``base`` inside an annotation (``list[X] | None`` → X)."""
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation  # type: ignore[return-value]
    for argument in getattr(annotation, "__args__", ()):
        found = _find_type(argument, base)
        if found is not None:
            return found
    return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    return _find_type(annotation, BaseModel)


def vocabulary_of(annotation: Any) -> type[Vocabulary] | None:
    return _find_type(annotation, Vocabulary)


def _shortened(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


_PATTERN_HINTS = {
    "id": "Minuscules sans accents, chiffres et tirets : « bxl-prime-web ».",
    "report": "Minuscules sans accents, chiffres et tirets : « aides-2024 ».",
    "pages": "Une page (« 8 ») ou une plage (« 13-19 »).",
}


def explain(detail: dict[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    """A French message and a hint for one pydantic error."""
    kind, value, loc = detail["type"], detail.get("input"), tuple(detail["loc"])
    field_name = next((step for step in reversed(loc) if isinstance(step, str)), "")
    if kind == "missing":
        return (f"champ obligatoire « {field_name} » absent",
                f"Ajoutez « {field_name}: … » (null si le rapport ne dit rien). "
                "Voir CONTRIBUTING.md.")
    if kind == "extra_forbidden":
        owner, _ = _field_info(model, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        return (f"champ inconnu « {field_name} »",
                f"Champs permis : {', '.join(allowed)}.{did_you_mean(field_name, allowed)}")
    if isinstance(value, bool) and kind in {"enum", "string_type", "literal_error"}:
        return ("YAML a lu cette valeur comme un booléen (yes/no/on/off/true/false)",
                'Mettez-la entre guillemets : "yes".')
    if kind == "enum":
        _, annotation = _field_info(model, loc)
        vocabulary = vocabulary_of(annotation)
        allowed = [member.value for member in vocabulary] if vocabulary else []
        shown = _shortened(value)
        return (f"valeur « {shown} » inconnue",
                f"Valeurs permises : {', '.join(allowed)}.{did_you_mean(shown, allowed)}")
    if kind == "string_type":
        return (f"texte attendu, reçu {_describe(value)}",
                "Écrivez le texte, entre guillemets au besoin.")
    if kind in {"bool_type", "bool_parsing"}:
        return f"booléen attendu, reçu {_describe(value)}", "Écrivez true ou false."
    if kind == "list_type":
        return (f"liste attendue, reçu {_describe(value)}",
                "Écrivez [a, b] ou une ligne « - valeur » par élément.")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"objet attendu, reçu {_describe(value)}", "Écrivez des lignes « clé: valeur »."
    if kind.startswith(("date", "datetime")):
        return f"date invalide : « {value} »", "Format AAAA-MM-JJ, par exemple 2024-02-29."
    if kind == "string_pattern_mismatch":
        if field_name not in _PATTERN_HINTS and isinstance(value, str):
            found = FIND_INVISIBLE.search(value)
            where = (f" ({describe_char(found.group())}, {found.start() + 1}e caractère)"
                     if found else "")
            return (f"le texte contient un caractère de contrôle invisible{where}",
                    "Retapez le texte ou supprimez le caractère invisible (copié d'un PDF ?) ; "
                    "les caractères qui inversent le sens de lecture sont refusés.")
        return f"valeur « {_shortened(value)} » mal formée", _PATTERN_HINTS.get(field_name, "")
    if kind == "string_too_short":
        return "texte vide", "Écrivez le texte, ou null si le rapport ne dit rien."
    if kind == "too_short":
        minimum = detail.get("ctx", {}).get("min_length", 1)
        return (f"liste trop courte (au moins {minimum} élément{'s' if minimum > 1 else ''})",
                "Complétez la liste.")
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        maximum = detail.get("ctx", {}).get("max_length")
        length = f"{len(value):,}".replace(",", " ") if isinstance(value, str) else "?"
        return (f"texte trop long ({length} caractères)",
                f"Au plus {maximum} caractères : résumez, ou vérifiez qu'un copier-coller n'a "
                "pas ajouté autre chose.")
    if kind == "value_error":
        error = detail.get("ctx", {}).get("error", detail["msg"])
        return str(error), getattr(error, "hint", "Voir CONTRIBUTING.md.")
    return detail["msg"], ""
