"""Benchmark: data-parallel throughput on this machine, and what per-rank recording costs.

    python tests/benchmarks/ddp.py [--steps 8] [--trials 5] [--batch 8] [--emb 64]

Same global batch (--batch windows of 32 tokens) every way, a small GPT (--emb, 2 layers),
every process with one thread (OMP_NUM_THREADS=1, as torchrun sets for several processes):
  plain  - the ordinary Trainer (no DDP), timed inside the 1-process job, interleaved with
  ddp1   - torchrun, 1 process (DDP and its comm hook, no partner): ddp_world1_ratio is
           steps/s of ddp1 / plain, paired trials, median (what DDP itself costs);
  ddp2   - torchrun, 2 processes, each half of the global batch (gloo on CPU).
ddp_record_overhead: in the 2-process job, steps/s with recording (rank 0's metrics.jsonl and
each rank's ranks/rank-<r>.jsonl, one fsynced line per step) / steps/s without, paired
trials interleaved, median; 1.0 = free. The local gradient norm (the comm hook) runs in both.
The last line is one JSON object. Numbers only: no goal is asserted here.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _configs(args):
    from engine.config import GPTConfig, TrainConfig
    gpt = GPTConfig(vocab_size=50257, context_length=32, emb_dim=args.emb, n_heads=4, n_layers=2, drop_rate=0.0)
    train = TrainConfig(batch_size=args.batch, max_length=32, stride=32, device="cpu", eval_batches=1)
    return gpt, train


def _text() -> str:
    from pydoc_data.topics import topics
    return "\n\n".join(topics[k] for k in sorted(topics))[:200_000]


def _timed(trainer, steps: int, sync=None) -> float:
    if sync:
        sync()
    start = time.perf_counter()
    for _ in range(steps):
        trainer.step()
    if sync:
        sync()
    return time.perf_counter() - start


def worker(args) -> None:
    """One torchrun process: tokens/s, then paired record/no-record trials."""
    import torch.distributed as dist
    from engine.distributed import DistContext
    from engine.runs import RunManifest, RunWriter
    from engine.runs.ranks import RankLogWriter
    from engine.trainer import Trainer
    ctx = DistContext.from_env()
    gpt, train = _configs(args)
    trainer = Trainer(gpt, train, text=_text(), dist=ctx)
    folder = Path(args.out).with_suffix(".run")
    writer = RunWriter(folder, RunManifest(scenario="gpt")) if ctx.is_main else None
    dist.barrier()
    ranks = RankLogWriter(folder, ctx.rank)
    recording = [False]

    def on_event(event):
        if recording[0] and trainer.last_rank_record is not None:
            ranks.write(trainer.last_rank_record)
            if writer is not None:
                writer.log_step(event)
    trainer.on_event = on_event
    _timed(trainer, 2)  # warm-up
    tokens = args.steps * train.batch_size * train.max_length
    throughput = tokens / _timed(trainer, args.steps, dist.barrier)
    ratios, world1 = [], []
    plain = Trainer(gpt, train, text=_text()) if ctx.world_size == 1 else None
    if plain is not None:
        _timed(plain, 2)
    for _ in range(args.trials):
        if plain is not None:
            world1.append(_timed(plain, args.steps) / _timed(trainer, args.steps))
        recording[0] = True
        on = _timed(trainer, args.steps, dist.barrier)
        recording[0] = False
        off = _timed(trainer, args.steps, dist.barrier)
        ratios.append(off / on)  # (steps/on) / (steps/off)
    ranks.close("finished")
    if writer is not None:
        writer.close()
        Path(args.out).write_text(json.dumps({"tokens_per_s": throughput, "record_ratio": statistics.median(ratios),
                                              "world1_ratio": statistics.median(world1) if world1 else None}))
    ctx.shutdown()


def _torchrun(n: int, args, out: Path) -> dict:
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", str(n), __file__, "--",
           "--worker", "--out", str(out), "--steps", str(args.steps), "--trials", str(args.trials),
           "--batch", str(args.batch), "--emb", str(args.emb)]
    subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    return json.loads(out.read_text())


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--worker", action="store_true")
    p.add_argument("--out")
    p.add_argument("--steps", type=int, default=8)
    p.add_argument("--trials", type=int, default=5)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--emb", type=int, default=64)
    args = p.parse_args([a for a in sys.argv[1:] if a != "--"])
    if args.worker:
        return worker(args)
    with tempfile.TemporaryDirectory() as tmp:
        one = _torchrun(1, args, Path(tmp) / "one.json")
        two = _torchrun(2, args, Path(tmp) / "two.json")
    result = {"benchmark": "ddp", "cpus": os.cpu_count(), "batch": args.batch, "steps": args.steps,
              "tokens_per_s_1proc": round(one["tokens_per_s"]), "ddp_world1_ratio": round(one["world1_ratio"], 3),
              "tokens_per_s_2proc": round(two["tokens_per_s"]),
              "speedup_2proc_vs_1proc": round(two["tokens_per_s"] / one["tokens_per_s"], 3),
              "ddp_record_overhead": round(two["record_ratio"], 3)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
