"""The audit trail's hash chain.

Each entry's hash is SHA-256 over the previous entry's hash followed by the canonical
JSON of the entry's own fields (values kept as the exact stored JSON text, so checking
never depends on re-serialising floats). Editing, inserting or deleting an entry with
another tool breaks every later link; ``verify_chain`` names the first broken one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from auditdesk.domain import TrailVerification

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class StoredEntry:
    """An entry's fields exactly as stored (JSON values as text)."""

    audit_uuid: str
    seq: int
    at: str
    auditor: str
    kind: str
    record_uuid: str | None
    path: str | None
    old_value_json: str | None
    new_value_json: str | None
    reason: str
    detail_json: str
    prev_hash: str = ""
    hash: str = ""


def entry_hash(prev_hash: str, entry: StoredEntry) -> str:
    body = json.dumps(
        {
            "audit": entry.audit_uuid,
            "seq": entry.seq,
            "at": entry.at,
            "auditor": entry.auditor,
            "kind": entry.kind,
            "record": entry.record_uuid,
            "path": entry.path,
            "old": entry.old_value_json,
            "new": entry.new_value_json,
            "reason": entry.reason,
            "detail": entry.detail_json,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def verify_chain(audit_uuid: str, entries: Iterable[StoredEntry]) -> TrailVerification:
    """Check links in ``seq`` order: numbering, previous-hash pointers and each hash."""
    expected_prev = GENESIS_HASH
    count = 0
    for expected_seq, entry in enumerate(entries, start=1):
        count += 1
        if entry.seq != expected_seq:
            return TrailVerification(
                audit_uuid, count, entry.seq, f"entry {expected_seq} is missing"
            )
        if entry.prev_hash != expected_prev:
            return TrailVerification(
                audit_uuid, count, entry.seq, "does not point to the previous entry"
            )
        if entry_hash(entry.prev_hash, entry) != entry.hash:
            return TrailVerification(
                audit_uuid, count, entry.seq, "its content was changed after it was written"
            )
        expected_prev = entry.hash
    return TrailVerification(audit_uuid, count, head_hash=expected_prev if count else "")
