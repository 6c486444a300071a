"""Field types shared by every record: plain text, ids, references, addresses, pages, dates.

Each type carries its limits (length, refused characters) so that pydantic checks them and the
JSON Schema publishes them; :class:`FieldError` carries the hint shown with a bad value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
    StringConstraints,
)

from .. import dates

# Control characters (other than tab and new line) are invisible and break exports; bidi
# controls (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C) reorder
# what a reader sees (« Trojan Source »); U+2028 and U+2029 end a line in JavaScript.
# Checked by a pattern, which pydantic runs in Rust: a Python validator here cost a third
# of the validation time of 10,000 records.
INVISIBLE = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
"""Characters refused in every text: a regular-expression class body, written with escapes
that Python, pydantic's Rust engine and JSON Schema (ECMAScript) all read alike."""
_PRINTABLE = f"^[^{INVISIBLE}]*$"
FIND_INVISIBLE = re.compile(f"[{INVISIBLE}]")

MAX_TEXT = 5_000
"""Longest text field: four times the longest paragraph of the reports' data (1,234
characters); a longer one is a paste gone wrong, and would weigh on every page showing it."""
MAX_URL = 2_000
MAX_ID = 80
MAX_PAGES = 20

Text = Annotated[
    str,
    Strict(),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT,
                      pattern=_PRINTABLE),
]
"""Plain French text. Never Markdown or HTML: it is escaped wherever it is shown."""

RecordId = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=MAX_ID),
]


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to a record of another file (checked, back-linked)."""

    kind: str


ReportId = Annotated[RecordId, Ref("sources")]
AidId = Annotated[RecordId, Ref("aids")]
CaseId = Annotated[RecordId, Ref("cases")]
TermId = Annotated[RecordId, Ref("glossary")]
RecommendationId = Annotated[RecordId, Ref("recommendations")]
StepId = Annotated[RecordId, Ref("paths")]


class FieldError(ValueError):
    """A validation error that knows how to fix it (shown as the hint)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def _http_url(value: str) -> str:
    # Any white space or control character is refused, not stripped: a line break in a URL
    # written into Markdown would end the link and start new markup (a smuggled link).
    for column, char in enumerate(value, start=1):
        if char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            raise FieldError(
                f"l'adresse contient un caractère interdit ({describe_char(char)}, "
                f"{column}e caractère)",
                "Une adresse ne contient ni espace, ni saut de ligne, ni caractère invisible : "
                "encodez l'espace en %20, ou recopiez l'adresse depuis le navigateur.")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FieldError("l'adresse doit commencer par http:// ou https://",
                         "Recopiez l'adresse complète depuis la barre du navigateur.")
    if any(char in value for char in ' "<>\\`{}|^'):
        raise FieldError(
            "l'adresse contient un caractère interdit (guillemet, chevron, accolade…)",
            "Encodez ces caractères (%22 pour un guillemet) ou recopiez l'adresse depuis le "
            "navigateur.")
    return value


def describe_char(char: str) -> str:
    """« U+202E RIGHT-TO-LEFT OVERRIDE », « espace », « saut de ligne »."""
    named = {" ": "espace", "\n": "saut de ligne", "\t": "tabulation", "\r": "retour chariot"}
    if char in named:
        return named[char]
    return f"U+{ord(char):04X} {unicodedata.name(char, 'caractère de contrôle')}"


HttpUrl = Annotated[str, Strict(), StringConstraints(max_length=MAX_URL),
                    AfterValidator(_http_url)]


def _pages_as_text(value: Any) -> Any:
    # A maintainer writing `pages: 8` means the page « 8 »: accept the number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Pages = Annotated[
    str,
    BeforeValidator(_pages_as_text),
    Strict(),
    StringConstraints(pattern=r"^\d+(?:-\d+)?$", max_length=MAX_PAGES),
]


def _date_as_text(value: Any) -> Any:
    # `period_end: 2025` is read by YAML as a number: the year « 2025 ».
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _real_date(value: str) -> str:
    if dates.parse(value) is None:
        raise ValueError(f"date invalide : « {value} » : écrivez AAAA, AAAA-MM ou "
                         "AAAA-MM-JJ, aussi précis que la source")
    return value


PublishedDate = Annotated[
    str,
    BeforeValidator(_date_as_text),
    Strict(),
    StringConstraints(pattern=dates.PATTERN, max_length=len("AAAA-MM-JJ")),
    AfterValidator(_real_date),
]
"""A date as precise as published: « 2025 », « 2025-06 » or « 2025-06-30 »."""


class Record(BaseModel):
    """Common settings: unknown fields are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)
