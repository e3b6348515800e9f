"""Training mode from the window (issue 8.2) and the Tools menu's windows of their own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from auditdesk import paths


def _audits(desktop) -> list[str]:
    return [a.site for a in desktop.audits_home.audits.visible_audits()]


def test_training_mode_opens_its_own_database_and_switches_back(
    qtbot, open_desktop, quick_audit, wait_for_jobs, dialogs
) -> None:
    desktop = open_desktop()
    window = desktop.window
    real_path = desktop.workspace.repository.path
    real_audit = quick_audit(desktop)
    desktop.navigation.open_audit(real_audit)
    wait_for_jobs(desktop)
    assert window.training_banner.isHidden()

    qtbot.mouseClick(window.training_button, Qt.MouseButton.LeftButton)  # into training
    wait_for_jobs(desktop)
    repository = desktop.workspace.repository
    assert repository.path == paths.default_database(training=True)
    assert repository.is_training_database()  # marked at database level
    assert desktop.audits_home.showing_welcome  # none of the real audits here
    assert window.current_section() == "audits"
    assert not window.training_banner.isHidden()
    assert window.training_banner.text() == "Training — fictional data"
    assert "Training — fictional data" in window.windowTitle()
    assert window.training_button.isChecked()
    assert window.training_action.isChecked()
    practice_audit = quick_audit(desktop)  # made in training: carries the mark
    assert desktop.workspace.repository.get_audit(practice_audit).training
    assert _audits(desktop) == ["Mombasa annotation floor"]

    window.show_section("settings")
    assert desktop.settings_screen.training.isChecked()
    desktop.settings_screen.training.click()  # back (the card may sit below the fold)
    wait_for_jobs(desktop)
    assert desktop.workspace.repository.path == real_path
    assert [a.uuid for a in desktop.audits_home.audits.visible_audits()] == [real_audit]
    assert not desktop.workspace.repository.get_audit(real_audit).training
    assert window.training_banner.isHidden()
    assert "Training" not in window.windowTitle()
    assert not desktop.settings_screen.training.isChecked()
    assert not window.training_button.isChecked()
    # Back where the auditor was in the real database.
    assert desktop.navigation.audit_uuid == real_audit
    assert window.current_section() == "overview"

    window.training_action.trigger()  # the Tools menu's switch: the practice audit is still there
    wait_for_jobs(desktop)
    assert [a.uuid for a in desktop.audits_home.audits.visible_audits()] == [practice_audit]
    assert dialogs.errors == []
    desktop.training.switch(False)
    wait_for_jobs(desktop)


def test_a_database_that_cannot_open_leaves_the_auditor_where_they_were(
    qtbot, open_desktop, quick_audit, wait_for_jobs, dialogs, tmp_path
) -> None:
    desktop = open_desktop()
    real_audit = quick_audit(desktop)
    # The training database is a file holding real audits: the store refuses it.
    from auditdesk.appoptions import AppOptions

    desktop.training.practice = AppOptions(desktop.workspace.repository.path, training=True)
    desktop.workspace.close()
    desktop.training.real = AppOptions(tmp_path / "audits.sqlite")
    desktop.opener.open_now()
    assert not desktop.training.switch(True)
    wait_for_jobs(desktop)
    [(_title, message)] = dialogs.errors
    assert message
    assert desktop.workspace.is_open
    assert not desktop.workspace.options.training
    assert [a.uuid for a in desktop.audits_home.audits.visible_audits()] == [real_audit]
    assert desktop.window.training_banner.isHidden()
    assert not desktop.window.training_button.isChecked()


def test_the_tools_menu_opens_consolidation_and_calibration_once(qtbot, open_desktop) -> None:
    desktop = open_desktop()
    window = desktop.window
    window.consolidate_action.trigger()
    consolidation = desktop.tools.consolidation
    assert consolidation is not None
    assert consolidation.isVisible()
    window.consolidate_action.trigger()
    assert desktop.tools.consolidation is consolidation  # brought forward, not a copy
    window.calibrate_action.trigger()
    calibration = desktop.tools.calibration
    assert calibration is not None
    assert calibration.isVisible()
    assert calibration.windowTitle() == "Calibrate trainees"
    calibration.close()
    consolidation.close()
