"""The hidden ``_manifest`` sheet: what was exported, each sheet's hash, the signature.

The sheet is a two-column key/value table. ``manifest_json`` holds the exact UTF-8
text that was signed (canonical JSON: sorted keys, no spaces); the signature fields
beside it are those of :class:`auditdesk.signing.SignedManifest`. The other rows
repeat the JSON's facts for people who unhide the sheet; readers trust only the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditdesk.export.sheets_summary import WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION

MANIFEST_SHEET = "_manifest"
SIGNATURE_KEYS = ("signature_b64", "certificate_pem", "chain_pem")


class ManifestError(ValueError):
    """A ``_manifest`` sheet that cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class SheetEntry:
    name: str
    kind: str
    sha256: str
    rows: int
    form_id: str = ""
    form_version: str = ""
    repeat: str = ""

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "sha256": self.sha256,
            "rows": self.rows,
        }
        for key in ("form_id", "form_version", "repeat"):
            if getattr(self, key):
                found[key] = getattr(self, key)
        return found


@dataclass(frozen=True)
class WorkbookManifest:
    audit_uuid: str
    document_id: str
    audience: str
    exported_at: str
    """ISO 8601, UTC, ``Z``."""
    app_version: str
    training: bool
    sheets: tuple[SheetEntry, ...]
    format: str = WORKBOOK_FORMAT
    format_version: int = WORKBOOK_FORMAT_VERSION
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The canonical JSON that is hashed and signed."""
        payload = {
            **self.extra,
            "format": self.format,
            "format_version": self.format_version,
            "audit_uuid": self.audit_uuid,
            "document_id": self.document_id,
            "audience": self.audience,
            "exported_at": self.exported_at,
            "app_version": self.app_version,
            "training": self.training,
            "sheets": [sheet.to_json() for sheet in self.sheets],
        }
        return json.dumps(
            payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> WorkbookManifest:
        try:
            payload = json.loads(data.decode("utf-8"))
            sheets = tuple(
                SheetEntry(
                    name=str(sheet["name"]),
                    kind=str(sheet["kind"]),
                    sha256=str(sheet["sha256"]),
                    rows=int(sheet["rows"]),
                    form_id=str(sheet.get("form_id", "")),
                    form_version=str(sheet.get("form_version", "")),
                    repeat=str(sheet.get("repeat", "")),
                )
                for sheet in payload["sheets"]
            )
            known = {
                "format", "format_version", "audit_uuid", "document_id", "audience",
                "exported_at", "app_version", "training", "sheets",
            }
            return cls(
                audit_uuid=str(payload["audit_uuid"]),
                document_id=str(payload.get("document_id", "")),
                audience=str(payload.get("audience", "")),
                exported_at=str(payload.get("exported_at", "")),
                app_version=str(payload.get("app_version", "")),
                training=bool(payload.get("training", False)),
                sheets=sheets,
                format=str(payload["format"]),
                format_version=int(payload["format_version"]),
                extra={k: v for k, v in payload.items() if k not in known},
            )
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            raise ManifestError(f"the manifest is not readable ({error})") from None


def manifest_rows(
    manifest: WorkbookManifest, manifest_bytes: bytes, signature: Mapping[str, str] | None
) -> list[tuple[str, object]]:
    """The ``_manifest`` sheet's rows: key, value."""
    rows: list[tuple[str, object]] = [
        ("key", "value"),
        ("format", manifest.format),
        ("format_version", manifest.format_version),
        ("audit_uuid", manifest.audit_uuid),
        ("document_id", manifest.document_id),
        ("manifest_json", manifest_bytes.decode("utf-8")),
    ]
    for key in SIGNATURE_KEYS:
        rows.append((key, (signature or {}).get(key, "")))
    rows.extend((f"sha256:{sheet.name}", sheet.sha256) for sheet in manifest.sheets)
    return rows


@dataclass(frozen=True)
class ManifestCells:
    """What a reader found in a ``_manifest`` sheet."""

    manifest_bytes: bytes
    signature: dict[str, str]

    @property
    def signed(self) -> bool:
        return bool(self.signature.get("signature_b64"))


def read_manifest_cells(rows: Sequence[Sequence[object]]) -> ManifestCells:
    """Find ``manifest_json`` and the signature fields in the sheet's rows."""
    values: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and isinstance(row[0], str):
            cell = row[1]
            values[row[0]] = cell if isinstance(cell, str) else ""
    text = values.get("manifest_json")
    if not text:
        raise ManifestError("the _manifest sheet has no manifest_json")
    return ManifestCells(
        manifest_bytes=text.encode("utf-8"),
        signature={key: values.get(key, "") for key in SIGNATURE_KEYS},
    )
