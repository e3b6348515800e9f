"""Signing costs that feed the export goal "a signed 30-page PDF ≤ 1.5 s".

The report itself is built by the export code; here a 30-page reportlab PDF of
plain text stands in for it, and each step the export pays is timed on its own:
opening the sealed key, the first signature in a fresh process (which includes
importing pyHanko), later signatures, verification, and a workbook manifest.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import Row

PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway test key
REPEATS = 7


def _thirty_pages() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(30):
        for line in range(45):
            page.drawString(56, 800 - 16 * line, f"Page {number + 1}, finding line {line + 1}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def _median(action: Callable[[], object], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


_COLD_SIGN = """
import sys, time
from pathlib import Path
started = time.perf_counter()
from auditdesk.signing import KeyStore, StampPlacement, sign_pdf
identity = KeyStore(Path(sys.argv[1])).load(sys.argv[2])
sign_pdf(Path(sys.argv[3]), identity, stamp=StampPlacement(-1, (56, 56, 300, 140)))
print(time.perf_counter() - started)
"""


def run() -> list[Row]:
    from auditdesk.signing import (
        KeyStore,
        StampPlacement,
        sign_manifest,
        sign_pdf,
        verify_manifest,
        verify_pdf,
    )

    with tempfile.TemporaryDirectory() as folder:
        store = KeyStore(Path(folder) / "keys")
        store.create(name="Bench Auditor", org="Bench NGO", email="b@n.example",
                     passphrase=PASSPHRASE)
        pdf_path = Path(folder) / "report.pdf"
        pdf = _thirty_pages()
        pdf_path.write_bytes(pdf)

        cold = [
            float(subprocess.run(
                [sys.executable, "-c", _COLD_SIGN, str(store.directory), PASSPHRASE,
                 str(pdf_path)],
                capture_output=True, text=True, check=True,
            ).stdout)
            for _ in range(3)
        ]
        load = _median(lambda: store.load(PASSPHRASE))
        identity = store.load(PASSPHRASE)
        stamp = StampPlacement(-1, (56, 56, 300, 140))
        signed = sign_pdf(pdf, identity, stamp=stamp)
        warm = _median(lambda: sign_pdf(pdf, identity, stamp=stamp))
        verify = _median(lambda: verify_pdf(signed, [identity.certificate]))
        manifest = b"sheet hashes " * 40
        manifest_sign = _median(lambda: sign_manifest(manifest, identity))
        signed_manifest = sign_manifest(manifest, identity)
        manifest_verify = _median(
            lambda: verify_manifest(manifest, signed_manifest, [identity.certificate])
        )

    return [
        ("signing: cold process, key load + sign 30 pages (s)", statistics.median(cold),
         "≤ 1.5 s including the report build"),
        ("signing: open sealed key (s)", load, "≤ 0.1 s (PBKDF2, 300k rounds)"),
        ("signing: sign 30-page PDF, pyHanko loaded (s)", warm, "≤ 0.2 s"),
        ("signing: verify 30-page PDF (s)", verify, "≤ 0.2 s"),
        ("signing: sign workbook manifest (s)", manifest_sign, "≤ 0.01 s"),
        ("signing: verify workbook manifest (s)", manifest_verify, "≤ 0.05 s"),
    ]
