"""`backprop-studio trace`: trace one real training step and write its graphs to a file."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..config import load_gpt_config
from ..output_paths import check_output_file
from ..presets import PRESETS, get_preset
from . import UserError

SCENARIO_KEYS = ("scalar", "simplenet", "gpt")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "trace", help="trace one training step and export its graphs (JSON, GraphML, DOT)",
        description="Run one real training step of a scenario with tracing on, then write the "
                    "forward graph, the autograd graph and the recorded backward order to a file.")
    p.add_argument("--scenario", choices=SCENARIO_KEYS, required=True)
    source = p.add_mutually_exclusive_group()
    source.add_argument("--preset", metavar="NAME",
                        help=f"GPT scenario only; one of: {', '.join(PRESETS)} (default nano)")
    source.add_argument("--config", metavar="FILE", help="GPT scenario only: a JSON model config")
    p.add_argument("--format", choices=("json", "graphml", "dot"), default=None,
                   help="output format (default: from the file suffix, else json)")
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.add_argument("--graph", choices=("both", "forward", "backward"), default="both",
                   help="which graph to write (default both)")
    p.add_argument("--collapse", type=int, default=None, metavar="DEPTH",
                   help="collapse modules nested deeper than DEPTH into group nodes "
                        "(0 = one node per top-level module)")
    p.add_argument("--device", default="cpu", help="cpu, cuda, mps or auto (default cpu)")
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return {"json": "json", "graphml": "graphml", "gv": "dot", "dot": "dot"}.get(suffix, "json")


def run(args: argparse.Namespace) -> int:
    from ..scenarios import make_scenario
    from ..tracing.export import export_trace
    from ..tracing.trace_step import trace_scenario

    problems = []
    if args.scenario != "gpt" and (args.preset or args.config):
        problems.append("--preset and --config only apply to --scenario gpt.")
    if args.collapse is not None and args.collapse < 0:
        problems.append(f"--collapse must be 0 or more, but it is {args.collapse}.")
    out = Path(args.output)
    if problems:
        raise UserError(*problems)
    check_output_file(out, "the output file")  # before the step is traced
    gpt_config = None
    if args.scenario == "gpt":
        gpt_config = load_gpt_config(args.config) if args.config else get_preset(args.preset or "nano")
    scenario = make_scenario(args.scenario, gpt_config=gpt_config, device=args.device)
    trace = trace_scenario(scenario)
    fmt = _format(args)
    try:
        graph = export_trace(trace, out, fmt, which=args.graph, collapse_depth=args.collapse)
    except OSError as exc:
        raise UserError(f"Could not write '{out}': {exc.strerror or exc}.") from None
    print(f"{args.scenario}: loss {trace.loss:.4f}, {len(trace.forward_ops)} forward ops, "
          f"{len(trace.backward_steps)} autograd nodes -> {out} ({fmt}, "
          f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
    return 0
