"""Random input never crashes the config loaders: it loads or raises ConfigError with problems."""
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.config import ConfigError, ConfigProblem, GPTConfig, TrainConfig, load_gpt_config

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = (st.none() | st.booleans() | st.integers(-10**30, 10**30)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)

GPT_KEYS = list(GPTConfig().to_dict())
TRAIN_KEYS = list(TrainConfig().to_dict())
# Mostly plausible values, so the cross-key rules (divisibility, context) get exercised too.
plausible = (st.integers(-2, 70000) | st.floats(-1, 2) | st.sampled_from(["cpu", "auto", "default", ""])
             | json_values)


def _mostly(valid, n=6):
    """`valid` about n times in n+1, otherwise any plausible or random JSON value."""
    return st.sampled_from([True] * n + [False]).flatmap(lambda ok: valid if ok else plausible)


# Near-valid dicts reach the "it loads" branch and the cross-key rules; others probe the errors.
near_valid_gpt = st.fixed_dictionaries({
    "vocab_size": _mostly(st.integers(50257, 60000)),
    "context_length": _mostly(st.integers(1, 4096)),
    "emb_dim": _mostly(st.sampled_from([12, 24, 64, 768, 770])),
    "n_heads": _mostly(st.sampled_from([1, 2, 3, 4, 6, 12])),
    "n_layers": _mostly(st.integers(1, 48)),
    "drop_rate": _mostly(st.floats(0, 1, exclude_max=True)),
    "qkv_bias": _mostly(st.booleans()),
}, optional={"n_layer": plausible})


def gpt_dicts():
    base = GPTConfig().to_dict()
    return near_valid_gpt | st.fixed_dictionaries({}, optional={k: plausible for k in GPT_KEYS}).map(
        lambda changes: {**base, **changes}) | st.dictionaries(st.sampled_from(GPT_KEYS + ["n_layer", "x"]),
                                                             plausible, max_size=9)


near_valid_train = st.fixed_dictionaries({}, optional={
    "batch_size": _mostly(st.integers(1, 64)),
    "learning_rate": _mostly(st.floats(1e-6, 10)),
    "max_length": _mostly(st.integers(1, 300)),
    "stride": _mostly(st.integers(1, 300)),
    "train_ratio": _mostly(st.floats(0.01, 0.99)),
    "device": _mostly(st.sampled_from(["auto", "cpu", "cuda", "mps"])),
})


def train_dicts():
    return near_valid_train | st.dictionaries(st.sampled_from(TRAIN_KEYS + ["lr", "steps"]),
                                              plausible, max_size=8)


def loads_or_config_error(fn, *args):
    try:
        result = fn(*args)
    except ConfigError as exc:
        assert exc.problems and all(isinstance(p, ConfigProblem) for p in exc.problems)
        assert all(isinstance(m, str) and m.strip() for m in exc.messages())
        return None
    return result


@SETTINGS
@given(gpt_dicts() | json_values)
def test_gpt_from_dict_never_crashes(data):
    cfg = loads_or_config_error(GPTConfig.from_dict, data)
    if cfg is not None:  # whatever loads is a sane config
        assert cfg.emb_dim % cfg.n_heads == 0 and 0 <= cfg.drop_rate < 1
        assert cfg.vocab_size >= 50257 and isinstance(cfg.qkv_bias, bool)
        assert all(type(getattr(cfg, k)) is int for k in ("emb_dim", "n_heads", "n_layers",
                                                          "context_length", "vocab_size"))


@SETTINGS
@given(train_dicts() | json_values, st.none() | st.builds(
    lambda n: GPTConfig(context_length=n), st.integers(1, 256)))
def test_train_from_dict_never_crashes(data, gpt):
    cfg = loads_or_config_error(TrainConfig.from_dict, data, gpt)
    if cfg is not None:
        assert cfg.batch_size > 0 and cfg.max_length > 0 and 0 < cfg.train_ratio < 1
        assert math.isfinite(cfg.learning_rate)
        if gpt is not None:
            assert cfg.max_length <= gpt.context_length


@SETTINGS
@given(st.one_of(gpt_dicts().map(json.dumps), json_values.map(json.dumps),
                 st.text(max_size=40), st.binary(max_size=40)))
def test_load_gpt_config_file_never_crashes(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "config.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    loads_or_config_error(load_gpt_config, path)
