"""``auditdesk export UUID --xlsx PATH --pdf PATH``: the audit workbook and the PDF report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditdesk.appoptions import AppOptions

if TYPE_CHECKING:
    from auditdesk.signing.keystore import SigningIdentity


def _signing_identity() -> SigningIdentity:
    """The auditor's identity, the passphrase from the environment or a prompt."""
    from auditdesk.signing.environment import KEY_PASSPHRASE_ENV
    from auditdesk.signing.errors import NoIdentityError, SigningError
    from auditdesk.signing.keystore import KeyStore

    store = KeyStore()
    if not store.has_identity():
        raise click.ClickException(
            f"no signing key in {store.directory}: create one with 'auditdesk keys new' "
            "(or 'auditdesk keys import FILE.p12'), or export without --sign"
        )
    passphrase = os.environ.get(KEY_PASSPHRASE_ENV)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise click.ClickException(
                f"--sign needs the signing key's passphrase: set {KEY_PASSPHRASE_ENV} "
                "or run the command at a terminal"
            )
        passphrase = str(click.prompt("Passphrase of the signing key", hide_input=True))
    try:
        return store.load(passphrase)
    except NoIdentityError as error:
        raise click.ClickException(str(error)) from None
    except SigningError as error:
        raise click.ClickException(f"cannot sign: {error}") from None


@click.command(name="export")
@click.argument("audit_uuid")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the audit workbook here (.xlsx).")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the PDF report here (.pdf).")
@click.option("--audience", type=click.Choice(["confidential", "site"]), default="confidential",
              show_default=True,
              help="confidential: everything, for the commissioning NGO; site: for the company, "
              "worker results only in aggregate.")
@click.option("--sign", is_flag=True,
              help="Sign the files with your key (passphrase from AUDITDESK_KEY_PASSPHRASE "
              "or asked for).")
@click.option("--lang", "language", type=click.Choice(["en", "fr", "es"]), default="en",
              show_default=True, help="Language of the report and the workbook's labels.")
@click.option("--min-respondents", type=click.IntRange(min=1), default=3, show_default=True,
              help="Site audience: fewest worker interviews behind any count or share shown.")
@click.pass_obj
def command(
    options: AppOptions,
    audit_uuid: str,
    xlsx: Path | None,
    pdf: Path | None,
    audience: str,
    sign: bool,
    language: str,
    min_respondents: int,
) -> None:
    """Export an audit as a workbook and/or a PDF report, optionally signed.

    The export is noted in the audit trail. Files are written whole or not at all.
    """
    if xlsx is None and pdf is None:
        raise click.UsageError("give --xlsx PATH, --pdf PATH or both")
    # Heavy imports here, so `auditdesk --help` never pays for SQLAlchemy or openpyxl.
    from auditdesk.cli.commands._storage_access import open_repository
    from auditdesk.export.audience import Audience
    from auditdesk.export.audit_data import ExportSettings
    from auditdesk.export.files import ExportWriteError
    from auditdesk.export.run import ExportRequest, export_audit
    from auditdesk.formengine.problems import FormLoadError
    from auditdesk.method.criteria import CriteriaError
    from auditdesk.method.evidence import EvidenceError

    identity = _signing_identity() if sign else None
    try:
        request = ExportRequest(
            xlsx=xlsx,
            pdf=pdf,
            settings=ExportSettings(Audience(audience), language, min_respondents),
            identity=identity,
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    try:
        with open_repository(options) as repository:
            uuid = repository.resolve_audit_uuid(audit_uuid)
            outcome = export_audit(repository, uuid, request)
    except (FormLoadError, CriteriaError, EvidenceError, ExportWriteError) as error:
        raise click.ClickException(str(error)) from None
    for file in outcome.files:
        state = "signed" if file.signed else "unsigned"
        click.echo(f"{file.path}: {audience} export, {state}, document {outcome.document_id}")
