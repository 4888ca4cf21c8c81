"""The source material's scalar example, recorded: forward values, gradients and the
chain-rule factors derived from the recorded gradients (checked against the hand-computed
chain rule), plus the optimizer-update preview."""
import re

import pytest
import torch

from engine.models.scalar import ScalarModel, chain_rule, scalar_loss
from engine.models.simple_net import make_simple_net_training
from engine.tracing.chain import chain_rules
from engine.tracing.trace_step import trace_training_step
from engine.tracing.types import ChainFactor, InputRef, InputRole


def factors(step) -> dict[str, float]:
    """"dz/dw" -> value for every chain factor of a step."""
    return {f"d{f.of}/d{f.wrt}": f.value for f in step.chain}


def step_named(trace, name: str, param: str | None = None):
    return next(s for s in trace.backward_steps if s.name == name and (param is None or s.param_name == param))


@pytest.fixture(scope="module")
def model_and_trace():
    model = ScalarModel()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    trace = trace_training_step(model, torch.tensor([1.1]), torch.tensor([1.0]), scalar_loss,
                                optimizer=opt, scenario="scalar")
    return model, trace


def test_forward_values(model_and_trace):
    _, trace = model_and_trace
    ref = chain_rule()
    values = {op.op: float(op.value.values.reshape(-1)[0]) for op in trace.forward_ops}
    assert values["add"] == pytest.approx(ref.z, rel=1e-6)  # z = 2.42
    assert values["sigmoid"] == pytest.approx(ref.a, rel=1e-6)  # a = 0.9183
    assert values["binary_cross_entropy"] == pytest.approx(ref.loss, rel=1e-5)  # L = 0.0852
    assert trace.loss == pytest.approx(0.085188, abs=1e-6)


def test_backward_order_and_chain_rule(model_and_trace):
    model, trace = model_and_trace
    ref = chain_rule()
    names = [s.name for s in trace.backward_steps]
    assert names[:3] == ["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0"]
    assert sorted(names) == sorted(["BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0",
                                    "MulBackward0", "AccumulateGrad", "AccumulateGrad"])
    chain = {s.name if s.name != "AccumulateGrad" else f"acc:{s.param_name}": factors(s)
             for s in trace.backward_steps}
    approx = lambda v: pytest.approx(v, rel=1e-5)  # noqa: E731
    assert chain["BinaryCrossEntropyBackward0"] == {"dL/da": approx(ref.dL_da)}
    assert chain["SigmoidBackward0"] == {"da/dz": approx(ref.da_dz), "dL/dz": approx(ref.dL_da * ref.da_dz)}
    assert chain["MulBackward0"] == {"dz/dw": approx(ref.dz_dw), "dL/dw": approx(ref.dL_dw)}
    assert chain["AddBackward0"] == {"dz/db": approx(ref.dz_db), "dL/db": approx(ref.dL_db)}
    assert chain["acc:w"] == {"dL/dw": approx(ref.dL_dw)}
    assert chain["acc:b"] == {"dL/db": approx(ref.dL_db)}
    # Reference numbers from the source material.
    assert chain["acc:w"]["dL/dw"] == pytest.approx(-0.0898, abs=1e-4)
    assert chain["acc:b"]["dL/db"] == pytest.approx(-0.0817, abs=1e-4)
    assert model.w.grad.item() == pytest.approx(ref.dL_dw, rel=1e-5)


def test_chain_follows_edited_inputs():
    """Not hard-coded: other x, y, w, b give the chain rule of those values."""
    model = ScalarModel(w=-0.7, b=0.3)
    trace = trace_training_step(model, torch.tensor([2.0]), torch.tensor([0.0]), scalar_loss)
    ref = chain_rule(x=2.0, y=0.0, w=-0.7, b=0.3)
    mul = next(s for s in trace.backward_steps if s.name == "MulBackward0")
    assert factors(mul)["dz/dw"] == pytest.approx(2.0, rel=1e-6)
    assert factors(mul)["dL/dw"] == pytest.approx(ref.dL_dw, rel=1e-5)


def test_update_preview_matches_real_step_and_leaves_model_alone(model_and_trace):
    model, trace = model_and_trace
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
        assert factors(acc_w) == {"dL/dw": pytest.approx(chain_rule().dL_dw, rel=1e-5)}


def test_chain_factors_are_records_in_the_learners_letters(model_and_trace):
    _, trace = model_and_trace
    mul = step_named(trace, "MulBackward0")
    dz_dw = next(f for f in mul.chain if f.wrt == "w" and not f.is_total)
    assert (dz_dw.of, dz_dw.formula) == ("z", "x")
    assert dz_dw.value == pytest.approx(1.1, abs=1e-4)
    sigmoid = step_named(trace, "SigmoidBackward0")
    assert next(f for f in sigmoid.chain if f.of == "a").formula == "a(1−a)"
    add = step_named(trace, "AddBackward0")
    assert next(f for f in add.chain if f.of == "z").formula == "1"
    bce = step_named(trace, "BinaryCrossEntropyBackward0")
    assert "y/a" in bce.chain[0].formula
    acc_b = step_named(trace, "AccumulateGrad", "b")
    assert len(acc_b.chain) == 1 and acc_b.chain[0].of == "L" and acc_b.chain[0].wrt == "b"
    assert acc_b.chain[0].value == pytest.approx(-0.0817, abs=1e-4)
    assert isinstance(acc_b.chain[0], ChainFactor)


def test_chain_rule_expands_dL_dw_into_four_numbers(model_and_trace):
    _, trace = model_and_trace
    mul = step_named(trace, "MulBackward0")
    rules = {r.wrt: r for r in chain_rules(trace.backward_steps, mul.index)}
    rule = rules["w"]
    assert [(f.of, f.wrt) for f in rule.factors] == [("L", "a"), ("a", "z"), ("z", "w")]
    assert [round(f.value, 4) for f in rule.factors] == [-1.0889, 0.0750, 1.1]
    assert round(rule.value, 4) == -0.0898
    product = rule.factors[0].value * rule.factors[1].value * rule.factors[2].value
    assert product == pytest.approx(rule.value, rel=1e-5)


def test_value_names_and_input_roles_of_the_scalar_example(model_and_trace):
    _, trace = model_and_trace
    names = set(trace.value_names.values())
    assert {"x", "y", "w", "b", "z", "a", "L"} <= names
    mul = step_named(trace, "MulBackward0")
    assert mul.inputs == [InputRef("x", InputRole.DATA), InputRef("w", InputRole.WEIGHT)]
    bce = step_named(trace, "BinaryCrossEntropyBackward0")
    assert bce.inputs == [InputRef("a", InputRole.ACTIVATION), InputRef("y", InputRole.TARGET)]
    add_op = next(op for op in trace.forward_ops if op.op == "add")
    assert add_op.inputs[1] == InputRef("b", InputRole.BIAS)
    assert len(add_op.inputs) == len(add_op.input_shapes)


INTERNAL_ID = (re.compile(r"^[a-z_]+\d+$"), re.compile(r"^[fb]\d+$"))


def _all_names(trace) -> list[str]:
    refs = [r for s in trace.backward_steps for r in s.inputs if r is not None]
    refs += [r for op in trace.forward_ops for r in op.inputs]
    return list(trace.value_names.values()) + [r.name for r in refs]


def test_simplenet_inputs_are_labelled(simplenet_trace):
    steps = [s for s in simplenet_trace.backward_steps if s.name == "AddmmBackward0"]
    fc2 = next(s for s in steps if InputRef("fc2.bias", InputRole.BIAS) in s.inputs)
    assert len(fc2.inputs) == len(fc2.grad_out)
    assert InputRef("fc2.weight", InputRole.WEIGHT) in fc2.inputs
    assert any(r is not None and r.role == InputRole.ACTIVATION for r in fc2.inputs)
    fc1 = next(s for s in steps if s is not fc2)
    assert any(r is not None and r.role == InputRole.DATA for r in fc1.inputs)  # no gradient, still named
    assert simplenet_trace.value_names and all(s.chain == [] for s in steps)  # (1, 5) grads: no factors


@pytest.mark.parametrize("fixture", ["scalar_trace", "simplenet_trace", "micro_trace"])
def test_no_name_is_an_internal_id(fixture, request):
    trace = request.getfixturevalue(fixture)
    names = _all_names(trace)
    assert len(names) > 5
    assert [n for n in names if any(p.match(n) for p in INTERNAL_ID)] == []
    assert set(trace.value_names) == set(trace.forward_graph.nodes)
