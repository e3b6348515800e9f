"""Loading XLSForms into the definition: types, texts, settings, extras, and clear errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditdesk.formengine import (
    FormLoadError,
    GroupDef,
    QuestionDef,
    QuestionType,
    RepeatDef,
    load_form,
)

ALL_TYPES = """
| survey |
| | type | name | label | parameters | calculation |
| | text | t | Text | |
| | integer | i | Integer | |
| | decimal | d | Decimal | |
| | range | r | Range | start=0;end=10;step=2 |
| | select_one yn | s1 | One | |
| | select_multiple yn | sm | Many | |
| | select_one yn or_other | so | One or other | |
| | select_multiple yn or_other | smo | Many or other | |
| | date | dt | Date | |
| | time | tm | Time | |
| | dateTime | dtt | DateTime | |
| | note | n | Note | |
| | acknowledge | ack | Ack | |
| | calculate | c | | | 1 + 1 |
| | hidden | h | | |
| | image | img | Image | |
| | file | f | File | |
| | audio | au | Audio | |
| | video | vi | Video | |
| | geopoint | gp | Where | |
| | start | start | | |
| | end | end | | |
| | today | today | | |
| | deviceid | deviceid | | |
| | username | username | | |
| | audit | audit | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""


def _question(definition: object, name: str) -> QuestionDef:
    element = definition.by_name(name)  # type: ignore[attr-defined]
    assert isinstance(element, QuestionDef)
    return element


def test_every_xlsform_type_maps_to_an_engine_type(make_form: Callable[[str], object]) -> None:
    definition = make_form(ALL_TYPES)
    expected = {
        "t": QuestionType.TEXT,
        "i": QuestionType.INTEGER,
        "d": QuestionType.DECIMAL,
        "r": QuestionType.RANGE,
        "s1": QuestionType.SELECT_ONE,
        "sm": QuestionType.SELECT_MULTIPLE,
        "so": QuestionType.SELECT_ONE,
        "smo": QuestionType.SELECT_MULTIPLE,
        "dt": QuestionType.DATE,
        "tm": QuestionType.TIME,
        "dtt": QuestionType.DATETIME,
        "n": QuestionType.NOTE,
        "ack": QuestionType.ACKNOWLEDGE,
        "c": QuestionType.CALCULATE,
        "h": QuestionType.HIDDEN,
        "img": QuestionType.IMAGE,
        "f": QuestionType.FILE,
        "au": QuestionType.AUDIO,
        "vi": QuestionType.VIDEO,
        "gp": QuestionType.GEOPOINT,
        "start": QuestionType.START,
        "end": QuestionType.END,
        "today": QuestionType.TODAY,
        "deviceid": QuestionType.DEVICEID,
        "username": QuestionType.USERNAME,
        "audit": QuestionType.AUDIT,
    }
    for name, qtype in expected.items():
        assert _question(definition, name).type is qtype, name
    assert _question(definition, "r").parameters == {"start": "0", "end": "10", "step": "2"}


def test_or_other_adds_the_other_choice_and_a_text_shown_only_for_it(
    make_form: Callable[[str], object],
) -> None:
    definition = make_form(ALL_TYPES)
    select = _question(definition, "so")
    assert select.or_other
    assert [c.name for c in select.choices] == ["yes", "no", "other"]
    other_text = _question(definition, "so_other")
    assert other_text.type is QuestionType.TEXT
    assert other_text.bindings.relevant is not None
    assert other_text.bindings.relevant.references == {"so"}


def test_calculate_needs_a_calculation(make_form: Callable[[str], object]) -> None:
    # pyxform itself refuses a calculate without a calculation: the message keeps the row.
    with pytest.raises(FormLoadError) as caught:
        make_form(
            """
            | survey |
            | | type | name | label |
            | | text | a | A |
            | | calculate | c | |
            """
        )
    problem = caught.value.problems[0]
    assert (problem.sheet, problem.row) == ("survey", 3)


def test_groups_repeats_paths_and_lookups(make_form: Callable[[str], object]) -> None:
    definition = make_form(
        """
        | survey |
        | | type | name | label | appearance |
        | | begin group | household | Household | field-list |
        | | integer | size | Size | |
        | | begin repeat | member | Member | |
        | | text | code | Code | |
        | | begin group | details | Details | |
        | | integer | age | Age | |
        | | end group | | | |
        | | end repeat | | | |
        | | end group | | | |
        """
    )
    household = definition.by_path("household")
    assert isinstance(household, GroupDef)
    assert household.is_field_list
    member = definition.by_name("member")
    assert isinstance(member, RepeatDef)
    assert member.path == "household/member"
    age = definition.by_name("age")
    assert age.path == "household/member/details/age"
    assert age.repeats == ("household/member",)
    assert definition.by_path("household/size").name == "size"
    with pytest.raises(KeyError, match="nowhere"):
        definition.by_path("nowhere")


def test_translations_settings_extra_columns_and_extra_sheets(
    make_form: Callable[[str], object],
) -> None:
    definition = make_form(
        """
        | survey |
        | | type | name | label::English (en) | label::French (fr) | hint::English (en) | constraint | constraint_message::English (en) | constraint_message::French (fr) | criterion | compliant_if |
        | | integer | hours | Weekly hours? | Heures par semaine ? | Usual week | . < 100 | Too many | Trop | ILO-C1 | . <= 48 |
        | | select_one yn | paid | Paid on time? | Payé à temps ? | | | | | ILO-C95 | . = 'yes' |
        | choices |
        | | list_name | name | label::English (en) | label::French (fr) | score |
        | | yn | yes | Yes | Oui | 1 |
        | | yn | no | No | Non | 0 |
        | settings |
        | | form_id | version | form_title | default_language | instance_name | style |
        | | wages | 2024061201 | Wages | English (en) | concat('w-', ${hours}) | pages |
        | criteria |
        | | criterion | title | weight |
        | | ILO-C1 | Hours of work | 2 |
        | | ILO-C95 | Protection of wages | 3 |
        """  # noqa: E501
    )
    settings = definition.settings
    assert (settings.form_id, settings.version, settings.title) == ("wages", "2024061201", "Wages")
    assert settings.default_language == "English (en)"
    assert settings.instance_name is not None
    assert settings.extra["style"] == "pages"
    assert definition.languages == ("English (en)", "French (fr)")
    hours = definition.by_name("hours")
    assert hours.labels == {"English (en)": "Weekly hours?", "French (fr)": "Heures par semaine ?"}
    assert hours.constraint_messages["French (fr)"] == "Trop"
    assert hours.extra == {"criterion": "ILO-C1", "compliant_if": ". <= 48"}
    paid = _question(definition, "paid")
    assert paid.choices[0].extra == {"score": "1"}
    assert paid.choices[1].labels["French (fr)"] == "Non"
    assert definition.extra_sheets["criteria"] == (
        {"criterion": "ILO-C1", "title": "Hours of work", "weight": "2"},
        {"criterion": "ILO-C95", "title": "Protection of wages", "weight": "3"},
    )


def test_untranslated_form_has_the_single_language_default(
    make_form: Callable[[str], object],
) -> None:
    definition = make_form(
        """
        | survey |
        | | type | name | label |
        | | text | a | A |
        """
    )
    assert definition.languages == ("default",)


def test_definition_is_immutable(make_form: Callable[[str], object]) -> None:
    definition = make_form(ALL_TYPES)
    question = _question(definition, "t")
    with pytest.raises(AttributeError):
        question.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        question.labels["default"] = "changed"  # type: ignore[index]


# -- errors ------------------------------------------------------------------------------


def _problem_of(load: Callable[[], object]) -> str:
    with pytest.raises(FormLoadError) as caught:
        load()
    assert len(caught.value.problems) >= 1
    return str(caught.value.problems[0])


def test_expression_syntax_error_names_sheet_row_and_column(
    write_md: Callable[[str], Path],
) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | relevant |
        | | integer | age | Age | |
        | | text | job | Job | ${age} >>> 3 |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert message.startswith(f"{path}: sheet 'survey' row 3 column 'relevant': ")


def test_unknown_function_is_a_load_error(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | constraint |
        | | integer | age | Age | frobnicate(.) |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert "row 2 column 'constraint'" in message
    assert "frobnicate" in message


def test_unknown_reference_is_a_load_error(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | calculation |
        | | integer | age | Age | |
        | | calculate | twice | | ${agee} * 2 |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert "sheet 'survey' row 3 column 'calculation'" in message
    assert "agee" in message


def test_unknown_reference_in_a_label_is_a_load_error(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label |
        | | note | n | Hello ${nobody} |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert "row 2 column 'label'" in message
    assert "nobody" in message


def test_cyclic_calculation_names_the_questions(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | calculation |
        | | calculate | a | | ${b} + 1 |
        | | calculate | b | | ${c} + 1 |
        | | calculate | c | | ${a} + 1 |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert "cycle" in message
    assert all(name in message for name in ("a", "b", "c"))
    assert "column 'calculation'" in message


def test_relevance_on_itself_through_a_group_is_a_cycle(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | relevant |
        | | begin group | g | G | ${x} > 1 |
        | | integer | x | X | |
        | | end group | | | |
        """
    )
    assert "cycle" in _problem_of(lambda: load_form(path))


def test_unknown_question_type(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label |
        | | text | a | A |
        | | teleport | b | B |
        """
    )
    message = _problem_of(lambda: load_form(path))
    where = f"{path}: sheet 'survey' row 3 column 'type'"
    assert message == f"{where}: unknown or unsupported question type 'teleport'"


def test_several_problems_are_all_reported(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | relevant | constraint |
        | | integer | a | A | ${zz} = 1 | . > |
        | | integer | b | B | | bogus( |
        """
    )
    with pytest.raises(FormLoadError) as caught:
        load_form(path)
    # pyxform stops at its first reference error; our own checks list every row they find.
    assert caught.value.problems


def test_own_checks_collect_every_problem(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label | constraint |
        | | integer | a | A | . > |
        | | integer | b | B | bogus( |
        """
    )
    with pytest.raises(FormLoadError) as caught:
        load_form(path)
    rows = [(p.row, p.column) for p in caught.value.problems]
    assert rows == [(2, "constraint"), (3, "constraint")]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("random.xlsx", b"\x00\x01garbage" * 50, "not a zip archive"),
        ("truncated.xlsx", None, "not a readable .xlsx workbook"),
        ("empty.md", b"", "not a readable .md workbook"),
        ("notes.txt", b"hello", "not an XLSForm"),
        ("random.xls", b"\xd0\xcf\x11\xe0garbage", "not a readable .xls workbook"),
    ],
)
def test_broken_files_give_one_clear_error(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is None:
        whole = (Path(__file__).parent / "data" / "minimal.xlsx").read_bytes()
        content = whole[: len(whole) // 2]
    path.write_bytes(content)
    with pytest.raises(FormLoadError) as caught:
        load_form(path)
    assert len(caught.value.problems) == 1
    assert expected in str(caught.value.problems[0])
    assert str(caught.value.problems[0]).startswith(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FormLoadError, match="cannot read the file"):
        load_form(tmp_path / "absent.xlsx")


def test_missing_survey_sheet(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | choices |
        | | list_name | name | label |
        | | yn | yes | Yes |
        | settings |
        | | form_id |
        | | x |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert "survey" in message


def test_missing_choice_list_is_located(write_md: Callable[[str], Path]) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label |
        | | select_one nope | a | A |
        | choices |
        | | list_name | name | label |
        | | yn | yes | Yes |
        """
    )
    message = _problem_of(lambda: load_form(path))
    assert "nope" in message


def _write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_rows_extra_sheets_and_cell_types(tmp_path: Path) -> None:
    path = _write_xlsx(
        tmp_path / "audit.xlsx",
        {
            "survey": [
                ["type", "name", "label", "criterion"],
                ["integer", "hours", "Hours", "C1"],
                [],
                ["text", "note_taker", "Who", None],
            ],
            "criteria": [
                ["criterion", "weight", "critical"],
                ["C1", 2, True],
                [None, None, None],
                ["C2", 1.5, False],
            ],
        },
    )
    definition = load_form(path)
    assert definition.extra_sheets["criteria"] == (
        {"criterion": "C1", "weight": "2", "critical": "TRUE"},
        {"criterion": "C2", "weight": "1.5", "critical": "FALSE"},
    )
    assert definition.by_name("hours").source.row == 2
    assert definition.by_name("note_taker").source.row == 4  # the empty row still counts
    assert definition.by_name("hours").extra == {"criterion": "C1"}


def test_xlsx_problem_rows_match_the_spreadsheet(tmp_path: Path) -> None:
    path = _write_xlsx(
        tmp_path / "broken.xlsx",
        {
            "survey": [
                ["type", "name", "label", "relevance"],
                ["integer", "hours", "Hours", None],
                [],
                [],
                ["text", "why", "Why", "${hours} >> 40"],
            ],
        },
    )
    with pytest.raises(FormLoadError) as caught:
        load_form(path)
    problem = caught.value.problems[0]
    # The author wrote the alias "relevance": the message names their column.
    assert (problem.sheet, problem.row, problem.column) == ("survey", 5, "relevance")
