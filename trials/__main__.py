"""``python -m trials``: run every trial and print one table of figures.

Options: ``--mini`` runs the small sizes of the test suite, ``--only kill,fuzz``
picks trials, ``--seed N`` changes the random draws (the default is fixed, so a run
is reproducible). Exit status 1 when any trial misses its goal.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def _isolate_user_dirs(home: Path) -> None:
    # Trials write logs, settings and keys: never into the real user's folders.
    for variable, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                          ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        os.environ[variable] = str(home / sub)
    for variable in ("AUDITDESK_PASSPHRASE", "AUDITDESK_KEY_PASSPHRASE"):
        os.environ.pop(variable, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trials", description=__doc__)
    parser.add_argument("--mini", action="store_true", help="the small, seeded sizes")
    parser.add_argument("--only", default="", help="comma-separated trial names")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="auditdesk-trials-") as temp:
        root = Path(temp)
        _isolate_user_dirs(root / "home")
        from trials.registry import TRIALS, sizes
        from trials.report import Figure, failure_examples, table

        wanted = [name for name in args.only.split(",") if name] or list(TRIALS)
        unknown = [name for name in wanted if name not in TRIALS]
        if unknown:
            parser.error(f"unknown trial(s) {', '.join(unknown)}; known: {', '.join(TRIALS)}")
        chosen_sizes = sizes(mini=args.mini)
        figures = []
        for name in wanted:
            started = time.perf_counter()
            print(f"running {name} ({chosen_sizes[name]} cases)…", file=sys.stderr, flush=True)
            try:
                found = TRIALS[name](chosen_sizes[name], args.seed, root / name)
            except Exception:
                # A trial that crashes is a failed figure, not the end of the other trials.
                detail = traceback.format_exc(limit=-3)
                found = [Figure(f"{name}: the trial itself crashed", 1, 1, "0",
                                examples=(detail.strip().replace("\n", " | ")[-600:],))]
            seconds = time.perf_counter() - started
            print(f"  {name}: {seconds:.0f} s", file=sys.stderr, flush=True)
            # Each trial's figures as soon as they are known: a long run is never all lost.
            print(table(found), file=sys.stderr, flush=True)
            figures.extend(found)
        print(table(figures))
        examples = failure_examples(figures)
        if examples:
            print("\nFailing cases (first few):\n" + examples)
    return 0 if all(f.passed or f.waits_on for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
