"""French typography of the built pages: the spaces before « : ; ! ? » and inside « ».

French puts a space before the high punctuation marks and inside guillemets, and that space
must not break a line away from its word: a non-breaking space (U+00A0) before « : », a
narrow non-breaking space (U+202F) before « ; ! ? » and after « and before ». The YAML and
the hand-written pages are typed with ordinary spaces; the rule is applied once, to the text
of each built page, where any run of white space already written before the mark becomes the
right space. No space is added where none was typed (« https://… », « 10:30 »).

Only text is touched: never a tag or its attributes (addresses, JSON-LD, titles), a comment,
or the content of code, preformatted text, scripts and styles.
"""

from __future__ import annotations

import re
from bisect import bisect_right

NBSP = "\u00a0"
"""Before « : »."""
NARROW_NBSP = "\u202f"
"""Before « ; ! ? », after « « » and before « » »."""

UNTOUCHED_TAGS = ("code", "kbd", "pre", "samp", "script", "style", "textarea")
"""Elements whose text is left exactly as written: code, machine text, scripts, styles."""

# Untouched elements with their content (read as runs of text up to each « < », as in
# glossary.py) and comments. Tags themselves are recognised where a space is found.
_UNTOUCHED = re.compile(
    r"<(" + "|".join(UNTOUCHED_TAGS) + r")\b[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*>"
    r"|<!--.*?-->",
    re.S | re.I,
)
# White space as typed, and a no-break space of the other kind (to be replaced by the right one).
_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;|&#160;|&#xa0;)+"
_RULES = (
    (re.compile(_SPACE + ":"), NBSP + ":"),
    (re.compile(_SPACE + "([;!?])"), NARROW_NBSP + r"\1"),
    (re.compile("«" + _SPACE), "«" + NARROW_NBSP),
    (re.compile(_SPACE + "»"), NARROW_NBSP + "»"),
)
_CANDIDATE = re.compile(r"\s[:;!?»]|«\s")
"""Text that needs one of the rules (most text runs need none: checked first)."""
# Where a page needs a rule: a mark after white space (or after « ; », the end of
# « &nbsp; »), and « « » before white space. Finding the marks first, then looking back,
# is much faster than searching for runs of space (a page is mostly indentation).
_MARKS = ":;!?»"
_OPENING = re.compile(r"«(?=[ \t\r\n\u00a0\u202f&])")
_SPACE_RUN = re.compile(_SPACE)
_SPACE_CHARACTERS = frozenset(" \t\r\n\u00a0\u202f")
_BEFORE_MARK = _SPACE_CHARACTERS | {";"}
_SPACE_ENTITIES = ("&nbsp;", "&#160;", "&#xa0;")


def french_spacing(text: str) -> str:
    """Plain text (no markup) with French spaces around « : ; ! ? « » »."""
    if _CANDIDATE.search(text) is None:
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_spacing_html(html: str) -> str:
    """An HTML page with :func:`french_spacing` applied to its text alone.

    The runs of space to replace are found over the whole page first (a few dozen per
    page); each is kept only if it stands in text: not inside a tag (between a « < » and
    its « > »), an untouched element or a comment. Cutting the page at every tag instead
    was much slower."""
    runs = [run for run in _runs(html) if html[run[0]:run[1]] != run[2]]
    if not runs:
        return html
    untouched = [match.span() for match in _UNTOUCHED.finditer(html)]
    pieces: list[str] = []
    cursor = 0
    for start, end, space in sorted(runs):
        if start < cursor:
            continue
        if html.rfind("<", 0, start) > html.rfind(">", 0, start):
            continue  # an attribute's value, or a tag's name
        index = bisect_right(untouched, (start, len(html))) - 1
        if index >= 0 and untouched[index][1] > start:
            continue  # code, script, style, comment…
        pieces.append(html[cursor:start])
        pieces.append(space)
        cursor = end
    if not pieces:
        return html
    pieces.append(html[cursor:])
    return "".join(pieces)


def _runs(html: str) -> list[tuple[int, int, str]]:
    """``(start, end, space)`` of each run of white space before a mark or after « « »,
    with the space it must be."""
    runs: list[tuple[int, int, str]] = []
    for mark in _MARKS:
        replacement = NBSP if mark == ":" else NARROW_NBSP
        end = html.find(mark, 1)
        while end > 0:
            if html[end - 1] in _BEFORE_MARK:
                start = end
                while True:
                    if start and html[start - 1] in _SPACE_CHARACTERS:
                        start -= 1
                    elif html.endswith(_SPACE_ENTITIES, 0, start):
                        start = html.rfind("&", 0, start)
                    else:
                        break
                if start < end:
                    runs.append((start, end, replacement))
            end = html.find(mark, end + 1)
    for opening in _OPENING.finditer(html):
        space = _SPACE_RUN.match(html, opening.end())
        if space is not None:
            runs.append((space.start(), space.end(), NARROW_NBSP))
    return runs
