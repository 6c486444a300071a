"""Atom feed of the change log (data/changes.yaml), built with the standard library's XML
tools so that every text is escaped; dated from the data, never from the build."""

from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as ET
from datetime import date

from . import kinds, urls
from .catalog import Catalog
from .formatting import french_date
from .schema import Change, references

CHANGES = "changes"
"""The kind whose records the feed lists (data/changes.yaml)."""

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("5b2c6a4e-3f7d-5d1e-9a53-6f0f1c2d7b10")
"""Atom ids must never change, wherever the site is published: they are derived from this
fixed namespace and the change's id (``urn:uuid:…``), not from the site's address."""


def _timestamp(day: date) -> str:
    # A change is dated to the day: midnight UTC of that day, stable from build to build.
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(catalog: Catalog, *, site_name: str, site_url: str = "") -> str:
    """The feed: one entry per change, newest first, linking to the changed records."""
    ET.register_namespace("", ATOM)

    def href(target_src: str) -> str:
        # Absolute with a site_url; else relative to the feed's own address.
        target = urls.published(target_src)
        if site_url:
            return site_url + target
        page, _, anchor = target.partition("#")
        relative = posixpath.relpath(page or ".", posixpath.dirname(urls.CHANGES_FEED) or ".")
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def element(parent: ET.Element, tag: str, text: str | None = None,
                **attributes: str) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        child.text = text
        return child

    changes = catalog.changes
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    element(feed, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'changements')}")
    element(feed, "title", f"Journal des modifications — {site_name}")
    element(feed, "subtitle", "Les ajouts et corrections apportés aux données du site, datés.")
    element(feed, "updated", _timestamp(max(change.date for change in changes)))
    author = element(feed, "author")
    element(author, "name", site_name)
    element(feed, "link", rel="alternate", type="text/html", href=href(urls.CHANGES))
    element(feed, "link", rel="self", type="application/atom+xml",
            href=site_url + urls.CHANGES_FEED if site_url else "feed.xml")
    for change in changes:
        entry = element(feed, "entry")
        element(entry, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, change.id)}")
        element(entry, "title", f"{french_date(change.date)} : {_first_sentence(change)}")
        element(entry, "updated", _timestamp(change.date))
        element(entry, "published", _timestamp(change.date))
        element(entry, "summary", change.summary)
        element(entry, "link", rel="alternate", type="text/html",
                href=href(kinds.record_url(CHANGES, change.id)))
        # Every record the change names (its aids, cases, terms), in the model's order.
        for _, kind, record_id in references(change):
            element(entry, "link", rel="related", type="text/html",
                    href=href(kinds.record_url(kind, record_id)),
                    title=kinds.title(kind, catalog.records[kind][record_id]))
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _first_sentence(change: Change, limit: int = 100) -> str:
    """The summary's first sentence, as the entry's title."""
    sentence = change.summary.split(". ")[0].split(" : ")[0].strip().rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
