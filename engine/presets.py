"""Named model configs: the GPT-2 family and small presets that train on a laptop CPU."""
from __future__ import annotations

from .config import GPTConfig

# GPT_CONFIG_124M from the source material, key for key.
GPT_CONFIG_124M = {
    "vocab_size": 50257,  # vocabulary size of the BPE tokenizer
    "context_length": 1024,  # context length
    "emb_dim": 768,  # embedding dimension
    "n_heads": 12,  # number of attention heads
    "n_layers": 12,  # number of layers
    "drop_rate": 0.1,  # dropout rate: 10%
    "qkv_bias": False,  # query-key-value bias
}

PRESETS: dict[str, GPTConfig] = {
    "gpt2-124m": GPTConfig(**GPT_CONFIG_124M),
    "gpt2-medium": GPTConfig(**{**GPT_CONFIG_124M, "emb_dim": 1024, "n_layers": 24, "n_heads": 16}),
    "gpt2-large": GPTConfig(**{**GPT_CONFIG_124M, "emb_dim": 1280, "n_layers": 36, "n_heads": 20}),
    "gpt2-xl": GPTConfig(**{**GPT_CONFIG_124M, "emb_dim": 1600, "n_layers": 48, "n_heads": 25}),
    # Trains at interactive speed on a 2-core CPU: the loss moves within seconds.
    "nano": GPTConfig(vocab_size=50257, context_length=128, emb_dim=128, n_heads=4, n_layers=4,
                      drop_rate=0.1, qkv_bias=False),
    # Even smaller: for tests and for reading a whole expanded graph.
    "micro": GPTConfig(vocab_size=50257, context_length=64, emb_dim=64, n_heads=2, n_layers=2,
                       drop_rate=0.0, qkv_bias=False),
}

DEFAULT_PRESET = "nano"


def get_preset(name: str) -> GPTConfig:
    from .config import ConfigError
    try:
        return PRESETS[name]
    except KeyError:
        raise ConfigError([f"Unknown preset '{name}'. Choose one of: {', '.join(PRESETS)}."]) from None
