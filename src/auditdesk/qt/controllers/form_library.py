"""The checklists: the bundled files, and loaded definitions cached by their bytes.

Loading an XLSForm runs pyxform (imported on first use, never at start-up) and takes a
noticeable moment for the larger checklists, so callers run it through the job runner.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk import paths
from auditdesk.domain import FormSnapshot, RecordKind

if TYPE_CHECKING:
    from auditdesk.formengine import FormDefinition

# The bundled checklists in the order an audit uses them.
BUNDLED_ORDER = (
    RecordKind.SITE_PROFILE,
    RecordKind.MANAGEMENT_INTERVIEW,
    RecordKind.DOCUMENT_REVIEW,
    RecordKind.SITE_OBSERVATION,
    RecordKind.WORKER_INTERVIEW,
    RecordKind.WORKER_GROUP_INTERVIEW,
)


@dataclass(frozen=True)
class BundledForm:
    form_id: str
    path: Path
    kind: RecordKind

    @property
    def filename(self) -> str:
        return self.path.name


def kind_of(form_id: str) -> RecordKind | None:
    """The record kind a form fills: the bundled checklists are named after their kind."""
    try:
        return RecordKind(form_id)
    except ValueError:
        return None


class FormLibrary:
    """Finds bundled checklists and loads definitions (thread-safe: loads run in workers)."""

    def __init__(self, forms_dir: Path | None = None) -> None:
        self._dir = forms_dir or paths.forms_dir()
        self._cache: dict[str, FormDefinition] = {}
        self._lock = threading.Lock()

    def bundled(self) -> list[BundledForm]:
        found = {path.stem: path for path in sorted(self._dir.glob("*.xlsx"))}
        forms = []
        for kind in BUNDLED_ORDER:
            path = found.pop(kind.value, None)
            if path is not None:
                forms.append(BundledForm(kind.value, path, kind))
        return forms

    def bundled_form(self, kind: RecordKind) -> BundledForm | None:
        return next((form for form in self.bundled() if form.kind is kind), None)

    def load_bytes(self, content: bytes, filename: str) -> FormDefinition:
        from auditdesk.formengine import load_form_bytes

        key = hashlib.sha256(content).hexdigest()
        with self._lock:
            known = self._cache.get(key)
        if known is not None:
            return known
        suffix = Path(filename).suffix.lower() or ".xlsx"
        definition = load_form_bytes(
            content, suffix=suffix, source=filename, stem=Path(filename).stem
        )
        with self._lock:
            self._cache[key] = definition
        return definition

    def load_snapshot(self, snapshot: FormSnapshot) -> FormDefinition:
        return self.load_bytes(snapshot.content, snapshot.filename)

    def load_bundled(self, form: BundledForm) -> FormDefinition:
        return self.load_bytes(form.path.read_bytes(), form.filename)

    def is_loaded(self, content: bytes) -> bool:
        with self._lock:
            return hashlib.sha256(content).hexdigest() in self._cache
