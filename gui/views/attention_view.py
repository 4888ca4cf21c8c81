"""Attention maps of one layer: which earlier tokens each query token attends to.

The user picks a layer and a head and presses Capture (or lets auto-capture ask about once a
second while training); the view emits captureRequested(layer, heads, sample), which the
window connects to EngineWorker.request_attention. set_capture() only stores the worker's
payload (layer, heads, sample, weights (len(heads), T, T), pool_factor, tokens); refresh(),
driven by the window's 30 Hz timer, paints it into an ImageItem created once.
Row = query token, column = key token; the causal upper triangle is exactly 0 (white).
"""
from __future__ import annotations

from typing import Any

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from gui import palette
from gui.i18n import fill
from gui.refresh import Latest
from engine.session.attention_summary import layer_head_overview
from gui.views.attention_heads import HeadsGrid, HeadsOverview
from gui.views.attention_text import AttentionTextControls
from gui.views.empty_state import empty_state_stack

EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "AttentionView", "Attention maps: pick a layer and head, then press Capture (GPT scenario only).")
NO_MODEL_TEXT = QT_TRANSLATE_NOOP("AttentionView", "Attention maps exist only in the GPT pretraining scenario.")
MAX_TICK_TOKENS = 32  # token strings as axis ticks up to this many tokens
AUTO_INTERVAL_MS = 1000  # auto-capture asks at most this often
MEAN = -1  # head combo data for "mean of all heads"


def attention_colormap() -> pg.ColorMap:
    """Sequential white -> Okabe-Ito blue -> near black: 0 (masked) reads as blank paper."""
    return pg.ColorMap([0.0, 0.15, 0.5, 1.0],
                       [(255, 255, 255), (204, 227, 240), (0, 114, 178), (8, 29, 58)])


def token_label(text: str) -> str:
    """A token as a short visible label: leading spaces and newlines shown, long ones cut."""
    text = text.replace("\n", "⏎").replace("\t", "⇥").replace(" ", "␣")
    return text if len(text) <= 12 else text[:11] + "…"


def _token_texts(tokens) -> list[str] | None:
    if tokens is None:
        return None
    tokens = list(tokens)
    if all(isinstance(t, str) for t in tokens):
        return tokens
    try:  # the worker sends token ids; the GPT-2 tokenizer gives each id's text
        from engine.tokenizer import token_strings
        return token_strings(tokens)
    except Exception:  # noqa: BLE001 - tokenizer files missing: fall back to the ids
        return [str(int(t)) for t in tokens]


def _style_matrix_plot(plot: pg.PlotItem) -> None:
    """A plot read like a matrix: query 0 at the top, plain axis numbers, every token label."""
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.invertY(True)  # query 0 at the top, like a matrix
    plot.setAspectLocked(False)
    plot.setLabel("left", QCoreApplication.translate("AttentionView", "query token"))
    plot.setLabel("bottom", QCoreApplication.translate("AttentionView", "key token (attended to)"))
    for axis in ("left", "bottom"):
        plot.getAxis(axis).enableAutoSIPrefix(False)
    # Token rows are ~15 px apart at 32 tokens: draw every label rather than drop some.
    plot.getAxis("left").setStyle(hideOverlappingLabels=False)
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setTextPen(palette.TEXT)  # the default grey is faint on white


class AttentionView(QWidget):
    captureRequested = Signal(int, object, int)  # layer, heads (list[int] or None = all), sample
    textCaptureRequested = Signal(int, str)  # layer, the learner's text (every head)
    probeRequested = Signal(object)  # the layer to probe while training, or None to stop

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._latest = Latest()
        self.capture = None  # the payload on screen
        self.shown = None  # the (T, T) array now in the image
        self.repaints = 0
        self._dirty = False  # a new head choice repaints the stored payload
        self._running = False
        self._pending_since: float | None = None  # a request not answered yet
        self._tokens: list[str] | None = None

        controls = self._build_controls()
        self._summary = QLabel()
        self._summary.setWordWrap(False)
        self.hover_label = QLabel(" ")
        self.hover_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_plot()
        self.text_controls = AttentionTextControls()
        self.text_controls.textRequested.connect(
            lambda text: self.textCaptureRequested.emit(self.layer_box.value(), text))
        self.text_controls.probeToggled.connect(
            lambda on: self.probeRequested.emit(self.layer_box.value() if on else None))
        self.text_controls.probeChosen.connect(self._show_probe)
        self.heads_grid = HeadsGrid(self.colormap.getLookupTable(nPts=256))
        self.heads_grid.headClicked.connect(self._focus_head)
        self.overview = HeadsOverview()
        self._by_layer: dict[int, Any] = {}  # newest all-heads capture of each layer
        self._probes: list[Any] = []
        self._build_page(controls)

        self._auto_timer = QTimer(self)
        self._auto_timer.setInterval(AUTO_INTERVAL_MS)
        self._auto_timer.timeout.connect(self._auto_capture)
        self.set_model_info(0, 0)

    # --- construction ----------------------------------------------------------------------
    def _build_controls(self) -> QHBoxLayout:
        """Layer, head and sample choosers, Capture and auto-capture, wired and in one row."""
        self.layer_box = QSpinBox()
        self.layer_box.setPrefix(self.tr("layer "))
        self.head_box = QComboBox()
        self.sample_box = QSpinBox()
        self.sample_box.setPrefix(self.tr("sample "))
        self.sample_box.setToolTip(self.tr("Which sequence of the training batch"))
        self.capture_button = QPushButton(self.tr("Capture"))
        self.capture_button.setToolTip(self.tr("Capture this layer's attention on the next training batch"))
        self.auto_box = QCheckBox(self.tr("auto-capture while training"))
        self.auto_box.setToolTip(fill(self.tr("Capture again about every {seconds:g} s while training runs"),
                                      seconds=AUTO_INTERVAL_MS / 1000))
        self.capture_button.clicked.connect(self.request_capture)
        self.all_layers_button = QPushButton(self.tr("All layers"))
        self.all_layers_button.setToolTip(
            self.tr("Capture every head of every layer: fills the layers × heads overview"))
        self.all_layers_button.clicked.connect(self.request_all_layers)
        self.head_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.head_box.currentIndexChanged.connect(self._on_head_changed)
        self.layer_box.valueChanged.connect(self._on_choice_changed)
        self.auto_box.toggled.connect(self._update_auto_timer)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for w in (self.layer_box, self.head_box, self.sample_box, self.capture_button,
                  self.all_layers_button, self.auto_box):
            controls.addWidget(w)
        return controls

    def _build_plot(self) -> None:
        """The plot widget with its image item (created once) and the colour bar."""
        self._plot_widget = pg.PlotWidget(background="w")
        plot = self._plot_widget.getPlotItem()
        _style_matrix_plot(plot)
        self.image_item = pg.ImageItem(axisOrder="row-major")
        self.colormap = attention_colormap()
        self.image_item.setLookupTable(self.colormap.getLookupTable(nPts=256))
        plot.addItem(self.image_item)
        self.color_bar = pg.ColorBarItem(values=(0, 1), colorMap=self.colormap, interactive=False,
                                         width=12, label=self.tr("attention weight"))
        self.color_bar.setImageItem(self.image_item, insert_in=plot)
        self._plot_widget.scene().sigMouseMoved.connect(self._on_hover)

    def _build_page(self, controls: QHBoxLayout) -> None:
        """Controls above; summary, plot and hover line in an empty-state stack below."""
        plot_area = QWidget()
        plot_layout = QVBoxLayout(plot_area)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()  # what is shown, and the cell under the mouse, in one row
        top.addWidget(self._summary)
        top.addWidget(self.hover_label, 1)
        plot_layout.addLayout(top)
        maps = QHBoxLayout()
        maps.addWidget(self._plot_widget, 3)
        maps.addWidget(self.heads_grid, 3)
        maps.addWidget(self.overview, 2)
        plot_layout.addLayout(maps, 1)

        hint = QCoreApplication.translate("AttentionView", EMPTY_TEXT)
        self._stack, self._empty = empty_state_stack(hint, plot_area)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        controls.addWidget(self.text_controls, 1)  # one row of controls: the maps keep the height
        layout.addLayout(controls)
        layout.addWidget(self._stack, 1)
        self.setMinimumHeight(160)

    # --- configuration ---------------------------------------------------------------------
    def set_model_info(self, n_layers: int, n_heads: int, batch_size: int | None = None) -> None:
        """Ranges of the choosers from the model config; 0 layers = no attention (not GPT)."""
        has_model = n_layers > 0 and n_heads > 0
        self.layer_box.setRange(0, max(0, n_layers - 1))
        head = self.head_box.currentData()
        self.head_box.blockSignals(True)
        self.head_box.clear()
        for h in range(max(0, n_heads)):
            self.head_box.addItem(fill(self.tr("head {head}"), head=h), h)
        if n_heads > 1:
            self.head_box.addItem(self.tr("mean of all heads"), MEAN)
        i = self.head_box.findData(head)
        self.head_box.setCurrentIndex(max(0, i))
        self.head_box.blockSignals(False)
        self.sample_box.setRange(0, max(0, (batch_size or 1) - 1))
        self.sample_box.setVisible(bool(batch_size and batch_size > 1))
        for w in (self.layer_box, self.head_box, self.sample_box, self.capture_button,
                  self.all_layers_button, self.auto_box, self.text_controls):
            w.setEnabled(has_model)
        self._empty.setText(QCoreApplication.translate("AttentionView", EMPTY_TEXT if has_model else NO_MODEL_TEXT))
        if not has_model:
            self.clear()
        self._update_auto_timer()

    def set_engine_state(self, state: str) -> None:
        """Connect to EngineWorker.stateChanged: auto-capture runs only while training runs."""
        self._running = state == "running"
        self._update_auto_timer()

    # --- requests --------------------------------------------------------------------------
    def chosen_heads(self) -> list[int] | None:
        head = self.head_box.currentData()
        return None if head is None or head == MEAN else [int(head)]

    def request_capture(self) -> None:
        if not self.capture_button.isEnabled():
            return
        self._pending_since = time.monotonic()
        self.captureRequested.emit(self.layer_box.value(), self.chosen_heads(), self.sample_box.value())

    def request_all_layers(self) -> None:
        """Every head of every layer (the overview); the big map keeps the chosen layer."""
        if not self.capture_button.isEnabled():
            return
        chosen = self.layer_box.value()
        for layer in [*(i for i in range(self.layer_box.maximum() + 1) if i != chosen), chosen]:
            self.captureRequested.emit(layer, None, self.sample_box.value())

    def _auto_capture(self) -> None:
        # One request in flight at a time (or a lost one given up after 5 s): never flood the worker.
        if self._pending_since is None or time.monotonic() - self._pending_since > 5.0:
            self.request_capture()

    def _update_auto_timer(self, *_):
        if self.auto_box.isChecked() and self._running and self.auto_box.isEnabled():
            if not self._auto_timer.isActive():
                self._auto_timer.start()
        else:
            self._auto_timer.stop()

    def _on_choice_changed(self, *_):
        if self.auto_box.isChecked():
            self._pending_since = None
            self.request_capture()

    def _on_head_changed(self, *_):
        self._dirty = True  # the stored capture may already hold this head (or allow the mean)
        capture = self.capture if self.capture is not None else self._latest.peek()
        heads = list(capture.heads) if capture is not None else []
        wanted = self.chosen_heads()
        if wanted is None or wanted[0] not in heads:
            self._on_choice_changed()

    # --- data in ---------------------------------------------------------------------------
    def set_capture(self, capture: Any) -> None:  # engine.probes.attention.AttentionCapture
        """Store the newest attentionCaptured payload; painting waits for refresh()."""
        self._pending_since = None
        self._latest.set(capture)

    def clear(self) -> None:
        self._latest.clear()
        self.capture = None
        self.shown = None
        self._by_layer, self._probes = {}, []
        self.text_controls.probe.setChecked(False)
        self.text_controls.show_probes([])
        self._stack.setCurrentIndex(0)

    def add_probe(self, capture: Any) -> None:
        """A probe capture recorded while training: the slider grows by one step."""
        self._probes.append(capture)
        self.text_controls.show_probes([c.step for c in self._probes])
        if self.text_controls.slider.value() == len(self._probes) - 1:
            self.set_capture(capture)

    def _show_probe(self, index: int) -> None:
        if 0 <= index < len(self._probes):
            self.text_controls.show_probes([c.step for c in self._probes], follow_newest=False)
            self.set_capture(self._probes[index])

    def _focus_head(self, head: int) -> None:
        index = self.head_box.findData(head)
        if index >= 0:
            self.head_box.setCurrentIndex(index)

    def is_empty(self) -> bool:
        return self.capture is None

    def refresh(self) -> None:
        capture = self._latest.take()
        if capture is None and not (self._dirty and self.capture is not None):
            return
        self._dirty = False
        if capture is not None:
            self.capture = capture
            self._set_tokens(capture)
        self.repaints += 1
        matrix, which = self._matrix(self.capture)
        self.shown = matrix
        self.image_item.setImage(matrix, autoLevels=False, levels=(0.0, 1.0))
        t_q, t_k = matrix.shape
        self.image_item.setRect(0, 0, t_k, t_q)  # cell (i, j) spans [j, j+1] x [i, i+1]
        plot = self._plot_widget.getPlotItem()
        plot.setRange(xRange=(0, t_k), yRange=(0, t_q), padding=0)
        self._set_ticks(t_q)
        self._summary.setText(self._summary_text(which, t_q))
        self._show_all_heads(self.capture)
        self._stack.setCurrentIndex(1)

    def _summary_text(self, which: str, rows: int) -> str:
        """"layer 1 · head 0 · sample 0 · 12 tokens", then pooling and where the text came from."""
        capture = self.capture
        factor = int(capture.pool_factor or 1)
        tokens = rows * factor if factor > 1 else rows
        parts = [fill(self.tr("layer {layer}"), layer=capture.layer), which,
                 fill(self.tr("sample {sample}"), sample=capture.sample), self.tr("%n tokens", "", tokens)]
        if factor > 1:
            parts.append(fill(self.tr("pooled {f}×{f}: each cell averages {f}×{f} positions"), f=factor))
        if capture.source == "prompt":
            parts.append(self.tr("your text"))
        elif capture.source != "batch":
            parts.append(fill(self.tr("probe at step {step}"), step=capture.step))
        return " · ".join(parts)

    def _show_all_heads(self, capture: Any) -> None:
        """The grid of every head (when the capture has them) and the layers × heads overview."""
        heads = list(capture.heads)
        weights = np.asarray(capture.weights, dtype=np.float32)
        self.heads_grid.setVisible(len(heads) > 1)
        if len(heads) > 1:
            self.heads_grid.show_capture(weights, heads)
            if capture.source == "batch":
                self._by_layer[capture.layer] = capture
        n_layers, n_heads = self.layer_box.maximum() + 1, max(1, self.head_box.count() - 1)
        self.overview.setVisible(bool(self._by_layer))
        if self._by_layer:
            self.overview.show_grid(layer_head_overview(self._by_layer, n_layers, n_heads))

    # --- internals -------------------------------------------------------------------------
    def _matrix(self, capture) -> tuple[np.ndarray, str]:
        """The (T, T) map to show and what it is ("head 1", "mean of 2 heads")."""
        weights = np.asarray(capture.weights, dtype=np.float32)
        heads = list(capture.heads)
        wanted = self.head_box.currentData()
        if wanted in heads:
            return weights[heads.index(wanted)], fill(self.tr("head {head}"), head=wanted)
        if wanted == MEAN and (count := len(heads)) > 1:
            return weights.mean(axis=0), self.tr("mean of %n heads", "", count)
        return weights[0], fill(self.tr("head {head}"), head=heads[0])  # what was captured; more is on its way

    def _set_tokens(self, capture) -> None:
        factor = int(capture.pool_factor or 1)
        texts = _token_texts(capture.tokens)
        self._tokens = texts if factor == 1 else None  # pooled cells cover several tokens

    def _set_ticks(self, n: int) -> None:
        plot = self._plot_widget.getPlotItem()
        left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
        if self._tokens is not None and n <= MAX_TICK_TOKENS and len(self._tokens) >= n:
            # Query rows get "index token"; key columns only the index (horizontal labels collide).
            labels = [f"{i} {token_label(self._tokens[i])}" for i in range(n)]
            every = max(1, -(-n * 13 // max(self._plot_widget.height() - 50, 13)))  # ≥ 13 px apart
            left.setTicks([[(i + 0.5, text) for i, text in enumerate(labels) if i % every == 0]])
            fm = self.fontMetrics()
            left.setWidth(max(fm.horizontalAdvance(t) for t in labels) + 28)  # room for the axis title
            step = 1 if n <= 12 else (2 if n <= 24 else 4)
            bottom.setTicks([[(i + 0.5, str(i)) for i in range(0, n, step)]])
        else:
            left.setTicks(None)
            bottom.setTicks(None)
            left.setWidth(None)

    def _on_hover(self, scene_pos) -> None:
        if self.shown is None:
            return
        vb = self._plot_widget.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return
        p = vb.mapSceneToView(scene_pos)
        row, col = int(np.floor(p.y())), int(np.floor(p.x()))
        t_q, t_k = self.shown.shape
        if not (0 <= row < t_q and 0 <= col < t_k):
            self.hover_label.setText(" ")
            return
        self.hover_label.setText(self.hover_text(row, col))

    def hover_text(self, row: int, col: int) -> str:
        value = float(self.shown[row, col])
        if self._tokens is not None:
            q, k = token_label(self._tokens[row]), token_label(self._tokens[col])
            where = fill(self.tr("query {row} '{q}' → key {col} '{k}'"), row=row, q=q, col=col, k=k)
        else:
            f = int(self.capture.pool_factor or 1)
            where = fill(self.tr("queries {q0}–{q1} → keys {k0}–{k1}"),
                         q0=row * f, q1=row * f + f - 1, k0=col * f, k1=col * f + f - 1)
        masked = " " + self.tr("(masked: a token never sees later ones)") if col > row else ""
        return fill("{where}: {value:.4f}{masked}", where=where, value=value, masked=masked)
