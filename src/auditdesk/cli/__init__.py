"""The ``auditdesk`` command line: a thin front-end over the core.

Each module in ``auditdesk.cli.commands`` contributes one top-level command (a
``click`` command or group named ``command``). Modules are found by name and imported
only when their command runs or help is asked for, so that ``auditdesk forms check``
never pays for Qt, reportlab or pyHanko.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from auditdesk import __version__
from auditdesk.appoptions import AppOptions
from auditdesk.cli import commands as _commands_package

GuiStarter = Callable[[AppOptions], int]


def _command_modules() -> dict[str, str]:
    found = {}
    for info in pkgutil.iter_modules(_commands_package.__path__):
        if not info.name.startswith("_"):
            found[info.name.replace("_", "-")] = f"{_commands_package.__name__}.{info.name}"
    return found


@dataclass(frozen=True)
class _Launch:
    """What the launcher hands the command line before options are parsed."""

    start_gui: GuiStarter | None


# Commands that need the GUI toolkit (e.g. ``screenshots``) are defined in the Qt package;
# the launcher registers them here as "module:attribute" so this package never imports Qt.
_front_end_commands: dict[str, str] = {}


def register_front_end_command(name: str, target: str) -> None:
    """Make ``auditdesk NAME`` run the click command at ``target`` ("module:attribute")."""
    _front_end_commands[name] = target


class _LazyGroup(click.Group):
    """A group whose sub-commands live in modules imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_command_modules(), *_front_end_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        known = super().get_command(ctx, cmd_name)
        if known is not None:
            return known
        target = _front_end_commands.get(cmd_name)
        if target is None:
            module_name = _command_modules().get(cmd_name)
            if module_name is None:
                return None
            target = f"{module_name}:command"
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(
    cls=_LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="auditdesk")
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file to use (default: auditdesk.sqlite in the user data folder).",
)
@click.option(
    "--training",
    is_flag=True,
    help="Work in the separate training database; everything made there is marked as training.",
)
@click.option(
    "--selftest",
    is_flag=True,
    help="Check this installation end to end in a temporary folder, then exit (0 = working).",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, training: bool, selftest: bool) -> None:
    """AuditDesk: assess data-enrichment workplaces against labour standards.

    Without a command, the desktop application starts.
    """
    if selftest:
        from auditdesk.selftest import run_selftest

        ctx.exit(run_selftest(click.echo))
    start_gui = ctx.obj.start_gui if isinstance(ctx.obj, _Launch) else None
    options = AppOptions.resolve(db, training=training)
    ctx.obj = options
    if ctx.invoked_subcommand is None:
        if start_gui is None:
            raise click.UsageError("no graphical interface is available in this build")
        ctx.exit(start_gui(options))


def main(argv: Sequence[str] | None = None, *, start_gui: GuiStarter | None = None) -> int:
    """Run the command line; returns the process exit code."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="auditdesk",
            standalone_mode=True,
            obj=_Launch(start_gui),
        )
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    raise AssertionError("click's standalone mode always exits")  # pragma: no cover
