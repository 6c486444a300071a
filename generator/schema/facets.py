"""The filters of the listings: one field of the records, with a vocabulary or free values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from .vocabularies import (
    BrusselsAccess,
    CaseSector,
    CaseSize,
    Kind,
    Level,
    Need,
    ProjectTheme,
    SupportType,
    Target,
    Vocabulary,
    slugify,
)

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
