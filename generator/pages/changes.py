"""The change log: its page (/changements/) and its Atom feed (/feed.xml)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import feed, urls
from .core import GeneratedFile, SiteRenderer


def pages(site: SiteRenderer) -> Iterator[GeneratedFile]:
    if not site.catalog.changes:
        return
    yield GeneratedFile(urls.CHANGES, site.render_template(
        "changes.md.j2", urls.CHANGES, changes=site.catalog.changes,
        feed_src=urls.CHANGES_FEED), in_nav=True)
    yield GeneratedFile(urls.CHANGES_FEED, feed.atom_feed(
        site.catalog, site_name=site.site_name, site_url=site.site_url))
