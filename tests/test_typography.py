"""French typography: no-break spaces before « : ; ! ? » and inside « », in text only."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.typography import NARROW_NBSP, NBSP, UNTOUCHED_TAGS, french_spacing_html

# What the rule forbids in text: any white space but the right one before a mark or after «.
WRONG_BEFORE_COLON = re.compile(r"[^\S\u00a0]:")
WRONG_BEFORE_MARK = re.compile(r"[^\S\u202f][;!?»]")
WRONG_AFTER_OPENING = re.compile(r"«[^\S\u202f]")
# What the rule writes: found where nothing may be changed, it was inserted there.
INSERTED = re.compile(r"\u00a0:|\u202f[;!?»]|«\u202f")
ADDRESS_ATTRIBUTES = {"href", "src", "action", "data-path"}


class TextNodes(HTMLParser):
    """Each text node of a page, apart from code, scripts and styles; each untouched text,
    and each attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.untouched: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((name, value) for name, value in attrs if value)
        if tag in UNTOUCHED_TAGS:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in UNTOUCHED_TAGS and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        (self.untouched if self._depth else self.text).append(data)

    def handle_comment(self, data: str) -> None:
        self.untouched.append(data)


def nodes(html: str) -> TextNodes:
    parser = TextNodes()
    parser.feed(html)
    parser.close()
    return parser


def faults(text: str) -> list[str]:
    return [text[max(0, m.start() - 30):m.end() + 10]
            for pattern in (WRONG_BEFORE_COLON, WRONG_BEFORE_MARK, WRONG_AFTER_OPENING)
            for m in pattern.finditer(text)]


# --------------------------------------------------------------------------- the rule


def test_spaces_before_marks_and_inside_guillemets_become_no_break_spaces():
    html = "<p>Prime Web : oui ; non ! Vraiment ? « Citer » et «\u00a0déjà\u00a0»</p>"
    assert french_spacing_html(html) == (
        f"<p>Prime Web{NBSP}: oui{NARROW_NBSP}; non{NARROW_NBSP}! Vraiment{NARROW_NBSP}? "
        f"«{NARROW_NBSP}Citer{NARROW_NBSP}» et «{NARROW_NBSP}déjà{NARROW_NBSP}»</p>")


def test_runs_of_space_and_entities_become_one_space_and_none_is_added():
    html = "<p>Note \n  : a&nbsp;? <strong>Montant</strong> : 10:30, https://x.org/?a=1</p>"
    assert french_spacing_html(html) == (
        f"<p>Note{NBSP}: a{NARROW_NBSP}? <strong>Montant</strong>{NBSP}: "
        "10:30, https://x.org/?a=1</p>")


@pytest.mark.parametrize("untouched", [
    '<a href="https://x.org/a ?b" title="Titre : « x »">lien</a>',
    "<code>a : b ; c</code>",
    "<pre><code>x = « y » ; z ?\n</code></pre>",
    '<script type="application/ld+json">{"name": "A : B ?"}</script>',
    "<script>if (a ? b : c) {}</script>",
    "<style>a:hover { color: red ; }</style>",
    "<kbd>Ctrl : C</kbd>",
    "<!-- note : à revoir ? -->",
    '<meta name="citation_title" content="Prime Web : oui ?">',
    "<textarea>a : b</textarea>",
])
def test_code_scripts_styles_comments_and_attributes_are_left_as_written(untouched):
    html = f"<p>Avant : {untouched} après ?</p>"
    result = french_spacing_html(html)
    assert untouched in result
    assert result == f"<p>Avant{NBSP}: {untouched} après{NARROW_NBSP}?</p>"


def test_already_right_text_is_returned_unchanged():
    html = f"<p>«{NARROW_NBSP}x{NARROW_NBSP}»{NBSP}: y{NARROW_NBSP}?</p>"
    assert french_spacing_html(html) is html


# --------------------------------------------------------------------------- the built site


def test_every_built_page_follows_french_typography(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    problems: dict[str, list[str]] = {}
    checked_text = 0
    for page in pages:
        found = nodes(page.read_text(encoding="utf-8"))
        text = "\x00".join(found.text)  # a separator: nodes are checked one by one
        checked_text += len(text)
        wrong = faults(text)
        # Nothing inserted where text must stay as written: code, scripts, addresses.
        wrong += [f"(code) {m.group()!r}" for untouched in found.untouched
                  for m in INSERTED.finditer(untouched)]
        wrong += [f"({name}) {value!r}" for name, value in found.attributes
                  if name in ADDRESS_ATTRIBUTES and (NBSP in value or NARROW_NBSP in value)]
        wrong += [f"({name}) {value!r}" for name, value in found.attributes
                  if INSERTED.search(value)]
        if wrong:
            problems[str(page.relative_to(built_site))] = wrong[:5]
    assert problems == {}
    assert checked_text > 0


def test_titles_menus_and_record_text_carry_the_spaces(built_site: Path):
    # The menu entry and a page <title> with « ? », an aid page with « : » in its text.
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"Quelle aide pour mon association{NARROW_NBSP}?" in home
    start = (built_site / "parcours" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>([^<]*)</title>", start)
    assert title is not None
    assert f"{NARROW_NBSP}?" in title.group(1)
    aid = (built_site / "aides" / "bxl-prime-web" / "index.html").read_text(encoding="utf-8")
    assert f"Cette page{NBSP}:" in aid
