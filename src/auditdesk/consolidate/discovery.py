"""Which files a consolidation reads: the files named, and everything inside folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def _hidden(name: str) -> bool:
    # Dot-files (.DS_Store, editor swaps) and Excel's "~$book.xlsx" owner files are
    # never workbooks anyone sent; everything else found in a folder is logged.
    return name.startswith((".", "~$"))


def discover_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Every file to consider, once each, in a stable order.

    A named file is always taken, whatever its name: the user asked for it, so even
    a PDF gets a line in the Import log. Folders are walked recursively in name order;
    inside them, hidden files (``.*``) and Excel lock files (``~$*``) are skipped.
    A path that does not exist is returned as is and reported as unreadable.
    """
    found: dict[Path, None] = {}
    for given in inputs:
        if given.is_dir():
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not _hidden(name):
                        found.setdefault(Path(root) / name, None)
        else:
            found.setdefault(given, None)
    return list(found)
