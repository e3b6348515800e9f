"""Reading the criteria catalogue and the question bindings from the forms."""

from __future__ import annotations

import pytest
from method_builders import YES_NO, definitions, load_markdown

from auditdesk.domain import Severity
from auditdesk.method.criteria import CriteriaError, EvidenceSource, read_catalogue


def _form(form_id: str, survey_rows: str, criteria_rows: str) -> str:
    return (
        "| survey |\n| | type | name | label | criterion | compliant_if |\n"
        + survey_rows
        + f"| settings |\n| | form_id | version |\n| | {form_id} | 1 |\n"
        + YES_NO
        + "| criteria |\n| | code | area | title::English (en) | title::Español (es) "
        "| evidence | severity | fairwork | worker_threshold |\n" + criteria_rows
    )


def test_the_bundled_style_catalogue_merges_rows_across_forms() -> None:
    catalogue = read_catalogue(definitions().values())
    overtime = catalogue.criterion("B2")
    assert overtime.area == "B"
    assert overtime.severity is Severity.MAJOR
    assert overtime.evidence == (EvidenceSource.WORKERS, EvidenceSource.MANAGEMENT)
    assert overtime.fairwork == ("2.1",)
    assert overtime.title("fr") == "Heures sup volontaires"
    assert overtime.title("sw") == "Overtime is voluntary"  # falls back to English
    assert set(overtime.forms) == {"management_interview", "worker_interview"}
    assert catalogue.criterion("J2").worker_threshold == 0.1
    # Catalogue order is area then number.
    assert list(catalogue.criteria) == ["A1", "A6", "B1", "B2", "C1", "E1", "F1", "G3", "J2"]
    bound = {(b.question.name, b.scored) for b in catalogue.bindings_for("site_observation")}
    assert bound == {("exits_clear", True), ("exits_photo", False)}


def test_conflicting_rows_name_both_forms() -> None:
    first = load_markdown(
        _form(
            "one",
            "| | select_one yn | q | Q? | A1 | . = 'yes' |\n",
            "| | A1 | A | Minimum wage | | documents | major | | |\n",
        ),
        "one",
    )
    second = load_markdown(
        _form(
            "two",
            "| | select_one yn | r | R? | A1 | . = 'yes' |\n",
            "| | A1 | A | Minimum wage | Salario | documents | critical | | |\n",
        ),
        "two",
    )
    with pytest.raises(CriteriaError) as caught:
        read_catalogue([first, second])
    message = str(caught.value)
    assert "two.md" in message
    assert "one.md" in message
    assert "'critical' conflicts with 'major'" in message
    assert caught.value.problems[0].column == "severity"


def test_every_bad_cell_is_reported_with_its_place() -> None:
    form = load_markdown(
        _form(
            "bad",
            "| | select_one yn | q | Q? | Z9 | . = 'yes' |\n"
            "| | select_one yn | r | R? | A1 | . = = 'yes' |\n",
            "| | A1 | Q | Title | | documents paperwork | fatal | 6.1 | 1.5 |\n",
        ),
        "bad",
    )
    with pytest.raises(CriteriaError) as caught:
        read_catalogue([form])
    problems = {(p.column, p.row) for p in caught.value.problems}
    assert ("area", 2) in problems
    assert ("severity", 2) in problems
    assert ("evidence", 2) in problems
    assert ("fairwork", 2) in problems
    assert ("worker_threshold", 2) in problems
    assert ("criterion", 2) in problems  # survey row 2 names the unknown Z9
    assert ("compliant_if", 3) in problems
    text = str(caught.value)
    assert "'Z9'" in text
    assert "bad.md" in text


def test_a_form_without_scoring_metadata_gives_an_empty_catalogue() -> None:
    plain = load_markdown(
        "| survey |\n| | type | name | label |\n| | text | q | Q? |\n"
        "| settings |\n| | form_id | version |\n| | plain | 1 |\n",
        "plain",
    )
    catalogue = read_catalogue([plain])
    assert dict(catalogue.criteria) == {}
    assert catalogue.bindings_for("plain") == ()
