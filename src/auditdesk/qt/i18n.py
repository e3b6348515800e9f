"""The interface's own words in English, French and Spanish.

The catalogue is gettext's (``resources/locale/<lang>/LC_MESSAGES/auditdesk.po``), shared
with the core through :mod:`auditdesk.i18n`, so report texts and screen texts are
translated once. Qt's own strings (standard buttons, context menus) come from Qt's
``qtbase`` translations when the installation ships them.

The language is chosen once at start-up, before any widget exists, and a change in the
settings applies at the next start: every label is then built in the right language, and no
widget needs a "retranslate" path that tests would rarely exercise.
"""

from __future__ import annotations

import gettext
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from auditdesk.i18n import SUPPORTED_LANGUAGES, gettext_for

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
"""Each interface language in its own words, for the language picker."""

_state: dict[str, gettext.NullTranslations | str] = {"language": "en"}
_qt_translators: list[QTranslator] = []


def set_interface_language(language: str) -> str:
    """Use ``language`` for every text built from now on; returns the language used."""
    chosen = language if language in SUPPORTED_LANGUAGES else "en"
    _state["language"] = chosen
    if chosen == "en":
        # The source text: nothing to look up, and looking (gettext loads the locale
        # module) costs a few milliseconds on the way to the first paint.
        _state.pop("catalogue", None)
    else:
        _state["catalogue"] = gettext_for(chosen)
    _install_qt_translations(chosen)
    return chosen


def interface_language() -> str:
    return str(_state["language"])


def system_language() -> str:
    """The desktop's language if we speak it, otherwise English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in SUPPORTED_LANGUAGES else "en"


def tr(message: str) -> str:
    """``message`` in the interface language (the English source when untranslated)."""
    catalogue = _state.get("catalogue")
    if isinstance(catalogue, gettext.NullTranslations):
        return catalogue.gettext(message)
    return message


def ntr(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, as the language's plural rule says."""
    catalogue = _state.get("catalogue")
    if isinstance(catalogue, gettext.NullTranslations):
        return catalogue.ngettext(singular, plural, count)
    return singular if count == 1 else plural


def trp(context: str, message: str) -> str:
    """``message`` translated in ``context``, for words that differ by use ("Open")."""
    catalogue = _state.get("catalogue")
    if isinstance(catalogue, gettext.NullTranslations):
        return catalogue.pgettext(context, message)
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` in ``context`` for the catalogue; translated later with :func:`trp`."""
    return context, message


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated later with :func:`tr`."""
    return message


def _install_qt_translations(language: str) -> None:
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    if language == "en":
        return
    # Only for another language: English starts without loading these classes.
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
