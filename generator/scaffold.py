"""Commented YAML templates of new records, derived from the models (never out of date)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from .schema import MAX_ID, Aid, OtherSource, OtherSourceKind, RecordId, SourceRef
from .schema.introspect import Declared, declared, fields_of

# Example values shown in the template where a blank would not say enough.
_EXAMPLES: dict[str, Any] = {
    "sources": [{"report": "aides-2024", "section": "", "pages": ""}],
    "match": {},
}


def id_problem(aid_id: str, reserved: frozenset[str] = frozenset()) -> str | None:
    """Why ``aid_id`` cannot name a new record (None if it can): checked before anything is
    written, with the schema's own rule for ids."""
    try:
        TypeAdapter(RecordId).validate_python(aid_id)
    except ValidationError:
        return (f"identifiant « {aid_id[:MAX_ID]} » refusé : minuscules sans accents, chiffres "
                f"et tirets, {MAX_ID} caractères au plus (« bxl-prime-web »).")
    if aid_id in reserved:
        return (f"identifiant « {aid_id} » réservé aux pages de listes : "
                f"{', '.join(sorted(reserved))}.")
    return None


SOURCE_CHOICES = {"rapport": "un des rapports de data/sources.yaml (section, pages)",
                  "site-officiel": "le site officiel du dispositif (adresse, date de "
                                   "consultation)"}
"""Where a new aid comes from: the answer that shapes its template (``new aid --source``)."""


def new_aid_template(aid_id: str, *, source: str | None = None, url: str | None = None,
                     today: date | None = None) -> str:
    """A commented record to paste at the end of data/aids.yaml.

    ``source``: « rapport » (the record cites a report), « site-officiel » (it cites the
    official site at ``url``, consulted ``today``: no report status then) or None (a report,
    with a comment saying how to cite the official site instead).
    """
    examples = dict(_EXAMPLES)
    header = ["# Nouvelle fiche : complétez chaque champ, puis « python -m generator validate »."]
    if source == "site-officiel":
        examples["sources"] = []
        examples["status_reported"] = None
        examples["other_sources"] = [{
            "kind": OtherSourceKind.OFFICIAL_SITE.value, "url": url or "",
            "consulted": (today or date.today()).isoformat(),
            "note": "", "status": ""}]
        header.append("# Source : le site officiel (other_sources) ; le statut est celui que le "
                      "site affiche à la date de consultation (status).")
    elif source is None:
        header.append("# Source : un rapport (sources). Aide connue par son seul site officiel : "
                      "sources: [] et other_sources: [{kind: official-site, url: …, "
                      "consulted: AAAA-MM-JJ, status: …}] (ou --source site-officiel).")
    return _record_template(Aid, aid_id, header, examples)


def new_record_template(model: type[BaseModel], record_id: str) -> str:
    """A commented record of any kind (``model``) to paste at the end of its data file."""
    header = ["# Nouvelle fiche : complétez chaque champ, puis « python -m generator validate »."]
    return _record_template(model, record_id, header, _EXAMPLES)


def _record_template(model: type[BaseModel], record_id: str, header: list[str],
                     examples: dict[str, Any]) -> str:
    lines = [*header, f"- id: {record_id}"]
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        lines.extend(_field_lines(name, info, examples))
    return "\n".join(lines) + "\n"


def _field_lines(name: str, info: FieldInfo, examples: dict[str, Any]) -> list[str]:
    comment = f"  # {info.description or name}"
    field = declared(info.annotation, info.metadata)
    vocabulary = field.vocabulary
    if vocabulary is not None:
        comment += " Valeurs : " + ", ".join(member.value for member in vocabulary) + "."
    if name == "sources":
        comment += f" Champs : {', '.join(SourceRef.model_fields)}."
    if name == "other_sources":
        comment += (f" Champs : {', '.join(OtherSource.model_fields)} ; kind : "
                    + ", ".join(kind.value for kind in OtherSourceKind) + ".")
    if name in examples:
        value = json.dumps(examples[name], ensure_ascii=False)
    elif info.is_required():
        value = json.dumps(_blank(field), ensure_ascii=False)
    else:
        default = info.get_default(call_default_factory=True)
        if isinstance(default, BaseModel):
            default = default.model_dump(exclude_defaults=True)
        value = json.dumps(default, ensure_ascii=False)
    return [comment, f"  {name}: {value}"]


def _blank(field: Declared) -> Any:
    """What a required field starts as: an empty list, its required fields for a nested
    record (a case's ``project``), else an empty text (as new aid always wrote)."""
    if field.is_list:
        return []
    if field.model is not None:
        return {name: _blank(inner) for name, info, inner in fields_of(field.model)
                if info.is_required()}
    return ""
