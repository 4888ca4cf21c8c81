"""One line per op, in the source material's terms: shown on hover in the graph and in the
Inspector. Forward ops by name (with the module telling a shortcut from other additions);
autograd nodes by what they undo. Each sentence is an `engine.text` Template, so the app
shows it in the learner's language."""
from __future__ import annotations

from ..text import translate

FORWARD_OPS = {
    "embedding": translate("explanations", "Looks up one learned vector (emb_dim numbers) per token id."),
    "linear": translate("explanations", "A learned linear layer: input @ weightᵀ + bias."),
    "matmul": translate("explanations", "Matrix product: every query against every key (scores), or the weights "
                                        "against the values (context vectors)."),
    "div": translate("explanations", "Scales the attention scores by √head_dim so the softmax does not saturate."),
    "masked_fill": translate("explanations", "The causal mask: scores of future tokens become −∞, so no token can "
                                             "look ahead."),
    "softmax": translate("explanations", "The softmax turns each row of scores into attention weights that are "
                                         "positive and sum to 1."),
    "dropout": translate("explanations", "While training, zeroes a random share (drop_rate) of values and scales "
                                         "the rest up."),
    "layer_norm": translate("explanations", "LayerNorm: each token's vector gets mean 0 and variance 1, then a "
                                            "learned scale and shift."),
    "gelu": translate("explanations", "GELU: a smooth ReLU-like activation inside the feed-forward network."),
    "relu": translate("explanations", "ReLU: keeps positive values, sets negative ones to 0 (their gradients are 0"
                                      " too)."),
    "sigmoid": translate("explanations", "σ(z) = 1 / (1 + e^−z): squeezes any number into a probability between 0 "
                                         "and 1."),
    "mul": translate("explanations", "Multiplication: z = x · w in the autograd example."),
    "add": translate("explanations", "Addition: z = x·w + b; its gradient passes unchanged to both inputs."),
    "cross_entropy": translate("explanations", "Cross-entropy: −log of the probability the model gave the true "
                                               "next token, averaged over every position."),
    "binary_cross_entropy": translate("explanations", "Binary cross-entropy: −(y·log a + (1−y)·log(1−a)), small "
                                                      "when a is near y."),
    "view": translate("explanations", "Reshapes without copying: splits emb_dim into n_heads × head_dim, or joins "
                                      "them back."),
    "transpose": translate("explanations", "Swaps two axes, e.g. (b, tokens, heads, head_dim) → (b, heads, tokens,"
                                           " head_dim)."),
    "contiguous": translate("explanations", "Copies the tensor into one block of memory so it can be viewed in a "
                                            "new shape."),
    "flatten": translate("explanations", "Joins the batch and token axes so every position is one row for the "
                                         "loss."),
    "getitem": translate("explanations", "Takes a slice: the causal mask cut to the number of tokens in this "
                                         "batch."),
    "arange": translate("explanations", "The positions 0, 1, …, num_tokens − 1, for the positional embedding."),
}
SHORTCUT = translate("explanations", "Shortcut (residual) connection: adds the block's input back to its output, "
                                     "so gradients have a direct path through deep networks.")
EMBEDDING_SUM = translate("explanations", "Token embedding + positional embedding: what each token is and where it "
                                          "stands.")

BACKWARD_NODES = {
    "AccumulateGrad": translate("explanations", "Stores the arriving gradient in the parameter's .grad, where the "
                                                "optimizer reads it."),
    "TBackward0": translate("explanations", "The transpose inside a linear layer: the gradient is transposed back."),
    "MmBackward0": translate("explanations", "Matrix product, backwards: dL/dA = dL/dC · Bᵀ and dL/dB = Aᵀ · "
                                             "dL/dC."),
    "AddmmBackward0": translate("explanations", "A linear layer (bias + input @ weightᵀ), backwards: gradients for"
                                                " the input, the weight and the bias."),
    "ExpandBackward0": translate("explanations", "A tensor that was broadcast: the gradients of its copies are "
                                                 "summed."),
    "NllLossBackward0": translate("explanations", "The last half of cross-entropy: −1 at the true token's "
                                                  "log-probability."),
    "LogSoftmaxBackward0": translate("explanations", "The first half of cross-entropy: softmax(logits) − "
                                                     "one-hot(target)."),
}


def explain_op(op: str, module: str = "", name: str | None = None) -> str:
    """One sentence about a forward op (empty when there is none to say). `name` is the
    learner's name for its output (the autograd example's z)."""
    if op == "add" and module.rpartition(".")[2].isdigit():
        return SHORTCUT  # trf_blocks.3: the two additions of a TransformerBlock
    if op == "add" and module == "" and name != "z":
        return EMBEDDING_SUM  # the GPT's one addition outside its blocks
    return FORWARD_OPS.get(op, "")


def explain_node(node: str, forward_op: str | None = None, module: str = "",
                 name: str | None = None) -> str:
    """One sentence about an autograd node: its own, or the forward op's it belongs to."""
    if node in BACKWARD_NODES:
        return BACKWARD_NODES[node]
    forward = explain_op(forward_op, module, name) if forward_op else ""
    if forward:
        return translate("explanations", "Backwards through: {explanation}").format(explanation=forward)
    return ""
