"""The side panel's texts for a screen: guidance hints and the criteria its questions check."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditdesk.domain import Severity
from auditdesk.qt.i18n import N_, tr
from auditdesk.qt.interview.side_panel import CriterionHelp, QuestionHelp
from auditdesk.qt.labels import label

if TYPE_CHECKING:
    from auditdesk.formengine import FormDefinition, QuestionPrompt
    from auditdesk.method.criteria import Catalogue

_SOURCES = {
    "documents": N_("Documents"),
    "management": N_("Management interview"),
    "workers": N_("Worker interviews"),
    "observation": N_("Site observation"),
}


class HelpBuilder:
    """Reads each form's criteria once and describes the criteria a screen touches."""

    def __init__(self) -> None:
        self._catalogues: dict[int, Catalogue | None] = {}
        self._lock = threading.Lock()

    def catalogue(self, definition: FormDefinition) -> Catalogue | None:
        from auditdesk.method.criteria import CriteriaError, read_catalogue

        key = id(definition)
        with self._lock:
            if key in self._catalogues:
                return self._catalogues[key]
        try:
            found: Catalogue | None = read_catalogue([definition])
        except CriteriaError:
            found = None  # a form without usable scoring metadata still gets its hints
        with self._lock:
            self._catalogues[key] = found
        return found

    def for_prompts(
        self, definition: FormDefinition, prompts: Sequence[QuestionPrompt], language: str
    ) -> QuestionHelp:
        from auditdesk.method.criteria import pick_language

        guidance = "\n\n".join(p.guidance_hint for p in prompts if p.guidance_hint)
        catalogue = self.catalogue(definition)
        codes: list[str] = []
        for prompt in prompts:
            for code in prompt.extra.get("criterion", "").split():
                if code not in codes:
                    codes.append(code)
        short = language.rsplit("(", 1)[-1].rstrip(")") if "(" in language else language
        criteria = []
        for code in codes:
            criterion = catalogue.criteria.get(code) if catalogue else None
            if criterion is None:
                criteria.append(CriterionHelp(code=code, title=""))
                continue
            criteria.append(
                CriterionHelp(
                    code=code,
                    title=criterion.title(short),
                    severity=criterion.severity.value,
                    severity_label=label(Severity(criterion.severity)),
                    evidence=", ".join(
                        tr(_SOURCES.get(source.value, source.value))
                        for source in criterion.evidence
                    ),
                    references=criterion.references,
                    guidance=pick_language(criterion.guidance, short),
                )
            )
        return QuestionHelp(guidance=guidance, criteria=tuple(criteria))
