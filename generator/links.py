"""Check that every internal link and anchor of a built site resolves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name] or "")
        for name in ("href", "src"):
            target = values.get(name)
            if target and not (tag == "link" and values.get("rel") in {"canonical", "alternate"}):
                self.page.links.append(target)


def _parse(path: Path) -> _Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.page


def broken_links(site: Path, base_path: str = "/") -> Iterator[str]:
    """``page: link`` for every internal link whose file or anchor does not exist.

    ``base_path`` is the path part of ``site_url``: root-relative links (the 404 page has
    some) are resolved under it.
    """
    site = site.resolve()
    pages = {path: _parse(path) for path in site.rglob("*.html")}
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "#!")):
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    yield f"{path.relative_to(site).as_posix()}: {link} (hors du site)"
                    continue
                target = (site / unquote(parts.path[len(base_path):])).resolve()
            elif parts.path:
                target = (path.parent / unquote(parts.path)).resolve()
            else:
                target = path
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            relative = path.relative_to(site).as_posix()
            if not target.exists():
                yield f"{relative}: {link} (fichier absent)"
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    yield f"{relative}: {link} (ancre absente)"
