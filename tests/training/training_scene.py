"""Shared set-up for the training tests: a case loaded and exported, and a crafted trainee.

The crafted trainee audits the tala-cebu case like a trainee who believed management on
three points the reference audit found non-compliant: the training bond (J3), balances
voided when a project closed (D4) and webcam snapshots in homes (K2). Each change touches
only the answers evidencing that criterion, so exactly those three criteria differ.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from auditdesk.cli import cli
from auditdesk.training.samples import samples_dir

CASE = "tala-cebu"
TRAINEE_AUDIT_UUID = "0f5a7c1e-9d3b-4e62-8a14-5b2c7e9d1f30"
TRAINEE_CHANGES: dict[str, dict[str, object]] = {
    # J3: the trainee accepted the bond as "standard" and did not ask workers about leaving.
    "records/W-02.json": {"can_resign": "yes"},
    "records/W-06.json": {"can_resign": "yes"},
    # D4: took "balances are always paid" at face value.
    "records/management_interview.json": {"final_pay": "always"},
    "records/W-03.json": {"lost_balance": "no"},
    "records/W-04.json": {"lost_balance": "no"},
    # K2: did not notice the webcam mode on the shared screen.
    "records/site_observation.json": {"monitoring_seen": ["screenshots", "idle"]},
    "records/document_review.json": {
        "no_exit_penalty": "met",
        "final_balances": "met",
        "monitoring_settings": "met",
    },
}
CHANGED_CRITERIA = ("D4", "J3", "K2")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def craft_trainee_case(target: Path) -> Path:
    """A copy of the case under ``target`` with the trainee's answers and its own audit."""
    folder = target / CASE
    shutil.copytree(samples_dir() / CASE, folder)
    for name, changes in TRAINEE_CHANGES.items():
        path = folder / name
        answers = json.loads(path.read_text(encoding="utf-8"))
        answers.update(changes)
        path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    case_path = folder / "case.json"
    case = json.loads(case_path.read_text(encoding="utf-8"))
    case["audit"]["uuid"] = TRAINEE_AUDIT_UUID
    case["audit"]["lead_auditor"] = "TR-07"
    case_path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    return target


@dataclass(frozen=True)
class Exported:
    db: Path
    audit_uuid: str
    workbook: Path


def load_and_export(db: Path, workbook: Path, *, samples_folder: Path | None = None) -> Exported:
    """Load the case into ``db`` (from ``samples_folder`` if given) and export its workbook."""
    if samples_folder is None:
        loaded = run("--db", str(db), "samples", "load", CASE)
        assert loaded.exit_code == 0, loaded.output
        found = re.search(r"training audit ([0-9a-f-]{36})", loaded.output)
        assert found is not None, loaded.output
        audit_uuid = found.group(1)
    else:
        from auditdesk.storage import open_database
        from auditdesk.training.samples import load_case

        with open_database(db, daily_backup=False) as repository:
            audit_uuid = load_case(repository, CASE, samples_folder=samples_folder)
    exported = run("--db", str(db), "export", audit_uuid, "--xlsx", str(workbook))
    assert exported.exit_code == 0, exported.output
    return Exported(db, audit_uuid, workbook)


@dataclass(frozen=True)
class Scene:
    """The tala-cebu reference and the crafted trainee, each loaded and exported."""

    reference: Exported
    trainee: Exported
    folder: Path


def make_scene(folder: Path) -> Scene:
    reference = load_and_export(folder / "reference.sqlite", folder / "reference.xlsx")
    cases = craft_trainee_case(folder / "trainee-cases")
    trainee = load_and_export(
        folder / "trainee.sqlite", folder / "trainee-07.xlsx", samples_folder=cases
    )
    return Scene(reference, trainee, folder)
