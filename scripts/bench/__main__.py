"""`python -m scripts.bench`: the benchmark's command line (see `run.main`)."""

import sys

from .run import main

sys.exit(main())
