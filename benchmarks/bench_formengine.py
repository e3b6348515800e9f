"""Form engine: loading an XLSForm, and answering with recompute.

* Load a generated 300-question XLSForm with ``load_form`` (pyxform's reading and
  checks, our definition, every expression compiled, the dependency graph) against
  pyxform's own ``parse_file_to_json`` on the same file, interleaved in the same run;
  the ratio of medians is reported.
* Answer random questions of a generated 1,000-question form made of relevance
  chains (each question shown only when the one before is positive, plus a running
  calculation per chain); the median time of ``session.answer`` — validation, store,
  and the dependency-driven recompute — is reported in milliseconds.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import Row

LOAD_QUESTIONS = 300
LOAD_ROUNDS = 9
ANSWER_QUESTIONS = 1_000
CHAIN_LENGTH = 10
ANSWERS = 2_000


def _write_workbook(path: Path, survey: list[list[str]], choices: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in (("survey", survey), ("choices", choices)):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version", "default_language"])
    settings.append(["bench", "1", "English (en)"])
    criteria = book.create_sheet("criteria")
    criteria.append(["criterion", "weight"])
    for number in range(20):
        criteria.append([f"C{number}", str(number % 3 + 1)])
    book.save(path)


def _load_form_rows(count: int) -> tuple[list[list[str]], list[list[str]]]:
    header = [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "hint::English (en)",
        "relevant",
        "constraint",
        "constraint_message::English (en)",
        "required",
        "calculation",
        "criterion",
    ]
    survey = [header]
    kinds = ["integer", "text", "select_one yn", "decimal", "date", "select_multiple yn"]
    per_group = 25
    for number in range(count):
        if number % per_group == 0:
            if number:
                survey.append(["end group"] + [""] * (len(header) - 1))
            group = number // per_group
            survey.append(
                ["begin group", f"g{group}", f"Section {group}", f"Section {group}"]
                + [""] * (len(header) - 4)
            )
        kind = kinds[number % len(kinds)]
        previous = f"q{number - 1}"
        relevant = f"${{{previous}}} != ''" if number % 3 == 1 else ""
        constraint = ". >= 0 and . < 1000" if kind == "integer" else ""
        survey.append(
            [
                kind,
                f"q{number}",
                f"Question {number}?",
                f"Question {number} ?",
                "Ask it plainly",
                relevant,
                constraint,
                "Out of range" if constraint else "",
                "yes" if number % 5 == 0 else "",
                "",
                f"C{number % 20}",
            ]
        )
    survey.append(["end group"] + [""] * (len(header) - 1))
    survey.append(["calculate", "total", "", "", "", "", "", "", "", "${q0} + ${q6} + ${q12}", ""])
    choices = [
        ["list_name", "name", "label::English (en)", "label::French (fr)", "score"],
        ["yn", "yes", "Yes", "Oui", "1"],
        ["yn", "no", "No", "Non", "0"],
    ]
    return survey, choices


def _chain_form_rows(count: int) -> tuple[list[list[str]], list[list[str]]]:
    survey = [["type", "name", "label", "relevant", "calculation", "constraint"]]
    for number in range(count):
        position = number % CHAIN_LENGTH
        relevant = f"${{q{number - 1}}} > 0" if position else ""
        survey.append(["integer", f"q{number}", f"Question {number}", relevant, "", ". < 100"])
        if position == CHAIN_LENGTH - 1:
            chain = number // CHAIN_LENGTH
            names = " + ".join(f"${{q{n}}}" for n in range(number - CHAIN_LENGTH + 1, number + 1))
            survey.append(["calculate", f"sum{chain}", "", "", f"coalesce({names}, 0)", ""])
    return survey, [["list_name", "name", "label"]]


def _time(call: object) -> float:
    assert callable(call)
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _bench_load(folder: Path) -> list[Row]:
    from pyxform.xls2json import parse_file_to_json

    from auditdesk.formengine import load_form

    path = folder / "load300.xlsx"
    _write_workbook(path, *_load_form_rows(LOAD_QUESTIONS))
    definition = load_form(path)  # warm imports and caches for both sides
    parse_file_to_json(str(path), warnings=[])
    assert sum(1 for _ in definition.questions()) > LOAD_QUESTIONS
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(LOAD_ROUNDS):
        theirs.append(_time(lambda: parse_file_to_json(str(path), warnings=[])))
        ours.append(_time(lambda: load_form(path)))
    ratio = statistics.median(ours) / statistics.median(theirs)
    return [
        ("formengine: load 300-question xlsx / pyxform parse_file_to_json", ratio, "<= 1.5x"),
        ("formengine: load 300-question xlsx (ms)", statistics.median(ours) * 1000, "info"),
    ]


def _bench_answer(folder: Path) -> list[Row]:
    from auditdesk.formengine import FormSession, load_form

    path = folder / "chains1000.xlsx"
    _write_workbook(path, *_chain_form_rows(ANSWER_QUESTIONS))
    session = FormSession(load_form(path))
    randomizer = random.Random(20240501)
    for number in range(ANSWER_QUESTIONS):
        session.answer(f"q{number}", randomizer.randint(1, 9))
    timings: list[float] = []
    recomputed: list[int] = []
    for _ in range(ANSWERS):
        question = f"q{randomizer.randrange(ANSWER_QUESTIONS)}"
        value = randomizer.randint(0, 9)  # a 0 hides the rest of the chain
        started = time.perf_counter()
        result = session.answer(question, value)
        timings.append(time.perf_counter() - started)
        recomputed.append(result.recomputed)
    return [
        (
            "formengine: answer + recompute, 1,000-question form (median ms)",
            statistics.median(timings) * 1000,
            "<= 0.5 ms",
        ),
        (
            "formengine: answer + recompute (95th percentile ms)",
            statistics.quantiles(timings, n=20)[-1] * 1000,
            "info",
        ),
        (
            "formengine: properties recomputed per answer (median)",
            statistics.median(recomputed),
            "only dependants",
        ),
    ]


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-formengine-") as folder:
        return _bench_load(Path(folder)) + _bench_answer(Path(folder))


if __name__ == "__main__":
    for measure, value, goal in run():
        print(f"{measure}: {value:.3g} (goal {goal})")
