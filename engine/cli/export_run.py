"""`backprop-studio export-run RUN --format csv|tensorboard -o OUT`."""
from __future__ import annotations

import sys


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("export-run", help="export a recorded run as CSV or TensorBoard files",
                              description="Export a run folder (from `train --run`, the app or a "
                                          "Recorder): metrics as CSV, or TensorBoard event files with "
                                          "scalars and per-parameter histograms.")
    p.add_argument("run", metavar="RUN", help="the run folder")
    p.add_argument("--format", choices=("csv", "tensorboard"), default="csv", help="default: csv")
    p.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="a CSV file name, or a new or empty folder for TensorBoard")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..runs.export import export_csv, export_tensorboard
    if args.format == "csv":
        target = export_csv(args.run, args.output)
    else:
        target = export_tensorboard(args.run, args.output)
    print(f"wrote {target}", file=sys.stderr)
    return 0
