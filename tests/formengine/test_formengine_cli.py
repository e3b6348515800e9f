"""``auditdesk forms check`` and ``auditdesk forms try`` as a form author uses them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from auditdesk.cli import main

FORM = """
| survey |
| | type | name | label | relevant | constraint | constraint_message | required | calculation |
| | integer | age | Age | | . < 120 | Too old | yes | |
| | select_multiple lang | langs | Languages | ${age} >= 18 | | | | |
| | begin group | work | Work | | | | | |
| | text | employer | Employer | ${age} >= 18 | | | yes | |
| | end group | | | | | | | |
| | begin repeat | member | Member | | | | | |
| | text | code | Code | | | | yes | |
| | integer | hours | Hours | | | | | |
| | end repeat | | | | | | | |
| | calculate | total | | | | | | sum(${hours}) |
| choices |
| | list_name | name | label |
| | lang | en | English |
| | lang | fr | French |
| settings |
| | form_id | version |
| | dry | 3 |
"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_valid_forms_exit_zero(
    write_md: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_md(FORM)
    code, out, _ = _run(capsys, "forms", "check", str(path))
    assert code == 0
    assert out == ""


def test_check_prints_one_line_per_problem(
    write_md: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_md(FORM)
    bad = write_md(
        """
        | survey |
        | | type | name | label | relevant | constraint |
        | | integer | a | A | | . > |
        | | integer | b | B | | bogus( |
        """
    )
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip at all")
    code, out, _ = _run(capsys, "forms", "check", str(good), str(bad), str(broken))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{bad}: sheet 'survey' row 2 column 'constraint': ")
    assert lines[1].startswith(f"{bad}: sheet 'survey' row 3 column 'constraint': ")
    assert lines[2].startswith(f"{broken}: ")


def test_check_shows_pyxform_warnings_without_failing(
    write_md: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_md(
        """
        | survey |
        | | type | name | label::English (en) | hint |
        | | text | a | A | untranslated hint |
        """
    )
    code, out, _ = _run(capsys, "forms", "check", str(path))
    assert code == 0
    assert out.startswith(f"{path}: warning: ")


def test_try_replays_answers_and_reports(
    write_md: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = write_md(FORM)
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "age": 30,
                "langs": ["en", "fr"],
                "employer": "DataCo",
                "member": [{"code": "A", "hours": 40}, {"hours": 10}],
            }
        )
    )
    code, out, _ = _run(capsys, "forms", "try", str(form), "--answers", str(answers))
    assert code == 0
    report = json.loads(out)
    assert report["form_id"] == "dry"
    assert report["version"] == "3"
    assert report["relevant"] == [
        "age",
        "langs",
        "employer",
        "member[1]/code",
        "member[1]/hours",
        "member[2]/code",
        "member[2]/hours",
        "total",
    ]
    assert report["values"] == {
        "age": 30,
        "langs": ["en", "fr"],
        "employer": "DataCo",
        "member[1]/code": "A",
        "member[1]/hours": 40,
        "member[2]/hours": 10,
        "total": "50",
    }
    assert report["errors"] == {"member[2]/code": "Sorry, this response is required!"}
    assert report["complete"] is False


def test_try_drops_non_relevant_values_and_reports_refusals(
    write_md: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = write_md(FORM)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 12, "langs": ["en"], "employer": "X"}))
    _code, out, _ = _run(capsys, "forms", "try", str(form), "--answers", str(answers))
    report = json.loads(out)
    assert "langs" not in report["relevant"]
    assert "langs" not in report["values"]
    assert report["values"] == {"age": 12, "total": "0"}  # sum() of no hours
    assert set(report["errors"]) == {"langs", "employer"}
    assert report["complete"] is False

    answers.write_text(json.dumps({"age": 150}))
    _, out, _ = _run(capsys, "forms", "try", str(form), "--answers", str(answers))
    assert json.loads(out)["errors"]["age"] == "Too old"


def test_try_complete_form(
    write_md: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = write_md(FORM)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 40, "employer": "DataCo"}))
    _, out, _ = _run(capsys, "forms", "try", str(form), "--answers", str(answers))
    report = json.loads(out)
    assert report["errors"] == {}
    assert report["complete"] is True


def test_try_language_and_bad_inputs(
    write_md: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = write_md(
        """
        | survey |
        | | type | name | label::English (en) | label::French (fr) | constraint | constraint_message::English (en) | constraint_message::French (fr) |
        | | integer | hours | Hours | Heures | . < 100 | Too many | Trop |
        """  # noqa: E501
    )
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"hours": 120}))
    _, out, _ = _run(
        capsys, "forms", "try", str(form), "--answers", str(answers), "--lang", "French (fr)"
    )
    assert json.loads(out)["errors"] == {"hours": "Trop"}

    code, _, err = _run(
        capsys, "forms", "try", str(form), "--answers", str(answers), "--lang", "Klingon"
    )
    assert code == 2
    assert "no language" in err

    answers.write_text("{not json")
    code, _, err = _run(capsys, "forms", "try", str(form), "--answers", str(answers))
    assert code == 2
    assert "is not JSON" in err

    broken = write_md("| survey |\n| | type | name |\n| | integer | a | \n| | bogus | b |\n")
    answers.write_text("{}")
    code, out, err = _run(capsys, "forms", "try", str(broken), "--answers", str(answers))
    assert code == 1
    assert out == ""
    assert "sheet 'survey' row 3 column 'type'" in err
