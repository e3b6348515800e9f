"""New audit, in five short steps: site, interviews to plan, visit, checklists, review."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditdesk.domain import AuditType, Site, SupplyChainPosition
from auditdesk.qt.controllers.audit_setup import NewAuditPlan, SiteDetails
from auditdesk.qt.i18n import N_, tr
from auditdesk.qt.labels import label
from auditdesk.qt.screens.layout import ScreenFrame
from auditdesk.qt.style import heading, muted, scaled_font, set_role

SampleAdvice = Callable[[int], str]
"""Headcount → the sampling recommendation in words (from the audit method)."""

_AUDIT_TYPE_HELP = {
    AuditType.ANNOUNCED: "The site knows the dates in advance and prepares documents.",
    AuditType.SEMI_ANNOUNCED: "The site knows a window of several weeks, not the day.",
    AuditType.UNANNOUNCED: "The site is not told; best for seeing normal working conditions.",
}


def _qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> datetime.date:
    return datetime.date(day.year(), day.month(), day.day())


class NewAuditWizard(ScreenFrame):
    completed = Signal(object)  # NewAuditPlan
    cancelled = Signal()

    STEPS = ("site", "sampling", "visit", "checklists", "review")
    STEP_NAMES = (N_("Site"), N_("Interviews"), N_("Visit"), N_("Checklists"), N_("Review"))

    def __init__(self, advice: SampleAdvice, parent: QWidget | None = None) -> None:
        super().__init__(tr("New audit"), "", parent)
        self._advice = advice
        self._sites: list[Site] = []
        self._checklists: list[tuple[str, str, str]] = []
        self.step_label = muted("")
        self.step_label.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.step_label)
        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)
        self.error = QLabel()
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.body.addWidget(self.error)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(tr("Cancel"))
        self.back_button = QPushButton(tr("Back"))
        self.next_button = QPushButton(tr("Next"))
        set_role(self.next_button, "primary")
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        self.body.addLayout(buttons)
        self._build_site_page()
        self._build_sampling_page()
        self._build_visit_page()
        self._build_checklists_page()
        self._build_review_page()
        self.cancel_button.clicked.connect(self.cancelled)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self._go(0)

    # -- pages --------------------------------------------------------------------------
    def _page(self, title: str, explanation: str) -> QFormLayout:
        """A card with a title, a line of explanation and a form, as wide as it reads well."""
        page = QFrame()
        set_role(page, "card")
        unit = self.fontMetrics().height()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(round(unit * 1.5), unit, round(unit * 1.5), unit)
        outer.setSpacing(round(unit * 0.6))
        outer.addWidget(heading(title, level=2))
        outer.addWidget(muted(explanation))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(unit)
        form.setVerticalSpacing(round(unit * 0.5))
        outer.addLayout(form)
        page.setMaximumWidth(unit * 46)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        centred = QHBoxLayout()
        centred.addWidget(page, 1)  # grows up to its maximum width, then the margin grows
        centred.addStretch(0)
        column.addLayout(centred)
        column.addStretch(1)  # the card is as tall as its content
        self.pages.addWidget(holder)
        return form

    def _build_site_page(self) -> None:
        form = self._page(
            tr("Which site?"),
            tr(
                "The workplace you will visit. Pick a site audited before to keep its history "
                "together, or describe a new one."
            ),
        )
        self.site_choice = QComboBox()
        self.site_choice.setAccessibleName(tr("Site"))
        form.addRow(tr("Site"), self.site_choice)
        self.organisation = QLineEdit()
        self.site_name = QLineEdit()
        self.country = QLineEdit()
        self.city = QLineEdit()
        self.sector = QLineEdit(tr("Data enrichment"))
        self.position = QComboBox()
        for position in SupplyChainPosition:
            self.position.addItem(label(position), position)
        self.position.setCurrentIndex(self.position.findData(SupplyChainPosition.VENDOR.value))
        self.headcount = QSpinBox()
        self.headcount.setRange(0, 1_000_000)
        self.headcount.setSpecialValueText(tr("Not known yet"))
        self.headcount.setGroupSeparatorShown(True)
        for text, widget in (
            (tr("Organisation"), self.organisation),
            (tr("Site name"), self.site_name),
            (tr("Country"), self.country),
            (tr("City"), self.city),
            (tr("Sector"), self.sector),
            (tr("Position in the supply chain"), self.position),
            (tr("Workers on site (headcount)"), self.headcount),
        ):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        self.site_choice.currentIndexChanged.connect(self._site_chosen)

    def _build_sampling_page(self) -> None:
        form = self._page(
            tr("How many workers to interview?"),
            tr(
                "The audit method recommends interviewing about the square root of the "
                "workforce, half one to one and half in small groups."
            ),
        )
        self.sample_advice = QLabel()
        self.sample_advice.setWordWrap(True)
        self.sample_advice.setObjectName("sampleAdvice")
        self.sample_advice.setFont(scaled_font(self.sample_advice.font(), 1.2, bold=True))
        form.addRow(self.sample_advice)
        self.spread_hint = muted(
            tr(
                "Spread the interviews over contract types, genders, shifts and kinds of work; "
                "the audit overview shows who you have reached so far."
            )
        )
        form.addRow(self.spread_hint)

    def _build_visit_page(self) -> None:
        form = self._page(
            tr("The visit"),
            tr("How the site was told, when you go, and who audits."),
        )
        types = QVBoxLayout()
        self.type_group = QButtonGroup(self)
        for index, audit_type in enumerate(AuditType):
            button = QRadioButton(label(audit_type))
            button.setAccessibleDescription(tr(_AUDIT_TYPE_HELP[audit_type]))
            self.type_group.addButton(button, index)
            row = QVBoxLayout()
            row.setSpacing(0)
            row.addWidget(button)
            hint = muted(tr(_AUDIT_TYPE_HELP[audit_type]))
            hint.setIndent(self.fontMetrics().averageCharWidth() * 4)
            row.addWidget(hint)
            types.addLayout(row)
        self.type_group.button(2).setChecked(True)
        form.addRow(tr("Audit type"), types)
        today = datetime.date.today()
        self.start_date = QDateEdit(_qdate(today))
        self.end_date = QDateEdit(_qdate(today + datetime.timedelta(days=2)))
        for widget, text in ((self.start_date, tr("First day")), (self.end_date, tr("Last day"))):
            widget.setCalendarPopup(True)
            widget.setDisplayFormat("yyyy-MM-dd")
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        self.lead_auditor = QLineEdit()
        self.lead_auditor.setAccessibleName(tr("Lead auditor"))
        form.addRow(tr("Lead auditor"), self.lead_auditor)
        self.team = QPlainTextEdit()
        self.team.setAccessibleName(tr("Audit team"))
        self.team.setPlaceholderText(tr("One name per line"))
        self.team.setTabChangesFocus(True)
        self.team.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(tr("Other auditors"), self.team)

    def _build_checklists_page(self) -> None:
        form = self._page(
            tr("Checklists"),
            tr(
                "A copy of each checklist is kept with the audit, so it always reopens with "
                "the questions it was done with."
            ),
        )
        self.checklist_box = QVBoxLayout()
        form.addRow(self.checklist_box)
        self.checklist_buttons: dict[str, QCheckBox] = {}

    def _build_review_page(self) -> None:
        form = self._page(tr("Review"), tr("Check the details, then create the audit."))
        self.review = QLabel()
        self.review.setObjectName("reviewSummary")
        self.review.setWordWrap(True)
        self.review.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.review)

    # -- data in ------------------------------------------------------------------------
    def prepare(
        self,
        *,
        sites: Sequence[Site],
        checklists: Sequence[tuple[str, str, str]],
        lead_auditor: str = "",
        based_on: NewAuditPlan | None = None,
    ) -> None:
        """Reset for a new audit; ``checklists`` are (form id, title, description)."""
        self._sites = list(sites)
        self.site_choice.blockSignals(True)
        self.site_choice.clear()
        self.site_choice.addItem(tr("A new site"), None)
        for site in self._sites:
            self.site_choice.addItem(
                f"{site.name} — {site.organisation}, {site.country}", site.uuid
            )
        self.site_choice.blockSignals(False)
        for field in (self.organisation, self.site_name, self.country, self.city):
            field.clear()
        self.headcount.setValue(0)
        self.lead_auditor.setText(lead_auditor)
        self.team.clear()
        while self.checklist_box.count():
            item = self.checklist_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.checklist_buttons = {}
        self._checklists = list(checklists)
        for form_id, title, description in checklists:
            box = QCheckBox(title)
            box.setChecked(True)
            box.setAccessibleDescription(description)
            self.checklist_box.addWidget(box)
            if description:
                hint = muted(description)
                hint.setIndent(self.fontMetrics().averageCharWidth() * 4)
                self.checklist_box.addWidget(hint)
            self.checklist_buttons[form_id] = box
        if based_on is not None:
            self._fill_from(based_on)
        self._site_chosen()
        self._go(0)

    def _fill_from(self, plan: NewAuditPlan) -> None:
        index = self.site_choice.findData(plan.site.existing_uuid)
        self.site_choice.setCurrentIndex(max(index, 0))
        self.headcount.setValue(plan.site.headcount or 0)
        self.type_group.button(list(AuditType).index(plan.audit_type)).setChecked(True)
        self.lead_auditor.setText(plan.lead_auditor)
        self.team.setPlainText("\n".join(plan.team))
        for form_id, box in self.checklist_buttons.items():
            box.setChecked(form_id in plan.checklists)

    def _site_chosen(self) -> None:
        uuid = self.site_choice.currentData()
        site = next((s for s in self._sites if s.uuid == uuid), None)
        for field in (
            self.organisation,
            self.site_name,
            self.country,
            self.city,
            self.sector,
            self.position,
        ):
            field.setEnabled(site is None)
        if site is not None:
            self.organisation.setText(site.organisation)
            self.site_name.setText(site.name)
            self.country.setText(site.country)
            self.city.setText(site.city)
            self.sector.setText(site.sector)
            self.position.setCurrentIndex(self.position.findData(site.position.value))
            self.headcount.setValue(site.headcount or 0)

    # -- stepping -----------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def next(self) -> None:
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        if self.step == len(self.STEPS) - 1:
            self.completed.emit(self.plan())
            return
        self._go(self.step + 1)

    def back(self) -> None:
        if self.step > 0:
            self._go(self.step - 1)

    def _go(self, step: int) -> None:
        self.error.hide()
        self.pages.setCurrentIndex(step)
        names = [
            (f"<b>{index + 1}. {tr(name)}</b>" if index == step else f"{index + 1}. {tr(name)}")
            for index, name in enumerate(self.STEP_NAMES)
        ]
        self.step_label.setText("&nbsp;&nbsp;›&nbsp;&nbsp;".join(names))
        self.step_label.setAccessibleName(
            tr("Step {number} of {count}").format(number=step + 1, count=len(self.STEPS))
        )
        self.back_button.setEnabled(step > 0)
        last = step == len(self.STEPS) - 1
        self.next_button.setText(tr("Create audit") if last else tr("Next"))
        if self.STEPS[step] == "sampling":
            headcount = self.headcount.value()
            self.sample_advice.setText(
                self._advice(headcount)
                if headcount
                else tr(
                    "Enter the site's headcount on the first step to get a recommendation. "
                    "You can also record it later in the site profile."
                )
            )
        if self.STEPS[step] == "review":
            self.review.setText(self._summary())
        page = self.pages.currentWidget()
        if page is not None:
            page.focusNextChild()

    def _problem(self) -> str:
        if self.STEPS[self.step] == "site":
            missing = [
                text
                for text, field in (
                    (tr("organisation"), self.organisation),
                    (tr("site name"), self.site_name),
                    (tr("country"), self.country),
                )
                if not field.text().strip()
            ]
            if missing:
                return tr("Please fill in: {fields}.").format(fields=", ".join(missing))
        if self.STEPS[self.step] == "visit" and self.end_date.date() < self.start_date.date():
            return tr("The last day comes before the first day.")
        if self.STEPS[self.step] == "checklists" and not any(
            box.isChecked() for box in self.checklist_buttons.values()
        ):
            return tr("Choose at least one checklist.")
        return ""

    def plan(self) -> NewAuditPlan:
        audit_type = list(AuditType)[max(self.type_group.checkedId(), 0)]
        headcount = self.headcount.value() or None
        return NewAuditPlan(
            site=SiteDetails(
                organisation=self.organisation.text().strip(),
                name=self.site_name.text().strip(),
                country=self.country.text().strip(),
                city=self.city.text().strip(),
                sector=self.sector.text().strip(),
                headcount=headcount,
                position=SupplyChainPosition(str(self.position.currentData())),
                existing_uuid=self.site_choice.currentData(),
            ),
            audit_type=audit_type,
            planned_start=_pydate(self.start_date.date()),
            planned_end=_pydate(self.end_date.date()),
            lead_auditor=self.lead_auditor.text().strip(),
            team=tuple(
                line.strip() for line in self.team.toPlainText().splitlines() if line.strip()
            ),
            checklists=tuple(f for f, box in self.checklist_buttons.items() if box.isChecked()),
        )

    def _summary(self) -> str:
        plan = self.plan()
        titles = {form_id: title for form_id, title, _ in self._checklists}
        rows = [
            (
                tr("Site"),
                f"{plan.site.name} ({plan.site.organisation}), "
                f"{plan.site.city + ', ' if plan.site.city else ''}{plan.site.country}",
            ),
            (tr("Workers on site"), str(plan.site.headcount or tr("not known yet"))),
            (tr("Audit type"), label(plan.audit_type)),
            (tr("Dates"), f"{plan.planned_start} – {plan.planned_end}"),
            (tr("Lead auditor"), plan.lead_auditor or "—"),
            (tr("Other auditors"), ", ".join(plan.team) or "—"),
            (tr("Checklists"), ", ".join(titles.get(c, c) for c in plan.checklists)),
        ]
        cells = "".join(
            f"<tr><td style='padding:4px 16px 4px 0; color:#5b6776'>{_escape(name)}</td>"
            f"<td style='padding:4px 0'>{_escape(value)}</td></tr>"
            for name, value in rows
        )
        return f"<table>{cells}</table>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
