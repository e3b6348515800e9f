"""Fixtures for the store: a fresh database per test and a small audit in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_scene import Scene, make_scene

from auditdesk.storage import Repository, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "audits.sqlite"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repository]:
    repository = open_database(db_path)
    yield repository
    repository.close()


@pytest.fixture
def scene(repo: Repository) -> Scene:
    return make_scene(repo)
