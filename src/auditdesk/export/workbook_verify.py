"""Verifying an audit workbook: is every sheet what the auditor signed?

Reads with python-calamine (as consolidation does), recomputes each sheet's canonical
hash, checks the manifest's signature with :func:`auditdesk.signing.verify_manifest`
and names the first sheet that no longer matches. ``auditdesk verify`` reaches this
module through the signing package's verifier registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditdesk.export.cells import sheet_hash
from auditdesk.export.sheets_summary import WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION
from auditdesk.export.workbook_manifest import (
    MANIFEST_SHEET,
    ManifestCells,
    ManifestError,
    WorkbookManifest,
    manifest_rows,
    read_manifest_cells,
)
from auditdesk.signing.results import VerificationResult, VerificationStatus
from auditdesk.signing.trust import TrustRoots

Rows = Sequence[Sequence[object]]


class WorkbookReadError(ValueError):
    """The file is not a readable workbook."""


# A very large audit's workbook unpacks to a few tens of MB; far beyond that is a
# decompression bomb, which calamine would inflate into gigabytes of memory (the
# trials measured 835 MB for a 200 MB bomb). Checked from the zip directory first.
MAX_WORKBOOK_FILE = 100 * 1024 * 1024
MAX_WORKBOOK_UNPACKED = 100 * 1024 * 1024
MAX_WORKBOOK_CELLS = 2_000_000


def workbook_over_limits(data: bytes) -> str | None:
    """Why an exported workbook is refused before it is read, or ``None``."""
    from auditdesk.formengine.limits import xlsx_over_limits

    return xlsx_over_limits(
        data,
        max_file=MAX_WORKBOOK_FILE,
        max_unpacked=MAX_WORKBOOK_UNPACKED,
        max_cells=MAX_WORKBOOK_CELLS,
        what="an AuditDesk workbook",
    )


@dataclass(frozen=True)
class WorkbookContent:
    """A workbook as read for verification: every sheet's rows, in file order, and the
    edits the reader cannot see, as ``(sheet, what)``
    (:mod:`auditdesk.export.reader_blind_spots`)."""

    sheets: Mapping[str, Rows]
    unseen_edits: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_bytes(cls, data: bytes, sheets: Mapping[str, Rows]) -> WorkbookContent:
        from auditdesk.export.reader_blind_spots import unseen_edits

        return cls(sheets, tuple(unseen_edits(data)))

    @classmethod
    def read(cls, path: Path) -> WorkbookContent:
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            if path.stat().st_size > MAX_WORKBOOK_FILE:
                raise WorkbookReadError(f"refused: {path.stat().st_size / 1e6:.0f} MB is too large")
            data = path.read_bytes()
            refused = workbook_over_limits(data)
            if refused:
                raise WorkbookReadError(f"refused before reading: {refused}")
            workbook = CalamineWorkbook.from_path(str(path))
            sheets = {
                name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in workbook.sheet_names
            }
        except (CalamineError, OSError, ValueError) as error:
            raise WorkbookReadError(f"not a readable workbook ({error})") from None
        return cls.from_bytes(data, sheets)


def changed_sheets(manifest: WorkbookManifest, sheets: Mapping[str, Rows]) -> list[str]:
    """One line per difference between the manifest and the sheets found."""
    listed = {entry.name for entry in manifest.sheets}
    problems = []
    for entry in manifest.sheets:
        rows = sheets.get(entry.name)
        if rows is None:
            problems.append(f"sheet '{entry.name}' removed")
        elif sheet_hash(rows) != entry.sha256:
            problems.append(f"sheet '{entry.name}' changed")
    problems.extend(
        f"sheet '{name}' added" for name in sheets if name not in listed and name != MANIFEST_SHEET
    )
    return problems


def _unseen_edits(content: WorkbookContent) -> list[str]:
    return [f"sheet '{name}' changed ({what})" for name, what in content.unseen_edits]


def _manifest_sheet_changed(
    rows: Rows, manifest: WorkbookManifest, cells: ManifestCells
) -> list[str]:
    """The ``_manifest`` rows beside the JSON repeat it for people: they must agree with it,
    or someone who unhides the sheet reads facts nobody signed (found by the trials)."""
    expected = manifest_rows(manifest, cells.manifest_bytes, cells.signature)
    if sheet_hash(rows) != sheet_hash(expected):
        return [f"sheet '{MANIFEST_SHEET}' changed"]
    return []


def verify_workbook(path: Path, trust_roots: TrustRoots) -> VerificationResult:
    """VALID, UNTRUSTED, MODIFIED (naming the sheet), UNSIGNED or INVALID."""
    try:
        content = WorkbookContent.read(path)
    except WorkbookReadError as error:
        return VerificationResult(VerificationStatus.INVALID, detail=str(error))
    return verify_content(content, trust_roots)


def verify_content(content: WorkbookContent, trust_roots: TrustRoots) -> VerificationResult:
    from auditdesk.signing.manifest import SignedManifest, verify_manifest

    manifest_rows_found = content.sheets.get(MANIFEST_SHEET)
    if manifest_rows_found is None:
        return VerificationResult(
            VerificationStatus.INVALID, detail="not an AuditDesk workbook (no _manifest sheet)"
        )
    try:
        cells = read_manifest_cells(manifest_rows_found)
        manifest = WorkbookManifest.from_bytes(cells.manifest_bytes)
    except ManifestError as error:
        return VerificationResult(VerificationStatus.INVALID, detail=str(error))
    if manifest.format != WORKBOOK_FORMAT:
        return VerificationResult(
            VerificationStatus.INVALID, detail=f"unknown workbook format {manifest.format!r}"
        )
    if manifest.format_version > WORKBOOK_FORMAT_VERSION:
        return VerificationResult(
            VerificationStatus.INVALID,
            detail=f"workbook format version {manifest.format_version} is newer than this "
            f"AuditDesk reads ({WORKBOOK_FORMAT_VERSION}); update AuditDesk",
        )
    # Beyond the hashes: the readable _manifest rows, and edits the reader cannot see.
    manifest_problems = _manifest_sheet_changed(manifest_rows_found, manifest, cells)
    manifest_problems += _unseen_edits(content)
    if not cells.signed:
        problems = changed_sheets(manifest, content.sheets) + manifest_problems
        if problems:
            return VerificationResult(VerificationStatus.MODIFIED, detail=", ".join(problems))
        return VerificationResult(
            VerificationStatus.UNSIGNED, detail="exported without a signature"
        )
    signed = verify_manifest(
        cells.manifest_bytes, SignedManifest.from_dict(cells.signature), trust_roots
    )
    if signed.status in (VerificationStatus.MODIFIED, VerificationStatus.INVALID):
        if signed.status is VerificationStatus.MODIFIED:
            return VerificationResult(
                VerificationStatus.MODIFIED,
                signer_subject=signed.signer_subject,
                detail="the manifest itself was changed",
            )
        return signed
    problems = changed_sheets(manifest, content.sheets) + manifest_problems
    if problems:
        return VerificationResult(
            VerificationStatus.MODIFIED,
            signer_subject=signed.signer_subject,
            signing_time=signed.signing_time,
            detail=", ".join(problems),
        )
    return signed
