"""What consolidation knows about each input file and each audit it keeps.

An input file becomes an :class:`ImportEntry` (always: nothing is dropped silently)
and, when its content may be consolidated, an :class:`AuditBundle`: the rows that one
audit contributes to the master, already in the master's shape. Bundles read from an
earlier master have the same shape, which is what makes incremental runs simple.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from auditdesk.consolidate.deflated_zip import Deflated
    from auditdesk.consolidate.spill import PackedRows, RowSpill

CellValue = str | int | float | bool | datetime.date | datetime.datetime | datetime.time | None
"""A cell as python-calamine returns it (``""`` normalised to ``None``)."""

Row = tuple[CellValue, ...]


class InputStatus(enum.StrEnum):
    """What an input file turned out to be, from the reader's point of view."""

    VERIFIED = "verified"
    UNTRUSTED = "untrusted"
    UNSIGNED = "unsigned"
    MODIFIED = "modified"
    BAD_SIGNATURE = "bad_signature"
    TRAINING = "training"
    NOT_AUDITDESK = "not_auditdesk"
    UNSUPPORTED_VERSION = "unsupported_version"
    UNREADABLE = "unreadable"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def consolidated(self) -> bool:
        """May this file's content enter the master?

        Only intact content does: a workbook edited after signing, or whose signature
        cannot be checked, is listed in the Import log but its numbers stay out of the
        master's tables and charts. Training workbooks are fictional and stay out too.
        """
        return self in (InputStatus.VERIFIED, InputStatus.UNTRUSTED, InputStatus.UNSIGNED)


_STATUS_LABELS = {
    InputStatus.VERIFIED: "verified",
    InputStatus.UNTRUSTED: "signed by an untrusted certificate",
    InputStatus.UNSIGNED: "unsigned",
    InputStatus.MODIFIED: "modified after signing",
    InputStatus.BAD_SIGNATURE: "signature cannot be checked",
    InputStatus.TRAINING: "training data (fictional)",
    InputStatus.NOT_AUDITDESK: "not an AuditDesk workbook",
    InputStatus.UNSUPPORTED_VERSION: "newer or unknown format version",
    InputStatus.UNREADABLE: "unreadable",
}


class Outcome(enum.StrEnum):
    """What this run did with a file."""

    ADDED = "added"
    REPLACED = "replaced"
    SUPERSEDED = "superseded"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    EXCLUDED = "excluded"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.ADDED: "added to the master",
    Outcome.REPLACED: "replaced an older export of the same audit",
    Outcome.SUPERSEDED: "a newer export of the same audit is kept",
    Outcome.UNCHANGED: "read in an earlier run, not read again",
    Outcome.DUPLICATE: "identical to another input file",
    Outcome.EXCLUDED: "not consolidated",
}


@dataclass
class ImportEntry:
    """One line of the Import log: every input file gets exactly one."""

    path: str
    status: InputStatus
    reason: str = ""
    sha256: str = ""
    size: int = 0
    audit_uuid: str = ""
    site_name: str = ""
    exported_at: datetime.datetime | None = None
    signer: str = ""
    format_version: str = ""
    outcome: Outcome = Outcome.EXCLUDED
    imported_at: datetime.datetime | None = None

    @property
    def consolidated(self) -> bool:
        return self.outcome in (Outcome.ADDED, Outcome.REPLACED)


class AreaScore(NamedTuple):
    code: str
    name: str
    score: float | None


class AnswerRow(NamedTuple):
    """One row of the long Answers table (the export's columns, in its order)."""

    audit_uuid: str
    record_uuid: str
    form_id: str
    form_version: str
    record_kind: CellValue
    respondent_code: CellValue
    question_path: str
    question: CellValue
    question_type: CellValue
    label: CellValue
    value: CellValue
    value_label: CellValue
    criterion: CellValue
    area: CellValue


class FindingRow(NamedTuple):
    """One finding with its corrective action (CAP); overdue is computed when written."""

    audit_uuid: str
    finding_uuid: str
    criterion: str
    area: str
    area_name: CellValue
    severity: str
    title: CellValue
    status: str
    origin: CellValue
    evidence: CellValue
    cap_action: CellValue
    cap_responsible: CellValue
    cap_plan_due: CellValue
    cap_verify_due: CellValue
    cap_status: str
    cap_verification_note: CellValue

    @property
    def key(self) -> str:
        """Findings derived by the method may have no UUID yet: their criterion names them."""
        return self.finding_uuid or f"criterion:{self.criterion}"


@dataclass
class FormTable:
    """One form's wide rows from one source: its own column order and its rows."""

    form_id: str
    form_version: str
    headers: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


@dataclass
class AuditFacts:
    """The audit-level facts the master shows (one row of ``Audits``)."""

    audit_uuid: str
    site_uuid: str = ""
    site_name: str = ""
    organisation: str = ""
    country: str = ""
    city: str = ""
    sector: str = ""
    audit_type: str = ""
    audit_status: str = ""
    started_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    lead_auditor: str = ""
    team: str = ""
    rating: float | None = None
    rating_maximum: float | None = None
    alerts: tuple[str, ...] = ()
    """Zero-tolerance alerts as ``criterion — title``."""
    forms: tuple[str, ...] = ()
    """``form_id version`` pairs the audit used."""
    exported_at: datetime.datetime | None = None
    document_id: str = ""
    format_version: str = ""
    verification: InputStatus = InputStatus.UNSIGNED
    signer: str = ""
    source_file: str = ""
    source_sha256: str = ""


@dataclass
class AuditBundle:
    """Everything one audit contributes to the master."""

    facts: AuditFacts
    areas: list[AreaScore] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    answers: list[AnswerRow] = field(default_factory=list)
    forms: list[FormTable] = field(default_factory=list)
    spilled: bool = False
    """Answers and form rows were moved out (see :mod:`auditdesk.consolidate.spill`);
    ``forms`` then keeps each table's headers with no rows."""
    spilled_answers: int = 0
    """How many answers were moved out (the master writer splits Answers sheets by it)."""

    @property
    def audit_uuid(self) -> str:
        return self.facts.audit_uuid


class Conflict(NamedTuple):
    """Two exports of one audit disagree on one value (keyed by UUIDs, never by row)."""

    audit_uuid: str
    site_name: str
    kind: str
    """``answer``, ``record``, ``finding`` or ``audit``."""
    key: str
    """The record UUID, the finding UUID or ``audit``."""
    field: str
    """The question path, the finding's column or the audit's field."""
    kept_value: CellValue
    kept_file: str
    kept_exported_at: datetime.datetime | None
    other_value: CellValue
    other_file: str
    other_exported_at: datetime.datetime | None


@dataclass
class MasterContent:
    """What the master workbook (and the database) receive."""

    bundles: dict[str, AuditBundle] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    log: list[ImportEntry] = field(default_factory=list)
    area_names: dict[str, str] = field(default_factory=dict)
    spill: RowSpill = field(default_factory=lambda: _new_spill(), repr=False)

    def keep(self, bundle: AuditBundle, packed: PackedRows | None = None) -> None:
        """Hold ``bundle`` as its audit's kept export; its bulky rows go to the spill file.

        ``packed`` is given when the rows were already packed (by a worker process).
        """
        from auditdesk.consolidate.spill import pack

        if packed is None and not bundle.spilled:
            packed = pack(bundle)
        if packed is not None:
            self.spill.put(bundle.audit_uuid, packed)
        self.bundles[bundle.audit_uuid] = bundle

    def spill_all(self) -> None:
        """Move the rows of every bundle still held whole (e.g. read from a master) out."""
        for bundle in list(self.bundles.values()):
            if not bundle.spilled:
                self.keep(bundle)

    def encoded_answers_of(self, bundle: AuditBundle) -> Deflated:
        """The answers as the master's encoded Answers rows, deflated."""
        if bundle.spilled:
            return self.spill.encoded_answers(bundle.audit_uuid)
        from auditdesk.consolidate.streamed_sheets import pack_rows

        return pack_rows(bundle.answers)[1]

    def answer_count(self, bundle: AuditBundle) -> int:
        return bundle.spilled_answers if bundle.spilled else len(bundle.answers)

    def form_tables_of(self, bundle: AuditBundle) -> list[FormTable]:
        if not bundle.spilled:
            return bundle.forms
        rows = self.spill.form_rows(bundle.audit_uuid)
        return [
            FormTable(table.form_id, table.form_version, table.headers, body)
            for table, body in zip(bundle.forms, rows, strict=True)
        ]

    def loaded(self, bundle: AuditBundle) -> AuditBundle:
        """The bundle with its answers and form rows (read back when spilled)."""
        if not bundle.spilled:
            return bundle
        from auditdesk.consolidate.spill import unpacked

        return unpacked(bundle, self.spill.get(bundle.audit_uuid))

    def close(self) -> None:
        """Delete the spill file; the bundles' rows are gone after this."""
        self.spill.close()

    def sorted_bundles(self) -> list[AuditBundle]:
        """Audits by country, site and start date: how an NGO reads a list of sites."""
        return sorted(
            self.bundles.values(),
            key=lambda b: (
                b.facts.country,
                b.facts.site_name,
                b.facts.started_on or datetime.date.min,
                b.audit_uuid,
            ),
        )


def _new_spill() -> RowSpill:
    from auditdesk.consolidate.spill import RowSpill

    return RowSpill()
