"""`python -m kg.cli COMMAND ...`: the same as `kg COMMAND ...`."""

import sys

from kg.cli import main

sys.exit(main())
