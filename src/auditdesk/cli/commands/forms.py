"""``auditdesk forms``: check XLSForms and dry-run answers through the form engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


@click.group(name="forms")
def command() -> None:
    """Check XLSForms and try answers on them, as ODK Collect would behave."""


@command.command(name="check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate XLSForms (.xlsx, .xls, .md); exit 0 when all are valid.

    \b
    Each problem is one line:
      PATH: sheet 'NAME' row N column 'COL': message
    pyxform's warnings are shown as
      PATH: warning: message
    and do not make the check fail.
    """
    from auditdesk.formengine import check_form
    from auditdesk.formengine.xlsform import pyxform_problem

    failed = False
    for path in paths:
        problems, warnings = check_form(path)
        for problem in problems:
            click.echo(str(problem))
        failed = failed or bool(problems)
        for warning in warnings:
            for line in warning.splitlines():
                if line.strip():
                    located = pyxform_problem(str(path), line)
                    where = f"{located.location()}: " if located.location() else ""
                    click.echo(f"{path}: warning: {where}{located.message}")
        if not problems:
            click.echo(f"{path}: ok", err=True)
    raise SystemExit(1 if failed else 0)


@command.command(name="try")
@click.argument("form", type=click.Path(path_type=Path))
@click.option(
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON file of answers by question name.",
)
@click.option(
    "--lang",
    "language",
    default=None,
    help="Form language for messages: as in the columns (French (fr)), its code or name.",
)
def try_(form: Path, answers_path: Path, language: str | None) -> None:
    """Replay answers through the form engine and print the outcome as JSON.

    \b
    ANSWERS.json gives answers by question name; a repeat is a list of
    objects, one per instance; select_multiple answers are lists of choice names:
      {"age": 34, "langs": ["en", "fr"], "member": [{"code": "A"}, {"code": "B"}]}
    The output is
      {"form_id", "version", "relevant": [names in form order],
       "values": {name: value}, "errors": {name: message}, "complete": bool}
    where names inside repeats read member[1]/code, and values of questions
    that are not relevant are left out, as ODK does.
    """
    from auditdesk.formengine import FormLoadError, SessionError, load_form
    from auditdesk.formengine.dryrun import dry_run

    try:
        definition = load_form(form)
    except FormLoadError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None
    answers = _read_answers(answers_path)
    try:
        report = dry_run(definition, answers, language=language)
    except SessionError as error:
        raise click.UsageError(str(error)) from None
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        message = f"cannot read {path}: {error.strerror}"
        raise click.BadParameter(message, param_hint="--answers") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.BadParameter(f"{path} is not JSON: {error}", param_hint="--answers") from None
    if not isinstance(data, dict):
        raise click.BadParameter(f"{path} must hold a JSON object", param_hint="--answers")
    return data
