"""packaging/auditdesk.spec, run against a stand-in for PyInstaller's spec interface.

PyInstaller itself runs in .ci/run (a build takes minutes); here the spec's own logic is
executed with recording stand-ins for Analysis, EXE, COLLECT and BUNDLE, so what it asks
PyInstaller for — data files, hidden imports, which Qt parts are dropped, the
executables and the macOS bundle — is checked on every OS branch.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import auditdesk
from auditdesk import paths

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "auditdesk.spec"

# A table of contents as PySide6's hooks produce it on the three platforms (destination,
# source, kind); the spec must keep the first group and drop the second.
QT_KEPT = [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/translations/qtbase_fr.qm",
    "PySide6/Qt/translations/qt_es.qm",
    "PySide6\\Qt6Widgets.dll",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "resources/locale/fr/LC_MESSAGES/auditdesk.mo",
]
QT_DROPPED = [
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6QmlModels.so.6",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libQt6WlShellIntegration.so.6",
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
    "PySide6/Qt/lib/libQt63DCore.so.6",
    "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/lib/libQt6Designer.so.6",
    "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    "PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qtdeclarative_fr.qm",
    "PySide6/Qt/translations/qtmultimedia_es.qm",
    "PySide6\\Qt6Quick.dll",
    "PySide6\\Qt6Qml.dll",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
    "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
]


@dataclass
class Recorded:
    """What the spec asked of PyInstaller."""

    analysis: dict[str, Any] = field(default_factory=dict)
    exes: list[dict[str, Any]] = field(default_factory=list)
    collect: dict[str, Any] = field(default_factory=dict)
    bundle: dict[str, Any] | None = None
    data_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    submodule_calls: list[str] = field(default_factory=list)
    binaries_out: list[str] = field(default_factory=list)
    datas_out: list[str] = field(default_factory=list)


def run_spec(platform: str, dist: Path, monkeypatch: pytest.MonkeyPatch) -> Recorded:
    recorded = Recorded()
    toc = [(name, f"/src/{name}", "BINARY") for name in QT_KEPT + QT_DROPPED]

    class Analysis:
        def __init__(self, scripts: list[str], **options: Any) -> None:
            recorded.analysis = {"scripts": scripts, **options}
            self.binaries = list(toc)
            self.datas = [(dest, src, "DATA") for dest, src in options.get("datas", [])]
            self.datas += [(name, src, "DATA") for name, src, _ in toc]
            self.pure: list[Any] = []
            self.scripts: list[Any] = []

    def exe(*_args: Any, **options: Any) -> dict[str, Any]:
        recorded.exes.append(options)
        return options

    def collect(*parts: Any, **options: Any) -> dict[str, Any]:
        analysis_binaries, analysis_datas = parts[-2], parts[-1]
        recorded.binaries_out = [entry[0] for entry in analysis_binaries]
        recorded.datas_out = [entry[0] for entry in analysis_datas]
        recorded.collect = {"executables": list(parts[:-2]), **options}
        (dist / options["name"]).mkdir(parents=True, exist_ok=True)
        return options

    def bundle(_collected: Any, **options: Any) -> None:
        recorded.bundle = options

    def collect_data_files(package: str, **options: Any) -> list[tuple[str, str]]:
        recorded.data_calls.append((package, options))
        return []

    def collect_submodules(package: str) -> list[str]:
        recorded.submodule_calls.append(package)
        return [f"{package}.example"]

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = collect_data_files  # type: ignore[attr-defined]
    hooks.collect_submodules = collect_submodules  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(SPEC.parent),
        "DISTPATH": str(dist),
        "Analysis": Analysis,
        "PYZ": lambda *args, **kwargs: "pyz",
        "EXE": exe,
        "COLLECT": collect,
        "BUNDLE": bundle,
    }
    code = compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    monkeypatch.setattr(sys, "platform", platform)
    try:
        exec(code, namespace)  # noqa: S102 - the spec is our own file, run as PyInstaller runs it
    finally:
        monkeypatch.undo()
    return recorded


@pytest.fixture
def linux_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Recorded, Path]:
    return run_spec("linux", tmp_path, monkeypatch), tmp_path


def test_checklists_and_resources_land_where_the_frozen_app_looks(linux_build) -> None:
    recorded, _ = linux_build
    datas = {(Path(source), Path(target)) for source, target in recorded.analysis["datas"]}
    # paths.bundle_root() is sys._MEIPASS when frozen: forms/ and resources/ must sit
    # directly under it, exactly as they sit under the checkout's root.
    assert paths.forms_dir().relative_to(paths.bundle_root()) == Path("forms")
    assert paths.resources_dir().relative_to(paths.bundle_root()) == Path("resources")
    checklists = sorted((REPO / "forms").glob("*.xlsx"))
    assert checklists, "no bundled checklists in forms/"
    for checklist in checklists:
        assert (checklist, Path("forms")) in datas
    assert (REPO / "forms" / "README.md", Path("forms")) in datas
    icons = REPO / "resources" / "icons"
    for icon in ("auditdesk-256.png", "auditdesk.ico", "auditdesk.icns"):
        assert (icons / icon, Path("resources/icons")) in datas
    # Only files that exist are named (PyInstaller would stop on a missing one).
    assert all(source.is_file() for source, _ in datas)


def test_commands_found_by_name_and_alembic_scripts_are_collected(linux_build) -> None:
    recorded, _ = linux_build
    assert "auditdesk" in recorded.submodule_calls
    assert "auditdesk.example" in recorded.analysis["hiddenimports"]
    calls = dict(recorded.data_calls)
    storage = calls["auditdesk.storage"]
    assert storage["include_py_files"] is True
    assert any(pattern.startswith("migrations/") for pattern in storage["includes"])
    # The patterns find the scripts Alembic reads as files at run time.
    package = REPO / "src" / "auditdesk" / "storage"
    found = {p for pattern in storage["includes"] for p in package.glob(pattern)}
    assert package / "migrations" / "env.py" in found
    assert any(p.parent.name == "versions" and p.name != "__init__.py" for p in found)
    for package_name in ("pyxform", "reportlab", "pyhanko"):
        assert package_name in calls


def test_unused_qt_parts_are_filtered_out(linux_build) -> None:
    recorded, _ = linux_build
    assert set(recorded.binaries_out) >= set(QT_KEPT)
    assert not set(recorded.binaries_out) & set(QT_DROPPED)
    assert not set(recorded.datas_out) & set(QT_DROPPED)


def test_one_dir_build_with_one_executable_for_gui_and_cli_on_linux(linux_build) -> None:
    recorded, dist = linux_build
    assert [exe["name"] for exe in recorded.exes] == ["auditdesk"]
    assert all(exe["exclude_binaries"] for exe in recorded.exes)  # one-dir, not one-file
    assert recorded.collect["name"] == auditdesk.APP_NAME
    assert recorded.analysis["scripts"] == [str(REPO / "packaging" / "entry_point.py")]
    assert recorded.bundle is None
    # The menu entry and its installer sit beside the program.
    assert (dist / "AuditDesk" / "install.sh").is_file()
    assert (dist / "AuditDesk" / f"{auditdesk.APP_ID}.desktop").is_file()


def test_windows_gets_a_console_cli_beside_the_windowed_gui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = run_spec("win32", tmp_path, monkeypatch)
    exes = {exe["name"]: exe for exe in recorded.exes}
    assert set(exes) == {"auditdesk", "auditdesk-cli"}
    assert exes["auditdesk"]["console"] is False
    assert exes["auditdesk-cli"]["console"] is True
    assert all(exe["icon"].endswith("auditdesk.ico") for exe in exes.values())
    assert all(exe["exclude_binaries"] for exe in exes.values())
    assert len(recorded.collect["executables"]) == 2  # both share one folder


def test_macos_bundle_carries_the_app_id_version_and_icon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = run_spec("darwin", tmp_path, monkeypatch)
    bundle = recorded.bundle
    assert bundle is not None
    assert bundle["name"] == "AuditDesk.app"
    assert bundle["bundle_identifier"] == auditdesk.APP_ID
    assert bundle["version"] == auditdesk.__version__
    assert bundle["icon"].endswith("auditdesk.icns")
    assert bundle["info_plist"]["CFBundleShortVersionString"] == auditdesk.__version__
    assert bundle["info_plist"]["NSHighResolutionCapable"] is True
