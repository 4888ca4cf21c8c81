"""Record your own training loop as a Backprop Studio run.

A two-layer MLP (not one of the app's models) learns y = sin(x0) + x1 * x2 on synthetic data;
every step goes to the run's metrics and every 5th step's parameter statistics (gradient
and weight norms and histograms) to its stats shards. Open the folder in the app (File >
Open run) or export it:  backprop-studio export-run RUN --format tensorboard -o tb/

    python resources/examples/own_model_training.py --run runs/mlp --steps 200
"""
from __future__ import annotations

import argparse
import sys

import torch
from torch import nn

from engine.runs.recorder import Recorder


def make_data(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.randn(n, 3, generator=generator)
    return x, (torch.sin(x[:, 0]) + x[:, 1] * x[:, 2]).unsqueeze(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train a small MLP and record it as a run.")
    parser.add_argument("--run", required=True, help="a new or empty folder for the run")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stats-every", type=int, default=5)
    parser.add_argument("--paced", action="store_true",
                        help="wait for a line on standard input before each step (step it by hand)")
    args = parser.parse_args(argv)

    generator = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    x, y = make_data(512, generator)
    model = nn.Sequential(nn.Linear(3, 32), nn.Tanh(), nn.Linear(32, 1))
    lr, batch = 0.05, 64
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)

    with Recorder(args.run, model=model, train_config={"lr": lr, "batch_size": batch, "steps": args.steps},
                  corpus="synthetic: y = sin(x0) + x1 * x2") as recorder:
        for step in range(1, args.steps + 1):
            if args.paced and not sys.stdin.readline():
                break  # the driver closed our input: stop here, the run stays whole
            idx = torch.randint(0, len(x), (batch,), generator=generator)
            loss = nn.functional.mse_loss(model(x[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=10.0)
            optimizer.step()
            val_loss = None
            if step % 10 == 0:
                with torch.no_grad():
                    val_loss = nn.functional.mse_loss(model(x), y).item()
            recorder.log_step(step, loss.item(), grad_norm=grad_norm.item(), tokens=batch, lr=lr,
                              val_loss=val_loss)
            if step % args.stats_every == 0:
                recorder.capture_param_stats(model)
    print(f"recorded {args.steps} steps in {args.run}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
