"""AuditDesk: a desktop assessment toolkit for labour audits of data-enrichment work.

The package is a pure core (form engine, storage, audit method, exports, signing,
consolidation) with two thin front-ends over it: ``auditdesk.cli`` and ``auditdesk.qt``.
"""

APP_NAME = "AuditDesk"
APP_ID = "org.auditdesk.AuditDesk"
__version__ = "0.1.0"
