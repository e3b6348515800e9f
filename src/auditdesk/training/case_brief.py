"""A training case's brief: what trainees are given, and the scripts for role-play helpers.

Each case folder may hold ``brief.json`` beside ``case.json`` (format in
``resources/samples/README.md``): the assignment, a description of the site, document
excerpts and one role-play script per interviewee. Everything factual is drawn from the
case itself, so the brief cannot drift from the reference audit:

* site facts, headcount and wage benchmarks from ``case.json`` and the site profile;
* payslip excerpts from the document review's payroll sample (``"payslip": 3`` is the
  third sampled payslip);
* each script's profile line (role, contract, tenure, shift, place of work) from the
  interviewee's own record, with the checklist's choice labels.

The reference audit's results and findings are the trainer's key and never appear in the
brief.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditdesk import paths
from auditdesk.domain import RecordKind
from auditdesk.method.criteria import pick_language
from auditdesk.method.sampling import SamplingPlan, recommend_sample
from auditdesk.training.case_files import CaseRecord, SampleCase, SampleCaseError, read_json
from auditdesk.training.samples import read_sample

BRIEF_FILE = "brief.json"
BRIEF_FORMAT = 1
_PROFILE_QUESTIONS = {
    RecordKind.WORKER_INTERVIEW: (
        "role",
        "contract_type",
        "tenure",
        "shift",
        "work_location",
        "age_band",
    ),
    RecordKind.WORKER_GROUP_INTERVIEW: ("group_size", "roles", "contract_types", "shifts"),
    RecordKind.MANAGEMENT_INTERVIEW: ("respondent_roles",),
}
KIND_NAMES = {
    RecordKind.MANAGEMENT_INTERVIEW: "Management interview",
    RecordKind.WORKER_INTERVIEW: "Individual worker interview",
    RecordKind.WORKER_GROUP_INTERVIEW: "Group interview",
    RecordKind.SITE_OBSERVATION: "Site observation",
    RecordKind.DOCUMENT_REVIEW: "Document review",
    RecordKind.SITE_PROFILE: "Site profile",
}


@dataclass(frozen=True)
class PayslipLine:
    label: str
    amount: float | None


@dataclass(frozen=True)
class BriefDocument:
    kind: str
    """``contract``, ``notice``, ``payslip`` or ``photo``."""
    title: str
    source: str = ""
    text: str = ""
    payslip_lines: tuple[PayslipLine, ...] = ()
    currency: str = ""
    photo: Path | None = None
    caption: str = ""


@dataclass(frozen=True)
class HiddenFact:
    fact: str
    reveals_if: str


@dataclass(frozen=True)
class RoleplayScript:
    respondent: str
    kind: RecordKind
    profile: str
    """Categories from the interviewee's record (never a name)."""
    who: str
    setting: str
    opening: str
    says: tuple[str, ...]
    hides: tuple[HiddenFact, ...]


@dataclass(frozen=True)
class CaseBrief:
    case: SampleCase
    code: str
    assignment: tuple[str, ...]
    site: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    sample: SamplingPlan | None
    documents: tuple[BriefDocument, ...]
    scripts: tuple[RoleplayScript, ...]


def read_brief(
    case_id: str, *, samples_folder: Path | None = None, forms_dir: Path | None = None
) -> CaseBrief:
    """The brief of a bundled case; raises :class:`SampleCaseError` naming file and key."""
    case = read_sample(case_id, samples_folder)
    path = case.folder / BRIEF_FILE
    if not path.is_file():
        raise SampleCaseError(f"{path}: this case has no brief for trainees")
    data = _object(read_json(path), str(path), "the file")
    if data.get("format") != BRIEF_FORMAT:
        raise SampleCaseError(f"{path}: format: this AuditDesk reads brief format {BRIEF_FORMAT}")
    labels = _ChoiceLabels(forms_dir or paths.forms_dir())
    profile = _answers_of(case, RecordKind.SITE_PROFILE)
    review = _answers_of(case, RecordKind.DOCUMENT_REVIEW)
    source = str(path)
    return CaseBrief(
        case=case,
        code=_text(data, "case_code", source, required=False),
        assignment=_texts(data, "assignment", source),
        site=_texts(data, "site", source),
        facts=_facts(case, profile, data, labels, source),
        sample=recommend_sample(case.site.headcount) if case.site.headcount else None,
        documents=tuple(
            _document(item, f"documents[{n}]", case, profile, review, source)
            for n, item in enumerate(_list(data, "documents", source))
        ),
        scripts=tuple(
            _script(item, f"roleplay[{n}]", case, labels, source)
            for n, item in enumerate(_list(data, "roleplay", source))
        ),
    )


class _ChoiceLabels:
    """English labels of select answers, read from the bundled checklists' sheets."""

    def __init__(self, forms_dir: Path) -> None:
        self._forms_dir = forms_dir
        self._by_form: dict[str, dict[str, dict[str, str]]] = {}

    def label(self, form_stem: str, question: str, value: object) -> str:
        choices = self._questions(form_stem).get(question)
        codes = value if isinstance(value, list) else [value]
        if choices is None:
            return ", ".join(str(code) for code in codes)
        return ", ".join(choices.get(str(code), str(code)) for code in codes)

    def _questions(self, form_stem: str) -> dict[str, dict[str, str]]:
        if form_stem not in self._by_form:
            self._by_form[form_stem] = _read_choice_labels(self._forms_dir / f"{form_stem}.xlsx")
        return self._by_form[form_stem]


def _read_choice_labels(path: Path) -> dict[str, dict[str, str]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        survey = workbook.get_sheet_by_name("survey").to_python()
        choices = workbook.get_sheet_by_name("choices").to_python()
    except (CalamineError, OSError, ValueError, KeyError):
        return {}  # only the labels are lost: the brief shows the codes instead
    lists: dict[str, dict[str, str]] = {}
    header = [str(cell) for cell in choices[0]] if choices else []
    for row in choices[1:]:
        values = dict(zip(header, (str(cell) for cell in row), strict=False))
        texts = {k.removeprefix("label::"): v for k, v in values.items() if k.startswith("label")}
        lists.setdefault(values.get("list_name", ""), {})[values.get("name", "")] = pick_language(
            texts, "en"
        )
    header = [str(cell) for cell in survey[0]] if survey else []
    found = {}
    for row in survey[1:]:
        values = dict(zip(header, (str(cell) for cell in row), strict=False))
        kind, _, list_name = values.get("type", "").partition(" ")
        if kind in ("select_one", "select_multiple") and list_name in lists:
            found[values.get("name", "")] = lists[list_name]
    return found


def _answers_of(case: SampleCase, kind: RecordKind) -> Mapping[str, Any]:
    record = next((r for r in case.records if r.kind is kind), None)
    return record.answers if record is not None else {}


def _object(value: object, source: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SampleCaseError(f"{source}: {where}: expected a JSON object")
    return value


def _list(data: Mapping[str, Any], key: str, source: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise SampleCaseError(f"{source}: {key}: expected a list")
    return value


def _text(data: Mapping[str, Any], key: str, source: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise SampleCaseError(f"{source}: {key}: expected a non-empty text")
    return value


def _texts(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SampleCaseError(f"{source}: {key}: expected a list of texts")
    return tuple(value)


def _facts(
    case: SampleCase,
    profile: Mapping[str, Any],
    data: Mapping[str, Any],
    labels: _ChoiceLabels,
    source: str,
) -> tuple[tuple[str, str], ...]:
    facts: list[tuple[str, str]] = []
    for n, pair in enumerate(_list(data, "facts", source)):
        is_pair = isinstance(pair, list) and len(pair) == 2
        if not is_pair or not all(isinstance(part, str) for part in pair):
            raise SampleCaseError(f"{source}: facts[{n}]: expected [label, text]")
        facts.append((pair[0], pair[1]))
    site = case.site
    place = [site.name, *(p for p in (site.city, site.country) if p and p not in site.name)]
    facts.append(("Site", ", ".join(place)))
    workforce = f"{site.headcount} workers" if site.headcount else "not known"
    details = []
    for key, words in (("headcount_women", "women"), ("headcount_agency", "through agencies")):
        if isinstance(profile.get(key), int):
            details.append(f"{profile[key]} {words}")
    if details:
        workforce += f" ({', '.join(details)})"
    facts.append(("Workforce", workforce))
    for key, label in (
        ("contract_types", "Contract types"),
        ("shifts", "Shifts"),
        ("worker_languages", "Languages"),
    ):
        if profile.get(key):
            text = labels.label("site_profile", key, profile[key])
            if key == "worker_languages" and profile.get("worker_languages_other"):
                text = text.replace("Other", str(profile["worker_languages_other"]))
            facts.append((label, text))
    currency = str(profile.get("currency", ""))
    for key, label, source_key in (
        ("minimum_wage_hourly", "Minimum wage", "minimum_wage_source"),
        ("living_wage_hourly", "Living-wage benchmark", "living_wage_source"),
    ):
        if profile.get(key) is not None:
            facts.append(
                (label, f"{currency} {profile[key]} per hour. {profile.get(source_key, '')}")
            )
    if profile.get("legal_weekly_hours"):
        facts.append(
            (
                "Working-hours law",
                f"{profile['legal_weekly_hours']} normal hours a week, overtime premium "
                f"{profile.get('legal_overtime_premium', '?')}%. "
                f"{profile.get('working_hours_law', '')}".strip(),
            )
        )
    return tuple(facts)


_PAYSLIP_LINES = (
    ("hours_paid", "Hours paid"),
    ("gross_pay", "Gross pay"),
    ("statutory_deductions", "Tax and social security"),
    ("other_deductions", "Other deductions"),
)


def _document(
    item: object,
    where: str,
    case: SampleCase,
    profile: Mapping[str, Any],
    review: Mapping[str, Any],
    source: str,
) -> BriefDocument:
    data = _object(item, source, where)
    kind = _text(data, "kind", f"{source}: {where}")
    if kind in ("contract", "notice"):
        return BriefDocument(
            kind=kind,
            title=_text(data, "title", f"{source}: {where}"),
            source=_text(data, "source", f"{source}: {where}", required=False),
            text=_text(data, "text", f"{source}: {where}"),
        )
    if kind == "payslip":
        return _payslip(data, where, profile, review, source)
    if kind == "photo":
        file = _text(data, "file", f"{source}: {where}")
        path = case.folder / file
        if not path.is_file():
            raise SampleCaseError(f"{source}: {where}.file: {path} not found")
        caption = next(
            (a.caption for r in case.records for a in r.attachments if a.path == path), ""
        )
        return BriefDocument(
            kind=kind, title=_text(data, "title", f"{source}: {where}"), photo=path, caption=caption
        )
    raise SampleCaseError(
        f"{source}: {where}.kind: {kind!r} is not contract, notice, payslip or photo"
    )


def _payslip(
    data: Mapping[str, Any],
    where: str,
    profile: Mapping[str, Any],
    review: Mapping[str, Any],
    source: str,
) -> BriefDocument:
    payslips = review.get("payslip")
    number = data.get("payslip")
    if (
        not isinstance(payslips, list)
        or not isinstance(number, int)
        or not (1 <= number <= len(payslips))
    ):
        count = len(payslips) if isinstance(payslips, list) else 0
        raise SampleCaseError(
            f"{source}: {where}.payslip: expected the number of a sampled payslip, 1 to {count}"
        )
    sampled: Mapping[str, Any] = payslips[number - 1]
    labels = dict(_PAYSLIP_LINES)
    labels["hours_paid"] = str(data.get("hours_label") or labels["hours_paid"])
    labels["other_deductions"] = str(data.get("other_deductions_label") or "Other deductions")
    lines = [
        PayslipLine("Pay period", None),
        *(PayslipLine(labels[key], _number(sampled.get(key))) for key, _ in _PAYSLIP_LINES),
    ]
    gross = _number(sampled.get("gross_pay")) or 0.0
    net = gross - sum(
        _number(sampled.get(key)) or 0.0 for key in ("statutory_deductions", "other_deductions")
    )
    lines.append(PayslipLine("Net pay", net))
    period = f"{sampled.get('period_start', '')} to {sampled.get('period_end', '')}"
    header = [f"Employer: {data.get('employer', '')}", f"Period: {period}"]
    if data.get("note"):
        header.append(str(data["note"]))
    return BriefDocument(
        kind="payslip",
        title=_text(data, "title", f"{source}: {where}"),
        source=f"Sampled payslip {sampled.get('payslip_code', number)}, shown with the "
        "worker's consent; name and staff number hidden",
        text="\n".join(header),
        payslip_lines=tuple(line for line in lines if line.label != "Pay period"),
        currency=str(profile.get("currency", "")),
    )


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _script(
    item: object, where: str, case: SampleCase, labels: _ChoiceLabels, source: str
) -> RoleplayScript:
    data = _object(item, source, where)
    at = f"{source}: {where}"
    code = _text(data, "respondent", at)
    record = next((r for r in case.records if r.respondent == code), None)
    if record is None:
        raise SampleCaseError(f"{at}.respondent: no record of the case has respondent {code!r}")
    hides = []
    for n, hidden in enumerate(_list(data, "hides", at)):
        fact = _object(hidden, source, f"{where}.hides[{n}]")
        hides.append(
            HiddenFact(
                _text(fact, "fact", f"{at}.hides[{n}]"),
                _text(fact, "reveals_if", f"{at}.hides[{n}]"),
            )
        )
    return RoleplayScript(
        respondent=code,
        kind=record.kind,
        profile=_profile(record, labels),
        who=_text(data, "who", at),
        setting=_text(data, "setting", at, required=False),
        opening=_text(data, "opening", at, required=False),
        says=_texts(data, "says", at),
        hides=tuple(hides),
    )


def _profile(record: CaseRecord, labels: _ChoiceLabels) -> str:
    if record.answers.get("consent") == "no":
        return "Declines the interview."
    parts: Sequence[str] = [
        labels.label(record.form_stem, question, record.answers[question])
        for question in _PROFILE_QUESTIONS.get(record.kind, ())
        if record.answers.get(question) not in (None, "", [])
    ]
    if record.kind is RecordKind.WORKER_GROUP_INTERVIEW and parts:
        parts = [f"{parts[0]} participants", *parts[1:]]
    return " · ".join(parts)
