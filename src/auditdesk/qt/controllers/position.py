"""Where the auditor is: saved in the database at every move, so a crash reopens there."""

from __future__ import annotations

from dataclasses import dataclass

from auditdesk.qt.controllers.workspace import Workspace

SETTING_KEY = "qt.last_position"


@dataclass(frozen=True)
class Position:
    audit: str
    record: str = ""
    path: str = ""
    language: str = ""


class PositionStore:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._last: Position | None = None
        workspace.opened.connect(self._forget_last)  # another database: nothing saved there yet

    def _forget_last(self) -> None:
        self._last = None

    def save(self, position: Position) -> None:
        """Remember ``position`` durably (skipped when nothing moved)."""
        if position == self._last or not self._workspace.is_open:
            return
        self._workspace.repository.set_setting(
            SETTING_KEY,
            {
                "audit": position.audit,
                "record": position.record,
                "path": position.path,
                "language": position.language,
            },
        )
        self._last = position

    def clear(self) -> None:
        if self._workspace.is_open:
            self._workspace.repository.set_setting(SETTING_KEY, None)
        self._last = None

    def load(self) -> Position | None:
        raw = self._workspace.repository.get_setting(SETTING_KEY)
        if not isinstance(raw, dict) or not isinstance(raw.get("audit"), str):
            return None
        return Position(
            audit=str(raw["audit"]),
            record=str(raw.get("record") or ""),
            path=str(raw.get("path") or ""),
            language=str(raw.get("language") or ""),
        )
