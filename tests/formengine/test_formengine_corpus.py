"""Every public XLSForm in the shared corpus loads (or fails clearly) and can be filled in."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from auditdesk.formengine import (
    AnswerStatus,
    FormLoadError,
    FormSession,
    QuestionPrompt,
    QuestionType,
    ScreenKind,
    load_form,
)

FORM_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".md"}

# Forms the engine cannot run, with the reason its error must give.
EXPECTED_FAILURES = {
    # select_one_from_file needs the cities.geojson attachment, not in the corpus.
    "odk-web-forms/all-question-types-v2024091201-3.xlsx": "choices from a file",
    # Secondary instances (instance('seclass')) and jr:itext are outside ODK's XLSForm subset.
    "odk-web-forms/socio-economic-survey-v20240515.xlsx": "jr:itext",
    "pyxform/bad/bad_calc.xlsx": "column 'calculation'",
    "pyxform/bad/duplicate_columns.xlsx": "Duplicate column header",
    "pyxform/bad/xl_date_ambiguous.xlsx": "column 'choice_filter'",
}

_CANDIDATES: dict[QuestionType, list[object]] = {
    QuestionType.TEXT: ["Test answer", "12345", "yes", "a"],
    QuestionType.BARCODE: ["0123456789"],
    QuestionType.INTEGER: [5, 1, 18, 30, 0, 100],
    QuestionType.DECIMAL: [1.5, 10.0, 0.5, 100.0],
    QuestionType.DATE: ["2024-05-01", "2000-01-01", "2030-01-01"],
    QuestionType.TIME: ["08:30:00"],
    QuestionType.DATETIME: ["2024-05-01T08:30:00"],
    QuestionType.ACKNOWLEDGE: [True],
    QuestionType.GEOPOINT: ["-1.28 36.82 1700 5"],
    QuestionType.GEOTRACE: ["-1.28 36.82 0 0;-1.29 36.83 0 0"],
    QuestionType.GEOSHAPE: ["-1.28 36.82 0 0;-1.29 36.83 0 0;-1.28 36.82 0 0"],
    QuestionType.IMAGE: ["attachments/photo.jpg"],
    QuestionType.FILE: ["attachments/file.pdf"],
    QuestionType.AUDIO: ["attachments/sound.m4a"],
    QuestionType.VIDEO: ["attachments/clip.mp4"],
}


def _corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in FORM_SUFFIXES)


def _candidates(prompt: QuestionPrompt, reverse: bool) -> list[object]:
    names = [choice.name for choice in prompt.choices]
    if reverse:
        names.reverse()
    if prompt.type is QuestionType.SELECT_ONE:
        return list(names)
    if prompt.type in (QuestionType.SELECT_MULTIPLE, QuestionType.RANK):
        return [[name] for name in names] + ([names] if names else [])
    if prompt.type is QuestionType.RANGE:
        return [float(prompt.parameters.get("start", "1"))]
    return _CANDIDATES.get(prompt.type, [])


def _answer(session: FormSession, prompt: QuestionPrompt, reverse: bool) -> None:
    if prompt.read_only or not prompt.relevant:
        return
    for candidate in _candidates(prompt, reverse):
        if session.answer(prompt.path, candidate).status is AnswerStatus.OK:
            return


def walk(session: FormSession, *, reverse: bool = False) -> list[str]:
    """Answer every shown question from start to end, adding one instance of each repeat.

    Choices are tried first to last, or last to first with ``reverse`` (forms often
    skip to the end on the first choice, "yes, skip").
    """
    visited: list[str] = []
    added: set[str] = set()
    screen = session.step_next()
    for _ in range(5_000):
        if screen.kind is ScreenKind.END:
            return visited
        visited.append(screen.path)
        if screen.kind is ScreenKind.REPEAT_PROMPT and screen.path not in added:
            added.add(screen.path)
            session.add_repeat(screen.path)
        for prompt in screen.prompts:
            _answer(session, prompt, reverse)
        screen = session.step_next()
    raise AssertionError("the walk did not reach the end of the form")


def _walks(languages: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Each language once, and both choice orders (in the first language)."""
    return [(languages[0], True)] + [(language, False) for language in languages]


def test_corpus_forms_load_or_fail_clearly(shared_corpus: Path) -> None:
    files = _corpus_files(shared_corpus)
    assert len(files) >= 20
    loaded = []
    for path in files:
        key = path.relative_to(shared_corpus).as_posix()
        expected = EXPECTED_FAILURES.get(key)
        if expected is None:
            definition = load_form(path)
            assert definition.form_id, key
            loaded.append(key)
            continue
        with pytest.raises(FormLoadError) as caught:
            load_form(path)
        message = str(caught.value)
        assert expected in message, key
        assert message.startswith(str(path)), key
        assert "Traceback" not in message
    assert len(loaded) >= 15


def test_every_loadable_corpus_form_can_be_walked_to_the_end(shared_corpus: Path) -> None:
    walked = 0
    for path in _corpus_files(shared_corpus):
        if path.relative_to(shared_corpus).as_posix() in EXPECTED_FAILURES:
            continue
        definition = load_form(path)
        for language, reverse in _walks(definition.languages):
            session = FormSession(
                definition,
                language=language,
                clock=lambda: datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC),
                device_id="test-device",
            )
            visited = walk(session, reverse=reverse)
            asked = [q for q in definition.questions() if not q.type.is_computed]
            assert visited or not asked, path
            # Every required question we could answer plausibly is answered.
            remaining = session.finish()
            required_left = {
                p: m
                for p, m in remaining.items()
                if session.prompt(p).required and session.value(p) is None
            }
            assert not required_left, (path, required_left)
            session.instance.to_json()
        walked += 1
    assert walked >= 15
