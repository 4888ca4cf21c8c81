"""`train --run` and an app-style run reopen with the same metrics; CSV and TensorBoard exports."""
from __future__ import annotations

import csv
import json

import pytest

from engine.checkpoint import load_checkpoint
from engine.cli import main
from engine.config import TrainConfig
from engine.presets import get_preset
from engine.probes.attention import capture_attention_on_next_batch
from engine.probes.param_stats import ParamStatsRecorder
from engine.runs import RunManifest, RunReader, RunWriter
from engine.scenarios import make_scenario

TEXT = "A gradient says which way to nudge each weight and how much the loss cares. " * 40
TRAIN = {"batch_size": 2, "max_length": 16, "stride": 16, "eval_interval": 2, "eval_batches": 1,
         "learning_rate": 1e-3, "max_steps": 4, "device": "cpu"}
COMPARED = ("step", "tokens_seen", "loss", "grad_norm", "lr", "train_loss", "val_loss")


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    (folder / "corpus.txt").write_text(TEXT, encoding="utf-8")
    (folder / "train.json").write_text(json.dumps(TRAIN), encoding="utf-8")
    code = main(["train", "--preset", "micro", "--train-config", str(folder / "train.json"),
                 "--text", str(folder / "corpus.txt"), "--run", str(folder / "run"),
                 "--stats-every", "2", "--checkpoint-every", "2"])
    assert code == 0
    return folder / "run"


def _app_style_run(folder) -> None:
    """What the app does: a scenario's steps, stats around them, an attention capture."""
    cfg, train_cfg = get_preset("micro"), TrainConfig.from_dict(TRAIN, get_preset("micro"))
    scenario = make_scenario("gpt", cfg, train_cfg, device="cpu", text=TEXT)
    stats = ParamStatsRecorder(scenario.model, every=2)
    manifest = RunManifest(scenario="gpt", config=cfg.to_dict(), train_config=train_cfg.to_dict(),
                           corpus="text", device="cpu")
    with RunWriter(folder, manifest) as run:
        for _ in range(TRAIN["max_steps"]):
            stats.before_step()
            record = scenario.train_step()
            run.log_step(record)
            sample = stats.after_step(record.step, grad_norms=scenario.last_param_grad_norms)
            if sample is not None:
                run.log_stats(sample)
            if record.step == 3:
                run.log_attention(capture_attention_on_next_batch(scenario, layer=0, heads=None, sample=0))
        run.save_checkpoint(scenario.trainer)


def test_app_style_and_headless_runs_reopen_with_equal_metrics(tmp_path, cli_run):
    _app_style_run(tmp_path / "app")
    app, cli = RunReader(tmp_path / "app").data, RunReader(cli_run).data
    assert [r.step for r in cli.metrics] == [1, 2, 3, 4]
    for a, c in zip(app.metrics, cli.metrics, strict=True):
        for name in COMPARED:
            expected = getattr(c, name)
            assert getattr(a, name) == (None if expected is None else pytest.approx(expected, rel=1e-5)), (a.step, name)
    assert [r.val_loss is not None for r in cli.metrics] == [False, True, False, True]
    assert app.stats_steps == cli.stats_steps == [1, 3]
    assert [(k.step, k.layer) for k in app.attention] == [(3, 0)]
    assert cli.checkpoint_steps == [2, 4] and app.checkpoint_steps == [4]
    assert cli.manifest.config == app.manifest.config == get_preset("micro").to_dict()


def test_checkpoint_at_gives_the_last_checkpoint_at_or_before(cli_run):
    reader = RunReader(cli_run)
    assert reader.checkpoint_at(1) is None
    at = reader.checkpoint_at(3)
    assert (at.requested, at.found) == (3, 2)
    assert load_checkpoint(at.value).train_state["step"] == 2


def test_train_run_refuses_a_non_empty_folder_before_training(tmp_path, capsys):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "a.txt").write_text("x")
    assert main(["train", "--preset", "micro", "--steps", "1", "--run", str(tmp_path / "busy")]) == 2
    err = capsys.readouterr().err
    assert "not empty and is not a run" in err and "parameters on" not in err


def test_csv_export_round_trips(tmp_path, cli_run):
    assert main(["export-run", str(cli_run), "--format", "csv", "-o", str(tmp_path / "m.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "m.csv").read_text().splitlines()))
    metrics = RunReader(cli_run).data.metrics
    assert len(rows) == len(metrics)
    for row, record in zip(rows, metrics):
        assert int(row["step"]) == record.step and float(row["loss"]) == record.loss
        assert (row["val_loss"] == "") == (record.val_loss is None)
        assert row["val_loss"] == "" or float(row["val_loss"]) == record.val_loss


def test_tensorboard_export_reads_back_equal_values(tmp_path, cli_run):
    pytest.importorskip("tensorboard", reason="tensorboard is optional (pip install tensorboard)")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    from engine.runs.tensorboard_import import import_tensorboard
    assert main(["export-run", str(cli_run), "--format", "tensorboard", "-o", str(tmp_path / "tb")]) == 0
    acc = EventAccumulator(str(tmp_path / "tb"), size_guidance={"scalars": 0, "histograms": 0})
    acc.Reload()
    reader = RunReader(cli_run)
    metrics = reader.data.metrics
    assert [e.step for e in acc.Scalars("loss")] == [r.step for r in metrics]
    assert [e.value for e in acc.Scalars("loss")] == pytest.approx([r.loss for r in metrics])
    assert [e.step for e in acc.Scalars("val_loss")] == [2, 4]
    name = reader.stats_at(1).value.names[0]
    hist = acc.Histograms(f"grad/{name}")
    assert [h.step for h in hist] == [1, 3]
    stats = reader.stats_at(3).value
    assert list(hist[1].histogram_value.bucket) == pytest.approx(stats.grad_hist[0].tolist())
    imported = import_tensorboard(tmp_path / "tb").data.metrics
    assert [r.loss for r in imported] == pytest.approx([r.loss for r in metrics])
    assert [r.val_loss is None for r in imported] == [r.val_loss is None for r in metrics]


def test_export_refuses_a_folder_that_is_not_a_run(tmp_path, capsys):
    assert main(["export-run", str(tmp_path), "-o", str(tmp_path / "x.csv")]) == 2
    assert "is not a run" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()


def test_tensorboard_missing_gives_a_clear_message(tmp_path, cli_run, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_tensorboard(name, *args, **kwargs):
        if name.startswith(("tensorboard", "torch.utils.tensorboard")):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_tensorboard)
    from engine.errors import UserError
    from engine.runs.export import export_tensorboard
    with pytest.raises(UserError, match="pip install tensorboard"):
        export_tensorboard(cli_run, tmp_path / "tb")
