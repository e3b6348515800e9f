"""The canonical row text that every sheet hash is built on (docs/workbook-format.md).

Signed workbooks already in NGOs' hands must keep verifying, so the fast row encoder
has to give exactly the documented text: the JSON array of each cell's canonical
text, trailing empty cells dropped, whatever mix of values a reader returns.
"""

from __future__ import annotations

import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from auditdesk.export.cells import canonical_cell, canonical_row

_CELL_VALUES = st.one_of(
    st.none(), st.just(""), st.text(max_size=6), st.booleans(), st.just(1), st.just(1.0),
    st.integers(-(2**70), 2**70), st.floats(allow_nan=False), st.datetimes(), st.dates(),
    st.times(),
    st.datetimes(timezones=st.integers(-12, 14).map(
        lambda hours: datetime.timezone(datetime.timedelta(hours=hours)))),
)


def _documented_row(values: list[object]) -> str:
    cells = [canonical_cell(value) for value in values]
    while cells and not cells[-1]:
        cells.pop()
    return json.dumps(cells, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=500)
@given(st.lists(_CELL_VALUES, max_size=8))
def test_a_row_hashes_as_its_documented_canonical_text(values: list[object]) -> None:
    # Twice: the second pass reads the remembered pieces of the first.
    assert canonical_row(values) == _documented_row(values)
    assert canonical_row(tuple(values)) == _documented_row(values)


def test_true_and_one_stay_different_cells_after_either_was_seen() -> None:
    assert canonical_row([1]) == '["n:1"]'
    assert canonical_row([True]) == '["b:1"]'
    assert canonical_row([1.0, True, 1]) == '["n:1","b:1","n:1"]'
    assert canonical_row([datetime.date(2026, 1, 2), "", None]) == '["d:2026-01-02"]'


def test_one_moment_in_two_zones_keeps_each_its_written_time() -> None:
    utc = datetime.datetime(2026, 1, 2, 10, tzinfo=datetime.UTC)
    nairobi = utc.astimezone(datetime.timezone(datetime.timedelta(hours=3)))
    assert utc == nairobi
    assert canonical_row([utc]) == '["d:2026-01-02T10:00:00"]'
    assert canonical_row([nairobi]) == '["d:2026-01-02T13:00:00"]'
