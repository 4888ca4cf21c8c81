"""The GPT model from the source material, read top to bottom like nanoGPT's model.py.

Names follow the text: emb_dim, n_heads, drop_rate, qkv_bias, W_query, trf_blocks, ...
Shape comments use b = batch size, num_tokens = tokens per sequence.
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..config import GPTConfig


class AttentionCapture:
    """Which attention weights to keep on the next forward pass.

    Attention modules run `scaled_dot_product_attention` (which never returns weights);
    when a capture is armed they also compute the weights on the side (no grad) and store
    the requested slice, so the output is unchanged. The explicit path stores them directly.
    """

    def __init__(self, heads: list[int] | None = None, sample: int = 0):
        self.heads = heads  # None = all heads
        self.sample = sample
        self.weights: torch.Tensor | None = None  # (len(heads), num_tokens, num_tokens)


class MultiHeadAttention(nn.Module):
    def __init__(self, d_in: int, d_out: int, context_length: int, dropout: float,
                 num_heads: int, qkv_bias: bool = False):
        super().__init__()
        assert d_out % num_heads == 0, "d_out must be divisible by num_heads"
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads  # each head gets an equal share of d_out
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)  # combines the heads' outputs
        self.dropout = nn.Dropout(dropout)
        self.register_buffer(
            "mask", torch.triu(torch.ones(context_length, context_length), diagonal=1).bool(),
            persistent=False,
        )
        self.explicit = False  # force the step-by-step path (for teaching graphs)
        self.capture: AttentionCapture | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, num_tokens, d_in = x.shape
        queries = self.W_query(x)  # (b, num_tokens, d_out)
        keys = self.W_key(x)
        values = self.W_value(x)

        # Split d_out into heads: (b, num_tokens, num_heads, head_dim) -> (b, num_heads, num_tokens, head_dim)
        queries = queries.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        keys = keys.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = values.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)

        if self.explicit:
            context_vec = self._explicit_attention(queries, keys, values, num_tokens)
        else:
            # Fused kernel: same math, never materialises the (num_tokens x num_tokens) weights.
            context_vec = F.scaled_dot_product_attention(
                queries, keys, values, attn_mask=None,
                dropout_p=self.dropout.p if self.training else 0.0, is_causal=True,
            )  # (b, num_heads, num_tokens, head_dim)
            if self.capture is not None:
                # Weights on the side, outside autograd, for the requested sample and heads
                # only: the output stays bit-identical and no (b, num_heads, T, T) is made.
                cap = self.capture
                heads = cap.heads if cap.heads is not None else list(range(self.num_heads))
                with torch.no_grad():
                    q = queries[cap.sample, heads].unsqueeze(0)  # (1, len(heads), num_tokens, head_dim)
                    k = keys[cap.sample, heads].unsqueeze(0)
                    cap.weights = self._attention_weights(q, k, num_tokens)[0]

        # Merge the heads back: (b, num_tokens, num_heads, head_dim) -> (b, num_tokens, d_out)
        context_vec = context_vec.transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)  # (b, num_tokens, d_out)

    def _attention_weights(self, queries, keys, num_tokens):
        attn_scores = queries @ keys.transpose(2, 3)  # (b, num_heads, num_tokens, num_tokens)
        mask_bool = self.mask[:num_tokens, :num_tokens]
        attn_scores = attn_scores.masked_fill(mask_bool, -torch.inf)  # causal: no peeking ahead
        return torch.softmax(attn_scores / self.head_dim ** 0.5, dim=-1)

    def _store_capture(self, attn_weights):
        cap = self.capture
        heads = cap.heads if cap.heads is not None else list(range(self.num_heads))
        cap.weights = attn_weights[cap.sample, heads].detach()  # (len(heads), num_tokens, num_tokens)

    def _explicit_attention(self, queries, keys, values, num_tokens):
        attn_weights = self._attention_weights(queries, keys, num_tokens)
        if self.capture is not None:
            self._store_capture(attn_weights)
        attn_weights = self.dropout(attn_weights)
        return attn_weights @ values  # (b, num_heads, num_tokens, head_dim)


class LayerNorm(nn.Module):
    """Normalise each token's vector to mean 0, variance 1, then scale and shift."""

    def __init__(self, emb_dim: int, eps: float = 1e-5):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Same as (x - mean) / sqrt(var + eps) * scale + shift, as one fused op.
        return F.layer_norm(x, (x.shape[-1],), self.scale, self.shift, self.eps)


class GELU(nn.Module):
    """GPT-2's activation: the tanh approximation of x * Phi(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(x, approximate="tanh")


class FeedForward(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(cfg.emb_dim, 4 * cfg.emb_dim),  # expand: (b, num_tokens, 4*emb_dim)
            GELU(),
            nn.Linear(4 * cfg.emb_dim, cfg.emb_dim),  # back to (b, num_tokens, emb_dim)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


class TransformerBlock(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg.emb_dim, d_out=cfg.emb_dim, context_length=cfg.context_length,
            num_heads=cfg.n_heads, dropout=cfg.drop_rate, qkv_bias=cfg.qkv_bias,
        )
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg.emb_dim)
        self.norm2 = LayerNorm(cfg.emb_dim)
        self.drop_shortcut = nn.Dropout(cfg.drop_rate)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x  # (b, num_tokens, emb_dim)
        x = self.norm1(x)
        x = self.att(x)
        x = self.drop_shortcut(x)
        x = x + shortcut  # add the original input back

        shortcut = x
        x = self.norm2(x)
        x = self.ff(x)
        x = self.drop_shortcut(x)
        x = x + shortcut
        return x  # (b, num_tokens, emb_dim)


class GPTModel(nn.Module):
    def __init__(self, cfg: GPTConfig, tie_weights: bool = False):
        super().__init__()
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.emb_dim)
        self.pos_emb = nn.Embedding(cfg.context_length, cfg.emb_dim)
        self.drop_emb = nn.Dropout(cfg.drop_rate)
        self.trf_blocks = nn.Sequential(*[TransformerBlock(cfg) for _ in range(cfg.n_layers)])
        self.final_norm = LayerNorm(cfg.emb_dim)
        self.out_head = nn.Linear(cfg.emb_dim, cfg.vocab_size, bias=False)
        self.tie_weights = tie_weights
        if tie_weights:  # GPT-2's original trick: the output head reuses the token embedding
            self.out_head.weight = self.tok_emb.weight

    def forward(self, in_idx: torch.Tensor) -> torch.Tensor:
        batch_size, seq_len = in_idx.shape  # (b, num_tokens) token ids
        tok_embeds = self.tok_emb(in_idx)  # (b, num_tokens, emb_dim)
        pos_embeds = self.pos_emb(torch.arange(seq_len, device=in_idx.device))  # (num_tokens, emb_dim)
        x = tok_embeds + pos_embeds  # (b, num_tokens, emb_dim)
        x = self.drop_emb(x)
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        logits = self.out_head(x)  # (b, num_tokens, vocab_size)
        return logits

    def attention_modules(self) -> list[MultiHeadAttention]:
        return [block.att for block in self.trf_blocks]

    def set_explicit_attention(self, explicit: bool) -> None:
        for att in self.attention_modules():
            att.explicit = explicit
