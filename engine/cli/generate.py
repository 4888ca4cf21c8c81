"""`backprop-studio generate --checkpoint DIR PROMPT`: continue a prompt with a trained model."""
from __future__ import annotations

from . import UserError

MAX_NEW_TOKENS = 10_000  # each new token runs the whole model once
MAX_PROMPT_CHARS = 1_000_000


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("generate", help="continue a prompt with a saved model",
                              description="Load a checkpoint (this app's or a Hugging Face GPT-2 "
                                          "folder) and continue PROMPT. Greedy unless --temperature.")
    p.add_argument("prompt", metavar="PROMPT", help="the text to continue")
    p.add_argument("--checkpoint", required=True, metavar="DIR", help="checkpoint folder")
    p.add_argument("--max-new-tokens", type=int, default=50, metavar="N", help="tokens to add (default 50)")
    p.add_argument("--temperature", type=float, default=0.0, metavar="T",
                   help="0 = greedy (default); higher samples more freely")
    p.add_argument("--top-k", type=int, default=None, metavar="K", help="sample only from the K likeliest tokens")
    p.add_argument("--seed", type=int, default=None, help="seed for sampling")
    p.add_argument("--device", default="auto", metavar="D", help="auto, cpu, cuda or mps")
    p.set_defaults(func=run)


def run(args) -> int:
    import math

    problems = []
    if not 0 <= args.max_new_tokens <= MAX_NEW_TOKENS:
        problems.append(f"--max-new-tokens must be between 0 and {MAX_NEW_TOKENS:,}, "
                        f"not {args.max_new_tokens}.")
    if not math.isfinite(args.temperature) or args.temperature < 0:
        problems.append(f"--temperature must be 0 (greedy) or a positive number, not {args.temperature}.")
    if args.top_k is not None and not 1 <= args.top_k <= 2 ** 31:
        problems.append(f"--top-k must be at least 1 (and at most the vocabulary), not {args.top_k}.")
    if args.seed is not None and not -(2 ** 63) <= args.seed < 2 ** 63:
        problems.append(f"--seed must be between -2**63 and 2**63-1, not {args.seed}.")
    if len(args.prompt) > MAX_PROMPT_CHARS:
        problems.append(f"The prompt has {len(args.prompt):,} characters; the limit is "
                        f"{MAX_PROMPT_CHARS:,}.")
    if problems:
        raise UserError(*problems)

    from ..checkpoint import load_any
    from ..device import resolve_device
    from ..generate import generate_text

    device = resolve_device(args.device)
    model, cfg = load_any(args.checkpoint, device=str(device))
    print(generate_text(model, args.prompt, max_new_tokens=args.max_new_tokens,
                        temperature=args.temperature, top_k=args.top_k, seed=args.seed,
                        context_size=cfg.context_length))
    return 0
