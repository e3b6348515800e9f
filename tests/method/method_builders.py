# ruff: noqa: E501 — the forms are Markdown tables, one row per line
"""Small crafted checklists and records for the scoring tests.

Four tiny forms, one per evidence source, written as pyxform Markdown and loaded by the
real form loader, so the tests exercise the same metadata format the bundled checklists
use. The criteria sheet is complete in the management form; the others repeat a few
rows (identically, or with blanks) as the bundled forms do.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping

from auditdesk.domain import JsonValue, RecordKind
from auditdesk.formengine.definition import FormDefinition
from auditdesk.formengine.xlsform import load_form_bytes
from auditdesk.method.evidence import AttachmentRef, AuditEvidence, EvidenceRecord

REPORT_DATE = datetime.date(2025, 3, 1)

CRITERIA_SHEET = """\
| criteria |
| | code | area | title::English (en) | title::Français (fr) | evidence | severity | references | fairwork | corrective_action | worker_threshold |
| | A1 | A | Minimum wage for all hours | Salaire minimum | documents workers | major | FW 1.2 | 1.2 | Pay the minimum for all hours, with back pay | |
| | A6 | A | Paid on time and in full | Payé à temps | documents workers | major | FW 1.1 | 1.1 | Pay on the agreed date | |
| | B1 | B | Hours within limits | Heures limitées | documents workers | major | ETI 6 | | Cap weekly hours at 48 | |
| | B2 | B | Overtime is voluntary | Heures sup volontaires | workers management | major | ETI 6; ILO-FL | 2.1 | Make overtime voluntary and refusable | |
| | C1 | C | Written terms before work | Conditions écrites | documents workers | major | FW 3.1 | 3.1 | Give written terms in the worker's language | |
| | E1 | E | Psychosocial risk assessment | Évaluation des risques | documents management | major | FW-AI 2.1 | 2.2 | Write and review a risk assessment | |
| | F1 | F | Exits free and marked | Issues dégagées | observation | critical | C155 | | Clear the exits now | |
| | G3 | G | Union recognised | Syndicat reconnu | management | major | FW 5.2 | 5.2 | Recognise the union | |
| | J2 | J | No ID documents held | Pas de papiers retenus | workers | critical | ILO-FL | | Return every document | 0.1 |
"""

YES_NO = """\
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| | yn | dont_know | Don't know |
| | paid | always | Always on time |
| | paid | mostly | Mostly on time |
| | paid | late | Often late |
| | contract | permanent | Permanent |
| | contract | agency | Agency |
| | gender | woman | Woman |
| | gender | man | Man |
"""

MANAGEMENT = (
    """\
| survey |
| | type | name | label | criterion | compliant_if | na_if |
| | select_one yn | overtime_voluntary | Is overtime voluntary? | B2 | . = 'yes' | |
| | select_one yn | union_exists | Is there a union? | | | |
| | select_one yn | union_recognised | Is the union recognised? | G3 | . = 'yes' | ${union_exists} = 'no' |
| | select_one yn | risk_assessment | Is there a psychosocial risk assessment? | E1 | . = 'yes' | |
| settings |
| | form_id | version |
| | management_interview | 1 |
"""
    + YES_NO
    + CRITERIA_SHEET
)

WORKER = (
    """\
| survey |
| | type | name | label | criterion | compliant_if | partly_if |
| | select_one contract | contract_type | Contract type | | | |
| | select_one gender | gender | Gender | | | |
| | select_one yn | can_refuse_overtime | Can you refuse overtime without penalty? | B2 | . = 'yes' | |
| | text | overtime_story | What happens if you refuse? | B2 | | |
| | select_one yn | id_held | Does the employer hold your ID documents? | J2 | . = 'no' | |
| | select_one paid | paid_on_time | Are you paid on time? | A6 | . = 'always' | . = 'mostly' |
| | select_one yn | got_terms | Did you get written terms before starting? | C1 | . = 'yes' | |
| settings |
| | form_id | version |
| | worker_interview | 1 |
"""
    + YES_NO
    + """\
| criteria |
| | code | area | title::English (en) | evidence | severity |
| | B2 | B | Overtime is voluntary | workers management | major |
| | J2 | J | | | |
"""
)

DOCUMENTS = (
    """\
| survey |
| | type | name | label | criterion | compliant_if | partly_if | na_if |
| | decimal | minimum | Legal minimum hourly wage | | | | |
| | begin repeat | payslip | Payslip | | | | |
| | decimal | hourly | Effective hourly pay | A1 | . >= ${minimum} | | |
| | end repeat | | | | | | |
| | integer | weekly_hours | Longest week in the time records | B1 | . <= 48 | . <= 60 | |
| | select_one yn | paid_on_schedule | Payroll paid on the agreed dates? | A6 | . = 'yes' | | |
| | select_one yn | terms_on_file | Signed written terms on file? | C1 | . = 'yes' | | |
| | select_one yn | risk_doc | Risk assessment document seen? | E1 | . = 'yes' | | |
| settings |
| | form_id | version |
| | document_review | 1 |
"""
    + YES_NO
)

OBSERVATION = (
    """\
| survey |
| | type | name | label | criterion | compliant_if |
| | select_one yn | exits_clear | Are the exits free and marked? | F1 | . = 'yes' |
| | image | exits_photo | Photo of the exits | F1 | |
| settings |
| | form_id | version |
| | site_observation | 1 |
"""
    + YES_NO
)

_FORMS = {
    "management_interview": MANAGEMENT,
    "worker_interview": WORKER,
    "document_review": DOCUMENTS,
    "site_observation": OBSERVATION,
}
_KINDS = {
    "management_interview": RecordKind.MANAGEMENT_INTERVIEW,
    "worker_interview": RecordKind.WORKER_INTERVIEW,
    "worker_group_interview": RecordKind.WORKER_GROUP_INTERVIEW,
    "document_review": RecordKind.DOCUMENT_REVIEW,
    "site_observation": RecordKind.SITE_OBSERVATION,
}
_ids = itertools.count(1)


def load_markdown(text: str, name: str) -> FormDefinition:
    return load_form_bytes(text.encode(), suffix=".md", source=f"{name}.md", stem=name)


def definitions() -> dict[str, FormDefinition]:
    return {form_id: load_markdown(text, form_id) for form_id, text in _FORMS.items()}


def record(
    form_id: str,
    answers: Mapping[str, JsonValue],
    *,
    code: str = "",
    notes: Mapping[str, str] | None = None,
    attachments: Mapping[str, tuple[AttachmentRef, ...]] | None = None,
) -> EvidenceRecord:
    return EvidenceRecord(
        record_id=f"rec-{next(_ids)}",
        form_id=form_id,
        kind=_KINDS[form_id],
        answers=dict(answers),
        respondent_code=code,
        notes=dict(notes or {}),
        attachments=dict(attachments or {}),
    )


def workers(*answers: Mapping[str, JsonValue]) -> list[EvidenceRecord]:
    """One worker interview per mapping, coded W-01, W-02, …"""
    return [
        record("worker_interview", given, code=f"W-{number:02d}")
        for number, given in enumerate(answers, start=1)
    ]


def evidence(*records: EvidenceRecord) -> AuditEvidence:
    return AuditEvidence(records=tuple(records), definitions=definitions())
