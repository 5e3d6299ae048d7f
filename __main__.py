"""``python -m zhnews``: the same command as ``zhnews``."""

import sys

from zhnews.cli import main

sys.exit(main())
