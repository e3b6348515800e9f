"""Alembic migration scripts shipped inside the package (see ``storage/migrate.py``)."""

HEAD_REVISION = "0002"
"""The newest script's revision, readable without importing Alembic or SQLAlchemy (the
start-up's quick audits list checks a database against it). A test keeps it equal to the
head Alembic finds among the scripts."""
