"""Link the first occurrence of each glossary term on a page to its definition.

Works on the HTML of a page (hand-written or generated alike). Text inside headings,
links, code, abbreviations, buttons, labels and scripts is never touched. One regex (a trie
of the terms' first words) finds the candidates; only there are the following words read,
so the cost grows with the page, hardly with the size of the glossary.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from markupsafe import escape

from .schema import Term

# A word: letters (accented included), digits, inner apostrophes. A hyphen is not a word
# boundary: « donnée » must not match inside « données-ouvertes ».
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
SKIPPED_TAGS = (
    "a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
    "option", "pre", "script", "select", "style", "summary", "svg", "textarea", "title",
)
# Where no term may be linked: a whole skipped element (heading, link, code…), any tag
# (its attributes) and comments.
_SKIP = re.compile(
    r"<(" + "|".join(SKIPPED_TAGS) + r")\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.S | re.I,
)


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
        self._longest = max((len(f.words) for fs in self._by_first_word.values() for f in fs),
                            default=0)
        # Most text holds no term at all: one regex over every first word (as a trie, so
        # its cost hardly grows with the glossary) rejects it before any word-by-word work.
        self._candidates = re.compile(
            r"(?<![\w'’-])(?:" + _trie_pattern(self._by_first_word) + r")(?![\w-])",
            re.IGNORECASE,
        ) if self._by_first_word else None

    def link(self, html: str, glossary_href: str) -> str:
        """``html`` with first mentions linked to ``glossary_href#<term id>``."""
        if self._candidates is None:
            return html
        candidates = [match.start() for match in self._candidates.finditer(html)]
        if not candidates:
            return html
        skipped = [match.span() for match in _SKIP.finditer(html)]
        skipped_starts = [start for start, _ in skipped]
        done: set[str] = set()
        pieces: list[str] = []
        cursor = 0
        for position in candidates:
            if position < cursor:
                continue
            index = bisect_right(skipped_starts, position) - 1
            if index >= 0 and skipped[index][1] > position:
                continue  # inside a tag or an element where terms are not linked
            words = list(islice(_WORD.finditer(html, position), self._longest))
            form = self._match(words, done) if words and words[0].start() == position else None
            if form is None:
                continue
            end = words[len(form.words) - 1].end()
            definition = escape(form.term.definition)
            pieces.append(html[cursor:position])
            pieces.append(
                f'<a class="kb-term" href="{glossary_href}#{form.term.id}" '
                f'title="{definition}" aria-description="{definition}">{html[position:end]}</a>'
            )
            cursor = end
            done.add(form.term.id)
        if not pieces:
            return html
        pieces.append(html[cursor:])
        return "".join(pieces)

    def _match(self, words: list[re.Match[str]], done: set[str]) -> _Form | None:
        """The longest term not yet linked that ``words`` (read from a candidate) start with."""
        first = words[0].group(0)
        candidates = self._by_first_word.get(first, []) + self._by_first_word.get(_fold(first), [])
        for form in candidates:
            if form.term.id in done or len(form.words) > len(words):
                continue
            found = tuple(w.group(0) for w in words[:len(form.words)])
            if not form.case_sensitive:
                found = tuple(_fold(w) for w in found)
            if found == form.words and _contiguous(words[:len(form.words)]):
                return form
        return None


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, factored as a trie: « cloud|crm » → « c(?:loud|rm) »."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in _fold(word):
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [("['’]" if char == "'" else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{group})?" if "" in node else group  # a word may also end here

    return pattern(trie)


def _contiguous(words: list[re.Match[str]]) -> bool:
    """Words of a multi-word term are separated by spaces only (not by a full stop)."""
    return all(
        words[n].string[words[n].end():words[n + 1].start()].strip() == ""
        for n in range(len(words) - 1)
    )
