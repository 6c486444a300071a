"""Content-Security-Policy of every page, as a ``<meta http-equiv>`` (static hosts set no
headers). Scripts run only from the site itself; the few small scripts the theme writes
inline are allowed by their hash, never by 'unsafe-inline'.

Which inline scripts may run is known before any page is built: those written in the
theme's templates (:class:`ShippedScripts`). Their text differs from page to page (it holds
the path back to the site root), so each template script becomes a pattern whose Jinja
expressions match a plain value. Any other inline script in a built page did not come from
the theme (data or a hand-written page put it there): the build stops, rather than allow it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

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


# A script element's text runs to the first « </script » whatever it holds (HTML's raw text
# rule), so a pattern finds script elements exactly; only the start tag needs a parser.
# Parsing every page whole with HTMLParser was a large part of the build. The text is read
# as runs up to each « < » (what « .*? » finds, without trying a match at every character
# of a page's long scripts).
_SCRIPT = re.compile(r"<script\b([^>]*)>([^<]*(?:<(?!/script\s*>)[^<]*)*)</script\s*>",
                     re.IGNORECASE)


class _StartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


# Pages repeat the same few start tags and scripts (Material's, identical on every page at
# one folder depth): each is parsed and hashed once per build, not once per page.
@lru_cache(maxsize=4096)
def _runs(start_tag: str) -> bool:
    """Whether a script element with this start tag and inline text is executed."""
    attributes = _attributes(start_tag)
    kind = (attributes.get("type") or "").strip().lower()
    return "src" not in attributes and kind in EXECUTED_TYPES


def _attributes(start_tag: str) -> dict[str, str | None]:
    parser = _StartTag()
    parser.feed(start_tag)
    parser.close()
    return parser.attributes


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, exactly as written."""
    return [match.group(2) for match in _SCRIPT.finditer(html)
            if _runs(f"<script{match.group(1)}>")]


@lru_cache(maxsize=4096)
def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


_TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_VALUE = r"[^\"'<>\\\n]*"
"""What a Jinja expression inside a theme script may print: a path or a name, nothing that
could close a string or the script."""


class UnexpectedScript(ValueError):
    """An inline script in a built page that none of the theme's templates writes."""

    def __init__(self, text: str) -> None:
        self.text = text
        excerpt = " ".join(text.split())
        excerpt = excerpt if len(excerpt) <= 80 else excerpt[:79] + "…"
        super().__init__(
            f"script écrit dans la page, qui ne vient pas du thème : « {excerpt} ». Un texte "
            "des données ou d'une page ne peut pas contenir de script ; un script du site "
            "se place dans theme/assets/javascripts/ (extra_javascript).")


class ShippedScripts:
    """The inline scripts the theme's templates can write, read from their sources."""

    def __init__(self, template_dirs: Iterable[str | Path]) -> None:
        patterns = set()
        for folder in template_dirs:
            for template in sorted(Path(folder).rglob("*.html")):
                source = template.read_text(encoding="utf-8", errors="replace")
                for match in _TEMPLATE_SCRIPT.finditer(source):
                    if _runs(f"<script{match.group(1)}>") and match.group(2).strip():
                        patterns.add(_pattern(match.group(2)))
        self._pattern = re.compile("|".join(sorted(patterns)) or "(?!)", re.DOTALL)
        self.allows = lru_cache(maxsize=4096)(self._allows)

    def _allows(self, text: str) -> bool:
        return self._pattern.fullmatch(text) is not None


def _pattern(source: str) -> str:
    """A template script's text as a pattern: literal text, and a plain value for each
    Jinja expression. Template white-space control (``{{-``) may remove the spaces around."""
    parts = _EXPRESSION.split(source)
    literal = [re.escape(part) for part in parts]
    if len(parts) > 1:
        literal = [re.escape(part.strip()) for part in parts]
    return "(?:" + (r"\s*" + _VALUE + r"\s*").join(literal) + ")"


def policy_for(html: str, shipped: ShippedScripts | None = None) -> str:
    scripts = inline_scripts(html)
    if shipped is not None:
        for script in scripts:
            if not shipped.allows(script):
                raise UnexpectedScript(script)
    hashes = sorted({script_hash(script) for script in scripts})
    directives = {**POLICY, "script-src": POLICY["script-src"] + tuple(hashes)}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str, shipped: ShippedScripts | None = None) -> str:
    """The page with its Content-Security-Policy, right after its charset declaration; with
    ``shipped``, :class:`UnexpectedScript` for an inline script the theme does not write."""
    if CHARSET not in html:
        raise ValueError(f"{CHARSET} introuvable : impossible de placer la politique CSP")
    meta = Markup('<meta http-equiv="Content-Security-Policy" content="{}">').format(
        policy_for(html, shipped))
    return html.replace(CHARSET, CHARSET + str(meta), 1)
