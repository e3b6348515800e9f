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


@pytest.fixture
def soffice() -> str:
    """LibreOffice's command, for tests that open our files as a spreadsheet user would.

    Required in CI (its script installs libreoffice-calc-nogui); skipped elsewhere without it.
    """
    import shutil

    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("CI must provide LibreOffice (apt-get install -y libreoffice-calc-nogui)")
    pytest.skip("LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui)")


@pytest.fixture
def decompression_bomb():
    """``make(unpacked_mb) -> bytes``: an .xlsx whose one sheet unpacks to that many MB
    of one repeated row, small on disk (deflated while streamed)."""
    import io
    import zipfile

    def make(unpacked_mb: int) -> bytes:
        row = b'<row><c t="inlineStr"><is><t>text</t></is></c></row>'
        block = row * (1024 * 1024 // len(row))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as stream:
                stream.write(b"<worksheet><sheetData>")
                for _ in range(unpacked_mb):
                    stream.write(block)
                stream.write(b"</sheetData></worksheet>")
        return buffer.getvalue()

    return make
