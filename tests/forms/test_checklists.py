"""The bundled checklists: valid XLSForms, up to date with their sources, and a sound method."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path

import pytest

from auditdesk.cli import main
from auditdesk.formengine import AnswerStatus, FormInstance, FormSession, ScreenKind, load_form
from auditdesk.formengine.xpath import compile_expression
from auditdesk.method.checklist_build import (
    CRITERIA_SHEET,
    FORMS_DIR,
    ChecklistBuildError,
    Table,
    build_all,
    read_workbook,
)

FORM_NAMES = (
    "site_profile",
    "management_interview",
    "worker_interview",
    "worker_group_interview",
    "document_review",
    "site_observation",
)
WORKER_LANGUAGES = ("English (en)", "Français (fr)", "Español (es)", "Kiswahili (sw)")
SCORING = ("compliant_if", "partly_if", "na_if")


def workbook(name: str) -> dict[str, Table]:
    return read_workbook(FORMS_DIR / f"{name}.xlsx")


def rows(table: Table) -> list[dict[str, str]]:
    header = table[0]
    return [
        dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)) for row in table[1:]
    ]


@pytest.fixture(scope="module")
def books() -> dict[str, dict[str, Table]]:
    return {name: workbook(name) for name in FORM_NAMES}


def test_every_source_has_a_bundled_workbook_and_back() -> None:
    sources = {path.stem for path in (FORMS_DIR / "src").glob("*.md")}
    built = {path.stem for path in FORMS_DIR.glob("*.xlsx")}
    assert sources == built == set(FORM_NAMES)


@pytest.mark.parametrize("name", FORM_NAMES)
def test_pyxform_converts_each_form_without_errors_or_warnings(name: str) -> None:
    from pyxform.xls2json import parse_file_to_json
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    survey = parse_file_to_json(str(FORMS_DIR / f"{name}.xlsx"), warnings=warnings)
    assert survey["id_string"] == f"auditdesk_{name}"
    assert survey["default_language"] == "English (en)"
    assert re.fullmatch(r"20\d{8}", survey["version"])
    result = convert(xlsform=str(FORMS_DIR / f"{name}.xlsx"), validate=False)
    assert "<h:html" in result.xform
    assert warnings == []
    assert result.warnings == []


def test_bundled_workbooks_match_a_fresh_build_of_their_sources(tmp_path: Path) -> None:
    built = build_all(FORMS_DIR, out_dir=tmp_path)
    assert {form.name for form in built} == set(FORM_NAMES)
    for form in built:
        fresh = read_workbook(tmp_path / f"{form.name}.xlsx")
        assert workbook(form.name) == fresh, f"{form.name}.xlsx is stale: run `make forms`"


def test_workbooks_are_easy_to_edit_in_excel() -> None:
    from openpyxl import load_workbook

    book = load_workbook(FORMS_DIR / "worker_interview.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1] if cell.value), sheet.title
    assert book["survey"].column_dimensions["C"].width >= 30


def test_bundled_forms_pass_auditdesk_forms_check(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(FORMS_DIR / f"{name}.xlsx") for name in FORM_NAMES]
    assert main(["forms", "check", *paths]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in out
    assert err.count(": ok") == len(FORM_NAMES)


def test_catalogue_has_at_least_70_criteria_covering_all_twelve_areas(books: dict) -> None:
    catalogue = {row["code"]: row for book in books.values() for row in rows(book[CRITERIA_SHEET])}
    assert len(catalogue) >= 70
    per_area = defaultdict(int)
    for row in catalogue.values():
        per_area[row["area"]] += 1
        assert row["code"].startswith(row["area"])
    assert sorted(per_area) == list("ABCDEFGHIJKL")
    assert min(per_area.values()) >= 5


def test_a_code_carries_identical_metadata_in_every_form(books: dict) -> None:
    seen: dict[str, tuple[str, dict[str, str]]] = {}
    for name, book in books.items():
        for row in rows(book[CRITERIA_SHEET]):
            if row["code"] in seen:
                first_form, first_row = seen[row["code"]]
                assert row == first_row, f"{row['code']} differs in {first_form} and {name}"
            else:
                seen[row["code"]] = (name, row)
    assert len(seen) >= 70


def test_each_criterion_is_complete_and_scored_by_a_question_from_its_sources(books: dict) -> None:
    scored_by: dict[str, set[str]] = defaultdict(set)
    for book in books.values():
        source = rows(book["settings"])[0]["evidence_source"]
        for row in rows(book["survey"]):
            if row.get("criterion") and row.get("compliant_if"):
                for code in row["criterion"].split():
                    scored_by[code].add(source)
    for book in books.values():
        for row in rows(book[CRITERIA_SHEET]):
            code = row["code"]
            assert row["severity"] in ("critical", "major", "minor"), code
            for column in ("references", "guidance", "corrective_action"):
                assert row[column], f"{code}: {column}"
            for language in ("English (en)", "Français (fr)", "Español (es)"):
                assert row[f"title::{language}"], f"{code}: title in {language}"
            assert set(row["evidence"].split()) == scored_by[code], code
            if row["worker_threshold"]:
                assert 0 <= float(row["worker_threshold"]) <= 1, code


def test_severities_follow_the_zero_tolerance_red_flags(books: dict) -> None:
    severity = {
        row["code"]: row["severity"]
        for book in books.values()
        for row in rows(book[CRITERIA_SHEET])
    }
    for code in ("J1", "J2", "J5", "J6", "J7", "H4", "G2", "D4"):
        assert severity[code] == "critical", code


def test_important_criteria_are_triangulated_between_management_and_workers(books: dict) -> None:
    evidence = {
        row["code"]: set(row["evidence"].split())
        for book in books.values()
        for row in rows(book[CRITERIA_SHEET])
    }
    for code in ("B2", "J1", "A6", "A4", "E4", "E3", "C4", "H1", "H4"):
        assert {"management", "workers"} <= evidence[code], code
    assert {"management", "workers", "observation"} <= evidence["J2"]


def _choice_names(book: dict[str, Table]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for choice in rows(book["choices"]):
        names[choice["list_name"]].add(choice["name"])
    return names


@pytest.mark.parametrize("name", FORM_NAMES)
def test_scoring_expressions_compile_and_name_real_choices(books: dict, name: str) -> None:
    book = books[name]
    choices = _choice_names(book)
    for row in rows(book["survey"]):
        expressions = {column: row.get(column, "") for column in SCORING}
        if not row.get("criterion"):
            assert not any(expressions.values()), row["name"]
            continue
        if row["type"].split()[0] in ("image", "text"):
            continue  # evidence only
        assert expressions["compliant_if"], row["name"]
        type_words = row["type"].split()
        for column, text in expressions.items():
            if not text:
                continue
            compile_expression(text)
            assert "." in text.replace("${", ""), f"{row['name']} {column} ignores the answer"
            if type_words[0] in ("select_one", "select_multiple"):
                for literal in re.findall(r"'([^']*)'", text):
                    assert literal in choices[type_words[1]], f"{row['name']}: {literal!r}"


def test_worker_interview_speaks_four_languages_everywhere(books: dict) -> None:
    book = books["worker_interview"]
    for row in rows(book["survey"]):
        for base in ("label", "hint", "guidance_hint", "constraint_message"):
            texts = [row.get(f"{base}::{language}", "") for language in WORKER_LANGUAGES]
            if row["type"] == "end_group":
                continue
            if base == "label":
                assert all(texts), f"{row['name']}: a label is missing a language"
            else:
                assert all(texts) or not any(texts), f"{row['name']}: {base} half translated"
    for choice in rows(book["choices"]):
        assert all(choice[f"label::{language}"] for language in WORKER_LANGUAGES), choice


def _survey_rows(name: str) -> list[dict[str, str]]:
    return rows(workbook(name)["survey"])


def test_worker_interview_gates_everything_after_consent() -> None:
    depth, after_consent = 0, False
    for row in _survey_rows("worker_interview"):
        kind = row["type"]
        if depth == 0 and after_consent and row["name"] != "no_consent_end":
            assert kind == "begin_group", f"{row['name']} sits outside a consent-gated group"
            assert "${consent} = 'yes'" in row["relevant"], row["name"]
        if row["name"] == "consent":
            after_consent = True
        depth += kind in ("begin_group", "begin_repeat")
        depth -= kind in ("end_group", "end_repeat")


def test_declining_consent_ends_the_interview_with_nothing_else_stored() -> None:
    definition = load_form(FORMS_DIR / "worker_interview.xlsx")
    session = FormSession(definition)
    session.answer("consent", "no")
    assert session.is_complete
    stored = {path for path in session.output_values() if not path.startswith("meta")}
    assert stored == {"consent"}
    names = [path.rsplit("/", 1)[-1] for path in session.relevant_paths()]
    assert names == ["consent_intro", "consent", "no_consent_end"]


def test_respondent_code_is_anonymous_and_no_field_could_hold_a_name() -> None:
    definition = load_form(FORMS_DIR / "worker_interview.xlsx")
    session = FormSession(definition)
    session.answer("consent", "yes")
    code = next(q.path for q in definition.questions() if q.name == "respondent_code")
    assert session.answer(code, "Jane Wanjiru").status.name != "OK"
    assert session.answer(code, "W-07").status.name == "OK"
    for name in ("worker_interview", "worker_group_interview"):
        for row in _survey_rows(name):
            assert not re.search(r"(^|_)(full_?)?name($|_)", row["name"]), row["name"]


def test_profile_asks_only_in_categories() -> None:
    types = {row["name"]: row["type"] for row in _survey_rows("worker_interview")}
    for field in ("role", "contract_type", "tenure", "shift", "gender", "work_type", "age_band"):
        assert types[field].startswith("select_one "), field


def test_group_interview_never_asks_about_wages() -> None:
    for row in _survey_rows("worker_group_interview"):
        text = f"{row['name']} {row.get('label::English (en)', '')}".lower()
        if row["type"] in ("integer", "decimal", "range"):
            assert row["name"] in ("group_size", "women_count"), row["name"]
        assert "how much" not in text, row["name"]
        if row["type"] not in ("note", "acknowledge"):
            assert not re.search(r"\b(wage|salary|earn)", text), row["name"]
    sizes = next(r for r in _survey_rows("worker_group_interview") if r["name"] == "group_size")
    assert sizes["constraint"] == ". >= 2 and . <= 5"


def _payroll_session(minimum: float | None, living: float | None) -> tuple[FormSession, str]:
    definition = load_form(FORMS_DIR / "document_review.xlsx")
    prefills = {
        q.extra.get("prefill"): q.path for q in definition.questions() if q.extra.get("prefill")
    }
    assert set(prefills) == {
        "site_profile:minimum_wage_hourly",
        "site_profile:living_wage_hourly",
        "site_profile:currency",
    }
    answers: dict[str, object] = {prefills["site_profile:currency"]: "KES"}
    if minimum is not None:
        answers[prefills["site_profile:minimum_wage_hourly"]] = minimum
    if living is not None:
        answers[prefills["site_profile:living_wage_hourly"]] = living
    # The app prefills a new record this way: the fields are read-only to the auditor.
    instance = FormInstance.from_json({"answers": answers}, definition)
    session = FormSession(definition, instance)
    slip, _ = session.add_repeat("payroll/payslip")
    for question, value in {
        "hours_paid": 180,
        "unpaid_hours": 20,
        "gross_pay": 300,
        "statutory_deductions": 30,
        "other_deductions": 10,
        "work_costs": 0,
        "paid_on_time": "yes",
        "itemised": "yes",
        "fine_deducted": "no",
    }.items():
        assert session.answer(f"{slip}/{question}", value).status.name == "OK", question
    return session, slip


def test_payroll_sample_computes_effective_hourly_pay_against_the_site_wages() -> None:
    session, slip = _payroll_session(minimum=1.5, living=3.0)
    assert float(session.value(f"{slip}/net_pay")) == 260
    # (300 - 10 other deductions) / (180 paid + 20 unpaid hours); tax is not subtracted.
    assert float(session.value(f"{slip}/effective_hourly")) == pytest.approx(1.45)
    assert float(session.value("payroll/share_below_minimum")) == 1
    assert float(session.value("payroll/share_below_living")) == 1
    assert float(session.value("payroll/share_paid_late")) == 0

    second, _ = session.add_repeat("payroll/payslip")
    for question, value in {
        "hours_paid": 160,
        "unpaid_hours": 0,
        "gross_pay": 800,
        "statutory_deductions": 0,
        "other_deductions": 0,
        "paid_on_time": "no",
        "itemised": "yes",
        "fine_deducted": "no",
    }.items():
        session.answer(f"{second}/{question}", value)
    assert float(session.value("payroll/share_below_minimum")) == 0.5
    assert float(session.value("payroll/share_paid_late")) == 0.5


def test_payroll_sample_is_not_assessed_without_the_site_profile_wages() -> None:
    session, slip = _payroll_session(minimum=None, living=None)
    assert float(session.value(f"{slip}/effective_hourly")) == pytest.approx(1.45)
    assert session.value("payroll/share_below_minimum") in (None, "")


def test_the_prefilled_wages_cannot_be_typed_over() -> None:
    definition = load_form(FORMS_DIR / "document_review.xlsx")
    session = FormSession(definition)
    assert session.answer("payroll/site_minimum_wage_hourly", 0.01).status.name != "OK"


def _mini_forms(tmp_path: Path, survey_row: str, evidence: str = "workers") -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "criteria.csv").write_text(
        "code,area,title::English (en),evidence,severity,references,guidance,corrective_action\n"
        f"B2,B,Overtime voluntary,{evidence},major,ETI 6,Ask.,Fix.\n",
        encoding="utf-8",
    )
    (src / "mini.md").write_text(
        "| survey |\n"
        "| | type | name | label | criterion | compliant_if |\n"
        f"{survey_row}\n"
        "| choices |\n| | list_name | name | label |\n| | yn | yes | Yes |\n| | yn | no | No |\n"
        "| settings |\n| | form_id | version | evidence_source |\n| | mini | 1 | workers |\n",
        encoding="utf-8",
    )
    return tmp_path


def test_build_names_the_row_of_an_unknown_criterion(tmp_path: Path) -> None:
    forms = _mini_forms(tmp_path, "| | select_one yn | ot | Refuse? | Z9 | . = 'yes' |")
    with pytest.raises(
        ChecklistBuildError, match=r"mini\.md: sheet 'survey' row 2 column 'criterion'.*Z9"
    ):
        build_all(forms)


def test_build_refuses_a_scored_question_without_compliant_if(tmp_path: Path) -> None:
    forms = _mini_forms(tmp_path, "| | select_one yn | ot | Refuse? | B2 | |")
    with pytest.raises(ChecklistBuildError, match="column 'compliant_if'"):
        build_all(forms)


def test_build_refuses_evidence_that_no_question_gathers(tmp_path: Path) -> None:
    forms = _mini_forms(
        tmp_path,
        "| | select_one yn | ot | Refuse? | B2 | . = 'yes' |",
        evidence="workers management",
    )
    with pytest.raises(ChecklistBuildError, match="B2: evidence says management workers"):
        build_all(forms)


def test_build_writes_the_criteria_sheet_and_is_idempotent(tmp_path: Path) -> None:
    forms = _mini_forms(tmp_path, "| | select_one yn | ot | Refuse? | B2 | . = 'yes' |")
    first = build_all(forms)
    assert [form.written for form in first] == [True]
    sheets = read_workbook(forms / "mini.xlsx")
    assert sheets[CRITERIA_SHEET][1][:2] == ["B2", "B"]
    assert [form.written for form in build_all(forms)] == [False]


def _candidates(prompt: object) -> list[object]:
    """Plausible answers to try in turn until the form accepts one."""
    kind = prompt.type.name  # type: ignore[attr-defined]
    choices = [choice.name for choice in prompt.choices]  # type: ignore[attr-defined]
    return {
        "TEXT": ["W-07", "G-02", "P-01", "KES", "Seen during the visit."],
        "INTEGER": [40, 3, 2, 1, 0],
        "DECIMAL": [2.5, 40, 1, 0],
        "DATE": [datetime.date(2026, 11, 20)],
        "SELECT_ONE": choices,
        "SELECT_MULTIPLE": [[name] for name in choices],
        "ACKNOWLEDGE": ["OK", True],
    }.get(kind, [])


@pytest.mark.parametrize("name", FORM_NAMES)
def test_a_scripted_walk_completes_every_form(name: str) -> None:
    definition = load_form(FORMS_DIR / f"{name}.xlsx")
    session = FormSession(definition)
    answered, repeats_added = 0, set()
    screen = session.step_next()
    for _ in range(1000):
        if screen.kind is ScreenKind.END:
            break
        if screen.kind is ScreenKind.REPEAT_PROMPT and screen.path not in repeats_added:
            repeats_added.add(screen.path)
            session.add_repeat(screen.path)
        for prompt in screen.prompts:
            if prompt.read_only or prompt.value is not None or not prompt.relevant:
                continue
            for value in _candidates(prompt):
                if session.answer(prompt.path, value).status is AnswerStatus.OK:
                    answered += 1
                    break
        screen = session.step_next()
    assert screen.kind is ScreenKind.END
    assert session.finish() == {}
    assert answered >= 20
    if name == "document_review":
        assert session.repeat_count("payroll/payslip") == 1
        assert session.value("payroll/payslip[1]/effective_hourly") is not None
