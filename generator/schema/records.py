"""The models of the catalogue's records: reports, aids, case studies, glossary terms,
recommendations and the change log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from .. import dates
from .fields import (
    AidId,
    CaseId,
    HttpUrl,
    Pages,
    PublishedDate,
    Record,
    RecordId,
    ReportId,
    TermId,
    Text,
)
from .vocabularies import (
    Basis,
    BrusselsAccess,
    CaseSector,
    CaseSize,
    Kind,
    LegalForm,
    Level,
    Maturity,
    Need,
    OtherSourceKind,
    ProjectTheme,
    RecommendationAudience,
    RecommendationTheme,
    Region,
    Sector,
    Size,
    SupportType,
    Target,
    TermBasis,
    TermCategory,
)

# --------------------------------------------------------------------------- sources


class Source(Record):
    """One of the five reports every fact comes from."""

    id: RecordId = Field(description="Identifiant du rapport, cité par les fiches.")
    title: Text = Field(description="Titre complet du rapport.")
    short_title: Text = Field(description="Titre court, affiché dans les mentions de source.")
    authors: list[Text] = Field(min_length=1, description="Auteurs ou autrices.")
    publisher: Text = Field(description="Éditeur, commanditaire ou consortium.")
    published: Text = Field(description="Date de publication telle qu'imprimée (« Février 2024 »).")
    date: dt.date = Field(description="Date de publication (AAAA-MM-JJ), pour trier et dater.")
    url: HttpUrl | None = Field(default=None, description="Adresse publique du rapport.")


class SourceRef(Record):
    """Where in a report a fact is printed."""

    report: ReportId = Field(description="Identifiant du rapport (data/sources.yaml).")
    section: Text = Field(description="Partie ou section du rapport, en français.")
    pages: Pages = Field(description="Page ou plage de pages : « 8 » ou « 13-19 ».")


# --------------------------------------------------------------------------- aids


class Match(Record):
    """Values the decision path matches; an empty or absent list means « tous »."""

    regions: list[Region] = Field(default=[], description="Régions du siège d'exploitation.")
    legal_forms: list[LegalForm] = Field(default=[], description="Formes juridiques admises.")
    sectors: list[Sector] = Field(default=[], description="Secteurs ou agréments requis.")
    sizes: list[Size] = Field(default=[], description="Tailles d'organisation admises.")
    maturity: list[Maturity] = Field(default=[], description="Niveaux de maturité numérique.")


class Component(Record):
    name: Text = Field(description="Nom du volet.")
    description: Text | None = Field(default=None, description="Ce que couvre le volet.")
    amount: Text | None = Field(default=None, description="Montant du volet, tel qu'imprimé.")


class Discrepancy(Record):
    """A fact the report prints inconsistently (two values, or an obvious misprint)."""

    class Value(Record):
        value: Text = Field(description="La valeur telle qu'imprimée.")
        where: Text = Field(description="Où elle est imprimée (section, page).")

    about: Text = Field(description="Ce sur quoi porte l'incohérence (« Montant », « Effectif »…).")
    note: Text = Field(description="Ce qui diverge, en une phrase.")
    values: list[Value] = Field(min_length=1, description="Les valeurs telles qu'imprimées.")


class OtherSource(Record):
    """A source beyond the reports: the scheme's official site, or a check with its operator."""

    kind: OtherSourceKind = Field(description="official-site (site officiel) ou verification.")
    url: HttpUrl | None = Field(
        default=None, description="Adresse consultée (obligatoire pour un site officiel).")
    consulted: dt.date = Field(description="Date de consultation ou de vérification (AAAA-MM-JJ).")
    by: Text | None = Field(
        default=None, description="Qui a vérifié, et comment (vérification : obligatoire).")
    note: Text | None = Field(default=None, description="Ce que cette source établit.")
    status: Text | None = Field(
        default=None, description="Statut constaté à cette date, tel que la source le dit.")

    @model_validator(mode="after")
    def _complete(self) -> OtherSource:
        if self.kind is OtherSourceKind.OFFICIAL_SITE and not self.url:
            raise ValueError("un site officiel se cite par son adresse (url)")
        if self.kind is OtherSourceKind.VERIFICATION and not self.by:
            raise ValueError("une vérification dit qui l'a faite et comment (by)")
        return self


class Aid(Record):
    """An aid scheme, resource, policy or mention of the inventory (seed 002)."""

    id: RecordId = Field(description="Identifiant stable ; il forme l'URL /aides/<id>/.")
    name: Text = Field(description="Nom tel qu'imprimé dans le rapport.")
    aliases: list[Text] = Field(default=[], description="Autres graphies du nom.")
    operator: Text | None = Field(description="Organisme qui gère ou finance le dispositif.")
    level: Level = Field(description="Niveau de pouvoir ou pays.")
    kind: Kind = Field(description="Aide, ressource, politique ou simple mention.")
    support_types: list[SupportType] = Field(
        description="Formes de soutien, la principale en premier ([] si non précisées)."
    )
    digital_specific: bool | None = Field(
        description="Dédié spécifiquement au numérique ? (null si le rapport ne le dit pas)"
    )
    targets: list[Target] = Field(description="Publics visés ([] si non précisés).")
    targets_basis: Basis = Field(
        default=Basis.SITE,
        description="D'où viennent les publics : report (le rapport les nomme), site (lecture "
                    "du site) ou not-in-report (le rapport n'en dit rien ; classement du site).")
    needs: list[Need] = Field(description="Besoins auxquels il répond.")
    needs_basis: Basis = Field(
        default=Basis.SITE,
        description="D'où viennent les besoins : report, site ou not-in-report (comme "
                    "targets_basis).")
    eligibility: Text | None = Field(description="Qui peut en bénéficier, à quelles conditions.")
    amount: Text | None = Field(description="Montants exacts, tels qu'imprimés.")
    funds: Text | None = Field(description="Ce qu'il finance ou apporte.")
    period: Text | None = Field(description="Période, telle qu'imprimée.")
    period_start: PublishedDate | None = Field(
        default=None, description="Début, aussi précis que publié : AAAA, AAAA-MM ou AAAA-MM-JJ.")
    period_end: PublishedDate | None = Field(
        default=None, description="Fin, aussi précise que publiée : AAAA (« jusqu'en 2025 » : "
                                   "2025), AAAA-MM ou AAAA-MM-JJ.")
    status_reported: Text | None = Field(description="Statut selon le rapport, à sa date.")
    url: HttpUrl | None = Field(description="Lien officiel, tel qu'imprimé.")
    sources: list[SourceRef] = Field(
        description="Où le rapport en parle ([] pour une aide connue par son seul site "
                    "officiel : other_sources le dit alors).")
    other_sources: list[OtherSource] = Field(
        default=[], description="Sources hors des rapports : site officiel consulté, "
                                "vérification auprès de l'opérateur.")
    brussels_access: BrusselsAccess = Field(
        description="Une ASBL bruxelloise peut-elle y recourir ?"
    )
    brussels_note: Text | None = Field(description="Pourquoi, en une ou deux phrases.")
    outside_path: Text | None = Field(
        default=None, description="Pourquoi le parcours ne propose pas cette aide, pourtant "
                                  "accessible (yes ou conditional) : sinon, placez-la dans "
                                  "data/paths.yaml.")
    match: Match = Field(default=Match(), description="Valeurs pour le parcours de décision.")
    components: list[Component] = Field(default=[], description="Volets du dispositif.")
    discrepancies: list[Discrepancy] = Field(
        default=[], description="Valeurs contradictoires du rapport."
    )
    related_aids: list[AidId] = Field(default=[], description="Dispositifs liés (ids).")
    last_verified: dt.date | None = Field(
        default=None, description="Date où une personne a revérifié la fiche à la source."
    )
    verified_status: Text | None = Field(
        default=None, description="Statut constaté lors de cette vérification."
    )

    @model_validator(mode="after")
    def _verification_is_dated(self) -> Aid:
        if self.verified_status and not self.last_verified:
            raise ValueError("verified_status demande une date last_verified")
        if (self.period_start and self.period_end
                and dates.required(self.period_start).first
                > dates.required(self.period_end).last):
            raise ValueError("period_start est postérieure à period_end")
        if not self.sources and not self.other_sources:
            raise ValueError("une fiche cite au moins une source : un rapport (sources) ou "
                             "le site officiel consulté (other_sources)")
        if self.status_reported and not self.sources:
            raise ValueError("status_reported est le statut selon un rapport : citez ce "
                             "rapport (sources), ou donnez le statut constaté dans "
                             "other_sources (status)")
        return self


# --------------------------------------------------------------------------- cases


class CaseProject(Record):
    focus: Text = Field(description="Le projet numérique étudié.")
    provider: Text | None = Field(default=None, description="Prestataire, s'il est nommé.")
    timeline: list[Text] = Field(default=[], description="Étapes datées, telles qu'imprimées.")
    cost: Text | None = Field(default=None, description="Coût, chiffres tels qu'imprimés.")
    funding: list[Text] = Field(default=[], description="Sources de financement.")
    aids: list[AidId] = Field(default=[], description="Aides du catalogue mobilisées (ids).")


class CaseEffects(Record):
    employment: list[Text] = Field(default=[], description="Effets sur les conditions d'emploi.")
    processes: list[Text] = Field(default=[], description="Effets sur les processus.")
    service_quality: list[Text] = Field(default=[], description="Effets sur la qualité du service.")


class Case(Record):
    """A case study of digitalisation (seed 001)."""

    id: RecordId = Field(description="Identifiant stable ; il forme l'URL /cas/<id>/.")
    name: Text = Field(description="Nom de l'organisation, tel que donné par le rapport.")
    pseudonym: bool = Field(description="Nom d'emprunt probable (le rapport en utilise) ?")
    summary: Text = Field(description="Deux ou trois phrases pour la liste des cas.")
    sector: Text = Field(description="Le domaine de l'organisation.")
    sectors: list[CaseSector] = Field(min_length=1, description="Secteurs (vocabulaire).")
    size: CaseSize = Field(description="Taille de l'organisation.")
    size_note: Text | None = Field(default=None, description="Effectifs, tels que rapportés.")
    country: Text = Field(description="Pays.")
    region: Text | None = Field(default=None, description="Région.")
    interviewees: list[Text] = Field(default=[], description="Fonctions des personnes interrogées.")
    themes: list[ProjectTheme] = Field(min_length=1, description="Thèmes du projet.")
    tools: list[Text] = Field(default=[], description="Outils et logiciels nommés.")
    context: list[Text] = Field(min_length=1, description="Contexte, en paragraphes.")
    covid_impact: Text | None = Field(default=None, description="Effets de la crise sanitaire.")
    project: CaseProject
    objectives: list[Text] = Field(default=[], description="Objectifs du projet.")
    steps: list[Text] = Field(default=[], description="Étapes du projet.")
    obstacles: list[Text] = Field(default=[], description="Obstacles rencontrés.")
    success_factors: list[Text] = Field(default=[], description="Leviers et facteurs de réussite.")
    effects: CaseEffects = Field(default=CaseEffects(), description="Effets de la digitalisation.")
    pooling: Text | None = Field(default=None, description="Mutualisation, s'il y en a.")
    lessons: list[Text] = Field(default=[], description="Enseignements (« inspirations »).")
    transferability: list[Text] = Field(default=[], description="Conditions de transfert.")
    citation: SourceRef = Field(description="Le chapitre du rapport consacré au cas (à citer).")
    sources: list[SourceRef] = Field(min_length=1, description="Où le rapport en parle.")
    discrepancies: list[Discrepancy] = Field(default=[], description="Incohérences du rapport.")


# --------------------------------------------------------------------------- glossary


class Term(Record):
    """A glossary term (seed 003, and terms seed 004 explains)."""

    id: RecordId = Field(description="Identifiant stable ; ancre /glossaire/#<id>.")
    term: Text = Field(description="Le terme, tel qu'employé par la source.")
    aliases: list[Text] = Field(default=[], description="Autres formes liées au terme.")
    category: TermCategory = Field(description="Famille du terme.")
    definition: Annotated[Text, StringConstraints(max_length=400)] = Field(
        description="Définition courte (infobulle)."
    )
    details: Text | None = Field(default=None, description="Explication plus longue.")
    examples: list[Text] = Field(default=[], description="Outils ou exemples cités.")
    related_terms: list[TermId] = Field(default=[], description="Termes liés (ids).")
    basis: TermBasis = Field(description="Défini, expliqué ou illustré par la source.")
    sources: list[SourceRef] = Field(min_length=1, description="Où la source en parle.")
    discrepancies: list[Discrepancy] = Field(default=[], description="Incohérences de la source.")


# --------------------------------------------------------------------------- recommendations


class Recommendation(Record):
    """A recommendation of one of the reports (seeds 004, 002 and 000)."""

    id: RecordId = Field(description="Identifiant stable ; ancre /recommandations/#<id>.")
    theme: RecommendationTheme = Field(description="Thème.")
    audience: RecommendationAudience = Field(description="À qui elle s'adresse.")
    sub_audience: Text | None = Field(default=None, description="Précision du public.")
    text: Text = Field(description="La recommandation, reformulée.")
    observation: Text | None = Field(default=None, description="Le constat auquel elle répond.")
    examples: list[Text] = Field(default=[], description="Exemples cités par le rapport.")
    related_aids: list[AidId] = Field(default=[], description="Dispositifs du catalogue cités.")
    sources: list[SourceRef] = Field(min_length=1, description="Où le rapport la formule.")


# --------------------------------------------------------------------------- change log


class Change(Record):
    """A dated change to the data: the change log (« Journal des modifications »)."""

    id: RecordId = Field(description="Identifiant : date et mot-clé (2026-11-24-publication).")
    date: dt.date = Field(description="Date de la modification (AAAA-MM-JJ).")
    summary: Text = Field(description="Ce qui a changé et pourquoi, en une ou deux phrases.")
    aids: list[AidId] = Field(default=[], description="Aides ajoutées ou corrigées.")
    cases: list[CaseId] = Field(default=[], description="Études de cas ajoutées ou corrigées.")
    terms: list[TermId] = Field(default=[], description="Termes ajoutés ou corrigés.")

