"""The ``prefill`` column copies a value from another record of the same audit."""

from __future__ import annotations

from auditdesk.formengine import FormInstance, FormSession
from auditdesk.formengine.prefill import prefill_values

PAYSLIPS = """
| survey |
| | type | name | label | read_only | prefill | calculation |
| | decimal | site_minimum | Minimum | yes | site_profile:minimum_wage_hourly | |
| | decimal | hourly | Hourly pay | | | |
| | calculate | below | | | | if(${hourly} < ${site_minimum}, 'yes', 'no') |
| | begin repeat | slip | Payslip | | | |
| | decimal | slip_rate | Rate | yes | site_profile:minimum_wage_hourly | |
| | end repeat | | | | | |
"""


def test_a_prefilled_question_takes_the_donor_answer_and_drives_calculations(make_form) -> None:
    definition = make_form(PAYSLIPS)
    values, problems = prefill_values(
        definition, {"site_profile": {"minimum_wage_hourly": 105.5}}
    )
    assert problems == []
    assert list(values) == ["site_minimum"]  # nothing is prefilled inside a repeat
    session = FormSession(definition, FormInstance(definition.form_id, definition.version, values))
    session.answer("hourly", "90")
    assert session.output_values()["below"] == "yes"


def test_a_missing_donor_leaves_the_question_empty(make_form) -> None:
    values, problems = prefill_values(make_form(PAYSLIPS), {})
    assert values == {}
    assert problems == []


def test_a_donor_value_of_the_wrong_type_is_reported_not_stored(make_form) -> None:
    values, problems = prefill_values(
        make_form(PAYSLIPS), {"site_profile": {"minimum_wage_hourly": "about a hundred"}}
    )
    assert values == {}
    assert len(problems) == 1
    assert problems[0].startswith("site_minimum: prefill from 'site_profile:minimum_wage_hourly'")
