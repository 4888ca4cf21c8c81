"""The source material's scalar example, recorded: forward values, gradients and the
chain-rule factors derived from the recorded gradients (checked against the hand-computed
chain rule), plus the optimizer-update preview."""
import pytest
import torch

from engine.models.scalar import ScalarModel, chain_rule, scalar_loss
from engine.models.simple_net import make_simple_net_training
from engine.tracing.trace_step import trace_training_step


@pytest.fixture(scope="module")
def scalar_trace():
    model = ScalarModel()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    trace = trace_training_step(model, torch.tensor([1.1]), torch.tensor([1.0]), scalar_loss,
                                optimizer=opt, scenario="scalar")
    return model, trace


def test_forward_values(scalar_trace):
    _, trace = scalar_trace
    ref = chain_rule()
    values = {op.op: float(op.value.values.reshape(-1)[0]) for op in trace.forward_ops}
    assert values["add"] == pytest.approx(ref.z, rel=1e-6)  # z = 2.42
    assert values["sigmoid"] == pytest.approx(ref.a, rel=1e-6)  # a = 0.9183
    assert values["binary_cross_entropy"] == pytest.approx(ref.loss, rel=1e-5)  # L = 0.0852
    assert trace.loss == pytest.approx(0.085188, abs=1e-6)


def test_backward_order_and_chain_rule(scalar_trace):
    model, trace = scalar_trace
    ref = chain_rule()
    names = [s.name for s in trace.backward_steps]
    assert names[:3] == ["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0"]
    assert sorted(names) == sorted(["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0",
                                    "MulBackward0", "AccumulateGrad", "AccumulateGrad"])
    chain = {s.name if s.name != "AccumulateGrad" else f"acc:{s.param_name}": s.chain
             for s in trace.backward_steps}
    approx = lambda v: pytest.approx(v, rel=1e-5)  # noqa: E731
    assert chain["BinaryCrossEntropyBackward0"] == {"dL/da": approx(ref.dL_da)}
    assert chain["SigmoidBackward0"] == {"da/dz": approx(ref.da_dz), "dL/dz": approx(ref.dL_da * ref.da_dz)}
    assert chain["MulBackward0"] == {"dz/dw": approx(ref.dz_dw), "dL/dw": approx(ref.dL_dw)}
    assert chain["AddBackward0"] == {"dz/db": approx(ref.dz_db), "dL/db": approx(ref.dL_db)}
    assert chain["acc:w"] == {"w.grad": approx(ref.dL_dw)}
    assert chain["acc:b"] == {"b.grad": approx(ref.dL_db)}
    # Reference numbers from the source material.
    assert chain["acc:w"]["w.grad"] == pytest.approx(-0.0898, abs=1e-4)
    assert chain["acc:b"]["b.grad"] == pytest.approx(-0.0817, abs=1e-4)
    assert model.w.grad.item() == pytest.approx(ref.dL_dw, rel=1e-5)


def test_chain_follows_edited_inputs():
    """Not hard-coded: other x, y, w, b give the chain rule of those values."""
    model = ScalarModel(w=-0.7, b=0.3)
    trace = trace_training_step(model, torch.tensor([2.0]), torch.tensor([0.0]), scalar_loss)
    ref = chain_rule(x=2.0, y=0.0, w=-0.7, b=0.3)
    mul = next(s for s in trace.backward_steps if s.name == "MulBackward0")
    assert mul.chain["dz/dw"] == pytest.approx(2.0, rel=1e-6)
    assert mul.chain["dL/dw"] == pytest.approx(ref.dL_dw, rel=1e-5)


def test_update_preview_matches_real_step_and_leaves_model_alone(scalar_trace):
    model, trace = scalar_trace
    updates = {u.param_name: u for u in trace.updates}
    assert set(updates) == {"w", "b"}
    assert model.w.item() == pytest.approx(2.2)  # not stepped
    ref = chain_rule()
    assert updates["w"].delta.values[0] == pytest.approx(-0.1 * ref.dL_dw, rel=1e-5)
    assert updates["w"].new.values[0] == pytest.approx(2.2 - 0.1 * ref.dL_dw, rel=1e-6)


def test_update_preview_with_adamw_state_untouched():
    net, criterion, _, inputs, labels = make_simple_net_training()
    opt = torch.optim.AdamW(net.parameters(), lr=0.01)
    for _ in range(2):  # give the optimizer some state
        opt.zero_grad()
        criterion(net(inputs), labels).backward()
        opt.step()
    state_before = [{n: t.clone() for n, t in s.items()} for s in opt.state.values()]
    trace = trace_training_step(net, inputs, labels, criterion, optimizer=opt)
    for before, after in zip(state_before, opt.state.values()):  # the preview left it alone
        for name, t in before.items():
            assert torch.equal(t, after[name])
    expected = {n: p.detach().clone() for n, p in net.named_parameters()}
    opt.step()  # the real step must land exactly where the preview said
    for u in trace.updates:
        assert u.new.values == pytest.approx(
            dict(net.named_parameters())[u.param_name].detach().numpy(), rel=1e-6, abs=1e-7)
        assert u.old.values == pytest.approx(expected[u.param_name].numpy())


@pytest.mark.parametrize("key", ["scalar", "simplenet"])
def test_trace_scenario(key):
    from engine.scenarios import make_scenario
    from engine.tracing.trace_step import trace_scenario
    scenario = make_scenario(key, device="cpu")
    before = [p.detach().clone() for p in scenario.model.parameters()]
    trace = trace_scenario(scenario)
    assert trace.scenario == key and trace.updates  # the scenario's optimizer, previewed
    assert all(torch.equal(a, b) for a, b in zip(before, scenario.model.parameters()))
    if key == "scalar":
        acc_w = next(s for s in trace.backward_steps if s.param_name == "w")
        assert acc_w.chain == {"w.grad": pytest.approx(chain_rule().dL_dw, rel=1e-5)}
