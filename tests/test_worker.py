"""EngineWorker: signals in order, exactly-one steps, errors it survives, traces, clean joins."""
from __future__ import annotations

import math

import pytest
import torch

from engine.config import TrainConfig
from engine.models.scalar import chain_rule
from gui.engine_worker import ERROR, IDLE, PAUSED, RUNNING, EngineWorker

READY_MS = 60000  # building a GPT tokenizes the default text: generous on a busy 2-core box


def drain(worker, qtbot) -> None:
    """Barrier instead of a fixed sleep: the engine answers commands in order, and its signals
    reach the GUI thread in the order they were emitted, so once the answer to a command sent
    now arrives, every signal from earlier commands has arrived too. (Scalar scenario: an
    attention request is answered at once with an error message, and changes nothing.)"""
    with qtbot.waitSignal(worker.errorOccurred, timeout=5000):
        worker.request_attention(layer=0)


@pytest.fixture
def make_worker(qtbot):
    workers: list[EngineWorker] = []

    def make(**kwargs) -> EngineWorker:
        kwargs.setdefault("scenario", "scalar")
        kwargs.setdefault("device", "cpu")
        worker = EngineWorker(**kwargs)
        workers.append(worker)
        return worker

    yield make
    late = [worker for worker in workers if not worker.shutdown(2000)]
    for worker in late:  # a running QThread must never be destroyed: wait, then fail
        worker.shutdown(120000)
    assert not late, "worker thread did not end within 2 s"


def started(qtbot, worker: EngineWorker) -> EngineWorker:
    with qtbot.waitSignal(worker.scenarioReady, timeout=READY_MS):
        worker.start()
    return worker


def test_lifecycle_signals_in_order(make_worker, qtbot):
    worker = make_worker()
    events: list[tuple] = []
    worker.scenarioReady.connect(lambda info: events.append(("ready", info["key"])))
    worker.stateChanged.connect(lambda state: events.append(("state", state)))
    worker.stepMetrics.connect(lambda m: events.append(("metrics", m.step)))

    with qtbot.waitSignals([worker.scenarioReady, worker.stateChanged, worker.stepMetrics],
                           order="strict", timeout=READY_MS,
                           check_params_cbs=[lambda info: info["key"] == "scalar",
                                             lambda state: state == RUNNING, None]):
        worker.run()  # queued before the thread starts: it runs once the model is built
        worker.start()
    qtbot.waitUntil(lambda: sum(e[0] == "metrics" for e in events) >= 5, timeout=10000)
    with qtbot.waitSignal(worker.stateChanged, check_params_cb=lambda s: s == PAUSED, timeout=5000):
        worker.pause()
    drain(worker, qtbot)  # nothing may arrive after "paused"

    assert events[0] == ("ready", "scalar")
    assert events[1] == ("state", RUNNING)
    assert events[-1] == ("state", PAUSED)
    steps = [e[1] for e in events[2:-1]]
    assert all(e[0] == "metrics" for e in events[2:-1])
    assert steps == list(range(1, len(steps) + 1)), "every optimizer step reported once, in order"
    assert worker.scenario.step == steps[-1]


def test_step_is_exactly_one_optimizer_step(make_worker, qtbot):
    worker = started(qtbot, make_worker())
    received = []
    worker.stepMetrics.connect(received.append)
    ref = chain_rule()
    with qtbot.waitSignal(worker.stateChanged, check_params_cb=lambda s: s == PAUSED, timeout=5000):
        worker.step()
    drain(worker, qtbot)
    assert [m.step for m in received] == [1]
    assert received[0].loss == pytest.approx(ref.loss, abs=1e-6)
    assert worker.scenario.step == 1
    # SGD lr 0.01 from w=2.2, b=0 with the source's gradients, applied exactly once.
    assert worker.scenario.model.w.item() == pytest.approx(2.2 - 0.01 * ref.dL_dw, abs=1e-6)
    assert worker.scenario.model.b.item() == pytest.approx(0.0 - 0.01 * ref.dL_db, abs=1e-6)

    with qtbot.waitSignal(worker.stepMetrics, timeout=5000):
        worker.step()
    drain(worker, qtbot)
    assert [m.step for m in received] == [1, 2]
    assert worker.state == PAUSED


@pytest.mark.parametrize("raised, expected", [
    (RuntimeError("boom in the engine"), "boom in the engine"),
    (torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB"), "smaller preset"),
    (RuntimeError("[enforce fail] DefaultCPUAllocator: not enough memory: you tried to allocate; "
                  "out of memory"), "smaller preset"),
])
def test_engine_error_becomes_message_and_reset_recovers(make_worker, qtbot, raised, expected):
    worker = started(qtbot, make_worker())

    def broken():
        raise raised

    worker.scenario.train_step = broken  # the instance attribute shadows the method
    states = []
    worker.stateChanged.connect(states.append)
    with qtbot.waitSignal(worker.errorOccurred, timeout=5000) as blocker:
        worker.run()
    message = blocker.args[0]
    assert expected in message
    assert "Traceback" not in message and "File \"" not in message
    qtbot.waitUntil(lambda: worker.state == ERROR, timeout=2000)

    with qtbot.waitSignal(worker.scenarioReady, timeout=READY_MS):
        worker.reset()
    qtbot.waitUntil(lambda: worker.state == IDLE, timeout=2000)
    with qtbot.waitSignal(worker.stepMetrics, timeout=5000) as blocker:
        worker.step()
    assert blocker.args[0].step == 1 and math.isfinite(blocker.args[0].loss)


def test_nan_loss_pauses_with_message(make_worker, qtbot):
    # A real NaN: poison the final LayerNorm of a tiny GPT, so the logits and the loss are NaN.
    worker = started(qtbot, make_worker(
        scenario="gpt", preset="micro",
        train_config=TrainConfig(batch_size=1, max_length=16, stride=16, eval_interval=1000)))
    with torch.no_grad():
        worker.scenario.model.final_norm.scale.fill_(float("nan"))
    with qtbot.waitSignal(worker.errorOccurred, timeout=30000) as blocker:
        worker.run()
    assert "loss became nan" in blocker.args[0]
    assert "paused" in blocker.args[0]
    qtbot.waitUntil(lambda: worker.state == PAUSED, timeout=2000)
    assert worker.scenario.step == 0, "the optimizer must not step with a NaN loss"


def test_nan_gradient_pauses(make_worker, qtbot):
    # x = inf: the loss is finite (a = 1 for y = 1) but dz/dw = x makes w.grad = 0 * inf = NaN.
    worker = started(qtbot, make_worker())
    worker.scenario.set_values(x=float("inf"))
    with qtbot.waitSignal(worker.errorOccurred, timeout=5000) as blocker:
        worker.run()
    assert "gradient norm became nan" in blocker.args[0]
    qtbot.waitUntil(lambda: worker.state == PAUSED, timeout=2000)
    assert worker.scenario.step == 0


def test_trace_is_real_and_detached(make_worker, qtbot):
    worker = started(qtbot, make_worker())
    with qtbot.waitSignal(worker.traceReady, timeout=20000) as blocker:
        worker.request_trace()
    trace = blocker.args[0]
    ref = chain_rule()
    assert trace.loss == pytest.approx(ref.loss, abs=1e-5)
    names = [step.name for step in trace.backward_steps]
    assert names[:3] == ["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0"]
    assert sorted(names) == sorted(["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0",
                                    "MulBackward0", "AccumulateGrad", "AccumulateGrad"])
    assert {s.param_name for s in trace.backward_steps if s.name == "AccumulateGrad"} == {"w", "b"}
    assert worker.scenario.step == 0, "tracing must not step the optimizer"


def test_param_stats_every_n_steps(make_worker, qtbot):
    worker = started(qtbot, make_worker(param_stats_every=2))
    stats = []
    worker.paramStats.connect(stats.append)
    for _ in range(4):
        with qtbot.waitSignal(worker.stepMetrics, timeout=5000):
            worker.step()
    drain(worker, qtbot)
    assert len(stats) == 2


def test_scenario_and_device_change(make_worker, qtbot):
    worker = started(qtbot, make_worker())
    with qtbot.waitSignal(worker.scenarioReady, timeout=READY_MS) as blocker:
        worker.set_scenario("simplenet")
    info = blocker.args[0]
    assert info["key"] == "simplenet" and info["reason"] == "built"
    assert info["parameters"] == 10 * 5 + 5 + 5 * 1 + 1
    with qtbot.waitSignal(worker.stepMetrics, timeout=5000):
        worker.step()
    with qtbot.waitSignal(worker.scenarioReady, timeout=10000) as blocker:
        worker.set_device("cpu")
    assert blocker.args[0]["reason"] == "device" and blocker.args[0]["step"] == 1, \
        "moving keeps the training progress"


def test_bad_device_is_a_message(make_worker, qtbot):
    worker = started(qtbot, make_worker())
    with qtbot.waitSignal(worker.errorOccurred, timeout=5000) as blocker:
        worker.set_device("tpu")
    assert "tpu" in blocker.args[0]
    assert worker.scenario is not None, "the model stays where it was"


def test_shutdown_while_running_joins_fast(make_worker, qtbot):
    worker = started(qtbot, make_worker())
    with qtbot.waitSignal(worker.stepMetrics, timeout=5000):
        worker.run()
    assert worker.shutdown(2000)
    assert not worker.is_running_thread()


def test_attention_capture_on_request(make_worker, qtbot):
    worker = started(qtbot, make_worker(
        scenario="gpt", preset="micro",
        train_config=TrainConfig(batch_size=2, max_length=16, stride=16, eval_interval=1000)))
    with qtbot.waitSignal(worker.attentionCaptured, timeout=20000) as blocker:
        worker.request_attention(layer=1, heads=[0])
    payload = blocker.args[0]
    weights = payload.weights
    assert weights.shape == (1, 16, 16) and len(payload.tokens) == 16
    assert (payload.layer, payload.heads, payload.step) == (1, [0], 0)
    assert abs(weights.sum(axis=-1) - 1.0).max() < 1e-5, "each query's weights sum to 1"
    assert abs(weights[0][0, 1:]).max() == 0.0, "causal: the first token sees only itself"
    with qtbot.waitSignal(worker.errorOccurred, timeout=5000) as blocker:
        worker.request_attention(layer=7)
    assert "out of range" in blocker.args[0]
    assert worker.state == IDLE, "a bad request does not stop the engine"
