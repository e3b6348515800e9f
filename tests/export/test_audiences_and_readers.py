"""What the site-facing exports leave out (canaries planted in worker answers), and
LibreOffice reading the workbook to the same values as python-calamine."""

from __future__ import annotations

import csv
import datetime
import subprocess
from pathlib import Path
from typing import Any

import pytest
from export_scene import GROUP_CANARY, NOTES_CANARY, WORKER_CANARY, AuditScene
from signing_material import require_tool
from test_workbook import as_records, calamine_sheets

from auditdesk.export.audience import Audience
from auditdesk.export.audit_data import ExportSettings
from auditdesk.export.run import ExportRequest, export_audit
from auditdesk.signing import SigningIdentity, VerificationStatus
from auditdesk.storage import Repository

CANARIES = (WORKER_CANARY, NOTES_CANARY, GROUP_CANARY)


def export_both(repo: Repository, scene: AuditScene, folder: Path, audience: Audience,
                identity: SigningIdentity | None = None) -> tuple[Path, Path]:
    xlsx, pdf = folder / f"{audience}.xlsx", folder / f"{audience}.pdf"
    export_audit(repo, scene.audit.uuid, ExportRequest(
        xlsx=xlsx, pdf=pdf, settings=ExportSettings(audience), identity=identity))
    return xlsx, pdf


def workbook_text(path: Path) -> str:
    return "\n".join(str(value) for rows in calamine_sheets(path).values() for row in rows
                     for value in row if value not in (None, ""))


def pdf_text(path: Path) -> str:
    return subprocess.run([require_tool("pdftotext", "poppler-utils"), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_images(path: Path) -> int:
    listing = subprocess.run([require_tool("pdfimages", "poppler-utils"), "-list", str(path)],
                             capture_output=True, text=True, check=True).stdout
    # page num type width …: count pictures, not their transparency masks.
    return sum(1 for line in listing.splitlines()[2:] if line.split()[2] == "image")


def test_site_exports_hold_no_worker_codes_free_text_or_photos(
    repo: Repository, scene: AuditScene, tmp_path: Path, identity: SigningIdentity,
) -> None:
    codes = scene.worker_codes()
    assert len(codes) == 5
    confidential = export_both(repo, scene, tmp_path, Audience.CONFIDENTIAL)
    site = export_both(repo, scene, tmp_path, Audience.SITE, identity)
    # The canaries are there to be found: the confidential export carries them.
    seen = workbook_text(confidential[0]) + pdf_text(confidential[1])
    assert all(canary in seen for canary in CANARIES)
    assert all(code in seen for code in codes)
    for text in (workbook_text(site[0]), pdf_text(site[1])):
        assert not [canary for canary in CANARIES if canary in text]
        assert not [code for code in codes if code in text]
        assert "worker photo" not in text
    # Four worker photos in the confidential appendix; none in the site report.
    assert pdf_images(confidential[1]) - pdf_images(site[1]) == 4


def test_the_site_workbook_shows_workers_only_in_aggregate_and_is_signed(
    repo: Repository, scene: AuditScene, tmp_path: Path, identity: SigningIdentity, pki: Any,
) -> None:
    from auditdesk.export.workbook_verify import verify_workbook

    xlsx, _ = export_both(repo, scene, tmp_path, Audience.SITE, identity)
    sheets = calamine_sheets(xlsx)
    assert "worker_interview" not in sheets
    assert "worker_group_interview" not in sheets
    worker_records = {r.uuid for kind in ("auditdesk_worker_interview",
                                          "auditdesk_worker_group_interview")
                      for r in scene.records[kind]}
    everything = workbook_text(xlsx)
    assert not [uuid for uuid in worker_records if uuid in everything]
    assert all(row["respondent_code"] in (None, "") for row in as_records(sheets["Answers"]))
    summary = as_records(sheets["Worker summary"])
    counted = [row for row in summary if row["count"] != ""]
    assert counted
    assert all(row["respondents"] >= 3 for row in counted)
    about = {row[0]: row[1] for row in sheets["About"][1:]}
    assert about["audience"] == "site"
    assert about["min_respondents"] == 3
    assert verify_workbook(xlsx, [pki.ca.certificate()]).status is VerificationStatus.VALID


def test_a_higher_threshold_hides_the_counts(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    xlsx = tmp_path / "site.xlsx"
    export_audit(repo, scene.audit.uuid, ExportRequest(
        xlsx=xlsx, settings=ExportSettings(Audience.SITE, min_respondents=10)))
    summary = as_records(calamine_sheets(xlsx)["Worker summary"])
    assert summary
    assert all(row["count"] == "" for row in summary)
    assert all(row["note"] == "fewer than 10 respondents — not shown" for row in summary)


def _as_libreoffice_writes(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_libreoffice_converts_every_sheet_to_csv_with_the_same_values(
    repo: Repository, scene: AuditScene, tmp_path: Path, soffice: str
) -> None:
    xlsx, _ = export_both(repo, scene, tmp_path, Audience.CONFIDENTIAL)
    out = tmp_path / "csv"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         # UTF-8, comma, double quotes, raw values, every sheet to its own file (-1).
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(out), str(xlsx)],
        capture_output=True, check=True, timeout=240,
    )
    sheets = calamine_sheets(xlsx)
    for name, rows in sheets.items():
        path = out / f"{xlsx.stem}-{name}.csv"
        assert path.is_file(), name
        with path.open(encoding="utf-8", newline="") as handle:
            written = list(csv.reader(handle))
        expected = [[_as_libreoffice_writes(v) for v in row] for row in rows]
        assert len(written) == len(expected), name
        for number, (got, want) in enumerate(zip(written, expected, strict=True), start=1):
            while want and not want[-1]:
                want.pop()
            while got and not got[-1]:
                got.pop()
            assert len(got) == len(want), (name, number)
            for a, b in zip(got, want, strict=True):
                if a != b:  # numbers: same value, whatever digits or % format LibreOffice shows
                    if a.endswith("%"):  # a whole percent: within half a point
                        assert float(a[:-1]) / 100 == pytest.approx(float(b), abs=0.0051)
                    else:
                        assert float(a) == pytest.approx(float(b)), (name, number, a, b)
