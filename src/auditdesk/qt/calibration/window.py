"""The Calibration window: choose the reference workbook, add trainees' workbooks (or drop
them), compare, read the table and each trainee's disagreements, save the PDF report.

The work is :func:`auditdesk.training.calibration.calibrate_files` (well under a second
per workbook, so it runs on the UI thread) and
:func:`auditdesk.training.calibration_report.build_calibration_pdf`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import N_, tr
from auditdesk.training.calibration import CalibrationReport, TraineeCalibration

XLSX_FILTER = "Excel workbooks (*.xlsx)"
SUMMARY_COLUMNS = (
    N_("Trainee audit"),
    N_("Agreement"),
    N_("Kappa"),
    "",
    N_("Missed findings"),
    N_("Extra findings"),
    N_("Severity differs"),
)
DETAIL_COLUMNS = (
    N_("Criterion"),
    N_("Title"),
    N_("Reference"),
    N_("Trainee"),
    N_("What to check"),
    N_("References"),
)


class CalibrationWindow(QMainWindow):
    """A trainer's desk: how far each trainee's judgement is from the reference audit."""

    def __init__(self, dialogs: Dialogs, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Calibrate trainees"))
        self.setObjectName("calibrationWindow")
        self.resize(1100, 760)
        self.setAcceptDrops(True)
        self._dialogs = dialogs
        self.reference: Path | None = None
        self.report: CalibrationReport | None = None

        self.reference_label = QLabel(tr("Reference audit: none chosen"))
        self.trainee_list = QListWidget()
        self.trainee_list.setAccessibleName(tr("Trainee workbooks"))
        self.trainee_list.setMaximumHeight(120)
        self.summary = self._table(SUMMARY_COLUMNS, tr("Comparison"))
        self.summary.itemSelectionChanged.connect(self._show_selected)
        self.details = self._table(DETAIL_COLUMNS, tr("Disagreements"))
        self.details.setWordWrap(True)
        self.details.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)

        self.reference_button = self._button(tr("Choose reference…"), self._choose_reference)
        self.add_button = self._button(tr("Add trainee workbook…"), self._choose_trainee)
        self.clear_button = self._button(tr("Clear"), self.clear)
        self.compare_button = self._button(tr("Compare"), self.compare)
        self.compare_button.setDefault(True)
        self.save_button = self._button(tr("Save PDF report…"), self.save_report)

        buttons = QHBoxLayout()
        for button in (self.reference_button, self.add_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.save_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.summary)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(
            QLabel(
                tr(
                    "Compare trainees' exported audits with the case's reference audit: "
                    "agreement on criterion results, Cohen's kappa and findings. "
                    "Drop trainee workbooks here."
                )
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.reference_label)
        layout.addWidget(self.trainee_list)
        layout.addWidget(self.notes)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(body)
        self._refresh()

    def _button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: action())
        return button

    def _table(self, columns: Sequence[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels([tr(column) if column else "" for column in columns])
        table.setAccessibleName(name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        return table

    # --- inputs ---------------------------------------------------------------------

    def set_reference(self, path: Path) -> None:
        self.reference = path
        self.report = None
        self._refresh()

    def add_trainees(self, paths: Sequence[Path]) -> None:
        known = set(self.trainee_paths())
        for path in paths:
            if path.suffix.lower() == ".xlsx" and path not in known:
                self.trainee_list.addItem(str(path))
                known.add(path)
        self.report = None
        self._refresh()

    def trainee_paths(self) -> list[Path]:
        return [Path(self.trainee_list.item(i).text()) for i in range(self.trainee_list.count())]

    def clear(self) -> None:
        self.trainee_list.clear()
        self.report = None
        self._refresh()

    def _choose_reference(self) -> None:
        chosen = self._dialogs.choose_file(self, tr("Choose the reference audit"), XLSX_FILTER)
        if chosen is not None:
            self.set_reference(chosen)

    def _choose_trainee(self) -> None:
        chosen = self._dialogs.choose_file(self, tr("Add a trainee's audit"), XLSX_FILTER)
        if chosen is not None:
            self.add_trainees([chosen])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        local = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if local:
            self.add_trainees(local)
            event.acceptProposedAction()

    # --- comparing --------------------------------------------------------------------

    def compare(self) -> bool:
        """Run the comparison; False (with the reason shown) when it cannot."""
        from auditdesk.training.calibration import calibrate_files
        from auditdesk.training.exported_audit import CalibrationInputError

        if self.reference is None or not self.trainee_paths():
            return False
        try:
            self.report = calibrate_files(self.reference, self.trainee_paths())
        except CalibrationInputError as error:
            self.report = None
            self._dialogs.show_error(self, tr("The workbooks could not be compared"), str(error))
            self._refresh()
            return False
        self._refresh()
        if self.summary.rowCount():
            self.summary.selectRow(0)
        return True

    def save_report(self) -> Path | None:
        from auditdesk.training.calibration_report import build_calibration_pdf

        if self.report is None:
            return None
        target = self._dialogs.choose_save_path(
            self, tr("Save the calibration report"), Path("calibration.pdf"), "PDF (*.pdf)"
        )
        if target is None:
            return None
        try:
            target.write_bytes(build_calibration_pdf(self.report))
        except OSError as error:
            self._dialogs.show_error(
                self, tr("The report could not be saved"), f"{target}: {error.strerror}"
            )
            return None
        return target

    # --- showing ----------------------------------------------------------------------

    def _refresh(self) -> None:
        reference = self.reference.name if self.reference else tr("none chosen")
        self.reference_label.setText(tr("Reference audit: {name}").format(name=reference))
        self.compare_button.setEnabled(self.reference is not None and self.trainee_list.count() > 0)
        self.save_button.setEnabled(self.report is not None)
        report = self.report
        trainees = report.trainees if report else ()
        self.summary.setRowCount(len(trainees))
        for row, trainee in enumerate(trainees):
            self._fill_summary_row(row, trainee)
        self.summary.resizeColumnsToContents()
        self.notes.setText("\n".join(report.warnings) if report else "")
        if not trainees:
            self.details.setRowCount(0)

    def _fill_summary_row(self, row: int, trainee: TraineeCalibration) -> None:
        from auditdesk.training.calibration_report import kappa_words

        kappa = "–" if trainee.kappa is None else f"{trainee.kappa:.2f}"
        values = (
            trainee.file,
            f"{trainee.overall_agreement:.0%} ({trainee.agreed}/{trainee.compared})",
            kappa,
            kappa_words(trainee.kappa),
            ", ".join(f.criterion for f in trainee.missed_findings) or "–",
            ", ".join(f.criterion for f in trainee.extra_findings) or "–",
            ", ".join(
                f"{d.criterion} {d.reference}→{d.trainee}" for d in trainee.severity_differences
            )
            or "–",
        )
        for column, value in enumerate(values):
            self.summary.setItem(row, column, QTableWidgetItem(value))

    def _show_selected(self) -> None:
        rows = {index.row() for index in self.summary.selectedIndexes()}
        if self.report is None or len(rows) != 1:
            self.details.setRowCount(0)
            return
        trainee = self.report.trainees[rows.pop()]
        self.details.setRowCount(len(trainee.disagreements))
        for row, item in enumerate(trainee.disagreements):
            values = (
                item.criterion,
                item.title,
                item.reference.value.replace("_", "-"),
                item.trainee.value.replace("_", "-"),
                item.guidance,
                item.references,
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.details.setItem(row, column, cell)
        self.details.resizeRowsToContents()
