"""``auditdesk keys``: the auditor's signing identity and an NGO's small CA.

The signing core (cryptography) is imported inside the commands: ``auditdesk
--help`` lists this command without paying for it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from auditdesk import paths
from auditdesk.signing.environment import (
    CA_PASSPHRASE_ENV,
    KEY_PASSPHRASE_ENV,
    P12_PASSPHRASE_ENV,
)

if TYPE_CHECKING:
    from auditdesk.signing.certificates import CertificateSummary
    from auditdesk.signing.keystore import KeyStore

_P = ParamSpec("_P")
_R = TypeVar("_R")

_PATH = click.Path(path_type=Path)
_EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _passphrase(env_name: str, prompt: str, *, confirm: bool, allow_empty: bool = False) -> str:
    """From the environment (scripts) or asked twice for a new one, hidden."""
    from_env = os.environ.get(env_name)
    if from_env is not None:
        return from_env
    value: str = click.prompt(
        prompt,
        hide_input=True,
        confirmation_prompt=confirm,
        default="" if allow_empty else None,
        show_default=False,
    )
    return value


def _print_summary(summary: CertificateSummary, *, chain: list[str] | None = None) -> None:
    issuer = "self-signed" if summary.self_signed else summary.issuer
    click.echo(f"Subject:      {summary.subject}")
    click.echo(f"Issuer:       {issuer}")
    click.echo(f"Fingerprint:  SHA-256 {summary.fingerprint_sha256}")
    click.echo(
        f"Valid:        {summary.not_before:%Y-%m-%d %H:%M} UTC"
        f" to {summary.not_after:%Y-%m-%d %H:%M} UTC"
    )
    click.echo(f"Key:          {summary.key}")
    if chain:
        click.echo(f"Chain:        {'; '.join(chain)}")


def _plain_errors(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Show signing problems as one plain line and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        from auditdesk.signing.errors import SigningError

        try:
            return func(*args, **kwargs)
        except SigningError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


def _store(directory: Path | None) -> KeyStore:
    from auditdesk.signing.keystore import KeyStore

    return KeyStore(directory)


@click.group(name="keys")
@click.option(
    "--store",
    type=_PATH,
    default=None,
    help="Key store folder (default: 'keys' in the user settings folder).",
)
@click.pass_context
def command(ctx: click.Context, store: Path | None) -> None:
    """Create, import and show the signing identity that signs your exports."""
    ctx.obj = store


@command.command("new")
@click.option("--name", required=True, help="Your name as it will appear on signatures.")
@click.option("--org", required=True, help="Your organisation.")
@click.option("--email", required=True, help="Your e-mail address.")
@click.option(
    "--csr", "csr_out", type=_PATH, help="Also write a certificate request for your NGO's CA."
)
@click.option("--replace", is_flag=True, help="Retire the current identity and make a new one.")
@click.pass_obj
@_plain_errors
def new_identity(
    store_dir: Path | None, name: str, org: str, email: str, csr_out: Path | None, replace: bool
) -> None:
    """Make a private key (EC P-256, passphrase-protected) and a self-signed certificate.

    The passphrase is asked twice, or taken from AUDITDESK_KEY_PASSPHRASE.
    """
    from auditdesk.signing.certificates import CertificateSummary
    from auditdesk.signing.keyfiles import write_public

    store = _store(store_dir)
    store.check_can_create(replace=replace)
    passphrase = _passphrase(KEY_PASSPHRASE_ENV, "New passphrase for the signing key", confirm=True)
    identity = store.create(name=name, org=org, email=email, passphrase=passphrase, replace=replace)
    if csr_out is not None:
        write_public(csr_out, identity.csr_pem())
    click.echo(f"Created signing identity in {store.directory}")
    _print_summary(CertificateSummary.of(identity.certificate))
    if csr_out is not None:
        click.echo(f"Certificate request written to {csr_out}: send it to your NGO's CA.")


@command.command("csr")
@click.argument("out", type=_PATH)
@click.pass_obj
@_plain_errors
def write_csr(store_dir: Path | None, out: Path) -> None:
    """Write a certificate request for the current key (for the NGO's CA)."""
    from auditdesk.signing.keyfiles import write_public

    store = _store(store_dir)
    store.certificate()  # no identity: say so before asking for a passphrase
    passphrase = _passphrase(KEY_PASSPHRASE_ENV, "Passphrase of the signing key", confirm=False)
    write_public(out, store.load(passphrase).csr_pem())
    click.echo(f"Certificate request written to {out}")


@command.command("import")
@click.argument("p12_file", type=_EXISTING_FILE)
@click.option("--replace", is_flag=True, help="Retire the current identity.")
@click.pass_obj
@_plain_errors
def import_p12(store_dir: Path | None, p12_file: Path, replace: bool) -> None:
    """Import a key and certificate from a PKCS#12 file (.p12/.pfx) issued by any CA.

    Asks for the file's passphrase (or AUDITDESK_P12_PASSPHRASE), then a new
    passphrase for the key store (or AUDITDESK_KEY_PASSPHRASE).
    """
    from auditdesk.signing.certificates import CertificateSummary
    from auditdesk.signing.keyfiles import read_file

    store = _store(store_dir)
    data = read_file(p12_file, what="PKCS#12 file")
    p12_passphrase = _passphrase(
        P12_PASSPHRASE_ENV, f"Passphrase of {p12_file.name}", confirm=False, allow_empty=True
    )
    passphrase = _passphrase(KEY_PASSPHRASE_ENV, "New passphrase for the signing key", confirm=True)
    identity = store.import_pkcs12(
        data,
        p12_passphrase=p12_passphrase,
        passphrase=passphrase,
        source=str(p12_file),
        replace=replace,
    )
    click.echo(f"Imported signing identity into {store.directory}")
    _print_summary(CertificateSummary.of(identity.certificate))


@command.command("install-cert")
@click.argument("cert_file", type=_EXISTING_FILE)
@click.pass_obj
@_plain_errors
def install_cert(store_dir: Path | None, cert_file: Path) -> None:
    """Put the certificate your NGO's CA issued (and its chain) beside your key."""
    from auditdesk.signing.keyfiles import read_file

    store = _store(store_dir)
    summary = store.install_certificate(
        read_file(cert_file, what="certificate"), source=str(cert_file)
    )
    click.echo("Installed the CA-issued certificate")
    _print_summary(summary)


@command.command("show")
@click.pass_obj
@_plain_errors
def show(store_dir: Path | None) -> None:
    """Print the active signing identity."""
    from auditdesk.signing.certificates import CertificateSummary

    store = _store(store_dir)
    summary = CertificateSummary.of(store.certificate())
    chain = [CertificateSummary.of(c).subject for c in store.chain()]
    _print_summary(summary, chain=chain)
    click.echo(f"Store:        {store.directory}")


@command.command("list")
@click.pass_obj
@_plain_errors
def list_identities(store_dir: Path | None) -> None:
    """List the active identity and retired ones."""
    store = _store(store_dir)
    identities = store.identities()
    if not identities:
        raise click.ClickException(
            f"no signing identity in {store.directory}; create one with 'auditdesk keys new'"
        )
    for identity in identities:
        summary = identity.summary
        marker = "* " if identity.active else "  "
        state = "active" if identity.active else "retired"
        click.echo(
            f"{marker}{summary.subject}  [{state}; SHA-256 {summary.fingerprint_sha256[:23]}…;"
            f" valid until {summary.not_after:%Y-%m-%d}]"
        )


@command.group("ca")
def ca_group() -> None:
    """Run a small certificate authority for your NGO's auditors."""


_CA_DIR_HELP = "CA folder (default: 'ca' in the user settings folder)."


def _default_ca_dir() -> Path:
    return paths.user_config_dir() / "ca"


@ca_group.command("init")
@click.option("--name", required=True, help="Name of the CA, e.g. 'Fair Work Monitor Audit CA'.")
@click.option("--org", required=True, help="The NGO.")
@click.option("--out", "out_dir", type=_PATH, default=None, help=_CA_DIR_HELP)
@_plain_errors
def ca_init(name: str, org: str, out_dir: Path | None) -> None:
    """Create the NGO's root CA, its key protected by a passphrase.

    The passphrase is asked twice, or taken from AUDITDESK_CA_PASSPHRASE.
    """
    from auditdesk.signing.authority import CertificateAuthority

    authority = CertificateAuthority(out_dir or _default_ca_dir())
    authority.check_absent()
    passphrase = _passphrase(CA_PASSPHRASE_ENV, "New passphrase for the CA key", confirm=True)
    summary = authority.init(name=name, org=org, passphrase=passphrase)
    click.echo(f"Created certificate authority in {authority.directory}")
    _print_summary(summary)
    click.echo(f"Give verifiers {authority.certificate_path} (auditdesk verify --trust ...).")


@command.command("issue")
@click.argument("csr_file", type=_EXISTING_FILE)
@click.option("--ca", "ca_dir", type=_PATH, default=None, help=_CA_DIR_HELP)
@click.option(
    "-o",
    "--out",
    "out_file",
    type=_PATH,
    required=True,
    help="Certificate file to write (PEM, followed by the CA's certificate).",
)
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=None,
    help="Validity of the certificate in days (default: two years).",
)
@_plain_errors
def issue(csr_file: Path, ca_dir: Path | None, out_file: Path, days: int | None) -> None:
    """Issue an auditor's certificate from their request.

    The CA passphrase is asked for, or taken from AUDITDESK_CA_PASSPHRASE.
    """
    from auditdesk.signing.authority import CertificateAuthority
    from auditdesk.signing.certificates import AUDITOR_CERT_DAYS, CertificateSummary
    from auditdesk.signing.keyfiles import read_file, write_public

    authority = CertificateAuthority(ca_dir or _default_ca_dir())
    authority.certificate()  # no CA here: say so before asking for a passphrase
    passphrase = _passphrase(CA_PASSPHRASE_ENV, "Passphrase of the CA key", confirm=False)
    issued = authority.issue(
        read_file(csr_file, what="certificate request"),
        passphrase=passphrase,
        source=str(csr_file),
        days=days if days is not None else AUDITOR_CERT_DAYS,
    )
    write_public(out_file, issued.pem_with_chain())
    click.echo(f"Issued certificate written to {out_file}")
    _print_summary(CertificateSummary.of(issued.certificate))
    click.echo("The auditor installs it with 'auditdesk keys install-cert'.")
