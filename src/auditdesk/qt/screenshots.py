"""``auditdesk screenshots OUT_DIR``: the main screens with the sample audit, as PNG files.

Everything runs offscreen on a throw-away database: the sample audit is loaded, two more
fictional audits fill the list, and each screen is drawn with ``QWidget.grab()`` at
1280×800 and 1024×700 (the sizes the README promises stay readable).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from auditdesk.qt.composition import Desktop

SIZES = ((1280, 800), (1024, 700))


@click.command(name="screenshots")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--language",
    type=click.Choice(["en", "fr", "es"]),
    default="en",
    show_default=True,
    help="Interface language of the pictures.",
)
def command(out_dir: Path, language: str) -> None:
    """Draw the main screens with the sample audit to PNG files in OUT_DIR."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    written = render_screenshots(out_dir, language=language)
    for path in written:
        click.echo(str(path))


def render_screenshots(out_dir: Path, *, language: str = "en") -> list[Path]:
    """Render every screen at every size; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="auditdesk-screens-") as scratch:
        return _render(Path(scratch), out_dir, language)


def _render(scratch: Path, out_dir: Path, language: str) -> list[Path]:
    from auditdesk.appoptions import AppOptions
    from auditdesk.qt.app import build_desktop, create_application
    from auditdesk.qt.controllers.audits import sample_cases
    from auditdesk.qt.dialogs import QtDialogs
    from auditdesk.qt.preferences import Preferences
    from auditdesk.training.samples import load_case

    application = create_application()  # kept alive while the screens are drawn
    desktop = build_desktop(
        AppOptions(db_path=scratch / "screens.sqlite"),
        dialogs=QtDialogs(),
        language=language,
        preferences=Preferences(scratch / "interface.ini"),
    )
    window = desktop.window
    window.resize(*SIZES[0])
    window.show()
    if not desktop.opener.open_now():
        raise click.ClickException(desktop.opener.error)
    repository = desktop.workspace.repository
    written: list[Path] = []

    def settle() -> None:
        desktop.runner.wait_for_done(120_000)
        for _ in range(6):
            application.processEvents()

    def grab(name: str, prepare: Callable[[], None]) -> None:
        for width, height in SIZES:
            window.resize(width, height)
            prepare()
            settle()
            path = out_dir / f"{name}-{width}x{height}.png"
            if not window.grab().save(str(path)):
                raise click.ClickException(f"could not write {path}")
            written.append(path)

    grab("welcome", lambda: window.show_section("audits"))  # the first start: empty database
    cases = sample_cases()
    if not cases:
        raise click.ClickException("no sample audit is bundled: nothing to show")
    sample_uuid = load_case(repository, cases[0])
    _other_audits(desktop)
    desktop.workspace.audits_changed.emit()

    grab("audits-list", lambda: window.show_section("audits"))
    grab("new-audit-wizard", lambda: _wizard_on_sampling(desktop))
    desktop.navigation.open_audit(sample_uuid)
    settle()
    grab("audit-overview", lambda: window.show_section("overview"))
    record_uuid, path = _question_with_guidance(desktop, sample_uuid)
    desktop.navigation.open_record(record_uuid, path)
    settle()
    grab("interview-question", lambda: _interview(desktop, navigator=False))
    grab("interview-navigator", lambda: _interview(desktop, navigator=True))
    desktop.interview.close()
    settle()
    grab("findings", lambda: window.show_section("findings"))
    grab("scores", lambda: window.show_section("scores"))
    written.extend(_other_windows(scratch, desktop, out_dir, sample_uuid, settle))
    window.close()
    return written


def _other_windows(
    scratch: Path, desktop: Desktop, out_dir: Path, sample_uuid: str, settle: Callable[[], None]
) -> list[Path]:
    """The export dialog, the report's pages, the consolidation and calibration windows."""
    from PySide6.QtWidgets import QWidget

    from auditdesk.qt import screenshot_extras as extras

    written: list[Path] = []

    def grab_widget(name: str, widget: QWidget, sizes: tuple[tuple[int, int], ...]) -> None:
        for width, height in sizes:
            widget.resize(width, height)
            settle()
            path = out_dir / (f"{name}.png" if len(sizes) == 1 else f"{name}-{width}x{height}.png")
            if not widget.grab().save(str(path)):
                raise click.ClickException(f"could not write {path}")
            written.append(path)

    context = extras.Extras(scratch, desktop, out_dir, settle, grab_widget)
    identity, certificate = extras.throwaway_identity(scratch)
    desktop.navigation.open_audit(sample_uuid)
    settle()
    extras.export_dialog(context, sample_uuid)
    written.extend(extras.report_pages(context, sample_uuid, identity))
    extras.consolidation_window(context, identity, certificate)
    extras.calibration_window(context)
    return written


def _other_audits(desktop: object) -> None:
    """Two more fictional audits, so the list looks like a season of work."""
    import datetime

    from auditdesk.domain import AuditStatus, AuditType, SupplyChainPosition
    from auditdesk.qt.controllers.audit_setup import NewAuditPlan, SiteDetails, create_audit

    repository = desktop.workspace.repository  # type: ignore[attr-defined]
    library = desktop.library  # type: ignore[attr-defined]
    for site, audit_type, start, status in (
        (
            SiteDetails(
                "Lumen Annotation Ltd",
                "Kisumu labelling floor",
                "Kenya",
                "Kisumu",
                "Data enrichment",
                64,
                SupplyChainPosition.SUBCONTRACTOR,
            ),
            AuditType.UNANNOUNCED,
            datetime.date(2026, 11, 16),
            AuditStatus.IN_PROGRESS,
        ),
        (
            SiteDetails(
                "Bayanihan Data Services",
                "Cebu moderation centre",
                "Philippines",
                "Cebu City",
                "Content moderation",
                240,
                SupplyChainPosition.VENDOR,
            ),
            AuditType.SEMI_ANNOUNCED,
            datetime.date(2026, 9, 7),
            AuditStatus.COMPLETED,
        ),
    ):
        audit = create_audit(
            repository,
            library,
            NewAuditPlan(
                site=site,
                audit_type=audit_type,
                planned_start=start,
                planned_end=start + datetime.timedelta(days=2),
                lead_auditor="Amina Otieno",
                team=("Jomo Wekesa",),
                checklists=("site_profile", "management_interview", "worker_interview"),
            ),
        )
        if status is AuditStatus.COMPLETED:
            repository.set_audit_status(audit.uuid, status)


def _wizard_on_sampling(desktop: object) -> None:
    desktop.navigation.new_audit()  # type: ignore[attr-defined]
    wizard = desktop.wizard  # type: ignore[attr-defined]
    wizard.organisation.setText("Kivuko Digital Services Ltd")
    wizard.site_name.setText("Kivuko annotation centre, second floor")
    wizard.country.setText("Kenya")
    wizard.city.setText("Nairobi")
    wizard.headcount.setValue(120)
    wizard.next()


def _question_with_guidance(desktop: object, audit_uuid: str) -> tuple[str, str]:
    """A worker interview and a question on it that checks a criterion and has guidance."""
    from auditdesk.domain import RecordKind
    from auditdesk.formengine.definition import QuestionType

    repository = desktop.workspace.repository  # type: ignore[attr-defined]
    library = desktop.library  # type: ignore[attr-defined]
    records = [
        r
        for r in repository.list_form_records(audit_uuid)
        if r.kind is RecordKind.WORKER_INTERVIEW and r.consent_given
    ]
    record = records[0]
    assert record.snapshot_id is not None
    definition = library.load_snapshot(repository.get_form_snapshot(record.snapshot_id))
    for question in definition.questions():
        if (
            question.extra.get("criterion")
            and question.guidance_hints
            and question.type is QuestionType.SELECT_ONE
            and not question.repeats
            and "likert" not in question.appearance
        ):
            return record.uuid, question.path
    return record.uuid, ""


def _interview(desktop: object, *, navigator: bool) -> None:
    window = desktop.window  # type: ignore[attr-defined]
    screen = desktop.interview_screen  # type: ignore[attr-defined]
    window.show_section("interview")
    screen.navigator_button.setChecked(navigator)
