"""The config dialog: the model's seven GPT_CONFIG keys and the training settings.

Every edit re-validates with engine.config's own validators, so the dialog shows exactly the
messages the CLI would; typed text is parsed strictly (no silent casts), and what does not
parse is handed to the validator as the raw string so its message names it. Live model
size, memory and FLOPs come from engine.info.model_info on the meta device, debounced.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSizePolicy, QTabWidget, QVBoxLayout, QWidget)

from engine.config import (ConfigError, ConfigProblem, GPTConfig, TrainConfig, load_gpt_config,
                           load_train_config, validate_gpt_dict, validate_train_dict)
from engine.info import model_info
from engine.presets import PRESET_ORDER, PRESETS
from engine.safe_write import write_file_atomic
from engine.session.spec import CUSTOM_PRESET
from gui.dialogs.config_fields import (MODEL_FIELDS, STYLE, TRAIN_FIELDS, explanation, info_html,
                                      parse_float, parse_int, shorten, to_text)
from gui.i18n import fill, render

CUSTOM = CUSTOM_PRESET  # preset combo entry while the model fields match no preset
INFO_DEBOUNCE_MS = 150
MAX_LIVE_LAYERS = 256  # building the meta model costs ~1.7 ms per block: skip beyond this

class ConfigDialog(QDialog):
    """Edit a GPTConfig and a TrainConfig; OK only while both validate.

    After accept, gpt_config() / train_config() return the edited configs. Training fields
    the dialog does not show (max_steps, device) keep the values passed in (or loaded).
    """

    def __init__(self, gpt_cfg: GPTConfig, train_cfg: TrainConfig, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Config — model and training"))
        self.setStyleSheet(STYLE)
        self._hidden_train = {k: v for k, v in train_cfg.to_dict().items() if k not in
                              {key for key, _, _ in TRAIN_FIELDS}}
        self.editors: dict[str, QLineEdit | QCheckBox] = {}
        self.problems: list[str] = []  # the current fields' problems (they block OK)
        self._file_problems: list[str] = []  # last Load…/Save… failure (does not block OK)
        self._syncing = False
        self._last_info_key: tuple | None = None
        self.info: dict | None = None  # latest engine.info.model_info result

        self._info_timer = QTimer(self, singleShot=True, interval=INFO_DEBOUNCE_MS)
        self._info_timer.timeout.connect(self._update_info)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top_bar())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_form(MODEL_FIELDS), self.tr("Model"))
        self.tabs.addTab(self._build_form(TRAIN_FIELDS), self.tr("Training"))
        layout.addWidget(self.tabs)

        line = QFrame(frameShape=QFrame.Shape.HLine, frameShadow=QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.info_label = QLabel(textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)
        self.problems_label = QLabel(objectName="problems", wordWrap=True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A pasted 5,000-digit number must not widen the dialog past the screen.
        self.problems_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.problems_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        self._fill(gpt_cfg.to_dict())
        self._fill(train_cfg.to_dict())
        self._revalidate()
        self._update_info()  # first numbers at once; later ones debounced
        self.resize(max(self.sizeHint().width(), 760), self.sizeHint().height())

    # ------------------------------------------------------------------ building

    def _build_top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        title = QLabel(self.tr("Model config"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Preset")))
        self.preset_combo = QComboBox()
        self.preset_combo.addItems(PRESET_ORDER)
        self.preset_combo.setToolTip(self.tr("Fill the model fields with a named config"))
        self.preset_combo.currentTextChanged.connect(self._preset_chosen)
        bar.addWidget(self.preset_combo)
        self.load_button = QPushButton(self.tr("Load…"), toolTip=self.tr(
            "Read a config JSON file ({\"model\": …, \"train\": …} or the seven model keys)"))
        self.load_button.clicked.connect(self.load_from_file)
        self.save_button = QPushButton(self.tr("Save…"), toolTip=self.tr("Write both configs as one JSON file"))
        self.save_button.clicked.connect(self.save_to_file)
        bar.addWidget(self.load_button)
        bar.addWidget(self.save_button)
        return bar

    def _build_form(self, spec) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(12)
        for row, (key, kind, english) in enumerate(spec):
            said = explanation(english)
            name = QLabel(key, objectName="fieldName")
            grid.addWidget(name, row, 0)
            if kind == "bool":
                editor = QCheckBox()
                editor.toggled.connect(self._edited)
                grid.addWidget(editor, row, 1)
            else:
                editor = QLineEdit()
                editor.textEdited.connect(self._edited)
                if kind == "path":  # a wide editor and Browse…, the explanation below
                    cell = QHBoxLayout()
                    cell.setSpacing(8)
                    cell.addWidget(editor, 1)
                    browse = QPushButton(self.tr("Browse…"), toolTip=self.tr("Choose a UTF-8 .txt file to train on"))
                    browse.clicked.connect(self._browse_text)
                    cell.addWidget(browse)
                    grid.addLayout(cell, row, 1, 1, 3)
                    grid.addWidget(QLabel(said), row + 1, 1, 1, 3)
                    self.editors[key] = editor
                    continue
                editor.setFixedWidth(110)
                grid.addWidget(editor, row, 1)
            name.setBuddy(editor)
            editor.setToolTip(f"{key}: {said}")
            self.editors[key] = editor
            if key == "n_heads":  # the explanation, then the head size it implies
                cell = QHBoxLayout()
                cell.setSpacing(24)
                cell.addWidget(QLabel(said))
                self.head_size_label = QLabel()
                cell.addWidget(self.head_size_label)
                cell.addStretch(1)
                grid.addLayout(cell, row, 2, 1, 2)
            else:
                grid.addWidget(QLabel(said), row, 2, 1, 2)
        grid.setRowStretch(grid.rowCount(), 1)
        return page

    # ------------------------------------------------------------------ values

    def _fill(self, values: dict[str, Any]) -> None:
        """Put `values` into the editors without re-validating per field."""
        for key, value in values.items():
            editor = self.editors.get(key)
            if editor is None:
                if key in TrainConfig.__dataclass_fields__:
                    self._hidden_train[key] = value
                continue
            editor.blockSignals(True)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            else:
                editor.setText(to_text(value))
                editor.setCursorPosition(0)
            editor.blockSignals(False)

    def _values(self, spec) -> dict[str, Any]:
        values = {}
        for key, kind, _ in spec:
            editor = self.editors[key]
            if kind == "bool":
                values[key] = editor.isChecked()
            elif kind == "int":
                values[key] = parse_int(editor.text())
            elif kind == "float":
                values[key] = parse_float(editor.text())
            else:
                values[key] = editor.text().strip()
        return values

    def model_values(self) -> dict[str, Any]:
        return self._values(MODEL_FIELDS)

    def train_values(self) -> dict[str, Any]:
        return {**self._hidden_train, **self._values(TRAIN_FIELDS)}

    def gpt_config(self) -> GPTConfig:
        """The edited model config; raises ConfigError while the fields are invalid."""
        return GPTConfig.from_dict(self.model_values())

    def train_config(self) -> TrainConfig:
        """The edited training config (checked against the model's context_length)."""
        return TrainConfig.from_dict(self.train_values(), self.gpt_config())

    # ------------------------------------------------------------------ validation

    def _edited(self, *_):
        self._file_problems = []
        self._revalidate()

    def _revalidate(self) -> None:
        model = self.model_values()
        problems = validate_gpt_dict(model)
        gpt = None if problems else GPTConfig(**model)
        train = self.train_values()
        problems += validate_train_dict(train, gpt)
        source = train.get("text_source")
        if isinstance(source, str) and source and source != "default" and not Path(source).is_file():
            problems.append(ConfigProblem("text_source", self.tr(
                "text_source '{source}' is not a file; choose a .txt file or type 'default' for the "
                "embedded text.").format(source=source)))
        self.problems = [p.message for p in problems]

        bad = {name for p in problems for name in p.fields()}
        for key, editor in self.editors.items():
            invalid = key in bad
            if isinstance(editor, QLineEdit) and editor.property("invalid") != invalid:
                editor.setProperty("invalid", invalid)
                editor.style().unpolish(editor)
                editor.style().polish(editor)
        for index, spec in enumerate((MODEL_FIELDS, TRAIN_FIELDS)):  # flag the hidden tab too
            title = self.tabs.tabText(index).removesuffix(" ⚠")
            flagged = any(key in bad for key, _, _ in spec)
            self.tabs.setTabText(index, title + (" ⚠" if flagged else ""))
        lines = [f"⚠ {shorten(render(p))}" for p in self._file_problems + self.problems]
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(lines))
        self.ok_button.setEnabled(not problems)
        self.save_button.setEnabled(not problems)

        heads = model["emb_dim"], model["n_heads"]
        if all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in heads):
            emb, n = heads
            self.head_size_label.setText(
                fill(self.tr("→ head size {size}"), size=emb // n) if emb % n == 0 else
                fill(self.tr("→ head size {emb}/{n} ≈ {size:.2f}, not whole"), emb=emb, n=n, size=emb / n))
        else:
            self.head_size_label.setText("")
        self._sync_preset(gpt)
        self._info_timer.start()

    def _sync_preset(self, gpt: GPTConfig | None) -> None:
        """Show the preset the model fields match, or "custom"."""
        name = next((n for n, cfg in PRESETS.items() if cfg == gpt), CUSTOM)
        custom_text = self.tr("custom")  # preset names stay; "custom" is a word
        custom = self.preset_combo.findText(custom_text)
        self._syncing = True
        if name == CUSTOM and custom < 0:
            self.preset_combo.addItem(custom_text)
        self.preset_combo.setCurrentText(custom_text if name == CUSTOM else name)
        if name != CUSTOM and custom >= 0:
            self.preset_combo.removeItem(custom)
        self._syncing = False

    def _preset_chosen(self, name: str) -> None:
        if self._syncing or name not in PRESETS:
            return
        self._fill(PRESETS[name].to_dict())
        self._edited()

    # ------------------------------------------------------------------ live info

    def _info_inputs(self) -> tuple | None:
        model, train = self.model_values(), self.train_values()
        if validate_gpt_dict(model):
            return None
        batch = train.get("batch_size")
        context = train.get("max_length")
        ok = lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0  # noqa: E731
        return (GPTConfig(**model), batch if ok(batch) else TrainConfig.batch_size,
                context if ok(context) else model["context_length"])

    def _update_info(self) -> None:
        inputs = self._info_inputs()
        if inputs == self._last_info_key and inputs is not None:
            return
        self._last_info_key = inputs
        if inputs is None:
            self._info_note(self.tr("Model numbers appear once the model fields are valid."))
            return
        cfg, batch, context = inputs
        if cfg.n_layers > MAX_LIVE_LAYERS:
            self._info_note(fill(self.tr("Over {layers} layers: too many to count live."), layers=MAX_LIVE_LAYERS))
            return
        # Sizes the validator accepts can still overflow torch's 64-bit shape arithmetic
        # (the causal mask alone holds context_length² entries).
        rough = (2 * cfg.vocab_size * cfg.emb_dim + cfg.context_length * cfg.emb_dim
                 + 12 * cfg.n_layers * cfg.emb_dim ** 2 + cfg.context_length ** 2)
        if rough >= 2 ** 62:
            self._info_note(self.tr("These sizes are too large to count."))
            return
        try:
            info = model_info(cfg, batch_size=batch, context=context)
        except Exception as exc:  # display only: say so, never take the dialog down
            reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
            self._info_note(self.tr("Model numbers unavailable for these sizes: {reason}").format(reason=reason))
            return
        self.info = info
        self.info_label.setText(info_html(info))

    def _info_note(self, text: str) -> None:
        """A sentence in place of the numbers, in italics."""
        self.info_label.setText(f"<i>{html.escape(text)}</i>")

    # ------------------------------------------------------------------ files

    def _browse_text(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Text to train on"), "",
                                              self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.editors["text_source"].setText(path)
            self._edited()

    def load_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load config"), "",
                                              self.tr("JSON (*.json);;All files (*)"))
        if path:
            self.load_path(path)

    def load_path(self, path: str | Path) -> bool:
        """Fill the fields from a config JSON; on any problem keep the fields and say why."""
        try:
            gpt = load_gpt_config(path)
            train = load_train_config(path, gpt) if _has_train_section(path) else None
        except ConfigError as exc:
            self._file_problems = [self.tr("Could not load {name}, kept your settings: {problem}").format(
                name=Path(path).name, problem=render(m)) for m in exc.messages()]
            self._revalidate()
            return False
        self._fill(gpt.to_dict())
        if train is not None:
            self._fill(train.to_dict())
        self._file_problems = []
        self._revalidate()
        return True

    def save_to_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save config"), "config.json", "JSON (*.json)")
        if path:
            self.save_path(path)

    def save_path(self, path: str | Path) -> bool:
        """Write {"model": …, "train": …}; only a valid config is written."""
        try:
            data = {"model": self.gpt_config().to_dict(), "train": self.train_config().to_dict()}
        except ConfigError:
            return False  # Save… is disabled then; the problems are already listed
        try:
            # a crash mid-save leaves the old file or the new one, never a mix
            write_file_atomic(Path(path), (json.dumps(data, indent=2) + "\n").encode("utf-8"))
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            self._file_problems = [self.tr("Could not save {path}: {reason}.").format(path=path, reason=reason)]
            self._revalidate()
            return False
        return True

    # ------------------------------------------------------------------ closing

    def accept(self) -> None:
        self._revalidate()  # the fields as they are now, however they were filled
        if self.problems:  # Enter in a field while OK is disabled
            return
        super().accept()


def _has_train_section(path: str | Path) -> bool:
    """True for a combined {"model": …, "train": …} file (already read once successfully)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and isinstance(data.get("train"), dict)
