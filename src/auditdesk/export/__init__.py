"""What leaves the laptop: the audit workbook and the PDF report.

Entry points (import the modules; this package imports nothing heavy itself):

- ``run.export_audit(store, audit_uuid, ExportRequest(xlsx=, pdf=, settings=, identity=),
  progress)`` — the export job the CLI and the GUI run: reads and scores the audit once,
  writes the files all-or-nothing, signs them, notes the export in the audit trail.
- ``audit_data.ExportSettings(audience, language, min_respondents)`` and
  ``audience.Audience`` (``confidential`` / ``site``).
- ``workbook_verify.verify_workbook(path, trust_roots)`` — what ``auditdesk verify``
  runs for ``.xlsx``; ``cells.sheet_hash(rows)`` — the canonical sheet hash.
- ``report.build_report(data)`` / ``report.sign_report(...)`` and
  ``report_render.render_report_pages(pdf, out_dir)`` (PNG pages via pdftoppm).

The workbook format is specified in docs/workbook-format.md.
"""
