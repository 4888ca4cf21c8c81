"""metrics.jsonl: one StepRecord per line, read whole or incrementally from a byte offset.

The writer appends each line with one write() and fsyncs it (engine/metrics_log.py). A crash
can leave only the last line partial: readers skip a partial or invalid LAST line and refuse
a damaged line anywhere else, naming it. A step number not above the one before starts a new
timeline from there (a rewind): the records it replaces are dropped.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .. import progress
from ..records import StepRecord
from ..text import translate
from .format import RunError

_INT_FIELDS = ("step", "tokens_seen")
_FLOAT_FIELDS = ("loss", "grad_norm", "tokens_per_s")
_OPTIONAL_FIELDS = ("lr", "train_loss", "val_loss")
FIELDS = tuple(f.name for f in fields(StepRecord))  # the CSV columns, in order
READ_SLICE = 4 << 20  # bytes read at a time from a long metrics file
PARSE_SLICE = 20_000  # lines parsed between two cancel checks


def record_to_dict(record: StepRecord) -> dict:
    return asdict(record)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def record_from_dict(data) -> StepRecord | None:
    """The StepRecord a metrics line holds, or None when the line is not one."""
    if not isinstance(data, dict):
        return None
    if not all(isinstance(data.get(k), int) and not isinstance(data.get(k), bool) for k in _INT_FIELDS):
        return None
    if not all(_number(data.get(k)) for k in _FLOAT_FIELDS):
        return None
    if not all(data.get(k) is None or _number(data.get(k)) for k in _OPTIONAL_FIELDS):
        return None
    return StepRecord(**{k: data[k] for k in _INT_FIELDS},
                      **{k: float(data[k]) for k in _FLOAT_FIELDS},
                      **{k: None if data.get(k) is None else float(data[k]) for k in _OPTIONAL_FIELDS})


def parse_line(line: bytes) -> StepRecord | None:
    try:
        return record_from_dict(json.loads(line))
    except (ValueError, RecursionError, UnicodeDecodeError):
        return None


def merge(history: list[StepRecord], new: list[StepRecord]) -> int | None:
    """Append `new` to `history` in place; a step not above the last one drops the records from
    that step on first (a rewind). Returns the step of the earliest rewind, or None."""
    rewound = None
    for record in new:
        if history and record.step <= history[-1].step:
            keep = len(history)
            while keep and history[keep - 1].step >= record.step:
                keep -= 1
            del history[keep:]
            rewound = record.step if rewound is None else min(rewound, record.step)
        history.append(record)
    return rewound


@dataclass
class MetricsTail:
    """Reads metrics.jsonl from where it stopped last time: whole lines only."""

    path: Path
    offset: int = 0  # bytes consumed so far (always at a line start)
    line_number: int = 0  # whole lines consumed so far

    def read_new(self, final: bool = False) -> list[StepRecord]:
        """Records of the whole lines added since the last call. A damaged line followed by
        more lines raises RunError; a damaged last line is left unconsumed (it may be
        rewritten by the writer cutting it off); with final=True it is skipped."""
        try:
            chunk = _read_from(self.path, self.offset)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise RunError(translate("runs", "Cannot read '{path}': {reason}.").format(
                path=str(self.path), reason=str(exc.strerror or exc))) from None
        end = chunk.rfind(b"\n")
        if end < 0:
            return []
        lines = chunk[:end].split(b"\n")
        records, used = [], 0
        for i, line in enumerate(lines):
            if i % PARSE_SLICE == PARSE_SLICE - 1:
                progress.check()
            record = parse_line(line)
            if record is None:
                if i == len(lines) - 1 and not final:
                    break  # perhaps a torn line the next writer cuts off; look again later
                if i == len(lines) - 1 and chunk[end + 1:] == b"":
                    used += len(line) + 1
                    self.line_number += 1
                    break
                raise RunError(translate("runs", "'{path}' line {line} is not a step record; the file is "
                                                 "damaged there.").format(path=str(self.path),
                                                                          line=self.line_number + 1))
            records.append(record)
            used += len(line) + 1
            self.line_number += 1
        self.offset += used
        return records


def _read_from(path: Path, offset: int) -> bytes:
    """The file's bytes from `offset` on, a slice at a time (progress and cancel between)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        size = max(0, os.fstat(fh.fileno()).st_size - offset)
        if size <= READ_SLICE:
            return fh.read()
        tally = progress.Tally(progress.reading(path.name), size).start()
        parts = []
        while part := fh.read(READ_SLICE):
            parts.append(part)
            tally.add(len(part))
        return b"".join(parts)


def read_metrics(path: Path) -> list[StepRecord]:
    """Every step of the current timeline in metrics.jsonl (empty when there is none yet)."""
    if not os.path.exists(path):
        return []
    history: list[StepRecord] = []
    merge(history, MetricsTail(Path(path)).read_new(final=True))
    return history

