"""A signed report to tamper with: a few reportlab pages, signed by a trusted key."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEY_PASSPHRASE = "tamper-trial key passphrase"


@dataclass(frozen=True)
class SignedPdf:
    data: bytes
    ranges: tuple[tuple[int, int], ...]
    """The byte ranges the signature covers (everything but the signature itself)."""
    trust: tuple[Any, ...]
    """Certificates to trust: the signer's own, so the untouched file is VALID."""


def make_report(pages: int = 3) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(pages):
        page.drawString(72, 770, f"Audit report, page {number + 1}")
        for line in range(30):
            page.drawString(72, 740 - 20 * line,
                            f"Finding {number}.{line}: wages paid {line % 7} days late")
        page.showPage()
    page.save()
    return buffer.getvalue()


def signed_ranges(pdf: bytes) -> tuple[tuple[int, int], ...]:
    found = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    ranges = []
    for a, b, c, d in found:
        ranges += [(int(a), int(a) + int(b)), (int(c), int(c) + int(d))]
    return tuple(ranges)


def signed_report(folder: Path) -> SignedPdf:
    from auditdesk.signing import KeyStore, StampPlacement, sign_pdf

    store = KeyStore(folder / "keys")
    identity = store.create(name="Tamper Trial", org="Trials", email="t@example.org",
                            passphrase=KEY_PASSPHRASE)
    data = sign_pdf(make_report(), identity, stamp=StampPlacement(-1, (72, 72, 320, 160)))
    return SignedPdf(data, signed_ranges(data), (identity.certificate,))
