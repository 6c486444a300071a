"""What the « En bref » box at the top of an aid page says, and whose word each line is.

A manager reading an aid page first needs: can a Brussels association use it, is it still
running (and who says so, as of when), how much, until when, where to apply, and what to
check before anything else. Everything here is worked out from the record; the template
only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dates
from .catalog import Catalog, Status
from .schema import Aid, Basis, BrusselsAccess, OtherSourceKind

_REPORT_CLASSIFIES_DIGITAL = "dédiées au digital"
"""Words of the report's headings that sort its Brussels aids (cited in a source's section)."""

_ACCESS = {BrusselsAccess.YES: "Utilisable",
           BrusselsAccess.CONDITIONAL: "Utilisable sous conditions",
           BrusselsAccess.INDIRECT: "Indirectement",
           BrusselsAccess.UNCLEAR: "Non précisé par le rapport",
           BrusselsAccess.OTHER_REGION: "Non : dispositif d'une autre région",
           BrusselsAccess.FOREIGN_EXAMPLE: "Non : exemple étranger",
           BrusselsAccess.NOT_APPLICABLE: "Sans objet : politique ou loi, pas une aide"}

NOT_FOR_BRUSSELS = frozenset({BrusselsAccess.OTHER_REGION, BrusselsAccess.FOREIGN_EXAMPLE,
                              BrusselsAccess.NOT_APPLICABLE})


@dataclass(frozen=True)
class Brief:
    usable: bool
    """A Brussels association can apply (yes or conditional)."""
    access: str
    """The answer to « can a Brussels association use it? », in words."""
    status: Status
    ended: bool
    ending_soon: bool
    end: str | None
    """The published end in French, as precise as published (« 2025 », « juin 2025 »)."""
    official_url: str | None
    official_from: str
    """Whose link it is: « lien donné par le rapport » or « site officiel consulté le … »."""
    checks: list[str]
    """What to check first, most important first."""
    digital_basis: Basis
    """Whose word « dédié au numérique » is: the report's for the aids it lists under its
    headings « aides (non) spécifiquement dédiées au digital », the site's reading elsewhere."""


def brief(catalog: Catalog, aid: Aid) -> Brief:
    status = catalog.status(aid)
    ended = catalog.period_ended(aid)
    soon = catalog.period_ending_soon(aid)
    end = dates.french(aid.period_end) if aid.period_end else None
    official_url, official_from = aid.url, "lien donné par le rapport"
    if official_url is None:
        sites = [source for source in aid.other_sources
                 if source.kind is OtherSourceKind.OFFICIAL_SITE and source.url]
        if sites:
            newest = max(sites, key=lambda source: source.consulted)
            official_url = newest.url
            official_from = f"site officiel consulté le {dates.french(str(newest.consulted))}"
    return Brief(
        usable=aid.brussels_access in {BrusselsAccess.YES, BrusselsAccess.CONDITIONAL},
        access=_ACCESS.get(aid.brussels_access, aid.brussels_access.label),
        status=status, ended=ended, ending_soon=soon, end=end,
        official_url=official_url, official_from=official_from,
        checks=_checks(aid, status, ended=ended, soon=soon, end=end),
        digital_basis=(Basis.REPORT if any(_REPORT_CLASSIFIES_DIGITAL in ref.section
                                           for ref in aid.sources) else Basis.SITE),
    )


def _checks(aid: Aid, status: Status, *, ended: bool, soon: bool, end: str | None) -> list[str]:
    if aid.brussels_access in NOT_FOR_BRUSSELS:
        return ["Rien à demander : une ASBL bruxelloise ne peut pas y recourir. La fiche sert "
                "d'exemple ou de repère."]
    checks = []
    if ended:
        checks.append(f"S'il a été prolongé ou remplacé : la période indiquée est terminée "
                      f"(fin indiquée : {end}).")
    elif status.from_report:
        checks.append(f"Qu'il est toujours ouvert, auprès de l'opérateur : le statut affiché "
                      f"est celui du rapport ({status.when}).")
    if soon and not ended:
        checks.append(f"La date limite : la période se termine bientôt (fin indiquée : {end}).")
    if aid.brussels_access is BrusselsAccess.CONDITIONAL:
        checks.append("Que votre association remplit les conditions d'accès (ci-dessous) : "
                      "l'accès n'est ouvert que sous conditions.")
    elif aid.brussels_access is BrusselsAccess.UNCLEAR:
        checks.append("Qu'une ASBL bruxelloise y a droit : le rapport ne le précise pas.")
    elif aid.brussels_access is BrusselsAccess.INDIRECT:
        checks.append("Par quel intermédiaire y accéder : une ASBL bruxelloise n'en profite "
                      "qu'indirectement.")
    return checks[:2] or ["Les conditions d'accès, ci-dessous, avant de déposer une demande."]
