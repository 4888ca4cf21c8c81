"""A run exported for other tools: metrics as CSV, or TensorBoard event files.

CSV: one row per step of the current timeline, the StepRecord fields as columns (an empty
cell for a missing optional value). TensorBoard: scalars loss, grad_norm, lr, tokens_per_s,
train_loss, val_loss (each at its step) and, from the stats shards, one gradient and one
weight histogram per parameter ("grad/<name>", "weight/<name>"). TensorBoard is optional:
its writer is imported only here, and a missing package is a UserError saying how to get it.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from ..errors import OutputError, UserError
from ..output_paths import check_output_file, check_writable_place
from ..safe_write import write_file_atomic
from ..text import translate
from . import shards
from .metrics import FIELDS
from .reader import RunReader

SCALARS = ("loss", "grad_norm", "lr", "tokens_per_s", "train_loss", "val_loss")
MISSING_TENSORBOARD = ("Exporting to TensorBoard needs the tensorboard package, which is not "
                       "installed; install it with `pip install tensorboard` (or export --format csv).")


def metrics_csv(reader: RunReader) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for record in reader.data.metrics:
        writer.writerow(["" if getattr(record, f) is None else repr(getattr(record, f)) for f in FIELDS])
    return out.getvalue()


def export_csv(run: str | Path, target: str | Path) -> Path:
    """Write the run's metrics to CSV file `target` (replaced atomically)."""
    reader = RunReader(run)
    target = check_output_file(target, translate("output", "the CSV file"))
    write_file_atomic(target, metrics_csv(reader).encode("utf-8"))
    return target


def _summary_writer(folder: Path):
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        raise UserError(MISSING_TENSORBOARD) from None
    return SummaryWriter(log_dir=str(folder))


def _check_logdir(folder: Path) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise OutputError(f"Cannot write TensorBoard files to '{folder}': it is a file, not a folder.")
    check_writable_place(folder, translate("output", "the TensorBoard folder"))
    if folder.is_dir() and any(folder.iterdir()):
        raise OutputError(f"'{folder}' is not empty; TensorBoard files go to a new or empty folder.")


def _histogram(writer, tag: str, counts: np.ndarray, edges: np.ndarray, step: int) -> None:
    counts = np.asarray(counts, dtype=np.float64)
    centres = (edges[:-1] + edges[1:]) / 2
    writer.add_histogram_raw(tag, min=float(edges[0]), max=float(edges[-1]), num=int(counts.sum()),
                             sum=float((counts * centres).sum()), sum_squares=float((counts * centres ** 2).sum()),
                             bucket_limits=edges[1:].tolist(), bucket_counts=counts.tolist(), global_step=step)


def export_tensorboard(run: str | Path, folder: str | Path) -> Path:
    """Write TensorBoard event files for the run into the new or empty folder `folder`."""
    reader = RunReader(run)
    folder = Path(folder)
    _check_logdir(folder)
    writer = _summary_writer(folder)
    try:
        for record in reader.data.metrics:
            for tag in SCALARS:
                value = getattr(record, tag)
                if value is not None:
                    writer.add_scalar(tag, value, record.step)
        for step in reader.data.stats_steps:
            stats = shards.read_stats(shards.stats_path(reader.folder, step))
            for i, name in enumerate(stats.names):
                _histogram(writer, f"grad/{name}", stats.grad_hist[i], stats.grad_edges[i], step)
                _histogram(writer, f"weight/{name}", stats.weight_hist[i], stats.weight_edges[i], step)
    finally:
        writer.close()
    return folder
