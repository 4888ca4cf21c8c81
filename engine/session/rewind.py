"""Trace this step: a recorded step's backward pass again, as it ran (a rewind).

The checkpoint of step C in a run holds the weights after C updates: the ones step C+1 started
from. So a viewed step N is traced from the checkpoint of step N-1, or, when the run has none,
from its newest checkpoint before that, and then the traced step is C+1, said so.

    rewind = plan_rewind(viewed.reader, 40)      # GUI thread, no file read: Rewind or None
    rewind.step, rewind.checkpoint               # 40 and 39 when checkpoints/step-00000039 exists

A run of format 1.1 records each step's batch (metrics "batch_starts", checked against the
training tokens' fingerprint in run.json) and, in each checkpoint, the torch RNG state the
next step started from; `prepare_rewind` (engine thread, after the checkpoint is loaded) puts
both into the trainer, so the trace sees the same weights, input tokens, targets and dropout
masks as the recorded step: its loss is the recorded loss and its gradients are the step's.
Older runs are traced from the checkpoint on the batch a fresh data order gives (said so).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CheckpointError
from ..text import translate


@dataclass(frozen=True)
class Rewind:
    """What Trace this step does at a viewed step."""

    requested: int  # the viewed step
    step: int  # the step it traces: checkpoint + 1
    checkpoint: int  # the checkpoint it loads (the weights after this many updates)
    path: Path
    batch_recorded: bool  # the run recorded its batches (format 1.1): traced exactly as it ran
    recorded_loss: float | None = None  # the loss the run logged for `step`

    @property
    def exact(self) -> bool:
        """Traces the viewed step itself, as it ran."""
        return self.step == self.requested and self.batch_recorded

    def describe(self) -> str:
        if self.batch_recorded:
            return translate("rewind", "traces step {step} from the checkpoint of step {checkpoint}").format(
                step=self.step, checkpoint=self.checkpoint)
        return translate("rewind", "traces step {step} from the checkpoint of step {checkpoint}, on a "
                                   "fresh batch (this run did not record its batches)").format(
            step=self.step, checkpoint=self.checkpoint)


def plan_rewind(reader, step: int) -> Rewind | None:
    """The rewind Trace this step makes at viewed `step`, or None when the run has no
    checkpoint before it (or is not a GPT run)."""
    if reader.manifest.scenario != "gpt":
        return None
    at = reader.checkpoint_before(int(step))
    if at is None:
        return None
    return Rewind(int(step), at.found + 1, at.found, at.value, reader.manifest.records_batches)


def with_recorded_loss(rewind: Rewind, metrics) -> Rewind:
    """The rewind with the loss the run logged for its step (for the notice after the trace)."""
    import dataclasses
    found = [r.loss for r in metrics if r.step == rewind.step]
    return dataclasses.replace(rewind, recorded_loss=found[-1] if found else None)


def rewind_note(rewind: Rewind | None, step: int, loss: float) -> str:
    """After the trace of step `step`: how its loss compares with the recorded one ("" when
    the trace is not the rewind's)."""
    if rewind is None or rewind.step != step:
        return ""
    if not rewind.batch_recorded:
        return translate("rewind", " The run did not record this step's batch: traced on a fresh "
                                   "batch, so its loss differs from the recorded one.")
    if rewind.recorded_loss is None:
        return ""
    return translate("rewind", " As it ran: the same weights, batch and dropout; loss {loss:.6f} "
                               "(recorded {recorded:.6f}).").format(loss=loss, recorded=rewind.recorded_loss)


def rewind_label(rewind: Rewind, run_name: str) -> str:
    """For "Loading …" and refusals: which checkpoint, which step."""
    return translate("rewind", "the checkpoint of step {checkpoint} of {run}, to trace step {step}").format(
        checkpoint=rewind.checkpoint, run=run_name, step=rewind.step)


def prepare_rewind(trainer, run_folder: str | Path, step: int, train_state: dict) -> None:
    """Engine thread, the checkpoint of step `step`-1 just loaded into `trainer`: its next step
    trains (and a trace traces) on step `step`'s recorded batch with the RNG state it started
    from. CheckpointError when the run cannot give that batch exactly."""
    from ..runs.format import read_manifest
    from ..runs.replay import data_fingerprint, read_batch_starts, valid_rng
    folder = Path(run_folder)
    if train_state.get("step") != step - 1:
        raise CheckpointError([translate("rewind", "the checkpoint holds step {found}, not step {step}'s "
                                                   "starting point.").format(found=str(train_state.get("step")),
                                                                            step=step)])
    manifest = read_manifest(folder)
    if data_fingerprint(trainer.split.train_ids) != {k: manifest.data.get(k) for k in ("train_tokens", "train_sha256")}:
        raise CheckpointError([translate("rewind", "the training text is not the one this run was recorded "
                                                   "on ({corpus}: its tokens differ), so step {step}'s batch "
                                                   "cannot be rebuilt.").format(corpus=manifest.corpus, step=step)])
    starts = read_batch_starts(folder, step)
    if starts is None:
        raise CheckpointError([translate("rewind", "the run recorded no batch for step {step}.").format(step=step)])
    try:
        trainer.set_next_batch(starts)
    except ValueError as exc:
        raise CheckpointError([translate("rewind", "step {step}'s recorded batch does not fit this text: "
                                                   "{problem}").format(step=step, problem=exc.args[0])]) from None
    rng = train_state.get("rng")
    trainer.next_step_rng = rng if valid_rng(rng) else None
