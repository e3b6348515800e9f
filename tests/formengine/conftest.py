"""Forms written inline as pyxform Markdown tables, loaded through the real loader."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from auditdesk.formengine import FormDefinition, FormSession, load_form

FIXED_NOW = datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC)

MakeForm = Callable[[str], FormDefinition]
MakeSession = Callable[..., FormSession]


@pytest.fixture
def write_md(tmp_path: Path) -> Callable[[str], Path]:
    counter = iter(range(1_000_000))

    def write(markdown: str) -> Path:
        path = tmp_path / f"form_{next(counter)}.md"
        path.write_text(textwrap.dedent(markdown), encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_form(write_md: Callable[[str], Path]) -> MakeForm:
    def make(markdown: str) -> FormDefinition:
        return load_form(write_md(markdown))

    return make


@pytest.fixture
def make_session(make_form: MakeForm) -> MakeSession:
    def make(markdown: str, **options: object) -> FormSession:
        options.setdefault("clock", lambda: FIXED_NOW)
        return FormSession(make_form(markdown), **options)  # type: ignore[arg-type]

    return make
