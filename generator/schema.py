"""Record models and vocabularies: the single source of truth for the data.

Every vocabulary (levels, kinds, forms of support, publics, needs…) is declared once here,
with its French labels. Validation, catalogue filters, page labels and the exported JSON
Schema are all derived from these declarations.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from . import dates


def slugify(text: str) -> str:
    """ASCII slug for URLs: « Région de Bruxelles » → ``region-de-bruxelles``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Vocabulary(StrEnum):
    """A closed list of values, each with its French label.

    Members are declared as ``VALUE = "value-in-yaml", "Libellé"``, optionally followed by
    the everyday words for the value: ``("ordinateur", "PC", "laptop")``.
    """

    label: str
    slug: str
    """The label as a URL segment (group pages): made once, read on every link to them."""

    synonyms: tuple[str, ...]
    """Words people use for the value: they document it (/donnees/champs/) and are indexed
    with each record that has it, so that a search in everyday words finds it."""

    def __new__(cls, value: str, label: str, synonyms: tuple[str, ...] = ()) -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.slug = slugify(label)
        member.synonyms = synonyms
        return member


class Level(Vocabulary):
    EU = "eu", "Union européenne"
    FEDERAL = "federal", "Belgique – fédéral"
    NATIONAL_PRIVATE = "national-private", "Belgique – acteurs privés"
    BENELUX = "benelux", "Benelux"
    BRUSSELS = "brussels", "Région de Bruxelles-Capitale"
    FLANDERS = "flanders", "Région flamande"
    WALLONIA = "wallonia", "Région wallonne"
    SPAIN = "spain", "Espagne"
    FRANCE = "france", "France"
    QUEBEC = "quebec", "Québec"
    CANADA = "canada", "Canada"
    ITALY = "italy", "Italie"


class Kind(Vocabulary):
    AID = "aid", "Aide"
    RESOURCE = "resource", "Ressource"
    POLICY = "policy", "Politique"
    CONTEXT = "context", "Mention"


class SupportType(Vocabulary):
    SUBSIDY = "subsidy", "Subvention", ("subside", "subsides", "prime", "aide financière",
                                        "financement", "grant")
    CALL_FOR_PROJECTS = "call-for-projects", "Appel à projets", ("appel", "candidature")
    LOAN = "loan", "Prêt", ("emprunt", "crédit", "loan")
    TRAINING = "training", "Formation", ("cours", "atelier", "se former", "apprendre",
                                         "training")
    COACHING_SUPPORT = "coaching-support", "Accompagnement et conseil", (
        "accompagnement", "conseil", "coaching", "consultance")
    EQUIPMENT_DISCOUNT = "equipment-discount", "Réduction ou don de matériel et logiciels", (
        "don de matériel", "réduction", "licence gratuite", "logiciel gratuit",
        "ordinateur reconditionné")
    TOOL = "tool", "Outil en ligne", ("outil", "plateforme", "tool")
    INFORMATION_PORTAL = "information-portal", "Portail d'information"
    NETWORK = "network", "Réseau"
    AWARENESS = "awareness", "Sensibilisation"
    FUNDING_PROGRAMME = "funding-programme", "Programme de financement"
    INNOVATION_HUB = "innovation-hub", "Pôle d'innovation"
    POLICY_STRATEGY = "policy-strategy", "Stratégie ou plan public"
    LAW = "law", "Loi"
    LABEL = "label", "Label"
    RESEARCH_PROJECT = "research-project", "Projet de recherche"


class Target(Vocabulary):
    NON_PROFITS = "non-profits", "Associations (ASBL)", (
        "ASBL", "association", "VZW", "non marchand", "secteur associatif", "non-profit")
    SOCIAL_ECONOMY = "social-economy", "Entreprises d'économie sociale", (
        "économie sociale", "entreprise sociale")
    COOPERATIVES = "cooperatives", "Coopératives"
    WORK_INTEGRATION = "work-integration", "Entreprises de travail adapté et d'insertion"
    SMES = "smes", "PME et très petites entreprises", ("PME", "TPE", "SME")
    ENTERPRISES = "enterprises", "Toutes les entreprises"
    SELF_EMPLOYED = "self-employed", "Indépendants et professions libérales"
    PUBLIC_BODIES = "public-bodies", "Pouvoirs publics"
    NETWORKS = "networks", "Fédérations et réseaux"
    DIGITAL_PROVIDERS = "digital-providers", "Prestataires du numérique"
    CITIZENS = "citizens", "Citoyens, travailleurs et étudiants"
    RESEARCHERS = "researchers", "Chercheurs"


class Need(Vocabulary):
    AWARENESS = "awareness", "Se sensibiliser", ("sensibilisation", "découvrir",
                                                 "s'informer")
    DIAGNOSTIC = "diagnostic", "Faire un diagnostic", (
        "diagnostic", "autodiagnostic", "état des lieux", "audit", "maturité numérique")
    STRATEGY = "strategy", "Construire une stratégie", (
        "stratégie", "plan numérique", "feuille de route", "transformation numérique",
        "digitalisation")
    COACHING = "coaching", "Être accompagné", ("accompagnement", "conseil", "coach",
                                               "consultant")
    TRAINING = "training", "Former l'équipe", (
        "formation", "former", "se former", "compétences", "cours", "atelier", "apprendre",
        "compétences numériques", "training")
    LEADERSHIP_TRAINING = "leadership-training", "Former la direction"
    CHANGE_MANAGEMENT = "change-management", "Conduire le changement"
    EQUIPMENT_SOFTWARE = "equipment-software", "Matériel et logiciels", (
        "ordinateur", "ordinateurs", "PC", "portable", "ordinateur portable", "laptop",
        "tablette", "smartphone", "imprimante", "matériel", "équipement", "informatique",
        "parc informatique", "logiciel", "licence", "software", "hardware")
    WEB_ECOMMERCE = "web-ecommerce", "Site web et vente en ligne", (
        "site internet", "site web", "page web", "créer un site", "boutique en ligne",
        "e-commerce", "webshop", "vente en ligne", "visibilité", "website")
    CYBERSECURITY = "cybersecurity", "Cybersécurité", (
        "sécurité informatique", "piratage", "antivirus", "mots de passe", "sauvegarde")
    DATA_GDPR = "data-gdpr", "Données et RGPD", (
        "RGPD", "GDPR", "vie privée", "protection des données", "données personnelles")
    STRUCTURAL_FUNDING = "structural-funding", "Financement structurel", (
        "subside", "subvention de fonctionnement", "financement", "ETP", "fonctionnement")
    INNOVATION_RD = "innovation-rd", "Innovation et recherche"
    POOLED_PROJECT = "pooled-project", "Projet mutualisé"
    DIGITAL_INCLUSION = "digital-inclusion", "Inclusion numérique", (
        "fracture numérique", "e-inclusion", "espace public numérique", "EPN")
    ADMIN_SIMPLIFICATION = "admin-simplification", "Simplification administrative", (
        "administration", "gestion", "comptabilité", "démarches en ligne")
    NETWORKING = "networking", "Réseautage"
    PROVIDER_FUNDING = "provider-funding", "Financement des prestataires"
    LOAN_FINANCE = "loan-finance", "Emprunt"
    FIND_PROVIDER = "find-provider", "Trouver un prestataire", (
        "prestataire", "fournisseur", "développeur", "agence web")
    GREEN_IT = "green-it", "Numérique responsable"
    AI = "ai", "Intelligence artificielle", ("IA", "ChatGPT")
    POLICY_WATCH = "policy-watch", "Veille sur les politiques"
    FUNDRAISING = "fundraising", "Collecte de fonds", (
        "dons", "don en ligne", "crowdfunding", "financement participatif", "mécénat")


class BrusselsAccess(Vocabulary):
    YES = "yes", "Oui"
    CONDITIONAL = "conditional", "Sous conditions"
    INDIRECT = "indirect", "Indirectement"
    UNCLEAR = "unclear", "Non précisé par le rapport"
    OTHER_REGION = "other-region", "Non : autre région"
    FOREIGN_EXAMPLE = "foreign-example", "Exemple étranger"
    NOT_APPLICABLE = "not-applicable", "Sans objet (politique, loi)"


class CatalogueGroup(Vocabulary):
    """How the catalogue groups aids for a Brussels ASBL (the site's sorting, derived from
    ``brussels_access`` and ``kind``; see :func:`catalog.catalogue_group`)."""

    USABLE = "usable", "Accessibles à une ASBL bruxelloise"
    CONDITIONAL = "conditional", "Accessibles sous conditions"
    UNCERTAIN = "uncertain", "Accès indirect ou non précisé par le rapport"
    ELSEWHERE = "elsewhere", "Autres régions et exemples étrangers, pour s'inspirer"
    CONTEXT = "context", "Politiques, lois et mentions : le contexte"


class Region(Vocabulary):
    BRUSSELS = "brussels", "Bruxelles"
    FLANDERS = "flanders", "Flandre"
    WALLONIA = "wallonia", "Wallonie"
    ONLINE = "online", "En ligne"


class LegalForm(Vocabulary):
    ASBL = "asbl", "ASBL"
    FOUNDATION = "foundation", "Fondation"
    SOCIAL_ENTERPRISE = "social-enterprise", "Entreprise d'économie sociale"
    COOPERATIVE = "cooperative", "Coopérative"
    SHELTERED_WORKSHOP = "sheltered-workshop", "Entreprise de travail adapté"
    WORK_INTEGRATION = "work-integration", "Entreprise d'insertion"
    ASBL_WITH_ENTERPRISE_STATUS = "asbl-with-enterprise-status", "ASBL ayant le statut d'entreprise"
    ASBL_VAT_LIABLE = "asbl-vat-liable", "ASBL assujettie à la TVA"
    SME = "sme", "PME"
    PRACTITIONER = "practitioner", "Praticien indépendant"
    PUBLIC_BODY = "public-body", "Organisme public"
    NETWORK = "network", "Réseau ou fédération"


class Sector(Vocabulary):
    HEALTH = "health", "Santé"
    ELDERLY_CARE = "elderly-care", "Aide aux personnes âgées"
    SOCIO_CULTURAL = "socio-cultural", "Socioculturel"
    EDUCATION_HOUSING = "education-housing", "Éducation et logement"
    CP337 = "cp337", "Commissions paritaires 319, 329.03, 330 et 337"
    YOUTH = "youth", "Jeunesse (organisation reconnue)"
    FOOD_PRECARITY = "food-precarity", "Alimentation et précarité"
    HUMANITARIAN = "humanitarian", "Humanitaire"
    SOCIAL_ACTION = "social-action", "Action sociale"
    SPORT = "sport", "Sport"
    CULTURE = "culture", "Culture"
    SCIENCE = "science", "Science"
    ANTI_POVERTY = "anti-poverty", "Lutte contre la pauvreté"
    DIGITAL_PROVIDER = "digital-provider", "Prestataires du numérique"
    ELIGIBLE_NACE = "eligible-nace", "Secteurs NACE éligibles"
    NON_EXCLUDED_NACE = "non-excluded-nace", "Secteurs NACE non exclus"
    WORK_INTEGRATION = "work-integration", "Insertion socioprofessionnelle"
    CIRCULAR_ECONOMY = "circular-economy", "Économie circulaire"
    RETAIL_ECOMMERCE = "retail-ecommerce", "Commerce et vente en ligne"
    HORECA = "horeca", "Horeca"
    TOURISM = "tourism", "Tourisme"
    AGRICULTURE = "agriculture", "Agriculture"
    CONSTRUCTION = "construction", "Construction"
    MANUFACTURING = "manufacturing", "Industrie manufacturière"
    LOGISTICS = "logistics", "Logistique"
    DIGITAL_INCLUSION = "digital-inclusion", "Inclusion numérique"
    MARKET_ACTIVITIES = "market-activities", "Activités marchandes"


class Size(Vocabulary):
    MICRO = "micro", "Micro (moins de 10 personnes)"
    SMALL = "small", "Petite (moins de 50 personnes)"
    SME = "sme", "PME (moins de 250 personnes)"
    LE250 = "le250", "Jusqu'à 250 personnes"
    LE499 = "le499", "Jusqu'à 499 personnes"
    REVENUE_100K_50M = "revenue-100k-50m", "Chiffre d'affaires de 100 000 $ à 50 M$"


class Maturity(Vocabulary):
    STARTER = "starter", "Débutante"
    EXPLORER = "explorer", "En exploration"
    IMPLEMENTER = "implementer", "En mise en œuvre"
    ADVANCED = "advanced", "Avancée"


class CaseSector(Vocabulary):
    SOCIAL_TOURISM = "social-tourism", "Tourisme social"
    HEALTH = "health", "Santé"
    YOUTH = "youth", "Jeunesse et aide à la jeunesse"
    FAMILY_SUPPORT = "family-support", "Aide aux familles et à domicile"
    DISABILITY_INTEGRATION = "disability-integration", "Handicap et insertion"
    CIRCULAR_ECONOMY = "circular-economy", "Économie circulaire"
    SOCIO_CULTURAL = "socio-cultural", "Socioculturel et éducation permanente"
    SOCIAL_ACTION = "social-action", "Action sociale"
    RETAIL = "retail", "Vente et commerce"


class CaseSize(Vocabulary):
    """The survey's size classes (seed 000, in full-time equivalents), never a scale of the
    site's own; a case whose report gives no figure that fits one class says so."""

    MICRO = "micro", "Micro (moins de 10 ETP)"
    SMALL = "small", "Petite (moins de 50 ETP)"
    MEDIUM = "medium", "Moyenne (moins de 250 ETP)"
    LARGE = "large", "Grande (plus de 250 ETP)"
    FEDERATION = "federation", "Fédération ou réseau"
    UNCLASSIFIED = "unclassified", "Effectif non classable (voir le rapport)"

    @property
    def survey_class(self) -> bool:
        """One of the survey's classes (not a federation, not an unclassifiable headcount)."""
        return self not in {CaseSize.FEDERATION, CaseSize.UNCLASSIFIED}


class Basis(Vocabulary):
    """Whose statement a classification is: the report's, or the site's reading of it."""

    REPORT = "report", "Selon le rapport"
    SITE = "site", "Classement du site, d'après le texte du rapport"
    NOT_IN_REPORT = "not-in-report", "Non précisé dans le rapport ; classement du site"


class OtherSourceKind(Vocabulary):
    """A source beyond the five reports."""

    OFFICIAL_SITE = "official-site", "site officiel"
    VERIFICATION = "verification", "vérification"


class ProjectTheme(Vocabulary):
    MANAGEMENT_SOFTWARE = "management-software", "Logiciel métier"
    CRM = "crm", "Gestion des contacts (CRM)"
    ERP = "erp", "Progiciel de gestion (ERP)"
    DATA_MANAGEMENT = "data-management", "Gestion des données"
    HR_TOOLS = "hr-tools", "Outils RH"
    POOLING = "pooling", "Mutualisation"
    ONLINE_SALES = "online-sales", "Vente en ligne"
    COMMUNICATION = "communication", "Communication"
    COLLABORATION = "collaboration", "Outils collaboratifs"
    TRAINING = "training", "Formation"


class TermCategory(Vocabulary):
    TRANSFORMATION = "transformation", "Transformation numérique"
    SUPPORT = "support", "Accompagnement"
    FUNDING = "funding", "Financement"
    SECURITY = "security", "Sécurité"
    ORGANISATION = "organisation", "Organisation"
    SHARING = "sharing", "Le numérique du partage"
    POOLED = "pooled", "Le numérique mutualisé"
    COLLABORATIVE = "collaborative", "Le numérique collaboratif"
    STEERING = "steering", "Le numérique du pilotage"
    JOBS = "jobs", "Les métiers du numérique"
    INNOVATION = "innovation", "Innovations technologiques"
    FIELD = "field", "Termes du terrain"


class TermBasis(Vocabulary):
    DEFINED = "defined", "Défini par la source"
    EXPLAINED = "explained", "Expliqué en contexte par la source"
    EXAMPLES = "examples", "Illustré par des exemples dans la source"


class RecommendationTheme(Vocabulary):
    QUALITY_PROXIMITY = "quality-proximity", "Favoriser un service de qualité et de proximité"
    MENTAL_HEALTH = "mental-health", "Veiller à une bonne santé mentale des travailleur·euses"
    RELATIONS = "relations", "Prendre soin des relations"
    TRAINING = "training", "Favoriser la formation continue"
    ADAPTED_TOOLS = "adapted-tools", (
        "Proposer des outils numériques adaptés aux réalités de terrain"
    )
    DATA_PROTECTION = "data-protection", "Veiller à la protection des données"
    USER_CENTRED = "user-centred", (
        "Remettre l'utilisateur ou l'utilisatrice et ses spécificités au centre de l'accompagnement"
    )
    INTERNAL_POLICY = "internal-policy", (
        "Veiller à une politique interne du numérique qui renforce les droits"
    )
    AWARENESS_INFORMATION = "awareness-information", "Sensibiliser et informer sur le numérique"
    SPECIFIC_SUPPORT = "specific-support", "Un soutien propre au non-marchand"
    COLLABORATIVE_NETWORK = "collaborative-network", "Un réseau collaboratif pour la digitalisation"
    SURVEY_CONCLUSIONS = "survey-conclusions", "Conclusions de l'enquête"


class RecommendationAudience(Vocabulary):
    TEAMS_INSTITUTIONS = "teams-institutions", "Équipes et institutions"
    DECISION_MAKERS = "decision-makers", "Instances décideuses"
    PUBLIC_AUTHORITIES = "public-authorities", "Pouvoirs publics"
    ORGANISATIONS = "organisations", "Organisations non marchandes"


# --------------------------------------------------------------------------- field types

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


# --------------------------------------------------------------------------- survey tables


class SurveyTheme(Vocabulary):
    METHODOLOGY = "methodology", "Méthodologie et population"
    EQUIPMENT_CONNECTIVITY = "equipment-connectivity", "Équipement et connexion"
    INTERNAL_TOOLS = "internal-tools", "Outils internes et télétravail"
    MANAGEMENT_SOFTWARE = "management-software", "Logiciels de gestion et transmission de données"
    EXTERNAL_COMMUNICATION = "external-communication", "Communication externe"
    ONLINE_SERVICES = "online-services", "Services en ligne"
    ADVANCED_TECHNOLOGIES = "advanced-technologies", "Technologies avancées"
    CRISIS = "crisis", "La crise sanitaire"
    POSITIONING = "positioning", "Intérêt pour la digitalisation"
    OBJECTIVES = "objectives", "Objectifs"
    RESOURCES_NEEDS = "resources-needs", "Ressources et besoins"
    AWARENESS_AID = "awareness-aid", "Connaissance des aides"
    TYPOLOGY = "typology", "Les six profils"


class SurveyUnit(Vocabulary):
    PERCENT = "percent", "pourcentage"
    MEAN_7 = "mean-7", "moyenne sur une échelle de 1 à 7"
    COUNT = "count", "nombre d'organisations"
    OTHER = "other", "valeur telle qu'imprimée (voir la note)"


class SurveyLayout(Vocabulary):
    SINGLE = "single", "Une colonne"
    BREAKDOWN_SIZE = "breakdown-size", "Selon la taille"
    BREAKDOWN_SECTOR = "breakdown-sector", "Selon le domaine d'activités"
    BREAKDOWN_PROFILE = "breakdown-profile", "Selon le profil"
    OTHER = "other", "Autre"


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


# --------------------------------------------------------------------------- change log


class Change(Record):
    """A dated change to the data: the change log (« Journal des modifications »)."""

    id: RecordId = Field(description="Identifiant : date et mot-clé (2026-11-24-publication).")
    date: dt.date = Field(description="Date de la modification (AAAA-MM-JJ).")
    summary: Text = Field(description="Ce qui a changé et pourquoi, en une ou deux phrases.")
    aids: list[AidId] = Field(default=[], description="Aides ajoutées ou corrigées.")
    cases: list[CaseId] = Field(default=[], description="Études de cas ajoutées ou corrigées.")
    terms: list[TermId] = Field(default=[], description="Termes ajoutés ou corrigés.")


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


# --------------------------------------------------------------------------- record kinds

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


Location = tuple[str | int, ...]
Reference = tuple[Location, str, str]
_Walker = Callable[[Any, Location], Iterator[Reference]]


def references(record: BaseModel) -> Iterator[Reference]:
    """``(location, kind, id)`` for every reference a record holds, nested ones included."""
    return _walk_model(record, ())


def _walk_model(record: BaseModel, loc: Location) -> Iterator[Reference]:
    for name, walk in _field_walkers(type(record)):
        value = getattr(record, name)
        if value is not None:
            yield from walk(value, (*loc, name))


@cache
def _field_walkers(model: type[BaseModel]) -> list[tuple[str, _Walker]]:
    """How to find the references in each field of a model that can hold one: worked out
    once per model from its annotations, not again for every value (4× faster)."""
    return [(name, _walker(info.annotation, tuple(info.metadata)))
            for name, info in model.model_fields.items()
            if _can_refer(info.annotation, info.metadata)]


def _can_refer(annotation: Any, metadata: list[Any] = ()) -> bool:  # type: ignore[assignment]
    if any(isinstance(marker, Ref) for marker in metadata):
        return True
    if get_origin(annotation) is Annotated:
        base, *markers = get_args(annotation)
        return _can_refer(base, [*metadata, *markers])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(_can_refer(info.annotation, info.metadata)
                   for info in annotation.model_fields.values())
    return any(_can_refer(argument, []) for argument in get_args(annotation))


def _reference(kind: str) -> _Walker:
    def reference(value: Any, loc: Location) -> Iterator[Reference]:
        yield loc, kind, value
    return reference


def _walker(annotation: Any, metadata: tuple[Any, ...]) -> _Walker:
    """What finds the references in a (non-None) value of ``annotation``."""
    for marker in metadata:
        if isinstance(marker, Ref):
            return _reference(marker.kind)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _walker(args[0], (*metadata, *args[1:]))
    if origin is list:
        walk_item = _walker(args[0], ())

        def items(value: Any, loc: Location) -> Iterator[Reference]:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if item is not None:
                        yield from walk_item(item, (*loc, index))
        return items
    if origin in (Union, UnionType):
        options = [_walker(option, metadata) for option in args
                   if option is not type(None) and _can_refer(option, list(metadata))]

        def union(value: Any, loc: Location) -> Iterator[Reference]:
            for walk in options:
                yield from walk(value, loc)
        return union

    def model(value: Any, loc: Location) -> Iterator[Reference]:
        # The value's own class, as validated (in a union, one of several models).
        if isinstance(value, BaseModel):
            yield from _walk_model(value, loc)
    return model


# --------------------------------------------------------------------------- facets


@dataclass(frozen=True)
class FreeValue:
    """A filter value taken from the data itself (a tool name), shaped like a vocabulary member."""

    value: str

    @property
    def label(self) -> str:
        return self.value

    @cached_property
    def slug(self) -> str:
        return slugify(self.value)


Option = Vocabulary | FreeValue


@dataclass(frozen=True)
class Facet:
    """A listing filter: one field of the records, with a vocabulary or free values."""

    field: str
    title: str
    slug: str
    vocabulary: type[Vocabulary] | None = None
    """None: the values are free text (tool names), offered in alphabetical order."""

    def values_of(self, record: BaseModel) -> list[Option]:
        value = getattr(record, self.field)
        values = list(value) if isinstance(value, list) else [value]
        return values if self.vocabulary else [FreeValue(v) for v in values]

    def options(self, records: Iterable[BaseModel]) -> list[Option]:
        """Every value a filter offers, in display order."""
        if self.vocabulary:
            return list(self.vocabulary)
        found = {option for record in records for option in self.values_of(record)}
        return sorted(found, key=lambda option: option.label.casefold())


AID_FACETS: tuple[Facet, ...] = (
    Facet("brussels_access", "Accessible à une ASBL bruxelloise", "acces", BrusselsAccess),
    Facet("level", "Niveau", "niveau", Level),
    Facet("kind", "Nature", "nature", Kind),
    Facet("support_types", "Forme de soutien", "forme", SupportType),
    Facet("targets", "Public visé", "public", Target),
    Facet("needs", "Besoin", "besoin", Need),
)
"""The catalogue's filters, in display order. Their slugs name the static group pages."""

CASE_FACETS: tuple[Facet, ...] = (
    Facet("sectors", "Secteur", "secteur", CaseSector),
    Facet("size", "Taille", "taille", CaseSize),
    Facet("themes", "Thème du projet", "theme", ProjectTheme),
    Facet("tools", "Outils", "outil"),
)
"""The filters of the case-study listing."""


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
