"""Trace this step on recorded runs, exactly: the app's runs (the engine loop and session path)
and `train --run`'s keep checkpoints and each step's batch, so tracing step N from the
checkpoint of step N-1 gives the recorded loss of step N and the gradients a fresh computation
from that checkpoint on that batch gives. Older runs still open; the checkpoint budget holds."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch

from engine.checkpoint import load_checkpoint
from engine.cli import main
from engine.config import GPTConfig, TrainConfig
from engine.models.gpt import GPTModel
from engine.models.loss import next_token_loss
from engine.runs import RunReader
from engine.runs.replay import read_batch_starts, restore_rng
from engine.runs.storage import folder_bytes
from engine.session import commands as cmd
from engine.session.engine_loop import EngineLoop
from engine.session.events import Notice, RebuildChoice
from engine.session.run_checkpoints import checkpoint_estimate
from engine.session.session import StudioSession
from engine.session.spec import ScenarioKey, ScenarioSpec
from engine.trainer import Trainer

TEXT = "A gradient says which way to nudge each weight and how much the loss cares. " * 40
# Small enough for fast checkpoints, with dropout on, so the RNG state must be right too.
TINY = GPTConfig(vocab_size=50257, context_length=16, emb_dim=8, n_heads=2, n_layers=1,
                 drop_rate=0.2, qkv_bias=False)
TRAIN = {"batch_size": 2, "max_length": 16, "stride": 8, "eval_interval": 4, "eval_batches": 1,
         "learning_rate": 1e-3, "device": "cpu"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _spec(corpus) -> ScenarioSpec:
    return ScenarioSpec(key=ScenarioKey.GPT, gpt_config=TINY, device="cpu",
                        train_config=TrainConfig.from_dict({**TRAIN, "text_source": str(corpus)}, TINY))


def _studio(root, spec, every: int = 3, budget: int | None = None):
    loop = EngineLoop(None, param_stats_every=100, runs_root=root)
    loop.recording.checkpoint_every = every
    if budget is not None:
        loop.recording.checkpoint_budget = budget
    session = StudioSession(loop.send, spec)
    notices = []
    session.events.subscribe(lambda e: notices.append(str(e.text)) if isinstance(e, Notice) else None)
    return loop, session, notices


def _pump(loop, session, steps: int = 0, each=None) -> None:
    while not loop.commands.empty():
        for output in loop.run_once():
            session.handle(output)
    for _ in range(steps):
        loop.send(cmd.StepOnce())
        for output in loop.run_once():
            session.handle(output)
        if each is not None:
            each()


def _app_run(root, corpus, steps: int = 7, **kwargs):
    loop, session, _ = _studio(root, _spec(corpus), **kwargs)
    session.start()
    _pump(loop, session, steps=steps)
    folder = Path(session.run.folder)
    loop.send(cmd.Shutdown())
    loop.run_once()
    return folder


def _rewind(folder, step: int, root=None):
    """Open the run in a session, view `step`, Trace this step (rebuilding when asked)."""
    loop, session, notices = _studio(root, ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu"))
    session.start()
    _pump(loop, session, steps=1)  # the live run has a step: the learner is asked first
    assert session.open_run(folder)
    session.scrub_run(step)
    assert session.trace_viewed_step()
    assert session.pending_rebuild is not None
    session.answer_rebuild(RebuildChoice.REBUILD)
    _pump(loop, session)
    _pump(loop, session)  # the trace the session asked for once the model was built
    return loop, session, notices


def _fresh(folder, checkpoint_step: int, step: int):
    """Plain autograd: the checkpoint's weights, step `step`'s batch as a fresh trainer with the
    run's configs takes it (the data order depends only on the seed) and the checkpoint's RNG."""
    reader = RunReader(folder)
    cfg = GPTConfig.from_dict(reader.manifest.config)
    train_cfg = TrainConfig.from_dict(reader.manifest.train_config, cfg)
    trainer = Trainer(cfg, train_cfg, device="cpu")
    for _ in range(step):
        inputs, targets = trainer._take_batch()
    assert trainer.last_batch_starts == read_batch_starts(folder, step)
    ckpt = load_checkpoint(reader.folder / "checkpoints" / f"step-{checkpoint_step:08d}")
    model = GPTModel(cfg)
    model.load_state_dict(ckpt.model.state_dict())
    model.train()
    restore_rng(ckpt.train_state["rng"])
    loss = next_token_loss(model(inputs), targets)
    loss.backward()
    return loss.item(), {n: p.grad for n, p in model.named_parameters()}


def _assert_traced_as_recorded(folder, loop, session, notices, step: int) -> None:
    recorded = {r.step: r.loss for r in RunReader(folder).data.metrics}[step]
    assert session.traced is not None and session.traced.step == step
    assert session.traced.trace.loss == pytest.approx(recorded, rel=1e-6, abs=1e-7)
    loss, grads = _fresh(folder, step - 1, step)
    assert loss == pytest.approx(recorded, rel=1e-6, abs=1e-7)
    traced = dict(loop.scenario.model.named_parameters())  # the trace leaves autograd's grads there
    assert set(traced) == set(grads)
    for name, grad in grads.items():
        assert torch.allclose(traced[name].grad, grad, rtol=1e-5, atol=1e-7), name
    assert any("As it ran" in n for n in notices), notices[-3:]


def test_an_app_run_traces_a_checkpointed_step_as_it_ran(tmp_path, corpus):
    folder = _app_run(tmp_path / "runs", corpus, steps=7, every=3)
    reader = RunReader(folder)
    assert reader.manifest.minor_version == 1 and reader.manifest.records_batches
    # before step 1 (the run's first), 3 and 6: the weights after 0, 2 and 5 updates
    assert reader.data.checkpoint_steps == [0, 2, 5]
    assert load_checkpoint(reader.checkpoint_before(6).value).train_state["step"] == 5
    loop, session, notices = _rewind(folder, 6, root=tmp_path / "again")
    _assert_traced_as_recorded(folder, loop, session, notices, 6)
    # training on from there takes step 6 again, on the same batch with the same dropout, and
    # the new run records it as the old one did
    _pump(loop, session, steps=1)
    assert session.run.metrics[-1].step == 6
    assert session.run.metrics[-1].loss == pytest.approx(RunReader(folder).data.metrics[5].loss, rel=1e-6)
    again = Path(session.run.folder)
    assert read_batch_starts(again, 6) == read_batch_starts(folder, 6)
    old, new = (load_checkpoint(f / "checkpoints" / "step-00000005").train_state for f in (folder, again))
    assert new["rng"] == old["rng"] and new["step"] == 5


def test_the_first_step_of_an_app_run_traces_from_its_first_checkpoint(tmp_path, corpus):
    folder = _app_run(tmp_path / "runs", corpus, steps=2, every=50)
    loop, session, notices = _rewind(folder, 1)
    _assert_traced_as_recorded(folder, loop, session, notices, 1)


def test_a_headless_train_run_traces_the_step_after_its_checkpoint(tmp_path, corpus):
    (tmp_path / "cfg.json").write_text(json.dumps(TINY.to_dict()), encoding="utf-8")
    (tmp_path / "train.json").write_text(json.dumps({**TRAIN, "max_steps": 6}), encoding="utf-8")
    folder = tmp_path / "run"
    assert main(["train", "--config", str(tmp_path / "cfg.json"), "--train-config", str(tmp_path / "train.json"),
                 "--text", str(corpus), "--run", str(folder), "--stats-every", "0",
                 "--checkpoint-every", "3"]) == 0
    assert RunReader(folder).data.checkpoint_steps == [3, 6]
    loop, session, notices = _rewind(folder, 4)
    _assert_traced_as_recorded(folder, loop, session, notices, 4)


def test_a_step_without_its_own_checkpoint_says_which_step_is_traced(tmp_path, corpus):
    folder = _app_run(tmp_path / "runs", corpus, steps=5, every=3)
    loop, session, _ = _studio(None, ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu"))
    session.start()
    _pump(loop, session)
    assert session.open_run(folder)
    at = session.viewed.at(5)
    assert (at.rewind.step, at.rewind.checkpoint, at.rewind.exact) == (3, 2, False)
    assert "traces step 3 from the checkpoint of step 2" in at.describe()
    assert session.viewed.at(3).rewind.exact


def test_an_older_run_without_batches_still_opens_and_traces(tmp_path, corpus):
    folder = tmp_path / "old"
    shutil.copytree(_app_run(tmp_path / "runs", corpus, steps=4, every=3), folder)
    manifest = json.loads((folder / "run.json").read_text())
    for key in ("minor_version", "data"):  # what a format 1.0 writer wrote
        manifest.pop(key)
    (folder / "run.json").write_text(json.dumps(manifest))
    lines = [json.loads(line) for line in (folder / "metrics.jsonl").read_text().splitlines()]
    (folder / "metrics.jsonl").write_text("".join(json.dumps({k: v for k, v in line.items() if k != "batch_starts"})
                                                  + "\n" for line in lines))
    reader = RunReader(folder)
    assert reader.manifest.minor_version == 0 and not reader.manifest.records_batches
    loop, session, notices = _rewind(folder, 3)
    assert session.traced.step == 3  # from the checkpoint of step 2, on a fresh batch: said so
    assert any("did not record this step's batch" in n for n in notices)


def test_a_changed_corpus_is_refused_and_keeps_everything(tmp_path, corpus):
    folder = _app_run(tmp_path / "runs", corpus, steps=4, every=3)
    moved = tmp_path / "changed.txt"
    moved.write_text(TEXT.replace("gradient", "slope"), encoding="utf-8")
    manifest = json.loads((folder / "run.json").read_text())
    manifest["train_config"]["text_source"] = str(moved)
    (folder / "run.json").write_text(json.dumps(manifest))
    loop, session, _ = _studio(None, ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu"))
    errors = []
    session.events.subscribe(lambda e: errors.append(str(e.message)) if hasattr(e, "message") else None)
    session.start()
    _pump(loop, session)
    generation = session.generation
    assert session.open_run(folder)
    session.scrub_run(3)
    assert session.trace_viewed_step()
    _pump(loop, session)
    assert session.generation == generation and session.spec.key == ScenarioKey.SCALAR
    assert any("not the one this run was recorded on" in e for e in errors), errors


def test_app_checkpoints_stay_within_the_budget(tmp_path, corpus):
    root = tmp_path / "runs"
    probe = Trainer(TINY, _spec(corpus).train_config, device="cpu")
    full = checkpoint_estimate(probe, with_moments=True)
    budget = int(2.6 * full)  # the first (weights only) and the newest one or two
    loop, session, _ = _studio(root, _spec(corpus), every=2, budget=budget)
    session.start()
    _pump(loop, session)
    sizes = []
    _pump(loop, session, steps=12,
          each=lambda: sizes.append(folder_bytes(Path(session.run.folder) / "checkpoints")))
    assert max(sizes) <= budget
    steps = RunReader(session.run.folder).data.checkpoint_steps
    assert steps[0] == 0 and steps[-1] == 11 and len(steps) in (2, 3)  # the first and the newest


def test_a_model_too_big_for_the_budget_gets_no_checkpoints(tmp_path, corpus):
    probe = Trainer(TINY, _spec(corpus).train_config, device="cpu")
    folder = _app_run(tmp_path / "runs", corpus, steps=3, every=1,
                      budget=checkpoint_estimate(probe, with_moments=True))
    assert RunReader(folder).data.checkpoint_steps == []
    assert RunReader(folder).data.steps() == [1, 2, 3]


def test_older_runs_give_up_checkpoints_to_keep_the_runs_folder_under_its_cap(tmp_path, corpus):
    root = tmp_path / "runs"
    first = _app_run(root, corpus, steps=3, every=2)
    held = folder_bytes(first / "checkpoints")
    assert held > 0
    full = checkpoint_estimate(Trainer(TINY, _spec(corpus).train_config, device="cpu"), with_moments=True)
    loop, session, _ = _studio(root, _spec(corpus), every=2, budget=3 * full)
    loop.recording.prune_bytes = folder_bytes(root) + 2 * full  # no room for this run's budget as well
    session.start()
    _pump(loop, session, steps=1)
    assert not (first / "checkpoints").exists() and RunReader(first).data.steps() == [1, 2, 3]
    assert RunReader(session.run.folder).data.checkpoint_steps == [0]


def test_a_half_written_checkpoint_is_never_listed(tmp_path, corpus):
    folder = _app_run(tmp_path / "runs", corpus, steps=1, every=50)
    partial = folder / "checkpoints" / ".partial-step-00000007-abcd"
    shutil.copytree(folder / "checkpoints" / "step-00000000", partial)
    assert RunReader(folder).data.checkpoint_steps == [0]


def test_batch_starts_follow_the_current_timeline(tmp_path):
    lines = [{"step": 1, "batch_starts": [0]}, {"step": 2, "batch_starts": [8]},
             {"step": 3, "batch_starts": [16]}, {"step": 2, "batch_starts": [24]}]  # a rewind to 2
    (tmp_path / "metrics.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert [read_batch_starts(tmp_path, s) for s in (1, 2, 3)] == [[0], [24], None]
