"""The kill trial's look at exported files: what sits at the final name must be whole.

An export killed at any moment may leave the previous file or none at its name, and a
hidden temporary beside it, but never a partial workbook or report there. "Whole" is
what a reader would check: the verifier reads the file and finds it unmodified, signed
by the trial's key or (a workbook exported without signing) unsigned but matching its
own manifest. Each distinct file content is verified once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

EXPORT_SUFFIXES = (".xlsx", ".pdf")


class ExportInspector:
    def __init__(self, folder: Path, trust_roots: tuple[Any, ...]) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.trust_roots = trust_roots
        self._verdicts: dict[str, str] = {}
        """File digest → "" when whole, else why not."""

    @property
    def files_verified(self) -> int:
        return len(self._verdicts)

    def exists(self, stem: str, suffix: str) -> bool:
        return (self.folder / f"{stem}{suffix}").is_file()

    def final_files(self, stem: str) -> list[tuple[Path, str]]:
        """``(path, SHA-256)`` of each file at ``stem``'s final names."""
        paths = (self.folder / f"{stem}{suffix}" for suffix in EXPORT_SUFFIXES)
        return [(path, hashlib.sha256(path.read_bytes()).hexdigest())
                for path in paths if path.is_file()]

    def broken_files(self, stem: str) -> list[str]:
        """Why each file at ``stem``'s final names is not whole (none: all are)."""
        broken = []
        for suffix in EXPORT_SUFFIXES:
            path = self.folder / f"{stem}{suffix}"
            if not path.is_file():
                continue  # never exported yet: the previous state, nothing half-written
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest not in self._verdicts:
                self._verdicts[digest] = self._verdict(path)
            if self._verdicts[digest]:
                broken.append(f"{path.name} (sha256 {digest[:12]}): {self._verdicts[digest]}")
        return broken

    def _verdict(self, path: Path) -> str:
        from auditdesk.signing import VerificationStatus, verify_file

        result = verify_file(path, self.trust_roots)
        whole = {VerificationStatus.VALID}
        if path.suffix == ".xlsx":
            whole.add(VerificationStatus.UNSIGNED)  # checked against its manifest all the same
        if result.status in whole:
            return ""
        return f"{result.status.value}: {result.detail}"[:300]

    def temporaries(self) -> list[Path]:
        """Hidden temporaries of killed exports (the export code names them ``.*.partial``)."""
        return sorted(self.folder.glob(".*.partial"))
