"""Reading a bundled case folder: ``case.json``, one answers file per record, and photos.

A case is plain files a trainer can read and edit (format described in
``resources/samples/README.md``)::

    resources/samples/<case-id>/
        case.json            site, audit and the list of records
        records/*.json       one record's answers, by question name (``auditdesk forms try`` shape)
        photos/*.png         drawn evidence pictures, attached to questions

Everything is checked on reading, and every problem names the file and the key, so a
trainer who writes a second case gets "case.json: records[3].kind: …" rather than a
traceback.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from auditdesk.domain import AuditType, RecordKind, SupplyChainPosition

CASE_FILE = "case.json"
FORMAT_VERSION = 1
_CASE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_Choice = TypeVar("_Choice", AuditType, RecordKind, SupplyChainPosition)
_MIME_BY_SUFFIX = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class SampleCaseError(ValueError):
    """A case folder that cannot be read or does not fit its forms; says file and key."""


@dataclass(frozen=True)
class CaseSite:
    uuid: str
    organisation: str
    name: str
    country: str
    city: str
    sector: str
    headcount: int | None
    position: SupplyChainPosition


@dataclass(frozen=True)
class CaseAudit:
    uuid: str
    audit_type: AuditType
    planned_start: datetime.date | None
    started_on: datetime.date | None
    ended_on: datetime.date | None
    lead_auditor: str
    team: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class CaseAttachment:
    question: str
    """Question name, or ``repeat[n]/name`` inside a repeat."""
    path: Path
    caption: str

    @property
    def mime_type(self) -> str:
        return _MIME_BY_SUFFIX[self.path.suffix.lower()]


@dataclass(frozen=True)
class CaseRecord:
    """One filled form of the case: which checklist, whose code, what answers."""

    id: str
    kind: RecordKind
    respondent: str
    answers_file: Path
    answers: Mapping[str, Any]
    started_at: datetime.datetime | None
    notes: Mapping[str, str]
    """Auditor notes by question name (or ``repeat[n]/name``)."""
    attachments: tuple[CaseAttachment, ...]

    def uuid_in(self, audit_uuid: str) -> str:
        """A fixed UUID per record, so loading the case again finds the same records."""
        return str(uuid.uuid5(uuid.UUID(audit_uuid), self.id))

    @property
    def form_stem(self) -> str:
        """The bundled checklist file (without suffix) this record was filled with."""
        return self.kind.value


@dataclass(frozen=True)
class SampleCase:
    id: str
    folder: Path
    title: str
    summary: str
    site: CaseSite
    audit: CaseAudit
    records: tuple[CaseRecord, ...]


class _Reader:
    """Typed access to one JSON object, with problems located as ``file: key: …``."""

    def __init__(self, source: str, data: object, where: str = "") -> None:
        if not isinstance(data, dict):
            raise SampleCaseError(f"{source}: {where or 'the file'} must be a JSON object")
        self.source = source
        self.data: dict[str, Any] = data
        self.where = where

    def _key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, message: str) -> SampleCaseError:
        return SampleCaseError(f"{self.source}: {self._key(key)}: {message}")

    def text(self, key: str, *, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(key, "expected a non-empty text")
        return value

    def day(self, key: str) -> datetime.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(key, f"{value!r} is not a date like 2026-11-16") from None

    def moment(self, key: str) -> datetime.datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise self.fail(key, f"{value!r} is not a time like 2026-11-16T09:00:00+03:00")
        return moment

    def uuid(self, key: str) -> str:
        value = self.text(key)
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise self.fail(key, f"{value!r} is not a UUID") from None

    def choice(self, key: str, enum: type[_Choice]) -> _Choice:
        value = self.text(key)
        try:
            return enum(value)
        except ValueError:
            known = ", ".join(member.value for member in enum)
            raise self.fail(key, f"{value!r} is not one of {known}") from None

    def child(self, key: str) -> _Reader:
        return _Reader(self.source, self.data.get(key), self._key(key))

    def items(self, key: str) -> list[_Reader]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        return [
            _Reader(self.source, item, f"{self._key(key)}[{n}]") for n, item in enumerate(value)
        ]

    def texts(self, key: str) -> dict[str, str]:
        value = self.data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(key, "expected an object of texts by question name")
        return {str(k): v for k, v in value.items()}


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SampleCaseError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SampleCaseError(f"{path}: cannot read it as JSON: {error}") from None


def read_case(folder: Path) -> SampleCase:
    """Read and check ``folder/case.json`` and every file it names."""
    case_path = folder / CASE_FILE
    root = _Reader(str(case_path), read_json(case_path))
    if root.data.get("format") != FORMAT_VERSION:
        raise root.fail("format", f"this AuditDesk reads case format {FORMAT_VERSION}")
    case_id = root.text("id")
    if not _CASE_ID.match(case_id) or case_id != folder.name:
        raise root.fail("id", f"{case_id!r} must be the folder's name, in lower case and dashes")
    records = tuple(_record(item, folder) for item in root.items("records"))
    if not records:
        raise root.fail("records", "a case needs at least one record")
    _check_unique(root, records)
    return SampleCase(
        id=case_id,
        folder=folder,
        title=root.text("title"),
        summary=root.text("summary", default=""),
        site=_site(root.child("site")),
        audit=_audit(root.child("audit")),
        records=records,
    )


def _site(site: _Reader) -> CaseSite:
    headcount = site.data.get("headcount")
    if headcount is not None and (not isinstance(headcount, int) or headcount < 1):
        raise site.fail("headcount", "expected a whole number of workers")
    return CaseSite(
        uuid=site.uuid("uuid"),
        organisation=site.text("organisation"),
        name=site.text("name"),
        country=site.text("country"),
        city=site.text("city", default=""),
        sector=site.text("sector", default=""),
        headcount=headcount,
        position=site.choice("position", SupplyChainPosition),
    )


def _audit(audit: _Reader) -> CaseAudit:
    team = audit.data.get("team", [])
    if not isinstance(team, list) or not all(isinstance(member, str) for member in team):
        raise audit.fail("team", "expected a list of auditor names or codes")
    return CaseAudit(
        uuid=audit.uuid("uuid"),
        audit_type=audit.choice("audit_type", AuditType),
        planned_start=audit.day("planned_start"),
        started_on=audit.day("started_on"),
        ended_on=audit.day("ended_on"),
        lead_auditor=audit.text("lead_auditor", default=""),
        team=tuple(team),
        notes=audit.text("notes", default=""),
    )


def _record(record: _Reader, folder: Path) -> CaseRecord:
    answers_name = record.text("answers")
    answers_path = folder / answers_name
    answers = read_json(answers_path)
    if not isinstance(answers, dict):
        raise SampleCaseError(f"{answers_path}: expected an object of answers by question name")
    attachments = []
    for item in record.items("attachments"):
        photo = folder / item.text("file")
        if photo.suffix.lower() not in _MIME_BY_SUFFIX:
            raise item.fail("file", "attach .png or .jpg pictures")
        if not photo.is_file():
            raise item.fail("file", f"{photo} not found")
        attachments.append(CaseAttachment(item.text("question"), photo, item.text("caption")))
    return CaseRecord(
        id=record.text("id"),
        kind=record.choice("kind", RecordKind),
        respondent=record.text("respondent"),
        answers_file=answers_path,
        answers=answers,
        started_at=record.moment("started_at"),
        notes=record.texts("notes"),
        attachments=tuple(attachments),
    )


def _check_unique(root: _Reader, records: tuple[CaseRecord, ...]) -> None:
    for label, values in (
        ("id", [record.id for record in records]),
        ("respondent", [record.respondent for record in records]),
    ):
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise root.fail("records", f"two records share the {label} {value!r}")
            seen.add(value)
