"""A small, complete audit in a temporary database, built through the repository.

One site; the six bundled checklists as form snapshots; a management interview, a few
worker interviews and a group interview (with canaries planted in the workers' free
text and in their respondent codes), a document review with two payslips in its
repeat, a site observation with a drawn signature and a photo, and a site profile.
Every closed question gets a real choice of its form, so scoring produces findings.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from auditdesk import paths
from auditdesk.domain import (
    Audit,
    AuditStatus,
    AuditType,
    FormRecord,
    JsonValue,
    RecordKind,
    RecordStatus,
    Site,
    SupplyChainPosition,
    new_uuid,
)
from auditdesk.formengine import load_form
from auditdesk.formengine.definition import FormDefinition, QuestionDef, QuestionType
from auditdesk.formengine.instance import path_format
from auditdesk.storage import Repository

WORKER_CANARY = "CANARY-WORKER-TEXT-7f3a"
NOTES_CANARY = "CANARY-AUDITOR-NOTE-91c2"
GROUP_CANARY = "CANARY-GROUP-WORDS-4d1e"
INJECTIONS = ('=HYPERLINK("http://evil.example","click")', "+1-2", "-5 days", "@SUM(A1)",
              "\t=cmd", "#N/A")
AUDITOR = "Amélie Dupont"
# A 1×1 PNG, enough to stand for a drawn signature or a photo.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

FORM_KINDS = {
    "auditdesk_site_profile": RecordKind.SITE_PROFILE,
    "auditdesk_management_interview": RecordKind.MANAGEMENT_INTERVIEW,
    "auditdesk_worker_interview": RecordKind.WORKER_INTERVIEW,
    "auditdesk_worker_group_interview": RecordKind.WORKER_GROUP_INTERVIEW,
    "auditdesk_document_review": RecordKind.DOCUMENT_REVIEW,
    "auditdesk_site_observation": RecordKind.SITE_OBSERVATION,
}


@dataclass
class AuditScene:
    audit: Audit
    site: Site
    definitions: dict[str, FormDefinition]
    records: dict[str, list[FormRecord]] = field(default_factory=dict)

    def worker_codes(self) -> list[str]:
        return [
            r.respondent_code
            for kind in ("auditdesk_worker_interview", "auditdesk_worker_group_interview")
            for r in self.records.get(kind, [])
        ]


def _choice(question: QuestionDef, seed: int) -> str:
    names = [c.name for c in question.choices]
    return names[seed % len(names)] if names else "x"


def filled_answers(
    definition: FormDefinition, seed: int, texts: dict[str, str] | None = None,
    repeats: int = 2,
) -> dict[str, JsonValue]:
    """Answers to every question a person fills, choices varying with ``seed``."""
    answers: dict[str, JsonValue] = {}
    for number, question in enumerate(definition.questions()):
        paths_ = (
            [path_format(definition, question.path).format(*(i,) * len(question.repeats))
             for i in range(1, repeats + 1)]
            if question.repeats
            else [question.path]
        )
        for path in paths_:
            value = _value(question, seed + number, (texts or {}).get(question.name))
            if value is not None:
                answers[path] = value
    return answers


def _value(question: QuestionDef, seed: int, text: str | None) -> JsonValue:
    kind = question.type
    if kind is QuestionType.SELECT_ONE:
        return _choice(question, seed)
    if kind is QuestionType.SELECT_MULTIPLE:
        first, second = _choice(question, seed), _choice(question, seed + 1)
        return [first] if first == second else [first, second]
    if kind is QuestionType.INTEGER:
        return 40 + seed % 17
    if kind is QuestionType.DECIMAL:
        return round(1.25 * (seed % 9) + 0.1, 2)
    if kind is QuestionType.DATE:
        return f"2026-03-{1 + seed % 9:02d}"
    if kind is QuestionType.ACKNOWLEDGE:
        return "OK"
    if kind is QuestionType.TEXT:
        return text if text is not None else f"text {question.name} {seed}"
    return None


def bundled_definitions() -> dict[str, FormDefinition]:
    found = {}
    for file in sorted(paths.forms_dir().glob("*.xlsx")):
        definition = load_form(file)
        found[definition.form_id] = definition
    return found


def _at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, 15, tzinfo=datetime.UTC)


def build_audit(
    repo: Repository, *, training: bool = False, workers: int = 4, groups: int = 1
) -> AuditScene:
    site = repo.add_site(
        Site(new_uuid(), organisation="Lumen Data Services", name="Nairobi annotation centre",
             country="KE", city="Nairobi", sector="data annotation", headcount=420,
             position=SupplyChainPosition.VENDOR)
    )
    audit = repo.add_audit(
        Audit(new_uuid(), site.uuid, AuditType.SEMI_ANNOUNCED, status=AuditStatus.IN_PROGRESS,
              planned_start=datetime.date(2026, 3, 2), started_on=datetime.date(2026, 3, 2),
              ended_on=datetime.date(2026, 3, 4), lead_auditor=AUDITOR,
              team=(AUDITOR, "Kwame Mensah"), training=training),
        auditor=AUDITOR,
    )
    definitions = bundled_definitions()
    snapshots = {}
    for file in sorted(paths.forms_dir().glob("*.xlsx")):
        definition = definitions[load_form(file).form_id]
        snapshots[definition.form_id] = repo.add_form_snapshot(
            audit.uuid, form_id=definition.form_id, version=definition.version,
            filename=file.name, content=file.read_bytes(), auditor=AUDITOR,
        )
    scene = AuditScene(audit, site, definitions)
    plan: list[tuple[str, int, dict[str, str]]] = [
        ("auditdesk_site_profile", 0, {"profile_notes": "Recent layoffs in January."}),
        ("auditdesk_management_interview", 1,
         {"notes": INJECTIONS[0], "documents_promised": INJECTIONS[1],
          "pay_dates": INJECTIONS[2], "living_wage_benchmark_source": INJECTIONS[3]}),
        *(("auditdesk_worker_interview", 10 + n,
           {"other_concerns": f"{WORKER_CANARY} {n}", "auditor_notes": f"{NOTES_CANARY} {n}",
            "respondent_code": f"W-{n + 1:02d}"})
          for n in range(workers)),
        *(("auditdesk_worker_group_interview", 30 + n,
           {"main_issues": f"{GROUP_CANARY} {n}", "auditor_notes": f"{NOTES_CANARY} g{n}",
            "group_code": f"G-{n + 1:02d}"})
          for n in range(groups)),
        ("auditdesk_document_review", 2, {"notes": INJECTIONS[4], "site_currency": "KES",
                                          "payslip_code": "P-01"}),
        ("auditdesk_site_observation", 3, {"notes": INJECTIONS[5], "tool_names": "LabelBox"}),
    ]
    for day, (form_id, seed, texts) in enumerate(plan):
        definition = definitions[form_id]
        kind = FORM_KINDS[form_id]
        record = repo.add_form_record(
            FormRecord(new_uuid(), audit.uuid, form_id, definition.version, kind, "",
                       consent_given=True, started_at=_at(2 + day % 3, 9),
                       ended_at=_at(2 + day % 3, 10), status=RecordStatus.IN_PROGRESS,
                       snapshot_id=snapshots[form_id].id),
            auditor=AUDITOR,
        )
        answers = filled_answers(definition, seed, texts)
        if form_id == "auditdesk_worker_interview":
            answers["consent"] = "yes"
        if form_id == "auditdesk_worker_group_interview":
            answers["group_consent"] = "yes"
            answers["setup/group_size"] = 4
        repo.save_instance(
            record.uuid,
            {"form_id": form_id, "version": definition.version, "answers": answers},
            auditor=AUDITOR,
        )
        record = repo.set_record_status(record.uuid, RecordStatus.COMPLETED, auditor=AUDITOR)
        scene.records.setdefault(form_id, []).append(record)
        if form_id == "auditdesk_site_observation":
            repo.add_attachment(record.uuid, "signoff/auditor_signature", "signature.png",
                                "image/png", PNG, auditor=AUDITOR)
            repo.add_attachment(record.uuid, "physical/photo_site", "exit.png", "image/png",
                                PNG, caption="Blocked exit, ground floor", auditor=AUDITOR)
        if form_id == "auditdesk_worker_interview":
            repo.add_attachment(record.uuid, "closing/other_concerns", "worker.png",
                                "image/png", PNG, caption="worker photo", auditor=AUDITOR)
    return scene


def all_strings(values: Iterator[object]) -> str:
    return "\n".join(str(v) for v in values if v is not None)


def open_repo(path: Path) -> Repository:
    from auditdesk.storage import open_database

    return open_database(path, create=True)
