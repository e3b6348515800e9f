"""Material for the signing tests: passphrases, a small PDF, byte surgery, tool checks."""

from __future__ import annotations

import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from auditdesk.signing import CertificateAuthority, KeyStore, SigningIdentity

PASSPHRASE = "correct horse battery staple 42"
CA_PASSPHRASE = "ngo root ca passphrase 7"
REPORT_TEXT = "Audit findings: wages paid late in 3 of 12 months"


def make_pdf(pages: int = 2) -> bytes:
    """A small report; uncompressed so that a test can find and flip a signed byte."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    for number in range(pages):
        page.drawString(72, 760, REPORT_TEXT if number == 0 else f"Page {number + 1}: sign-off")
        page.showPage()
    page.save()
    return buffer.getvalue()


def signed_ranges(pdf: bytes) -> list[tuple[int, int]]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert match, "the signed PDF has a /ByteRange"
    a, b, c, d = (int(v) for v in match.groups())
    return [(a, a + b), (c, c + d)]


def flip_report_text(pdf: bytes) -> bytes:
    """Change one byte of the report's text, inside the signed range: '3 of 12' -> '2 of 12'."""
    offset = pdf.index(b"late in 3 of 12") + len(b"late in ")
    assert any(start <= offset < end for start, end in signed_ranges(pdf))
    damaged = bytearray(pdf)
    damaged[offset] ^= 0x01
    return bytes(damaged)


@dataclass
class Pki:
    """An NGO CA and an auditor whose certificate it issued."""

    ca: CertificateAuthority
    ca_pem: Path
    store: KeyStore
    identity: SigningIdentity


def require_tool(name: str, package: str) -> str:
    """The tool's path; skip when absent on a developer machine, fail in CI."""
    found = shutil.which(name)
    if found is None:
        message = f"'{name}' is not installed (apt-get install -y {package})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide {message}")
        pytest.skip(message)
    return found
