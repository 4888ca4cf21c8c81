"""`backprop-studio generate --checkpoint DIR PROMPT`: continue a prompt with a trained model."""
from __future__ import annotations

from . import UserError


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
    if args.max_new_tokens < 0:
        problems.append(f"--max-new-tokens must be 0 or more, not {args.max_new_tokens}.")
    if not math.isfinite(args.temperature) or args.temperature < 0:
        problems.append(f"--temperature must be 0 (greedy) or a positive number, not {args.temperature}.")
    if args.top_k is not None and args.top_k < 1:
        problems.append(f"--top-k must be at least 1, not {args.top_k}.")
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
