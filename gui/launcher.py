"""Entry point: no arguments opens the app, a subcommand runs the headless tools."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl+C while Python, Qt or torch is still loading
        print("interrupted", file=sys.stderr)
        return 130


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from .app import run_app
        return run_app()
    from engine.cli import main as cli_main
    from . import snapshot_command
    return cli_main(argv, extra=[snapshot_command])


if __name__ == "__main__":
    sys.exit(main())
