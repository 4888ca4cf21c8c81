from .gpt import GPTModel, MultiHeadAttention, TransformerBlock, AttentionCapture
from .scalar import ScalarModel, chain_rule, scalar_loss
from .simple_net import SimpleNet

__all__ = ["GPTModel", "MultiHeadAttention", "TransformerBlock", "AttentionCapture",
           "ScalarModel", "chain_rule", "scalar_loss", "SimpleNet"]
