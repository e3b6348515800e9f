"""Each kind of question widget reports what the auditor gives, as the session expects it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from auditdesk.formengine import QuestionType
from auditdesk.qt.interview.base import NewAttachment, WidgetServices
from auditdesk.qt.interview.registry import widget_for


@dataclass(frozen=True)
class Choice:
    name: str
    label: str


@dataclass(frozen=True)
class Prompt:
    type: QuestionType
    path: str = "q"
    label: str = "Question"
    hint: str = ""
    guidance_hint: str = ""
    choices: tuple[Choice, ...] = ()
    value: object = None
    required: bool = False
    read_only: bool = False
    appearance: str = ""
    parameters: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)


YES_NO_DK = (Choice("yes", "Yes"), Choice("no", "No"), Choice("dk", "Don't know"))


def _services(chosen: Path | None = None) -> WidgetServices:
    return WidgetServices(
        choose_file=lambda parent, title, name_filter: chosen,
        load_attachment=lambda path, name: None,
    )


def _make(qtbot, prompt: Prompt, services: WidgetServices | None = None):
    widget = widget_for(prompt, services or _services())
    qtbot.addWidget(widget)
    widget.show()
    reported: list[object] = []
    widget.answered.connect(reported.append)
    return widget, reported


def test_digits_pick_a_choice_and_backspace_clears_it(qtbot) -> None:
    widget, reported = _make(qtbot, Prompt(QuestionType.SELECT_ONE, choices=YES_NO_DK))
    widget.focus_input()
    QTest.keyClick(widget.buttons[0], Qt.Key.Key_3)
    QTest.keyClick(widget.buttons[2], Qt.Key.Key_2)
    assert reported == ["dk", "no"]
    QTest.keyClick(widget.buttons[1], Qt.Key.Key_Backspace)
    assert reported[-1] is None
    assert widget.value() is None


def test_digits_toggle_choices_of_a_select_multiple(qtbot) -> None:
    widget, reported = _make(qtbot, Prompt(QuestionType.SELECT_MULTIPLE, choices=YES_NO_DK))
    assert widget.pick_by_digit(1)
    assert widget.pick_by_digit(3)
    assert widget.pick_by_digit(1)
    assert reported == [("yes",), ("yes", "dk"), ("dk",)]
    assert not widget.pick_by_digit(4)


def test_appearances_choose_the_widget(qtbot) -> None:
    minimal, reported = _make(
        qtbot, Prompt(QuestionType.SELECT_ONE, choices=YES_NO_DK, appearance="minimal")
    )
    assert type(minimal).__name__ == "CompactSelectOneQuestion"
    QTest.keyClick(minimal.combo, Qt.Key.Key_2)
    assert reported == ["no"]
    likert, _ = _make(
        qtbot, Prompt(QuestionType.SELECT_ONE, choices=YES_NO_DK, appearance="likert")
    )
    assert type(likert).__name__ == "LikertQuestion"
    # The scale is a row: its buttons sit side by side.
    assert likert.buttons[0].y() == likert.buttons[2].y()
    assert likert.buttons[0].x() < likert.buttons[2].x()
    signature, _ = _make(qtbot, Prompt(QuestionType.IMAGE, appearance="signature"))
    assert type(signature).__name__ == "SignatureQuestion"


def test_numbers_accept_a_decimal_comma_and_ranges_start_empty(qtbot) -> None:
    decimal, reported = _make(qtbot, Prompt(QuestionType.DECIMAL))
    QTest.keyClicks(decimal.editor, "12,5")
    decimal.commit()
    assert reported == [12.5]
    QTest.keyClicks(decimal.editor, "x")  # refused by the validator
    assert decimal.editor.text() == "12,5"
    ranged, reported = _make(
        qtbot, Prompt(QuestionType.RANGE, parameters={"start": "0", "end": "10", "step": "1"})
    )
    assert ranged.value() is None
    ranged.spin.setValue(7)
    assert reported[-1] == 7


def test_an_empty_date_stays_empty_until_chosen(qtbot) -> None:
    widget, reported = _make(qtbot, Prompt(QuestionType.DATE))
    assert widget.value() is None
    widget.set_value("2026-03-02")
    assert widget.value() == datetime.date(2026, 3, 2)
    assert reported == []  # showing a stored value is not a new answer


def test_a_drawn_signature_is_kept_as_a_png(qtbot) -> None:
    widget, reported = _make(qtbot, Prompt(QuestionType.IMAGE, appearance="signature"))
    widget.keep()
    assert reported == []  # nothing drawn yet
    widget.canvas.draw_line(QPoint(20, 60), QPoint(200, 40))
    widget.keep()
    [kept] = reported
    assert isinstance(kept, NewAttachment)
    assert kept.mime_type == "image/png"
    assert kept.content.startswith(b"\x89PNG")
    assert widget.value() == kept.filename


def test_an_attached_photo_is_previewed_and_reported(qtbot, tmp_path: Path) -> None:
    photo = tmp_path / "notice-board.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    assert image.save(str(photo))
    widget, reported = _make(qtbot, Prompt(QuestionType.IMAGE), _services(photo))
    qtbot.mouseClick(widget.attach_button, Qt.MouseButton.LeftButton)
    [attached] = reported
    assert isinstance(attached, NewAttachment)
    assert attached.filename == "notice-board.png"
    assert attached.content == photo.read_bytes()
    assert not widget.preview.isHidden()
    assert widget.value() == "notice-board.png"


def test_text_is_saved_after_a_pause_in_typing(qtbot) -> None:
    widget, reported = _make(qtbot, Prompt(QuestionType.TEXT, appearance="multiline"))
    QTest.keyClicks(widget.editor, "Paid late twice")
    with qtbot.waitSignal(widget.answered, timeout=5000):
        pass
    assert reported == ["Paid late twice"]
