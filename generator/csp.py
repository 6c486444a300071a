"""Content-Security-Policy of every page, as a ``<meta http-equiv>`` (static hosts set no
headers). Scripts run only from the site itself; the few small scripts Material writes
inline are allowed by their hash, computed from each built page (they differ from page to
page: they hold the path back to the site root), never by 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from markupsafe import Markup

EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}
"""Script types a browser runs: JSON (``__config``, JSON-LD) is data and needs no hash."""

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # Pagefind compiles its WebAssembly search engine: 'wasm-unsafe-eval' allows that and
    # nothing else (no eval of JavaScript).
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    # style="…" attributes: tables rendered by pandas align their cells this way.
    "style-src-attr": ("'unsafe-inline'",),
    "img-src": ("'self'", "data:"),  # Material's icons are data: URLs in its stylesheet
    "font-src": ("'self'",),
    "connect-src": ("'self'",),      # catalogue filters' JSON, Pagefind's index chunks
    "worker-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

CHARSET = '<meta charset="utf-8">'
"""The first tag of every page's <head> (Material's base.html): the policy comes right after
it, before any script or stylesheet."""


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        if "src" not in attributes and kind in EXECUTED_TYPES:
            self._inside = []

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, exactly as written."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy_for(html: str) -> str:
    hashes = sorted({script_hash(script) for script in inline_scripts(html)})
    directives = {**POLICY, "script-src": POLICY["script-src"] + tuple(hashes)}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str) -> str:
    """The page with its Content-Security-Policy, right after its charset declaration."""
    if CHARSET not in html:
        raise ValueError(f"{CHARSET} introuvable : impossible de placer la politique CSP")
    meta = Markup('<meta http-equiv="Content-Security-Policy" content="{}">').format(
        policy_for(html))
    return html.replace(CHARSET, CHARSET + str(meta), 1)
