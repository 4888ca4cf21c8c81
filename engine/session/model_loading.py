"""A new model generation from saved weights: a checkpoint, a run's checkpoint, a Hugging Face
GPT-2 folder. Nothing here is ever unpickled (engine.checkpoint reads safetensors + JSON).

The GUI thread reads only a folder's JSON (`spec_of_checkpoint`, `spec_of_hf_folder`,
`spec_of_run`) to know which model to build; the engine thread builds it and copies the weights
in (`load_weights_into`). A folder that fails either step leaves the current model as it was.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import GPTConfig, TrainConfig
from ..errors import CheckpointError, UserError
from ..text import join_text, translate
from .spec import ScenarioKey, ScenarioSpec


class SourceKind:
    CHECKPOINT = "checkpoint"
    HF = "hugging face"
    NONE = ""  # a fresh model of the spec (kept only if it builds)


@dataclass(frozen=True)
class ModelSource:
    """Where a new generation's weights come from; `trace_after`: trace its next step once built."""

    kind: str = SourceKind.NONE
    path: str = ""
    trace_after: bool = False
    label: str = ""  # for messages: "the checkpoint of step 40 of run X"
    # a rewind (engine/session/rewind.py): the run whose checkpoint this is and the step to
    # trace on its recorded batch; step 0: the trainer's own next batch
    run_folder: str = ""
    step: int = 0
    rewind: Any = None  # the rewind.Rewind the learner asked for (the session's, for its notice)


def spec_of_checkpoint(path: str | Path, base: ScenarioSpec) -> ScenarioSpec:
    """The GPT spec of a checkpoint folder (its config.json only); CheckpointError otherwise."""
    from ..checkpoint import _config_from, _read_checkpoint_config, checkpoint_files
    from ..model_folder import CONFIG_FILE
    files = checkpoint_files(path)
    cfg, _tie, _state = _config_from(_read_checkpoint_config(files), files / CONFIG_FILE)
    return dataclasses.replace(base, key=ScenarioKey.GPT, gpt_config=cfg,
                               train_config=_fit(base.train_config, cfg))


def spec_of_hf_folder(path: str | Path, base: ScenarioSpec) -> ScenarioSpec:
    from ..hf_import import gpt_config_from_hf, is_hf_gpt2_config
    from ..model_folder import CONFIG_FILE, check_folder, read_config
    folder = check_folder(path)
    meta = read_config(folder)
    if not is_hf_gpt2_config(meta):
        raise CheckpointError([translate("model_files", "{file} is not a Hugging Face GPT-2 config "
                                                        "(\"model_type\": \"gpt2\" with n_embd, n_layer, n_head).")
                               .format(file=str(folder / CONFIG_FILE))])
    cfg = gpt_config_from_hf(meta, folder / CONFIG_FILE)
    return dataclasses.replace(base, key=ScenarioKey.GPT, gpt_config=cfg,
                               train_config=_fit(base.train_config, cfg))


def spec_of_run(manifest, base: ScenarioSpec) -> ScenarioSpec:
    """The spec a recorded GPT run trained (its run.json); UserError for other runs."""
    if manifest.scenario != ScenarioKey.GPT.value or manifest.config is None:
        raise UserError(translate("session", "Only GPT runs can be traced again from a checkpoint; this run is "
                                             "'{scenario}'.").format(scenario=str(manifest.scenario)))
    cfg = GPTConfig.from_dict(manifest.config)
    known = {k: v for k, v in manifest.train_config.items() if k in TrainConfig().to_dict()}
    return dataclasses.replace(base, key=ScenarioKey.GPT, gpt_config=cfg,
                               train_config=TrainConfig.from_dict(known, cfg))


def _fit(train: TrainConfig, cfg: GPTConfig) -> TrainConfig:
    """The training config, with windows no longer than the model's context."""
    if train.max_length <= cfg.context_length:
        return train
    return train.replace(max_length=cfg.context_length, stride=min(train.stride, cfg.context_length))


def load_weights_into(scenario, source: ModelSource) -> None:
    """Engine thread: copy the source's weights (and a checkpoint's optimizer state and step)
    into a freshly built GPT scenario. CheckpointError names what does not fit."""
    if source.kind == SourceKind.NONE:
        return
    if not hasattr(scenario, "trainer"):
        raise CheckpointError([translate("session", "Saved weights load into the GPT scenario only.")])
    trainer = scenario.trainer
    if source.kind == SourceKind.HF:
        from ..hf_import import load_hf_gpt2
        model, cfg = load_hf_gpt2(source.path, "cpu")
        state, optimizer_state, train_state = model.state_dict(), None, {}
    else:
        from ..checkpoint import load_checkpoint
        ckpt = load_checkpoint(source.path, "cpu")
        cfg, state = ckpt.cfg, ckpt.model.state_dict()
        optimizer_state, train_state = ckpt.optimizer_state, ckpt.train_state
    if cfg != trainer.gpt_cfg:
        raise CheckpointError([translate("session", "{path} holds a model of another config ({difference}); "
                                                    "nothing was loaded.").format(
            path=source.path, difference=_config_difference(cfg, trainer.gpt_cfg))])
    missing = trainer.model.load_state_dict(state, strict=False)
    if missing.missing_keys:
        raise CheckpointError([translate("session", "{path} lacks weights for {keys}.").format(
            path=source.path, keys=", ".join(missing.missing_keys[:5]))])
    if optimizer_state is not None:
        from ..optimizer_state import restore_optimizer
        restore_optimizer(trainer.optimizer, optimizer_state)
    trainer.step_count = _whole(train_state.get("step"), 0)
    trainer.tokens_seen = _whole(train_state.get("tokens_seen"), 0)
    if source.run_folder and source.step:
        from .rewind import prepare_rewind
        prepare_rewind(trainer, source.run_folder, source.step, train_state)


def _whole(value, default: int) -> int:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default


def _config_difference(a: GPTConfig, b: GPTConfig) -> str:
    da, db = a.to_dict(), b.to_dict()
    diffs = [translate("session", "{key} {value} instead of {other}").format(key=k, value=str(da[k]),
                                                                              other=str(db[k]))
             for k in da if da[k] != db.get(k)]
    return join_text(", ", diffs[:3]) if diffs else translate("session", "a different config")
