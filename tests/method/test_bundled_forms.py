"""The bundled checklists carry scoring metadata the method can use, end to end."""

from __future__ import annotations

from functools import cache

from method_builders import REPORT_DATE

from auditdesk import paths
from auditdesk.domain import RecordKind
from auditdesk.formengine.definition import FormDefinition
from auditdesk.formengine.xlsform import load_form
from auditdesk.method.areas import AREAS, FAIRWORK_THRESHOLDS
from auditdesk.method.criteria import Catalogue, EvidenceSource, read_catalogue
from auditdesk.method.evidence import AuditEvidence, EvidenceRecord, Outcome, declared_source
from auditdesk.method.result import assess_audit


@cache
def _bundled() -> dict[str, FormDefinition]:
    forms = [load_form(path) for path in sorted(paths.forms_dir().glob("*.xlsx"))]
    return {form.form_id: form for form in forms}


@cache
def _catalogue() -> Catalogue:
    return read_catalogue(_bundled().values())


def test_the_bundled_forms_give_one_consistent_catalogue_over_all_areas() -> None:
    catalogue = _catalogue()
    assert len(catalogue.criteria) >= 70
    assert {c.area for c in catalogue.criteria.values()} == {area.code for area in AREAS}
    scored = {b.criterion for bs in catalogue.bindings.values() for b in bs if b.scored}
    assert scored == set(catalogue.criteria)
    thresholds = {t for c in catalogue.criteria.values() for t in c.fairwork}
    assert thresholds == set(FAIRWORK_THRESHOLDS)


def test_each_bundled_form_declares_its_evidence_source() -> None:
    sources = {form_id: declared_source(form) for form_id, form in _bundled().items()}
    assert set(sources.values()) == set(EvidenceSource)


def _worker_form() -> FormDefinition:
    return next(
        form
        for form in _bundled().values()
        if form.find("paid_fees") is not None and form.find("contract_type") is not None
    )


def test_no_answers_means_nothing_assessed_and_no_alert() -> None:
    assessed = assess_audit(AuditEvidence((), _bundled()), report_date=REPORT_DATE)
    assert {r.outcome for r in assessed.criteria} == {Outcome.NOT_ASSESSED}
    assert all(area.score is None for area in assessed.areas)
    assert assessed.rating.score == 0
    assert assessed.alerts == ()
    assert assessed.findings == ()


def test_a_single_worker_who_paid_a_fee_raises_an_alert() -> None:
    worker = _worker_form()
    fees = worker.find("paid_fees")
    assert fees is not None
    code = fees.extra["criterion"]

    def interview(answer: str) -> EvidenceRecord:
        return EvidenceRecord(
            f"w-{answer}", worker.form_id, RecordKind.WORKER_INTERVIEW, {fees.path: answer}
        )

    paid = assess_audit(AuditEvidence((interview("yes"),), _bundled()), report_date=REPORT_DATE)
    assert paid.result_for(code).outcome is Outcome.NON_COMPLIANT
    assert [alert.criterion for alert in paid.alerts] == [code]
    assert paid.rating.capped is False  # nothing was earned, so nothing to cap
    assert paid.rating.score == 0
