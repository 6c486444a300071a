"""The record kinds: each data file (``data/<name>.yaml``), the model of its records and
their French names."""

from __future__ import annotations

from dataclasses import dataclass

from .decision_path import PathStep
from .fields import Record
from .records import Aid, Case, Change, Recommendation, Source, Term
from .survey import Profile


@dataclass(frozen=True)
class RecordKind:
    """A data file (``data/<name>.yaml``), the model of its records and their French names."""

    model: type[Record]
    label: str
    """How one record is introduced in lists of links: « Aide », « Étude de cas »."""
    plural: str
    unknown: str
    """Error message for a reference to a missing record: « aide inconnue »."""


RECORD_KINDS: dict[str, RecordKind] = {
    "sources": RecordKind(Source, "Rapport", "rapports", "rapport inconnu"),
    "aids": RecordKind(Aid, "Aide", "aides", "aide inconnue"),
    "cases": RecordKind(Case, "Étude de cas", "études de cas", "étude de cas inconnue"),
    "glossary": RecordKind(Term, "Terme", "termes", "terme inconnu"),
    "recommendations": RecordKind(Recommendation, "Recommandation", "recommandations",
                                  "recommandation inconnue"),
    "profiles": RecordKind(Profile, "Profil", "profils", "profil inconnu"),
    "changes": RecordKind(Change, "Modification", "modifications", "modification inconnue"),
    "paths": RecordKind(PathStep, "Résultat du parcours", "étapes du parcours",
                        "étape inconnue"),
}
"""Each data file (``data/<name>.yaml``) and the model of its records."""

