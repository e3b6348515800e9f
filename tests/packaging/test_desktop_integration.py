"""The Linux menu entry, its installer, and the app icon."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import auditdesk

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ENTRY = LINUX / f"{auditdesk.APP_ID}.desktop"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entry_names_the_app_its_program_and_icon() -> None:
    entry = read_entry(ENTRY)
    assert entry["Type"] == "Application"
    assert entry["Name"] == auditdesk.APP_NAME
    assert entry["Exec"] == "auditdesk"
    # The Qt app declares this desktop file name, so docks match its window to the entry.
    assert entry["Icon"] == auditdesk.APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert "Office" in entry["Categories"].split(";")
    assert entry["Comment"]


def test_desktop_entry_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs desktop-file-utils (see .ci/run)")
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(ENTRY)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not result.stdout.strip(), result.stdout  # no hints or warnings either


def test_icon_is_drawn_at_every_size_the_desktops_ask_for() -> None:
    for size in ICON_SIZES:
        with Image.open(ICONS / f"auditdesk-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            # Transparent corners, an opaque centre: a rounded tile, not a blank square.
            assert image.getpixel((0, 0))[3] == 0 or size <= 16
            assert image.getpixel((size // 2, size // 2))[3] == 255
    with Image.open(ICONS / "auditdesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "auditdesk.icns") as icns:
        assert icns.format == "ICNS"


@pytest.fixture
def unpacked_package(tmp_path: Path) -> Path:
    """The top of a built package: program, installer, menu entry, bundled icons."""
    folder = tmp_path / "Field laptop" / "AuditDesk"
    (folder / "_internal" / "resources").mkdir(parents=True)
    shutil.copytree(ICONS, folder / "_internal" / "resources" / "icons")
    shutil.copy2(LINUX / "install.sh", folder / "install.sh")
    shutil.copy2(ENTRY, folder / ENTRY.name)
    program = folder / "auditdesk"
    program.write_text("#!/bin/sh\necho frozen auditdesk\n", encoding="utf-8")
    program.chmod(0o755)
    return folder


def run_installer(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run(
        ["sh", str(folder / "install.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_install_script_adds_a_menu_entry_icons_and_command(
    unpacked_package: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    result = run_installer(unpacked_package, home)
    assert result.returncode == 0, result.stderr

    installed = home / ".local/share/applications" / ENTRY.name
    entry = read_entry(installed)
    # Full path, quoted, because the folder name holds a space.
    assert entry["Exec"] == f'"{unpacked_package / "auditdesk"}"'
    assert entry["TryExec"] == str(unpacked_package / "auditdesk")
    for size in ICON_SIZES:
        icon = home / f".local/share/icons/hicolor/{size}x{size}/apps/{auditdesk.APP_ID}.png"
        assert icon.read_bytes() == (ICONS / f"auditdesk-{size}.png").read_bytes()
    command = home / ".local/bin/auditdesk"
    ran = subprocess.run([str(command)], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "frozen auditdesk"

    removed = run_installer(unpacked_package, home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not installed.exists()
    assert not command.exists()
    assert not list((home / ".local/share/icons").rglob("*.png"))
    assert (unpacked_package / "auditdesk").exists()  # the package itself stays


def test_install_script_refuses_a_folder_it_cannot_quote(tmp_path: Path) -> None:
    folder = tmp_path / "cost$ly" / "AuditDesk"
    folder.mkdir(parents=True)
    (folder / "_internal" / "resources" / "icons").mkdir(parents=True)
    shutil.copy2(LINUX / "install.sh", folder / "install.sh")
    (folder / "auditdesk").write_text("#!/bin/sh\n", encoding="utf-8")
    (folder / "auditdesk").chmod(0o755)
    home = tmp_path / "home"
    result = run_installer(folder, home)
    assert result.returncode == 1
    assert "move the folder" in result.stderr
    assert not (home / ".local").exists()


def test_install_script_wants_the_unpacked_folder(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copy2(LINUX / "install.sh", folder / "install.sh")
    result = run_installer(folder, tmp_path / "home")
    assert result.returncode == 1
    assert "unpacked AuditDesk folder" in result.stderr
