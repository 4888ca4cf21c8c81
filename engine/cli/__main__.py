"""`python -m engine.cli SUBCOMMAND ...`: the headless commands without the app (what
`train --nproc-per-node N` hands to torchrun)."""
import sys

from . import main

sys.exit(main())
