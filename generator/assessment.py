"""The self-assessment (/profils/autodiagnostic/): which of the six profiles is nearest?

The survey report built its six profiles by clustering the organisations on the variables
of Tableau 3 (positioning, objectives, needs, resources). Its Tableau 3 gives each profile's
average on each variable: the profile's centre. A visitor answers the same questions; each
answer and each centre is divided by a standard deviation (the report normalised its
variables, but does not publish their deviations: 0.5 for a yes/no answer, its maximum,
and 1.5 points for a 1–7 score), and the nearest centre (Euclidean distance) names the
profile. An unanswered question is missing, not « no »: a score left « sans avis » and a
block of objectives where nothing is ticked (not even « aucun ») are left out of the
distance, and every block needs at least one answer. When other profiles are almost as near
as the first (:data:`CLOSE_MARGIN`), the page says so and names them. The same computation
runs in the browser (theme/assets/javascripts/
autodiagnostic.js) from the JSON made here; :func:`nearest` is its reference, for tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import sqrt
from typing import Any

from .jsonld import script_json
from .schema import Profile, SurveyUnit
from .survey import Table, french_number

BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("tab03-positioning", "Votre position face au numérique",
     "Êtes-vous d'accord avec ces affirmations ? De 1 (pas du tout d'accord) à 7 (tout à "
     "fait d'accord)."),
    ("tab03-employment", "Vos objectifs en matière d'emploi",
     "Le numérique pourrait-il vous aider à… ? Cochez tout ce qui s'applique."),
    ("tab03-processes", "Vos objectifs d'organisation et de gestion",
     "Le numérique pourrait-il vous aider à… ? Cochez tout ce qui s'applique."),
    ("tab03-services", "Vos objectifs de services",
     "Le numérique pourrait-il vous aider à… ? Cochez tout ce qui s'applique."),
    ("tab03-needs", "Vos besoins pour vous digitaliser",
     "Ces ressources vous seraient-elles nécessaires ? De 1 (pas du tout) à 7 (tout à fait)."),
)
"""The blocks of Tableau 3 the questionnaire asks, in the report's order. The block of
technological resources is left out: the report gives no scale for its scores."""

LIKERT = range(1, 8)

SD_LIKERT = 1.5
"""Assumed standard deviation of a 1–7 score, in points (a usual value for such scales)."""
SD_CHOICE = 0.5
"""Standard deviation of a yes/no answer at most (a share of 50 %)."""

CLOSE_MARGIN = 0.05
"""Profiles this close to the nearest one (in standard deviations, on the mean distance) are
named with it: at 0.70 against 0.73 the answers do not tell them apart."""


@dataclass(frozen=True)
class Item:
    """One question: a row of Tableau 3 and each profile's value on it."""

    key: str
    label: str
    likert: bool
    centres: dict[str, float]
    """Profile column → the profile's value, normalised (see :func:`normalised`)."""
    printed: dict[str, str]
    """Profile column → the value as the report prints it (« 5,88 », « 37,5% »)."""


@dataclass(frozen=True)
class Block:
    table_id: str
    title: str
    instructions: str
    items: list[Item]

    @property
    def likert(self) -> bool:
        return all(item.likert for item in self.items)


def block_id(block: Block) -> str:
    """The block's fieldset id on the page (the missing-answers message links to it)."""
    return "bloc-" + block.table_id


def normalised(value: float, unit: SurveyUnit) -> float:
    """A centre or an answer in standard deviations: a 1–7 score, or a share of
    organisations (0–100) that compares with a yes (1) or no (0) answer."""
    if unit == SurveyUnit.MEAN_7:
        return value / SD_LIKERT
    return value / 100 / SD_CHOICE


def questionnaire(tables: Sequence[Table], profiles: Sequence[Profile]) -> list[Block]:
    """The questions, from the CSV files of Tableau 3 (one source of truth for the values).

    A row where a profile's value is not printed is left out for everyone: distances must
    be taken on the same variables for all six profiles.
    """
    by_id = {table.meta.id: table for table in tables}
    columns = [profile.column for profile in profiles]
    blocks = []
    for table_id, title, instructions in BLOCKS:
        table = by_id.get(table_id)
        if table is None:
            continue
        unit = table.meta.unit
        items = []
        for row, (label, values) in enumerate(table.rows):
            given = {column: values[table.columns.index(column)] for column in columns}
            cells = {column: value for column, value in given.items() if value is not None}
            if len(cells) < len(given):  # a row without every profile's value is left out
                continue
            items.append(Item(
                key=f"{table_id}:{row}", label=label, likert=unit == SurveyUnit.MEAN_7,
                centres={column: round(normalised(value, unit), 6)
                         for column, value in cells.items()},
                printed={column: french_number(value, unit) for column, value in cells.items()},
            ))
        blocks.append(Block(table_id, title, instructions, items))
    return blocks


def answer_value(item: Item, answer: int | bool | None) -> float | None:
    """A visitor's answer, normalised (None: « sans avis », left out of the distance)."""
    if answer is None:
        return None
    if item.likert:
        return normalised(float(answer), SurveyUnit.MEAN_7)
    return normalised(100.0 if answer else 0.0, SurveyUnit.PERCENT)


def nearest(blocks: Sequence[Block], columns: Sequence[str],
            answers: Mapping[str, int | bool | None]) -> list[tuple[str, float]]:
    """Profiles from nearest to farthest: ``(column, distance)``.

    A question without an answer (None or absent) is left out, and the distance is divided
    by the number of variables answered so that it stays comparable. In a block of
    objectives, ticking one box (or « aucun ») answers the others « no »: see
    :func:`block_answers`.
    """
    sums = dict.fromkeys(columns, 0.0)
    answered = 0
    for block in blocks:
        for item in block.items:
            value = answer_value(item, answers.get(item.key))
            if value is None:
                continue
            answered += 1
            for column in columns:
                sums[column] += (value - item.centres[column]) ** 2
    distances = [(column, sqrt(total / max(answered, 1))) for column, total in sums.items()]
    return sorted(distances, key=lambda pair: pair[1])


def block_answers(block: Block, ticked: set[str], none: bool = False) -> dict[str, bool | None]:
    """A block of objectives as the form reads it: nothing ticked is no answer at all; one
    box ticked, or « aucun de ces objectifs », makes the unticked ones « no »."""
    answered = none or any(item.key in ticked for item in block.items)
    return {item.key: (item.key in ticked) if answered else None for item in block.items}


def missing_blocks(blocks: Sequence[Block],
                   answers: Mapping[str, int | bool | None]) -> list[Block]:
    """The blocks without a single answer: the result waits for one in each."""
    return [block for block in blocks
            if all(answers.get(item.key) is None for item in block.items)]


def close_profiles(ranking: Sequence[tuple[str, float]]) -> list[str]:
    """The nearest profile and those within :data:`CLOSE_MARGIN` of it."""
    best = ranking[0][1]
    return [column for column, distance in ranking if distance - best <= CLOSE_MARGIN]


def assessment_json(blocks: Sequence[Block], profiles: Sequence[dict[str, Any]]) -> str:
    """What autodiagnostic.js needs, safe to embed in a <script type="application/json">."""
    data = {
        "sd": {"likert": SD_LIKERT, "choice": SD_CHOICE},
        "close": CLOSE_MARGIN,
        "blocks": [{"id": block_id(block), "title": block.title, "likert": block.likert}
                   for block in blocks],
        "profiles": list(profiles),
        "items": [{"key": item.key, "label": item.label, "likert": item.likert,
                   "block": block.title, "block_id": block_id(block),
                   "centres": item.centres, "printed": item.printed}
                  for block in blocks for item in block.items],
    }
    # « </script> » in a label must not end the element: markup characters are escaped.
    return script_json(data)
