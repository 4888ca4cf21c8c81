"""Config dialog: engine validation live, live model numbers, presets, load/save."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from engine.config import ConfigError, GPTConfig, TrainConfig
from engine.presets import PRESETS
from gui.dialogs.config_dialog import ConfigDialog


@pytest.fixture
def dialog(qtbot):
    dlg = ConfigDialog(PRESETS["gpt2-124m"], TrainConfig())
    qtbot.addWidget(dlg)
    return dlg


def type_into(qtbot, dlg, key, text):
    """Replace a field's text the way a user does (textEdited fires)."""
    editor = dlg.editors[key]
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)


def test_shows_gpt2_124m_parameters(dialog):
    text = dialog.info_label.text()
    assert "163,009,536" in text and "124,412,160 without output head" in text
    assert "embeddings 39.4M" in text and "feed-forward 56.7M" in text and "head 38.6M" in text
    assert "batch 2 × 64" in text  # TrainConfig's batch_size × max_length
    assert dialog.head_size_label.text() == "→ head size 64"
    assert dialog.preset_combo.currentText() == "gpt2-124m"
    assert dialog.ok_button.isEnabled() and not dialog.problems


def test_emb_dim_not_divisible_disables_ok(qtbot, dialog):
    type_into(qtbot, dialog, "emb_dim", "770")
    assert any("emb_dim 770 is not divisible by n_heads 12" in p for p in dialog.problems)
    assert "⚠ emb_dim 770 is not divisible by n_heads 12" in dialog.problems_label.text()
    assert not dialog.ok_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.editors["emb_dim"].property("invalid") is True
    assert dialog.editors["n_heads"].property("invalid") is True
    assert not dialog.editors["n_layers"].property("invalid")
    assert dialog.preset_combo.currentText() == "custom"
    assert "not whole" in dialog.head_size_label.text()
    with pytest.raises(ConfigError):
        dialog.gpt_config()
    # The debounced numbers do not pretend to describe an invalid model.
    qtbot.waitUntil(lambda: "163,009,536" not in dialog.info_label.text(), timeout=3000)


def test_fractional_n_layers_gets_engine_message(qtbot, dialog):
    type_into(qtbot, dialog, "n_layers", "12.5")
    assert "n_layers must be a whole number, but it is a float (12.5)." in dialog.problems
    type_into(qtbot, dialog, "n_layers", "abc")
    assert "n_layers must be a whole number, but it is a string ('abc')." in dialog.problems
    assert not dialog.ok_button.isEnabled()
    assert dialog.editors["n_layers"].property("invalid") is True


def test_train_field_checked_against_context(qtbot, dialog):
    type_into(qtbot, dialog, "max_length", "2048")
    assert any("max_length 2048 is larger than the model's context_length 1024" in p
               for p in dialog.problems)
    type_into(qtbot, dialog, "learning_rate", "fast")
    assert "learning_rate must be a number, but it is a string ('fast')." in dialog.problems
    assert not dialog.ok_button.isEnabled()
    assert dialog.editors["context_length"].property("invalid") is True
    assert [dialog.tabs.tabText(i) for i in range(2)] == ["Model ⚠", "Training ⚠"]
    type_into(qtbot, dialog, "max_length", "1024")
    type_into(qtbot, dialog, "learning_rate", "0.001")
    assert [dialog.tabs.tabText(i) for i in range(2)] == ["Model", "Training"]
    assert dialog.ok_button.isEnabled()


def test_valid_edit_enables_ok_and_returns_config(qtbot, dialog):
    type_into(qtbot, dialog, "emb_dim", "770")
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog, "emb_dim", "384")
    type_into(qtbot, dialog, "n_layers", "6")
    dialog.editors["qkv_bias"].setChecked(True)
    type_into(qtbot, dialog, "batch_size", "4")
    assert dialog.ok_button.isEnabled() and dialog.problems == []
    assert not dialog.editors["emb_dim"].property("invalid")
    assert dialog.head_size_label.text() == "→ head size 32"
    # Live numbers follow after the debounce, from the real meta model.
    qtbot.waitUntil(lambda: dialog.info is not None and dialog.info["config"]["emb_dim"] == 384,
                    timeout=3000)
    assert "batch 4 × 64" in dialog.info_label.text()
    assert f"{dialog.info['parameters']:,}" in dialog.info_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ConfigDialog.DialogCode.Accepted
    gpt = dialog.gpt_config()
    assert gpt == PRESETS["gpt2-124m"].replace(emb_dim=384, n_layers=6, qkv_bias=True)
    train = dialog.train_config()
    assert train == TrainConfig(batch_size=4)
    assert isinstance(train.learning_rate, float) and isinstance(gpt.drop_rate, float)


def test_hidden_train_fields_pass_through(qtbot):
    dlg = ConfigDialog(PRESETS["nano"], TrainConfig(max_steps=77, device="cpu"))
    qtbot.addWidget(dlg)
    assert dlg.train_config() == TrainConfig(max_steps=77, device="cpu")


def test_preset_switch_fills_fields(qtbot, dialog):
    dialog.preset_combo.setCurrentText("nano")
    nano = PRESETS["nano"]
    assert dialog.editors["emb_dim"].text() == str(nano.emb_dim)
    assert dialog.editors["n_layers"].text() == str(nano.n_layers)
    assert dialog.editors["context_length"].text() == str(nano.context_length)
    assert dialog.gpt_config() == nano
    qtbot.waitUntil(lambda: dialog.info["parameters"] == 13_673_984, timeout=3000)
    assert "13,673,984" in dialog.info_label.text()


def test_bad_file_keeps_fields_and_shows_problem(qtbot, dialog, tmp_path, monkeypatch):
    type_into(qtbot, dialog, "n_layers", "6")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"model": {**PRESETS["nano"].to_dict(), "n_heads": 5}}))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), "JSON (*.json)"))
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.editors["n_layers"].text() == "6"
    assert dialog.editors["emb_dim"].text() == "768"
    assert "emb_dim 128 is not divisible by n_heads 5" in dialog.problems_label.text()
    assert "Could not load bad.json" in dialog.problems_label.text()
    assert dialog.ok_button.isEnabled()  # the fields themselves are still fine

    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert not dialog.load_path(broken)
    assert "is not valid JSON" in dialog.problems_label.text()
    type_into(qtbot, dialog, "n_layers", "7")  # the next edit clears the file message
    assert dialog.problems_label.text() == ""


def test_save_load_round_trip(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    type_into(qtbot, dialog, "emb_dim", "512")
    type_into(qtbot, dialog, "n_heads", "8")
    type_into(qtbot, dialog, "drop_rate", "0.25")
    type_into(qtbot, dialog, "learning_rate", "1e-3")
    type_into(qtbot, dialog, "seed", "7")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = json.loads(target.read_text())
    assert saved["model"]["emb_dim"] == 512 and saved["train"]["learning_rate"] == 0.001

    other = ConfigDialog(PRESETS["nano"], TrainConfig())
    qtbot.addWidget(other)
    qtbot.mouseClick(other.load_button, Qt.MouseButton.LeftButton)
    assert other.gpt_config() == dialog.gpt_config() == GPTConfig(
        emb_dim=512, n_heads=8, drop_rate=0.25)
    assert other.train_config() == dialog.train_config() == TrainConfig(learning_rate=1e-3, seed=7)


def test_bare_model_file_keeps_training_fields(qtbot, dialog, tmp_path):
    type_into(qtbot, dialog, "batch_size", "8")
    bare = tmp_path / "micro.json"
    bare.write_text(json.dumps(PRESETS["micro"].to_dict()))
    assert dialog.load_path(bare)
    assert dialog.gpt_config() == PRESETS["micro"]
    assert dialog.train_config().batch_size == 8
    assert dialog.preset_combo.currentText() == "micro"


def test_text_source_must_be_a_file(qtbot, dialog, tmp_path, monkeypatch):
    type_into(qtbot, dialog, "text_source", str(tmp_path / "missing.txt"))
    assert not dialog.ok_button.isEnabled()
    assert dialog.editors["text_source"].property("invalid") is True
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("some text", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(corpus), ""))
    browse = [b for b in dialog.findChildren(type(dialog.load_button)) if b.text() == "Browse…"][0]
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert dialog.ok_button.isEnabled()
    assert dialog.train_config().text_source == str(corpus)


def test_invalid_dialog_refuses_accept(qtbot, dialog):
    type_into(qtbot, dialog, "vocab_size", "")
    assert "vocab_size must be a whole number, but it is a string ('')." in dialog.problems
    dialog.accept()
    assert dialog.result() != ConfigDialog.DialogCode.Accepted
