"""Checkpoint folders: exact round trips, optimizer state, and clear messages for bad input."""
import json
import pickle

import pytest
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

from engine.checkpoint import (CONFIG_FILE, MODEL_FILE, OPTIMIZER_FILE, OPTIMIZER_JSON,
                               CheckpointError, checkpoint_files, load_any, load_checkpoint,
                               restore_optimizer, save_checkpoint)
from engine.errors import UserError
from engine.models.gpt import GPTModel
from engine.presets import get_preset

CFG = get_preset("micro").replace(n_layers=1, context_length=16, emb_dim=32, n_heads=2)


def _model(tie=False, seed=0):
    torch.manual_seed(seed)
    return GPTModel(CFG, tie_weights=tie).eval()


def _ids():
    return torch.randint(0, CFG.vocab_size, (2, 8), generator=torch.Generator().manual_seed(1))


def _train_step(model, opt, ids):
    model.train()
    logits = model(ids)
    loss = F.cross_entropy(logits.flatten(0, 1), ids.flatten())
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.detach()


@pytest.mark.parametrize("tie", [False, True])
def test_round_trip_gives_identical_logits(tmp_path, tie):
    model = _model(tie)
    save_checkpoint(tmp_path / "ck", model, CFG, train_state={"step": 7, "losses": [1.5, 1.25]})
    ck = load_checkpoint(tmp_path / "ck")
    assert ck.cfg == CFG and ck.tie_weights is tie and ck.optimizer_state is None
    assert ck.train_state == {"step": 7, "losses": [1.5, 1.25]}
    assert not ck.model.training
    with torch.no_grad():
        assert torch.equal(model(_ids()), ck.model(_ids()))
    if tie:  # still one shared tensor, not two copies
        assert ck.model.out_head.weight is ck.model.tok_emb.weight
    meta = json.loads((checkpoint_files(tmp_path / "ck") / CONFIG_FILE).read_text())
    assert meta["format"] == "backprop-studio" and meta["version"] == 1 and meta["tie_weights"] is tie
    model2, cfg2 = load_any(tmp_path / "ck")
    with torch.no_grad():
        assert torch.equal(model(_ids()), model2(_ids())) and cfg2 == CFG


def test_adamw_state_round_trip_and_training_continues(tmp_path):
    ids = _ids()
    model = _model()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.8, 0.95), weight_decay=0.05)
    for _ in range(2):
        _train_step(model, opt, ids)
    save_checkpoint(tmp_path / "ck", model, CFG, optimizer=opt, train_state={"step": 2})
    files = checkpoint_files(tmp_path / "ck")
    assert (files / OPTIMIZER_FILE).exists() and (files / OPTIMIZER_JSON).exists()

    ck = load_checkpoint(tmp_path / "ck")
    opt2 = torch.optim.AdamW(ck.model.parameters(), lr=0.5)  # hyper-parameters come from the file
    restore_optimizer(opt2, ck.optimizer_state)
    saved, loaded = opt.state_dict(), opt2.state_dict()
    assert loaded["param_groups"] == saved["param_groups"]
    assert opt2.param_groups[0]["betas"] == (0.8, 0.95) and opt2.param_groups[0]["lr"] == 1e-3
    assert saved["state"].keys() == loaded["state"].keys()
    for i, entries in saved["state"].items():
        for name in ("exp_avg", "exp_avg_sq", "step"):
            assert torch.equal(entries[name], loaded["state"][i][name]), (i, name)

    # Both copies take the same next step: the resumed run continues the original exactly.
    loss_a = _train_step(model, opt, ids)
    loss_b = _train_step(ck.model, opt2, ids)
    assert torch.equal(loss_a, loss_b)
    for (name, p), q in zip(model.named_parameters(), ck.model.parameters()):
        assert torch.equal(p, q), name


def test_sgd_state_with_none_momentum_round_trips(tmp_path):
    model = _model()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    _train_step(model, opt, _ids())
    save_checkpoint(tmp_path / "ck", model, CFG, optimizer=opt)
    ck = load_checkpoint(tmp_path / "ck")
    opt2 = torch.optim.SGD(ck.model.parameters(), lr=0.1)
    restore_optimizer(opt2, ck.optimizer_state)
    assert opt2.param_groups[0]["lr"] == 0.01


def test_saving_without_optimizer_removes_a_stale_one(tmp_path):
    model = _model()
    opt = torch.optim.AdamW(model.parameters())
    save_checkpoint(tmp_path / "ck", model, CFG, optimizer=opt)
    save_checkpoint(tmp_path / "ck", model, CFG)
    assert load_checkpoint(tmp_path / "ck").optimizer_state is None


def test_optimizer_that_does_not_fit_gives_message(tmp_path):
    model = _model()
    opt = torch.optim.AdamW(model.parameters())
    _train_step(model, opt, _ids())
    save_checkpoint(tmp_path / "ck", model, CFG, optimizer=opt)
    ck = load_checkpoint(tmp_path / "ck")
    other = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(3))])
    with pytest.raises(CheckpointError, match="does not fit this optimizer"):
        restore_optimizer(other, ck.optimizer_state)


def test_train_state_must_be_json(tmp_path):
    with pytest.raises(CheckpointError, match="train_state"):
        save_checkpoint(tmp_path / "ck", _model(), CFG, train_state={"t": torch.zeros(1)})


# --------------------------------------------------------------------------- bad input

@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "ck"
    save_checkpoint(path, _model(), CFG)
    return path


def _problems(path, loader=load_checkpoint) -> str:
    with pytest.raises(CheckpointError) as info:
        loader(path)
    assert info.value.problems and all(isinstance(p, str) and p for p in info.value.problems)
    assert isinstance(info.value, UserError)  # the CLI prints these plainly, exit 2
    return "\n".join(info.value.problems)


def test_missing_folder(tmp_path):
    assert "does not exist" in _problems(tmp_path / "nowhere")
    assert "does not exist" in _problems(tmp_path / "nowhere", load_any)


def test_missing_files(saved):
    (checkpoint_files(saved) / MODEL_FILE).unlink()
    assert MODEL_FILE in _problems(saved)
    (checkpoint_files(saved) / CONFIG_FILE).unlink()
    assert CONFIG_FILE in _problems(saved)


def test_half_an_optimizer_state(saved):
    (checkpoint_files(saved) / OPTIMIZER_JSON).write_text("{}")
    msg = _problems(saved)
    assert OPTIMIZER_JSON in msg and OPTIMIZER_FILE in msg


def test_corrupt_safetensors(saved):
    (checkpoint_files(saved) / MODEL_FILE).write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all")
    assert "not a readable safetensors file" in _problems(saved)
    (checkpoint_files(saved) / MODEL_FILE).write_bytes(b"")
    assert MODEL_FILE in _problems(saved)


def test_truncated_safetensors(saved):
    data = (checkpoint_files(saved) / MODEL_FILE).read_bytes()
    (checkpoint_files(saved) / MODEL_FILE).write_bytes(data[: len(data) // 2])
    assert MODEL_FILE in _problems(saved)


def test_corrupt_optimizer_json(saved, tmp_path):
    model = _model()
    save_checkpoint(saved, model, CFG, optimizer=torch.optim.AdamW(model.parameters()))
    (checkpoint_files(saved) / OPTIMIZER_JSON).write_text("{ nope")
    assert OPTIMIZER_JSON in _problems(saved)
    (checkpoint_files(saved) / OPTIMIZER_JSON).write_text(json.dumps({"state": {"0": {"exp_avg": {"tensor": "x"}}},
                                                    "param_groups": [{"params": [0]}]}))
    assert "lacks tensor 'x'" in _problems(saved)


def test_pickle_files_are_refused_not_loaded(tmp_path, saved):
    marker = tmp_path / "pwned"

    class Evil:  # unpickling this would create `marker`
        def __reduce__(self):
            return (open, (str(marker), "w"))

    pkl = tmp_path / "model.pt"
    pkl.write_bytes(pickle.dumps(Evil(), protocol=2))
    assert "never unpickles" in _problems(pkl)
    assert "never unpickles" in _problems(pkl, load_any)
    # A pickle under the safetensors name, and a folder with only pytorch_model.bin.
    (checkpoint_files(saved) / MODEL_FILE).write_bytes(pickle.dumps(Evil(), protocol=2))
    assert "never unpickles" in _problems(saved)
    (checkpoint_files(saved) / MODEL_FILE).unlink()
    (checkpoint_files(saved) / "pytorch_model.bin").write_bytes(pickle.dumps(Evil(), protocol=4))
    assert "never unpickles" in _problems(saved)
    torch.save({"w": torch.zeros(2)}, tmp_path / "zip.pt")
    assert "never unpickles" in _problems(tmp_path / "zip.pt")
    assert not marker.exists()


def test_config_json_problems(saved):
    cfg_file = checkpoint_files(saved) / CONFIG_FILE
    meta = json.loads(cfg_file.read_text())
    cfg_file.write_text("{ broken")
    assert "not valid JSON" in _problems(saved)
    cfg_file.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in _problems(saved)
    cfg_file.write_text("[1, 2]")
    assert "JSON object" in _problems(saved)
    cfg_file.write_text(json.dumps({**meta, "format": "other"}))
    assert "format" in _problems(saved)
    cfg_file.write_text(json.dumps({**meta, "version": 99}))
    assert "version 99" in _problems(saved)
    cfg_file.write_text(json.dumps({**meta, "model": {**meta["model"], "emb_dim": 33}}))
    assert "emb_dim 33 is not divisible by n_heads 2" in _problems(saved)
    cfg_file.write_text(json.dumps({**meta, "model": {**meta["model"], "n_layer": 2}}))
    msg = _problems(saved)
    assert "Unknown key 'n_layer'" in msg and "n_layers" in msg
    cfg_file.write_text(json.dumps({**meta, "tie_weights": "yes"}))
    assert "tie_weights" in _problems(saved)
    cfg_file.write_text(json.dumps({"format": "something-else"}))
    assert "is not a Backprop Studio checkpoint config" in _problems(saved, load_any)
    other = saved.parent / "other"
    other.mkdir()
    (other / CONFIG_FILE).write_text(json.dumps({"format": "something-else"}))
    assert "neither" in _problems(other, load_any)


def test_weights_that_do_not_match_the_config(saved):
    cfg_file = checkpoint_files(saved) / CONFIG_FILE
    meta = json.loads(cfg_file.read_text())
    cfg_file.write_text(json.dumps({**meta, "model": {**meta["model"], "emb_dim": 64}}))
    msg = _problems(saved)
    assert "'tok_emb.weight' has shape (50257, 32), but the config needs (50257, 64)" in msg
    cfg_file.write_text(json.dumps({**meta, "model": {**meta["model"], "n_layers": 2}}))
    msg = _problems(saved)
    assert "lacks" in msg and "trf_blocks.1." in msg
    cfg_file.write_text(json.dumps({**meta, "model": {**meta["model"], "qkv_bias": True}}))
    assert "W_query.bias" in _problems(saved)


def test_extra_and_non_float_weights(saved):
    good = load_checkpoint(saved).model.state_dict()
    tensors = {k: v.contiguous() for k, v in good.items()}
    tensors["stray.weight"] = torch.zeros(2)
    save_file(tensors, str(checkpoint_files(saved) / MODEL_FILE))
    assert "stray.weight" in _problems(saved)
    tensors.pop("stray.weight")
    tensors["final_norm.scale"] = torch.ones(CFG.emb_dim, dtype=torch.int64)
    save_file(tensors, str(checkpoint_files(saved) / MODEL_FILE))
    assert "final_norm.scale" in _problems(saved)


def test_saving_onto_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(CheckpointError, match="is a file"):
        save_checkpoint(tmp_path / "f", _model(), CFG)


def test_unusable_device_is_named(saved):
    assert "device 'nonsense'" in _problems(saved, lambda p: load_checkpoint(p, device="nonsense"))
