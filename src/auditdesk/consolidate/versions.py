"""Form versions merged into one wide layout per form (formpack's rule).

The columns are the union of every version's columns in the newest version's order;
a column that only older versions had goes right after the column it followed there,
so related questions stay together. Rows of a version without a column leave it
blank (never 0: a 0/1 choice column of a question the version did not ask is unknown,
not "not chosen"). Each row keeps its own ``_form_version``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_PIECES = re.compile(r"(\d+)")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: ``"2"`` < ``"10"`` < ``"2024031501"``; text parts compare as text."""
    parts: list[tuple[int, int | str]] = []
    for piece in _PIECES.split(version.strip()):
        if not piece:
            continue
        parts.append((1, int(piece)) if piece.isdigit() else (0, piece.casefold()))
    return tuple(parts)


def union_columns(layouts: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
    """Merge ``(version, columns)`` layouts, newest version first (see the module doc)."""
    ordered = sorted(layouts, key=lambda item: version_key(item[0]), reverse=True)
    union: list[str] = []
    seen: set[str] = set()
    for _, columns in ordered:
        previous: str | None = None
        for column in columns:
            if column not in seen:
                # Right after the column it followed in its own version (already placed).
                at = union.index(previous) + 1 if previous is not None else 0
                union.insert(at, column)
                seen.add(column)
            previous = column
    return union
