"""The exports' own words in English, French and Spanish.

Keyed by the English text, as gettext is (so ``auditdesk.i18n`` could take them over
unchanged): a small dictionary here keeps the report's words next to the report and
needs no compiled catalogue. Texts with ``{placeholders}`` are ``str.format`` templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from auditdesk.export.report_words import REPORT_WORDS
from auditdesk.i18n import SUPPORTED_LANGUAGES

_WORDS: dict[str, tuple[str, str]] = {
    # English: (French, Spanish)
    "critical": ("critique", "crítica"),
    "major": ("majeure", "mayor"),
    "minor": ("mineure", "menor"),
    "compliant": ("conforme", "conforme"),
    "partly": ("partiellement conforme", "parcialmente conforme"),
    "non-compliant": ("non conforme", "no conforme"),
    "not applicable": ("sans objet", "no aplica"),
    "not assessed": ("non évalué", "no evaluado"),
    "open": ("ouvert", "abierto"),
    "in progress": ("en cours", "en curso"),
    "closed": ("clos", "cerrado"),
    "disputed": ("contesté", "impugnado"),
    "withdrawn": ("retiré", "retirado"),
    "documents": ("documents", "documentos"),
    "management": ("direction", "dirección"),
    "workers": ("travailleurs", "trabajadores"),
    "observation": ("observation", "observación"),
    "announced": ("annoncé", "anunciada"),
    "semi-announced": ("semi-annoncé", "semianunciada"),
    "unannounced": ("inopiné", "no anunciada"),
    "yes": ("oui", "sí"),
    "no": ("non", "no"),
    "next audit": ("prochain audit", "próxima auditoría"),
    "fewer than {threshold} respondents — not shown": (
        "moins de {threshold} répondants — non affiché",
        "menos de {threshold} personas — no se muestra",
    ),
    "{count} of {total} worker interviews ({share}) reported non-compliance": (
        "{count} entretiens de travailleurs sur {total} ({share}) font état d'une non-conformité",
        "{count} de {total} entrevistas a trabajadores ({share}) señalan un incumplimiento",
    ),
    "{total} worker interviews; fewer than {threshold} reported non-compliance "
    "(exact count not shown)": (
        "{total} entretiens de travailleurs ; moins de {threshold} font état d'une "
        "non-conformité (nombre exact non affiché)",
        "{total} entrevistas a trabajadores; menos de {threshold} señalan un incumplimiento "
        "(cifra exacta no mostrada)",
    ),
}


def _catalogue() -> Mapping[str, Mapping[str, str]]:
    merged = {**_WORDS, **REPORT_WORDS}
    by_language: dict[str, dict[str, str]] = {"fr": {}, "es": {}}
    for english, (french, spanish) in merged.items():
        by_language["fr"][english] = french
        by_language["es"][english] = spanish
    return MappingProxyType({k: MappingProxyType(v) for k, v in by_language.items()})


_CATALOGUE = _catalogue()


class Words:
    """``words("major")`` → the word in this language (the English text when missing)."""

    missing: ClassVar[set[tuple[str, str]]] = set()
    """(language, English text) asked for but not translated: the tests keep it empty."""

    def __init__(self, language: str) -> None:
        self.language = language if language in SUPPORTED_LANGUAGES else "en"
        self._table = _CATALOGUE.get(self.language, MappingProxyType({}))

    def __call__(self, english: str, **values: object) -> str:
        text = self._table.get(english)
        if text is None:
            text = english
            if self.language != "en":
                Words.missing.add((self.language, english))
        return text.format(**values) if values else text


def enum_words(code: str) -> str:
    """The English catalogue key of a stored code: ``non_compliant`` → ``non-compliant``."""
    return code.replace("_", "-") if code in ("non_compliant", "semi_announced") else code.replace(
        "_", " "
    )
