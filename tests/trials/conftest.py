"""The trials package lives at the repository root, beside src/: make it importable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SEED = 20261122


@pytest.fixture
def seed() -> int:
    return SEED
