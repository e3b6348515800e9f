"""The Consolidation window: drop workbooks or folders, consolidate, look, save the master.

The work itself is :func:`auditdesk.consolidate.consolidate`, run off the UI thread by
the app's :class:`~auditdesk.qt.workers.JobRunner` with a cancellable progress dialog.
It writes the master into a private temporary folder; *Save master…* copies it where
the user wants, so a cancelled or failed run never touches a file of theirs.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditdesk.consolidate import ConsolidationReport, consolidate
from auditdesk.jobs import Progress
from auditdesk.qt.consolidation.charts import area_scores_chart, findings_chart
from auditdesk.qt.consolidation.file_table import FileTableModel
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import tr
from auditdesk.qt.progress_dialog import run_with_progress
from auditdesk.qt.workers import Job, JobRunner

XLSX_FILTER = "Excel workbooks (*.xlsx)"


class ConsolidationWindow(QMainWindow):
    """A window of its own: the NGO's desk for incoming workbooks."""

    consolidated = Signal(object)  # the ConsolidationReport
    failed = Signal(str)

    def __init__(
        self,
        runner: JobRunner,
        dialogs: Dialogs,
        *,
        trust_files: Sequence[Path] = (),
        today: Callable[[], datetime.date] = datetime.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Consolidate workbooks"))
        self.setObjectName("consolidationWindow")
        self.resize(1100, 760)
        self.setAcceptDrops(True)
        self._runner = runner
        self._dialogs = dialogs
        self._trust_files = list(trust_files)
        self._today = today
        self._base_master: Path | None = None
        self._workdir = Path(tempfile.mkdtemp(prefix="auditdesk-consolidation-"))
        self.report: ConsolidationReport | None = None
        self.job: Job | None = None

        self.hint = QLabel(tr("Drop exported audit workbooks or whole folders here."))
        self.hint.setWordWrap(True)
        self.model = FileTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Files to consolidate"))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)

        self.add_button = self._button(tr("Add file…"), self._choose_file)
        self.trust_button = self._button(tr("Trust a certificate…"), self._choose_trust)
        self.base_button = self._button(tr("Add to an existing master…"), self._choose_base)
        self.clear_button = self._button(tr("Clear"), self._clear)
        self.run_button = self._button(tr("Consolidate"), self.start)
        self.run_button.setDefault(True)
        self.save_button = self._button(tr("Save master…"), self.save_master)
        self.save_button.setEnabled(False)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.trust_button, self.base_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.save_button)
        self.charts = QHBoxLayout()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.summary)
        layout.addLayout(self.charts, 3)
        self.setCentralWidget(body)
        self._refresh()

    def _button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: action())
        return button

    # --- inputs ---------------------------------------------------------------------

    def add_paths(self, paths: Sequence[Path]) -> int:
        """Queue files or folders (what a drop does); returns how many were new."""
        added = self.model.add_inputs([Path(p) for p in paths])
        self.report = None
        self._refresh()
        return added

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        local = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if local:
            self.add_paths(local)
            event.acceptProposedAction()

    def _choose_file(self) -> None:
        chosen = self._dialogs.choose_file(self, tr("Add a workbook"), XLSX_FILTER)
        if chosen is not None:
            self.add_paths([chosen])

    def _choose_trust(self) -> None:
        chosen = self._dialogs.choose_file(
            self, tr("Trust a certificate or CA"), "Certificates (*.pem *.crt *.cer)"
        )
        if chosen is not None and chosen not in self._trust_files:
            self._trust_files.append(chosen)
            self._refresh()

    def _choose_base(self) -> None:
        chosen = self._dialogs.choose_file(self, tr("Add to an existing master"), XLSX_FILTER)
        if chosen is not None:
            self._base_master = chosen
            self._refresh()

    def _clear(self) -> None:
        self.model.clear()
        self.report = None
        self._base_master = None
        self._show_charts(None)
        self._refresh()

    # --- running ----------------------------------------------------------------------

    @property
    def master_path(self) -> Path:
        return self._workdir / "master.xlsx"

    def start(self) -> None:
        inputs = self.model.inputs
        if not inputs or (self.job is not None and self._runner.running):
            return
        output = self.master_path
        output.unlink(missing_ok=True)
        base, trust_files, today = self._base_master, list(self._trust_files), self._today()

        def work(progress: Progress) -> ConsolidationReport:
            from auditdesk.signing.keystore import KeyStore
            from auditdesk.signing.trust import trust_roots

            if base is not None:
                shutil.copyfile(base, output)
            roots = trust_roots(trust_files, keystore=KeyStore())
            return consolidate(inputs, output, trust_roots=roots, today=today, progress=progress)

        self.run_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.job, _dialog = run_with_progress(
            self,
            self._runner,
            work,
            title=tr("Consolidating workbooks"),
            on_success=self._done,
            on_failure=self._failed,
        )
        self.job.signals.cancelled.connect(self._cancelled)

    def _done(self, report: ConsolidationReport) -> None:
        self.report = report
        self.model.show_entries(report.entries)
        self._show_charts(report)
        self._refresh()
        self.consolidated.emit(report)

    def _failed(self, message: str, _details: str) -> None:
        self._dialogs.show_error(self, tr("Consolidation failed"), message)
        self._refresh()
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self.summary.setText(tr("Cancelled: no master was written."))
        self.run_button.setEnabled(bool(self.model.inputs))

    def save_master(self) -> Path | None:
        if self.report is None or not self.master_path.exists():
            return None
        chosen = self._dialogs.choose_save_path(
            self, tr("Save the master workbook"), Path.home() / "master.xlsx", XLSX_FILTER
        )
        if chosen is None:
            return None
        if chosen.suffix.lower() != ".xlsx":
            chosen = chosen.with_suffix(".xlsx")
        try:
            shutil.copyfile(self.master_path, chosen)
        except OSError as error:
            self._dialogs.show_error(
                self,
                tr("Save the master workbook"),
                tr("Could not save {path}: {error}").format(
                    path=chosen, error=error.strerror or error
                ),
            )
            return None
        self.statusBar().showMessage(tr("Master saved to {path}").format(path=chosen), 8000)
        return chosen

    # --- showing ----------------------------------------------------------------------

    def _show_charts(self, report: ConsolidationReport | None) -> None:
        while self.charts.count():
            item = self.charts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if report is None or not report.audits:
            return
        self.charts.addWidget(area_scores_chart(report.figures))
        self.charts.addWidget(findings_chart(report.figures))

    def _refresh(self) -> None:
        running = self.job is not None and self._runner.running > 0
        self.run_button.setEnabled(bool(self.model.inputs) and not running)
        self.save_button.setEnabled(self.report is not None)
        parts = []
        if self._trust_files:
            parts.append(
                tr("Trusting: {names}").format(names=", ".join(p.name for p in self._trust_files))
            )
        if self._base_master is not None:
            parts.append(tr("Adding to: {name}").format(name=self._base_master.name))
        if self.report is not None:
            figures = self.report.figures
            parts.append(
                tr(
                    "{audits} audits from {files} files; {conflicts} conflicts; "
                    "{overdue} overdue corrective actions."
                ).format(
                    audits=self.report.audits,
                    files=len(self.report.entries),
                    conflicts=self.report.conflicts,
                    overdue=figures.overdue_actions,
                )
            )
        self.summary.setText("  ".join(parts))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            self.job.cancel()
        shutil.rmtree(self._workdir, ignore_errors=True)
        super().closeEvent(event)
