"""``auditdesk --selftest`` from the virtual environment (the frozen one runs in .ci/run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditdesk import paths, selftest
from auditdesk.cli import main

SUMMARY = re.compile(r"^selftest: (\d+) steps passed in \d+\.\ds$")


@pytest.mark.slow
def test_selftest_passes_prints_one_line_and_leaves_user_folders_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--selftest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    assert int(match.group(1)) == len(selftest.STEPS)
    # conftest points the user folders at a fresh temporary home for this test.
    assert not paths.user_data_dir().exists()
    assert not paths.user_config_dir().exists()


def test_every_step_the_issue_lists_is_in_the_run() -> None:
    names = " / ".join(name for name, _ in selftest.STEPS)
    for wanted in (
        "plain database",
        "encrypted database",
        "walk bundled checklists",
        "sample audit",
        "score",
        "export",
        "verify",
        "consolidate",
    ):
        assert wanted in names


def test_a_missing_checklist_folder_fails_naming_the_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "forms_dir", lambda: tmp_path / "forms")
    lines: list[str] = []
    assert selftest.run_selftest(lines.append, verbose=True) == 1
    # The steps before it passed and said so; the failure is the last line.
    assert [line.split()[1:3] for line in lines[:-1]] == [
        ["plain", "database"],
        ["encrypted", "database"],
    ]
    assert "step 3/" in lines[-1]
    assert "'walk bundled checklists' failed" in lines[-1]
    assert str(tmp_path / "forms") in lines[-1]


def test_a_damaged_checklist_fails_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "site_profile.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    monkeypatch.setattr(paths, "forms_dir", lambda: forms)
    assert main(["--selftest"]) == 1
    out = capsys.readouterr().out
    assert "walk bundled checklists" in out
    assert "site_profile.xlsx" in out
    assert "Traceback" not in out
