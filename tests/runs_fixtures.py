"""Recorded runs for the window tests: a micro GPT run with stats, attention and a checkpoint
(of step 2: the weights step 3 starts from), each step's batch recorded as the app does."""
from __future__ import annotations

import json
from pathlib import Path

TEXT = "A gradient says which way to nudge each weight and how much the loss cares. " * 40


def train_dict(corpus: Path) -> dict:
    return {"batch_size": 2, "max_length": 16, "stride": 16, "eval_interval": 100, "eval_batches": 1,
            "learning_rate": 1e-3, "max_steps": 6, "device": "cpu", "text_source": str(corpus)}


def write_gpt_run(folder: Path, steps: int = 6, stats_every: int = 2, attention_at=(2, 6),
                  checkpoint_at=(2,)) -> Path:
    """A micro GPT run as the app writes one; its corpus lies next to it."""
    from engine.config import TrainConfig
    from engine.presets import get_preset
    from engine.probes.attention import capture_attention_on_next_batch
    from engine.probes.param_stats import ParamStatsRecorder
    from engine.runs import RunManifest, RunWriter
    from engine.runs.replay import data_fingerprint
    from engine.scenarios import make_scenario

    corpus = folder.parent / f"{folder.name}-corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    cfg = get_preset("micro")
    train_cfg = TrainConfig.from_dict(train_dict(corpus), cfg)
    scenario = make_scenario("gpt", cfg, train_cfg, device="cpu")
    stats = ParamStatsRecorder(scenario.model, every=stats_every)
    manifest = RunManifest(scenario="gpt", config=cfg.to_dict(), train_config=train_cfg.to_dict(),
                           corpus=str(corpus), device="cpu",
                           data=data_fingerprint(scenario.trainer.split.train_ids))
    with RunWriter(folder, manifest) as run:
        for _ in range(steps):
            stats.before_step()
            record = scenario.train_step()
            run.log_step(record, scenario.trainer.last_batch_starts)
            sample = stats.after_step(record.step, grad_norms=scenario.last_param_grad_norms)
            if sample is not None:
                run.log_stats(sample)
            if record.step in attention_at:
                run.log_attention(capture_attention_on_next_batch(scenario, layer=0, heads=None, sample=0))
            if record.step in checkpoint_at:
                run.save_checkpoint(scenario.trainer)
    return folder


def set_manifest(folder: Path, **changes) -> None:
    path = folder / "run.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def open_and_wait(window, qtbot, folder, follow: bool = False) -> None:
    """File → Open run (or Follow run): read off the GUI thread, shown when whole."""
    with qtbot.waitSignal(window.adapter.runOpened, timeout=60000):
        assert (window.follow_run if follow else window.open_run)(folder)
