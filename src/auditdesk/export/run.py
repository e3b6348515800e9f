"""The export job: read and score the audit once, write the workbook and/or the PDF,
sign them, note the export in the audit trail, move the files into place.

A plain function taking a :class:`~auditdesk.jobs.Progress`, so the CLI runs it inline
and the GUI runs the very same call on a worker thread (cancel raises
:class:`~auditdesk.jobs.Cancelled` between steps; nothing half-written is left).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from auditdesk.domain import JsonValue
from auditdesk.export.audit_data import AuditExport, ExportSettings, ExportStore, gather_audit
from auditdesk.export.files import ExportWriteError, commit, discard, pending_file
from auditdesk.export.tables import SheetTable
from auditdesk.export.workbook import build_tables
from auditdesk.jobs import Progress, silent

if TYPE_CHECKING:
    from auditdesk.signing.keystore import SigningIdentity


class TrailingStore(ExportStore, Protocol):
    def record_export(
        self,
        audit_uuid: str,
        *,
        what: str,
        detail: dict[str, JsonValue] | None = None,
        auditor: str | None = None,
    ) -> int: ...


@dataclass(frozen=True)
class ExportRequest:
    xlsx: Path | None = None
    pdf: Path | None = None
    settings: ExportSettings = field(default_factory=ExportSettings)
    identity: SigningIdentity | None = None
    """Sign both files with this identity; unsigned when ``None``."""
    today: datetime.date | None = None
    now: datetime.datetime | None = None
    """The export time stamped in the files (time-zone aware; the current time when
    ``None``), so that tests give two exports of one audit different times without waiting."""

    def __post_init__(self) -> None:
        if self.xlsx is None and self.pdf is None:
            raise ValueError("nothing to export: give a workbook path, a PDF path or both")
        if self.xlsx is not None and self.xlsx.suffix.lower() != ".xlsx":
            raise ValueError(f"{self.xlsx}: the workbook must end in .xlsx")
        if self.pdf is not None and self.pdf.suffix.lower() != ".pdf":
            raise ValueError(f"{self.pdf}: the report must end in .pdf")


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    sha256: str
    signed: bool


@dataclass(frozen=True)
class ExportOutcome:
    document_id: str
    files: tuple[ExportedFile, ...]
    trail_entries: tuple[int, ...]


def export_audit(
    store: TrailingStore,
    audit_uuid: str,
    request: ExportRequest,
    progress: Progress | None = None,
) -> ExportOutcome:
    """Write the requested files for ``audit_uuid``; raises ExportWriteError, the
    method's errors for unusable forms, or Cancelled."""
    progress = progress or silent()
    progress.start(1, "reading and scoring the audit")
    data = gather_audit(
        store, audit_uuid, request.settings, today=request.today, now=request.now,
        with_images=request.pdf is not None,
    )
    progress.advance("audit read and scored")
    tables = build_tables(data) if request.xlsx is not None else []
    progress.start(len(tables) + (3 if request.pdf else 0) + 1, "writing")
    staged: list[tuple[Path, Path, bool]] = []
    try:
        if request.xlsx is not None:
            staged.append(_stage_workbook(data, tables, request, progress))
        if request.pdf is not None:
            staged.append(_stage_report(data, request, progress))
        progress.token.raise_if_cancelled()
        files = [
            ExportedFile(target, hashlib.sha256(temporary.read_bytes()).hexdigest(), signed)
            for temporary, target, signed in staged
        ]
        # Noted before the files are moved into place: a file at its final name always
        # has its trail entry. A kill in between leaves an entry whose file never arrived
        # (no file of that SHA-256 at that name), never a file the trail does not know.
        entries = tuple(
            store.record_export(
                audit_uuid,
                what="xlsx" if file.path.suffix.lower() == ".xlsx" else "pdf",
                detail={
                    "document_id": data.document_id,
                    "audience": request.settings.audience.value,
                    "language": request.settings.language,
                    "signed": file.signed,
                    "file": file.path.name,
                    "sha256": file.sha256,
                },
            )
            for file in files
        )
        for temporary, target, _ in staged:
            commit(temporary, target)
    except OSError as error:
        discard(*(temporary for temporary, _, _ in staged))
        if isinstance(error, ExportWriteError):
            raise
        raise ExportWriteError(f"the export could not be written: {error}") from None
    except BaseException:
        discard(*(temporary for temporary, _, _ in staged))
        raise
    progress.advance("export noted in the audit trail")
    return ExportOutcome(data.document_id, tuple(files), entries)


def _stage_workbook(
    data: AuditExport, tables: list[SheetTable], request: ExportRequest, progress: Progress
) -> tuple[Path, Path, bool]:
    from auditdesk.export.workbook import workbook_header
    from auditdesk.export.workbook_writer import ManifestSigner, write_workbook

    assert request.xlsx is not None
    signer: ManifestSigner | None = None
    identity = request.identity
    if identity is not None:
        from auditdesk.signing.manifest import sign_manifest

        def signer(manifest: bytes) -> dict[str, str]:
            return sign_manifest(manifest, identity).to_dict()

    with pending_file(request.xlsx) as (stream, temporary):
        write_workbook(tables, stream, workbook_header(data), signer=signer, progress=progress)
    return temporary, request.xlsx, identity is not None


def _stage_report(
    data: AuditExport, request: ExportRequest, progress: Progress
) -> tuple[Path, Path, bool]:
    from auditdesk.export.report import build_report, sign_report

    assert request.pdf is not None
    identity = request.identity
    report = build_report(
        data, signer=(identity.name, identity.organisation) if identity is not None else None
    )
    progress.advance("report laid out")
    content = report.pdf
    if identity is not None:
        content = sign_report(report, identity, data)
        progress.advance("report signed")
    with pending_file(request.pdf) as (stream, temporary):
        stream.write(content)
    progress.advance("report written")
    return temporary, request.pdf, request.identity is not None
