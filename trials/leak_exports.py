"""Leak trial, site-facing exports: no respondent codes, typed names or worker quotes.

Canaries are planted in the sample audit's free text (see ``audit_material``). The
confidential exports must contain them (else the search proves nothing); the
site-facing PDF and workbook must contain none. The PDF is searched as extracted text
(poppler's ``pdftotext``) and as raw bytes; the workbook in every part of the zip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from trials.report import Figure, not_yet

NAME = "leak: canary names, quotes, respondent codes in site-facing PDF and workbook"


def _workbook_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def _pdf_text(path: Path) -> str:
    raw = path.read_bytes().decode("latin-1")
    tool = shutil.which("pdftotext")
    if tool is None:
        return raw
    extracted = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                               check=False, timeout=120).stdout.decode("utf-8", "replace")
    return raw + "\n" + extracted


def _found(text: str, needles: tuple[str, ...], whole_word: bool) -> list[str]:
    if whole_word:
        return [n for n in needles if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
    return [n for n in needles if n in text]


def run(workdir: Path) -> list[Figure]:
    from trials.audit_material import export_available

    waits = export_available()
    if waits:
        return [not_yet(NAME, "0", waits)]
    from trials.audit_material import exported_audit

    del workdir
    audit = exported_audit()
    kinds = (("name", audit.name_canaries, False), ("quote", audit.quote_canaries, False),
             ("respondent code", audit.respondent_codes, True))
    leaks: list[str] = []
    reached: dict[str, int] = {kind: 0 for kind, _, _ in kinds}
    cases = 0
    for label, (site_file, confidential_file) in {
        "workbook": (audit.site_xlsx, audit.confidential_xlsx),
        "PDF": (audit.site_pdf, audit.confidential_pdf),
    }.items():
        read = _workbook_text if label == "workbook" else _pdf_text
        site_text, confidential_text = read(site_file), read(confidential_file)
        for kind, needles, whole_word in kinds:
            cases += len(needles)
            leaks += [f"{kind} {n!r} in the site {label}"
                      for n in _found(site_text, needles, whole_word)]
            reached[kind] += len(_found(confidential_text, needles, whole_word))
    # The report prints no raw free text by design; the NGO's workbook must hold it all.
    controls = [f"no {kind} canary reached the confidential exports: the search proves nothing"
                for kind, count in reached.items() if not count]
    return [
        Figure(NAME, cases, len(leaks), "0", examples=tuple(leaks)),
        Figure("leak: canary kinds missing from the confidential exports (control)", len(kinds),
               len(controls), "0", examples=tuple(controls)),
    ]
