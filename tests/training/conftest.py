"""Training fixtures: the exported reference and crafted trainee, made once per session
(loading and exporting a case takes seconds) for the calibration and GUI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from training_scene import Scene, make_scene


@pytest.fixture(scope="session")
def calibration_scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    folder = tmp_path_factory.mktemp("calibration")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        patch.delenv("AUDITDESK_PASSPHRASE", raising=False)
        yield make_scene(folder)
