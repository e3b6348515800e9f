"""The interview screen: one question (or field-list group) at a time, keyboard-first.

Enter or Ctrl+Enter goes on, Shift+Enter goes back, digits pick choices, Ctrl+G opens
the list of questions. The screen only draws an :class:`InterviewState` and turns keys
and clicks into intents; the interview controller talks to the session and the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import WidgetServices
from auditdesk.qt.interview.evidence_box import EvidenceBox
from auditdesk.qt.interview.navigator import NavigatorPanel
from auditdesk.qt.interview.question_block import QuestionBlock
from auditdesk.qt.interview.repeat_bar import RepeatBar
from auditdesk.qt.interview.screen_state import InterviewState
from auditdesk.qt.interview.side_panel import SidePanel
from auditdesk.qt.layout_tools import clear_layout
from auditdesk.qt.style import heading, muted, set_role

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class InterviewScreen(QWidget):
    answer_given = Signal(str, object)
    next_requested = Signal()
    back_requested = Signal()
    jump_requested = Signal(str)
    language_chosen = Signal(str)
    add_repeat_requested = Signal()
    remove_repeat_requested = Signal()
    note_changed = Signal(str)
    attach_evidence_requested = Signal()
    reopen_requested = Signal()
    close_requested = Signal()

    def __init__(self, services: WidgetServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._services = services
        self.blocks: list[QuestionBlock] = []
        self.state: InterviewState | None = None
        unit = self.fontMetrics().height()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(round(unit * 1.4), unit, round(unit * 1.4), round(unit * 0.8))
        outer.setSpacing(round(unit * 0.6))

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = heading("", level=2)
        self.section = muted("")
        titles.addWidget(self.title)
        titles.addWidget(self.section)
        header.addLayout(titles, 1)
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Form language"))
        self.language.setToolTip(tr("The language the questions are asked in"))
        header.addWidget(QLabel(tr("Language")))
        header.addWidget(self.language)
        self.navigator_button = QPushButton(tr("Questions"))
        self.navigator_button.setCheckable(True)
        self.navigator_button.setToolTip(tr("List of questions (Ctrl+G)"))
        header.addWidget(self.navigator_button)
        self.close_button = QPushButton(tr("Back to overview"))
        header.addWidget(self.close_button)
        outer.addLayout(header)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(round(unit * 0.5))
        self.progress.setAccessibleName(tr("Progress"))
        self.progress_label = muted("", wrap=False)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label)
        outer.addLayout(progress_row)

        self.locked_banner = QFrame()
        set_role(self.locked_banner, "alert")
        banner = QHBoxLayout(self.locked_banner)
        self.locked_label = QLabel()
        self.locked_label.setWordWrap(True)
        banner.addWidget(self.locked_label, 1)
        self.reopen_button = QPushButton(tr("Reopen to change…"))
        banner.addWidget(self.reopen_button)
        self.locked_banner.hide()
        outer.addWidget(self.locked_banner)

        body = QHBoxLayout()
        body.setSpacing(unit)
        self.navigator = NavigatorPanel()
        self.navigator.setFixedWidth(unit * 17)
        self.navigator.hide()
        body.addWidget(self.navigator)

        centre = QVBoxLayout()
        self.repeat_bar = RepeatBar()
        centre.addWidget(self.repeat_bar)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.question_area = QWidget()
        self.question_area.setObjectName("questionArea")
        self.questions = QVBoxLayout(self.question_area)
        self.questions.setContentsMargins(0, round(unit * 0.4), round(unit * 0.6), 0)
        self.questions.setSpacing(unit)
        self.scroll_area.setWidget(self.question_area)
        centre.addWidget(self.scroll_area, 1)
        self.evidence = EvidenceBox()
        centre.addWidget(self.evidence)
        body.addLayout(centre, 1)

        self.side_panel = SidePanel()
        self.side_panel.setFixedWidth(unit * 18)
        body.addWidget(self.side_panel)
        outer.addLayout(body, 1)

        footer = QHBoxLayout()
        self.back_button = QPushButton(tr("Back"))
        self.back_button.setToolTip(tr("Previous question (Shift+Enter)"))
        self.next_button = QPushButton(tr("Next"))
        self.next_button.setToolTip(tr("Next question (Enter or Ctrl+Enter)"))
        set_role(self.next_button, "primary")
        self.keys_hint = muted(
            tr("Enter: next · Shift+Enter: back · 1–9: choose · Ctrl+G: questions"), wrap=False
        )
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.keys_hint)
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        outer.addLayout(footer)

        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.navigator_button.toggled.connect(self._toggle_navigator)
        self.navigator.jump_requested.connect(self._jump)
        self.language.activated.connect(
            lambda _: self.language_chosen.emit(str(self.language.currentData()))
        )
        self.repeat_bar.add_requested.connect(self._add_repeat)
        self.repeat_bar.remove_requested.connect(self.remove_repeat_requested)
        self.evidence.note_changed.connect(self.note_changed)
        self.evidence.attach_requested.connect(self.attach_evidence_requested)
        self.reopen_button.clicked.connect(self.reopen_requested)
        self.close_button.clicked.connect(self._close)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self.go_next),
            ("Ctrl+Enter", self.go_next),
            ("Shift+Return", self.go_back),
            ("Shift+Enter", self.go_back),
            ("Ctrl+G", self.open_navigator),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- drawing ------------------------------------------------------------------------
    def show_state(self, state: InterviewState, *, focus: bool = True) -> None:
        """Draw ``state``; questions are rebuilt, so focus goes to the first one."""
        self.state = state
        self.title.setText(state.record_title)
        self.title.setAccessibleName(state.record_title)
        self.section.setText(state.section)
        self.section.setVisible(bool(state.section))
        self.progress.setMaximum(max(state.total, 1))
        self.progress.setValue(state.answered)
        self.progress_label.setText(
            tr("{answered} of {total} answered").format(answered=state.answered, total=state.total)
        )
        self._show_languages(state)
        self.repeat_bar.show_place(state.repeat)
        self.side_panel.show_help(state.help)
        self.navigator.set_entries(state.navigator)
        self.locked_banner.setVisible(bool(state.locked_reason))
        self.locked_label.setText(state.locked_reason)
        self.reopen_button.setVisible(state.can_reopen)
        self._rebuild_questions(state)
        self.evidence.setVisible(any(p.type.value != "note" for p in state.prompts))
        self.evidence.show_evidence(state.evidence_note, state.evidence_files)
        self.evidence.setEnabled(not state.locked_reason)
        self.back_button.setEnabled(not state.at_start)
        self.next_button.setText(tr("Finish") if state.at_end else tr("Next"))
        if focus:
            self.focus_first_question()

    def show_errors(self, errors: dict[str, str]) -> None:
        for block in self.blocks:
            block.show_error(errors.get(block.prompt.path, ""))

    def show_value(self, path: str, value: object) -> None:
        block = self.block(path)
        if block is not None:
            block.input.set_value(value)

    def block(self, path: str) -> QuestionBlock | None:
        return next((b for b in self.blocks if b.prompt.path == path), None)

    def _rebuild_questions(self, state: InterviewState) -> None:
        for block in self.blocks:
            block.input.answered.disconnect()
        clear_layout(self.questions)
        self.blocks = []
        if state.end_message:
            done = heading(state.end_message, level=2)
            self.questions.addWidget(done)
        large = len(state.prompts) == 1
        for prompt in state.prompts:
            block = QuestionBlock(prompt, self._services, large=large)
            if state.locked_reason:
                block.input.set_read_only(True)
            block.show_error(state.errors.get(prompt.path, ""))
            block.input.answered.connect(
                lambda value, path=prompt.path: self.answer_given.emit(path, value)
            )
            self.questions.addWidget(block)
            block.show()  # shown now, so that it can take the keyboard focus at once
            self.blocks.append(block)
        self.questions.addStretch(1)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab runs through the questions, then evidence, Next and Back, never out of the form.

        New widgets join the end of Qt's focus chain; without this, Tab from the last
        answer would jump to the sidebar.
        """
        last: QWidget | None = None
        for block in self.blocks:
            widget = block.nextInFocusChain()
            while widget is not None and widget is not block and block.isAncestorOf(widget):
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    last = widget
                widget = widget.nextInFocusChain()
        chain = [
            self.evidence.toggle,
            self.evidence.note,
            self.evidence.attach_button,
            self.next_button,
            self.back_button,
        ]
        previous = last
        for widget in chain:
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget

    def _show_languages(self, state: InterviewState) -> None:
        self.language.blockSignals(True)
        self.language.clear()
        for code, name in state.languages:
            self.language.addItem(name, code)
        index = self.language.findData(state.language)
        self.language.setCurrentIndex(max(index, 0))
        self.language.setEnabled(len(state.languages) > 1)
        self.language.blockSignals(False)

    # -- intents ------------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Report answers still being typed (and the evidence note) before moving."""
        for block in self.blocks:
            block.input.commit()
        self.evidence.flush()

    def go_next(self) -> None:
        self.commit_pending()
        self.next_requested.emit()

    def go_back(self) -> None:
        self.commit_pending()
        self.back_requested.emit()

    def open_navigator(self) -> None:
        self.navigator_button.setChecked(True)
        self.navigator.focus_tree()

    def focus_first_question(self) -> None:
        target = next(
            (b.input for b in self.blocks if b.input.isEnabled() and b.input.takes_input), None
        )
        if target is not None:
            target.focus_input()
        else:
            self.next_button.setFocus()

    def _jump(self, path: str) -> None:
        self.commit_pending()
        self.jump_requested.emit(path)

    def _add_repeat(self) -> None:
        self.commit_pending()
        self.add_repeat_requested.emit()

    def _close(self) -> None:
        self.commit_pending()
        self.close_requested.emit()

    def _toggle_navigator(self, shown: bool) -> None:
        self.navigator.setVisible(shown)
        if not shown:
            self.focus_first_question()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        focused = self.focusWidget()
        if key == Qt.Key.Key_Escape and self.navigator.isVisible():
            self.navigator_button.setChecked(False)
            return
        if key in _ENTER and modifiers == Qt.KeyboardModifier.NoModifier:
            if isinstance(focused, QAbstractButton) and isinstance(focused, QPushButton):
                focused.click()
            elif not isinstance(focused, QPlainTextEdit):
                self.go_next()
            return
        digit = _DIGITS.get(key)
        if digit is not None and modifiers == Qt.KeyboardModifier.NoModifier:
            # A digit picks in the question holding the focus, or in the only question.
            owner = next((b for b in self.blocks if focused and b.isAncestorOf(focused)), None)
            if owner is None and len(self.blocks) == 1:
                owner = self.blocks[0]
            if owner is not None and owner.input.pick_by_digit(digit):
                return
        super().keyPressEvent(event)
