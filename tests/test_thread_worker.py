"""gui/worker.py: the one mechanism for jobs off the GUI thread, and the session adapter."""
from __future__ import annotations

import threading

import pytest

from engine.session import events as ev
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from gui.session_adapter import EVENT_SIGNALS, SessionAdapter
from gui.worker import ThreadWorker


def test_generator_values_arrive_in_order_in_the_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    seen, threads = [], []

    def produce(n):
        for i in range(n):
            threads.append(threading.get_ident())
            yield i

    worker = ThreadWorker(produce, 20_000, name="producer")
    worker.yielded.connect(lambda v: (seen.append(v), threads.append(threading.get_ident())))
    with qtbot.waitSignal(worker.finished, timeout=30000):
        worker.start()
    assert seen == list(range(20_000))
    assert worker.join(5)
    assert threads[0] != gui_thread and threads[-1] == gui_thread


def test_fast_producer_wakes_the_gui_in_batches(qtbot):
    worker = ThreadWorker(lambda: (i for i in range(50_000)), name="fast")
    wakes = []
    worker._wake.connect(lambda: wakes.append(1))  # an extra receiver counts the wake-ups
    with qtbot.waitSignal(worker.finished, timeout=30000):
        worker.start()
    assert len(wakes) < 50_000 / 10, len(wakes)  # far fewer queued events than values


def test_function_result_and_error(qtbot):
    ok = ThreadWorker(lambda a, b: a + b, 2, 3)
    with qtbot.waitSignal(ok.returned, timeout=5000) as got:
        ok.start()
    assert got.args == [5]

    def boom():
        raise ValueError("no layout for you")

    bad = ThreadWorker(boom, name="Graph layout")
    with qtbot.waitSignal(bad.errored, timeout=5000) as err:
        bad.start()
    assert err.args == ["Graph layout failed: ValueError: no layout for you"]


def test_abort_stops_a_generator_between_yields(qtbot):
    release = threading.Event()

    def endless():
        i = 0
        while True:
            release.wait(0.01)
            i += 1
            yield i

    worker = ThreadWorker(endless)
    worker.start()
    qtbot.waitUntil(lambda: worker.is_running(), timeout=2000)
    worker.abort()
    assert worker.join(2.0)


def test_every_session_event_has_its_typed_signal():
    for event_type, name in EVENT_SIGNALS.items():
        assert hasattr(SessionAdapter, name), name
    assert len(EVENT_SIGNALS) == len(ev.SessionEvent.__args__)


def test_adapter_builds_trains_and_joins(qtbot):
    adapter = SessionAdapter(ScenarioSpec(key=ScenarioKey.SIMPLENET))
    with qtbot.waitSignal(adapter.modelReady, timeout=30000):
        adapter.start()
    with qtbot.waitSignal(adapter.stepAdded, timeout=30000) as step:
        adapter.session.run_training()
    assert isinstance(step.args[0], ev.StepAdded)
    qtbot.waitUntil(lambda: adapter.session.state == EngineState.RUNNING, timeout=5000)
    assert adapter.shutdown(2.0) and not adapter.is_running()


@pytest.mark.parametrize("key", list(ScenarioKey))
def test_engine_errors_become_messages(qtbot, key):
    def broken(spec):
        raise RuntimeError("the factory broke")

    adapter = SessionAdapter(ScenarioSpec(key=key), scenario_factory=broken)
    with qtbot.waitSignal(adapter.errorRaised, timeout=30000) as error:
        adapter.start()
    assert "building the model" in error.args[0].message and "Traceback" not in error.args[0].message
    assert adapter.shutdown(2.0)
