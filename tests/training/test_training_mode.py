"""Training mode: the training database marks every audit made in it, refuses to mix with
real audits, and what leaves it (PDF report, workbook) carries the training mark, which
consolidation flags rather than counting as real."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from training_scene import CASE, run

from auditdesk.domain import Audit, AuditType, Site
from auditdesk.storage import open_database
from auditdesk.training.samples import read_sample

MARK = "TRAINING — fictional data"


def new_audit(site_uuid: str, *, training: bool = False) -> Audit:
    return Audit(
        uuid=str(uuid.uuid4()),
        site_uuid=site_uuid,
        audit_type=AuditType.ANNOUNCED,
        training=training,
    )


def test_an_audit_made_in_a_training_database_is_training_even_if_the_caller_forgets(
    tmp_path: Path,
) -> None:
    db = tmp_path / "practice.sqlite"
    loaded = run("--training", "--db", str(db), "samples", "load", CASE)
    assert loaded.exit_code == 0, loaded.output

    # Opened later without the training flag (as any front-end might), the database
    # still marks a new audit whose caller left training=False, like a GUI wizard would.
    with open_database(db, daily_backup=False) as repository:
        assert repository.is_training_database()
        site = repository.list_sites()[0]
        made = repository.add_audit(new_audit(site.uuid))
        stored = repository.get_audit(made.uuid)
        assert made.training
        assert stored.training
        # Nor can an edit take the mark away.
        repository.update_audit(replace(stored, training=False, notes="edited"))
        assert repository.get_audit(made.uuid).training

    listed = run("--training", "--db", str(db), "audits", "list", "--json")
    assert listed.exit_code == 0, listed.output
    audits = json.loads(listed.output)
    assert len(audits) == 2
    assert all(audit["training"] for audit in audits)


def test_training_mode_refuses_a_database_holding_real_audits(tmp_path: Path) -> None:
    db = tmp_path / "real.sqlite"
    with open_database(db, daily_backup=False) as repository:
        repository.add_site(Site(uuid="s-1", organisation="Org", name="Real site", country="KE"))
        repository.add_audit(new_audit("s-1"))
        assert not repository.is_training_database()

    refused = run("--training", "--db", str(db), "audits", "list")

    assert refused.exit_code == 1
    assert "holds 1 real audit" in refused.output
    assert "Traceback" not in refused.output
    with open_database(db, daily_backup=False) as repository:
        assert not repository.is_training_database()
        assert not any(audit.training for audit in repository.list_audits())


def test_a_real_database_stays_real(tmp_path: Path) -> None:
    with open_database(tmp_path / "real.sqlite", daily_backup=False) as repository:
        repository.add_site(Site(uuid="s-1", organisation="Org", name="Real site", country="KE"))
        assert not repository.add_audit(new_audit("s-1")).training
        # A sample loaded for practice into a real database is still marked itself.
        assert repository.add_audit(new_audit("s-1", training=True)).training


def test_the_default_training_database_is_a_separate_file(tmp_path: Path) -> None:
    loaded = run("--training", "samples", "load", CASE)
    assert loaded.exit_code == 0, loaded.output
    real = run("audits", "list", "--json")
    training = run("--training", "audits", "list", "--json")
    assert "training.sqlite" in loaded.output
    assert json.loads(training.output)[0]["training"]
    # The real default database never saw the training audit.
    assert real.exit_code != 0 or json.loads(real.output) == []


@dataclass(frozen=True)
class Exports:
    folder: Path
    workbook: Path
    report: Path


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exports]:
    """A training audit loaded in training mode, exported signed as workbook and PDF."""
    from auditdesk.signing import KeyStore

    folder = tmp_path_factory.mktemp("training-exports")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        patch.setenv("AUDITDESK_KEY_PASSPHRASE", "trainer key passphrase")
        patch.delenv("AUDITDESK_PASSPHRASE", raising=False)
        KeyStore().create(
            name="Trainer One",
            org="Training NGO",
            email="trainer@ngo.example",
            passphrase="trainer key passphrase",
        )
        loaded = run("--training", "samples", "load", CASE)
        assert loaded.exit_code == 0, loaded.output
        workbook, report = folder / "tala.xlsx", folder / "tala.pdf"
        exported = run(
            "--training",
            "export",
            read_sample(CASE).audit.uuid,
            "--xlsx",
            str(workbook),
            "--pdf",
            str(report),
            "--sign",
        )
        assert exported.exit_code == 0, exported.output
        yield Exports(folder, workbook, report)


def test_every_page_of_a_training_report_carries_the_mark(exports: Exports) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(exports.report), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) > 5
    assert all(MARK in page for page in pages)


def test_a_training_workbook_says_so_in_about_and_in_the_signed_manifest(
    exports: Exports,
) -> None:
    from auditdesk.export.workbook_manifest import WorkbookManifest, read_manifest_cells

    workbook = CalamineWorkbook.from_path(str(exports.workbook))
    about = {row[0]: row[1:] for row in workbook.get_sheet_by_name("About").to_python() if row}
    assert about["training"][0] == "yes"
    assert about["training"][1] == MARK
    cells = read_manifest_cells(workbook.get_sheet_by_name("_manifest").to_python())
    assert cells.signed
    assert WorkbookManifest.from_bytes(cells.manifest_bytes).training


def test_consolidation_flags_a_training_workbook_and_never_counts_it_as_real(
    exports: Exports,
) -> None:
    from auditdesk.consolidate import InputStatus, classify_file
    from auditdesk.signing import KeyStore
    from auditdesk.signing.trust import trust_roots

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(exports.folder / "config"))
        roots = trust_roots([], keystore=KeyStore())
    classified = classify_file(exports.workbook, roots)

    assert classified.entry.status is InputStatus.TRAINING
    assert "training data (fictional)" in classified.entry.reason
    assert classified.bundle is None
    assert not classified.entry.status.consolidated
