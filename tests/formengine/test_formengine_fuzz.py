"""Whatever bytes arrive, loading ends in a definition or one clear FormLoadError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditdesk.formengine import FormLoadError, load_form_bytes

_CELLS = st.sampled_from(
    [
        "type",
        "name",
        "label",
        "relevant",
        "calculation",
        "text",
        "integer",
        "begin group",
        "end group",
        "begin repeat",
        "end repeat",
        "select_one yn",
        "calculate",
        "a",
        "b",
        "${a} > 1",
        "${b}",
        "(",
        "'",
        "list_name",
        "choices",
        "survey",
        "settings",
        "",
        "yes",
    ]
)


def _load(data: bytes, suffix: str) -> None:
    problems: tuple[object, ...] = ()
    try:
        load_form_bytes(data, suffix=suffix, source="fuzz")
    except FormLoadError as error:
        problems = error.problems or (None,)
    # A form we cannot use must say so in a located message, never by a stray exception.
    assert all(str(problem).startswith("fuzz") for problem in problems)
    assert not any("cannot use this form" in str(problem) for problem in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".xlsx", ".xls", ".md"]))
def test_random_bytes_never_crash(data: bytes, suffix: str) -> None:
    _load(data, suffix)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sheets=st.lists(
        st.tuples(
            st.sampled_from(["survey", "choices", "settings", "extra"]),
            st.lists(st.lists(_CELLS, min_size=1, max_size=5), min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_random_markdown_forms_never_crash(sheets: list[tuple[str, list[list[str]]]]) -> None:
    lines = []
    for name, rows in sheets:
        lines.append(f"| {name} |")
        lines.extend("| | " + " | ".join(row) + " |" for row in rows)
    _load("\n".join(lines).encode(), ".md")
