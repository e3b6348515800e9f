"""Translations of the application's own words (not the forms' languages).

gettext, so that the core (report texts) and the Qt skin share one catalogue.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from auditdesk import paths

SUPPORTED_LANGUAGES = ("en", "fr", "es")
_DOMAIN = "auditdesk"


@lru_cache(maxsize=8)
def translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        _DOMAIN,
        localedir=str(paths.resources_dir() / "locale"),
        languages=[language],
        fallback=True,
    )


def gettext_for(language: str) -> gettext.NullTranslations:
    """The catalogue for ``language``; English (the source text) when none is shipped."""
    return translations(language if language in SUPPORTED_LANGUAGES else "en")
