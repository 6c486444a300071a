"""What a search result is: a vocabulary whose labels are the record kinds' own."""

from __future__ import annotations

from .kinds import RECORD_KINDS
from .vocabularies import Vocabulary


class SearchKind(Vocabulary):
    """What a search result is: shown next to each result and offered as a filter."""

    AID = "aid", RECORD_KINDS["aids"].label
    CASE = "case", RECORD_KINDS["cases"].label
    RECOMMENDATION = "recommendation", RECORD_KINDS["recommendations"].label
    TERM = "term", RECORD_KINDS["glossary"].label
    SURVEY = "survey", "Page d'enquête"
    PROFILE = "profile", RECORD_KINDS["profiles"].label
    PATH_RESULT = "path-result", RECORD_KINDS["paths"].label
    PAGE = "page", "Page"
