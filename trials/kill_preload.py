"""Imported once in the kill trial's fork server: an export's one-time costs, paid once.

A first export in a fresh process imports the PDF signer (pyHanko and its network
clients), openpyxl's writer and reportlab's layout, and registers the report's fonts:
over a second that every child would otherwise spend before its first export
completes, leaving the kills almost no finished export to land after.
"""

from __future__ import annotations

import importlib

for _module in (
    "openpyxl",
    "pyhanko.sign",
    "pyhanko.sign.timestamps",
    "reportlab.platypus",
    "auditdesk.export.run",
    "auditdesk.export.report",
    "auditdesk.export.workbook_writer",
    "auditdesk.signing.manifest",
    "auditdesk.signing.pdf_signing",
):
    importlib.import_module(_module)

from auditdesk.export.report_style import fonts, styles  # noqa: E402 - after the imports above

fonts()
styles()
