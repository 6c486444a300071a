"""A French message and a hint for each pydantic error: what is wrong, what is allowed,
what was probably meant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .schema import FIND_INVISIBLE, describe_char
from .schema.introspect import Declared, fields_of
from .schema.walk import Location

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


def _field_info(model: type[BaseModel], loc: Location) -> tuple[type[BaseModel] | None,
                                                           Declared | None]:
    """The model owning the last named step of ``loc`` and that field's declared type."""
    current: type[BaseModel] | None = model
    field: Declared | None = None
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        field = next((found for name, _, found in fields_of(current) if name == step), None)
        if field is None:
            return current, None
        current = field.find(BaseModel)
    return current, field


def _shortened(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


_PATTERN_HINTS = {
    "id": "Minuscules sans accents, chiffres et tirets : « bxl-prime-web ».",
    "report": "Minuscules sans accents, chiffres et tirets : « aides-2024 ».",
    "pages": "Une page (« 8 ») ou une plage (« 13-19 »).",
}


def explain(detail: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
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
        _, field = _field_info(model, loc)
        vocabulary = field.vocabulary if field else None
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
