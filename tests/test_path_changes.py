"""« Modifier » on the decision path, proven on every built page.

A walk page lists the answers given so far (« Vos réponses »), each with links to change it.
The promise of the path is its split between what it has verified and what is left to check:
a changed answer may only carry the later answers to the same questions, never turn an answer
to one question into an answer to another (« oui » to *Agrément jeunesse* must not become « oui »
to *Statut d'entreprise*). Each property is checked on every page and every link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.catalog import load_catalog
from tests.conftest import ROOT

ANSWER_BLOCK = re.compile(r'<details class="kb-path-answer">(.*?)</details>', re.S)
QUESTION = re.compile(r'<span class="kb-path-answer__q">(.*?)</span>', re.S)
GIVEN = re.compile(r"<summary>.*?<strong>(.*?)</strong>", re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
CHANGE_LINK = re.compile(r'^\s*<a href="([^"]+)">(.*)</a>\s*$', re.S)
VERIFIED = re.compile(r'<h2 id="verifie">.*?</h2>\s*<ul>(.*?)</ul>', re.S)
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
NEED_LINK = re.compile(r'<a class="kb-path-need"[^>]*? href="([^"]+)">(.*?)</a>', re.S)


def text(html: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, spaces collapsed."""
    html = re.sub(r'<a class="headerlink".*?</a>', "", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


@dataclass
class Given:
    question: str
    answer: str
    changes: list[tuple[str, str]]
    """(answer label, href) for every other answer of that question."""


@dataclass
class PathPage:
    url: str
    heading: str
    given: list[Given]
    verified: list[str] | None
    """« Ce que le parcours a vérifié », on a result only."""
    needs: list[tuple[str, str]]
    """« Un autre besoin ? », on a result reached through a need: (label, href)."""

    @property
    def answers(self) -> list[tuple[str, str]]:
        return [(g.question, g.answer) for g in self.given]


def read_page(site: Path, url: str) -> PathPage:
    html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    given = []
    for block in ANSWER_BLOCK.findall(html):
        changes = []
        for item in ITEM.findall(block):
            link = CHANGE_LINK.match(item)
            if link:
                changes.append((text(link.group(2)), link.group(1)))
            else:
                assert "(votre réponse)" in text(item), (url, item)
        given.append(Given(text(QUESTION.search(block).group(1)),
                           text(GIVEN.search(block).group(1)), changes))
    verified = VERIFIED.search(html)
    return PathPage(url, text(HEADING.search(html).group(1)), given,
                    [text(i) for i in ITEM.findall(verified.group(1))] if verified else None,
                    [(text(label), href) for href, label in NEED_LINK.findall(html)])


def walk_urls(site: Path) -> list[str]:
    """Every page of the path that follows answers (not the citable results, not the map)."""
    pages = []
    for file in sorted((site / "parcours").rglob("index.html")):
        parts = file.relative_to(site).parent.parts
        if len(parts) > 1 and parts[1] in {"resultats", "schema"}:
            continue
        pages.append("/" + "/".join(parts) + "/")
    return pages


@dataclass
class Check:
    pages: int
    links: int
    wrong: list[str]


class Expected:
    """What the data says each answer establishes, and which question each heading asks."""

    def __init__(self, real) -> None:
        steps = real.path.steps.values()
        self.checked = {(step.title, " ".join(answer.label.split())): answer.checked
                        for step in steps for answer in step.answers}
        self.titles = {" ".join(step.question.split()): step.title
                       for step in steps if step.is_question}

    def verified(self, answers: list[tuple[str, str]]) -> list[str]:
        """« Ce que le parcours a vérifié » after these answers: what each one establishes."""
        return [self.checked[answer] for answer in answers if self.checked[answer]]

    def change_problems(self, before: list[tuple[str, str]], index: int, label: str,
                        after: list[tuple[str, str]], heading: str) -> list[str]:
        """Why the page reached by changing answer ``index`` to ``label`` is wrong, if it is:
        the earlier answers and the new one must be shown, the later ones only if they were
        given to the same question, and no question already answered may be asked again."""
        problems = []
        kept = [*before[:index], (before[index][0], label)]
        if after[:index + 1] != kept:
            problems.append(f"réponses d'avant {after[:index + 1]}")
        invented = [answer for answer in after[index + 1:] if answer not in set(before)]
        if invented:
            problems.append(f"réponses jamais données {invented}")
        asked = self.titles.get(heading)
        lost = [answer for answer in before[index + 1:] if answer[0] == asked]
        if lost:
            problems.append(f"repose une question déjà répondue {lost}")
        return problems


def check_site(site: Path, real) -> Check:
    """Every « modifier » and « Un autre besoin ? » link of every walk page, and the verified
    list of every result."""
    expected = Expected(real)
    pages: dict[str, PathPage] = {}

    def page(url: str) -> PathPage:
        if url not in pages:
            pages[url] = read_page(site, url)
        return pages[url]

    wrong: list[str] = []
    links = 0
    urls = walk_urls(site)
    for url in urls:
        source = page(url)
        if source.verified is not None and source.verified != expected.verified(source.answers):
            wrong.append(f"{url} : vérifié {source.verified} ≠ questions posées "
                         f"{expected.verified(source.answers)}")
        changes = [(index, label, href) for index, shown in enumerate(source.given)
                   for label, href in shown.changes]
        for label, href in source.needs:
            # An other need is a change of the answer to the question of the need.
            index = next(i for i, shown in enumerate(source.given)
                         if label in (other for other, _ in shown.changes))
            changes.append((index, label, href))
        for index, label, href in changes:
            links += 1
            target_url = urlsplit(urljoin(f"http://site{url}", href)).path
            target = page(target_url)
            problems = expected.change_problems(source.answers, index, label, target.answers,
                                                target.heading)
            if problems:
                wrong.append(f"{url} « {source.given[index].question} » → « {label} » "
                             f"({target_url}) : " + " ; ".join(problems))
    return Check(len(urls), links, wrong)


@pytest.fixture(scope="module")
def real():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date(2026, 11, 30))


def test_every_change_link_keeps_only_answers_given_to_the_same_questions(built_site, real):
    result = check_site(built_site, real)
    # The other needs are offered on results (a user with several needs does not start over).
    assert any(read_page(built_site, url).needs for url in walk_urls(built_site))
    # Every page of the path was read (a page the walk misses would be a page not proven).
    assert result.pages == len(real.path.walks)
    assert result.links > 0
    assert result.wrong == [], (f"{len(result.wrong)} liens « modifier » faux sur "
                                f"{result.links} :\n" + "\n".join(result.wrong[:20]))


def test_the_reported_fault_is_fixed(built_site, real):
    """The case of the issue: from laptops for a youth organisation, « Un site web »."""
    url = "/parcours/bruxelles/mon-organisation/asbl/mise-en-oeuvre/materiel/oui/"
    source = read_page(built_site, url)
    need = next(g for g in source.given if g.question == "Premier besoin")
    href = next(href for label, href in need.changes if label.startswith("Un site web"))
    target = read_page(built_site, urlsplit(urljoin(f"http://site{url}", href)).path)
    # The walk stops at the question the new need asks, with nothing answered for it.
    assert target.heading.startswith("Votre organisation est-elle une micro ou petite")
    assert [q for q, _ in target.answers][-1] == "Premier besoin"
    assert target.verified is None


def test_an_answer_id_shared_by_two_questions_is_never_carried_over(tmp_path):
    from tests.test_decision_path import load, question, result

    paths = (question("siege", ("bruxelles", "besoin"), ("ailleurs", "fin"), region="bruxelles")
             + question("besoin", ("former", "cp"), ("equiper", "jeunesse"), ("lire", "fin"))
             + question("cp", ("oui", "fin"), ("non", "fin"))
             + question("jeunesse", ("oui", "fin"), ("non", "fin")) + result("fin"))
    path = load(tmp_path, paths).path
    walk = path.walk(["bruxelles", "former", "oui"])
    besoin = path.steps["besoin"]
    # « oui » answered the joint committee, not the youth agreement: that question is asked.
    changed = path.change(walk, 1, besoin.answers[1])
    assert changed.segments == ("bruxelles", "equiper")
    assert changed.step.id == "jeunesse"
    assert changed.checked == ["Vérifié bruxelles", "Vérifié equiper"]
    # Changing the first answer back keeps every later answer to the same questions.
    away = path.change(walk, 0, path.start.answers[1])
    assert away.segments == ("ailleurs",)
    assert path.change(walk, 1, besoin.answers[2]).segments == ("bruxelles", "lire")
