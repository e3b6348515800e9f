"""Regressions found by the trials (``make trials``): storage."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from auditdesk.storage import ReadOnlyLocationError, open_database


def test_backup_to_a_missing_folder_creates_it(tmp_path: Path) -> None:
    target = tmp_path / "usb" / "backups" / "copy.sqlite"
    with open_database(tmp_path / "audit.sqlite") as repo:
        assert repo.backup_to(target) == target
    with open_database(target) as copy:
        assert copy.check().ok


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to this user")
def test_backup_to_an_unwritable_folder_names_the_target_not_a_bug(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with open_database(tmp_path / "audit.sqlite") as repo, pytest.raises(
            ReadOnlyLocationError
        ) as caught:
            repo.backup_to(locked / "copy.sqlite")
    finally:
        locked.chmod(0o700)
    assert str(locked / "copy.sqlite") in caught.value.user_message
