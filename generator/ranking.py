"""The order of the catalogue for a Brussels ASBL: its groups, and the aids within them.

What it can use comes first (accessible, then under conditions), then the uncertain, other
regions and foreign examples, and policies and mentions last.
"""

from __future__ import annotations

from .schema import Aid, BrusselsAccess, CatalogueGroup, Kind, Level, Target

_LEVEL_ORDER = {level: position for position, level in enumerate(Level)}
"""Aids are listed by level in the vocabulary's order (EU, federal, … Brussels …)."""

_GROUP_OF_ACCESS = {
    BrusselsAccess.YES: CatalogueGroup.USABLE,
    BrusselsAccess.CONDITIONAL: CatalogueGroup.CONDITIONAL,
    BrusselsAccess.INDIRECT: CatalogueGroup.UNCERTAIN,
    BrusselsAccess.UNCLEAR: CatalogueGroup.UNCERTAIN,
    BrusselsAccess.OTHER_REGION: CatalogueGroup.ELSEWHERE,
    BrusselsAccess.FOREIGN_EXAMPLE: CatalogueGroup.ELSEWHERE,
    BrusselsAccess.NOT_APPLICABLE: CatalogueGroup.CONTEXT,
}
_GROUP_ORDER = {group: position for position, group in enumerate(CatalogueGroup)}
_PROXIMITY = {level: position for position, level in enumerate(
    [Level.BRUSSELS, Level.FEDERAL, Level.NATIONAL_PRIVATE, Level.BENELUX, Level.EU,
     *(level for level in Level if level not in {
         Level.BRUSSELS, Level.FEDERAL, Level.NATIONAL_PRIVATE, Level.BENELUX, Level.EU})])}
"""Within a group, the nearest level to a Brussels ASBL first: the Region, then Belgium."""


def catalogue_group(aid: Aid) -> CatalogueGroup:
    """The catalogue group of an aid: policies and mentions are context whatever their
    access; the others follow what the record says of access for a Brussels ASBL."""
    if aid.kind in (Kind.POLICY, Kind.CONTEXT):
        return CatalogueGroup.CONTEXT
    return _GROUP_OF_ACCESS[aid.brussels_access]


def rank_key(aid: Aid) -> tuple[int, int, int, str]:
    # Aimed at associations before aimed at others (the INAMI grants for physiotherapists
    # are « sous conditions » too, but not for an ASBL).
    return (_GROUP_ORDER[catalogue_group(aid)], Target.NON_PROFITS not in aid.targets,
            _PROXIMITY[aid.level], aid.name.casefold())


def level_key(aid: Aid) -> tuple[int, str]:
    """Aids by level (in the vocabulary's order), then by name."""
    return _LEVEL_ORDER[aid.level], aid.name.casefold()
