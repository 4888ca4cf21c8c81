"""Headless command line: `backprop-studio SUBCOMMAND ...`.

Each subcommand lives in its own module with `add_parser(subparsers)`, which registers its
arguments and sets `func(args) -> int`. One error policy for every subcommand:
  a problem the user can fix (UserError and its kinds: bad config, missing or unreadable
  file, refused output place, too large for this machine) -> "error: ..." lines, exit 2;
  Ctrl+C at any moment -> "interrupted", exit 130, no traceback;
  running out of memory -> one sentence, exit 1;
  anything else is a bug -> one sentence naming a log file with the traceback, exit 1.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType
from typing import Sequence

from ..errors import ConfigError, UserError

__all__ = ["SUBCOMMANDS", "UserError", "ConfigError", "build_parser", "main"]

# Modules of engine.cli, one per subcommand, in the order `--help` lists them.
SUBCOMMANDS = ["info", "tokenize", "train", "generate", "trace", "export_run"]
EXIT_USER_ERROR, EXIT_UNEXPECTED, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 2, 1, 130, 141


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


def _run(argv: Sequence[str] | None, extra: Sequence[ModuleType]) -> int:
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


def _is_out_of_memory(exc: BaseException) -> bool:
    torch = sys.modules.get("torch")
    oom = getattr(torch, "OutOfMemoryError", None) if torch else None
    return isinstance(exc, MemoryError) or (oom is not None and isinstance(exc, oom))


def main(argv: Sequence[str] | None = None, extra: Sequence[ModuleType] = ()) -> int:
    try:
        return _run(argv, extra)
    except UserError as exc:
        for message in exc.messages():
            print(f"error: {message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` & co., which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # noqa: BLE001 - the policy: a bug is one sentence and a log file
        if _is_out_of_memory(exc):
            print("error: ran out of memory; choose a smaller model, batch_size or max_length, "
                  "or another device.", file=sys.stderr)
            return EXIT_UNEXPECTED
        from ..crash_log import unexpected_error_sentence, write_crash_log
        log = write_crash_log(exc, context=f"argv: {list(sys.argv if argv is None else argv)!r}")
        print(f"error: {unexpected_error_sentence(exc, log)}", file=sys.stderr)
        return EXIT_UNEXPECTED
