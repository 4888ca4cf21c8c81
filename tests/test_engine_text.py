"""The engine's sentences are translatable without the engine importing Qt: each is an
`engine.text` Text/Template whose (context, template) Qt's lupdate extracts, and whose English
is the sentence the engine always wrote (the command line and the English UI are unchanged)."""
from __future__ import annotations

import ast
import pickle
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engine.config import validate_gpt_dict, validate_train_dict
from engine.errors import ConfigError, UserError
from engine.session.engine_messages import non_finite_message, plain_message
from engine.session.explanations import explain_node, explain_op
from engine.session.position import Phase, Position
from engine.session.session import StudioSession
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from engine.session import outputs as out
from engine.text import JoinedText, Template, Text, join_text, message_of, translate

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    """(context, source) of every message lupdate finds in engine/."""
    from gui.translations import lupdate_program
    ts = tmp_path_factory.mktemp("lupdate") / "engine.ts"
    files = [str(p.relative_to(ROOT)) for p in sorted(ENGINE.rglob("*.py"))]
    subprocess.run([str(lupdate_program()), "-no-obsolete", "-locations", "none", "-silent", *files,
                    "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True, timeout=300)
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), msg.findtext("source"))
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def _templates(value: str) -> list[Template]:
    """Every template a (possibly joined or nested) engine sentence is made of."""
    if isinstance(value, JoinedText):
        return [t for part in value.parts for t in _templates(part)]
    if isinstance(value, Text):
        nested = [t for field in value.fields.values() if isinstance(field, str) for t in _templates(field)]
        return [value.template, *nested]
    if isinstance(value, Template):
        return [value]
    return []


def assert_translatable(value: str, extracted: set[tuple[str, str]], english: str) -> None:
    assert isinstance(value, (Text, JoinedText, Template)), type(value)
    assert str(value) == english
    templates = _templates(value)
    assert templates
    missing = [(t.context, str(t)) for t in templates if (t.context, str(t)) not in extracted]
    assert not missing, f"lupdate does not extract {missing}"


def test_config_problems(extracted):
    problems = validate_gpt_dict({"vocab_size": 50257, "context_length": 8, "emb_dim": 10, "n_heads": 3,
                                  "n_layers": 1, "drop_rate": 0.1, "qkv_bias": "yes"})
    messages = [p.message for p in problems]
    assert_translatable(messages[0], extracted, "emb_dim 10 is not divisible by n_heads 3; each head needs "
                                                "an equal share of the embedding.")
    assert_translatable(messages[1], extracted, "qkv_bias must be true or false, but it is a string ('yes').")
    train = validate_train_dict({"batch_size": 0, "learning_rate": 20, "devise": "cpu"})
    assert [str(p.message) for p in train] == [
        "Unknown key 'devise'. Did you mean 'device'?",
        "batch_size must be greater than 0, but it is 0.",
        "learning_rate must be greater than 0 and at most 10, but it is 20."]
    for problem in train:
        assert_translatable(problem.message, extracted, str(problem.message))


def test_an_exception_keeps_its_translatable_problems(extracted):
    problems = validate_gpt_dict({"emb_dim": 10})
    exc = ConfigError(problems)
    kept = message_of(exc)
    assert isinstance(kept, JoinedText) and kept == str(exc)
    assert list(kept.parts) == exc.messages() and all(isinstance(p, Text) for p in kept.parts)
    one = UserError(translate("session", "Saved weights load into the GPT scenario only."))
    assert_translatable(message_of(one), extracted, "Saved weights load into the GPT scenario only.")
    assert message_of(ValueError("plain")) == "plain"
    again = pickle.loads(pickle.dumps(exc))  # a process boundary keeps the words
    assert str(again) == str(exc) and again.messages() == exc.messages()
    assert isinstance(message_of(again), JoinedText)
    assert pickle.loads(pickle.dumps(kept)).parts == kept.parts


class FakeRecord:
    def __init__(self, step):
        self.step, self.loss, self.grad_norm = step, 5.91, 0.5
        self.tokens_seen, self.tokens_per_s = 122_880, 1210.4
        self.train_loss, self.val_loss, self.lr = 5.91, 6.02, 0.01


def test_status_line_and_position(extracted):
    session = StudioSession(lambda command: None, ScenarioSpec(key=ScenarioKey.GPT))
    session.start()
    session.handle(out.StateReported(1, EngineState.IDLE))
    session.handle(out.StepTrained(1, FakeRecord(120)))
    line = session.status_line()
    assert_translatable(line, extracted, "GPT pretraining · step 120 · tokens 122,880 · loss 5.9100 · "
                                         "train 5.910 · val 6.020 · 1,210 tok/s")
    position = Position(Phase.BACKWARD, 5, 6, 9, 11)
    assert_translatable(position.text(), extracted, "backward 5 of 6")
    assert_translatable(Position(Phase.START, 0, 0, 0, 11).text(), extracted, "before the forward pass")


def test_plain_messages(extracted):
    doing = translate("engine", "training step {step}").format(step=4)
    message = plain_message(ValueError("the batch is empty"), doing)
    assert_translatable(message, extracted, "The engine stopped while training step 4: the batch is empty "
                                            "(ValueError). Press Reset to start over.")
    config = plain_message(ConfigError(validate_gpt_dict({"emb_dim": 10})), doing)
    assert str(config).startswith("Could not finish training step 4: Missing key 'vocab_size'. Missing key")
    assert isinstance(config, Text) and isinstance(config.fields["problems"], JoinedText)
    assert_translatable(non_finite_message(translate("engine", "loss"), float("nan"), 3), extracted,
                        "The loss became nan on step 3, so that update was skipped and training paused. "
                        "Lower the learning rate, or press Reset to start over.")


def test_op_explanations(extracted):
    assert_translatable(explain_op("softmax"), extracted, "The softmax turns each row of scores into attention "
                                                          "weights that are positive and sum to 1.")
    assert_translatable(explain_node("AccumulateGrad"), extracted, "Stores the arriving gradient in the "
                                                                   "parameter's .grad, where the optimizer reads it.")
    backwards = explain_node("SoftmaxBackward0", "softmax", "trf_blocks.0.att")
    assert_translatable(backwards, extracted, "Backwards through: The softmax turns each row of scores into "
                                              "attention weights that are positive and sum to 1.")


def test_every_translate_call_is_one_lupdate_can_read():
    """lupdate reads only string literals: translate("context", "template") with nothing else
    inside (fields come from .format afterwards)."""
    bad = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "translate":
                literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
                if node.keywords or not literal or not 2 <= len(node.args) <= 3:
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad


def test_english_renders_as_the_engine_wrote_it(qapp):
    from gui.i18n import Language, install_language, render
    install_language(qapp, Language.ENGLISH)
    session = StudioSession(lambda command: None, ScenarioSpec(key=ScenarioKey.GPT))
    session.start()
    session.handle(out.StateReported(1, EngineState.IDLE))
    session.handle(out.StepTrained(1, FakeRecord(120)))
    shown = [session.status_line(), Position(Phase.FORWARD, 3, 4, 3, 11).text(),
             plain_message(ValueError("x"), translate("engine", "checking gradients")),
             join_text(" · ", [explain_op("relu"), "emb_dim"])]
    assert [render(s) for s in shown] == [str(s) for s in shown]
