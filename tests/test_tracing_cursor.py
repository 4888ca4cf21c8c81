"""StepCursor: seek/back/forward, phases, done sets, step over/out."""
import torch
import torch.nn.functional as F

from engine.models.gpt import GPTModel
from engine.models.scalar import ScalarModel, scalar_loss
from engine.presets import get_preset
from engine.tracing.cursor import StepCursor
from engine.tracing.trace_step import trace_training_step


def _scalar_trace():
    model = ScalarModel()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    return trace_training_step(model, torch.tensor([1.1]), torch.tensor([1.0]), scalar_loss,
                               optimizer=opt)


def test_positions_phases_and_done_sets():
    trace = _scalar_trace()
    c = StepCursor(trace)
    F_, B = len(trace.forward_ops), len(trace.backward_steps)
    assert (F_, B) == (4, 6)
    assert c.total == F_ + B + 1 and c.position == 0
    assert c.phase() == "start" and c.current() is None
    sources = {"i0", "i1", "p2", "p3"}
    assert c.done_forward_nodes() == sources and c.done_backward_nodes() == set()
    assert c.forward() == 1 and c.phase() == "forward"
    kind, op = c.current()
    assert kind == "forward" and op.op == "mul"
    assert c.done_forward_nodes() == sources | {op.node_id}
    c.seek(F_)
    assert c.current()[1].op == "binary_cross_entropy" and c.phase() == "forward"
    assert c.forward() == F_ + 1 and c.phase() == "backward"
    kind, step = c.current()
    assert kind == "backward" and step.name == "BinaryCrossEntropyBackward0"
    assert c.done_backward_nodes() == {step.node_id}
    assert len(c.done_forward_nodes()) == F_ + 4
    c.seek(F_ + B + 1)
    kind, updates = c.current()
    assert kind == "update" and c.phase() == "update"
    assert {u.param_name for u in updates} == {"w", "b"}
    assert c.done_backward_nodes() == {s.node_id for s in trace.backward_steps}
    assert c.forward() == c.total  # clamps at the end
    assert c.back() == c.total - 1 and c.phase() == "backward"
    assert c.seek(-5) == 0 and c.seek(10_000) == c.total


def test_step_over_and_out_follow_modules():
    torch.manual_seed(0)
    model = GPTModel(get_preset("micro"))
    ids = torch.randint(0, 50257, (1, 4))
    trace = trace_training_step(model, ids, ids,
                                lambda o, t: F.cross_entropy(o.flatten(0, 1), t.flatten()))
    c = StepCursor(trace)
    ops = trace.forward_ops
    first_block = next(i for i, op in enumerate(ops) if op.module.startswith("trf_blocks.0"))
    c.seek(first_block)  # just before block 0's first op
    pos = c.step_over({"trf_blocks.0"})  # runs the whole collapsed block
    assert ops[pos - 1].module.startswith("trf_blocks.0")
    assert not ops[pos].module.startswith("trf_blocks.0")
    # step over with nothing collapsed = step into
    assert c.step_over(set()) == pos + 1
    # step out: finish the attention module we are in
    q = next(i for i, op in enumerate(ops) if op.module == "trf_blocks.1.att.W_query")
    c.seek(q + 1)  # W_query's linear done
    assert c.step_out() == q + 2  # already at W_query's last op: one step on
    c.seek(next(i for i, op in enumerate(ops) if op.module == "trf_blocks.1.att") + 1)
    pos = c.step_out()
    assert ops[pos - 1].module.startswith("trf_blocks.1.att")
    assert not ops[pos].module.startswith("trf_blocks.1.att")
    # In backward, stepping out never crosses into the update phase.
    c.seek(c.total - 1)
    assert c.phase() == "backward"
    assert c.step_out() == c.total
