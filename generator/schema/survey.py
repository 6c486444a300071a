"""The models of the survey report (seed 000): its tables, its findings by theme, and the
six profiles of its typology."""

from __future__ import annotations

from pydantic import (
    Field,
)

from .fields import CaseId, RecommendationId, Record, RecordId, StepId, Text
from .records import Discrepancy, SourceRef
from .vocabularies import SurveyLayout, SurveyTheme, SurveyUnit


class SurveyTable(Record):
    """A table or figure of the survey report (seed 000); its values are in <id>.csv."""

    id: RecordId = Field(description="Identifiant ; le fichier de valeurs est <id>.csv.")
    number: Text | None = Field(description="Numéro imprimé (« Tableau 4 », « Figure 16 »).")
    title: Text = Field(description="Titre tel qu'imprimé.")
    theme: SurveyTheme = Field(description="Thème du rapport.")
    question: Text | None = Field(default=None, description="Question(s) du questionnaire.")
    population: int | None = Field(default=None, ge=1, description="Nombre de répondants (n).")
    unit: SurveyUnit = Field(description="Unité des valeurs.")
    layout: SurveyLayout = Field(description="Disposition des colonnes.")
    distribution: bool = Field(description="Chaque colonne totalise-t-elle 100 % ?")
    columns_legend: dict[Text, Text] = Field(default={}, description="Sens des en-têtes abrégés.")
    source: SourceRef = Field(description="Où le rapport l'imprime.")
    note: Text | None = Field(default=None, description="Ce que montre le tableau, réserves.")
    discrepancies: list[Discrepancy] = Field(default=[], description="Incohérences du rapport.")


class SurveySummary(Record):
    """What the survey report says on one theme: the text above that theme's tables."""

    theme: SurveyTheme = Field(description="Le thème.")
    summary: list[Text] = Field(min_length=1, description="Les constats clés, en paragraphes.")
    source: SourceRef = Field(description="Où le rapport les formule.")


# --------------------------------------------------------------------------- profiles


class Profile(Record):
    """One of the six technological profiles of the survey's typology (seed 000, Partie 4)."""

    id: RecordId = Field(description="Identifiant stable ; il forme l'URL /profils/<id>/.")
    number: int = Field(ge=1, le=6, description="Ordre des sections du rapport.")
    name: Text = Field(description="Nom du profil (d'après le contenu de sa section).")
    column: Text = Field(description="Code de colonne du Tableau 3 (LT, PQ, AI, SD, ND, RF).")
    count: int = Field(ge=1, description="Nombre d'organisations du profil (sur 219).")
    heading_as_printed: Text | None = Field(
        default=None, description="Titre imprimé quand il ne correspond pas au contenu.")
    summary: Text = Field(description="Qui sont-elles, en deux ou trois phrases.")
    composition: list[Text] = Field(default=[], description="Secteurs, tailles.")
    maturity: list[Text] = Field(default=[], description="Maturité numérique.")
    positioning: list[Text] = Field(default=[], description="Positionnement face au numérique.")
    objectives: list[Text] = Field(default=[], description="Objectifs.")
    needs: list[Text] = Field(default=[], description="Ressources et besoins.")
    report_recommends: list[Text] = Field(default=[], description="Ce que le rapport recommande.")
    recommendations: list[RecommendationId] = Field(
        default=[], description="Recommandations du rapport qui visent ce profil (ids).")
    self_portrait: Text = Field(
        description="Ce que dirait une organisation de ce profil, en une phrase à la première "
                    "personne (autodiagnostic sans JavaScript).")
    path_results: list[StepId] = Field(
        default=[], description="Résultats du parcours proposés à ce profil (choix du site).")
    cases: list[CaseId] = Field(
        default=[], description="Études de cas proches de ce profil (choix du site).")
    fit_note: Text | None = Field(
        default=None, description="Sur quoi reposent ces choix (besoins, recommandations…).")
    vignette: list[Text] = Field(default=[], description="Portrait tiré des entretiens.")
    sources: list[SourceRef] = Field(min_length=1, description="Où le rapport en parle.")
    discrepancies: list[Discrepancy] = Field(default=[], description="Incohérences du rapport.")


