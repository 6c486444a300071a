"""Link the first occurrence of each glossary term on a page to its definition.

Works on the HTML of a page (hand-written or generated alike). Text inside headings,
links, code, abbreviations, buttons, labels and scripts is never touched. Matching goes
word by word through a dictionary keyed by first word, so its cost grows with the page,
not with the size of the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import escape

from .schema import Term

# A word: letters (accented included), digits, inner apostrophes. A hyphen is not a word
# boundary: « donnée » must not match inside « données-ouvertes ».
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>|<!--.*?-->", re.S)
SKIPPED_TAGS = frozenset({
    "a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
    "pre", "script", "select", "style", "summary", "svg", "textarea", "title", "option",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    case_sensitive: bool
    term: Term


def _fold(word: str) -> str:
    return word.replace("’", "'").casefold()


class TermLinker:
    """Turns the first mention of every term (or alias) into a link with its definition."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._by_first_word: dict[str, list[_Form]] = {}
        for term in terms:
            for text in (term.term, *term.aliases):
                words = tuple(_WORD.findall(text))
                if not words:
                    continue
                # Acronyms (RGPD, ERP) match only in capitals; other words in any case.
                exact = text.isupper() and len(text) <= 8
                form = _Form(tuple(w if exact else _fold(w) for w in words), exact, term)
                key = words[0] if exact else _fold(words[0])
                self._by_first_word.setdefault(key, []).append(form)
        for forms in self._by_first_word.values():
            forms.sort(key=lambda form: -len(form.words))  # longest match first

    def link(self, html: str, glossary_href: str) -> str:
        """``html`` with first mentions linked to ``glossary_href#<term id>``."""
        if not self._by_first_word:
            return html
        done: set[str] = set()
        out: list[str] = []
        skipping: list[str] = []
        position = 0
        for match in _TAG.finditer(html):
            text = html[position:match.start()]
            out.append(text if skipping else self._link_text(text, glossary_href, done))
            out.append(match.group(0))
            position = match.end()
            closing, self_closing = match.group(1), match.group(3)
            name = (match.group(2) or "").lower()
            if not name or name in _VOID or self_closing:
                continue
            if closing:
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif name in SKIPPED_TAGS or skipping:
                skipping.append(name)
        tail = html[position:]
        out.append(tail if skipping else self._link_text(tail, glossary_href, done))
        return "".join(out)

    def _link_text(self, text: str, glossary_href: str, done: set[str]) -> str:
        words = list(_WORD.finditer(text))
        if not words:
            return text
        pieces: list[str] = []
        cursor = 0
        index = 0
        while index < len(words):
            form = self._match(words, index, done)
            if form is None:
                index += 1
                continue
            start, end = words[index].start(), words[index + len(form.words) - 1].end()
            pieces.append(text[cursor:start])
            definition = escape(form.term.definition)
            pieces.append(
                f'<a class="kb-term" href="{glossary_href}#{form.term.id}" '
                f'title="{definition}" aria-description="{definition}">{text[start:end]}</a>'
            )
            cursor = end
            done.add(form.term.id)
            index += len(form.words)
        pieces.append(text[cursor:])
        return "".join(pieces)

    def _match(self, words: list[re.Match[str]], index: int, done: set[str]) -> _Form | None:
        first = words[index].group(0)
        candidates = self._by_first_word.get(first, []) + self._by_first_word.get(_fold(first), [])
        for form in candidates:
            if form.term.id in done or index + len(form.words) > len(words):
                continue
            found = tuple(w.group(0) for w in words[index:index + len(form.words)])
            if not form.case_sensitive:
                found = tuple(_fold(w) for w in found)
            if found == form.words and _contiguous(words[index:index + len(form.words)]):
                return form
        return None


def _contiguous(words: list[re.Match[str]]) -> bool:
    """Words of a multi-word term are separated by spaces only (not by a full stop)."""
    return all(
        words[n].string[words[n].end():words[n + 1].start()].strip() == ""
        for n in range(len(words) - 1)
    )
