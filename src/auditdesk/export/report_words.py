"""The PDF report's sentences in French and Spanish, keyed by the English text."""

from __future__ import annotations

REPORT_WORDS: dict[str, tuple[str, str]] = {}
