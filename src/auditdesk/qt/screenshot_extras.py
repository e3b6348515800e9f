"""The screenshot set beyond the main window: the export dialog, the sample audit's signed
report pages, and the Consolidation and Calibration windows with real exported workbooks.

Called by :mod:`auditdesk.qt.screenshots` on its throw-away database; the signing key is a
throw-away one in a temporary key store (as ``auditdesk --selftest`` does), so the
auditor's own key is never read.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from auditdesk.domain import Audit
    from auditdesk.qt.composition import Desktop
    from auditdesk.signing import SigningIdentity
    from auditdesk.storage import Repository

SIGNER = ("Amina Otieno", "Haki Data Audits", "amina.otieno@example.org")
TRAINEE_CASE = "tala-cebu"
TRAINEE_AUDIT_UUID = "7d2c4b1a-5e3f-4a69-9b80-1c2d3e4f5a6b"
# What a trainee who believed management would answer differently (fictional data).
TRAINEE_CHANGES: dict[str, dict[str, object]] = {
    "records/W-02.json": {"can_resign": "yes"},
    "records/W-06.json": {"can_resign": "yes"},
    "records/management_interview.json": {"final_pay": "always"},
    "records/W-03.json": {"lost_balance": "no"},
    "records/W-04.json": {"lost_balance": "no"},
    "records/site_observation.json": {"monitoring_seen": ["screenshots", "idle"]},
    "records/document_review.json": {
        "no_exit_penalty": "met",
        "final_balances": "met",
        "monitoring_settings": "met",
    },
}

Grab = Callable[[str, QWidget, tuple[tuple[int, int], ...]], None]
"""Draw a widget at each size into ``<name>-<w>x<h>.png`` (the screenshots' own helper)."""


@dataclass
class Extras:
    scratch: Path
    desktop: Desktop
    out_dir: Path
    settle: Callable[[], None]
    grab: Grab

    @property
    def exports(self) -> Path:
        return self.scratch / "exports"


def dispose(window: QWidget) -> None:
    """Close a top-level window and delete it now, through Qt.

    Left to Python's garbage collector, a parentless window that ran a job was sometimes
    deleted in an order that crashed the process at exit (about one run in three).
    """
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def throwaway_identity(scratch: Path) -> tuple[SigningIdentity, Path]:
    """A signing key made for the pictures, and its certificate as a PEM file to trust."""
    import secrets

    from cryptography.hazmat.primitives import serialization

    from auditdesk.signing import KeyStore

    store = KeyStore(scratch / "keys")
    name, org, email = SIGNER
    identity = store.create(name=name, org=org, email=email, passphrase=secrets.token_hex(16))
    pem = scratch / "signer.pem"
    pem.write_bytes(identity.certificate.public_bytes(serialization.Encoding.PEM))
    return identity, pem


def export_files(
    repository: Repository,
    audit_uuid: str,
    identity: SigningIdentity,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
) -> None:
    from auditdesk.export.run import ExportRequest, export_audit

    for path in (xlsx, pdf):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
    export_audit(repository, audit_uuid, ExportRequest(xlsx=xlsx, pdf=pdf, identity=identity))


def export_dialog(extras: Extras, audit_uuid: str) -> None:
    """The Export dialog over the sample audit, with a key ready to sign."""
    from auditdesk.signing import KeyStore

    desktop = extras.desktop
    desktop.export.key_store = lambda: KeyStore(extras.scratch / "keys")
    dialog = desktop.export.open_dialog(audit_uuid, desktop.window)
    dialog.adjustSize()
    extras.settle()
    extras.grab("export-dialog", dialog, ((dialog.width(), dialog.height()),))
    dialog.reject()


def report_pages(extras: Extras, audit_uuid: str, identity: SigningIdentity) -> list[Path]:
    """Every page of the sample's signed confidential report, as ``report-NN.png``."""
    from auditdesk.export.report_render import RenderError, render_report_pages

    pdf = extras.scratch / "report.pdf"
    export_files(extras.desktop.workspace.repository, audit_uuid, identity, pdf=pdf)
    for stale in extras.out_dir.glob("report-[0-9][0-9].png"):
        stale.unlink()  # a shorter report must not leave last time's pages behind
    try:
        return render_report_pages(pdf, extras.out_dir, prefix="report")
    except RenderError as error:
        import click

        click.echo(f"report pages skipped: {error}", err=True)
        return []


class _AsRealAudit:
    """The sample loader marks every audit it adds as training; this stand-in store drops
    the mark as the audit is added, so the NGO's picture has real audits to consolidate."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository

    def add_audit(self, audit: Audit, **options: str | None) -> Audit:
        return self._repository.add_audit(replace(audit, training=False), **options)

    def __getattr__(self, name: str) -> object:
        return getattr(self._repository, name)


def consolidation_window(extras: Extras, identity: SigningIdentity, certificate: Path) -> None:
    """Both sample cases entered as real audits, and one training copy, consolidated."""
    from auditdesk.qt.consolidation import ConsolidationWindow
    from auditdesk.qt.controllers.audits import sample_cases
    from auditdesk.storage import open_database
    from auditdesk.training.samples import load_case

    desktop = extras.desktop
    with open_database(extras.scratch / "ngo.sqlite", daily_backup=False) as repository:
        for case in sample_cases():
            audit_uuid = load_case(_AsRealAudit(repository), case)  # type: ignore[arg-type]
            target = extras.exports / f"{case}.xlsx"
            export_files(repository, audit_uuid, identity, xlsx=target)
    training = next(a for a in desktop.workspace.repository.list_audits() if a.training)
    export_files(
        desktop.workspace.repository,
        training.uuid,
        identity,
        xlsx=extras.exports / "training-copy.xlsx",
    )
    # Trusting the throw-away certificate is what "Trust a certificate…" does.
    window = ConsolidationWindow(desktop.runner, desktop.dialogs, trust_files=[certificate])
    window.show()
    window.add_paths([extras.exports])
    finished: list[object] = []
    window.consolidated.connect(finished.append)
    window.failed.connect(finished.append)
    window.start()
    while not finished:
        desktop.runner.wait_for_done(100)
        QApplication.processEvents()
    extras.settle()
    extras.grab("consolidation", window, ((1280, 800), (1024, 700)))
    dispose(window)


def calibration_window(extras: Extras) -> None:
    """The tala-cebu reference against a trainee who believed management on three points."""
    from auditdesk.qt.calibration import open_calibration_window
    from auditdesk.storage import open_database
    from auditdesk.training.samples import load_case, samples_dir

    folder = extras.scratch / "calibration"
    cases = folder / "cases"
    shutil.copytree(samples_dir() / TRAINEE_CASE, cases / TRAINEE_CASE)
    for name, changes in TRAINEE_CHANGES.items():
        path = cases / TRAINEE_CASE / name
        answers = json.loads(path.read_text(encoding="utf-8"))
        answers.update(changes)
        path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    case_file = cases / TRAINEE_CASE / "case.json"
    case = json.loads(case_file.read_text(encoding="utf-8"))
    case["audit"]["uuid"] = TRAINEE_AUDIT_UUID
    case["audit"]["lead_auditor"] = "TR-07"
    case_file.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")

    reference, trainee = folder / "reference-tala-cebu.xlsx", folder / "trainee-07.xlsx"
    # Two databases: the case's records keep their UUIDs, so one database holds one copy.
    for database, target, source in (
        ("reference.sqlite", reference, None),
        ("trainee.sqlite", trainee, cases),
    ):
        with open_database(folder / database, daily_backup=False) as repository:
            from auditdesk.export.run import ExportRequest, export_audit

            audit_uuid = load_case(repository, TRAINEE_CASE, samples_folder=source)
            export_audit(repository, audit_uuid, ExportRequest(xlsx=target))
    window = open_calibration_window(None, extras.desktop.dialogs)
    window.set_reference(reference)
    window.add_trainees([trainee])
    window.compare()
    extras.settle()
    extras.grab("calibration", window, ((1280, 800), (1024, 700)))
    dispose(window)
