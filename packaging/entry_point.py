"""The frozen program's entry: the same launcher as the `auditdesk` console script."""

import sys

from auditdesk.launcher import main

if __name__ == "__main__":
    sys.exit(main())
