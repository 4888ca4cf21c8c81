"""Property tests: any checkpoint folder, Hugging Face folder or model config either loads or
gives a plain error (a UserError); never another exception, a hang, or an allocation the
memory estimate did not allow."""
from __future__ import annotations

import json
import os
import shutil
import uuid

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors.torch import save_file

from engine.checkpoint import (CONFIG_FILE, MODEL_FILE, OPTIMIZER_FILE, OPTIMIZER_JSON, POINTER_FILE,
                               checkpoint_files, load_any, load_checkpoint, save_checkpoint)
from engine.config import GPT_INT_RANGES, GPTConfig
from engine.errors import ResourceError, UserError
from engine.memory_check import check_training_fits
from engine.models.gpt import GPTModel
from tests.test_guarded_reads import never_hangs

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
TINY = GPTConfig(vocab_size=50257, context_length=4, emb_dim=2, n_heads=1, n_layers=1,
                 drop_rate=0.0, qkv_bias=False)
FILES = [POINTER_FILE, CONFIG_FILE, MODEL_FILE, OPTIMIZER_JSON, OPTIMIZER_FILE]

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2 ** 70, 2 ** 70),
                         st.floats(allow_nan=True), st.text(max_size=12))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    model = GPTModel(TINY, tie_weights=True)
    opt = torch.optim.AdamW(model.parameters())
    model(torch.zeros(1, 3, dtype=torch.long)).sum().backward()
    opt.step()
    path = tmp_path_factory.mktemp("pristine") / "ck"
    save_checkpoint(path, model, TINY, optimizer=opt, train_state={"step": 1})
    return path


def _fresh_copy(pristine, tmp_path):
    target = tmp_path / uuid.uuid4().hex
    shutil.copytree(pristine, target, symlinks=True)
    return target


def _target(folder, version, name):
    return folder / POINTER_FILE if name == POINTER_FILE else folder / version / name


def _mutate(path, how, data):
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        raw = path.read_bytes()
        path.write_bytes(raw[: data % (len(raw) + 1)])
    elif how == "bytes":
        path.write_bytes(data)
    elif how == "json":
        path.write_text(json.dumps(data, allow_nan=True))
    elif how == "merge":  # change one key of the JSON object the file holds
        meta = json.loads(path.read_text())
        key, value = data
        meta[key] = value
        path.write_text(json.dumps(meta, allow_nan=True))
    elif how == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif how == "folder":
        path.unlink()
        path.mkdir()
    elif how == "dangling":
        path.unlink()
        path.symlink_to(path.parent / "nowhere")


mutations = st.one_of(
    st.tuples(st.just("delete"), st.none()), st.tuples(st.just("truncate"), st.integers(0, 10 ** 6)),
    st.tuples(st.just("bytes"), st.binary(max_size=64)), st.tuples(st.just("json"), json_values),
    st.tuples(st.just("merge"), st.tuples(st.sampled_from(["model", "tie_weights", "train_state",
                                                           "version", "format", "current", "state",
                                                           "param_groups"]), json_values)),
    st.tuples(st.just("fifo"), st.none()), st.tuples(st.just("folder"), st.none()),
    st.tuples(st.just("dangling"), st.none()))


def _loads_or_user_error(fn, *args):
    with never_hangs():
        try:
            return fn(*args)
        except UserError as exc:
            assert exc.messages() and all(isinstance(m, str) and m for m in exc.messages())
            return None


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(FILES), mutations), min_size=1, max_size=3))
def test_any_checkpoint_folder_loads_or_says_why(pristine, tmp_path, changes):
    folder = _fresh_copy(pristine, tmp_path)
    version = checkpoint_files(pristine).name
    for name, (how, data) in changes:
        path = _target(folder, version, name)
        if not (path.is_file() and not path.is_symlink()):
            continue  # an earlier change already removed or replaced it
        try:
            _mutate(path, how, data)
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
            continue  # "merge" on a file that no longer holds a JSON object
    ck = _loads_or_user_error(load_checkpoint, folder)
    if ck is not None:
        assert isinstance(ck.cfg, GPTConfig) and ck.model.cfg == ck.cfg
    _loads_or_user_error(load_any, folder)
    shutil.rmtree(folder)


HF_KEYS = {"model_type": "gpt2", "n_embd": 2, "n_layer": 1, "n_head": 1, "vocab_size": 50257,
           "n_positions": 4}


def _hf_tensors(d=2, vocab=50257, positions=4):
    zeros = torch.zeros
    tensors = {"wte.weight": zeros(vocab, d), "wpe.weight": zeros(positions, d),
               "ln_f.weight": zeros(d), "ln_f.bias": zeros(d)}
    for name, shape in (("ln_1.weight", (d,)), ("ln_1.bias", (d,)), ("ln_2.weight", (d,)),
                        ("ln_2.bias", (d,)), ("attn.c_attn.weight", (d, 3 * d)),
                        ("attn.c_attn.bias", (3 * d,)), ("attn.c_proj.weight", (d, d)),
                        ("attn.c_proj.bias", (d,)), ("mlp.c_fc.weight", (d, 4 * d)),
                        ("mlp.c_fc.bias", (4 * d,)), ("mlp.c_proj.weight", (4 * d, d)),
                        ("mlp.c_proj.bias", (d,))):
        tensors[f"h.0.{name}"] = zeros(shape)
    return tensors


@SETTINGS
@given(st.dictionaries(st.sampled_from(list(HF_KEYS) + ["n_inner", "activation_function",
                                                        "layer_norm_epsilon", "resid_pdrop",
                                                        "scale_attn_weights", "n_ctx"]),
                       json_values, max_size=4),
       st.sets(st.sampled_from(sorted(_hf_tensors())), max_size=3),
       st.sampled_from(["model", "index", "none"]))
def test_any_hugging_face_folder_loads_or_says_why(tmp_path, changes, dropped, weights):
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    (folder / CONFIG_FILE).write_text(json.dumps({**HF_KEYS, **changes}, allow_nan=True))
    tensors = {k: v for k, v in _hf_tensors().items() if k not in dropped}
    if weights == "model":
        save_file(tensors, str(folder / MODEL_FILE))
    elif weights == "index":
        save_file(tensors, str(folder / "part-1.safetensors"))
        (folder / "model.safetensors.index.json").write_text(json.dumps(
            {"weight_map": {k: "part-1.safetensors" for k in tensors}}))
    loaded = _loads_or_user_error(load_any, folder)
    if loaded is not None:
        assert not dropped and weights != "none"
    shutil.rmtree(folder)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.fixed_dictionaries({key: st.integers(low, min(high, 4096) if key != "vocab_size" else high)
                              for key, (low, high) in GPT_INT_RANGES.items()}),
       st.integers(1, 4096))
def test_every_valid_size_gets_an_estimate_or_a_refusal(sizes, batch):
    sizes = {**sizes, "vocab_size": max(sizes["vocab_size"], 50257),
             "emb_dim": sizes["n_heads"] * max(sizes["emb_dim"] // sizes["n_heads"], 1)}
    cfg = GPTConfig.from_dict({**sizes, "drop_rate": 0.0, "qkv_bias": False})
    try:
        needed = check_training_fits(cfg, batch, min(64, cfg.context_length), "cpu")
    except ResourceError as exc:
        assert "needs about" in exc.messages()[0]
        return
    assert needed >= 4 * 4 * cfg.vocab_size * cfg.emb_dim  # at least the embedding, trained
