"""The engine loop, driven without Qt: outputs in order, exactly-one steps, errors it
survives, real traces, statistics, device moves and attention on request."""
from __future__ import annotations

import math

import numpy as np

import pytest
import torch

from engine.config import TrainConfig
from engine.models.scalar import chain_rule
from engine.presets import PRESETS
from engine.session import commands as cmd
from engine.session import outputs as out
from engine.session.engine_loop import EngineLoop
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec

TINY_TRAIN = TrainConfig(batch_size=2, max_length=16, stride=16, eval_interval=1000)


def run(loop: EngineLoop, *commands, steps: int = 0) -> list:
    """Send commands, carry them out, then train `steps` steps if running; all outputs."""
    got = []
    for command in commands:
        loop.send(command)
    while not loop.commands.empty():
        got += loop.run_once()
    for _ in range(steps):
        got += loop.run_once()
    return got


def built(key=ScenarioKey.SCALAR, generation=1, **spec_kw) -> tuple[EngineLoop, list]:
    loop = EngineLoop(param_stats_every=2)
    outputs = run(loop, cmd.Build(ScenarioSpec(key=key, device="cpu", **spec_kw), generation))
    return loop, outputs


def of(outputs, kind) -> list:
    return [o for o in outputs if isinstance(o, kind)]


def test_build_then_run_reports_every_step_in_order():
    loop, outputs = built()
    assert [type(o) for o in outputs] == [out.ModelBuilt, out.StateReported]  # it starts "building"
    assert outputs[-1].state == EngineState.IDLE and outputs[0].summary.key == "scalar"
    outputs = run(loop, cmd.Run(), steps=5) + run(loop, cmd.Pause())
    assert outputs[0] == out.StateReported(1, EngineState.RUNNING)
    assert outputs[-1] == out.StateReported(1, EngineState.PAUSED)
    steps = [o.record.step for o in of(outputs, out.StepTrained)]
    assert steps == [1, 2, 3, 4, 5]
    assert all(o.generation == 1 for o in outputs)
    assert [o.stats.step for o in of(outputs, out.StatsSampled)] == [1, 3, 5]  # the first, then every 2nd


def test_step_once_is_exactly_one_optimizer_step():
    loop, _ = built()
    ref = chain_rule()
    outputs = run(loop, cmd.StepOnce())
    records = [o.record for o in of(outputs, out.StepTrained)]
    assert [r.step for r in records] == [1] and loop.state == EngineState.PAUSED
    assert records[0].loss == pytest.approx(ref.loss, abs=1e-6)
    # SGD lr 0.01 from w=2.2, b=0 with the source's gradients, applied exactly once.
    assert loop.scenario.model.w.item() == pytest.approx(2.2 - 0.01 * ref.dL_dw, abs=1e-6)
    assert loop.scenario.model.b.item() == pytest.approx(0.0 - 0.01 * ref.dL_db, abs=1e-6)


@pytest.mark.parametrize("raised, expected", [
    (RuntimeError("boom in the engine"), "boom in the engine"),
    (torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB"), "smaller preset"),
    (RuntimeError("DefaultCPUAllocator: not enough memory; out of memory"), "smaller preset"),
])
def test_engine_error_becomes_message_and_rebuild_recovers(raised, expected):
    loop, _ = built()

    def broken():
        raise raised

    loop.scenario.train_step = broken  # the instance attribute shadows the method
    outputs = run(loop, cmd.Run(), steps=1)
    failed = of(outputs, out.EngineFailed)
    assert failed and expected in failed[0].message and failed[0].stopped
    assert "Traceback" not in failed[0].message and loop.state == EngineState.PAUSED
    if isinstance(raised, RuntimeError) and "memory" not in str(raised):  # unexpected: a crash log
        log = failed[0].message.rpartition("Details: ")[2]
        assert "boom in the engine" in open(log, encoding="utf-8").read()
    outputs = run(loop, cmd.Build(ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu"), 2), cmd.StepOnce())
    records = [o.record for o in of(outputs, out.StepTrained)]
    assert records[0].step == 1 and math.isfinite(records[0].loss)
    assert all(o.generation == 2 for o in outputs)


def test_nan_loss_pauses_with_message():
    loop, _ = built(ScenarioKey.GPT, gpt_config=PRESETS["micro"], train_config=TINY_TRAIN)
    with torch.no_grad():  # a real NaN: the logits and the loss become NaN
        loop.scenario.model.final_norm.scale.fill_(float("nan"))
    outputs = run(loop, cmd.Run(), steps=1)
    failed = of(outputs, out.EngineFailed)
    assert "loss became nan" in failed[0].message and "paused" in failed[0].message
    assert loop.state == EngineState.PAUSED and loop.scenario.step == 0


def test_nan_gradient_pauses():
    # x = inf: the loss is finite (a = 1 for y = 1) but dz/dw = x makes w.grad = 0 * inf = NaN.
    loop, _ = built()
    loop.scenario.set_values(x=float("inf"))
    outputs = run(loop, cmd.Run(), steps=1)
    assert "gradient norm became nan" in of(outputs, out.EngineFailed)[0].message
    assert loop.state == EngineState.PAUSED and loop.scenario.step == 0


def test_trace_is_real_detached_and_does_not_step():
    loop, _ = built()
    outputs = run(loop, cmd.TraceNext())
    traced = of(outputs, out.StepTraced)[0]
    assert traced.step == 1 and loop.state == EngineState.PAUSED
    trace, ref = traced.trace, chain_rule()
    assert trace.loss == pytest.approx(ref.loss, abs=1e-5)
    names = [step.name for step in trace.backward_steps]
    assert names[:3] == ["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0"]
    assert sorted(names) == sorted(["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0",
                                    "MulBackward0", "AccumulateGrad", "AccumulateGrad"])
    assert loop.scenario.step == 0, "tracing must not step the optimizer"


def test_trace_while_running_is_a_break():
    loop, _ = built(ScenarioKey.SIMPLENET)
    run(loop, cmd.Run(), steps=3)
    outputs = run(loop, cmd.TraceNext())
    assert of(outputs, out.StepTraced)[0].step == 4
    assert [type(o) for o in outputs] == [out.StateReported, out.StateReported, out.StepTraced]
    assert [o.state for o in of(outputs, out.StateReported)] == [EngineState.TRACING, EngineState.PAUSED]
    assert run(loop, steps=3) == []  # paused: nothing trains on


def test_rebuild_and_device_move():
    loop, _ = built()
    outputs = run(loop, cmd.Build(ScenarioSpec(key=ScenarioKey.SIMPLENET, device="cpu"), 2))
    summary = of(outputs, out.ModelBuilt)[0].summary
    assert summary.key == "simplenet" and summary.parameters == 10 * 5 + 5 + 5 * 1 + 1
    run(loop, cmd.StepOnce())
    moved = of(run(loop, cmd.MoveTo("cpu")), out.ModelMoved)[0]
    assert moved.summary.step == 1 and moved.generation == 2, "moving keeps the training progress"


def test_bad_device_is_a_message_and_the_model_stays():
    loop, _ = built()
    failed = of(run(loop, cmd.MoveTo("tpu")), out.EngineFailed)
    assert "tpu" in failed[0].message and not failed[0].stopped
    assert loop.scenario is not None


def test_attention_capture_on_request():
    loop, _ = built(ScenarioKey.GPT, gpt_config=PRESETS["micro"], train_config=TINY_TRAIN)
    capture = of(run(loop, cmd.CaptureAttention(1, (0,), 0)), out.AttentionCaptured)[0].capture
    weights = capture.weights
    assert weights.shape == (1, 16, 16) and len(capture.tokens) == 16
    assert abs(weights.sum(axis=-1) - 1.0).max() < 1e-5, "each query's weights sum to 1"
    assert abs(weights[0][0, 1:]).max() == 0.0, "causal: the first token sees only itself"
    failed = of(run(loop, cmd.CaptureAttention(7, None, 0)), out.EngineFailed)
    assert "out of range" in failed[0].message and not failed[0].stopped
    assert loop.state == EngineState.IDLE, "a bad request does not stop the engine"


def test_attention_in_a_small_scenario_is_a_message():
    loop, _ = built()
    failed = of(run(loop, cmd.CaptureAttention(0, None, 0)), out.EngineFailed)
    assert "only in the GPT pretraining scenario" in failed[0].message


def test_shutdown_ends_the_generator():
    loop, _ = built()
    loop.send(cmd.Run())
    produced = 0
    for _ in loop.outputs():
        produced += 1
        if produced == 20:
            loop.send(cmd.Shutdown())
    assert loop.shut_down and produced >= 20


def test_a_nan_loss_names_the_first_op_that_went_wrong():
    loop, _ = built(ScenarioKey.GPT, gpt_config=PRESETS["micro"], train_config=TINY_TRAIN)
    with torch.no_grad():  # NaN from the final LayerNorm on: the ops before it stay finite
        loop.scenario.model.final_norm.scale.fill_(float("nan"))
    outputs = run(loop, cmd.Run(), steps=1)
    message = of(outputs, out.EngineFailed)[0].message
    assert "The first op whose output was not finite: layer_norm in final_norm" in message
    traced = of(outputs, out.StepTraced)[0].trace  # the graph can show the failing step
    from engine.session.gradient_health import first_non_finite_op
    index, op = first_non_finite_op(traced)
    assert op.module == "final_norm" and all(
        np.isfinite(o.value.norm) for o in traced.forward_ops[:index] if o.value is not None)


def test_shutdown_jumps_the_queue():
    """Closing the window must not wait for builds and steps queued before it."""
    factory_calls = []
    loop = EngineLoop(scenario_factory=lambda spec: factory_calls.append(spec))
    spec = ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu")
    for generation in (1, 2, 3):
        loop.send(cmd.Build(spec, generation))
    loop.send(cmd.StepOnce())
    loop.send(cmd.Shutdown())
    assert loop.run_once() == [] and loop.shut_down
    assert factory_calls == []  # none of the queued builds ran
