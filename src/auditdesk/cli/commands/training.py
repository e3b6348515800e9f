"""``auditdesk training``: course material for trainers (case briefs)."""

from __future__ import annotations

from pathlib import Path

import click


@click.group(name="training")
def command() -> None:
    """Course material for trainers: case briefs for the bundled sample cases.

    \b
    A training session: hand out the brief, let trainees audit the case in
    `auditdesk --training`, export their audits, then compare them with the
    case's reference audit: `auditdesk calibrate TRAINEE.xlsx --reference REF.xlsx`.
    """


@command.command(name="brief")
@click.argument("case_id", metavar="CASE")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write the brief here (.pdf).",
)
@click.option(
    "--part",
    type=click.Choice(["all", "trainee", "scripts"]),
    default="all",
    show_default=True,
    help="trainee: the pack for trainees only; scripts: the role-play scripts only.",
)
def brief(case_id: str, output: Path, part: str) -> None:
    """Write the case brief: site, documents, and role-play scripts for the helpers.

    \b
    The reference audit (the trainer's key) is not in the brief: load it with
    `auditdesk --training samples load CASE` and export it.
    Example: auditdesk training brief tala-cebu -o tala-brief.pdf
    """
    from auditdesk.training.case_brief import read_brief
    from auditdesk.training.case_brief_pdf import BriefPart, build_brief_pdf
    from auditdesk.training.case_files import SampleCaseError

    try:
        content = build_brief_pdf(read_brief(case_id), BriefPart(part))
    except SampleCaseError as error:
        raise click.ClickException(str(error)) from None
    try:
        output.write_bytes(content)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    click.echo(f"{case_id}: case brief ({part}) written to {output}")
