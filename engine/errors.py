"""The problems a user can fix, as exception types every layer shares.

The engine raises these; the CLI and the app show `messages()` plainly (the CLI exits with
2). Anything else that escapes is a bug: the CLI writes its traceback to a log file
(engine/crash_log.py). The problems are usually `engine.text.Text` sentences (English that the
app can translate); the exception's message joins them with `join_text`, so
`engine.text.message_of(exc)` keeps them translatable. This module imports nothing from the
engine but engine.text, so every engine module, the CLI and the GUI can depend on it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .text import join_text


class UserError(Exception):
    """A problem the user can fix; `problems` are plain sentences, shown one per line."""

    def __init__(self, *problems: str):
        self.problems = list(problems)
        super().__init__(join_text("\n", self.problems))

    def messages(self) -> list[str]:
        """One sentence per problem, for display (a translatable `Text` stays one)."""
        return [p if isinstance(p, str) else str(p) for p in self.problems]

    def __reduce__(self):  # across processes: the problems as they were (subclasses take lists)
        return _restored, (type(self), self.problems, self.args)


def _restored(cls: type, problems: list, args: tuple) -> UserError:
    exc = cls.__new__(cls)
    exc.problems, exc.args = list(problems), args
    return exc


@dataclass(frozen=True)
class ConfigProblem:
    """One problem with a config: the field it is about (None for the whole config) and
    a sentence saying what is wrong. `related` names further fields the sentence is about
    (e.g. n_heads for "emb_dim is not divisible by n_heads"), so an editor can mark them too."""

    field: str | None
    message: str
    related: tuple[str, ...] = ()

    def fields(self) -> tuple[str, ...]:
        """Every config field this problem is about, the main one first."""
        return ((self.field,) if self.field else ()) + self.related

    def __str__(self) -> str:
        return self.message


class ConfigError(UserError, ValueError):
    """A model or training config that cannot be used; `problems` are ConfigProblem records.

    Also a ValueError, as it was before it carried records."""

    def __init__(self, problems: list[ConfigProblem]):
        self.problems = [p if isinstance(p, ConfigProblem)
                         else ConfigProblem(None, p if isinstance(p, str) else str(p)) for p in problems]
        Exception.__init__(self, join_text("\n", [p.message for p in self.problems]))

    def messages(self) -> list[str]:
        return [p.message for p in self.problems]


class CheckpointError(UserError):
    """A checkpoint or model folder cannot be read or written; `problems` are sentences
    naming the file and key."""

    def __init__(self, problems: list[str]):
        super().__init__(*problems)


class DataError(UserError):
    """A text or corpus the trainer cannot use; `problems` are plain sentences."""


class DeviceError(UserError):
    """Asked for a device this machine does not have."""


class ResourceError(UserError):
    """A model, batch or file needs more memory or space than this machine has, or more
    than the documented bounds allow; the message gives the estimate and what is available."""


class FileReadError(UserError):
    """A file the app was asked to read is missing, unreadable, not a regular file or too
    large; engine/safe_files.py raises it and callers may turn it into their own type."""


class OutputError(UserError):
    """A place the app was asked to write to cannot take the output (not empty and not
    ours, not writable, a disk full mid-run)."""
