"""Presets ship as JSON in the resources package and match the source material."""
import json
from importlib import resources

import pytest

from engine.config import ConfigError
from engine.presets import DEFAULT_PRESET, PRESETS, get_preset

GPT_CONFIG_124M = {  # the source material's dict, key for key
    "vocab_size": 50257, "context_length": 1024, "emb_dim": 768, "n_heads": 12,
    "n_layers": 12, "drop_rate": 0.1, "qkv_bias": False,
}


def test_gpt2_124m_is_the_source_materials_config():
    assert get_preset("gpt2-124m").to_dict() == GPT_CONFIG_124M


@pytest.mark.parametrize("name, emb_dim, n_layers, n_heads", [
    ("gpt2-medium", 1024, 24, 16), ("gpt2-large", 1280, 36, 20), ("gpt2-xl", 1600, 48, 25)])
def test_larger_gpt2_presets(name, emb_dim, n_layers, n_heads):
    cfg = get_preset(name)
    assert (cfg.emb_dim, cfg.n_layers, cfg.n_heads) == (emb_dim, n_layers, n_heads)
    assert (cfg.vocab_size, cfg.context_length) == (50257, 1024)


def test_nano_trains_at_interactive_size():
    cfg = get_preset("nano")
    assert DEFAULT_PRESET == "nano"
    assert cfg.vocab_size == 50257 and cfg.context_length <= 128
    assert cfg.emb_dim <= 128 and cfg.n_layers <= 4


def test_presets_come_from_the_shipped_json_files():
    folder = resources.files("resources").joinpath("configs")
    shipped = {f.name.removesuffix(".json"): json.loads(f.read_text(encoding="utf-8"))
               for f in folder.iterdir() if f.name.endswith(".json")}
    assert set(shipped) == set(PRESETS)
    for name, cfg in PRESETS.items():
        assert cfg.to_dict() == shipped[name]


def test_unknown_preset_names_the_choices():
    with pytest.raises(ConfigError) as err:
        get_preset("gpt5")
    message = err.value.messages()[0]
    assert "gpt5" in message and "nano" in message and err.value.problems[0].field is None
