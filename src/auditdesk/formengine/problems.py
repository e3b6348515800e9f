"""What can be wrong with a form, said so an author can find it: file, sheet, row, column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FormProblem:
    """One problem in one form file; any of sheet/row/column may be unknown."""

    path: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def location(self) -> str:
        """``sheet 'survey' row 4 column 'relevant'`` with whatever parts are known."""
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{self.path}: {where}: {self.message}" if where else f"{self.path}: {self.message}"


class FormLoadError(Exception):
    """A form that cannot be used; ``problems`` lists every problem found (at least one)."""

    def __init__(self, problems: Iterable[FormProblem]) -> None:
        self.problems: tuple[FormProblem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("FormLoadError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))
