"""The decision path « Quelle aide pour mon association ? » (data/paths.yaml).

The steps form a directed graph (questions → answers → steps). This module checks it
(no loop, every step reachable, no unusable aid offered to a Brussels association, a bounded
number of questions), unfolds it into walks (each walk is a static page with a stable URL:
``/parcours/<answer>/<answer>/…/``) and reports which aids the path covers; path_diagram
draws it.
Graph work is done by networkx, the drawing by matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .errors import DataError

# The drawing lives in its own module; the pages name it from here.
from .path_diagram import DIAGRAM_TITLE as DIAGRAM_TITLE
from .path_diagram import diagram_description as diagram_description
from .path_diagram import diagram_svg as diagram_svg
from .schema import Aid, BrusselsAccess, Kind, PathAnswer, PathStep, Region

if TYPE_CHECKING:
    import networkx as nx

    from .load import LoadedFile

MAX_QUESTIONS = 9
"""At most this many questions on any path (the issue's promise to managers)."""

MAX_WALKS = 2000
"""Each walk is a page: a tree that unfolds into more pages than this is a design error."""

RESERVED_ANSWER_IDS = frozenset({"resultats", "schema"})
"""First-level URL segments used by the result and diagram pages."""

UNUSABLE_IN_BRUSSELS = frozenset({
    BrusselsAccess.OTHER_REGION, BrusselsAccess.FOREIGN_EXAMPLE, BrusselsAccess.NOT_APPLICABLE,
})
"""Access values of records a Brussels association cannot apply to."""

ALLOWED_ACCESS = {
    "online_tools": frozenset({BrusselsAccess.OTHER_REGION}),
    "elsewhere": frozenset({BrusselsAccess.OTHER_REGION, BrusselsAccess.FOREIGN_EXAMPLE}),
}
"""Sections of a result reserved for records from elsewhere, and what they may hold."""


@dataclass(frozen=True)
class Walk:
    """The answers given from the start to one step: one static page of the path."""

    answers: tuple[tuple[PathStep, PathAnswer], ...]
    step: PathStep

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(answer.id for _, answer in self.answers)

    @property
    def region(self) -> Region | None:
        return next((a.region for _, a in reversed(self.answers) if a.region), None)

    @property
    def suggested(self) -> frozenset[str]:
        """Needs suggested by the last answer that suggests any (the maturity answer)."""
        return next((frozenset(a.suggests) for _, a in reversed(self.answers) if a.suggests),
                    frozenset())

    @property
    def checked(self) -> list[str]:
        return [answer.checked for _, answer in self.answers if answer.checked]


class DecisionPath:
    """The validated steps, in file order; the first one is the start."""

    def __init__(self, steps: Iterable[PathStep]) -> None:
        self.steps = {step.id: step for step in steps}
        self.start = next(iter(self.steps.values()))
        self._remaining: dict[str, tuple[int, int]] = {}

    @cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The steps and answers as a graph, for the checks and the diagram (not the pages).
        Made on demand: importing networkx costs more than rendering the path's pages, and a
        build that reuses the checked catalogue and the kept diagram (.cache/) needs none."""
        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph.add_nodes_from(self.steps)
        for step in self.steps.values():
            for answer in step.answers:
                if answer.next in self.steps:
                    graph.add_edge(step.id, answer.next, key=answer.id)
        return graph

    @property
    def results(self) -> list[PathStep]:
        return [step for step in self.steps.values() if not step.is_question]

    @property
    def questions(self) -> list[PathStep]:
        return [step for step in self.steps.values() if step.is_question]

    @cached_property
    def walks(self) -> list[Walk]:
        """Every page of the path: the start, then each sequence of answers (depth first)."""
        found: list[Walk] = []

        def visit(step: PathStep, answers: tuple[tuple[PathStep, PathAnswer], ...]) -> None:
            found.append(Walk(answers, step))
            if len(found) > MAX_WALKS:
                raise OverflowError
            for answer in step.answers:
                visit(self.steps[answer.next], (*answers, (step, answer)))

        visit(self.start, ())
        return found

    def walk(self, segments: Iterable[str]) -> Walk | None:
        """The walk that follows these answer ids from the start, if they all apply."""
        step, answers = self.start, []
        for segment in segments:
            answer = next((a for a in step.answers if a.id == segment), None)
            if answer is None:
                return None
            answers.append((step, answer))
            step = self.steps[answer.next]
        return Walk(tuple(answers), step)

    def change(self, walk: Walk, index: int, answer: PathAnswer) -> Walk:
        """The page reached by changing the ``index``-th answer and keeping the later ones
        for as long as they still apply (« modifier sans recommencer »).

        A later answer is kept only where the new walk asks the very question it answered:
        answer ids are not unique across questions (« oui » to one question is not « oui » to
        the next one), so matching by id would invent answers never given. The walk stops at
        the first question the user has not answered, which is then asked again.
        """
        given = {asked.id: previous for asked, previous in walk.answers[index + 1:]}
        answers = [*walk.answers[:index], (walk.answers[index][0], answer)]
        step = self.steps[answer.next]
        while step.id in given:
            previous = given.pop(step.id)
            answers.append((step, previous))
            step = self.steps[previous.next]
        return Walk(tuple(answers), step)

    def other_needs(self, walk: Walk) -> tuple[Walk, list[tuple[PathAnswer, Walk, Walk]]] | None:
        """For a result reached through a need (« Premier besoin »): the walk up to that need,
        and each other need with the walk up to it and the page it leads to, answers carried
        over as « modifier » does. A user with several needs goes from one result to the
        next without starting over; no page is added (each target is already a walk)."""
        if walk.step.is_question:
            return None
        index = next((i for i, (_, given) in enumerate(walk.answers) if given.need), None)
        if index is None:
            return None
        asked, given = walk.answers[index]
        here = Walk(walk.answers[:index + 1], self.steps[given.next])
        others = []
        for answer in asked.answers:
            if answer.id != given.id:
                need = Walk((*walk.answers[:index], (asked, answer)), self.steps[answer.next])
                others.append((answer, need, self.change(walk, index, answer)))
        return here, others

    def remaining(self, step: PathStep) -> tuple[int, int]:
        """Fewest and most questions left before a result, this one included."""
        if step.id not in self._remaining:
            if not step.is_question:
                self._remaining[step.id] = (0, 0)
            else:
                ranges = [self.remaining(self.steps[answer.next]) for answer in step.answers]
                self._remaining[step.id] = (1 + min(low for low, _ in ranges),
                                            1 + max(high for _, high in ranges))
        return self._remaining[step.id]

    def walks_to(self, result: PathStep) -> list[Walk]:
        return [walk for walk in self.walks if walk.step.id == result.id]

    def checked_on_every_walk(self, result: PathStep) -> list[str]:
        """What every way to this result has established (shown on its citable page)."""
        walks = self.walks_to(result)
        if not walks:
            return []
        common = set(walks[0].checked).intersection(*(walk.checked for walk in walks[1:]))
        return [text for text in walks[0].checked if text in common]


# --------------------------------------------------------------------------- checks


def check_path(loaded: LoadedFile[PathStep], steps: dict[str, PathStep],
               aids: dict[str, Aid]) -> list[DataError]:
    """Errors of the path as a whole, each at the line of the step or answer concerned."""
    if not steps or any(answer.next not in steps
                        for step in steps.values() for answer in step.answers):
        return []  # an answer to an unknown step is reported as such; the graph is incomplete
    import networkx as nx  # see DecisionPath.graph

    positions = {record.id: position for position, record in loaded.records}
    path = DecisionPath(steps.values())
    errors: list[DataError] = []

    def error(step_id: str, loc: tuple[str | int, ...], message: str, hint: str) -> None:
        errors.append(loaded.error(positions[step_id], loc, message, hint, record_id=step_id))

    for step in steps.values():
        for index, answer in enumerate(step.answers):
            if step is path.start and answer.id in RESERVED_ANSWER_IDS:
                error(step.id, ("answers", index, "id"), f"« {answer.id} » est réservé",
                      "Les pages /parcours/resultats/ et /parcours/schema/ portent ces noms.")
    loops = list(nx.simple_cycles(nx.DiGraph(path.graph)))
    distance = nx.single_source_shortest_path_length(path.graph, path.start.id)
    order = {step_id: index for index, step_id in enumerate(steps)}
    for found in loops:
        # Start the loop at its step nearest the start: the answer that closes it is then the
        # one that goes back, where the maintainer has to look.
        entry = min(range(len(found)), key=lambda i: (distance.get(found[i], len(steps)),
                                                      order[found[i]]))
        cycle = found[entry:] + found[:entry]
        last, first = cycle[-1], cycle[0]
        index = next(i for i, a in enumerate(steps[last].answers) if a.next == first)
        error(last, ("answers", index, "next"),
              "boucle : " + " → ".join([*cycle, first]),
              "Une réponse doit mener plus loin dans le parcours, jamais en arrière.")
    reachable = {path.start.id} | nx.descendants(path.graph, path.start.id)
    for step in steps.values():
        if step.id not in reachable:
            error(step.id, ("id",), "étape inaccessible : aucune réponse n'y mène",
                  "Faites-y mener une réponse (next) ou retirez l'étape.")
    if loops:
        return errors  # walks and depths are undefined on a graph with loops
    deepest = nx.dag_longest_path(path.graph)
    if len(deepest) - 1 > MAX_QUESTIONS:
        error(deepest[-1], ("id",),
              f"{len(deepest) - 1} questions pour arriver ici (au plus {MAX_QUESTIONS})",
              "Chemin : " + " → ".join(deepest) + ". Raccourcissez le parcours.")
    try:
        walks = path.walks
    except OverflowError:
        error(path.start.id, ("id",), f"le parcours compte plus de {MAX_WALKS} chemins",
              "Chaque chemin est une page : regroupez des réponses qui mènent au même endroit.")
        return errors
    brussels_results = {walk.step.id for walk in walks if walk.region is Region.BRUSSELS}
    for result in path.results:
        for section, position, item in result.proposed():
            aid = aids.get(item.id)
            if aid is None:
                continue  # reported as an unknown reference
            loc = (section, position, "id")
            allowed = ALLOWED_ACCESS.get(section)
            is_policy = aid.kind in {Kind.POLICY, Kind.CONTEXT}
            if section == "watch":
                if not is_policy:
                    error(result.id, loc, f"« {aid.id} » est une {aid.kind.label.lower()}, "
                          "pas une politique ou une mention",
                          "watch ne reçoit que des politiques et des mentions à suivre.")
            elif allowed is not None and aid.brussels_access not in allowed:
                error(result.id, loc,
                      f"« {aid.id} » ({aid.brussels_access.label}) n'a pas sa place dans "
                      f"{section}",
                      f"{section} ne reçoit que : "
                      + ", ".join(sorted(a.label for a in allowed))
                      + ". Une aide accessible va dans aids ou conditional.")
            elif (allowed is None and result.id in brussels_results
                  and (aid.brussels_access in UNUSABLE_IN_BRUSSELS or is_policy)):
                error(result.id, loc,
                      f"« {aid.id} » n'est pas accessible à une ASBL bruxelloise "
                      f"({aid.brussels_access.label}), or ce résultat suit une réponse "
                      "« Bruxelles »",
                      "Proposez-la dans online_tools (outil en ligne d'une autre région), "
                      "elsewhere (idée d'ailleurs) ou watch (politique à suivre), ou retirez-la.")
    return errors


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Coverage:
    proposed: dict[str, list[str]]
    """Aid id → the results that propose it."""
    out_by_rule: dict[str, str]
    """Aid id → why the path leaves it out on purpose (a rule, or the aid's outside_path)."""
    missing: list[str]
    """Aids a Brussels association could use that no result proposes."""


def coverage(path: DecisionPath, aids: dict[str, Aid]) -> Coverage:
    """Which aids the path proposes, which it leaves out on purpose, which it forgets.

    Left out on purpose: policies and mentions (not aids one applies to), and schemes of
    other regions or countries that no result names (the path is for Brussels).
    """
    proposed: dict[str, list[str]] = {}
    for result in path.results:
        for _, _, item in result.proposed():
            proposed.setdefault(item.id, [])
            if result.id not in proposed[item.id]:
                proposed[item.id].append(result.id)
    out_by_rule: dict[str, str] = {}
    missing: list[str] = []
    for aid in aids.values():
        if aid.id in proposed:
            continue
        if aid.outside_path:
            out_by_rule[aid.id] = f"déclarée hors parcours : {aid.outside_path}"
        elif aid.kind in {Kind.POLICY, Kind.CONTEXT}:
            out_by_rule[aid.id] = f"{aid.kind.label.lower()} : on n'y postule pas"
        elif aid.brussels_access in UNUSABLE_IN_BRUSSELS:
            out_by_rule[aid.id] = aid.brussels_access.label
        else:
            missing.append(aid.id)
    return Coverage(proposed, out_by_rule, missing)


def coverage_report(path: DecisionPath, aids: dict[str, Aid]) -> Iterator[str]:
    """Lines printed by ``python -m generator validate``."""
    report = coverage(path, aids)
    yield (f"Parcours : {len(path.questions)} questions, {len(path.results)} résultats, "
           f"{len(path.walks)} pages ; {len(report.proposed)} aides proposées, "
           f"{len(report.out_by_rule)} hors parcours par règle, "
           f"{len(report.missing)} sans résultat.")
    reasons: dict[str, int] = {}
    for aid_id, reason in report.out_by_rule.items():
        if aids[aid_id].outside_path:
            yield f"  hors parcours, déclarée : « {aid_id} » — {aids[aid_id].outside_path}"
            continue
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        yield f"  hors parcours ({reason}) : {count}"
    for aid_id in report.missing:
        yield (f"  à placer : « {aid_id} » ({aids[aid_id].brussels_access.label}) n'est "
               "proposée par aucun résultat de data/paths.yaml")


MUST_BE_PLACED = frozenset({BrusselsAccess.YES, BrusselsAccess.CONDITIONAL})
"""Access values of aids the path must propose, or declare outside it with a reason."""


def check_coverage(loaded_aids: LoadedFile[Aid], path: DecisionPath) -> list[DataError]:
    """An aid a Brussels association can use (yes, conditional) is proposed by a result or
    says why not (``outside_path``); an aid the path proposes is not declared outside it.
    Each error is at the aid's line in data/aids.yaml."""
    proposed = {item.id for result in path.results for _, _, item in result.proposed()}
    errors = []
    for position, aid in loaded_aids.records:
        if aid.outside_path and aid.id in proposed:
            errors.append(loaded_aids.error(
                position, ("outside_path",), "aide déclarée hors parcours, mais proposée par "
                "un résultat de data/paths.yaml",
                "Retirez outside_path, ou retirez l'aide des résultats du parcours.",
                record_id=aid.id))
        elif (aid.brussels_access in MUST_BE_PLACED and aid.kind not in {Kind.POLICY, Kind.CONTEXT}
              and aid.id not in proposed and not aid.outside_path):
            errors.append(loaded_aids.error(
                position, ("brussels_access",),
                f"aide accessible ({aid.brussels_access.label}) absente du parcours",
                "Proposez-la dans un résultat de data/paths.yaml (aids ou conditional), ou "
                "dites pourquoi le parcours ne la propose pas : outside_path: \"…\".",
                record_id=aid.id))
    return errors
