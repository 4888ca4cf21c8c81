"""The language-model loss, shared by training, evaluation and tracing."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def next_token_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of next-token prediction over every position of the batch.

    logits (b, num_tokens, vocab_size), targets (b, num_tokens) token ids.
    """
    return F.cross_entropy(logits.flatten(0, 1), targets.flatten())
