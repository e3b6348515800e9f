"""``python -m auditdesk`` behaves as the ``auditdesk`` command."""

import sys

from auditdesk.launcher import main

sys.exit(main())
