"""model_info counts and estimates, checked against real models; the `info` subcommand."""
import json

import pytest
import torch
import torch.nn.functional as F

import engine.cli as cli
from engine.info import model_info
from engine.models.gpt import GPTModel
from engine.presets import PRESETS, get_preset


def test_gpt2_124m_reference_numbers():
    info = model_info(get_preset("gpt2-124m"))
    assert info["parameters"] == 163_009_536
    assert info["parameters_without_out_head"] == 124_412_160
    assert round(info["weights_mb_fp32"], 2) == 621.83
    assert info["context"] == 1024 and info["batch_size"] == 2
    # OpenAI's GPT-2: qkv bias and a tied head.
    tied = model_info(get_preset("gpt2-124m").replace(qkv_bias=True), tie_weights=True)
    assert tied["parameters"] == 124_439_808 and tied["by_component"]["out_head"] == 0


@pytest.mark.parametrize("name", list(PRESETS))
def test_components_add_up(name):
    info = model_info(PRESETS[name])
    assert sum(info["by_component"].values()) == info["parameters"]
    assert sum(info["train_memory_parts"].values()) == info["train_memory_bytes"]
    assert info["train_memory_parts"]["weights"] == 4 * info["parameters"]
    assert info["train_memory_parts"]["adam_moments"] == 8 * info["parameters"]


@pytest.mark.parametrize("tie", [False, True])
def test_counts_match_a_real_model(tie):
    cfg = get_preset("micro").replace(qkv_bias=True)
    model = GPTModel(cfg, tie_weights=tie)
    info = model_info(cfg, tie_weights=tie)
    assert info["parameters"] == sum(p.numel() for p in model.parameters())
    parts = info["by_component"]
    assert parts["attention"] == sum(p.numel() for b in model.trf_blocks for p in b.att.parameters())
    assert parts["feed_forward"] == sum(p.numel() for b in model.trf_blocks for p in b.ff.parameters())
    assert parts["norms"] == cfg.n_layers * 4 * cfg.emb_dim
    assert parts["final_norm"] == 2 * cfg.emb_dim
    assert parts["embeddings"] == (cfg.vocab_size + cfg.context_length) * cfg.emb_dim


def test_flops_formula():
    cfg = get_preset("gpt2-124m")
    info = model_info(cfg, context=256)
    # Matmul parameters: everything but the embedding lookups (the untied head stays in).
    matmul = info["parameters"] - (cfg.vocab_size + cfg.context_length) * cfg.emb_dim
    assert info["flops_per_token"] == 6 * matmul + 12 * cfg.n_layers * cfg.emb_dim * 256


def _saved_activation_bytes(cfg, b, T, explicit):
    """Bytes autograd actually saves for backward (parameters excluded), plus the logits."""
    torch.manual_seed(0)
    model = GPTModel(cfg).train()
    model.set_explicit_attention(explicit)
    params = {p.untyped_storage().data_ptr() for p in model.parameters()}
    storages = {}

    def pack(t):
        s = t.untyped_storage()
        if s.data_ptr() not in params:
            storages[s.data_ptr()] = s.nbytes()
        return t

    ids = torch.randint(0, cfg.vocab_size, (b, T))
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        logits = model(ids)
        F.cross_entropy(logits.flatten(0, 1), ids.flatten())
    return sum(storages.values()) + logits.numel() * logits.element_size()


@pytest.mark.parametrize("drop_rate, explicit", [(0.0, False), (0.0, True), (0.1, True)])
def test_activation_estimate_matches_saved_tensors(drop_rate, explicit):
    cfg = get_preset("micro").replace(emb_dim=128, n_heads=4, context_length=128, drop_rate=drop_rate)
    deep, shallow = cfg.replace(n_layers=3), cfg.replace(n_layers=1)
    measured = {c.n_layers: _saved_activation_bytes(c, 2, 128, explicit) for c in (deep, shallow)}
    acts = {c.n_layers: model_info(c, 2, 128, explicit_attention=explicit)["activation_parts"]
            for c in (deep, shallow)}
    # The logits dominate the total, so check the per-block formula on its own: two blocks.
    two_blocks = measured[3] - measured[1]
    estimate = acts[3]["blocks"] - acts[1]["blocks"]
    assert 0.85 < estimate / two_blocks < 1.15, (estimate, two_blocks)
    total = sum(acts[3].values())
    assert 0.9 < total / measured[3] < 1.1, (total, measured[3])


def test_meta_model_costs_nothing_for_gpt2_xl():
    info = model_info(get_preset("gpt2-xl"))
    assert info["parameters"] == 1_637_792_000
    assert info["train_memory_bytes"] > 16 * info["parameters"]


def test_bad_sizes():
    with pytest.raises(ValueError):
        model_info(get_preset("micro"), batch_size=0)


# --------------------------------------------------------------------------- CLI

@pytest.fixture
def run_cli(monkeypatch, capsys):
    # Only this subcommand: the others belong to other modules and are tested there.
    monkeypatch.setattr(cli, "SUBCOMMANDS", ["info"])

    def run(*argv):
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_cli_json(run_cli):
    code, out, err = run_cli("info", "--preset", "gpt2-124m", "--json")
    assert code == 0, err
    assert '"parameters": 163009536' in out
    data = json.loads(out)
    assert data["parameters_without_out_head"] == 124_412_160 and data["name"] == "gpt2-124m"


def test_cli_table(run_cli, tmp_path):
    code, out, _ = run_cli("info", "--preset", "gpt2-124m")
    assert code == 0
    assert "163,009,536" in out and "124,412,160" in out and "621.83 MiB" in out
    assert "batch 2 x 1024" in out
    cfg_file = tmp_path / "gpt.json"
    cfg_file.write_text(json.dumps(get_preset("micro").to_dict()))
    code, out, _ = run_cli("info", "--config", str(cfg_file), "--batch-size", "4", "--context", "32")
    assert code == 0 and "batch 4 x 32" in out and f"{model_info(get_preset('micro'))['parameters']:,}" in out


@pytest.mark.parametrize("argv, message", [
    (["--preset", "gpt2-huge"], "Unknown preset 'gpt2-huge'"),
    (["--config", "/no/such/file.json"], "does not exist"),
    (["--preset", "micro", "--context", "65"], "--context must be between 1"),
    (["--preset", "micro", "--batch-size", "0"], "--batch-size must be greater than 0"),
])
def test_cli_user_errors(run_cli, argv, message):
    code, out, err = run_cli("info", *argv)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_cli_bad_config_file(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**get_preset("micro").to_dict(), "emb_dim": 65, "n_layer": 2}))
    code, _, err = run_cli("info", "--config", str(bad))
    assert code == 2
    assert "emb_dim 65 is not divisible by n_heads 2" in err and "Did you mean 'n_layers'?" in err


def test_cli_needs_a_source(run_cli):
    with pytest.raises(SystemExit) as exc:
        run_cli("info")
    assert exc.value.code == 2
