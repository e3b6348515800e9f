"""Tamper trial: change what was signed by the smallest amount; verify must notice.

- PDFs: one byte XOR-ed with a random non-zero value at a random offset inside the
  signature's /ByteRange (the signed bytes) of a signed reportlab report.
- Workbooks: one cell of a data sheet of a signed AuditDesk workbook changed
  (waits on the workbook export).

Detected means ``auditdesk verify`` would not say "valid and unmodified": any status
but VALID. A verifier that raises instead of answering counts as a failure too.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from trials.parallel import CaseRun, run_cases
from trials.report import Figure

_PDF: Any = None  # set before the workers fork, read by the job


def _flip_pdf_byte(seed: int, index: int) -> tuple[int, int, bytes]:
    rng = random.Random(seed * 1_000_003 + index)
    lengths = [end - start for start, end in _PDF.ranges]
    start, end = rng.choices(_PDF.ranges, weights=lengths)[0]
    offset = rng.randrange(start, end)
    mask = rng.randrange(1, 256)
    damaged = bytearray(_PDF.data)
    damaged[offset] ^= mask
    return offset, mask, bytes(damaged)


def _pdf_job(seed: int) -> Any:
    def job(index: int) -> tuple[str, str]:
        from auditdesk.signing import verify_pdf

        offset, mask, damaged = _flip_pdf_byte(seed, index)
        result = verify_pdf(damaged, list(_PDF.trust))
        return result.status.value, f"byte {offset} ^= 0x{mask:02x}: {result.detail[:120]}"

    return job


def _pdf_trial(size: int, seed: int, workdir: Path) -> list[Figure]:
    global _PDF
    from auditdesk.signing import VerificationStatus, verify_pdf
    from trials.pdf_material import signed_report

    _PDF = signed_report(workdir)
    baseline = verify_pdf(_PDF.data, list(_PDF.trust))
    if baseline.status is not VerificationStatus.VALID:
        return [Figure("tamper: PDF byte flips detected (baseline not valid!)", 0, 1, "100 %",
                       examples=(f"untouched report: {baseline.status.value} {baseline.detail}",))]
    runs = run_cases(_pdf_job(seed), list(range(size)))
    return [_figure("tamper: PDF single-byte flips in the signed range detected", size, runs)]


def _figure(name: str, size: int, runs: list[CaseRun]) -> Figure:
    missed = []
    for case in runs:
        if case.error:
            missed.append(f"case {case.index}: verifier raised {case.error[-300:]}")
        elif case.result[0] == "valid":
            missed.append(f"case {case.index}: still valid after {case.result[1]}")
    missed += [f"case {i}: no result" for i in range(size) if i not in {c.index for c in runs}]
    slowest = max((c.seconds for c in runs), default=0.0)
    return Figure(f"{name} (slowest {slowest:.2f} s)", size, len(missed), "100 %",
                  examples=tuple(missed))


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    workdir.mkdir(parents=True, exist_ok=True)
    figures = _pdf_trial(size, seed, workdir / "pdf")
    from trials import tamper_workbook

    return figures + tamper_workbook.run(size, seed, workdir / "workbook")
