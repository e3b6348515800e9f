"""Alembic environment: always run programmatically on a connection we hand in.

AuditDesk has no ``alembic.ini`` at run time; ``auditdesk.storage.migrate`` builds the
``Config`` and passes the open (possibly SQLCipher-keyed) connection in
``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from auditdesk.storage.schema import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("AuditDesk migrations run through auditdesk.storage.migrate only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds tables safely.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
