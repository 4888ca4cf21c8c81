"""Benchmark: what capture costs a training step.

    python tests/benchmarks/capture.py [--quick]

For the `nano` and `gpt2-124m` presets at B=1, T=64 (training mode) it times one
optimizer step three ways, interleaved so background load hits all alike, medians of
several rounds; each round's ratios are paired (same round, same background load) and the
figure is the median of the paired ratios. Every mode runs the step the app's Trainer runs: its loss, its AdamW
(engine.trainer.make_adamw, fused where available), its clipping (clip_grads_ with the
default TrainConfig.grad_clip) and its one host sync of loss and gradient norm:
  plain    - forward, loss, backward, clip, optimizer step;
  default  - plain + per-parameter stats every step (ParamStatsRecorder, attention off),
             reusing the per-parameter gradient norms the clipping computed, as the GUI does;
  recorded - plain, but backward runs with autograd node hooks recording every node's
             incoming/outgoing gradient summary (the full recorded backprop).
Ratios are throughput ratios (plain time / mode time): 1.0 = free. The last line is one
JSON object with default_capture_ratio (goal >= 0.95), full_backprop_ratio (goal >= 0.50)
and attention_capture_mb_t1024 (goal <= 50; one layer, one head, 1024 tokens).
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import torch  # noqa: E402

from engine.config import TrainConfig  # noqa: E402
from engine.models.gpt import GPTModel  # noqa: E402
from engine.presets import get_preset  # noqa: E402
from engine.probes.attention import AttentionCapturer  # noqa: E402
from engine.tracing.backward_graph import build_backward_graph  # noqa: E402
from engine.probes.param_stats import ParamStatsRecorder  # noqa: E402
from engine.tracing.recorder import record_backward  # noqa: E402
from engine.trainer import calc_loss_batch, clip_grads_, make_adamw  # noqa: E402

B, T = 1, 64


TRAIN = TrainConfig()  # the app's defaults: learning rate, weight decay, grad_clip


def make_steps(model, opt, ids, rec):
    params = [p for p in model.parameters() if p.requires_grad]
    targets = ids.roll(-1, 1)

    def update(loss):
        """As Trainer.step after backward: clip, the one host sync, the optimizer step."""
        total, norms = clip_grads_(params, TRAIN.grad_clip)
        torch.stack([loss.detach(), total]).tolist()
        opt.step()
        return norms

    def plain():
        opt.zero_grad(set_to_none=True)
        loss = calc_loss_batch(ids, targets, model)
        loss.backward()
        update(loss)

    def default():
        rec.before_step()  # where the GUI worker calls it: before the whole train_step()
        opt.zero_grad(set_to_none=True)
        loss = calc_loss_batch(ids, targets, model)
        loss.backward()
        norms = update(loss)
        rec.after_step(0, grad_norms=norms)

    def recorded():
        opt.zero_grad(set_to_none=True)
        loss = calc_loss_batch(ids, targets, model)
        record_backward(loss, build_backward_graph(loss, model))
        update(loss)

    return {"plain": plain, "default": default, "recorded": recorded}


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def bench_preset(name: str, rounds: int, device: torch.device) -> dict[str, float]:
    torch.manual_seed(0)
    model = GPTModel(get_preset(name)).to(device).train()
    opt = make_adamw(model.parameters(), TRAIN.learning_rate, TRAIN.weight_decay)
    ids = torch.randint(0, 50257, (B, T), generator=torch.Generator().manual_seed(0)).to(device)
    rec = ParamStatsRecorder(model, every=1)
    steps = make_steps(model, opt, ids, rec)
    keys = list(steps)
    times: dict[str, list[float]] = {k: [] for k in steps}
    for fn in steps.values():  # warm-up: allocations, optimizer state, stats buffers
        fn()
    for r in range(rounds):
        for key in keys[r % 3:] + keys[:r % 3]:  # interleaved, order rotated every round
            gc.collect()
            _sync(device)
            start = time.perf_counter()
            steps[key]()
            _sync(device)
            times[key].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in times.items()}
    best = {k: min(v) for k, v in times.items()}  # least disturbed by other processes
    out = {f"{name}_{k}_s": round(v, 4) for k, v in med.items()}
    # Paired: each round's modes ran back to back, so their ratio sees the same background
    # load; the median of those per-round ratios is the figure.
    for mode in ("default", "recorded"):
        paired = [p / m for p, m in zip(times["plain"], times[mode])]
        out[f"{name}_{mode}_ratio"] = round(statistics.median(paired), 3)
    out[f"{name}_default_ratio_best"] = round(best["plain"] / best["default"], 3)
    out[f"{name}_recorded_ratio_best"] = round(best["plain"] / best["recorded"], 3)
    print(f"{name}: plain {med['plain']:.3f}s  default {med['default']:.3f}s "
          f"(x{out[f'{name}_default_ratio']})  recorded {med['recorded']:.3f}s "
          f"(x{out[f'{name}_recorded_ratio']})  medians of {rounds} paired ratios; best-of ratios "
          f"x{out[f'{name}_default_ratio_best']} / x{out[f'{name}_recorded_ratio_best']}", flush=True)
    return out


def attention_mb_t1024(device: torch.device) -> float:
    cfg = get_preset("nano").replace(context_length=1024)
    model = GPTModel(cfg).to(device).eval()
    ids = torch.randint(0, 50257, (1, 1024), device=device)
    cap = AttentionCapturer(model, layers=[0], heads=[0]).arm()
    with torch.no_grad():
        model(ids)
    cap.collect()
    cap.disarm()
    return cap.captured_bytes() / 2 ** 20


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="nano only, fewer rounds")
    parser.add_argument("--device", default="cpu", help="cpu (default), cuda, mps")
    args = parser.parse_args()
    device = torch.device(args.device)
    result: dict[str, float] = {}
    result.update(bench_preset("nano", 6 if args.quick else 15, device))
    if not args.quick:
        result.update(bench_preset("gpt2-124m", 5 if device.type == "cpu" else 15, device))
    presets = ["nano"] if args.quick else ["nano", "gpt2-124m"]
    # Headline numbers: the worst preset.
    result["default_capture_ratio"] = min(result[f"{p}_default_ratio"] for p in presets)
    result["full_backprop_ratio"] = min(result[f"{p}_recorded_ratio"] for p in presets)
    result["attention_capture_mb_t1024"] = round(attention_mb_t1024(device), 3)
    probe = torch.zeros(1, device=device, requires_grad=True)
    result["adamw_fused"] = bool(make_adamw([probe], 1e-3, 0.0).defaults.get("fused"))  # as the app runs
    result["device"] = str(device)
    result["threads"] = torch.get_num_threads()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
