"""Headless command line: `backprop-studio SUBCOMMAND ...`.

Each subcommand lives in its own module with `add_parser(subparsers)`, which registers its
arguments and sets `func(args) -> int`. Problems the user can fix (bad config, missing
file, bad argument) raise UserError or ConfigError: they print plainly and exit with 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType
from typing import Sequence

from ..config import ConfigError

# Modules of engine.cli, one per subcommand, in the order `--help` lists them.
SUBCOMMANDS = ["info", "tokenize", "train", "generate", "trace"]


class UserError(Exception):
    """A problem the user can fix; `problems` are shown one per line."""

    def __init__(self, *problems: str):
        self.problems = list(problems)
        super().__init__("\n".join(problems))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits with 2 too; keep its usage line
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def build_parser(extra: Sequence[ModuleType] = ()) -> argparse.ArgumentParser:
    parser = _Parser(prog="backprop-studio",
                     description="Watch a GPT learn from the inside. Without a subcommand the app opens.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").add_parser(sub)
    for module in extra:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, extra: Sequence[ModuleType] = ()) -> int:
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (ConfigError, UserError) as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` & co., which stopped reading
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141
