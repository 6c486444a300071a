"""schema.org JSON-LD for aid and case pages, safe to embed in a ``<script>`` element.

Each page describes itself as a ``WebPage`` (cases: an ``Article``) that ``isBasedOn`` the
report pages it summarises; the aid itself is the page's ``mainEntity``. schema.org puts
``isBasedOn`` and ``citation`` on creative works only, so they belong to the page (which is
based on the report), not to the scheme (which is not).

No status is ever stated: schema.org has no « as reported at the report's date » and a
site that cannot vouch for a scheme being open today must not say it is.
"""

from __future__ import annotations

from typing import Any

from . import urls
from .catalog import Catalog
from .export import compact_json
from .schema import Aid, Case, Kind, Level, SourceRef, SupportType

SCHEMA_ORG = "https://schema.org"

# Support types through which the scheme hands out money: such an aid is a MonetaryGrant
# (schema.org: « a monetary grant »), its operator the funder. A loan is repaid, so it is no
# grant: it stays a (Government)Service like training, coaching or tools.
_GRANTS = frozenset({SupportType.SUBSIDY, SupportType.CALL_FOR_PROJECTS,
                     SupportType.FUNDING_PROGRAMME})

# Place names where a level's label is not one (« Belgique – fédéral » is Belgium).
_AREA_NAMES = {Level.FEDERAL: "Belgique", Level.NATIONAL_PRIVATE: "Belgique"}


def script_json(data: dict[str, Any]) -> str:
    """JSON that can sit inside ``<script>``: ``<``, ``>`` and ``&`` are written as
    ``\\u003c``… so no text from the data can close the element or open a comment."""
    text = compact_json(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class JsonLd:
    """Builds the JSON-LD of each record page of one site."""

    def __init__(self, catalog: Catalog, *, site_name: str, site_url: str = "") -> None:
        self.catalog = catalog
        self.site_name = site_name
        self.site_url = site_url

    def href(self, from_src: str, to_src: str) -> str:
        """Address of a page: absolute with a site_url, else relative to the current page
        (JSON-LD resolves relative IRIs against the page)."""
        target = urls.published(to_src)
        if self.site_url:
            return self.site_url + target
        relative = urls.relative_from_folder(urls.published(from_src), target.rstrip("/") or ".")
        return "./" if relative == "." else relative.rstrip("/") + "/"

    def own_url(self, src: str) -> dict[str, str]:
        """``{"url": …}`` of the page itself: absolute with a site_url, else nothing (a
        relative « ./ » says nothing a reader of the data can use)."""
        return {"url": self.site_url + urls.published(src)} if self.site_url else {}

    def report(self, ref: SourceRef) -> dict[str, Any]:
        """The pages of a report where a fact is printed."""
        source = self.catalog.source(ref.report)
        work: dict[str, Any] = {
            "@type": "Report",
            "name": source.title,
            "alternativeHeadline": source.short_title,
            "author": list(source.authors),  # names as printed: persons and collectives alike
            "publisher": {"@type": "Organization", "name": source.publisher},
            "datePublished": source.date.isoformat(),
            "articleSection": ref.section,
            "pagination": ref.pages,
            "inLanguage": "fr",
        }
        if source.url:
            work["url"] = source.url
        return work

    def _site(self) -> dict[str, Any]:
        site: dict[str, Any] = {"@type": "WebSite", "name": self.site_name}
        if self.site_url:
            site["url"] = self.site_url
        return site

    # ------------------------------------------------------------------ aids

    def aid(self, aid: Aid) -> dict[str, Any]:
        src = urls.aid(aid.id)
        return {
            "@context": SCHEMA_ORG,
            "@type": "WebPage",
            "name": aid.name,
            **self.own_url(src),
            "inLanguage": "fr",
            "isPartOf": self._site(),
            "isBasedOn": [self.report(ref) for ref in aid.sources],
            "mainEntity": self.scheme(aid),
        }

    def scheme(self, aid: Aid) -> dict[str, Any]:
        """The aid as schema.org sees it; its type follows its kind and support types.

        - an aid whose main support type hands out money → ``MonetaryGrant``, the operator
          its ``funder``;
        - another aid or a resource → ``GovernmentService`` when a public authority
          runs it (every level but « acteurs privés »), else ``Service``, the operator its
          ``provider``;
        - a policy (strategy, law, label) → ``CreativeWork`` published by the operator;
        - a mere mention → ``Thing``.
        """
        entity: dict[str, Any] = {"name": aid.name}
        if aid.aliases:
            entity["alternateName"] = list(aid.aliases)
        description = aid.funds or aid.brussels_note
        if description:
            entity["description"] = description
        if aid.url:
            entity["url"] = aid.url
        operator = ({"@type": "Organization", "name": aid.operator} if aid.operator else None)
        area = {"@type": "AdministrativeArea", "name": _AREA_NAMES.get(aid.level, aid.level.label)}
        main_support = aid.support_types[0] if aid.support_types else None
        if aid.kind == Kind.AID and main_support in _GRANTS:
            entity["@type"] = "MonetaryGrant"
            if operator:
                # Grant has no areaServed: the area is the funder's.
                entity["funder"] = operator | {"areaServed": area}
        elif aid.kind in (Kind.AID, Kind.RESOURCE):
            public = aid.level != Level.NATIONAL_PRIVATE
            entity["@type"] = "GovernmentService" if public else "Service"
            entity["areaServed"] = area
            if operator:
                entity["provider"] = operator
            if aid.support_types:
                entity["serviceType"] = [support.label for support in aid.support_types]
            if aid.targets:
                entity["audience"] = [{"@type": "Audience", "audienceType": target.label}
                                      for target in aid.targets]
        elif aid.kind == Kind.POLICY:
            entity["@type"] = "CreativeWork"
            entity["spatialCoverage"] = area
            if operator:
                entity["publisher"] = operator
        else:
            entity["@type"] = "Thing"
        return {"@type": entity.pop("@type"), **entity}

    # ------------------------------------------------------------------ cases

    def case(self, case: Case) -> dict[str, Any]:
        src = urls.case(case.id)
        about: list[dict[str, Any]] = [{"@type": "Organization", "name": case.name}]
        about.extend({"@type": "Thing", "name": theme.label} for theme in case.themes)
        data: dict[str, Any] = {
            "@context": SCHEMA_ORG,
            "@type": "Article",
            "headline": case.name,
            "name": case.name,
            "description": case.summary,
            **self.own_url(src),
            "inLanguage": "fr",
            "isPartOf": self._site(),
            "about": about,
            "citation": self.report(case.citation),
            "isBasedOn": [self.report(ref) for ref in case.sources],
        }
        if case.project.aids:
            data["mentions"] = [
                {"@type": "Thing", "name": self.catalog.aids[aid_id].name,
                 "url": self.href(src, urls.aid(aid_id))}
                for aid_id in case.project.aids
            ]
        return data
