"""Every vocabulary of the data, declared once with its French labels.

Levels, kinds, forms of support, publics, needs…: validation, catalogue filters, page labels
and the exported JSON Schema are all derived from these declarations.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


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
