"""Dates as precise as published: a year (« 2025 »), a month (« 2025-06 ») or a day.

A report that says « jusqu'en 2025 » gives a year, not the 31st of December: the site keeps
that precision in the data, in every sentence it prints and in what it computes (« période
terminée » only once the whole year is over).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
_PARTS = re.compile(PATTERN)

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

ENDING_SOON = timedelta(days=92)
"""A period whose last possible day falls within this delay « se termine bientôt »."""


class Precision(Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True)
class PartialDate:
    """A published date and the span of days it may stand for."""

    text: str
    precision: Precision
    first: date
    """Earliest day the date may mean (1 January for a year)."""
    last: date
    """Latest day the date may mean (31 December for a year)."""

    def french(self) -> str:
        """« 2025 », « juin 2025 », « 30 juin 2025 » (never more precise than published)."""
        if self.precision is Precision.YEAR:
            return str(self.first.year)
        month = f"{MONTHS[self.first.month - 1]} {self.first.year}"
        if self.precision is Precision.MONTH:
            return month
        return f"{'1er' if self.first.day == 1 else self.first.day} {month}"


def parse(text: str) -> PartialDate | None:
    """The partial date written ``text``, or None if it is not a real date."""
    if not _PARTS.match(text):
        return None
    numbers = [int(part) for part in text.split("-")]
    year = numbers[0]
    if year < 1:
        return None
    if len(numbers) == 1:
        return PartialDate(text, Precision.YEAR, date(year, 1, 1), date(year, 12, 31))
    month = numbers[1]
    if not 1 <= month <= 12:
        return None
    last_day = calendar.monthrange(year, month)[1]
    if len(numbers) == 2:
        return PartialDate(text, Precision.MONTH, date(year, month, 1),
                           date(year, month, last_day))
    if not 1 <= numbers[2] <= last_day:
        return None
    day = date(year, month, numbers[2])
    return PartialDate(text, Precision.DAY, day, day)


def required(text: str) -> PartialDate:
    """:func:`parse` for a value the schema has already checked."""
    parsed = parse(text)
    if parsed is None:
        raise ValueError(f"date invalide : « {text} » (AAAA, AAAA-MM ou AAAA-MM-JJ)")
    return parsed


def french(text: str | None) -> str:
    """A published date in French, as precise as published (« » when absent)."""
    return required(text).french() if text else ""


def ended(end: str | None, today: date) -> bool:
    """True only once every day the published end may mean is past."""
    return end is not None and required(end).last < today


def ending_soon(end: str | None, today: date) -> bool:
    """Not over yet, and even its latest possible day is near."""
    return (end is not None and not ended(end, today)
            and required(end).last - today <= ENDING_SOON)
