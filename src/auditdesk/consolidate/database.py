"""``--into DATABASE_URL``: the master's content upserted into the reporting schema.

Idempotent by construction: an audit is written only when the database has no export
of it or an older one (by export time), and then its records, answers, findings and
area scores are replaced in the same transaction, so a second run with the same
inputs changes nothing. Conflicts are keyed by a hash of what they say and the
import log by the file's SHA-256. SQLite files and PostgreSQL (psycopg 3) both work.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditdesk.consolidate import reporting_schema as schema
from auditdesk.consolidate.export_reader import as_number, text
from auditdesk.consolidate.model import AuditBundle, CellValue, Conflict, ImportEntry, MasterContent
from auditdesk.jobs import Progress, silent

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

_BATCH = 5_000


@dataclass(frozen=True)
class DatabaseReport:
    """Where the content went (password hidden) and how many audits were (re)written."""

    url: str
    audits_written: int
    audits_unchanged: int


class DatabaseError(Exception):
    """The database cannot be reached or written; the message names it (no password)."""


def engine_url(url: str) -> str:
    """Accept a bare file path for SQLite and ``postgresql://`` for psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(engine_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "(an unreadable database URL)"


def open_reporting_database(url: str) -> Engine:
    """An engine on ``url`` with the reporting schema created if missing."""
    from sqlalchemy import create_engine, event, select
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    try:
        backend = make_url(engine_url(url)).get_backend_name()
    except ArgumentError:
        raise DatabaseError(
            "the --into value is not a database URL (see docs/reporting-schema.md)"
        ) from None
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"cannot use the database {_safe(url)}: reporting databases are SQLite or "
            f"PostgreSQL, not {backend}"
        )
    try:
        engine = create_engine(engine_url(url))
    except (ArgumentError, NoSuchModuleError) as error:
        raise DatabaseError(f"cannot use the database {_safe(url)}: {error}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    try:
        with engine.begin() as connection:
            schema.metadata.create_all(connection)
            if not _has_view(engine, connection):
                connection.exec_driver_sql(schema.OPEN_ACTIONS_VIEW)
            found = connection.execute(
                select(schema.schema_info.c.value).where(schema.schema_info.c.key == "version")
            ).scalar()
            if found is None:
                connection.execute(schema.schema_info.insert().values(
                    key="version", value=str(schema.REPORTING_SCHEMA_VERSION)))
            elif int(found) > schema.REPORTING_SCHEMA_VERSION:
                raise DatabaseError(
                    f"{_safe(url)} holds reporting schema {found}, newer than this AuditDesk"
                )
    except SQLAlchemyError as error:
        problem = _first_line(error)
        raise DatabaseError(f"cannot open the database {_safe(url)}: {problem}") from None
    return engine


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _has_view(engine: Engine, connection: Connection) -> bool:
    from sqlalchemy import inspect

    return "open_actions" in inspect(connection).get_view_names()


def _first_line(error: Exception) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def write_database(
    url: str, content: MasterContent, *, progress: Progress | None = None
) -> DatabaseReport:
    """Upsert every kept audit, the conflicts and the import log; returns a report."""
    from sqlalchemy.exc import SQLAlchemyError

    progress = progress or silent()
    engine = open_reporting_database(url)
    written = unchanged = 0
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    try:
        for bundle in content.sorted_bundles():
            with engine.begin() as connection:
                if _store_audit(connection, content, bundle, now):
                    written += 1
                else:
                    unchanged += 1
            progress.token.raise_if_cancelled()
        with engine.begin() as connection:
            _upsert(connection, schema.conflicts, ["conflict_key"],
                    [_conflict_row(c) for c in content.conflicts], update=False)
            _upsert(connection, schema.import_log, ["entry_key"],
                    [_log_row(e, now) for e in content.log], update=True,
                    keep=("first_imported_at",))
    except SQLAlchemyError as error:
        raise DatabaseError(f"cannot write to {_safe(url)}: {_first_line(error)}") from None
    finally:
        engine.dispose()
    return DatabaseReport(_safe(url), written, unchanged)


def _store_audit(connection: Connection, content: MasterContent, bundle: AuditBundle,
                 now: datetime.datetime) -> bool:
    """Write one audit unless the database already has this export or a newer one."""
    from sqlalchemy import delete, select

    facts = bundle.facts
    stored = connection.execute(
        select(schema.audits.c.exported_at, schema.audits.c.source_sha256).where(
            schema.audits.c.audit_uuid == facts.audit_uuid
        )
    ).first()
    if stored is not None:
        stored_at, stored_sha = stored
        if stored_sha == facts.source_sha256 or (
            stored_at is not None and facts.exported_at is not None
            and stored_at >= facts.exported_at
        ):
            return False
    bundle = content.loaded(bundle)  # its answers and form rows, read back one audit at a time
    uuid = facts.audit_uuid
    for table in (schema.answers, schema.records, schema.findings, schema.area_scores):
        connection.execute(delete(table).where(table.c.audit_uuid == uuid))
    audit_row = {
        "audit_uuid": uuid, "site_uuid": facts.site_uuid, "site_name": facts.site_name,
        "organisation": facts.organisation, "country": facts.country, "city": facts.city,
        "sector": facts.sector, "audit_type": facts.audit_type,
        "audit_status": facts.audit_status, "started_on": facts.started_on,
        "ended_on": facts.ended_on, "lead_auditor": facts.lead_auditor, "team": facts.team,
        "rating": facts.rating, "rating_maximum": facts.rating_maximum,
        "zero_tolerance_alerts": len(facts.alerts), "alerts": "\n".join(facts.alerts),
        "forms": "\n".join(facts.forms), "verification": facts.verification.value,
        "signer": facts.signer, "exported_at": facts.exported_at,
        "document_id": facts.document_id, "format_version": facts.format_version,
        "source_file": facts.source_file, "source_sha256": facts.source_sha256,
        "consolidated_at": now,
    }
    _upsert(connection, schema.audits, ["audit_uuid"], [audit_row], update=True)
    _insert(connection, schema.area_scores, (
        {"audit_uuid": uuid, "area_code": a.code, "area_name": a.name, "score": a.score}
        for a in {a.code: a for a in bundle.areas}.values()
    ))
    _insert(connection, schema.records, _record_rows(bundle))
    _insert(connection, schema.answers, _answer_rows(bundle))
    _insert(connection, schema.findings, (
        {
            "audit_uuid": uuid, "finding_key": f.key, "finding_uuid": f.finding_uuid or None,
            "criterion": f.criterion, "area": f.area, "area_name": _text(f.area_name),
            "severity": f.severity, "title": _text(f.title), "status": f.status,
            "origin": _text(f.origin), "evidence": _text(f.evidence),
            "cap_action": _text(f.cap_action), "cap_responsible": _text(f.cap_responsible),
            "cap_plan_due": _date(f.cap_plan_due), "cap_verify_due": _date(f.cap_verify_due),
            "cap_status": f.cap_status or None,
            "cap_verification_note": _text(f.cap_verification_note),
        }
        for f in {f.key: f for f in bundle.findings}.values()
    ))
    return True


def _record_rows(bundle: AuditBundle) -> Iterator[dict[str, Any]]:
    """Records from the form sheets' system columns, and any others from the answers."""
    found: dict[str, dict[str, Any]] = {}
    for table in bundle.forms:
        at = {name: i for i, name in enumerate(table.headers)}
        if "_uuid" not in at:
            continue

        def pick(
            row: tuple[CellValue, ...], name: str, at: dict[str, int] = at
        ) -> CellValue:
            index = at.get(name)
            return row[index] if index is not None and index < len(row) else None

        for row in table.rows:
            uuid = text(pick(row, "_uuid"))
            if uuid:
                found.setdefault(uuid, {
                    "record_uuid": uuid, "audit_uuid": bundle.audit_uuid,
                    "form_id": table.form_id,
                    "form_version": text(pick(row, "_form_version")) or table.form_version,
                    "record_kind": _text(pick(row, "_kind")),
                    "respondent_code": _text(pick(row, "_respondent_code")),
                    "started_at": _moment(pick(row, "_started")),
                    "ended_at": _moment(pick(row, "_ended")),
                    "status": _text(pick(row, "_status")),
                })
    for answer in bundle.answers:
        found.setdefault(answer.record_uuid, {
            "record_uuid": answer.record_uuid, "audit_uuid": bundle.audit_uuid,
            "form_id": answer.form_id, "form_version": answer.form_version,
            "record_kind": _text(answer.record_kind),
            "respondent_code": _text(answer.respondent_code),
            "started_at": None, "ended_at": None, "status": None,
        })
    return iter(found.values())


def _answer_rows(bundle: AuditBundle) -> Iterator[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    for a in bundle.answers:
        key = (a.record_uuid, a.question_path)
        if key in seen:
            continue
        seen.add(key)
        yield {
            "record_uuid": a.record_uuid, "question_path": a.question_path,
            "audit_uuid": bundle.audit_uuid, "form_id": a.form_id,
            "form_version": a.form_version,
            "question": text(a.question) or a.question_path.split("[")[0],
            "question_type": _text(a.question_type), "label": _text(a.label),
            "value": _text(a.value),
            "value_number": as_number(a.value) if not isinstance(a.value, str) else None,
            "value_label": _text(a.value_label), "criterion": _text(a.criterion),
            "area": _text(a.area),
        }


def _conflict_row(conflict: Conflict) -> dict[str, Any]:
    row = {
        "audit_uuid": conflict.audit_uuid, "site_name": conflict.site_name,
        "kind": conflict.kind, "item_key": conflict.key, "field": conflict.field,
        "kept_value": _text(conflict.kept_value), "kept_file": conflict.kept_file,
        "kept_exported_at": conflict.kept_exported_at,
        "other_value": _text(conflict.other_value), "other_file": conflict.other_file,
        "other_exported_at": conflict.other_exported_at,
    }
    said = json.dumps(
        [row[k] for k in ("audit_uuid", "kind", "item_key", "field", "kept_value",
                          "other_value", "kept_exported_at", "other_exported_at")],
        default=str, ensure_ascii=False,
    )
    row["conflict_key"] = hashlib.sha256(said.encode("utf-8")).hexdigest()
    return row


def _log_row(entry: ImportEntry, now: datetime.datetime) -> dict[str, Any]:
    return {
        "entry_key": entry.sha256 or "path:" + hashlib.sha256(entry.path.encode()).hexdigest(),
        "path": entry.path, "sha256": entry.sha256 or None, "size": entry.size,
        "status": entry.status.value, "status_label": entry.status.label,
        "reason": entry.reason, "outcome": entry.outcome.value,
        "audit_uuid": entry.audit_uuid or None, "site_name": entry.site_name or None,
        "exported_at": entry.exported_at, "signer": entry.signer or None,
        "format_version": entry.format_version or None,
        "first_imported_at": entry.imported_at or now, "last_seen_at": now,
    }


def _text(value: CellValue) -> str | None:
    return text(value) or None


def _date(value: CellValue) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def _moment(value: CellValue) -> datetime.datetime | None:
    return value if isinstance(value, datetime.datetime) else None


def _insert(connection: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)


def _upsert(
    connection: Connection, table: Any, keys: list[str], rows: list[dict[str, Any]], *,
    update: bool, keep: tuple[str, ...] = (),
) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE / DO NOTHING, in SQLite's and PostgreSQL's words."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    else:
        raise DatabaseError(f"reporting databases are SQLite or PostgreSQL, not "
                            f"{connection.dialect.name}")
    for start in range(0, len(rows), _BATCH):
        statement = insert(table)
        if update:
            changed = {
                name: statement.excluded[name]
                for name in rows[0]
                if name not in keys and name not in keep
            }
            statement = statement.on_conflict_do_update(index_elements=keys, set_=changed)
        else:
            statement = statement.on_conflict_do_nothing(index_elements=keys)
        connection.execute(statement, rows[start:start + _BATCH])
