"""The session's recorded runs: open one, scrub it, follow one being written, trace a step of
it again from its checkpoint, overlay TensorBoard scalars. A mixin of StudioSession (GUI thread).

While a run is viewed (`session.viewed`), views show it instead of the live model; the live
model keeps training underneath and its run keeps being recorded. Nothing here changes the
live model, config or run until the learner asks to trace a viewed step.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..text import message_of, translate
from . import events as ev
from .file_tasks import Job
from .model_loading import ModelSource, SourceKind, spec_of_run
from .viewed_run import ViewedRun


@dataclass
class Overlay:
    """A curve to compare with: StepRecords and a title (imported TensorBoard scalars)."""

    title: str
    metrics: list = field(default_factory=list)


class RunViewing:
    viewed: ViewedRun | None
    overlays: list

    def open_run(self, folder: str | Path, follow: bool = False) -> bool:
        """View a recorded run (follow: poll it while another process writes it). A folder that
        is not a run, or of a newer format, is refused at once with a message; the rest is read
        off this thread as a file task (progress, cancel) and shown when whole. False: refused."""
        from ..runs.format import read_manifest
        try:
            read_manifest(Path(folder))  # one small JSON file: "not a run" needs no waiting
        except (UserError, OSError, ValueError) as exc:
            self.events.emit(ev.ErrorRaised(_text(exc), stopped=False))
            return False
        name = Path(folder).name
        what = (translate("runs", "Following the run {name}") if follow
                else translate("runs", "Opening the run {name}")).format(name=name)
        self.run_job(Job(self.start_task(what), lambda: _read_run(folder, follow), self._show_run))
        return True

    def _show_run(self, read: tuple[ViewedRun, object]) -> None:
        viewed, at = read
        self.viewed = viewed
        self.events.emit(ev.RunOpened(viewed))
        if viewed.following:
            notice = translate("runs", "Following the run {title}: {steps:,} steps. Drag the Run slider to see any "
                                       "step; Close run returns to the live model.")
        else:
            notice = translate("runs", "Viewing the run {title}: {steps:,} steps. Drag the Run slider to see any "
                                       "step; Close run returns to the live model.")
        self._notice(notice.format(title=viewed.title, steps=len(viewed.metrics)))
        viewed.step = at.step
        self.events.emit(ev.RunScrubbed(viewed, at))

    def follow_run(self, folder: str | Path) -> bool:
        return self.open_run(folder, follow=True)

    def scrub_run(self, step: int) -> None:
        viewed = self.viewed
        if viewed is None:
            return
        viewed.step = int(step)
        try:
            at = viewed.at(step)
        except (UserError, OSError, ValueError) as exc:  # a shard damaged after opening
            self.events.emit(ev.ErrorRaised(_text(exc), stopped=False))
            return
        self.events.emit(ev.RunScrubbed(viewed, at))

    def close_run(self) -> None:
        if self.viewed is None:
            return
        self.viewed = None
        self.events.emit(ev.RunClosed())
        self._notice(translate("runs", "Back to the live model."))

    def poll_followed(self) -> None:
        """Read what the followed run's writer added (a QTimer calls this every ~250 ms)."""
        viewed = self.viewed
        if viewed is None or not viewed.following:
            return
        was_running = viewed.writer_running
        at_end = viewed.step >= viewed.last_step
        try:
            update = viewed.poll()
        except (UserError, OSError, ValueError) as exc:
            self.events.emit(ev.ErrorRaised(_text(exc), stopped=False))
            return
        stopped = "" if viewed.writer_running else stopped_text(viewed)
        if not update and not (was_running and stopped):
            return
        self.events.emit(ev.RunGrew(viewed, list(update.steps), update.rewound_to, stopped))
        if was_running and stopped:
            self._notice(translate("runs", "The followed run {how}.").format(how=stopped))
        if at_end and update.steps:  # the slider stays at the newest step
            self.scrub_run(viewed.last_step)

    def import_tensorboard(self, logdir: str | Path) -> bool:
        """Overlay a TensorBoard logdir's loss curve on the loss plot. A folder without event
        files is refused at once; the files are read off this thread as a file task."""
        from ..runs.tensorboard_import import event_files, import_tensorboard
        try:
            event_files(logdir)
        except (UserError, OSError, ValueError) as exc:
            self.events.emit(ev.ErrorRaised(_text(exc), stopped=False))
            return False
        what = translate("runs", "Importing TensorBoard scalars from {name}").format(name=Path(logdir).name)
        self.run_job(Job(self.start_task(what), lambda: import_tensorboard(logdir),
                         lambda imported: self._show_overlay(logdir, imported)))
        return True

    def _show_overlay(self, logdir, imported) -> None:
        if not imported.data.metrics:
            tags = ", ".join(sorted(imported.scalars)) or translate("runs", "none")
            self.events.emit(ev.ErrorRaised(translate("runs", "{logdir} has no loss scalars to overlay (tags: {tags}).")
                                            .format(logdir=str(logdir), tags=tags), stopped=False))
            return
        self.overlays.append(Overlay(f"TensorBoard {Path(logdir).name}", imported.data.metrics))
        self.events.emit(ev.OverlaysChanged(self.all_overlays()))
        self._notice(translate("runs", "Overlaid {count:,} loss values from {logdir}.").format(
            count=len(imported.data.metrics), logdir=str(logdir)))

    def all_overlays(self) -> list:
        return list(self.runs) + list(self.overlays)

    def trace_viewed_step(self) -> bool:
        """Trace the viewed step's backward pass as it ran (engine/session/rewind.py): load the
        run's checkpoint of the step before it into the engine as a new model generation
        (asking first when the live run has steps) and trace the step after the checkpoint on
        its recorded batch. Without a checkpoint of the step just before, the newest earlier
        one is used and the step after it traced, which the label says."""
        from .rewind import plan_rewind, rewind_label, with_recorded_loss
        viewed = self.viewed
        rewind = plan_rewind(viewed.reader, viewed.step) if viewed is not None else None
        if rewind is None:
            self.events.emit(ev.ErrorRaised(translate(
                "rewind", "This run has no checkpoint before step {step}: there is nothing to trace "
                          "from.").format(step=viewed.step if viewed else 0), stopped=False))
            return False
        try:
            spec = spec_of_run(viewed.manifest, self.spec)
        except (UserError, ValueError) as exc:
            self.events.emit(ev.ErrorRaised(_text(exc), stopped=False))
            return False
        source = ModelSource(SourceKind.CHECKPOINT, str(rewind.path), trace_after=True,
                             label=rewind_label(rewind, viewed.folder.name), run_folder=str(viewed.folder),
                             step=rewind.step if rewind.batch_recorded else 0,
                             rewind=with_recorded_loss(rewind, viewed.metrics))
        self.request_spec(spec, force=True, source=source)
        return True


def _read_run(folder, follow: bool) -> tuple[ViewedRun, object]:
    """Job thread: the run and what the views show at its newest step."""
    viewed = ViewedRun.open(folder, follow=follow)
    return viewed, viewed.at(viewed.last_step)


def stopped_text(viewed: ViewedRun) -> str:
    """How the run's writer ended ("failed: rank 1 died … at step 4"); "" while it writes."""
    if viewed.writer_running:
        return ""
    from ..runs.format import read_status
    state = viewed.state.value
    if state == "failed":
        status = read_status(viewed.folder)
        message = status.message if status is not None else ""
        if message:
            return translate("runs", "failed: {message} at step {step}").format(message=str(message)[:200],
                                                                                step=viewed.last_step)
        return translate("runs", "failed at step {step}").format(step=viewed.last_step)
    if state == "vanished":
        return translate("runs", "writer vanished (no heartbeat) at step {step}").format(step=viewed.last_step)
    return translate("runs", "finished at step {step}").format(step=viewed.last_step)


def _text(exc: BaseException) -> str:
    """The exception's message, still translatable (engine.text.message_of)."""
    return message_of(exc) or type(exc).__name__
