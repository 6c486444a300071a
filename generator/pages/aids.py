"""Aids: the catalogue (/aides/), its static group pages, the proposal page and one page per
aid, with the catalogue's JSON index and the search's word list."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markupsafe import Markup

from .. import export, search, urls
from ..brief import brief
from ..formatting import mailto
from ..jsonld import script_json
from ..schema import AID_FACETS, Aid, Facet, Option
from .core import GeneratedFile, SiteRenderer, paginate

GROUP_PAGE_SIZE = 100
"""Records per static group page: pages stay light however large the catalogue grows."""

INLINE_LIMIT = 500
"""Up to this many records, /aides/ also lists every record for readers without JavaScript."""

CATALOGUE_ORDER_NOTE = (
    "D'abord ce qu'une ASBL bruxelloise peut utiliser, puis le reste : ordre choisi par ce "
    "site d'après l'accès indiqué sur chaque fiche.")


search_page = search.aid_search
"""How an aid's page is indexed (see :class:`generator.search.SiteSearch`)."""


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    aids = AidPages(site)
    yield aids.catalogue_page()
    yield aids.propose_page()
    yield from aids.group_pages()
    yield from (aids.aid_page(aid) for aid in site.catalog.aids.values())
    yield GeneratedFile(urls.CATALOGUE_INDEX, export.catalogue_index(site.catalog))
    # Site-wide (aids, terms, cases), made here to keep its place among the files.
    yield GeneratedFile(urls.SEARCH_WORDS, search.search_words(site.catalog))


class AidPages:
    """The aid pages of one site, with what they share: each filter's groups, computed once
    for the catalogue and the group pages, and each aid's list entry, rendered once per link."""

    def __init__(self, site: SiteRenderer) -> None:
        self.site = site
        self.catalog = site.catalog
        # Each grouping sorts every aid.
        self.groups: list[tuple[Facet, dict[Option, list[Aid]]]] = [
            (facet, self.catalog.groups(facet)) for facet in AID_FACETS]
        self._items: dict[tuple[str, str], Markup] = {}

    def aid_items(self, src_uri: str) -> Callable[[Aid], Markup]:
        """``aid_item(aid)`` for the lists of the page built from ``src_uri``: one call from
        the template per entry (a list holds up to a hundred)."""
        def aid_item(aid: Aid) -> Markup:
            return self.aid_item(aid, Markup(urls.relative(src_uri, urls.aid(aid.id))))

        return aid_item

    def aid_item(self, aid: Aid, href: str) -> Markup:
        """An aid's entry in a list (``_aid_item.md.j2``) linking to ``href``.

        Each aid appears on about ten group pages, and its entry only depends on the link,
        which is the same from every page at the same depth: render it once per link.
        """
        key = (aid.id, href)
        item = self._items.get(key)
        if item is None:
            item = Markup(self.site.env.get_template("_aid_item.md.j2").render(
                aid=aid, href=href, catalog=self.catalog).removesuffix("\n"))  # lists add it
            self._items[key] = item
        return item

    def catalogue_page(self) -> GeneratedFile:
        content = self.site.render_template(
            "catalogue.md.j2",
            urls.CATALOGUE,
            facets=self.groups,
            by_group=(self.catalog.ranked_groups() if len(self.catalog.aids) <= INLINE_LIMIT
                      else {}),
            order_note=CATALOGUE_ORDER_NOTE,
            group_url=urls.group,
            index_url=urls.relative(urls.CATALOGUE, urls.CATALOGUE_INDEX),
            about_url=urls.ABOUT_AIDS,
            propose_url=urls.PROPOSE_AID,
            path_url=urls.PATH if self.catalog.path is not None else None,
            total=len(self.catalog.aids),
            search_label="Rechercher par nom ou opérateur",
            ended_filter=True,
            aid_item=self.aid_items(urls.CATALOGUE),
        )
        return GeneratedFile(urls.CATALOGUE, content, in_nav=True)

    def propose_page(self) -> GeneratedFile:
        site = self.site
        form = (f"{site.repo_url}/issues/new?template=new-aid.yml" if site.repo_url else "")
        # Whatever is configured, the page ends in a way to send a proposal: the forge's
        # form, or an e-mail ready to send (to the contact, if the site declares one).
        body = ("Nom du dispositif :\nOrganisme qui le gère ou le finance :\n"
                "Ce qu'il finance ou apporte :\nPour qui, à quelles conditions :\n"
                "Montant :\nPériode :\nLien officiel (et date de consultation) :\n")
        return GeneratedFile(urls.PROPOSE_AID, site.render_template(
            "propose.md.j2", urls.PROPOSE_AID, new_aid_url=form, changes_url=urls.CHANGES,
            contact_email=site.contact_email, proposal_body=body,
            proposal_mail=mailto(site.contact_email, "Proposer une aide manquante", body),
        ), in_nav=True)

    def group_pages(self) -> Iterator[GeneratedFile]:
        for facet, groups in self.groups:
            for value, aids in groups.items():
                yield from self._group_pages(facet, value, aids)

    def _group_pages(self, facet: Facet, value: Option, aids: list[Aid]) -> Iterator[GeneratedFile]:
        for number, count, page_aids in paginate(aids, GROUP_PAGE_SIZE):
            src = urls.group(facet, value, number)
            yield GeneratedFile(src, self.site.render_template(
                "group.md.j2",
                src,
                facet=facet,
                value=value,
                aids=page_aids,
                total=len(aids),
                page=number,
                page_count=count,
                page_url=lambda n, f=facet, v=value: urls.group(f, v, n),
                catalogue_url=urls.CATALOGUE,
                aid_item=self.aid_items(src),
            ))

    def aid_page(self, aid: Aid) -> GeneratedFile:
        site = self.site
        src = urls.aid(aid.id)
        current = {"name": aid.name, "operator": aid.operator, "amount": aid.amount,
                   "period": aid.period, "status_reported": aid.status_reported, "url": aid.url,
                   "last_verified": aid.last_verified}
        content = site.render_template(
            "aid.md.j2",
            src,
            aid=aid,
            contribute=site.contribution_links("aids", aid, current),
            brief=brief(self.catalog, aid),
            related=self.catalog.related(aid),
            cited_by=[key for key in self.catalog.cited_by("aids", aid.id)
                      if key.kind not in {"aids", "changes"}],
            changes=site.changes_of("aids", aid.id),
            catalogue_url=urls.CATALOGUE,
            group_url=urls.group,
            facets={facet.field: facet for facet in AID_FACETS},
            jsonld=Markup(script_json(site.jsonld.aid(aid))),
        )
        return GeneratedFile(src, content)
