"""Per-rank files of a data-parallel run (optional; runs of one process have none).

    ranks/rank-<r>.jsonl   one engine.records.RankRecord per step, appended and fsynced by
                           rank r itself (a partial or invalid LAST line is skipped)
    ranks/rank-<r>.json    {"rank", "pid", "host", "state": "running" | "finished" | "failed",
                           "message"}, replaced atomically: written when rank r starts and when
                           it stops; a rank still "running" after the job ended died abruptly
"""
from __future__ import annotations

import json
import os
import re
import socket
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..metrics_log import MetricsWriter
from ..records import RankRecord
from ..safe_write import fsync_dir, write_file_atomic

RANKS_DIR = "ranks"
_LOG_NAME = re.compile(r"rank-(\d+)\.jsonl")
_INFO_NAME = re.compile(r"rank-(\d+)\.json")
_FIELDS = tuple(f.name for f in fields(RankRecord))


def rank_log_path(folder: Path, rank: int) -> Path:
    return Path(folder) / RANKS_DIR / f"rank-{rank}.jsonl"


def rank_info_path(folder: Path, rank: int) -> Path:
    return Path(folder) / RANKS_DIR / f"rank-{rank}.json"


@dataclass(frozen=True)
class RankInfo:
    rank: int
    pid: int
    host: str
    state: str
    message: str = ""


def write_rank_info(folder: Path, rank: int, state: str, message: str = "") -> None:
    info = RankInfo(rank, os.getpid(), socket.gethostname(), state, message)
    write_file_atomic(rank_info_path(folder, rank), (json.dumps(asdict(info)) + "\n").encode("utf-8"))


def read_rank_infos(folder: Path) -> dict[int, RankInfo]:
    found = {}
    d = Path(folder) / RANKS_DIR
    for path in sorted(d.iterdir()) if d.is_dir() else ():
        m = _INFO_NAME.fullmatch(path.name)
        if not m:
            continue
        try:
            data = json.loads(path.read_text("utf-8"))
            found[int(m.group(1))] = RankInfo(int(data["rank"]), int(data["pid"]), str(data["host"]),
                                              str(data["state"]), str(data.get("message", "")))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # unreadable: as if the rank never said anything
    return found


class RankLogWriter:
    """Rank r's own log: ranks/rank-<r>.jsonl (each line fsynced) and ranks/rank-<r>.json."""

    def __init__(self, folder: Path, rank: int):
        self.folder, self.rank = Path(folder), rank
        d = self.folder / RANKS_DIR
        if not d.is_dir():
            d.mkdir(parents=True, exist_ok=True)
            fsync_dir(self.folder)
        write_rank_info(self.folder, rank, "running")
        self._log: MetricsWriter | None = MetricsWriter(rank_log_path(self.folder, rank), sync=True)

    def write(self, record: RankRecord) -> None:
        if self._log is not None:
            self._log.write(asdict(record))

    def close(self, state: str, message: str = "") -> None:
        if self._log is None:
            return
        self._log.close()
        self._log = None
        try:
            write_rank_info(self.folder, self.rank, state, message)
        except OSError:
            pass


def _record(line: bytes) -> RankRecord | None:
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            return None
        return RankRecord(rank=int(data["rank"]), step=int(data["step"]),
                          **{k: float(data[k]) for k in _FIELDS if k not in ("rank", "step")})
    except (ValueError, KeyError, TypeError, RecursionError, UnicodeDecodeError):
        return None


def _merge(history: list[RankRecord], new: list[RankRecord]) -> None:
    """Append in place; a step at or below the last one drops the records from it on (a rewind)."""
    for record in new:
        while history and history[-1].step >= record.step:
            history.pop()
        history.append(record)


@dataclass
class RankTail:
    """Reads one rank log from where it stopped: whole lines only; invalid lines are skipped
    (a per-rank log is a diagnostic, not the run's record)."""

    path: Path
    offset: int = 0

    def read_new(self) -> list[RankRecord]:
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.offset)
                chunk = fh.read()
        except OSError:
            return []
        end = chunk.rfind(b"\n")
        if end < 0:
            return []
        self.offset += end + 1
        return [r for r in map(_record, chunk[:end].split(b"\n")) if r is not None]


def rank_logs(folder: Path) -> dict[int, Path]:
    d = Path(folder) / RANKS_DIR
    found = ((_LOG_NAME.fullmatch(p.name), p) for p in d.iterdir()) if d.is_dir() else ()
    return {int(m.group(1)): p for m, p in found if m}


def read_ranks(folder: Path) -> dict[int, list[RankRecord]]:
    """Every rank's records (current timeline), by rank; empty for a one-process run."""
    out: dict[int, list[RankRecord]] = {}
    for rank, path in sorted(rank_logs(folder).items()):
        _merge(out.setdefault(rank, []), RankTail(path).read_new())
    return out


class RankFollower:
    """New per-rank records since the last poll, for RunFollower."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._tails: dict[int, RankTail] = {}
        self.history: dict[int, list[RankRecord]] = {}

    def poll(self) -> dict[int, list[RankRecord]]:
        new = {}
        for rank, path in rank_logs(self.folder).items():
            tail = self._tails.setdefault(rank, RankTail(path))
            records = tail.read_new()
            if records:
                _merge(self.history.setdefault(rank, []), records)
                new[rank] = records
        return new
