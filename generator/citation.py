"""What reference managers read in the <head> of aid and case pages.

Zotero's « Embedded Metadata » translator (the one that runs on a page without a
site-specific translator) reads the Highwire Press ``citation_*`` tags (title, author,
publisher, date, public URL, language) and the Open Graph tags: ``og:type`` « website »
makes the item a web page (a lone ``citation_title`` would make it a journal article) and
``og:site_name`` fills its « Website Title ». Without a public address (``SITE_URL``) the
URL tags are left out: Zotero then takes the address from the browser.

The page is the site's work, not the report's: its author and publisher are the site, and
its date is the last change of the record in the change log (or its last verification),
else the site's first publication; the report is cited in the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import urls
from .catalog import Catalog
from .schema import Aid, Case


@dataclass(frozen=True)
class MetaTag:
    """``<meta {attribute}="{name}" content="{content}">``."""

    attribute: str
    """« name » (Highwire Press) or « property » (Open Graph)."""
    name: str
    content: str


def page_dates(catalog: Catalog) -> dict[tuple[str, str], date]:
    """The date of each record page: its last change in the change log, else the site's
    first publication (the oldest entry). Empty without a change log."""
    if not catalog.changes:
        return {}
    first = min(change.date for change in catalog.changes)
    dates: dict[tuple[str, str], date] = {}
    for aid in catalog.aids.values():
        dates[("aids", aid.id)] = max(first, aid.last_verified or first)
    for case in catalog.cases.values():
        dates[("cases", case.id)] = first
    for change in catalog.changes:  # one pass: cost linear in the log's entries
        for kind, ids in (("aids", change.aids), ("cases", change.cases)):
            for record_id in ids:
                key = (kind, record_id)
                if key in dates and change.date > dates[key]:
                    dates[key] = change.date
    return dates


def record_tags(title: str, *, site_name: str, url: str, published: date | None,
                description: str | None) -> list[MetaTag]:
    tags = [
        MetaTag("name", "citation_title", title),
        # The site is the author of its pages (the reports are cited in each page).
        MetaTag("name", "citation_author", site_name),
        MetaTag("name", "citation_publisher", site_name),
        MetaTag("name", "citation_language", "fr"),
    ]
    if published is not None:
        tags.append(MetaTag("name", "citation_date", published.strftime("%Y/%m/%d")))
    if url:
        tags.append(MetaTag("name", "citation_public_url", url))
    tags += [
        MetaTag("property", "og:type", "website"),
        MetaTag("property", "og:site_name", site_name),
        MetaTag("property", "og:title", title),
        MetaTag("property", "og:locale", "fr_BE"),
    ]
    if url:
        tags.append(MetaTag("property", "og:url", url))
    if description:
        tags.append(MetaTag("property", "og:description", " ".join(description.split())))
    return tags


def page_metadata(catalog: Catalog, *, site_name: str,
                  site_url: str = "") -> dict[str, list[MetaTag]]:
    """The tags of every aid and case page, by source path (``aides/<id>.md``)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    dates = page_dates(catalog)
    tags: dict[str, list[MetaTag]] = {}

    def add(kind: str, record: Aid | Case, src: str, description: str | None) -> None:
        tags[src] = record_tags(record.name, site_name=site_name,
                                url=base + urls.published(src) if base else "",
                                published=dates.get((kind, record.id)), description=description)

    for aid in catalog.aids.values():
        add("aids", aid, urls.aid(aid.id), aid.funds or aid.brussels_note)
    for case in catalog.cases.values():
        add("cases", case, urls.case(case.id), case.summary)
    return tags
