"""Run-time hook for the frozen AuditDesk: where Qt finds its plugins.

It replaces PyInstaller's own PySide6 hook, which imports PySide6.QtCore at every start
(about 0.1 s, on every command-line call too) only to check for the embedded qt.conf
that PySide6's wheels already register themselves when QtCore is first imported. The
environment it sets is the same.
"""

import os
import sys


def _set_qt_paths() -> None:
    bundle = sys._MEIPASS  # type: ignore[attr-defined]  # set by PyInstaller's bootloader
    if sys.platform == "win32":
        qt_root = os.path.join(bundle, "PySide6")
        # QtNetwork finds the OpenSSL libraries PyInstaller collected beside the program.
        os.environ["PATH"] = bundle + os.pathsep + os.environ.get("PATH", "")
    else:
        qt_root = os.path.join(bundle, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_root, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_root, "qml")
    in_app_bundle = sys.platform == "darwin" and bundle.endswith("Contents/Frameworks")
    if sys.platform == "darwin" and not in_app_bundle:
        os.environ["DYLD_LIBRARY_PATH"] = os.pathsep.join(
            path for path in (bundle, os.environ.get("DYLD_LIBRARY_PATH")) if path
        )


_set_qt_paths()
