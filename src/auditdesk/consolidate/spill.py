"""The bulky rows of kept audits, spilled to a temporary file until the master is written.

A thousand audits hold about a million answers; kept in memory they cost over a
gigabyte. Only an audit's facts, scores and findings (what the Summary, Audits and
Findings sheets and the duplicate checks need) stay in memory; its answers and form
rows are pickled once, by whichever process read the workbook, and appended to one
temporary file that the master writer and the database writer read back one audit
at a time, beside the answers already encoded as the master's rows. The file holds
only what this run wrote (our own pickles and deflated XML), in the user's private
temporary folder, and is deleted when closed.

Pickle rather than SQLite: the rows are always read back whole and in one order, so
an append-only file of one blob per audit is all that is needed, and pickle keeps
every cell's Python type (dates, times, floats) without a conversion per cell.
"""

from __future__ import annotations

import pickle
import tempfile
from dataclasses import dataclass
from typing import IO

from auditdesk.consolidate.model import AnswerRow, AuditBundle, FormTable, Row


@dataclass(frozen=True)
class PackedRows:
    """One audit's answers and form rows, pickled (what crosses process boundaries),
    and its answers already encoded as the master's Answers rows (see
    :mod:`auditdesk.consolidate.streamed_sheets`): encoding them is most of writing the
    master, and the worker that read the workbook does it in parallel with the others."""

    answers: bytes
    forms: bytes
    answer_rows_xml: bytes = b""

    def answer_rows(self) -> list[AnswerRow]:
        rows: list[AnswerRow] = pickle.loads(self.answers)  # noqa: S301 - our own pickle
        return rows

    def form_rows(self) -> list[list[Row]]:
        rows: list[list[Row]] = pickle.loads(self.forms)  # noqa: S301 - our own pickle
        return rows


def pack(bundle: AuditBundle) -> PackedRows:
    """Pickle the bundle's answers and form rows and empty them from the bundle."""
    from auditdesk.consolidate.streamed_sheets import pack_rows

    packed = PackedRows(
        pickle.dumps(bundle.answers, pickle.HIGHEST_PROTOCOL),
        pickle.dumps([table.rows for table in bundle.forms], pickle.HIGHEST_PROTOCOL),
        pack_rows(bundle.answers),
    )
    bundle.spilled_answers = len(bundle.answers)
    bundle.answers = []
    for table in bundle.forms:
        table.rows = []
    bundle.spilled = True
    return packed


def unpacked(bundle: AuditBundle, packed: PackedRows) -> AuditBundle:
    """A full copy of a spilled bundle (the bundle itself stays light)."""
    forms = [
        FormTable(table.form_id, table.form_version, table.headers, rows)
        for table, rows in zip(bundle.forms, packed.form_rows(), strict=True)
    ]
    return AuditBundle(bundle.facts, bundle.areas, bundle.findings, packed.answer_rows(), forms)


class RowSpill:
    """The temporary file of packed rows, one entry per kept audit (by audit UUID)."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int, int, int]] = {}

    def put(self, audit_uuid: str, packed: PackedRows) -> None:
        """Store (or replace) an audit's rows; a replaced blob stays as dead space."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="auditdesk-consolidate-")  # noqa: SIM115
        self._file.seek(0, 2)
        offset = self._file.tell()
        self._file.write(packed.answers)
        self._file.write(packed.forms)
        self._file.write(packed.answer_rows_xml)
        self._where[audit_uuid] = (
            offset, len(packed.answers), len(packed.forms), len(packed.answer_rows_xml)
        )

    def get(self, audit_uuid: str) -> PackedRows:
        if self._file is None or audit_uuid not in self._where:
            raise KeyError(audit_uuid)
        offset, answers, forms, xml = self._where[audit_uuid]
        self._file.seek(offset)
        return PackedRows(self._file.read(answers), self._file.read(forms), self._file.read(xml))

    def encoded_answers(self, audit_uuid: str) -> bytes:
        """The answers as the master's encoded rows (only their bytes are read)."""
        from auditdesk.consolidate.streamed_sheets import unpack_rows

        if self._file is None or audit_uuid not in self._where:
            raise KeyError(audit_uuid)
        offset, answers, forms, xml = self._where[audit_uuid]
        self._file.seek(offset + answers + forms)
        return unpack_rows(self._file.read(xml))

    def form_rows(self, audit_uuid: str) -> list[list[Row]]:
        """Only the form rows, one list per form table of the bundle."""
        if self._file is None or audit_uuid not in self._where:
            raise KeyError(audit_uuid)
        offset, answers, forms, _ = self._where[audit_uuid]
        self._file.seek(offset + answers)
        return PackedRows(b"", self._file.read(forms)).form_rows()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._where.clear()
