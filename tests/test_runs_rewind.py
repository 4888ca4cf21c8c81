"""Trace a recorded step again from the run's checkpoint; load and save checkpoints, open a
corpus. Bad input (truncated JSON, a pickle posing as weights, another config, a corpus too
short) keeps the current model, config and run and names the problem."""
from __future__ import annotations

import pickle
import shutil

import pytest
import torch

from engine.checkpoint import checkpoint_files, load_checkpoint
from engine.optimizer_state import restore_optimizer
from engine.scenarios import make_scenario
from engine.session.events import RebuildChoice
from engine.session.model_loading import spec_of_run
from engine.session.spec import ScenarioKey
from engine.runs import RunReader
from runs_fixtures import open_and_wait, set_manifest, write_gpt_run
from test_window_session import train_steps


@pytest.fixture(scope="module")
def gpt_run(tmp_path_factory):
    return write_gpt_run(tmp_path_factory.mktemp("rewind") / "micro")


@pytest.fixture
def asked(window):
    questions = []

    def answer(parent, question):
        questions.append(question)
        return RebuildChoice.REBUILD
    window.ask_rebuild = answer
    return questions


def _fresh_gradients(run_folder, checkpoint, step: int) -> tuple[float, dict[str, float]]:
    """Plain autograd on the checkpoint's weights and step `step`'s batch, as a fresh trainer
    of the run's configs takes it (the data order follows the seed alone)."""
    manifest = RunReader(run_folder).manifest
    from engine.session.spec import ScenarioSpec
    spec = spec_of_run(manifest, ScenarioSpec(device="cpu"))
    scenario = make_scenario("gpt", spec.gpt_config, spec.train_config, device="cpu")
    ckpt = load_checkpoint(checkpoint)
    scenario.model.load_state_dict(ckpt.model.state_dict())
    restore_optimizer(scenario.optimizer, ckpt.optimizer_state)
    for _ in range(step):
        inputs, targets = scenario.trainer._take_batch()
    loss = scenario.loss_fn(scenario.model(inputs), targets)
    loss.backward()
    return loss.item(), {n: p.grad.norm().item() for n, p in scenario.model.named_parameters()}


def test_trace_this_step_matches_a_fresh_computation_from_the_checkpoint(window, qtbot, gpt_run, asked):
    train_steps(window, qtbot, 1)
    open_and_wait(window, qtbot, gpt_run)
    window.run_panel.slider.setValue(3)  # the checkpoint of step 2 holds the weights step 3 starts from
    assert "traces step 3 from the checkpoint of step 2" in window.run_panel.at_text()
    assert window.run_panel.trace_button.text() == "Trace step 3"
    window.run_panel.slider.setValue(4)  # no checkpoint of step 3: the button says it traces step 3
    assert window.run_panel.trace_button.text() == "Trace step 3"
    with qtbot.waitSignal(window.adapter.traceChanged, timeout=120000):
        window.run_panel.trace_button.click()
    s = window.session
    assert len(asked) == 1 and asked[0].steps == 1  # the live run had a step: asked first
    assert s.viewed is None and s.spec.key == ScenarioKey.GPT and s.traced.step == 3
    assert len(s.runs) == 1 and s.runs[0].steps == 1  # the old live run is kept
    loss, grads = _fresh_gradients(gpt_run, gpt_run / "checkpoints" / "step-00000002", 3)
    trace = s.traced.trace
    assert trace.loss == pytest.approx(loss, rel=1e-5)
    assert trace.loss == pytest.approx(RunReader(gpt_run).data.metrics[2].loss, rel=1e-6)  # step 3's
    traced = {b.param_name: b.grad_in[0].norm for b in trace.backward_steps
              if b.param_name and b.grad_in and b.grad_in[0] is not None}
    assert set(traced) == set(grads)
    for name, norm in grads.items():
        assert traced[name] == pytest.approx(norm, rel=1e-4, abs=1e-7), name


def _expect_refusal(window, qtbot, action, words: str) -> None:
    s = window.session
    before = (s.generation, s.spec, s.run, s.run.steps, len(s.runs))
    with qtbot.waitSignal(window.adapter.errorRaised, timeout=120000):
        assert action() is not False or window.last_error
    qtbot.wait(0)
    assert (s.generation, s.spec, s.run, s.run.steps, len(s.runs)) == before
    assert s.pending_load is None
    assert words in window.last_error, window.last_error
    shown = s.viewed.last_step if s.viewed is not None else s.run.steps  # the views did not move
    assert window.loss_view.step_loss.n == shown


def _checkpoint_copy(gpt_run, tmp_path):
    target = tmp_path / "ckpt"
    shutil.copytree(gpt_run / "checkpoints" / "step-00000002", target)
    return target


def test_truncated_checkpoint_json_keeps_everything(window, qtbot, gpt_run, tmp_path, asked):
    train_steps(window, qtbot, 1)
    ckpt = _checkpoint_copy(gpt_run, tmp_path)
    config = checkpoint_files(ckpt) / "config.json"
    config.write_bytes(config.read_bytes()[:40])
    _expect_refusal(window, qtbot, lambda: window.load_checkpoint(ckpt), "config.json")
    assert asked == []  # refused before anything was asked


def test_a_pickle_posing_as_a_checkpoint_is_never_unpickled(window, qtbot, gpt_run, tmp_path, asked):
    train_steps(window, qtbot, 1)
    ckpt = _checkpoint_copy(gpt_run, tmp_path)
    (checkpoint_files(ckpt) / "model.safetensors").write_bytes(pickle.dumps({"w": [1.0, 2.0]}))
    _expect_refusal(window, qtbot, lambda: window.load_checkpoint(ckpt), "model.safetensors")
    assert len(asked) == 1


def test_a_checkpoint_of_another_config_keeps_everything(window, qtbot, gpt_run, tmp_path, asked):
    train_steps(window, qtbot, 1)
    run = tmp_path / "other"
    shutil.copytree(gpt_run, run)
    config = RunReader(run).manifest.config
    set_manifest(run, config={**config, "emb_dim": 32})
    open_and_wait(window, qtbot, run)
    window.run_panel.slider.setValue(3)
    _expect_refusal(window, qtbot, window.session.trace_viewed_step, "another config")
    assert "emb_dim 64 instead of 32" in window.last_error
    assert window.session.viewed is not None  # still viewing the run


def test_a_corpus_too_short_keeps_everything(window, qtbot, tmp_path, asked):
    train_steps(window, qtbot, 1)
    corpus = tmp_path / "tiny.txt"
    corpus.write_text("Too short.", encoding="utf-8")
    _expect_refusal(window, qtbot, lambda: window.open_corpus(corpus), "tiny.txt")


def test_load_checkpoint_builds_a_new_generation_at_its_step(window, qtbot, gpt_run, asked):
    with qtbot.waitSignal(window.adapter.modelReady, timeout=120000):
        assert window.load_checkpoint(gpt_run / "checkpoints" / "step-00000002")
    s = window.session
    assert asked == []  # the live run had no steps
    assert s.spec.key == ScenarioKey.GPT and s.spec.preset == "micro"
    train_steps(window, qtbot, 1)
    assert s.run.steps == 3  # the checkpoint's step 2, then one more
    assert RunReader(s.run.folder).manifest.extra["loaded_from"].startswith("the checkpoint")


def test_save_checkpoint_writes_a_folder_that_loads(make_window, qtbot, gpt_run, tmp_path):
    window = make_window("scalar")
    qtbot.waitUntil(lambda: window.session.run.summary is not None, timeout=30000)
    with qtbot.waitSignal(window.adapter.modelReady, timeout=120000):
        window.load_checkpoint(gpt_run / "checkpoints" / "step-00000002")
    with qtbot.waitSignal(window.adapter.notice, timeout=60000,
                          check_params_cb=lambda e: "Saved a checkpoint" in e.text):
        assert window.save_checkpoint(tmp_path / "saved")
    loaded = load_checkpoint(tmp_path / "saved")
    assert loaded.train_state["step"] == 2
    original = load_checkpoint(gpt_run / "checkpoints" / "step-00000002")
    for (name, a), b in zip(loaded.model.state_dict().items(), original.model.state_dict().values()):
        assert torch.equal(a, b), name


def test_import_hugging_face_folder_loads_its_weights(window, qtbot, tmp_path):
    transformers = pytest.importorskip("transformers")
    from engine.hf_import import load_hf_gpt2
    torch.manual_seed(0)
    hf = transformers.GPT2LMHeadModel(transformers.GPT2Config(n_embd=64, n_layer=2, n_head=4, n_positions=64))
    folder = tmp_path / "gpt2-tiny"
    hf.save_pretrained(folder)
    with qtbot.waitSignal(window.adapter.modelReady, timeout=120000):
        assert window.import_hf_folder(folder)
    expected, cfg = load_hf_gpt2(folder)
    assert window.session.spec.gpt_config == cfg
    with qtbot.waitSignal(window.adapter.notice, timeout=60000,
                          check_params_cb=lambda e: "Saved a checkpoint" in e.text):
        window.save_checkpoint(tmp_path / "saved")
    saved = load_checkpoint(tmp_path / "saved").model.state_dict()
    for name, value in expected.state_dict().items():
        assert torch.equal(saved[name], value), name


def test_a_folder_that_is_not_hugging_face_keeps_everything(window, qtbot, tmp_path):
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    _expect_refusal(window, qtbot, lambda: window.import_hf_folder(tmp_path), "not a Hugging Face GPT-2")
