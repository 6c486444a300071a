"""Commented YAML templates of new records, derived from the models (never out of date)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .load import vocabulary_of
from .schema import Aid, SourceRef

# Example values shown in the template where a blank would not say enough.
_EXAMPLES: dict[str, Any] = {
    "sources": [{"report": "aides-2024", "section": "", "pages": ""}],
    "match": {},
}


def new_aid_template(aid_id: str) -> str:
    """A commented record to paste at the end of data/aids.yaml."""
    lines = ["# Nouvelle fiche : complétez chaque champ, puis « python -m generator validate ».",
             f"- id: {aid_id}"]
    for name, info in Aid.model_fields.items():
        if name == "id":
            continue
        lines.extend(_field_lines(name, info))
    return "\n".join(lines) + "\n"


def _field_lines(name: str, info: FieldInfo) -> list[str]:
    comment = f"  # {info.description}"
    vocabulary = vocabulary_of(info.annotation)
    if vocabulary is not None:
        comment += " Valeurs : " + ", ".join(member.value for member in vocabulary) + "."
    if name == "sources":
        comment += f" Champs : {', '.join(SourceRef.model_fields)}."
    if name in _EXAMPLES:
        value = json.dumps(_EXAMPLES[name], ensure_ascii=False)
    elif info.is_required():
        value = "[]" if _is_list(info.annotation) else '""'
    else:
        default = info.get_default(call_default_factory=True)
        if isinstance(default, BaseModel):
            default = default.model_dump(exclude_defaults=True)
        value = json.dumps(default, ensure_ascii=False)
    return [comment, f"  {name}: {value}"]


def _is_list(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is list
