"""One input file → its Import log entry and, when it may be consolidated, its bundle.

Each file is read once, with python-calamine, from bytes already in memory (so its
SHA-256 costs no second read); the same sheet values feed the export package's
verifier (:func:`auditdesk.export.workbook_verify.verify_content`, so there is one
canonical hash in the code base) and then the bundle reader. Every failure becomes a
status with a reason: a bad file never stops the others.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from auditdesk.consolidate.export_reader import (
    LayoutError,
    SheetRows,
    answer_rows,
    bundle_from_sheets,
    parse_utc,
    text,
)
from auditdesk.consolidate.model import AuditBundle, ImportEntry, InputStatus
from auditdesk.signing.results import VerificationStatus
from auditdesk.signing.trust import TrustRoots

_ZIP_MAGIC = b"PK\x03\x04"
_SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_FROM_VERIFICATION = {
    VerificationStatus.VALID: InputStatus.VERIFIED,
    VerificationStatus.UNTRUSTED: InputStatus.UNTRUSTED,
    VerificationStatus.UNSIGNED: InputStatus.UNSIGNED,
    VerificationStatus.MODIFIED: InputStatus.MODIFIED,
    VerificationStatus.INVALID: InputStatus.BAD_SIGNATURE,
}


@dataclass
class Classified:
    entry: ImportEntry
    bundle: AuditBundle | None = None
    """What the file contributes, when it may be consolidated; its answers are not read
    into it (see ``answer_sheet``)."""
    answer_sheet: tuple[str, SheetRows] = ("", ())
    """The bundle's answers sheet as read (name, rows): turned into answers only where
    they are needed, since a worker process only encodes them for the master."""

    def with_answers(self) -> Classified:
        """The same, the bundle's answers read from the answers sheet."""
        if self.bundle is not None and self.answer_sheet[1]:
            name, rows = self.answer_sheet
            self.bundle.answers = answer_rows(rows, name)
            self.answer_sheet = ("", ())
        return self


class UnreadableWorkbook(ValueError):
    """The bytes are no workbook python-calamine can open (truncated, damaged, not xlsx)."""


class _Rejected(Exception):
    def __init__(self, status: InputStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def read_sheets(data: bytes) -> dict[str, SheetRows]:
    """Every sheet's values from row 1 and column A (hidden sheets included)."""
    from python_calamine import CalamineError, CalamineWorkbook

    from auditdesk.export.workbook_verify import workbook_over_limits

    refused = workbook_over_limits(data)
    if refused:
        raise UnreadableWorkbook(f"refused before reading: {refused}")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            return {
                name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in workbook.sheet_names
            }
        finally:
            workbook.close()
    except (CalamineError, ValueError, OSError) as error:
        message = str(error) or type(error).__name__
        raise UnreadableWorkbook(f"truncated or damaged workbook ({message})") from None
    except BaseException as error:
        # pyo3 turns a Rust panic inside calamine into PanicException, a BaseException.
        if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise UnreadableWorkbook(f"cannot be read ({error})") from None


def read_input(path: Path) -> tuple[ImportEntry, bytes | None]:
    """The file's bytes and an entry with its size and SHA-256 (``None`` if unreadable)."""
    entry = ImportEntry(path=str(path), status=InputStatus.UNREADABLE)
    try:
        data = path.read_bytes()
    except OSError as error:
        entry.reason = f"cannot open the file ({error.strerror or error})"
        return entry, None
    entry.size = len(data)
    entry.sha256 = hashlib.sha256(data).hexdigest()
    return entry, data


def classify_bytes(
    entry: ImportEntry, data: bytes, path: Path, trust_roots: TrustRoots
) -> Classified:
    """Verify and classify one file's bytes; never raises for a bad file."""
    try:
        return _classify(data, path, trust_roots, entry)
    except _Rejected as rejected:
        entry.status, entry.reason = rejected.status, rejected.reason
        return Classified(entry)


def classify_file(path: Path, trust_roots: TrustRoots) -> Classified:
    """Read, verify and classify one file, its answers read; never raises for a bad file."""
    entry, data = read_input(path)
    if data is None:
        return Classified(entry)
    return classify_bytes(entry, data, path, trust_roots).with_answers()


def _classify(
    data: bytes, path: Path, trust_roots: TrustRoots, entry: ImportEntry
) -> Classified:
    from auditdesk.export.workbook_manifest import (
        MANIFEST_SHEET,
        ManifestError,
        WorkbookManifest,
        read_manifest_cells,
    )
    from auditdesk.export.workbook_verify import WorkbookContent, verify_content

    if not data:
        raise _Rejected(InputStatus.UNREADABLE, "the file is empty")
    if not data.startswith(_ZIP_MAGIC) and path.suffix.lower() not in _SPREADSHEET_SUFFIXES:
        what = f"a {path.suffix} file" if path.suffix else "a file without an extension"
        raise _Rejected(InputStatus.NOT_AUDITDESK, f"not an Excel workbook ({what})")
    try:
        sheets = read_sheets(data)
    except UnreadableWorkbook as error:
        raise _Rejected(InputStatus.UNREADABLE, str(error)) from None
    manifest_rows = sheets.get(MANIFEST_SHEET)
    if manifest_rows is None:
        raise _missing_manifest(sheets)
    _check_format(manifest_rows, entry)
    try:
        manifest = WorkbookManifest.from_bytes(read_manifest_cells(manifest_rows).manifest_bytes)
    except ManifestError as error:
        raise _Rejected(InputStatus.BAD_SIGNATURE, f"_manifest: {error}") from None
    entry.audit_uuid = manifest.audit_uuid
    entry.exported_at = parse_utc(manifest.exported_at)
    result = verify_content(WorkbookContent.from_bytes(data, dict(sheets)), trust_roots)
    entry.signer = result.signer_subject or ""
    status = _FROM_VERIFICATION[result.status]
    entry.status, entry.reason = status, result.detail
    if not status.consolidated:
        if manifest.training:
            entry.reason = f"training data (fictional); {entry.reason}"
        return Classified(entry)
    if manifest.training:
        entry.status = InputStatus.TRAINING
        entry.reason = (
            f"training data (fictional), never consolidated as real; signature: {status.label}"
        )
        return Classified(entry)
    kinds = [(s.name, s.kind, s.form_id, s.form_version) for s in manifest.sheets]
    try:
        bundle, answer_sheet = bundle_from_sheets(sheets, kinds)
    except LayoutError as error:
        raise _Rejected(InputStatus.UNSUPPORTED_VERSION, str(error)) from None
    if bundle.audit_uuid != manifest.audit_uuid:
        raise _Rejected(
            InputStatus.MODIFIED,
            f"About names audit {bundle.audit_uuid}, the manifest {manifest.audit_uuid}",
        )
    if manifest.audience == "site":
        entry.reason = "; ".join(
            part for part in (entry.reason, "site-facing export: worker interviews left out")
            if part
        )
    facts = bundle.facts
    facts.exported_at = entry.exported_at
    facts.format_version = entry.format_version
    facts.verification = status
    facts.signer = entry.signer
    facts.source_file = path.name
    facts.source_sha256 = entry.sha256
    entry.site_name = facts.site_name
    return Classified(entry, bundle, answer_sheet)


def _missing_manifest(sheets: dict[str, SheetRows]) -> _Rejected:
    about = sheets.get("About") or []
    if any(len(row) > 1 and row[0] == "format" and row[1] == _workbook_format() for row in about):
        return _Rejected(InputStatus.MODIFIED, "its hidden _manifest sheet was removed")
    names = ", ".join(list(sheets)[:4]) or "none"
    return _Rejected(InputStatus.NOT_AUDITDESK, f"no _manifest sheet (sheets: {names})")


def _workbook_format() -> str:
    from auditdesk.export.sheets_summary import WORKBOOK_FORMAT

    return WORKBOOK_FORMAT


def _check_format(manifest_rows: SheetRows, entry: ImportEntry) -> None:
    """Tell "not ours" and "too new" apart before any signature work."""
    from auditdesk.export.sheets_summary import WORKBOOK_FORMAT_VERSION

    values = {text(row[0]): row[1] for row in manifest_rows if len(row) > 1}
    found_format = text(values.get("format"))
    if found_format != _workbook_format():
        raise _Rejected(
            InputStatus.NOT_AUDITDESK,
            f"its _manifest describes {found_format or 'no known format'!r}, "
            "not an AuditDesk audit workbook",
        )
    version = text(values.get("format_version"))
    entry.format_version = version
    if not version.isdigit():
        raise _Rejected(
            InputStatus.UNSUPPORTED_VERSION, f"unknown format version {version or '(none)'!r}"
        )
    if int(version) > WORKBOOK_FORMAT_VERSION:
        raise _Rejected(
            InputStatus.UNSUPPORTED_VERSION,
            f"format version {version} is newer than this AuditDesk reads "
            f"({WORKBOOK_FORMAT_VERSION}); update AuditDesk to consolidate it",
        )
