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

from auditdesk.consolidate.deflated_zip import EMPTY, Deflated
from auditdesk.consolidate.export_reader import (
    ANSWER_SOURCE_COLUMNS,
    SheetRows,
    answer_rows,
    answer_values,
)
from auditdesk.consolidate.model import AnswerRow, AuditBundle, FormTable, Row


@dataclass(frozen=True)
class PackedRows:
    """One audit's answers sheet and form rows, pickled (what crosses process
    boundaries), and its answers already encoded as the master's Answers rows (see
    :mod:`auditdesk.consolidate.streamed_sheets`): encoding them is most of writing the
    master, and the worker that read the workbook does it in parallel with the others.

    The answers sheet is kept as read (its name and rows, header first) and becomes
    :class:`AnswerRow` tuples only where they are needed: two exports of one audit
    compared, or a database written."""

    answers: bytes
    forms: bytes
    encoded_answers: Deflated = EMPTY

    def answer_rows(self) -> list[AnswerRow]:
        if not self.answers:  # read back from a master: only its encoded rows are kept
            from auditdesk.consolidate.streamed_sheets import decode_rows

            xml = self.encoded_answers.inflated()
            return answer_rows([ANSWER_SOURCE_COLUMNS, *decode_rows(xml)], "Answers")
        name, rows = pickle.loads(self.answers)  # noqa: S301 - our own pickle
        return answer_rows(rows, name)

    def form_rows(self) -> list[list[Row]]:
        rows: list[list[Row]] = pickle.loads(self.forms)  # noqa: S301 - our own pickle
        return rows


def pack(bundle: AuditBundle, answer_sheet: tuple[str, SheetRows] | None = None) -> PackedRows:
    """Pickle the bundle's answers and form rows and empty them from the bundle.

    ``answer_sheet`` (name, rows as read) holds the answers when they were not read
    into the bundle (:func:`auditdesk.consolidate.classify.classify_bytes`).
    """
    from auditdesk.consolidate.streamed_sheets import pack_rows

    if answer_sheet is None:
        answer_sheet = ("Answers", [ANSWER_SOURCE_COLUMNS, *bundle.answers])
    name, rows = answer_sheet
    count, encoded = pack_rows(answer_values(rows, name))
    return _packed(bundle, pickle.dumps(answer_sheet, pickle.HIGHEST_PROTOCOL), encoded, count)


def pack_encoded(bundle: AuditBundle, count: int, encoded: Deflated) -> PackedRows:
    """Pack a bundle whose answers are known as the master's encoded rows only (read
    back from a master, see :mod:`auditdesk.consolidate.master_answers`)."""
    return _packed(bundle, b"", encoded, count)


def _packed(bundle: AuditBundle, answers: bytes, encoded: Deflated, count: int) -> PackedRows:
    """The bundle's rows packed (its form rows pickled here), and emptied from it."""
    packed = PackedRows(
        answers, pickle.dumps([table.rows for table in bundle.forms], pickle.HIGHEST_PROTOCOL),
        encoded,
    )
    bundle.spilled_answers = count
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
        self._where: dict[str, tuple[int, int, int, int, int, int]] = {}

    def put(self, audit_uuid: str, packed: PackedRows) -> None:
        """Store (or replace) an audit's rows; a replaced blob stays as dead space."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="auditdesk-consolidate-")  # noqa: SIM115
        self._file.seek(0, 2)
        offset = self._file.tell()
        encoded = packed.encoded_answers
        self._file.write(packed.answers)
        self._file.write(packed.forms)
        self._file.write(encoded.data)
        self._where[audit_uuid] = (
            offset, len(packed.answers), len(packed.forms), len(encoded.data), encoded.crc,
            encoded.size,
        )

    def get(self, audit_uuid: str) -> PackedRows:
        if self._file is None or audit_uuid not in self._where:
            raise KeyError(audit_uuid)
        offset, answers, forms, xml, crc, size = self._where[audit_uuid]
        self._file.seek(offset)
        return PackedRows(self._file.read(answers), self._file.read(forms),
                          Deflated(self._file.read(xml), crc, size))

    def encoded_answers(self, audit_uuid: str) -> Deflated:
        """The answers as the master's encoded rows, deflated (only their bytes are read)."""
        if self._file is None or audit_uuid not in self._where:
            raise KeyError(audit_uuid)
        offset, answers, forms, xml, crc, size = self._where[audit_uuid]
        self._file.seek(offset + answers + forms)
        return Deflated(self._file.read(xml), crc, size)

    def form_rows(self, audit_uuid: str) -> list[list[Row]]:
        """Only the form rows, one list per form table of the bundle."""
        if self._file is None or audit_uuid not in self._where:
            raise KeyError(audit_uuid)
        offset, answers, forms, *_ = self._where[audit_uuid]
        self._file.seek(offset + answers)
        return PackedRows(b"", self._file.read(forms)).form_rows()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._where.clear()
