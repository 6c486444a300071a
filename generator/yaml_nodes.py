"""Read YAML text into plain data, keeping where every value was written.

PyYAML is used through its node tree (``compose``) so that each pydantic error can be
reported at the line and column of the faulty value, and so that duplicate keys, which
PyYAML silently accepts (yaml/pyyaml#165), can be rejected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from .errors import DataError
from .schema.walk import Location
from .yaml_guard import BaseLoader, structure_error


class _Loader(BaseLoader):
    """Safe loader that leaves dates as text, for pydantic to parse and report.

    PyYAML's own date parsing raises a bare ValueError on « 2023-13-45 », with no position.
    """

    # An instance attribute in PyYAML's stubs, a class attribute in its code: shadowed here.
    yaml_implicit_resolvers: dict[str, list[tuple[str, Any]]] = {  # noqa: RUF012
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
    }


class NodeIndex:
    """Finds the YAML node (and so the line and column) behind a data location."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def node(self, loc: Location) -> tuple[yaml.Node | None, yaml.Node | None]:
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

    def position(self, loc: Location, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its key."""
        node, key_node = self.node(loc)
        target = key_node if at_key and key_node is not None else node
        if target is None:
            return 1, 1
        return target.start_mark.line + 1, target.start_mark.column + 1


def read_yaml(text: str, path: str) -> tuple[Any, NodeIndex, list[DataError]]:
    """Parse YAML text; return the data, its node index and syntax or duplicate-key errors."""
    loader = _Loader(text)
    try:
        structure = structure_error(text, path)
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


