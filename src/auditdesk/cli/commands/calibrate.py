"""``auditdesk calibrate``: compare trainees' exported audits with a reference audit."""

from __future__ import annotations

import json
from pathlib import Path

import click

_WORKBOOK = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command(name="calibrate")
@click.argument("trainees", metavar="TRAINEE.xlsx...", nargs=-1, required=True, type=_WORKBOOK)
@click.option(
    "--reference",
    "reference",
    required=True,
    type=_WORKBOOK,
    help="The reference audit workbook (the case's own audit, exported).",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the calibration report here (.pdf).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option(
    "--exclude-not-assessed",
    is_flag=True,
    help="Leave out criteria either side did not assess (default: count them).",
)
def command(
    trainees: tuple[Path, ...],
    reference: Path,
    output: Path | None,
    as_json: bool,
    exclude_not_assessed: bool,
) -> None:
    """Compare trainee audits with a reference: agreement, Cohen's kappa, findings.

    \b
    Each file is an audit workbook from `auditdesk export UUID --xlsx FILE`.
    Agreement is the share of criteria graded as the reference did, overall and
    per area; kappa corrects it for chance. Every disagreement comes with the
    criterion's guidance and references.
    Example: auditdesk calibrate t1.xlsx t2.xlsx --reference ref.xlsx -o calibration.pdf
    """
    from auditdesk.training.calibration import calibrate_files
    from auditdesk.training.exported_audit import CalibrationInputError

    try:
        report = calibrate_files(
            reference, list(trainees), include_not_assessed=not exclude_not_assessed
        )
    except CalibrationInputError as error:
        raise click.ClickException(str(error)) from None
    if output is not None:
        from auditdesk.training.calibration_report import build_calibration_pdf

        try:
            output.write_bytes(build_calibration_pdf(report))
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Reference: {report.reference_file} ({report.site_name})")
    click.echo(f"{'Trainee':<32} {'agreement':>9} {'kappa':>6}  missed  extra  severity")
    for trainee in report.trainees:
        kappa = "  –  " if trainee.kappa is None else f"{trainee.kappa:6.2f}"
        click.echo(
            f"{trainee.file:<32} {trainee.overall_agreement:9.0%} {kappa}  "
            f"{len(trainee.missed_findings):>6}  {len(trainee.extra_findings):>5}  "
            f"{len(trainee.severity_differences):>8}"
        )
    if output is not None:
        click.echo(f"Report: {output}")
