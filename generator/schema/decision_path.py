"""The models of the decision path's steps (data/paths.yaml): questions, answers, results."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import (
    Field,
    model_validator,
)

from .fields import AidId, RecommendationId, Record, RecordId, StepId, Text
from .records import SourceRef
from .vocabularies import Need, Region

# --------------------------------------------------------------------------- decision path


class PathAnswer(Record):
    """One answer of a question: a link to the next step."""

    id: RecordId = Field(description="Segment d'URL de la réponse (unique dans la question).")
    label: Text = Field(description="La réponse, telle que la lit l'utilisateur.")
    next: StepId = Field(description="Étape suivante : une question ou un résultat (id).")
    checked: Text | None = Field(
        default=None,
        description="Ce que cette réponse établit, affiché sous « Ce que le parcours a vérifié ».",
    )
    region: Region | None = Field(
        default=None, description="Région du siège établie par la réponse (contrôle des aides).")
    need: Need | None = Field(default=None, description="Besoin que la réponse exprime.")
    suggests: list[Need] = Field(
        default=[], description="Besoins à suggérer à la question suivante (maturité).")


class PathAid(Record):
    """An aid proposed by a result, with why it fits."""

    id: AidId = Field(description="Identifiant de l'aide (data/aids.yaml).")
    why: Text = Field(description="Pourquoi elle correspond, en une phrase.")
    check: Text | None = Field(
        default=None, description="Condition propre à ce résultat, à vérifier par l'utilisateur.")


class PathGap(Record):
    """Something the report says no scheme covers (« aucune aide bruxelloise ne finance… »)."""

    text: Text = Field(description="Le manque, en une ou deux phrases.")
    source: SourceRef = Field(description="Où le rapport le constate.")


class PathStep(Record):
    """A step of the decision path (data/paths.yaml): a question or a result.

    The first step of the file is the start. A question has ``question`` and ``answers``; a
    result has ``summary`` and lists of aids. Results are pages of their own, citable.
    """

    id: RecordId = Field(description="Identifiant stable ; un résultat est publié à "
                                     "/parcours/resultats/<id>/.")
    title: Text = Field(description="Titre court (question : nom du critère ; résultat : titre).")
    question: Text | None = Field(default=None, description="La question posée.")
    help: Text | None = Field(default=None, description="Aide à la réponse.")
    answers: list[PathAnswer] = Field(default=[], description="Réponses (question seulement).")
    summary: Text | None = Field(default=None, description="Ce que dit le résultat, en bref.")
    aids: list[PathAid] = Field(
        default=[], description="Aides qui correspondent, par ordre de pertinence.")
    conditional: list[PathAid] = Field(
        default=[], description="Aides possibles sous conditions (sélection, statut…).")
    online_tools: list[PathAid] = Field(
        default=[], description="Outils en ligne d'autres régions, utilisables de Bruxelles.")
    elsewhere: list[PathAid] = Field(
        default=[], description="Idées d'ailleurs : dispositifs étrangers ou d'autres régions, "
                                "à titre d'exemple.")
    watch: list[PathAid] = Field(
        default=[], description="Politiques et textes à suivre (pas des aides).")
    gaps: list[PathGap] = Field(default=[], description="Manques que le rapport constate.")
    recommendations: list[RecommendationId] = Field(
        default=[], description="Pistes du rapport liées à ce besoin (ids).")
    sources: list[SourceRef] = Field(default=[], description="Où le rapport fonde ce résultat.")

    @property
    def is_question(self) -> bool:
        return self.question is not None

    def proposed(self) -> Iterator[tuple[str, int, PathAid]]:
        """``(section, position, aid)`` for every aid the result names."""
        for section in PATH_SECTIONS:
            for position, item in enumerate(getattr(self, section)):
                yield section, position, item

    @model_validator(mode="after")
    def _question_or_result(self) -> PathStep:
        result_fields = [name for name in ("summary", *PATH_SECTIONS, "gaps")
                         if getattr(self, name)]
        if self.question is not None:
            if len(self.answers) < 2:
                raise ValueError("une question demande au moins deux réponses (answers)")
            if result_fields:
                raise ValueError("une question n'a pas de champs de résultat : "
                                 + ", ".join(result_fields))
            ids = [answer.id for answer in self.answers]
            if len(set(ids)) != len(ids):
                raise ValueError("deux réponses ont le même id")
        else:
            if self.answers:
                raise ValueError("des réponses (answers) sans question : ajoutez « question »")
            if not self.summary:
                raise ValueError("un résultat demande un résumé (summary), "
                                 "une question demande « question »")
            if not self.sources:
                raise ValueError("un résultat cite ses sources (sources)")
        return self


PATH_SECTIONS = ("aids", "conditional", "online_tools", "elsewhere", "watch")
"""The lists of aids a result can hold, in display order."""

