"""A TensorBoard logdir's scalars, read as a RunData to overlay on a run's curves.

    imported = import_tensorboard("tb/logdir")           # UserError when tensorboard is missing
    imported.scalars["val_loss"]                         # [(step, value), ...]
    imported.data.metrics                                # StepRecords built from the tags

Tags named like StepRecord fields (loss, grad_norm, lr, tokens_per_s, train_loss, val_loss,
with or without a "train/" or "val/" style prefix dropped) fill those fields; `loss_tag`
chooses the tag that becomes `loss` when the logdir calls it something else.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from .. import progress
from ..errors import UserError
from ..records import StepRecord
from ..text import translate
from .format import RunManifest
from .reader import RunData

_FIELDS = ("loss", "grad_norm", "lr", "tokens_per_s", "train_loss", "val_loss")


@dataclass
class ImportedRun:
    scalars: dict[str, list[tuple[int, float]]]  # tag -> (step, value), ascending steps
    data: RunData  # the steps of the loss tag, other fields where a tag matched


def read_scalars(logdir: str | Path) -> dict[str, list[tuple[int, float]]]:
    """Every scalar tag of the event files directly in `logdir` (as TensorBoard reads a run's
    folder), one file at a time: progress and cancel between files."""
    try:
        from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    except ImportError:
        raise UserError(_MISSING) from None
    files = event_files(logdir)
    scalars: dict[str, list[tuple[int, float]]] = {}
    tally = progress.Tally(translate("progress", "Reading TensorBoard events"),
                           sum(f.stat().st_size for f in files)).start()
    for file in files:
        acc = EventAccumulator(str(file), size_guidance={"scalars": 0})
        acc.Reload()
        for tag in acc.Tags().get("scalars", []):
            scalars.setdefault(tag, []).extend((e.step, float(e.value)) for e in acc.Scalars(tag))
        tally.add(file.stat().st_size)
    if not scalars:
        raise UserError(_no_scalars(logdir))
    return {tag: sorted(values) for tag, values in scalars.items()}


def event_files(logdir: str | Path) -> list[Path]:
    """The event files TensorBoard would read in `logdir`, oldest name first; UserError when
    it is not a folder or holds none (a quick look: no file is read)."""
    try:
        from tensorboard.backend.event_processing import io_wrapper
    except ImportError:
        raise UserError(_MISSING) from None
    logdir = Path(logdir)
    if not logdir.is_dir():
        raise UserError(translate("runs", "'{logdir}' is not a folder of TensorBoard event files.").format(
            logdir=str(logdir)))
    files = sorted(p for p in logdir.iterdir() if p.is_file() and io_wrapper.IsSummaryEventsFile(str(p)))
    if not files:
        raise UserError(_no_scalars(logdir))
    return files


def _no_scalars(logdir) -> str:
    return translate("runs", "'{logdir}' holds no TensorBoard scalars (no event files with scalar "
                             "summaries).").format(logdir=str(logdir))


_MISSING = translate("runs", "Reading TensorBoard needs the tensorboard package, which is not "
                             "installed; install it with `pip install tensorboard` (or export "
                             "--format csv).")


def _field_of(tag: str) -> str | None:
    name = tag.rsplit("/", 1)[-1].lower()
    return name if name in _FIELDS else None


def import_tensorboard(logdir: str | Path, loss_tag: str = "loss") -> ImportedRun:
    scalars = read_scalars(logdir)
    if loss_tag not in scalars:
        raise UserError(translate("runs", "'{logdir}' has no scalar '{tag}'; its scalars are: {tags}.").format(
            logdir=str(logdir), tag=loss_tag, tags=", ".join(sorted(scalars))))
    by_field = {f: dict(v) for t, v in scalars.items() if (f := _field_of(t)) and t != loss_tag}
    metrics = []
    for step, loss in scalars[loss_tag]:
        get = lambda f: by_field.get(f, {}).get(step)  # noqa: E731
        metrics.append(StepRecord(step=step, tokens_seen=0, loss=loss,
                                  grad_norm=get("grad_norm") if get("grad_norm") is not None else math.nan,
                                  tokens_per_s=get("tokens_per_s") or 0.0, lr=get("lr"),
                                  train_loss=get("train_loss"), val_loss=get("val_loss")))
    manifest = RunManifest(scenario="tensorboard", corpus="", device="", extra={"logdir": str(logdir)})
    return ImportedRun(scalars, RunData(Path(logdir), manifest, metrics))
