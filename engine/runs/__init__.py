"""Runs: a training run recorded as a folder, to reopen, scrub, follow live and export.

Format "backprop-studio-run", version 1.1 (minor version 1; a run without "minor_version" is
1.0, read as before; readers of version 1 ignore what a newer minor version adds). A run is a folder:

    run.json         manifest (replaced atomically): {"format": "backprop-studio-run",
                     "version": 1, "minor_version": 1, "created_by": "backprop-studio 0.1.0",
                     "created": ISO time, "scenario": "gpt" | "scalar" | "simplenet" | "custom",
                     "config": GPTConfig dict or null, "train_config": {...}, "corpus": text,
                     "device": text, "extra": {...}, "data": {"train_tokens", "train_sha256"}
                     (1.1, GPT runs that record their batches) or {}}
    status.json      the writer's state (replaced atomically): {"state": "running" | "finished"
                     | "failed", "pid", "host", "heartbeat": unix time, "step", "message"}
    metrics.jsonl    one JSON object per step, the fields of engine.records.StepRecord (and,
                     1.1, "batch_starts": the token offsets of the step's windows); each line
                     appended with one write() and fsynced. A partial or invalid LAST line (a
                     crash mid-write) is skipped by readers; a step at or below the previous one
                     starts a new timeline from there (training continued from a checkpoint).
    stats/00000010.safetensors            ParamStats of step 10 (header metadata: names, step)
    attention/00000010-layer00.safetensors  AttentionCapture of layer 0 at step 10
    checkpoints/step-00000040/           an engine.checkpoint folder (atomic save): the weights
                     after 40 updates, the ones step 41 starts from; train_state "rng" (1.1) is
                     the torch RNG state step 41 starts from (replay.py)
    ranks/rank-<r>.jsonl  data-parallel runs only (optional, new in version 1; older readers
                     ignore it): rank r's own engine.records.RankRecord per step (local loss,
                     local grad norm before the all-reduce, step_time_s, tokens_per_s),
                     appended and fsynced by that rank; metrics.jsonl holds the global numbers
    ranks/rank-<r>.json   {"rank", "pid", "host", "state", "message"} of rank r (atomic); a rank
                     still "running" after its job ended died without a word

Every file is either appended line by line with fsync or written whole under a temporary name
and renamed, so a run killed at any instant reopens with every step whose line was complete.
A run from a newer format version is refused with a message naming both versions. Files are
per writer and append-only: in a data-parallel run rank 0 writes everything above but ranks/,
and each rank writes only its own ranks/ files (RunData.ranks, FollowUpdate.ranks).

Modules: format (names, manifest, status), metrics (metrics.jsonl), shards (safetensors
shards), writer (RunWriter), reader (RunReader, RunData, AtStep), follower (RunFollower),
ranks (per-rank files), storage (runs_root, prune_runs, drop_checkpoints), replay (what replays a
step exactly: batch offsets, token fingerprint, RNG state), recorder (Recorder, for a user's own training loop),
export (CSV, TensorBoard), tensorboard_import (a TensorBoard logdir's scalars).
"""
from __future__ import annotations

from .follower import FollowUpdate, RunFollower
from .format import RUN_FORMAT, RUN_MINOR_VERSION, RUN_VERSION, RunError, RunManifest, WriterState, WriterStatus
from .reader import AtStep, RunData, RunReader, open_run
from .shards import AttentionKey
from .storage import PruneResult, prune_runs, runs_root
from .writer import RunWriter, check_run_target

__all__ = ["RUN_FORMAT", "RUN_MINOR_VERSION", "RUN_VERSION", "AtStep", "AttentionKey", "FollowUpdate", "PruneResult",
           "RunData", "RunError", "RunFollower", "RunManifest", "RunReader", "RunWriter", "WriterState",
           "WriterStatus", "check_run_target", "open_run", "prune_runs", "runs_root"]
