"""Data errors in the compiler format editors and CI annotations understand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in a data file, at a precise place.

    Rendered as ``data/aids.yaml:42:7: aids[3].amount (bxl-prime-web): message — hint``.
    """

    path: str
    line: int
    column: int
    location: str
    message: str
    hint: str = ""
    record_id: str = ""

    def __str__(self) -> str:
        where = self.location
        if self.record_id:
            where = f"{where} (id: {self.record_id})"
        text = f"{self.path}:{self.line}:{self.column}: {where}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class DataErrors(Exception):
    """Every error found in the data, raised once so that none hides another."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"{count} erreur{'s' if count > 1 else ''} dans les données :"
        return "\n".join([head, *(str(error) for error in self.errors)])
