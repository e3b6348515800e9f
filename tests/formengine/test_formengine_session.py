"""The session behaves as ODK Collect: skip logic, checks, calculations, repeats, screens."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from auditdesk.formengine import (
    AnswerStatus,
    FormInstance,
    FormSession,
    InstanceFormatError,
    QuestionType,
    ScreenKind,
    SessionError,
)

Make = Callable[..., FormSession]

SKIP_LOGIC = """
| survey |
| | type | name | label | relevant | required | required_message | constraint | constraint_message |
| | integer | age | Age | | yes | Age is needed | . >= 0 and . < 120 | Age must be 0 to 119 |
| | text | employer | Employer | ${age} >= 18 | | | | |
| | begin group | contract | Contract | ${employer} != '' | | | | |
| | select_one yn | written | Written contract? | | yes | | | |
| | text | copy_ref | Copy reference | ${written} = 'yes' | | | | |
| | end group | | | | | | | |
| | note | bye | Thanks | | | | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""


def test_skip_logic_follows_answers(make_session: Make) -> None:
    session = make_session(SKIP_LOGIC)
    assert not session.is_relevant("employer")
    result = session.answer("age", 30)
    assert result.status is AnswerStatus.OK
    assert "employer" in result.changes.relevance
    assert session.is_relevant("employer")
    # The group depends on employer; everything inside follows the group.
    assert not session.is_relevant("contract/written")
    session.answer("employer", "DataCo")
    assert session.is_relevant("contract")
    assert session.is_relevant("contract/written")
    assert not session.is_relevant("contract/copy_ref")
    session.answer("contract/written", "yes")
    assert session.is_relevant("contract/copy_ref")


def test_group_relevance_hides_everything_inside_and_drops_values(make_session: Make) -> None:
    session = make_session(SKIP_LOGIC)
    session.answer("age", 30)
    session.answer("employer", "DataCo")
    session.answer("contract/written", "yes")
    session.answer("contract/copy_ref", "C-1")
    result = session.answer("employer", "")
    assert {"contract", "contract/written", "contract/copy_ref"} <= result.changes.relevance
    assert not session.is_relevant("contract/copy_ref")
    assert "contract/copy_ref" not in session.output_values()
    assert "contract/written" not in session.output_values()
    # ODK keeps the answer during the interview: it returns with relevance.
    session.answer("employer", "DataCo")
    assert session.output_values()["contract/copy_ref"] == "C-1"


def test_required_and_constraint_use_the_forms_own_messages(make_session: Make) -> None:
    session = make_session(SKIP_LOGIC)
    refused = session.answer("age", 130)
    assert refused.status is AnswerStatus.CONSTRAINT_VIOLATED
    assert refused.message == "Age must be 0 to 119"
    assert session.value("age") is None  # the refused value is not stored
    session.answer("age", 40)
    cleared = session.answer("age", "")
    assert cleared.status is AnswerStatus.REQUIRED_BUT_EMPTY
    assert cleared.message == "Age is needed"
    errors = session.validate_all()
    assert errors == {"age": "Age is needed"}
    assert not session.is_complete


def test_default_messages_when_the_form_has_none(make_session: Make) -> None:
    session = make_session(SKIP_LOGIC)
    session.answer("age", 30)
    session.answer("employer", "DataCo")
    assert session.validate_all() == {"contract/written": "Sorry, this response is required!"}
    session.answer("contract/written", "no")
    assert session.is_complete


def test_typed_validation(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | parameters |
        | | integer | i | I | |
        | | decimal | d | D | |
        | | range | r | R | start=0;end=10;step=2 |
        | | select_one yn | s | S | |
        | | select_multiple yn | m | M | |
        | | date | day | Day | |
        | | time | at | At | |
        | | dateTime | when | When | |
        | | acknowledge | ok | OK? | |
        | choices |
        | | list_name | name | label |
        | | yn | yes | Yes |
        | | yn | no | No |
        """
    )
    invalid = AnswerStatus.INVALID_VALUE
    assert session.answer("i", "12.5").status is invalid
    assert session.answer("i", "12").ok
    assert session.value("i") == 12
    assert session.answer("d", "abc").status is invalid
    assert session.answer("d", "2.5").ok
    assert session.value("d") == 2.5
    assert session.answer("r", 11).status is invalid
    assert session.answer("r", 3).status is invalid  # not on the step
    assert session.answer("r", 4).ok
    assert session.answer("s", "maybe").status is invalid
    assert session.answer("s", "yes").ok
    assert session.answer("m", ["yes", "perhaps"]).status is invalid
    assert session.answer("m", ["no", "yes"]).ok
    assert session.value("m") == ("no", "yes")
    assert session.answer("day", "2024-13-01").status is invalid
    assert session.answer("day", "2024-02-29").ok
    assert session.value("day") == datetime.date(2024, 2, 29)
    assert session.answer("at", "25:00").status is invalid
    assert session.answer("at", "08:15:00").ok
    assert session.answer("when", "2024-02-29T08:15:00").ok
    assert session.answer("ok", True).ok
    assert session.value("ok") == "OK"


CHAIN = """
| survey |
| | type | name | label | calculation | relevant |
| | integer | hours | Hours | | |
| | integer | rate | Rate | | |
| | calculate | pay | | ${hours} * ${rate} | |
| | calculate | pay_text | | concat('Pay: ', ${pay}) | |
| | integer | unrelated | Unrelated | | |
| | calculate | unrelated_double | | ${unrelated} * 2 | |
| | note | show | Pay is ${pay} | | ${pay} > 0 |
"""


def test_calculations_run_in_dependency_order(make_session: Make) -> None:
    session = make_session(CHAIN)
    session.answer("hours", 40)
    result = session.answer("rate", 12)
    assert session.value("pay") == "480"
    assert session.value("pay_text") == "Pay: 480"
    assert {"pay", "pay_text"} <= result.changes.values
    assert "show" in result.changes.relevance
    assert "show" in result.changes.labels
    assert session.prompt("show").label == "Pay is 480"


def test_only_dependants_are_recomputed(make_session: Make) -> None:
    session = make_session(CHAIN)
    session.answer("hours", 40)
    result = session.answer("unrelated", 3)
    assert session.value("unrelated_double") == "6"
    assert result.changes.values == {"unrelated", "unrelated_double"}
    # unrelated's value and the one calculation reading it: nothing about pay.
    assert result.recomputed == 2
    again = session.answer("rate", 2)
    assert "unrelated_double" not in again.changes.values
    assert again.recomputed < 8


def test_choice_filter_and_dropping_unavailable_answers(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | choice_filter |
        | | select_one country | country | Country | |
        | | select_one city | city | City | country = ${country} |
        | choices |
        | | list_name | name | label | country |
        | | country | ke | Kenya | |
        | | country | ug | Uganda | |
        | | city | nbo | Nairobi | ke |
        | | city | msa | Mombasa | ke |
        | | city | kla | Kampala | ug |
        """
    )
    assert session.prompt("city").choices == ()
    result = session.answer("country", "ke")
    assert "city" in result.changes.choices
    assert [c.name for c in session.prompt("city").choices] == ["nbo", "msa"]
    assert session.answer("city", "kla").status is AnswerStatus.INVALID_VALUE
    assert session.answer("city", "msa").ok
    changed = session.answer("country", "ug")
    assert session.value("city") is None
    assert "city" in changed.changes.values
    assert [c.label for c in session.prompt("city").choices] == ["Kampala"]


def test_defaults_read_only_and_trigger(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | default | read_only | calculation | trigger |
        | | integer | workers | Workers | 10 | | | |
        | | text | site | Site | Nairobi | yes | | |
        | | integer | hours | Hours | | | | |
        | | decimal | stamp | Stamp | | | ${hours} * 1.5 | ${hours} |
        | | integer | later | Later | | | | |
        """
    )
    assert session.value("workers") == 10
    assert session.value("site") == "Nairobi"
    assert session.answer("site", "Kisumu").status is AnswerStatus.READ_ONLY
    assert session.value("stamp") is None
    session.answer("hours", 4)
    assert session.value("stamp") == 6.0
    # The person may change a triggered value; it is recomputed only when the trigger changes.
    assert session.answer("stamp", 7).ok
    session.answer("later", 1)
    assert session.value("stamp") == 7.0
    session.answer("hours", 2)
    assert session.value("stamp") == 3.0


def test_dynamic_default_and_metadata(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | default |
        | | start | start | | |
        | | end | end | | |
        | | today | today | | |
        | | deviceid | deviceid | | |
        | | username | username | | |
        | | date | visit | Visit | today() |
        """,
        device_id="laptop-7",
        username="auditor-3",
    )
    values = session.output_values()
    assert values["start"] == datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC)
    assert values["today"] == datetime.date(2024, 5, 1)
    assert values["visit"] == datetime.date(2024, 5, 1)
    assert values["deviceid"] == "laptop-7"
    assert values["username"] == "auditor-3"
    assert "end" not in values
    session.finish()
    assert session.value("end") is not None
    # Metadata has no screen: nothing to step through.
    assert session.step_next().path == "visit"


REPEATS = """
| survey |
| | type | name | label | calculation | repeat_count | relevant | default |
| | integer | n_sites | Sites | | | | |
| | begin repeat | site | Site | | ${n_sites} | | |
| | text | site_name | Name | | | | |
| | integer | position_seen | Position | position(..) | | | |
| | end repeat | | | | | | |
| | begin repeat | worker | Worker | | | | |
| | integer | w_age | Age | | | | |
| | text | w_shift | Shift | | | ${w_age} >= 18 | day |
| | end repeat | | | | | | |
| | calculate | total_age | | sum(${w_age}) | | | |
| | calculate | n_workers | | count(${worker}) | | | |
"""


def test_repeat_count_adds_and_removes_instances(make_session: Make) -> None:
    session = make_session(REPEATS)
    assert session.repeat_count("site") == 0
    result = session.answer("n_sites", 3)
    assert session.repeat_count("site") == 3
    assert "site" in result.changes.repeats
    assert session.value("site[3]/position_seen") == 3
    session.answer("site[3]/site_name", "C")
    session.answer("n_sites", 2)
    assert session.repeat_count("site") == 2
    assert "site[3]/site_name" not in session.instance.answers
    with pytest.raises(SessionError, match="repeat_count"):
        session.add_repeat("site")


def test_add_and_remove_repeat_instances(make_session: Make) -> None:
    session = make_session(REPEATS)
    path, changes = session.add_repeat("worker")
    assert path == "worker[1]"
    assert "worker" in changes.repeats
    assert session.value("worker[1]/w_shift") == "day"  # defaults apply to new instances
    session.add_repeat("worker")
    session.add_repeat("worker")
    session.answer("worker[1]/w_age", 17)
    session.answer("worker[2]/w_age", 30)
    session.answer("worker[3]/w_age", 40)
    assert session.value("total_age") == "87"
    assert session.value("n_workers") == "3"
    assert not session.is_relevant("worker[1]/w_shift")
    assert session.is_relevant("worker[2]/w_shift")
    changes = session.remove_repeat("worker[2]")
    assert session.repeat_count("worker") == 2
    assert session.value("worker[2]/w_age") == 40  # the third moved down
    assert session.value("total_age") == "57"
    assert session.value("n_workers") == "2"
    assert "total_age" in changes.values
    with pytest.raises(SessionError):
        session.answer("worker[3]/w_age", 1)


def test_nested_repeats_and_instance_paths(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | calculation |
        | | begin repeat | visit | Visit | |
        | | begin repeat | room | Room | |
        | | integer | people | People | |
        | | end repeat | | | |
        | | calculate | visit_people | | sum(${people}) |
        | | end repeat | | | |
        """
    )
    session.add_repeat("visit")
    session.add_repeat("visit")
    session.add_repeat("visit[2]/room")
    session.add_repeat("visit[2]/room")
    session.answer("visit[2]/room[1]/people", 3)
    session.answer("visit[2]/room[2]/people", 4)
    assert session.value("visit[2]/visit_people") == "7"
    assert session.value("visit[1]/visit_people") in (None, "0")
    data = session.instance.to_json()
    assert data["repeats"] == {"visit": 2, "visit[2]/room": 2}
    assert data["answers"]["visit[2]/room[2]/people"] == 4


FIELD_LIST = """
| survey |
| | type | name | label | appearance | relevant |
| | text | intro | Intro | | |
| | begin group | pay | Pay | field-list | |
| | integer | wage | Wage | | |
| | integer | bonus | Bonus | | ${wage} > 100 |
| | end group | | | | |
| | begin group | skipped | Skipped | | ${intro} = 'skip' |
| | text | hidden_q | Hidden | | |
| | end group | | | | |
| | text | last | Last | | |
"""


def test_navigation_skips_non_relevant_and_shows_field_lists(make_session: Make) -> None:
    session = make_session(FIELD_LIST)
    assert session.screen.kind is ScreenKind.BEGINNING
    first = session.step_next()
    assert (first.kind, first.path) == (ScreenKind.QUESTION, "intro")
    group = session.step_next()
    assert group.kind is ScreenKind.FIELD_LIST
    assert [p.path for p in group.prompts] == ["pay/wage"]
    session.answer("pay/wage", 200)
    assert [p.path for p in session.screen.prompts] == ["pay/wage", "pay/bonus"]
    assert session.step_next().path == "last"
    assert session.step_next().kind is ScreenKind.END
    assert session.step_previous().path == "last"
    assert session.step_previous().path == "pay"
    session.answer("intro", "skip")
    assert session.step_next().path == "skipped/hidden_q"
    assert session.jump("pay/bonus").path == "pay"
    assert session.step_previous().path == "intro"
    assert session.step_previous().kind is ScreenKind.BEGINNING


def test_repeat_prompt_screen(make_session: Make) -> None:
    session = make_session(REPEATS)
    session.answer("n_sites", 1)
    kinds = []
    screen = session.step_next()
    while screen.kind is not ScreenKind.END:
        kinds.append((screen.kind, screen.path))
        if screen.kind is ScreenKind.REPEAT_PROMPT and session.repeat_count("worker") == 0:
            session.add_repeat(screen.path)
        screen = session.step_next()
    assert kinds == [
        (ScreenKind.QUESTION, "n_sites"),
        (ScreenKind.QUESTION, "site[1]/site_name"),
        (ScreenKind.QUESTION, "site[1]/position_seen"),
        (ScreenKind.REPEAT_PROMPT, "worker"),
        (ScreenKind.QUESTION, "worker[1]/w_age"),
        (ScreenKind.REPEAT_PROMPT, "worker"),
    ]


def test_languages(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label::English (en) | label::French (fr) | constraint | constraint_message::English (en) | constraint_message::French (fr) |
        | | integer | hours | Hours? | Heures ? | . < 100 | Too many | Trop |
        | | select_one yn | paid | Paid? | Payé ? | | | |
        | choices |
        | | list_name | name | label::English (en) | label::French (fr) |
        | | yn | yes | Yes | Oui |
        | | yn | no | No | Non |
        | settings |
        | | default_language |
        | | French (fr) |
        """  # noqa: E501
    )
    assert session.language == "French (fr)"
    assert session.prompt("hours").label == "Heures ?"
    assert session.answer("hours", 120).message == "Trop"
    session.set_language("English (en)")
    assert session.prompt("hours").label == "Hours?"
    assert session.answer("hours", 120).message == "Too many"
    assert [c.label for c in session.prompt("paid").choices] == ["Yes", "No"]
    session.set_language("fr")
    assert session.language == "French (fr)"
    session.set_language("english")
    assert session.language == "English (en)"
    with pytest.raises(SessionError, match="no language"):
        session.set_language("Swahili")


def test_json_round_trip_resumes_the_same_interview(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | relevant |
        | | integer | age | Age | |
        | | select_multiple yn | langs | Languages | |
        | | date | day | Day | |
        | | time | at | At | |
        | | dateTime | when | When | |
        | | decimal | pay | Pay | ${age} > 10 |
        | | geopoint | where | Where | |
        | | image | photo | Photo | |
        | | begin repeat | member | Member | |
        | | text | code | Code | |
        | | end repeat | | | |
        | choices |
        | | list_name | name | label |
        | | yn | en | English |
        | | yn | fr | French |
        | settings |
        | | form_id | version |
        | | roundtrip | 7 |
        """
    )
    session.answer("age", 34)
    session.answer("langs", ["en", "fr"])
    session.answer("day", "2024-05-01")
    session.answer("at", "08:30:00")
    session.answer("when", "2024-05-01T08:30:00+02:00")
    session.answer("pay", 12.5)
    session.answer("where", "-1.28 36.82 1700 5")
    session.answer("photo", "attachments/abc123.jpg")
    session.add_repeat("member")
    session.answer("member[1]/code", "W-1")
    data = session.instance.to_json()
    assert data == {
        "form_id": "roundtrip",
        "version": "7",
        "answers": {
            "age": 34,
            "langs": ["en", "fr"],
            "day": "2024-05-01",
            "at": "08:30:00",
            "when": "2024-05-01T08:30:00+02:00",
            "pay": 12.5,
            "where": "-1.28 36.82 1700 5",
            "photo": "attachments/abc123.jpg",
            "member[1]/code": "W-1",
        },
        "repeats": {"member": 1},
    }
    import json

    restored = FormInstance.from_json(json.loads(json.dumps(data)), session.definition)
    resumed = FormSession(session.definition, restored)
    assert resumed.instance.to_json() == data
    assert resumed.is_relevant("pay")
    assert resumed.value("day") == datetime.date(2024, 5, 1)
    resumed.answer("age", 5)
    assert not resumed.is_relevant("pay")
    assert "pay" not in resumed.output_values()


def test_prompt_exposes_extra_columns_and_appearance(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | hint | appearance | criterion |
        | | select_one yn | paid | Paid? | Ask for payslips | minimal | ILO-C95 |
        | choices |
        | | list_name | name | label | score |
        | | yn | yes | Yes | 1 |
        | | yn | no | No | 0 |
        """
    )
    prompt = session.prompt("paid")
    assert prompt.type is QuestionType.SELECT_ONE
    assert (prompt.hint, prompt.appearance) == ("Ask for payslips", "minimal")
    assert prompt.extra == {"criterion": "ILO-C95"}
    assert prompt.choices[0].extra == {"score": "1"}


def test_jr_choice_name_and_indexed_repeat(make_session: Make) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | calculation |
        | | select_one yn | paid | Paid? | |
        | | calculate | paid_label | | jr:choice-name(${paid}, '${paid}') |
        | | begin repeat | member | Member | |
        | | text | code | Code | |
        | | end repeat | | | |
        | | calculate | second_code | | indexed-repeat(${code}, ${member}, 2) |
        | choices |
        | | list_name | name | label |
        | | yn | yes | Yes, on time |
        | | yn | no | No |
        """
    )
    session.answer("paid", "yes")
    assert session.value("paid_label") == "Yes, on time"
    session.add_repeat("member")
    session.add_repeat("member")
    session.answer("member[2]/code", "B")
    assert session.value("second_code") == "B"


def test_unknown_paths_are_clear_errors(make_session: Make) -> None:
    session = make_session(SKIP_LOGIC)
    with pytest.raises(SessionError, match="no question"):
        session.answer("nothing", 1)
    with pytest.raises(SessionError, match="group"):
        session.answer("contract", 1)
    assert session.answer("contract/written", "yes").status is AnswerStatus.NOT_RELEVANT


def test_a_calculated_question_can_be_overridden_until_its_inputs_change(
    make_session: Make,
) -> None:
    session = make_session(
        """
        | survey |
        | | type | name | label | calculation |
        | | integer | days | Days | |
        | | integer | hours | Hours | ${days} * 8 |
        """
    )
    session.answer("days", 5)
    assert session.value("hours") == 40
    assert session.answer("hours", 38).ok
    assert session.value("hours") == 38
    session.answer("days", 4)
    assert session.value("hours") == 32


def test_instance_json_is_checked_against_the_form(make_session: Make) -> None:
    session = make_session(REPEATS)
    definition = session.definition
    good = {"form_id": definition.form_id, "version": "", "answers": {}, "repeats": {}}
    assert FormInstance.from_json(good, definition).answers == {}
    with pytest.raises(InstanceFormatError, match="belongs to form"):
        FormInstance.from_json({**good, "form_id": "other"}, definition)
    with pytest.raises(InstanceFormatError, match="no such question"):
        FormInstance.from_json({**good, "answers": {"nothing": 1}}, definition)
    with pytest.raises(InstanceFormatError, match="whole number"):
        FormInstance.from_json({**good, "answers": {"n_sites": "many"}}, definition)
    with pytest.raises(InstanceFormatError, match="'worker' has 1 instances"):
        FormInstance.from_json(
            {**good, "answers": {"worker[2]/w_age": 3}, "repeats": {"worker": 1}}, definition
        )
