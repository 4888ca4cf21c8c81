"""`backprop-studio info`: parameters, training memory and FLOPs of a model config."""
from __future__ import annotations

import argparse
import json

from ..config import GPTConfig, load_gpt_config
from ..info import model_info
from ..presets import PRESETS, get_preset
from . import UserError


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("info", help="parameter counts, memory and FLOPs of a model config",
                              description="Count a model's parameters and estimate its fp32 AdamW "
                                          "training memory and FLOPs per token. Nothing is allocated.")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", metavar="NAME", help=f"one of: {', '.join(PRESETS)}")
    source.add_argument("--config", metavar="FILE", help="a JSON model config (GPT_CONFIG keys)")
    p.add_argument("--batch-size", type=int, default=2, metavar="B",
                   help="sequences per batch for the memory estimate (default 2)")
    p.add_argument("--context", type=int, default=None, metavar="T",
                   help="tokens per sequence (default: the config's context_length)")
    p.add_argument("--tie-weights", action="store_true",
                   help="count the output head as sharing the token embedding (original GPT-2)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    cfg = get_preset(args.preset) if args.preset else load_gpt_config(args.config)
    problems = []
    if args.batch_size <= 0:
        problems.append(f"--batch-size must be greater than 0, but it is {args.batch_size}.")
    elif args.batch_size > 4096:
        problems.append(f"--batch-size must be at most 4,096, but it is {args.batch_size}.")
    if args.context is not None and not 0 < args.context <= cfg.context_length:
        problems.append(f"--context must be between 1 and the model's context_length "
                        f"{cfg.context_length}, but it is {args.context}.")
    if problems:
        raise UserError(*problems)
    info = model_info(cfg, batch_size=args.batch_size, context=args.context,
                      tie_weights=args.tie_weights)
    info["name"] = args.preset or args.config
    print(json.dumps(info, indent=2) if args.json else format_table(info))
    return 0


def _gb(n: int) -> str:  # binary units, like weights_mb_fp32 (621.83 MiB for gpt2-124m)
    return f"{n / 2**30:,.2f} GiB" if n >= 2**30 / 10 else f"{n / 2**20:,.1f} MiB"


def format_table(info: dict) -> str:
    cfg = GPTConfig.from_dict(info["config"])
    parts, mem = info["by_component"], info["train_memory_parts"]
    settings = ", ".join(f"{k} {json.dumps(v)}" for k, v in cfg.to_dict().items())
    lines = [
        f"Model {info['name']}: {settings}" + (" (tied head)" if info["tie_weights"] else ""),
        "",
        f"Parameters                {info['parameters']:>15,}",
        f"  without output head     {info['parameters_without_out_head']:>15,}",
    ]
    lines += [f"  {name.replace('_', ' '):<24}{count:>15,}" for name, count in parts.items()]
    lines += [
        f"Weights in fp32           {info['weights_mb_fp32']:>11,.2f} MiB",
        "",
        f"Training memory (fp32, AdamW, batch {info['batch_size']} x {info['context']} tokens)",
        f"  weights                 {_gb(mem['weights']):>15}",
        f"  gradients               {_gb(mem['gradients']):>15}",
        f"  Adam m and v            {_gb(mem['adam_moments']):>15}",
        f"  activations (estimate)  {_gb(mem['activations']):>15}",
        f"  causal masks            {_gb(mem['causal_mask']):>15}",
        f"  total                   {_gb(info['train_memory_bytes']):>15}",
        "",
        f"FLOPs per token (training) {info['flops_per_token']:>14,}",
    ]
    return "\n".join(lines)
