"""``auditdesk verify``: is each exported file what its signer signed?"""

from __future__ import annotations

from pathlib import Path

import click


@click.command(name="verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--trust",
    "trust_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Trust this certificate or CA (PEM, may hold several). Repeatable.",
)
def command(files: tuple[Path, ...], trust_files: tuple[Path, ...]) -> None:
    """Verify signed PDF reports and workbooks, one line per file.

    Signers are trusted when their certificate chains to a --trust certificate or to
    a CA in your key store. Exits non-zero unless every file is valid and unmodified.
    """
    # Imported here so that 'auditdesk --help' does not load cryptography.
    from auditdesk.signing.errors import SigningError
    from auditdesk.signing.keystore import KeyStore
    from auditdesk.signing.trust import trust_roots
    from auditdesk.signing.verification import describe, verify_file

    try:
        roots = trust_roots(trust_files, keystore=KeyStore())
    except SigningError as error:
        raise click.ClickException(str(error)) from None
    all_valid = True
    for path in files:
        result = verify_file(path, roots)
        click.echo(describe(path, result))
        all_valid = all_valid and result.is_valid
    if not all_valid:
        raise click.exceptions.Exit(1)
