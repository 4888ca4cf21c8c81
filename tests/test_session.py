"""The studio session without Qt: commands in, events and state out."""
from __future__ import annotations

import math
import re

import pytest

from engine.session import commands as cmd
from engine.session import events as ev
from engine.session import outputs as out
from engine.session.position import Phase
from engine.session.session import StudioSession
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from session_helpers import SyncStudio


class FakeRecord:
    def __init__(self, step, loss=1.0, tokens_per_s=100.0, val=None):
        self.step, self.loss, self.grad_norm = step, loss, 0.5
        self.tokens_seen, self.tokens_per_s = step * 4, tokens_per_s
        self.train_loss = self.val_loss = val
        self.lr = 0.01


def fake_session(key=ScenarioKey.SCALAR):
    sent, seen = [], []
    session = StudioSession(sent.append, ScenarioSpec(key=key))
    session.events.subscribe(seen.append)
    session.start()
    return session, sent, seen


def test_start_builds_generation_one():
    session, sent, seen = fake_session()
    assert sent == [cmd.Build(session.spec, 1)]
    assert isinstance(seen[0], ev.ModelRebuilding) and seen[0].generation == 1


def test_outputs_of_a_replaced_model_are_dropped():
    session, sent, seen = fake_session()
    session.handle(out.StepTrained(1, FakeRecord(1)))
    assert session.run.steps == 1
    session.choose_scenario(ScenarioKey.SIMPLENET)
    question = [e for e in seen if isinstance(e, ev.RebuildQuestion)]
    assert question and question[0].steps == 1 and session.generation == 1  # asked, not rebuilt
    session.answer_rebuild(ev.RebuildChoice.REBUILD)
    assert session.generation == 2 and session.spec.key == ScenarioKey.SIMPLENET
    assert [r.steps for r in session.runs] == [1]  # the old run is kept for comparison
    rebuilding = [e for e in seen if isinstance(e, ev.ModelRebuilding)][-1]
    assert rebuilding.kept_run is session.runs[0] and rebuilding.generation == 2
    session.handle(out.StepTrained(1, FakeRecord(2)))  # late output of the old model
    assert session.run.steps == 0 and session.run.metrics == []


def test_no_question_without_steps():
    session, sent, seen = fake_session()
    session.choose_scenario(ScenarioKey.GPT)
    assert not [e for e in seen if isinstance(e, ev.RebuildQuestion)]
    assert sent[-1] == cmd.Build(session.spec, 2)
    assert session.runs == []  # an empty run is not worth keeping


def test_keep_training_keeps_the_model_and_runs():
    session, sent, seen = fake_session()
    session.handle(out.StepTrained(1, FakeRecord(1)))
    session.choose_scenario(ScenarioKey.GPT)
    session.answer_rebuild(ev.RebuildChoice.KEEP_TRAINING)
    assert session.spec.key == ScenarioKey.SCALAR and session.generation == 1
    assert sent[-1] == cmd.Run()
    assert isinstance([e for e in seen if isinstance(e, ev.SpecChanged)][-1].spec, ScenarioSpec)
    assert [e for e in seen if isinstance(e, ev.SpecChanged)][-1].spec.key == ScenarioKey.SCALAR


def test_cancel_changes_nothing():
    session, sent, seen = fake_session()
    session.handle(out.StepTrained(1, FakeRecord(1)))
    session.reset()
    n_sent = len(sent)
    session.answer_rebuild(ev.RebuildChoice.CANCEL)
    assert len(sent) == n_sent and session.run.steps == 1 and session.generation == 1


def test_same_model_is_not_rebuilt_but_device_moves():
    session, sent, _ = fake_session()
    session.choose_scenario(ScenarioKey.SCALAR)
    assert len(sent) == 1
    session.choose_device("cpu")
    assert sent[-1] == cmd.MoveTo("cpu") and session.generation == 1


def test_status_line_fits_the_scenario():
    session, _, _ = fake_session(ScenarioKey.SCALAR)
    session.handle(out.StateReported(1, EngineState.IDLE))
    session.handle(out.StepTrained(1, FakeRecord(3)))
    assert "tok/s" not in session.status_line() and "tokens" not in session.status_line()
    assert "step 3" in session.status_line()
    gpt, _, _ = fake_session(ScenarioKey.GPT)
    gpt.handle(out.StateReported(1, EngineState.RUNNING))
    gpt.handle(out.StepTrained(1, FakeRecord(3, val=2.5)))
    assert "tok/s" in gpt.status_line() and "val 2.500" in gpt.status_line()


# ------------------------------------------------------------------ with the real engine loop

def traced(key=ScenarioKey.SCALAR) -> tuple[SyncStudio, StudioSession]:
    """A built model, one traced step, the cursor on its first backward node."""
    studio = SyncStudio(key)
    studio.session.start()
    studio.pump()
    studio.session.step_into()
    studio.pump()
    return studio, studio.session


def test_real_loop_trace_and_step_into():
    studio = SyncStudio(ScenarioKey.SCALAR)
    studio.session.start()
    studio.pump()
    assert studio.of_type(ev.ModelReady)
    studio.session.step_into()  # no trace yet: traces, then steps into the first backward node
    studio.pump()
    traced = studio.session.traced
    assert traced is not None and traced.step == 1
    position = studio.session.position
    assert position.phase == Phase.BACKWARD and position.index == 1
    assert position.text() == f"backward 1 of {len(traced.trace.backward_steps)}"
    n_traces = len(studio.of_type(ev.TraceChanged))
    studio.session.step_into()  # on the same trace: no new trace asked for
    assert studio.loop.commands.empty()
    assert studio.session.position.index == 2 and len(studio.of_type(ev.TraceChanged)) == n_traces


def test_break_while_training_traces_the_next_step():
    studio = SyncStudio(ScenarioKey.SCALAR)
    studio.session.start()
    studio.pump()
    studio.train_steps(5)
    assert studio.session.state == EngineState.RUNNING and studio.session.run.steps == 5
    studio.session.step_into()  # a break
    studio.pump()
    s = studio.session
    assert s.state == EngineState.PAUSED
    assert s.traced.step == 6 and s.position.phase == Phase.BACKWARD and s.position.index == 1
    assert not s.trace_is_stale()
    notices = [e.text for e in studio.of_type(ev.Notice)]
    assert any("Traced step 6" in t for t in notices)
    # F5 resumes; the trace stays, labelled with its step, and stepping moves on it.
    studio.train_steps(3)
    assert s.traced.step == 6 and s.trace_is_stale() and "model now at step 8" in s.trace_label()
    s.pause()
    studio.pump()
    s.step_into()
    assert studio.loop.commands.empty() and s.position.index == 2


def test_selection_and_cursor_are_two_things():
    studio, s = traced()
    cursor_node = s.traced.current_node()
    some_param = next(n for n, a in s.traced.trace.forward_graph.nodes(data=True)
                      if a.get("param_name"))
    s.select(some_param)
    assert s.inspected_node() == some_param and not s.follow_cursor
    s.step_into()
    assert s.inspected_node() == some_param and s.traced.current_node() != cursor_node
    s.set_follow_cursor(True)
    assert s.inspected_node() == s.traced.current_node()


def test_rebuild_clears_trace_selection_search_and_expansion():
    studio, s = traced()
    s.search("sigmoid")
    s.select(s.traced.current_node())
    s.choose_scenario(ScenarioKey.SIMPLENET)  # no steps trained: no question
    assert s.traced is None and s.selection is None and s.follow_cursor
    assert s.search_query == "" and s.expanded == frozenset() and s.pending_moves == []
    studio.pump()
    assert s.spec.key == ScenarioKey.SIMPLENET and s.run.summary is not None


def test_step_over_and_out_use_the_expand_state():
    studio = SyncStudio(ScenarioKey.SIMPLENET)
    s = studio.session
    s.start()
    studio.pump()
    s.step_over()  # no trace yet: step over also starts at the first backward node
    studio.pump()
    assert s.position.phase == Phase.BACKWARD and s.position.index == 1
    s.run_to_end()
    assert s.position.phase == Phase.UPDATE and s.position.text() == "update 1 of 1"
    s.step_back()
    assert s.position.phase == Phase.BACKWARD and s.position.index == s.position.count


def test_no_internal_ids_in_status_or_positions():
    studio, s = traced()
    for _ in range(s.traced.cursor.total):
        assert not re.search(r"\b[fb]\d+\b", s.status_line())
        s.step_into()


def test_editing_the_example_retraces_and_keeps_the_cursor():
    studio, s = traced()
    s.step_into()
    s.step_into()
    position = s.position.value
    s.set_example(x=2.0, w=1.0)
    studio.pump()
    values = {s.traced.facts.names[n]: v for n, v in s.traced.facts.fwd_value.items()
              if n in s.traced.facts.names}
    assert values["x"] == 2.0 and values["w"] == 1.0 and values["z"] == 2.0
    assert s.position.value == position and s.state == EngineState.PAUSED
    expected_a = 1 / (1 + math.exp(-2.0))
    assert values["a"] == pytest.approx(expected_a, rel=1e-6)


def test_a_bad_example_value_is_a_message_and_nothing_changes():
    studio, s = traced()
    s.set_example(y=1.5)
    studio.pump()
    errors = studio.of_type(ev.ErrorRaised)
    assert errors and "between 0 and 1" in errors[-1].message
    assert s.state == EngineState.PAUSED and not s.trace_requested
    assert s.traced.trace.loss == pytest.approx(0.085188, abs=1e-5)  # still x=1.1, y=1


def test_numeric_check_agrees_with_autograd():
    studio, s = traced(ScenarioKey.SIMPLENET)
    s.check_gradients()
    studio.pump()
    entries = studio.of_type(ev.GradientCheckReady)[-1].entries
    assert {e.param_name for e in entries} == {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}
    assert all(e.rel_error < 1e-5 for e in entries)
