"""The bundled sample audit, exported for the site: canaries planted in the workers' free
text and their respondent codes must appear in the confidential files and nowhere in the
site-facing ones; both verify."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_audiences_and_readers import pdf_text, workbook_text

from auditdesk.domain import RecordKind
from auditdesk.export.audience import Audience
from auditdesk.export.audit_data import ExportSettings
from auditdesk.export.run import ExportRequest, export_audit
from auditdesk.signing import SigningIdentity, VerificationStatus, verify_file
from auditdesk.storage import Repository, open_database

CANARY = "CANARY-SAMPLE-WORKER-5e0b"
WORKER_KINDS = (RecordKind.WORKER_INTERVIEW, RecordKind.WORKER_GROUP_INTERVIEW)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Repository, str]]:
    from auditdesk.training.samples import list_cases, load_case

    cases = list_cases()
    if not cases:
        pytest.fail("the sample audit is bundled with the app (resources/samples)")
    repo = open_database(tmp_path_factory.mktemp("sample") / "sample.sqlite", create=True)
    try:
        yield repo, load_case(repo, cases[0].id)
    finally:
        repo.close()


def test_site_exports_of_the_sample_carry_no_codes_or_worker_free_text(
    sample: tuple[Repository, str], tmp_path: Path, identity: SigningIdentity, pki: object,
) -> None:
    repo, audit_uuid = sample
    workers = [r for r in repo.list_form_records(audit_uuid) if r.kind in WORKER_KINDS]
    assert len(workers) >= 3
    free_text: list[str] = []
    for record in workers:
        answers = repo.get_answers(record.uuid)
        for path, value in answers.items():
            if path.endswith(("other_concerns", "auditor_notes", "main_issues")) and value:
                free_text.append(str(value))
        concern = next((p for p in answers if p.endswith("other_concerns")), None)
        if concern is not None:
            repo.save_answer(record.uuid, concern, f"{CANARY} {record.respondent_code}",
                             reason="test canary")
            free_text.append(CANARY)
    assert free_text
    codes = [r.respondent_code for r in workers]
    files = {}
    for audience in Audience:
        xlsx, pdf = tmp_path / f"{audience}.xlsx", tmp_path / f"{audience}.pdf"
        export_audit(repo, audit_uuid, ExportRequest(
            xlsx=xlsx, pdf=pdf, settings=ExportSettings(audience), identity=identity))
        files[audience] = workbook_text(xlsx) + "\n" + pdf_text(pdf)
        trust = [pki.ca.certificate()]  # type: ignore[attr-defined]
        assert verify_file(xlsx, trust).status is VerificationStatus.VALID
        assert verify_file(pdf, trust).status is VerificationStatus.VALID
    assert CANARY in files[Audience.CONFIDENTIAL]
    assert all(code in files[Audience.CONFIDENTIAL] for code in codes)
    site = files[Audience.SITE]
    assert not [code for code in codes if code in site]
    # pdftotext wraps long lines: look for each answer's first words.
    assert not [text for text in free_text if " ".join(text.split()[:4]) in site]
