"""One audit, several exports: keep the newest, and show where they disagree.

Exports of one audit are matched by the audit's UUID; inside them, records by their
UUID, answers by (record UUID, question path) and findings by their UUID: never by
row position, which changes whenever an auditor adds an interview.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from auditdesk.consolidate.model import (
    AuditBundle,
    CellValue,
    Conflict,
    ImportEntry,
    MasterContent,
    Outcome,
)
from auditdesk.consolidate.spill import PackedRows, unpacked

_AUDIT_FIELDS = (
    "site_name", "organisation", "country", "audit_type", "audit_status", "started_on",
    "ended_on", "lead_auditor", "team", "rating",
)
_FINDING_FIELDS = (
    "severity", "title", "status", "cap_action", "cap_responsible", "cap_plan_due",
    "cap_verify_due", "cap_status",
)


def _same(left: object, right: object) -> bool:
    from auditdesk.export.cells import canonical_cell

    return left == right or canonical_cell(left) == canonical_cell(right)


def _newer(candidate: AuditBundle, kept: AuditBundle) -> bool:
    """Is ``candidate`` a later export than ``kept``? Ties keep what is already kept."""
    least = datetime.datetime.min
    return (candidate.facts.exported_at or least) > (kept.facts.exported_at or least)


def add_bundle(
    content: MasterContent,
    bundle: AuditBundle,
    entry: ImportEntry | None,
    kept_entries: dict[str, ImportEntry],
    packed: PackedRows | None = None,
) -> None:
    """Merge one audit's bundle into ``content``; sets the entry's outcome.

    ``kept_entries`` maps audit UUIDs to the entry whose bundle is kept, so that a
    file replaced later in the same run is told it was superseded. ``packed`` holds
    the bundle's rows when a worker process already packed them (the bundle is then
    light); the kept bundle's rows go to the content's spill file either way.
    """
    uuid = bundle.audit_uuid
    kept = content.bundles.get(uuid)
    for area in bundle.areas:
        content.area_names.setdefault(area.code, area.name)
    if kept is None:
        content.keep(bundle, packed)
        if entry is not None:
            entry.outcome = Outcome.ADDED
            kept_entries[uuid] = entry
        return
    # Two exports of one audit: only now are both exports' rows needed, to compare them.
    full = unpacked(bundle, packed) if packed is not None else bundle
    if _newer(bundle, kept):
        content.conflicts.extend(diff_bundles(full, content.loaded(kept)))
        content.keep(bundle, packed)
        previous = kept_entries.pop(uuid, None)
        replaced = Outcome.REPLACED
        if previous is not None:
            # An audit first seen in this run is still new to the master.
            replaced = previous.outcome
            previous.outcome = Outcome.SUPERSEDED
        if entry is not None:
            entry.outcome = replaced
            kept_entries[uuid] = entry
    else:
        content.conflicts.extend(diff_bundles(content.loaded(kept), full))
        if entry is not None:
            entry.outcome = Outcome.SUPERSEDED


def diff_bundles(kept: AuditBundle, other: AuditBundle) -> list[Conflict]:
    """Every value on which two exports of one audit differ, kept export first."""
    conflicts: list[Conflict] = []

    def add(kind: str, key: str, field: str, kept_value: CellValue, other_value: CellValue) -> None:
        conflicts.append(
            Conflict(
                kept.audit_uuid,
                kept.facts.site_name,
                kind,
                key,
                field,
                kept_value,
                kept.facts.source_file,
                kept.facts.exported_at,
                other_value,
                other.facts.source_file,
                other.facts.exported_at,
            )
        )

    for name in _AUDIT_FIELDS:
        mine, theirs = getattr(kept.facts, name), getattr(other.facts, name)
        if not _same(mine, theirs):
            add("audit", "audit", name, mine, theirs)
    for key, name, mine, theirs in _finding_differences(kept, other):
        add("finding", key, name, mine, theirs)
    for record, path, mine, theirs in _answer_differences(kept, other):
        add("answer" if path else "record", record, path, mine, theirs)
    return conflicts


def _finding_differences(
    kept: AuditBundle, other: AuditBundle
) -> Iterator[tuple[str, str, CellValue, CellValue]]:
    mine = {finding.key: finding for finding in kept.findings}
    theirs = {finding.key: finding for finding in other.findings}
    for key in dict.fromkeys([*mine, *theirs]):
        left, right = mine.get(key), theirs.get(key)
        if left is None or right is None:
            yield key, "finding", _presence(left), _presence(right)
            continue
        for name in _FINDING_FIELDS:
            a, b = getattr(left, name), getattr(right, name)
            if not _same(a, b):
                yield key, name, a, b


def _presence(value: object) -> str | None:
    return "present" if value is not None else None


def _answer_differences(
    kept: AuditBundle, other: AuditBundle
) -> Iterator[tuple[str, str, CellValue, CellValue]]:
    """(record, path, kept, other); a record only one export has is one line, path ""."""
    mine: dict[str, dict[str, CellValue]] = {}
    for answer in kept.answers:
        mine.setdefault(answer.record_uuid, {})[answer.question_path] = answer.value
    theirs: dict[str, dict[str, CellValue]] = {}
    for answer in other.answers:
        theirs.setdefault(answer.record_uuid, {})[answer.question_path] = answer.value
    for record in dict.fromkeys([*mine, *theirs]):
        left, right = mine.get(record), theirs.get(record)
        if left is None or right is None:
            yield record, "", _record_presence(left), _record_presence(right)
            continue
        for path in dict.fromkeys([*left, *right]):
            a, b = left.get(path), right.get(path)
            if not _same(a, b):
                yield record, path, a, b


def _record_presence(answers: dict[str, CellValue] | None) -> str | None:
    return None if answers is None else f"present ({len(answers)} answers)"
