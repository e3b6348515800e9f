"""The interview the kill trial fills: every kind of answer the store must keep.

Text, numbers, choices, a date, a calculation that changes with its inputs (so one
answer changes several stored values and the child saves a whole instance) and a
repeat whose instances come and go.
"""

from __future__ import annotations

import random
from pathlib import Path

KILL_FORM_MD = """
| survey |
|        | type                   | name      | label               | calculation                 |
|        | text                   | site_note | Site note           |                             |
|        | integer                | hours     | Weekly hours        |                             |
|        | decimal                | wage      | Hourly wage         |                             |
|        | select_one yn          | overtime  | Overtime?           |                             |
|        | select_multiple harm   | harms     | Harms seen          |                             |
|        | date                   | paid_on   | Last paid on        |                             |
|        | calculate              | weekly    |                     | ${hours} * ${wage}          |
|        | begin repeat           | shift     | Shifts              |                             |
|        | text                   | task      | Task                |                             |
|        | integer                | minutes   | Minutes             |                             |
|        | end repeat             |           |                     |                             |
| choices |
|         | list_name | name    | label    |
|         | yn        | yes     | Yes      |
|         | yn        | no      | No       |
|         | harm      | quota   | Quotas   |
|         | harm      | content | Content  |
|         | harm      | pay     | Pay      |
| settings |
|          | form_id     | version |
|          | kill_trial  | 1       |
"""

FORM_ID = "kill_trial"
FORM_VERSION = "1"


def write_kill_form(folder: Path) -> Path:
    path = folder / "kill_trial.md"
    path.write_text(KILL_FORM_MD, encoding="utf-8")
    return path


def random_answer(rng: random.Random, shifts: int) -> tuple[str, object]:
    """A question path and a value of its type (sometimes ``None``: a cleared answer)."""
    roll = rng.randrange(8 if shifts else 6)
    if rng.random() < 0.05:
        return rng.choice(["site_note", "hours", "overtime"]), None
    if roll == 0:
        return "site_note", f"note {rng.randrange(10**6)} – ünïcødé “quoted”"
    if roll == 1:
        return "hours", rng.randrange(0, 100)
    if roll == 2:
        return "wage", round(rng.uniform(0.5, 30), 2)
    if roll == 3:
        return "overtime", rng.choice(["yes", "no"])
    if roll == 4:
        return "harms", rng.sample(["quota", "content", "pay"], rng.randrange(1, 4))
    if roll == 5:
        return "paid_on", f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    index = rng.randrange(1, shifts + 1)
    if roll == 6:
        return f"shift[{index}]/task", f"task {rng.randrange(1000)}"
    return f"shift[{index}]/minutes", rng.randrange(1, 600)
