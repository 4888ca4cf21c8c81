"""Long file actions without Qt: progress between chunks, a cancel that changes nothing (same
generation, weights, run; the old checkpoint whole), text and safetensors written in slices
equal to the whole, and the unsaved-weights flag behind the prompts.

"Slow" is made deterministic, without a clock: the learner presses Cancel when the n-th
progress report arrives (`cancel_after`), exactly as the GUI's Cancel button does."""
from __future__ import annotations

import pytest
import torch
from safetensors import safe_open

import engine.data as data
import engine.tensor_files as tensor_files
from engine.checkpoint import load_checkpoint
from engine.data import default_text, encode_corpus
from engine.runs import RunReader
from engine.session import commands as cmd
from engine.session import events as ev
from engine.session.model_loading import spec_of_run
from engine.session.session import StudioSession
from engine.session.spec import ScenarioKey, ScenarioSpec
from engine.tensor_files import save_tensors
from engine.tokenizer import encode
from runs_fixtures import TEXT, write_gpt_run
from session_helpers import SyncStudio


@pytest.fixture(scope="module")
def gpt_run(tmp_path_factory):
    return write_gpt_run(tmp_path_factory.mktemp("tasks") / "micro")


def _studio(gpt_run) -> SyncStudio:
    """The micro GPT the run trained, built, on the run's own corpus."""
    spec = spec_of_run(RunReader(gpt_run).manifest, ScenarioSpec(device="cpu"))
    studio = SyncStudio(spec=spec)
    studio.session.start()
    studio.pump()
    return studio


def _train(studio: SyncStudio, n: int) -> None:
    studio.train_steps(n)
    studio.session.pause()
    studio.pump()


def cancel_after(studio: SyncStudio, n: int) -> list:
    """Progress goes to the session as it happens (as the adapter's live publish does); the
    learner cancels the task when its n-th report arrives. Returns the reports seen."""
    seen = []

    def publish(output):
        seen.append(output.progress)
        studio.session.handle(output)
        if len(seen) == n:
            studio.session.cancel_file_task(output.task)
    studio.loop.publish = publish
    return seen


def _state(studio: SyncStudio) -> tuple:
    s, loop = studio.session, studio.loop
    return (s.generation, s.spec, s.run, s.run.steps, len(s.runs), loop.generation, loop.scenario)


def _weights(studio: SyncStudio) -> dict:
    return {k: v.clone() for k, v in studio.loop.scenario.model.state_dict().items()}


def _same_weights(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def _outcomes(studio: SyncStudio) -> list[str]:
    return [e.outcome for e in studio.of_type(ev.FileTaskFinished)]


def test_a_load_cancelled_mid_way_changes_nothing(gpt_run):
    studio = _studio(gpt_run)
    _train(studio, 1)
    before, weights = _state(studio), _weights(studio)
    seen = cancel_after(studio, 4)
    assert studio.session.load_checkpoint(gpt_run / "checkpoints" / "step-00000002")
    studio.session.answer_rebuild(ev.RebuildChoice.REBUILD)  # the run had a step: asked first
    studio.pump()
    assert len(seen) == 4 and "model.safetensors" in seen[-1].what  # cancelled while reading
    assert len(studio.of_type(ev.FileTaskProgressed)) == 4
    assert _outcomes(studio) == ["cancelled"]
    assert _state(studio) == before and _same_weights(_weights(studio), weights)
    assert studio.session.pending_load is None and studio.session.file_tasks == {}
    assert not studio.of_type(ev.ErrorRaised)  # a cancel is no problem
    assert "cancelled. Nothing changed." in studio.of_type(ev.Notice)[-1].text


def test_a_save_reports_every_byte_and_a_cancelled_one_keeps_the_previous_checkpoint(gpt_run, tmp_path):
    studio = _studio(gpt_run)
    s, folder = studio.session, tmp_path / "ckpt"
    _train(studio, 1)
    assert s.weights_dirty
    seen = cancel_after(studio, 10_000)  # reports only
    assert s.save_checkpoint(folder)
    studio.pump()
    assert _outcomes(studio) == ["done"] and not s.weights_dirty and s.saved_step == 1
    written = {p.what: p for p in seen if "Writing" in p.what}
    assert set(written) == {"Writing model.safetensors", "Writing optimizer.safetensors"}
    assert all(p.done == p.total > 0 for p in written.values())  # the last report: every byte
    first = load_checkpoint(folder).model.state_dict()

    _train(studio, 1)
    assert s.weights_dirty
    cancel_after(studio, 3)
    s.save_checkpoint(folder)
    studio.pump()
    assert _outcomes(studio) == ["done", "cancelled"] and s.weights_dirty and s.saved_step == 1
    kept = load_checkpoint(folder)
    assert kept.train_state["step"] == 1 and _same_weights(kept.model.state_dict(), first)
    assert len([p for p in folder.iterdir() if p.is_dir()]) == 1  # the unfinished version is gone


def test_a_long_corpus_is_tokenized_in_slices_and_a_cancel_keeps_the_config(gpt_run, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "SLICE_CHARS", 2000)
    corpus = tmp_path / "long.txt"
    corpus.write_text(TEXT * 100, encoding="utf-8")
    studio = _studio(gpt_run)
    before, text_source = _state(studio), studio.session.spec.train_config.text_source
    seen = cancel_after(studio, 4)  # building, then three slices of text
    assert studio.session.open_corpus(corpus)  # no steps yet: nothing to ask
    studio.pump()
    tokenizing = [p for p in seen if p.what == "Tokenizing the text"]
    assert len(tokenizing) == 3 and 0 < tokenizing[0].fraction < tokenizing[-1].fraction < 1
    assert _outcomes(studio) == ["cancelled"] and _state(studio) == before
    assert studio.session.spec.train_config.text_source == text_source


def test_shutdown_stops_a_file_action_at_its_next_chunk(gpt_run):
    studio = _studio(gpt_run)
    seen = []

    def publish(output):  # the window closes while the checkpoint is read
        seen.append(output)
        studio.loop.send(cmd.Shutdown())
    studio.loop.publish = publish
    studio.session.load_checkpoint(gpt_run / "checkpoints" / "step-00000002")
    for output in studio.loop.run_once():
        studio.session.handle(output)
    assert len(seen) == 1 and _outcomes(studio) == ["cancelled"]


def test_open_run_reads_in_a_job_and_a_cancel_keeps_the_live_view(gpt_run):
    session = StudioSession(lambda command: None, ScenarioSpec(device="cpu"))
    events: list = []
    session.events.subscribe(events.append)

    def cancelling_runner(job):  # the adapter runs jobs on a thread; here inline
        def publish(output):
            session.handle(output)
            session.cancel_file_task(output.task)
        session.finish_job(job, job.run(publish))
    session.job_runner = cancelling_runner
    assert session.open_run(gpt_run)
    assert session.viewed is None and not [e for e in events if isinstance(e, ev.RunOpened)]
    assert [e.outcome for e in events if isinstance(e, ev.FileTaskFinished)] == ["cancelled"]
    session.job_runner = None  # inline, whole
    assert session.open_run(gpt_run) and session.viewed is not None
    assert [e.outcome for e in events if isinstance(e, ev.FileTaskFinished)] == ["cancelled", "done"]
    assert [e for e in events if isinstance(e, ev.FileTaskProgressed)]


def test_a_folder_that_is_not_a_run_is_refused_at_once(tmp_path):
    session = StudioSession(lambda command: None, ScenarioSpec(device="cpu"))
    session.job_runner = lambda job: pytest.fail("nothing to read")
    assert not session.open_run(tmp_path)
    assert not session.import_tensorboard(tmp_path)
    assert session.file_tasks == {}


TRICKY = ("Hello  world\n\n  spaced   out, don't it's 12 345.6 <|endoftext|> next\u00a0nbsp \u3000wide "
          "tabs\tand\ttabs ¿qué? 日本語のテキスト 日本語  \r\n end ")


@pytest.mark.parametrize("text, slice_chars", [(TRICKY * 30, 7), (TRICKY * 30, 101), ("x", 1),
                                               (" " * 50 + "a b", 3)])
def test_tokens_of_slices_equal_the_whole_text(monkeypatch, text, slice_chars):
    monkeypatch.setattr(data, "SLICE_CHARS", slice_chars)
    assert encode_corpus(text) == encode(text)


def test_the_default_text_in_slices_gives_the_same_tokens(monkeypatch):
    monkeypatch.setattr(data, "SLICE_CHARS", 5000)
    text = default_text()
    assert encode_corpus(text) == encode(text)


def test_a_safetensors_file_written_in_chunks_reads_back_exactly(tmp_path, monkeypatch):
    monkeypatch.setattr(tensor_files, "CHUNK_BYTES", 64)
    torch.manual_seed(0)
    tensors = {"w": torch.randn(33, 17), "half": torch.randn(9).half(), "bf": torch.randn(5).bfloat16(),
               "ids": torch.arange(10), "mask": torch.tensor([True, False, True]), "scalar": torch.tensor(3.5),
               "empty": torch.zeros(0, 4), "strided": torch.randn(6, 4).T}
    target = tmp_path / "t.safetensors"
    save_tensors(tensors, target, {"format": "backprop-studio"})
    with safe_open(str(target), framework="pt") as fh:
        assert fh.metadata() == {"format": "backprop-studio"}
        assert set(fh.keys()) == set(tensors)
        for name, tensor in tensors.items():
            got = fh.get_tensor(name)
            assert got.dtype == tensor.dtype and got.shape == tensor.shape and torch.equal(got, tensor), name


def test_only_a_trained_gpt_is_dirty_and_save_then_rebuild_waits_for_a_whole_save(gpt_run, tmp_path):
    small = SyncStudio(ScenarioKey.SCALAR)
    small.session.start()
    small.pump()
    _train(small, 2)
    assert small.session.run.steps == 2 and not small.session.weights_dirty  # nothing to save there
    studio = _studio(gpt_run)
    s = studio.session
    assert not s.weights_dirty and s.unsaved_question() is None
    _train(studio, 2)
    assert s.unsaved_question() == ev.UnsavedQuestion(steps=2, saved_step=0, preset=s.spec.preset)
    (tmp_path / "a-file").write_text("not a folder")
    generation = s.generation
    s.reset()
    assert studio.of_type(ev.RebuildQuestion)[-1].unsaved
    s.answer_rebuild(ev.RebuildChoice.SAVE_AND_REBUILD, save_to=tmp_path / "a-file")
    studio.pump()
    assert _outcomes(studio) == ["failed"] and s.generation == generation and s.weights_dirty
    assert "not replaced" in studio.of_type(ev.Notice)[-1].text
    s.reset()
    s.answer_rebuild(ev.RebuildChoice.SAVE_AND_REBUILD, save_to=tmp_path / "saved")
    studio.pump()
    assert _outcomes(studio) == ["failed", "done"] and s.generation == generation + 1
    assert load_checkpoint(tmp_path / "saved").train_state["step"] == 2
    assert not s.weights_dirty and s.runs[-1].steps == 2  # the old run is kept, its weights saved


def test_a_safetensors_header_starting_with_0x80_is_not_taken_for_a_pickle(tmp_path):
    import json

    from engine.model_folder import pickle_hint, read_safetensors
    header = json.dumps({"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    header += b" " * (128 - len(header))  # 128 = 0x80: the length's first byte is a pickle's
    file = tmp_path / "model.safetensors"
    file.write_bytes((128).to_bytes(8, "little") + header + bytes(4))
    assert pickle_hint(file) is None and torch.equal(read_safetensors(file)["x"], torch.zeros(1))
    # and this app's own files never start that way (older versions of it would refuse them)
    firsts = {tensor_files.header_bytes({"w" * n: torch.zeros(n % 5)})[0] for n in range(1, 300)}
    assert not firsts & {0x80, ord("P")}
