"""Reading an existing master back, so a new run adds only new or newer audits.

The master's own sheets hold everything a bundle needs, so an incremental run reads
them into the same :class:`MasterContent` a fresh run builds, merges the new files in
and writes the whole master again. python-calamine reads the sheets whole, except the
Answers sheets, which hold most of a master and are streamed one audit at a time
(:mod:`auditdesk.consolidate.master_answers`). Derived columns (finding counts,
overdue flags) are recomputed, never read back.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from auditdesk.consolidate import master_layout as layout
from auditdesk.consolidate.classify import UnreadableWorkbook
from auditdesk.consolidate.deflated_zip import Deflated
from auditdesk.consolidate.export_reader import (
    SheetRows,
    Table,
    as_number,
    cell,
    text,
)
from auditdesk.consolidate.master_answers import NotAsWritten, audit_runs
from auditdesk.consolidate.model import (
    AnswerRow,
    AreaScore,
    AuditBundle,
    AuditFacts,
    CellValue,
    Conflict,
    FindingRow,
    FormTable,
    ImportEntry,
    InputStatus,
    MasterContent,
    Outcome,
    Row,
)
from auditdesk.consolidate.spill import pack_encoded
from auditdesk.domain.values import as_date
from auditdesk.export.workbook_parts import sheet_names_by_part


class MasterError(Exception):
    """The output file exists but is no AuditDesk master (it is never overwritten)."""


def _pick(row: Sequence[object], index: int | None) -> CellValue:
    return cell(row[index]) if index is not None and index < len(row) else None


def _moment(value: object) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return None


def _status(value: object, default: InputStatus) -> InputStatus:
    try:
        return InputStatus(text(value))
    except ValueError:
        return default


def _info(rows: SheetRows) -> dict[str, object]:
    return {text(row[0]): row[1] for row in rows[1:] if len(row) > 1 and row[0]}


def _audits(rows: SheetRows, area_names: dict[str, str]) -> dict[str, AuditBundle]:
    table = Table(layout.AUDITS, rows)
    at = {name: table.optional(name) for name in table.headers}
    areas = [
        (name.removeprefix(layout.AREA_SCORE_PREFIX), i)
        for i, name in enumerate(table.headers)
        if name.startswith(layout.AREA_SCORE_PREFIX)
    ]
    bundles = {}
    for row in table.rows:
        def get(name: str, row: Sequence[object] = row) -> str:
            return text(_pick(row, at.get(name)))

        uuid = get("audit_uuid")
        if not uuid:
            continue
        facts = AuditFacts(
            audit_uuid=uuid,
            site_name=get("site_name"), organisation=get("organisation"),
            country=get("country"), city=get("city"), sector=get("sector"),
            audit_type=get("audit_type"), audit_status=get("audit_status"),
            started_on=as_date(_pick(row, at.get("started_on"))),
            ended_on=as_date(_pick(row, at.get("ended_on"))),
            lead_auditor=get("lead_auditor"), team=get("team"),
            rating=as_number(_pick(row, at.get("rating"))),
            rating_maximum=as_number(_pick(row, at.get("rating_maximum"))),
            alerts=tuple(line for line in get("alerts").split("\n") if line),
            forms=tuple(line for line in get("forms").split("\n") if line),
            exported_at=_moment(_pick(row, at.get("exported_at"))),
            document_id=get("document_id"), format_version=get("format_version"),
            verification=_status(get("verification"), InputStatus.UNSIGNED),
            signer=get("signer"), source_file=get("source_file"),
            source_sha256=get("source_sha256"),
        )
        bundle = AuditBundle(facts)
        bundle.areas = [
            AreaScore(code, area_names.get(code, code), as_number(_pick(row, i)))
            for code, i in areas
            if _pick(row, i) is not None
        ]
        bundles[uuid] = bundle
    return bundles


_TEXT_FINDING_FIELDS = frozenset(
    FindingRow._fields.index(name)
    for name in ("audit_uuid", "finding_uuid", "criterion", "area", "severity", "status",
                 "cap_status")
)


def _findings(rows: SheetRows, bundles: dict[str, AuditBundle]) -> None:
    table = Table(layout.FINDINGS, rows)
    at = table.columns(FindingRow._fields)
    dates = {FindingRow._fields.index("cap_plan_due"), FindingRow._fields.index("cap_verify_due")}
    for row in table.rows:
        values = [_pick(row, i) for i in at]
        bundle = bundles.get(text(values[0]))
        if bundle is None:
            continue
        typed = [
            as_date(value) if i in dates else text(value) if i in _TEXT_FINDING_FIELDS else value
            for i, value in enumerate(values)
        ]
        bundle.findings.append(FindingRow(*typed))  # type: ignore[arg-type]  # typed above


def _answers(rows: SheetRows, bundles: dict[str, AuditBundle]) -> None:
    table = Table(layout.ANSWERS, rows)
    at = table.columns(AnswerRow._fields)
    for row in table.rows:
        values = [_pick(row, i) for i in at]
        bundle = bundles.get(text(values[0]))
        if bundle is None:
            continue
        for key in (0, 1, 2, 3, 6):
            values[key] = text(values[key])
        bundle.answers.append(AnswerRow(*values))  # type: ignore[arg-type]  # keys are text


def _forms(sheets: _SheetReader, info: dict[str, object],
           bundles: dict[str, AuditBundle]) -> None:
    skip = len(layout.FORM_PREFIX_COLUMNS)
    for key, form_id in info.items():
        if not key.startswith("form_sheet:"):
            continue
        name = key.removeprefix("form_sheet:")
        table = Table(name, sheets.whole(name))
        version_at = table.optional("_form_version")
        headers = table.headers[skip:]
        per_audit: dict[str, list[Row]] = {}
        for row in table.rows:
            values = tuple(_pick(row, i) for i in range(len(table.headers)))
            per_audit.setdefault(text(values[0]), []).append(values[skip:])
        for uuid, body in per_audit.items():
            bundle = bundles.get(uuid)
            if bundle is None:
                continue
            versions = {text(r[version_at - skip]) for r in body} if version_at else {""}
            newest = max(versions, key=_version_key)
            bundle.forms.append(FormTable(text(form_id), newest, headers, body))


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    from auditdesk.consolidate.versions import version_key

    return version_key(version)


def _conflicts(rows: SheetRows) -> list[Conflict]:
    table = Table(layout.CONFLICTS, rows)
    at = table.columns(Conflict._fields)
    found = []
    for row in table.rows:
        v = [_pick(row, i) for i in at]
        found.append(Conflict(
            text(v[0]), text(v[1]), text(v[2]), text(v[3]), text(v[4]), v[5], text(v[6]),
            _moment(v[7]), v[8], text(v[9]), _moment(v[10]),
        ))
    return found


def _log(rows: SheetRows) -> list[ImportEntry]:
    table = Table(layout.IMPORT_LOG, rows)
    at = {name: table.optional(name) for name in layout.IMPORT_LOG_COLUMNS}
    entries = []
    for row in table.rows:
        def get(name: str, row: Sequence[object] = row) -> CellValue:
            return _pick(row, at[name])

        try:
            outcome = Outcome(text(get("outcome")))
        except ValueError:
            outcome = Outcome.EXCLUDED
        size = as_number(get("size"))
        entries.append(ImportEntry(
            path=text(get("file")), status=_status(get("status"), InputStatus.UNREADABLE),
            reason=text(get("reason")), sha256=text(get("sha256")),
            size=int(size) if size is not None else 0, audit_uuid=text(get("audit_uuid")),
            site_name=text(get("site_name")), exported_at=_moment(get("exported_at")),
            signer=text(get("signer")), format_version=text(get("format_version")),
            outcome=outcome, imported_at=_moment(get("imported_at")),
        ))
    return entries


MAX_MASTER_FILE = 2 * 1024**3
MAX_READ_WHOLE = 500 * 1024 * 1024
"""Unpacked bytes of the sheets python-calamine reads whole (all but Answers, which are
streamed): a thousand audits' master holds about 50 MB of them."""


def read_master(path: Path) -> MasterContent:
    """The content of an existing master; raises :class:`MasterError` for anything else."""
    try:
        if path.stat().st_size > MAX_MASTER_FILE:
            raise MasterError(f"{path} is over {MAX_MASTER_FILE // 1024**3} GB: not a master "
                              "this program wrote; choose another output file")
        data = path.read_bytes()
        return _read(path, data)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        # ValueError: a sheet without a column the master has (LayoutError), or unreadable.
        raise MasterError(f"{path} exists but cannot be read as a master ({error})") from None


def _read(path: Path, data: bytes) -> MasterContent:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.getinfo(part) for part, name in sheet_names_by_part(archive).items()}
    sheets = _SheetReader(data, parts)
    info = _info(sheets.whole(layout.MASTER_INFO))
    if text(info.get("format")) != layout.MASTER_FORMAT:
        raise MasterError(
            f"{path} exists and is not an AuditDesk master: choose another output file"
        )
    version = text(info.get("format_version"))
    if not version.isdigit() or int(version) > layout.MASTER_FORMAT_VERSION:
        raise MasterError(f"{path} is a master of format {version!r}, newer than this AuditDesk")
    answer_sheets = [key.removeprefix("answers_sheet:") for key in info
                     if key.startswith("answers_sheet:")] or [layout.ANSWERS]
    sheets.check_size(path, streamed=answer_sheets)
    area_names = {
        key.removeprefix("area:"): text(value)
        for key, value in info.items()
        if key.startswith("area:")
    }
    bundles = _audits(sheets.whole(layout.AUDITS), area_names)
    _findings(sheets.whole(layout.FINDINGS), bundles)
    _forms(sheets, info, bundles)
    content = MasterContent(
        conflicts=_conflicts(sheets.whole(layout.CONFLICTS)),
        log=_log(sheets.whole(layout.IMPORT_LOG)),
        area_names=area_names,
    )
    streamed = _streamed_answers(data, [parts[n] for n in answer_sheets if n in parts], bundles)
    if streamed is None:
        sheets.check_size(path, streamed=())
        for name in answer_sheets:
            _answers(sheets.whole(name), bundles)
    for uuid, bundle in bundles.items():
        if streamed is not None and uuid in streamed:
            content.keep(bundle, pack_encoded(bundle, *streamed[uuid]))
        else:
            content.keep(bundle)
    return content


class _SheetReader:
    """The master's sheets read whole, one at a time, by python-calamine."""

    def __init__(self, data: bytes, parts: dict[str, zipfile.ZipInfo]) -> None:
        from python_calamine import CalamineWorkbook

        self._parts = parts
        try:
            self._book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        except Exception as error:  # noqa: BLE001 - calamine's errors have no common base
            raise UnreadableWorkbook(f"not a readable workbook ({error})") from None

    def check_size(self, path: Path, streamed: Sequence[str]) -> None:
        unpacked = sum(info.file_size for name, info in self._parts.items()
                       if name not in streamed)
        if unpacked > MAX_READ_WHOLE:
            raise MasterError(
                f"{path} is too large to read back ({unpacked / 1e6:.0f} MB of sheets to read "
                f"whole, at most {MAX_READ_WHOLE / 1e6:.0f} MB): was it saved again by a "
                "spreadsheet program? Consolidate the source files into a new master"
            )

    def whole(self, name: str) -> SheetRows:
        info = self._parts.get(name)
        if info is None:
            return []
        if info.file_size > MAX_READ_WHOLE:
            raise UnreadableWorkbook(f"sheet '{name}' would unpack to "
                                     f"{info.file_size / 1e6:.0f} MB, too large to read")
        try:
            rows: SheetRows = self._book.get_sheet_by_name(name).to_python(
                skip_empty_area=False
            )
        except Exception as error:  # noqa: BLE001 - calamine's errors have no common base
            raise UnreadableWorkbook(f"sheet '{name}' cannot be read ({error})") from None
        return rows


def _streamed_answers(
    data: bytes, parts: Sequence[zipfile.ZipInfo], bundles: dict[str, AuditBundle]
) -> dict[str, tuple[int, Deflated]] | None:
    """Each audit's answer rows as the master encodes them, deflated; ``None`` when the
    sheets are not as this program wrote them (they are then read whole)."""
    found: dict[str, tuple[int, Deflated]] = {}
    last: tuple[str, int, bytes] | None = None  # it may go on in the next sheet
    try:
        for part in parts:
            for uuid, count, xml in audit_runs(data, part, layout.ANSWER_COLUMNS):
                if last is not None and last[0] == uuid:
                    last = (uuid, last[1] + count, last[2] + xml)
                    continue
                if last is not None:
                    _keep_run(found, *last, bundles)
                last = (uuid, count, xml)
        if last is not None:
            _keep_run(found, *last, bundles)
    except NotAsWritten:
        return None
    return found


def _keep_run(found: dict[str, tuple[int, Deflated]], uuid: str, count: int, xml: bytes,
              bundles: dict[str, AuditBundle]) -> None:
    if uuid in found:
        raise NotAsWritten(f"the answers of audit {uuid} are not all together")
    if uuid in bundles:
        found[uuid] = (count, Deflated.of(xml))
