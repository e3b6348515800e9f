"""The interface speaks English, French and Spanish from catalogues kept as diffable .po files."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from auditdesk import paths
from auditdesk.qt.i18n import set_interface_language, tr, trp

LOCALE = paths.resources_dir() / "locale"
SOURCES = Path(__file__).resolve().parents[2] / "src" / "auditdesk" / "qt"
KEYWORDS = {"tr": None, "N_": None, "ntr": (1, 2), "trp": ((1, "c"), 2), "NP_": ((1, "c"), 2)}


def _catalogue(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "auditdesk.po", "rb") as source:
        return read_po(source, locale=language)


def _source_texts() -> set[tuple[str, str | None]]:
    """(text, context) of every marked string in the Qt package."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(SOURCES), keywords=KEYWORDS, comment_tags=()
    ):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    return found


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_interface_text_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    missing = sorted(
        text
        for text, context in _source_texts()
        if not (entry := catalogue.get(text, context=context)) or not entry.string or entry.fuzzy
    )
    assert not missing, f"untranslated in {language} (run `make translations`): {missing}"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    """The .mo the app reads is the .po a translator edits (`make translations` rebuilds it)."""
    compiled = gettext.GNUTranslations(
        open(LOCALE / language / "LC_MESSAGES" / "auditdesk.mo", "rb")  # noqa: SIM115
    )
    for entry in _catalogue(language):
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            assert compiled.ngettext(entry.id[0], entry.id[1], 1) == entry.string[0]
        elif entry.context:
            assert compiled.pgettext(entry.context, entry.id) == entry.string, entry.id
        else:
            assert compiled.gettext(entry.id) == entry.string, entry.id


@pytest.fixture
def french():
    set_interface_language("fr")
    yield
    set_interface_language("en")


def test_the_app_starts_in_french_when_asked(qtbot, tmp_path: Path, dialogs, french) -> None:
    from auditdesk.appoptions import AppOptions
    from auditdesk.qt.app import build_desktop
    from auditdesk.qt.preferences import Preferences

    preferences = Preferences(tmp_path / "interface.ini")
    preferences.interface_language = "fr"
    desktop = build_desktop(
        AppOptions(db_path=tmp_path / "a.sqlite"), dialogs=dialogs, preferences=preferences
    )
    qtbot.addWidget(desktop.window)
    assert desktop.audits_home.welcome.start_button.text() == "Commencer un nouvel audit"
    sidebar = [desktop.window.sidebar.item(i).text() for i in range(desktop.window.sidebar.count())]
    assert "Paramètres" in sidebar
    assert tr("Saved") == "Enregistré"
    assert trp("status", "Open") == "Ouvert"
    assert tr("Open") == "Ouvrir"
    set_interface_language("es")
    assert tr("Saved") == "Guardado"
