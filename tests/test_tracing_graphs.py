"""Forward trace + autograd graph + recorded backprop for the three built-in models and a
user's own module: every autograd node is linked to the forward op (and module) that made
it, and the recorded order is a valid autograd execution order."""
import networkx as nx
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.models.gpt import GPTModel
from engine.models.scalar import ScalarModel, scalar_loss
from engine.models.simple_net import make_simple_net_training
from engine.presets import get_preset
from engine.tracing.backward_graph import build_backward_graph
from engine.tracing.trace_step import trace_training_step
from engine.tracing.types import NodeKind

BACKWARD, FORWARD, INPUT, LOSS, PARAMETER = (NodeKind.BACKWARD, NodeKind.FORWARD, NodeKind.INPUT,
                                             NodeKind.LOSS, NodeKind.PARAMETER)


def _gpt_loss(out, targets):
    return F.cross_entropy(out.flatten(0, 1), targets.flatten())


class OwnNet(nn.Module):
    """A user's module with in-place ops, a concat and a reused layer."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 3)
        self.b = nn.Linear(4, 3)
        self.mix = nn.Parameter(torch.eye(6) + 0.1)
        self.head = nn.Linear(6, 1)

    def forward(self, x):
        h = torch.cat([self.a(x), self.b(x)], dim=-1)
        h.relu_()  # in place
        h = h @ self.mix.T  # a property that is an op
        return self.head(h * 2).squeeze(-1)


def _scalar():
    return trace_training_step(ScalarModel(), torch.tensor([1.1]), torch.tensor([1.0]),
                               scalar_loss, scenario="scalar")


def _simplenet():
    net, criterion, optimizer, inputs, labels = make_simple_net_training()
    return trace_training_step(net, inputs, labels, criterion, optimizer=optimizer)


def _gpt():
    torch.manual_seed(0)
    model = GPTModel(get_preset("micro"))
    ids = torch.randint(0, 50257, (1, 8), generator=torch.Generator().manual_seed(1))
    return trace_training_step(model, ids, ids.roll(-1, 1), _gpt_loss)


def _own():
    torch.manual_seed(0)
    return trace_training_step(OwnNet(), torch.randn(5, 4), torch.randn(5), F.mse_loss)


BUILDERS = {"scalar": _scalar, "simplenet": _simplenet, "gpt": _gpt, "own": _own}


@pytest.fixture(scope="module", params=list(BUILDERS))
def traced(request):
    return request.param, BUILDERS[request.param]()


def test_every_backward_node_is_linked_to_its_forward_op_and_module(traced):
    _, trace = traced
    fwd, bwd = trace.forward_graph, trace.backward_graph
    assert bwd.number_of_nodes() > 0
    for nid, data in bwd.nodes(data=True):
        assert data["kind"] == BACKWARD
        assert data["forward"] in fwd, f"{nid} {data['op']} is not linked"
        fdata = fwd.nodes[data["forward"]]
        assert data["module"] == fdata["module"]
        if data["op"] == "AccumulateGrad":
            assert fdata["kind"] == PARAMETER and fdata["param_name"] == data["param_name"]
        else:
            assert fdata["kind"] in (FORWARD, LOSS)
    # The op that produced each node's output reports that node's class as its grad_fn.
    for step in trace.backward_steps:
        assert step.forward_node_id == bwd.nodes[step.node_id]["forward"]


def test_gpt_nodes_carry_module_paths():
    trace = _gpt()
    modules = {d["module"] for _, d in trace.backward_graph.nodes(data=True)}
    assert {"trf_blocks.0.att.W_query", "trf_blocks.1.ff.layers.0", "tok_emb", "out_head",
            "loss"} <= modules
    ops = [op.op for op in trace.forward_ops if op.module == "trf_blocks.0.att"]
    # The explicit, teachable attention path: scores -> mask -> softmax -> context.
    for name in ("matmul", "masked_fill", "softmax"):
        assert name in ops
    linear = next(op for op in trace.forward_ops if op.module == "trf_blocks.0.att.W_query")
    assert linear.op == "linear" and linear.output_shapes == [(1, 8, 64)]
    assert linear.input_shapes == [(1, 8, 64), (64, 64)]


def test_recorded_order_is_a_valid_autograd_order(traced):
    _, trace = traced
    bwd = trace.backward_graph
    order = [s.node_id for s in trace.backward_steps]
    assert len(order) == len(set(order)) == bwd.number_of_nodes()  # every node exactly once
    pos = {nid: i for i, nid in enumerate(order)}
    for u, v in bwd.edges:  # u sends gradient to v: u must run first
        assert pos[u] < pos[v]
    assert order[0] == bwd.graph["root"]
    assert all(bwd.nodes[n]["order"] == i for i, n in enumerate(order))


def test_recorded_gradients_match_autograd():
    net, criterion, optimizer, inputs, labels = make_simple_net_training()
    trace = trace_training_step(net, inputs, labels, criterion)
    acc = {s.param_name: s for s in trace.backward_steps if s.name == "AccumulateGrad"}
    assert set(acc) == {n for n, _ in net.named_parameters()}
    for name, p in net.named_parameters():  # grads left as autograd produced them
        got = acc[name].grad_in[0]
        assert got.shape == tuple(p.shape)
        torch.testing.assert_close(torch.from_numpy(got.values).float(), p.grad)
        assert got.norm == pytest.approx(p.grad.norm().item(), rel=1e-5)
    relu = next(s for s in trace.backward_steps if s.name == "ReluBackward0")
    assert relu.grad_in[0].shape == (1, 5) and relu.grad_out[0].shape == (1, 5)


def test_forward_graph_sources_and_edges(traced):
    name, trace = traced
    fwd = trace.forward_graph
    kinds = nx.get_node_attributes(fwd, "kind")
    sources = [n for n in fwd if fwd.in_degree(n) == 0]
    assert all(kinds[n] in (INPUT, PARAMETER) or fwd.nodes[n]["op"] in ("arange",) for n in sources)
    assert sum(1 for k in kinds.values() if k == LOSS) == 1
    loss_node = fwd.graph["loss_node"]
    assert kinds[loss_node] == LOSS and fwd.out_degree(loss_node) == 0
    assert nx.is_directed_acyclic_graph(fwd)
    # every tensor an op reads came from a traced op, an input, a parameter or a buffer
    assert not [n for n, d in fwd.nodes(data=True) if d["label"] == "constant"]
    if name == "own":
        assert "T" in [op.op for op in trace.forward_ops]
    for op in trace.forward_ops:
        assert fwd.nodes[op.node_id]["order"] == op.index
        assert fwd.nodes[op.node_id]["shapes"] == op.output_shapes
    assert trace.forward_ops[-1].output_shapes == [()]


def test_tracing_leaves_no_hooks_and_restores_attention_flag():
    torch.manual_seed(0)
    model = GPTModel(get_preset("micro"))
    ids = torch.randint(0, 50257, (1, 4))
    trace_training_step(model, ids, ids, _gpt_loss, explicit_attention=True)
    assert not any(att.explicit for att in model.attention_modules())
    assert not torch.nn.modules.module._global_forward_hooks
    assert not torch.nn.modules.module._global_forward_pre_hooks
    # A second trace gives the same graph (nothing accumulated between calls).
    a = trace_training_step(model, ids, ids, _gpt_loss)
    b = trace_training_step(model, ids, ids, _gpt_loss)
    assert a.backward_graph.number_of_nodes() == b.backward_graph.number_of_nodes()
    assert [s.name for s in a.backward_steps] == [s.name for s in b.backward_steps]


def test_build_backward_graph_alone():
    net, criterion, _, inputs, labels = make_simple_net_training()
    loss = criterion(net(inputs), labels)
    g = build_backward_graph(loss, net)
    params = {d["param_name"] for _, d in g.nodes(data=True) if d["op"] == "AccumulateGrad"}
    assert params == {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}
    assert all(n.startswith("b") for n in g)
    assert g.nodes[g.graph["root"]]["op"] == "BinaryCrossEntropyBackward0"
    with pytest.raises(ValueError, match="grad_fn"):
        build_backward_graph(torch.tensor(1.0))
