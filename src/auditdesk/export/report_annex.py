"""The report's closing sections: results by area, methodology, photos and sign-off."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from auditdesk.domain import Attachment, RecordKind
from auditdesk.export.audience import is_worker_kind
from auditdesk.export.report_canvas import SignatureBox, StampSpot
from auditdesk.export.report_context import CONTENT_WIDTH, Plain, ReportContext
from auditdesk.export.report_style import escape
from auditdesk.formengine.definition import QuestionDef
from auditdesk.method.answers import split_instance_path
from auditdesk.method.criteria import EvidenceSource, pick_language
from auditdesk.method.evidence import Outcome
from auditdesk.method.sampling import COVERAGE_DIMENSIONS, SamplingError, sampling_progress
from auditdesk.method.triangulation import CriterionResult

_SOURCE_LETTER = {
    EvidenceSource.DOCUMENTS: "D",
    EvidenceSource.MANAGEMENT: "M",
    EvidenceSource.WORKERS: "W",
    EvidenceSource.OBSERVATION: "O",
}
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


def area_results(ctx: ReportContext) -> list[Any]:
    from reportlab.platypus import KeepTogether, PageBreak

    w = ctx.words
    assessment = ctx.data.assessment
    flow: list[Any] = [
        ctx.paragraph(w("Results by area"), "h1"),
        ctx.paragraph(w("Sources: D documents, M management, W workers, O observation. "
                        "A result resting on management's word alone is unverified."), "small"),
    ]
    for area in assessment.areas:
        results = [r for r in assessment.criteria if r.area == area.code]
        if not results:
            continue
        score = "—" if area.score is None else f"{area.score:.0f}/100"
        rows = []
        for result in results:
            sources = "<br/>".join(
                f"{_SOURCE_LETTER[source]}:{ctx.outcome(obs.outcome.value)}"
                for source, obs in result.sources.items()
                if obs.outcome.assessed
            )
            rows.append([
                Plain(result.code),
                escape(result.criterion.title(ctx.language)),
                ctx.outcome(result.outcome.value)
                + (f"<br/><i>{escape(w('unverified'))}</i>" if _unverified(result) else ""),
                sources or "—",
            ])
        widths = [34, 250, 100, CONTENT_WIDTH - 384]
        flow.append(KeepTogether([
            ctx.paragraph(f"{area.code} — {ctx.area(area.code)}: {score}", "h2"),
            ctx.table([w("Code"), w("Criterion"), w("Result"), w("By source")], rows, widths),
        ]))
    flow.append(PageBreak())
    return flow


def _unverified(result: CriterionResult) -> bool:
    """Compliant on management's word alone (the method's sense of "unverified")."""
    return result.outcome is Outcome.COMPLIANT and not result.verified


def _composition(ctx: ReportContext) -> list[list[str]]:
    """Who the worker interviews reached, per dimension; small counts hidden for the site."""
    w = ctx.words
    try:
        progress = sampling_progress(ctx.data.evidence, ctx.data.site.headcount)
    except SamplingError:
        return []
    definition = ctx.data.definitions.get("auditdesk_worker_interview")
    threshold = ctx.data.settings.min_respondents
    rows = []
    for dimension in COVERAGE_DIMENSIONS:
        heard = progress.coverage.get(dimension, {})
        question = definition.find(dimension) if definition else None
        parts = []
        for name, count in sorted(heard.items(), key=lambda item: -item[1]):
            choice = question.choice(name) if isinstance(question, QuestionDef) else None
            label = pick_language(choice.labels, ctx.language) if choice else name
            shown = str(count) if not ctx.site_facing or count >= threshold else \
                w("fewer than {threshold}", threshold=threshold)
            parts.append(f"{escape(label)}: {shown}")
        title = pick_language(question.labels, ctx.language) if isinstance(
            question, QuestionDef) else dimension
        rows.append([escape(title), "; ".join(parts) or "—"])
    return rows


def methodology(ctx: ReportContext) -> list[Any]:
    from reportlab.platypus import PageBreak

    w, data = ctx.words, ctx.data
    counts = Counter(item.record.kind for item in data.records)
    flow: list[Any] = [ctx.paragraph(w("Methodology"), "h1"), ctx.paragraph(
        w("Each criterion is judged from every source that speaks to it: documents, "
          "management, workers and the auditors' own observation. Worker testimony, documents "
          "and observation outweigh a management claim; where sources disagree the report "
          "says so. Worker interviews are held in private, by consent, and identified only by "
          "a code."), "body")]
    flow.append(ctx.paragraph(w("Evidence sources"), "h2"))
    kinds = [
        (RecordKind.SITE_PROFILE, w("Site profile")),
        (RecordKind.DOCUMENT_REVIEW, w("Document reviews")),
        (RecordKind.MANAGEMENT_INTERVIEW, w("Management interviews")),
        (RecordKind.WORKER_INTERVIEW, w("Individual worker interviews")),
        (RecordKind.WORKER_GROUP_INTERVIEW, w("Group interviews with workers")),
        (RecordKind.SITE_OBSERVATION, w("Site observations")),
    ]
    flow.append(ctx.table([w("Source"), w("Records")],
                          [[Plain(label), Plain(str(counts[kind]))] for kind, label in kinds],
                          [260, 80]))
    flow.append(ctx.paragraph(w("Interview sample"), "h2"))
    try:
        progress = sampling_progress(data.evidence, data.site.headcount)
        plan = progress.plan
        flow.append(ctx.paragraph(w(
            "For a workforce of {headcount}, the method plans {planned} interviews: {individual} "
            "individual and {in_groups} workers in {groups} group(s). Held: {individual_done} "
            "individual interview(s) and {groups_done} group(s) with {in_groups_done} "
            "worker(s), {heard} workers heard in all.",
            headcount=data.site.headcount or "—", planned=plan.interviews,
            individual=plan.individual, in_groups=plan.in_groups, groups=plan.groups,
            individual_done=progress.individual_done, groups_done=progress.groups_done,
            in_groups_done=progress.workers_in_groups_done, heard=progress.workers_heard),
            "body"))
    except SamplingError:
        flow.append(ctx.paragraph(w("No headcount was recorded, so the sample cannot be "
                                    "compared with the plan."), "body"))
    composition = _composition(ctx)
    if composition:
        flow.append(ctx.table([w("Composition"), w("Workers heard")], composition,
                              [150, CONTENT_WIDTH - 150]))
    flow.append(ctx.paragraph(w("Languages"), "h2"))
    flow.append(ctx.paragraph(", ".join(_interview_languages(ctx)) or "—", "body"))
    flow.append(ctx.paragraph(w("Limitations"), "h2"))
    flow.extend(ctx.paragraph("• " + text, "bullet") for text in _limitations(ctx))
    flow.append(PageBreak())
    return flow


def _interview_languages(ctx: ReportContext) -> list[str]:
    languages: Counter[str] = Counter()
    for item in ctx.data.records:
        definition = ctx.data.definitions.get(item.record.form_id)
        question = definition.find("interview_language") if definition else None
        value = item.answers.get(question.path) if question is not None else None
        if isinstance(question, QuestionDef) and isinstance(value, str):
            choice = question.choice(value)
            languages[pick_language(choice.labels, ctx.language) if choice else value] += 1
    return [f"{name} ({count})" for name, count in languages.most_common()]


def _limitations(ctx: ReportContext) -> list[str]:
    w, assessment = ctx.words, ctx.data.assessment
    not_assessed = sum(1 for r in assessment.criteria if r.outcome is Outcome.NOT_ASSESSED)
    unverified = sum(1 for r in assessment.criteria if _unverified(r))
    texts = []
    if not_assessed:
        texts.append(w("{count} criteria could not be assessed from the evidence gathered.",
                       count=not_assessed))
    if unverified:
        texts.append(w("{count} results rest on management's word alone and are unverified.",
                       count=unverified))
    texts.append(w("An audit sees a site over a few days; practices outside that window, and "
                   "workers who were not interviewed, may differ."))
    if ctx.data.audit.audit_type.value == "announced":
        texts.append(w("The visit was announced, so conditions may have been prepared."))
    if ctx.site_facing:
        texts.append(w("This site report shows worker answers only as counts over at least "
                       "{threshold} interviews.", threshold=ctx.data.settings.min_respondents))
    return texts


def _attachment_question(ctx: ReportContext, attachment: Attachment) -> QuestionDef | None:
    records = ctx.data.record_by_uuid()
    item = records.get(attachment.record_uuid)
    definition = ctx.data.definitions.get(item.record.form_id) if item else None
    found = definition.find(split_instance_path(attachment.question_path)[0]) if definition \
        else None
    return found if isinstance(found, QuestionDef) else None


def is_signature(ctx: ReportContext, attachment: Attachment) -> bool:
    question = _attachment_question(ctx, attachment)
    return question is not None and "signature" in question.appearance.split()


def report_photos(ctx: ReportContext) -> list[Attachment]:
    """Photos the audience may see: never signatures; for the site, none from workers."""
    kinds = {item.record.uuid: item.record.kind for item in ctx.data.records}
    return [
        attachment for attachment in ctx.data.attachments
        if attachment.mime_type in _IMAGE_TYPES and not is_signature(ctx, attachment)
        and not (ctx.site_facing and is_worker_kind(kinds.get(attachment.record_uuid,
                                                              RecordKind.WORKER_INTERVIEW)))
    ]


def _readable_image(content: bytes) -> bool:
    """Can the picture be drawn? A damaged photo (a truncated JPEG from a failing camera)
    must not stop the whole report: it is listed without its picture instead."""
    from PIL import Image as PillowImage

    try:
        with PillowImage.open(io.BytesIO(content)) as picture:
            picture.load()
    except (OSError, ValueError, SyntaxError, PillowImage.DecompressionBombError):
        return False
    return True


def _image(content: bytes, max_width: float, max_height: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    width, height = ImageReader(io.BytesIO(content)).getSize()
    scale = min(max_width / width, max_height / height, 1.0 if width > 200 else 4.0)
    return Image(io.BytesIO(content), width=width * scale, height=height * scale)


def photo_appendix(ctx: ReportContext, images: dict[str, bytes]) -> list[Any]:
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    photos = [p for p in report_photos(ctx) if p.uuid in images]
    if not photos:
        return []
    w = ctx.words
    flow: list[Any] = [ctx.paragraph(w("Appendix: photographs"), "h1")]
    for photo in photos:
        question = _attachment_question(ctx, photo)
        label = pick_language(question.labels, ctx.language) if question else photo.filename
        picture = images[photo.uuid]
        flow.append(KeepTogether([
            *([_image(picture, CONTENT_WIDTH, 300)] if _readable_image(picture) else []),
            ctx.paragraph(photo.caption or label, "cell_bold"),
            ctx.paragraph(label if photo.caption else photo.filename, "small"),
            Spacer(1, 12),
        ]))
    flow.append(PageBreak())
    return flow


def sign_off(
    ctx: ReportContext, images: dict[str, bytes], spot: StampSpot,
    signer: tuple[str, str] | None = None,
) -> list[Any]:
    """The auditor's statement, drawn signature and the box for the digital signature.

    The name is the signing identity's when the report is signed, else the auditor
    profile's, else the audit's lead auditor."""
    from reportlab.platypus import KeepTogether, Spacer

    w, data = ctx.words, ctx.data
    auditor = data.auditor
    name = (auditor.name if auditor else "") or data.audit.lead_auditor or "—"
    organisation = auditor.organisation if auditor else ""
    if signer is not None:
        name, organisation = signer
    drawn = [a for a in data.attachments if a.uuid in images and is_signature(ctx, a)]
    parts: list[Any] = [
        ctx.paragraph(w("Sign-off"), "h1"),
        ctx.paragraph(w("I confirm that this report is a true account of the evidence "
                        "gathered during the audit and of the method applied to it."), "lead"),
        Spacer(1, 8),
        ctx.paragraph(f"<b>{escape(name)}</b>" + (f", {escape(organisation)}" if organisation
                                                   else ""), "body", markup=True),
        ctx.paragraph(f"{w('Lead auditor')} · {ctx.date(data.assessment.report_date)}", "small"),
        Spacer(1, 10),
    ]
    if drawn and _readable_image(images[drawn[-1].uuid]):
        parts.append(ctx.paragraph(w("Drawn signature"), "small"))
        parts.append(_image(images[drawn[-1].uuid], 200, 70))
        parts.append(Spacer(1, 14))
    parts.append(SignatureBox(250, 78, w("Digital signature (PAdES)"), spot))
    parts.append(Spacer(1, 8))
    parts.append(ctx.paragraph(w("Check the digital signature with 'auditdesk verify' or any "
                                 "PDF reader that validates signatures. Document ID: {id}.",
                                 id=data.document_id), "small"))
    return [KeepTogether(parts)]
