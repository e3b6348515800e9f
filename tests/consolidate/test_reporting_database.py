"""``--into``: the same content in a reporting database, idempotent, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_builder import FakeAudit, FakeFinding, FakeRecord, write_export
from sqlalchemy import create_engine, text

from auditdesk.cli import cli
from auditdesk.consolidate import consolidate

FORM = "auditdesk_wages"
TABLES = ("audits", "area_scores", "records", "answers", "findings", "conflicts", "import_log")


def _audit(uuid: str, exported: int = 1, hours: int = 48, country: str = "KE") -> FakeAudit:
    return FakeAudit(
        uuid,
        country=country,
        exported_at=datetime.datetime(2026, 3, exported, tzinfo=datetime.UTC),
        records=(
            FakeRecord(f"{uuid}-r1", FORM, {"paid_on_time": "yes", "hours": hours}),
            FakeRecord(f"{uuid}-r2", FORM, {"paid_on_time": "no"}, respondent="W-02"),
        ),
        findings=(FakeFinding(f"{uuid}-f1", "B2", plan_due=datetime.date(2020, 1, 1)),),
        questions={(FORM, "1"): ("paid_on_time", "hours")},
    )


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {
            t: connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()  # noqa: S608
            for t in TABLES  # fixed table names, not input
        }
    engine.dispose()
    return found


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    write_export(inbox / "a.xlsx", _audit("aaaaaaaa-0001"))
    write_export(inbox / "a-later.xlsx", _audit("aaaaaaaa-0001", exported=4, hours=52))
    write_export(inbox / "b.xlsx", _audit("bbbbbbbb-0002", country="BD"))
    (inbox / "notes.txt").write_text("not a workbook")
    return inbox


def _check_database(url: str, tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    consolidate([inbox], tmp_path / "m.xlsx", trust_roots=[], into=url)
    first = _counts(url)
    assert first == {"audits": 2, "area_scores": 4, "records": 4, "answers": 6, "findings": 2,
                     "conflicts": 1, "import_log": 4}
    # Running twice adds nothing, whether the master is reused or built afresh.
    report = consolidate([inbox], tmp_path / "m.xlsx", trust_roots=[], into=url)
    assert report.database is not None
    assert (report.database.audits_written, report.database.audits_unchanged) == (0, 2)
    consolidate([inbox], tmp_path / "fresh.xlsx", trust_roots=[], into=url)
    assert _counts(url) == first
    engine = create_engine(url)
    with engine.connect() as connection:
        hours = connection.execute(text(
            "SELECT value, value_number FROM answers "
            "WHERE record_uuid = 'aaaaaaaa-0001-r1' AND question_path = 'hours'"
        )).one()
        overdue = connection.execute(text(
            "SELECT country, overdue FROM open_actions ORDER BY country"
        )).all()
    engine.dispose()
    assert tuple(hours) == ("52", 52.0)  # the newer export's value
    assert [(country, int(flag)) for country, flag in overdue] == [("BD", 1), ("KE", 1)]


def test_sqlite_file_gets_the_same_content_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    _check_database(f"sqlite:///{tmp_path / 'reporting.sqlite'}", tmp_path)


def test_postgresql_gets_the_same_content_and_a_second_run_adds_nothing(
    postgres_database: str, tmp_path: Path
) -> None:
    _check_database(postgres_database, tmp_path)


def test_a_newer_export_replaces_the_audit_rows_in_place(postgres_database: str,
                                                         tmp_path: Path) -> None:
    write_export(tmp_path / "one" / "a.xlsx", _audit("cccccccc-0003", hours=40))
    consolidate([tmp_path / "one"], tmp_path / "m.xlsx", trust_roots=[], into=postgres_database)
    write_export(tmp_path / "two" / "a.xlsx", _audit("cccccccc-0003", exported=9, hours=41))
    consolidate([tmp_path / "two"], tmp_path / "m2.xlsx", trust_roots=[], into=postgres_database)
    engine = create_engine(postgres_database)
    with engine.connect() as connection:
        values = connection.execute(text(
            "SELECT value FROM answers WHERE question_path = 'hours'")).scalars().all()
    engine.dispose()
    assert values == ["41"]


def test_cli_writes_the_master_and_the_database_and_exits_zero(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    database = tmp_path / "reports.sqlite"
    result = CliRunner().invoke(cli, ["consolidate", str(inbox), "-o", str(tmp_path / "m.xlsx"),
                                      "--into", str(database), "--today", "2026-04-01"])
    assert result.exit_code == 0, result.output
    assert "— 2 audits, 1 conflicts" in result.output
    assert "notes.txt: not an AuditDesk workbook" in result.output
    assert "2 audits written" in result.output
    assert _counts(f"sqlite:///{database}")["audits"] == 2


def test_cli_exits_non_zero_only_when_the_master_cannot_be_written(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    blocked = tmp_path / "read-only"
    blocked.mkdir()
    target = blocked / "missing-folder" / "m.xlsx"
    result = CliRunner().invoke(cli, ["consolidate", str(inbox), "-o", str(target)])
    assert result.exit_code == 1
    assert "cannot write the master" in result.output
    assert "Traceback" not in result.output


def test_an_unreachable_database_is_a_clear_error_without_the_password(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    url = "postgresql://someone:s3cret@127.0.0.1:1/nowhere"
    result = CliRunner().invoke(cli, ["consolidate", str(inbox), "-o", str(tmp_path / "m.xlsx"),
                                      "--into", url])
    assert result.exit_code == 1
    assert "cannot open the database postgresql+psycopg://someone:***@127.0.0.1:1" in (
        result.output
    )
    assert "s3cret" not in result.output


@pytest.mark.parametrize("url", ["mysql://x@localhost/db", "nonsense://"])
def test_other_databases_are_refused_by_name(tmp_path: Path, url: str) -> None:
    inbox = _inbox(tmp_path)
    result = CliRunner().invoke(cli, ["consolidate", str(inbox), "-o", str(tmp_path / "m.xlsx"),
                                      "--into", url])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "database" in result.output
