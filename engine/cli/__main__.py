"""`python -m engine.cli SUBCOMMAND ...`: the headless commands without the app (what
`train --nproc-per-node N` hands to torchrun)."""
import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
