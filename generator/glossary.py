"""Link the first occurrence of each glossary term on a page to its definition.

Works on the HTML of a page (hand-written or generated alike). Text inside headings,
links, code, abbreviations, buttons, labels and scripts is never touched. One regex (a trie
of the terms' first words) finds the candidates; only there are the following words read,
so the cost grows with the page, hardly with the size of the glossary.

The definition rides on the link (``data-definition``, ``aria-description``), not in a
``title``: theme/assets/javascripts/glossaire.js opens it on tap, hover and keyboard focus;
without JavaScript the link leads to the definition in the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

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
# (its attributes) and comments. An element's content is read as runs of text between
# « < » (the same as « .*? » up to its end tag, with fewer steps on long scripts).
_SKIP = re.compile(
    r"<(" + "|".join(SKIPPED_TAGS) + r")\b[^>]*>[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*>"
    r"|<!--.*?-->|<[^>]*>",
    re.S | re.I,
)


def _lowercase_safe_pattern() -> re.Pattern[str]:
    """Text made only of characters that lower-case to one character, their case folding:
    Latin (accents included), punctuation, currency signs, arrows. Checking that is cheaper
    than case-folding a whole page to compare (« µ », « ß », « İ »… are left out)."""
    ranges = ((0x0000, 0x024F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2190, 0x21FF))
    safe = "".join(char for start, end in ranges for char in map(chr, range(start, end + 1))
                   if len(char.lower()) == 1 and char.lower() == char.casefold())
    return re.compile(f"[{re.escape(safe)}]*", re.S)


_LOWERCASE_SAFE = _lowercase_safe_pattern()


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
        # Most text holds no term at all: one regex over every first word (as a trie, so
        # its cost hardly grows with the glossary) rejects it before any word-by-word work.
        # It runs without IGNORECASE on lower-cased text when it can: twice as fast.
        trie = _trie_pattern(self._by_first_word) if self._by_first_word else ""
        self._any_case_pattern = r"(?<![\w'’-])(?:" + trie + r")(?![\w-])" if trie else ""
        # On lower-cased text the regex also reads, where every term starting with a word
        # has several words, the words that follow: most candidates are such first words
        # (« rapport » of « rapport au temps ») followed by anything else.
        by_folded: dict[str, list[_Form]] = {}
        for word, forms in self._by_first_word.items():
            by_folded.setdefault(_fold(word), []).extend(forms)
        before_apostrophe = {word[:at] for word in by_folded
                             for at, char in enumerate(word) if char == "'"}
        self._lowercase_candidates = re.compile(r"(?<![\w'’-])(?:" + _trie_pattern(
            by_folded, end=lambda word: r"(?![\w-])" + _continuation(
                by_folded[word], after_apostrophe=word in before_apostrophe),
        ) + ")") if trie else None
        self._term_count = len({f.term.id for fs in self._by_first_word.values() for f in fs})
        self._shortest = min((len(word) for word in self._by_first_word), default=1)
        self._starts: dict[str, _Start] = {}

    def link(self, html: str, glossary_href: str) -> str:
        """``html`` with first mentions linked to ``glossary_href#<term id>``."""
        if self._lowercase_candidates is None:
            return html
        # Lower-casing is used when it finds the same places: every character stays where
        # it was (no « İ » → « i̇ ») and agrees with the case folding that words are compared
        # with (no « ß », « ſ », final « ς »…). Otherwise the case-insensitive regex runs.
        lowercase = html.lower()
        lowered: str | None = lowercase
        if _LOWERCASE_SAFE.fullmatch(html) is not None or (
                len(lowercase) == len(html) and lowercase == html.casefold()):
            pattern, text = self._lowercase_candidates, lowercase
        else:
            pattern, text, lowered = self._any_case_candidates, html, None
        done: set[str] = set()
        pieces: list[str] = []
        cursor = 0
        # Only the text between tags and skipped elements is searched (half of a page's
        # HTML is markup). A term never spans a tag: its words are separated by spaces only.
        for span_start, span_end in _text_spans(html, self._shortest):
            for candidate in pattern.finditer(text, span_start, span_end):
                position = candidate.start()
                if position < cursor:
                    continue
                first = _WORD.match(html, position)
                if first is None:
                    continue
                start = self._start(first.group(0))
                # Where the candidate ends with the word, the pattern has already looked at
                # the words that follow; elsewhere (« aujourd'hui » read from « aujourd »)
                # a quick look saves reading them one by one.
                if (lowered is not None and first.end() != candidate.end()
                        and not start.may_continue(lowered, first.end())):
                    continue  # the words that follow belong to no term starting here
                found = self._match(start.forms, _Words(html, first), done)
                if found is None:
                    continue
                form, end = found
                definition = escape(form.term.definition)
                pieces.append(html[cursor:position])
                pieces.append(
                    f'<a class="kb-term" href="{glossary_href}#{form.term.id}" '
                    f'data-definition="{definition}" aria-description="{definition}">'
                    f'{html[position:end]}</a>'
                )
                cursor = end
                done.add(form.term.id)
                if len(done) == self._term_count:
                    return "".join(pieces) + html[cursor:]  # every term is linked
        if not pieces:
            return html
        pieces.append(html[cursor:])
        return "".join(pieces)

    @cached_property
    def _any_case_candidates(self) -> re.Pattern[str]:
        # Compiled only if a page needs it: most pages are searched lower-cased.
        return re.compile(self._any_case_pattern, re.IGNORECASE)

    def _start(self, word: str) -> _Start:
        """What may start with ``word``: forms whose first word is ``word`` (acronyms) or its
        folded form (other words); computed once per word seen."""
        start = self._starts.get(word)
        if start is None:
            forms = self._by_first_word.get(word, [])
            if _fold(word) != word:
                forms = forms + self._by_first_word.get(_fold(word), [])
            start = self._starts[word] = _Start(forms)
        return start

    @staticmethod
    def _match(forms: list[_Form], words: _Words, done: set[str]) -> tuple[_Form, int] | None:
        """The longest of ``forms`` not yet linked that ``words`` (read from a candidate)
        start with, and where it ends."""
        for form in forms:
            if form.term.id in done:
                continue
            count = len(form.words)
            if all((words.folded(n) if not form.case_sensitive else words.text(n)) == expected
                   for n, expected in enumerate(form.words)) and words.contiguous(count):
                return form, words.end(count - 1)
        return None


def _text_spans(html: str, shortest: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of text outside tags and skipped elements, at least
    ``shortest`` characters long."""
    cursor = 0
    for skipped in _SKIP.finditer(html):
        if skipped.start() - cursor >= shortest:
            yield cursor, skipped.start()
        cursor = skipped.end()
    if len(html) - cursor >= shortest:
        yield cursor, len(html)


class _Start:
    """The forms that start with one word, and a quick test of the words that follow it."""

    def __init__(self, forms: list[_Form]) -> None:
        self.forms = forms

    @cached_property
    def _rest(self) -> re.Pattern[str] | None:
        # On lower-cased text, a first word whose terms all have several words must be
        # followed by their next words: one regex tells, before any word is read in Python.
        # Compiled only for the words that need it (compiling is most of its cost).
        rest = _continuation(self.forms, after_apostrophe=False)
        return re.compile(rest) if rest else None

    def may_continue(self, lowered: str, end: int) -> bool:
        """False when no form can go on from ``end`` (the first word's end) in ``lowered``:
        a shortcut only, :meth:`TermLinker._match` reads the words anyway."""
        return self._rest is None or self._rest.match(lowered, end) is not None


def _continuation(forms: list[_Form], *, after_apostrophe: bool) -> str:
    """A lookahead for the words that must follow the first word of ``forms`` on
    lower-cased text; empty when one form has a single word (or, ``after_apostrophe``,
    when a longer first word goes on after an apostrophe: the candidate regex may stop
    at the apostrophe of « aujourd'hui- » and the whole word's terms be the ones read)."""
    if after_apostrophe or not forms or any(len(form.words) == 1 for form in forms):
        return ""
    # Folded words read as they are written in lower-cased text, apostrophes aside.
    rests = sorted({r"\s+".join(_apostrophes(re.escape(_fold(word) if form.case_sensitive
                                                         else word))
                                for word in form.words[1:])
                    for form in forms})
    return r"(?=\s+(?:" + "|".join(rests) + "))"


def _apostrophes(escaped: str) -> str:
    """Either apostrophe where a folded word has « ' »."""
    return escaped.replace("'", "['’]")


class _Words:
    """The words from a candidate on, read and case-folded only as far as a form needs:
    most candidates fail on their second word."""

    def __init__(self, html: str, first: re.Match[str]) -> None:
        self._html = html
        self._matches = [first]
        self._folded: list[str] = []
        self._following: Iterator[re.Match[str]] | None = None

    def _get(self, index: int) -> re.Match[str] | None:
        while len(self._matches) <= index:
            if self._following is None:
                self._following = _WORD.finditer(self._html, self._matches[0].end())
            following = next(self._following, None)
            if following is None:
                return None
            self._matches.append(following)
        return self._matches[index]

    def text(self, index: int) -> str | None:
        word = self._get(index)
        return word.group(0) if word is not None else None

    def folded(self, index: int) -> str | None:
        while len(self._folded) <= index:
            word = self._get(len(self._folded))
            if word is None:
                return None
            self._folded.append(_fold(word.group(0)))
        return self._folded[index]

    def end(self, index: int) -> int:
        word = self._get(index)
        assert word is not None  # only asked for words that matched
        return word.end()

    def contiguous(self, count: int) -> bool:
        """Words of a multi-word term are separated by spaces only (not by a full stop)."""
        return all(
            self._html[self.end(n):self._matches[n + 1].start()].strip() == ""
            for n in range(count - 1)
        )


def _trie_pattern(words: Iterable[str], end: Callable[[str], str] | None = None) -> str:
    """A regex matching any of ``words``, factored as a trie: « cloud|crm » → « c(?:loud|rm) ».

    With ``end``, each word is followed by the pattern ``end(folded word)`` (else any
    word may just end where it ends)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in _fold(word):
            node = node.setdefault(char, {})
        node[""] = {"": _fold(word)}

    def pattern(node: dict[str, dict]) -> str:
        branches = [("['’]" if char == "'" else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if end is not None and "" in node:
            # Longer words first, as the greedy « ? » below: then this word and its end.
            return "(?:" + "|".join([*branches, end(node[""][""])]) + ")"
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{group})?" if "" in node else group  # a word may also end here

    return pattern(trie)
