""".github/workflows/release.yml: valid for GitHub Actions, builds and self-tests on three OSes.

The workflow cannot run here; these checks read it as the service does (YAML, then the
workflow schema's main keys) and follow each OS through its steps.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
RUNNER_OS = {"ubuntu-22.04": "Linux", "windows-latest": "Windows", "macos-14": "macOS"}
STEP_KEYS = {
    "id", "if", "name", "uses", "run", "with", "env", "shell",
    "continue-on-error", "timeout-minutes", "working-directory",
}  # fmt: skip
JOB_KEYS = {
    "name", "runs-on", "needs", "if", "permissions", "environment", "concurrency", "outputs",
    "env", "defaults", "steps", "timeout-minutes", "strategy", "continue-on-error",
    "container", "services",
}  # fmt: skip


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def job(workflow: dict[Any, Any]) -> dict[str, Any]:
    jobs = workflow["jobs"]
    assert list(jobs) == ["package"]
    return jobs["package"]


def steps_for(job: dict[str, Any], runner_os: str) -> list[dict[str, Any]]:
    """The steps that run on ``runner_os``, judging ``if: runner.os == '…'`` conditions."""
    chosen = []
    for step in job["steps"]:
        condition = step.get("if", "")
        named = re.findall(r"runner\.os == '(\w+)'", condition)
        if not named or runner_os in named:
            chosen.append(step)
    return chosen


def test_triggers_on_tags_and_by_hand(workflow: dict[Any, Any]) -> None:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1), GitHub as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "write"}


def test_keys_are_ones_github_actions_knows(job: dict[str, Any]) -> None:
    assert set(job) <= JOB_KEYS
    for step in job["steps"]:
        assert set(step) <= STEP_KEYS, step
        assert ("uses" in step) != ("run" in step), step  # exactly one of the two
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
        if "if" in step:
            for name in re.findall(r"runner\.os == '(\w+)'", step["if"]):
                assert name in RUNNER_OS.values()
        for expression in re.findall(r"\$\{\{(.*?)\}\}", str(step)):
            assert re.fullmatch(
                r"\s*(matrix|steps|inputs|github)\.[\w.]+(\s*\|\|\s*[\w.]+)?\s*", expression
            ), expression


def test_matrix_builds_on_linux_windows_and_macos_with_python_311(job: dict[str, Any]) -> None:
    include = job["strategy"]["matrix"]["include"]
    assert {entry["os"] for entry in include} == set(RUNNER_OS)
    assert job["runs-on"] == "${{ matrix.os }}"
    assert job["strategy"]["fail-fast"] is False
    setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup
    assert setup[0]["with"]["python-version"] == "3.11"


@pytest.mark.parametrize("runner", sorted(RUNNER_OS))
def test_each_os_builds_self_tests_zips_and_uploads(job: dict[str, Any], runner: str) -> None:
    steps = steps_for(job, RUNNER_OS[runner])
    scripts = [str(step.get("run", "")) for step in steps]
    uses = [str(step.get("uses", "")) for step in steps]

    def first(predicate: Any) -> int:
        matches = [i for i, step in enumerate(steps) if predicate(step)]
        assert matches, f"{runner}: no such step"
        return matches[0]

    install = first(lambda s: "pip install" in str(s.get("run", "")) and "package" in s["run"])
    build = first(lambda s: "packaging/auditdesk.spec" in str(s.get("run", "")))
    selftest = first(lambda s: "--selftest" in str(s.get("run", "")))
    zipped = first(lambda s: ".zip" in str(s.get("run", "")))
    upload = first(lambda s: str(s.get("uses", "")).startswith("softprops/action-gh-release@"))
    assert install < build < selftest < zipped < upload
    assert "pyinstaller" in scripts[build]
    if runner == "windows-latest":
        # The windowed GUI executable has no console; the CLI twin prints the result.
        assert "auditdesk-cli.exe --selftest" in scripts[selftest]
    elif runner == "macos-14":
        assert "AuditDesk.app/Contents/MacOS/auditdesk --selftest" in scripts[selftest]
        assert "AuditDesk.app" in scripts[zipped]
    else:
        assert "dist/AuditDesk/auditdesk --selftest" in scripts[selftest]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"
