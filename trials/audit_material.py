"""A real exported audit to attack: the bundled sample, with canaries planted, exported
signed (confidential and site-facing workbooks and PDFs) by a trusted key.

Building it costs several seconds (load, score, export), so it is made once per
process and shared by the tamper, fuzz, leak and hostile trials.
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEY_PASSPHRASE = "audit-material key passphrase"
DB_PASSPHRASE = "audit-material db passphrase"

# Where a careless auditor types a worker's name, and the quotes only the NGO may read.
CANARY_PATHS = {
    "worker_interview": ("closing/other_concerns", "closing/auditor_notes"),
    "worker_group_interview": ("wrap_up/main_issues", "wrap_up/auditor_notes"),
}


@dataclass(frozen=True)
class ExportedAudit:
    folder: Path
    db_path: Path
    audit_uuid: str
    identity: Any
    trust: tuple[Any, ...]
    confidential_xlsx: Path
    confidential_pdf: Path
    site_xlsx: Path
    site_pdf: Path
    name_canaries: tuple[str, ...]
    """Names typed into free text (must reach the NGO, never the site)."""
    quote_canaries: tuple[str, ...]
    """Worker quotes (free text of worker and group interviews)."""
    respondent_codes: tuple[str, ...]


_CACHE: dict[str, ExportedAudit] = {}


def _plant(repo: Any, audit_uuid: str) -> tuple[list[str], list[str], list[str]]:
    names, quotes, codes = [], [], []
    for record in repo.list_form_records(audit_uuid):
        paths = CANARY_PATHS.get(record.kind.value)
        if record.respondent_code and record.kind.value.startswith("worker"):
            codes.append(record.respondent_code)
        if not paths:
            continue
        answers = repo.get_answers(record.uuid)
        for path in paths:
            if path not in answers:
                continue
            name = f"Wanjiru Canary{secrets.token_hex(4)}"
            quote = f"QuoteCanary{secrets.token_hex(4)}"
            text = f"{answers[path]} My supervisor {name} said: '{quote} or you are out.'"
            repo.save_answer(record.uuid, path, text, reason="trial canary")
            names.append(name)
            quotes.append(quote)
    return names, quotes, codes


def exported_audit() -> ExportedAudit:
    """The shared exported sample (built on first use, removed when the process ends)."""
    if "audit" in _CACHE:
        return _CACHE["audit"]
    from auditdesk.export.audience import Audience
    from auditdesk.export.audit_data import ExportSettings
    from auditdesk.export.run import ExportRequest, export_audit
    from auditdesk.signing import KeyStore
    from auditdesk.storage import open_database
    from auditdesk.training.samples import list_cases, load_case

    folder = Path(tempfile.mkdtemp(prefix="auditdesk-trial-audit-"))
    atexit.register(shutil.rmtree, folder, True)
    identity = KeyStore(folder / "keys").create(
        name="Trial Auditor", org="Trials", email="trial@example.org", passphrase=KEY_PASSPHRASE
    )
    db_path = folder / "audit.sqlite"
    with open_database(db_path, passphrase=DB_PASSPHRASE, daily_backup=False) as repo:
        case = list_cases()[0]
        audit_uuid = load_case(repo, case.id)
        names, quotes, codes = _plant(repo, audit_uuid)
        files = {}
        for audience in (Audience.CONFIDENTIAL, Audience.SITE):
            xlsx = folder / f"{audience.value}.xlsx"
            pdf = folder / f"{audience.value}.pdf"
            export_audit(repo, audit_uuid, ExportRequest(
                xlsx=xlsx, pdf=pdf, identity=identity,
                settings=ExportSettings(audience=audience)))
            files[audience.value] = (xlsx, pdf)
    audit = ExportedAudit(
        folder, db_path, audit_uuid, identity, (identity.certificate,),
        files["confidential"][0], files["confidential"][1], files["site"][0], files["site"][1],
        tuple(names), tuple(quotes), tuple(codes),
    )
    _CACHE["audit"] = audit
    return audit


def export_available() -> str:
    """"" when the export, verifier and samples exist; else what the trial waits on."""
    import importlib.util

    for module, who in (("auditdesk.export.run", "the workbook/PDF export (issue 6)"),
                        ("auditdesk.export.workbook_verify", "workbook verification (issue 6)"),
                        ("auditdesk.training.samples", "the sample audit (issue 8)")):
        if importlib.util.find_spec(module) is None:
            return who
    return ""
