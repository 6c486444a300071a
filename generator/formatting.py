"""Text formatting shared by the pages, the feed and the exports: escaping for Markdown and
HTML, query strings and ``mailto:`` links, French dates.

Every value a template prints with ``{{ … }}`` goes through :func:`markdown_escape`, so text
from the YAML files is shown as text and can never become markup, a link or a script.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup, escape

_MARKDOWN_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character


def _backslashed(match: re.Match[str]) -> str:
    # A function, not a replacement template nor str.translate: they are 2 and 5 times
    # slower on French text (translate misses a lookup on every other character), and
    # markdown_escape runs for every value of every page.
    return "\\" + match.group()


def markdown_escape(value: object) -> str:
    """Plain text → Markdown that renders exactly that text.

    Every ASCII punctuation character is backslash-escaped (``pymdownx.escapeall`` makes
    that valid for all of them), so no Markdown or HTML construct can start; runs of white
    space, new lines included, collapse to one space so that text cannot open a block.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return _escaped(str(value))


# Most values printed are repeated (a report's title and section on each of its aids'
# pages, vocabulary labels): most calls are answered here. Bounded: memory stays flat.
@lru_cache(maxsize=8192)
def _escaped(text: str) -> str:
    text = " ".join(text.split())  # white space runs → one space, ends stripped
    return _MARKDOWN_SPECIAL.sub(_backslashed, text)


# Characters a query value keeps as they are (a space becomes « + »): letters, digits, « _.~- ».
_QUOTED_RUNS = re.compile(r"[^A-Za-z0-9_.~ -]+")


def query_value(text: str) -> str:
    """``urllib.parse.quote_plus(text)``: the same text, with only the runs that need it passed
    to ``quote``. quote_plus itself encodes byte by byte in Python: on an aid page, its
    correction link (the record's current values) took a seventh of the page's time."""
    return _QUOTED_RUNS.sub(lambda run: quote(run.group(), safe=""), text).replace(" ", "+")


def query_string(values: dict[str, str]) -> str:
    """``urllib.parse.urlencode(values)`` for text values."""
    return "&".join(f"{query_value(name)}={query_value(value)}" for name, value in values.items())


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link with its subject and body (RFC 6068: spaces as %20, never « + »);
    without ``address``, the mail program opens with an empty « To »."""
    return (f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
            f"&body={quote(body, safe='')}")


def html_escape(value: object) -> Markup:
    """Text → HTML for a raw HTML block or attribute. White space runs, new lines included,
    collapse to one space (as in markdown_escape): a blank line in a value would end the
    HTML block, and what follows would be read as Markdown (a link, a heading)."""
    if isinstance(value, Markup):
        return value
    # Square brackets as character references: a value printed inside inline HTML in a
    # Markdown paragraph (« <a …>Site officiel<span>{{ name|html }}</span></a> ») is still
    # read as Markdown, and « [clic](https://…) » in a name made a link there.
    return Markup(str(escape(" ".join(str(value).split()))).translate(_BRACKETS))


_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})


def french_date(value: date) -> str:
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"
