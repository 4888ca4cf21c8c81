"""Hugging Face GPT-2 folders map onto GPTModel with the same logits."""
import json

import pytest
import torch
import transformers  # in the `test` extra: the reference implementation
from safetensors.torch import load_file, save_file

from engine.checkpoint import CheckpointError, load_any
from engine.hf_import import gpt_config_from_hf, load_hf_gpt2

HF_KW = dict(n_embd=64, n_layer=2, n_head=4, n_positions=64, vocab_size=50257)


@pytest.fixture(scope="module")
def hf_folder(tmp_path_factory):
    torch.manual_seed(0)
    hf = transformers.GPT2LMHeadModel(transformers.GPT2Config(**HF_KW)).eval()
    with torch.no_grad():  # random LayerNorm and biases too, so a swapped mapping shows
        for name, p in hf.named_parameters():
            if "ln_" in name or name.endswith("bias"):
                p.normal_(0, 0.5)
    path = tmp_path_factory.mktemp("hf") / "gpt2-tiny"
    hf.save_pretrained(path)  # safetensors: the default in transformers >= 4.35
    assert (path / "model.safetensors").exists()
    return path, hf


def _ids():
    return torch.randint(0, 50257, (2, 24), generator=torch.Generator().manual_seed(3))


def _assert_same_logits(model, hf):
    with torch.no_grad():
        ours = model(_ids())
        theirs = hf(_ids()).logits
    assert ours.shape == theirs.shape == (2, 24, 50257)
    torch.testing.assert_close(ours, theirs, atol=1e-5, rtol=1e-5)


def test_import_matches_transformers_logits(hf_folder):
    path, hf = hf_folder
    model, cfg = load_hf_gpt2(path)
    assert cfg.to_dict() == {"vocab_size": 50257, "context_length": 64, "emb_dim": 64, "n_heads": 4,
                             "n_layers": 2, "drop_rate": 0.1, "qkv_bias": True}
    assert model.tie_weights and model.out_head.weight is model.tok_emb.weight
    assert not model.training
    _assert_same_logits(model, hf)
    model2, cfg2 = load_any(path)  # load_any recognises the Hugging Face folder
    assert cfg2 == cfg
    _assert_same_logits(model2, hf)


def test_keys_without_prefix_and_untied_head(hf_folder, tmp_path):
    path, hf = hf_folder
    tensors = load_file(str(path / "model.safetensors"))
    bare = {k.removeprefix("transformer."): v.contiguous() for k, v in tensors.items()}
    head = torch.randn(50257, 64, generator=torch.Generator().manual_seed(5))
    bare["lm_head.weight"] = head
    (tmp_path / "config.json").write_text((path / "config.json").read_text())
    save_file(bare, str(tmp_path / "model.safetensors"))
    model, _ = load_hf_gpt2(tmp_path)
    assert not model.tie_weights and torch.equal(model.out_head.weight, head)
    with torch.no_grad():
        hf_untied = transformers.GPT2LMHeadModel(transformers.GPT2Config(**HF_KW, tie_word_embeddings=False)).eval()
        hf_untied.load_state_dict({**hf.state_dict(), "lm_head.weight": head})
    _assert_same_logits(model, hf_untied)


def _problems(path) -> str:
    with pytest.raises(CheckpointError) as info:
        load_hf_gpt2(path)
    assert info.value.problems
    return "\n".join(info.value.problems)


def test_bad_hf_folders(hf_folder, tmp_path):
    path, _ = hf_folder
    meta = json.loads((path / "config.json").read_text())
    tensors = load_file(str(path / "model.safetensors"))

    (tmp_path / "config.json").write_text(json.dumps({**meta, "n_layer": 3}))
    save_file(tensors, str(tmp_path / "model.safetensors"))
    assert "lacks 'h.2.attn.c_attn.weight'" in _problems(tmp_path)

    (tmp_path / "config.json").write_text(json.dumps({**meta, "n_embd": 128}))
    assert "'wte.weight' has shape (50257, 64), expected (50257, 128)" in _problems(tmp_path)

    (tmp_path / "config.json").write_text(json.dumps({**meta, "activation_function": "relu"}))
    assert "activation_function 'relu'" in _problems(tmp_path)

    (tmp_path / "config.json").write_text(json.dumps({**meta, "n_head": 5}))
    assert "not divisible by n_heads 5" in _problems(tmp_path)

    del meta["n_embd"]
    (tmp_path / "config.json").write_text(json.dumps(meta))
    assert "lacks 'n_embd'" in _problems(tmp_path)


def test_hf_config_without_weights_or_with_pickle_only(hf_folder, tmp_path):
    path, _ = hf_folder
    (tmp_path / "config.json").write_text((path / "config.json").read_text())
    assert "model.safetensors" in _problems(tmp_path)
    torch.save({"wte.weight": torch.zeros(2)}, tmp_path / "pytorch_model.bin")
    assert "never unpickles" in _problems(tmp_path)


def test_config_mapping_reads_drop_rate_and_rejects_odd_attention():
    meta = {"model_type": "gpt2", "n_embd": 64, "n_layer": 1, "n_head": 4, "n_positions": 32,
            "vocab_size": 50257, "resid_pdrop": 0.25}
    assert gpt_config_from_hf(meta).drop_rate == 0.25
    with pytest.raises(CheckpointError, match="scale_attn_by_inverse_layer_idx"):
        gpt_config_from_hf({**meta, "scale_attn_by_inverse_layer_idx": True})


def test_sharded_weights_with_index(hf_folder, tmp_path):
    path, hf = hf_folder
    tensors = load_file(str(path / "model.safetensors"))
    keys = sorted(tensors)
    shards = {"model-00001-of-00002.safetensors": keys[: len(keys) // 2],
              "model-00002-of-00002.safetensors": keys[len(keys) // 2:]}
    weight_map = {}
    for shard, names in shards.items():
        save_file({k: tensors[k].contiguous() for k in names}, str(tmp_path / shard))
        weight_map.update({k: shard for k in names})
    (tmp_path / "model.safetensors.index.json").write_text(json.dumps({"weight_map": weight_map}))
    (tmp_path / "config.json").write_text((path / "config.json").read_text())
    model, _ = load_hf_gpt2(tmp_path)
    _assert_same_logits(model, hf)
