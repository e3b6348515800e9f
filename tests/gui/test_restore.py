"""After the app is killed, it reopens on the audit, record and question the auditor was on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QTimer

    from auditdesk.appoptions import AppOptions
    from auditdesk.domain import RecordKind
    from auditdesk.qt.app import build_desktop, create_application
    from auditdesk.qt.controllers.audit_setup import NewAuditPlan, SiteDetails, create_audit
    from auditdesk.domain import AuditType
    from auditdesk.qt.preferences import Preferences

    db = Path(sys.argv[1])
    app = create_application()
    desktop = build_desktop(
        AppOptions(db_path=db), language="en", preferences=Preferences(db.with_suffix(".ini"))
    )
    desktop.window.show()
    assert desktop.opener.open_now()
    audit = create_audit(
        desktop.workspace.repository,
        desktop.library,
        NewAuditPlan(
            site=SiteDetails("Kazi Data Services", "Mombasa floor", "Kenya", headcount=40),
            audit_type=AuditType.UNANNOUNCED,
            planned_start=None,
            planned_end=None,
            lead_auditor="A. Auditor",
            team=(),
            checklists=("worker_interview",),
        ),
    )
    desktop.navigation.open_audit(audit.uuid)
    desktop.overview.add_interview(RecordKind.WORKER_INTERVIEW)
    desktop.runner.wait_for_done()
    app.processEvents()
    interview = desktop.interview
    interview.next()
    interview.answer("consent", "yes")
    interview.next()
    interview.answer("respondent/privacy_check", "OK")
    interview.jump("hours/weekly_hours")
    interview.answer("hours/weekly_hours", 52)
    print("READY", audit.uuid, interview.current.record.uuid,
          interview.current.session.screen.path, flush=True)
    QTimer.singleShot(60_000, app.quit)  # never reached: the test kills us first
    app.exec()
    """
)


def test_the_app_reopens_where_it_was_after_a_kill(
    tmp_path: Path, qtbot, open_desktop, wait_for_jobs
) -> None:
    script = tmp_path / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    database = tmp_path / "audits.sqlite"
    child = subprocess.Popen(
        [sys.executable, str(script), str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("READY"), child.stderr.read() if child.stderr else line
        _, audit_uuid, record_uuid, path = line.split()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    desktop = open_desktop("audits.sqlite")
    wait_for_jobs(desktop)
    assert desktop.window.current_section() == "interview"
    current = desktop.interview.current
    assert current is not None
    assert current.audit_uuid == audit_uuid
    assert current.record.uuid == record_uuid
    assert current.session.screen.path == path == "hours/weekly_hours"
    assert desktop.interview_screen.blocks[0].input.value() == 52
    assert desktop.workspace.repository.get_answers(record_uuid)["consent"] == "yes"
    assert desktop.navigation.audit_uuid == audit_uuid
