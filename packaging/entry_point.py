"""The frozen program's entry: the same launcher as the `auditdesk` console script.

``freeze_support`` first: consolidation reads workbooks in spawned worker processes,
which in a frozen build are this executable started again in a worker's role.
"""

import multiprocessing
import sys

from auditdesk.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
