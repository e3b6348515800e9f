"""Shared test set-up: no test touches the real user folders, Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point platformdirs (XDG on Linux) at a temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("AUDITDESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("AUDITDESK_KEY_PASSPHRASE", raising=False)


@pytest.fixture
def shared_corpus() -> Path:
    """The public XLSForms beside the repository; CI always has them."""
    if not SHARED_CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the shared corpus at {SHARED_CORPUS}")
        pytest.skip(f"no shared corpus at {SHARED_CORPUS} (a clone without ../shared)")
    return SHARED_CORPUS
