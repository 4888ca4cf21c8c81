"""Generate text with the model as it is now, and see why each token was picked.

The learner sets a prompt, temperature, top-k, top-p and a seed; the session asks the engine
(between two training steps, the model's state untouched) and a GenerationFinished comes
back. Generated tokens are links: a click shows that position's ten most likely next tokens
as bars: the model's probability (filled) and the probability the draw used after
temperature / top-k / top-p (outlined). "Every N steps" regenerates while training.
"""
from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QLayout, QLineEdit,
                               QPushButton, QSpinBox, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from engine.learn.generation_records import (MAX_NEW_TOKENS, TOP_N, GeneratedToken, Generation,
                                             GenerationSettings)
from gui import palette
from gui.i18n import fill, render
from gui.refresh import Latest
from gui.views.tensor_widgets import wrapping_label

NARROW = 720
WIDE = 1300  # the settings fit in one row
DEFAULT_PROMPT = "Every effort moves you"  # the model learns English text: the prompt stays English


def _spin(low: float, high: float, value: float, step: float = 1, decimals: int = 0, tip: str = ""):
    box = QDoubleSpinBox() if decimals else QSpinBox()
    if decimals:
        box.setDecimals(decimals)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setValue(value)
    box.setToolTip(tip)
    box.setMaximumWidth(90)
    return box


def percent(p: float) -> str:
    """0.1234 -> "12.3%"; tiny probabilities keep two significant digits ("0.0042%"); the
    locale's decimal comma."""
    return fill("{p:.1f}%" if p >= 0.001 or p == 0 else "{p:.2g}%", p=100 * p)


class GenerationView(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.latest = Latest()  # the newest GenerationFinished, until the next refresh
        self.generation: Generation | None = None
        self.selected: int | None = None  # index into generation.tokens
        self.waiting = False
        self.prompt = QLineEdit(DEFAULT_PROMPT)
        self.prompt.returnPressed.connect(self.request)
        self.button = QPushButton(self.tr("Generate"))
        self.button.clicked.connect(self.request)
        self.tokens = _spin(1, MAX_NEW_TOKENS, 20, tip=self.tr("How many tokens to generate"))
        self.temperature = _spin(0, 10, 1.0, 0.1, 2, self.tr("0: always the most likely token (greedy); "
                                                             "below 1 sharper, above 1 flatter"))
        self.top_k = _spin(0, 50257, 0, tip=self.tr("Draw among the k most likely tokens (0: all)"))
        self.top_p = _spin(0.01, 1.0, 1.0, 0.05, 2, self.tr("Draw among the most likely tokens whose "
                                                            "probabilities add up to p (1: all)"))
        self.seed = _spin(0, 999_999, 123, tip=self.tr("The same seed draws the same tokens"))
        self.every = _spin(0, 100000, 0, tip=self.tr("While training, generate again every N steps (0: off)"))
        self.status = wrapping_label()
        self.output = QTextBrowser()
        self.output.setOpenLinks(False)
        self.output.anchorClicked.connect(self._on_link)
        self.chart = pg.PlotWidget(background="w")
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.invertY(True)  # the most likely on top
        self.chart.setLabel("bottom", self.tr("probability"))
        self.chart.getAxis("bottom").enableAutoSIPrefix(False)
        self.chart.setXRange(0, 1, padding=0.02)
        self.model_bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush=palette.PARAMETER)
        self.draw_bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush=None,
                                         pen=pg.mkPen(palette.BLACK, width=1.5, style=Qt.PenStyle.DashLine))
        self.chart.addItem(self.model_bars)
        self.chart.addItem(self.draw_bars)
        self.chart_title = wrapping_label()
        self._layout()
        self._show_generation(None)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Prompt")))
        top.addWidget(self.prompt, 1)
        top.addWidget(self.button)
        self.settings_grid = grid = QGridLayout()
        self._pairs = []
        for name, box in ((self.tr("tokens"), self.tokens), (self.tr("temp."), self.temperature),
                          ("top-k", self.top_k), ("top-p", self.top_p), (self.tr("seed"), self.seed),
                          (self.tr("every N"), self.every)):
            label = QLabel(name)
            label.setToolTip(box.toolTip())
            self._pairs.append((label, box))
        self._place_settings(3)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addLayout(grid)
        box.addWidget(self.status)
        box.addWidget(self.output, 1)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.chart_title)
        rbox.addWidget(self.chart, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # narrow docks stack the panes
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addWidget(self.splitter)

    def _place_settings(self, per_row: int) -> None:
        """The six settings in rows of `per_row` (one row when the dock is wide)."""
        self._per_row = per_row
        for i, (label, box) in enumerate(self._pairs):
            self.settings_grid.addWidget(label, i // per_row, 2 * (i % per_row), Qt.AlignmentFlag.AlignRight)
            self.settings_grid.addWidget(box, i // per_row, 2 * (i % per_row) + 1)

    # ------------------------------------------------------------------ session

    def connect_session(self, adapter) -> None:
        adapter.generationFinished.connect(self.latest.set)
        adapter.stepAdded.connect(self.on_step)
        adapter.modelRebuilding.connect(lambda _e: self.clear())

    def settings(self) -> GenerationSettings:
        return GenerationSettings(max_new_tokens=int(self.tokens.value()),
                                  temperature=round(float(self.temperature.value()), 4),
                                  top_k=int(self.top_k.value()), top_p=round(float(self.top_p.value()), 4),
                                  seed=int(self.seed.value()))

    def request(self) -> None:
        """Ask the session for a generation (the answer arrives as GenerationFinished)."""
        if self.waiting:
            return
        self.waiting = self.session.generate(self.prompt.text(), self.settings())
        if self.waiting:
            self.status.setText(self.tr("Generating between two training steps…"))
            self.button.setEnabled(False)

    def on_step(self, event) -> None:
        every = int(self.every.value())
        if every and event.record.step % every == 0 and not self.waiting:
            self.request()

    def clear(self) -> None:
        self.latest.clear()
        self.waiting = False
        self.button.setEnabled(True)
        self._show_generation(None)

    def refresh(self) -> None:
        """At most 30 Hz (the window's refresh timer): show the newest answer."""
        finished = self.latest.take()
        if finished is None:
            return
        self.waiting = False
        self.button.setEnabled(True)
        if finished.result is None:
            self.status.setText(render(finished.message))
            self.status.setStyleSheet(f"color: {palette.VERMILLION};")
            return
        self._show_generation(finished.result)

    # ------------------------------------------------------------------ showing

    def _show_generation(self, generation: Generation | None) -> None:
        self.generation = generation
        self.status.setStyleSheet("")
        if generation is None:
            self.output.setHtml("")
            self.status.setText(self.tr("Press Generate to continue the prompt with the model as it is now "
                                        "(GPT pretraining scenario)."))
            self.select(None)
            return
        count = len(generation.tokens)
        self.status.setText(fill(self.tr("Model at step {step:,} · %n tokens · {how}. "
                                         "Click a generated token for its candidates.", "", count),
                                 step=generation.step, how=self._how_text(generation.settings)))
        keep = self.selected if self.selected is not None and self.selected < len(generation.tokens) else 0
        self.select(keep if generation.tokens else None)

    def _how_text(self, s: GenerationSettings) -> str:
        """"greedy", or "temperature 0.8, top-k 40, top-p 0.9, seed 123" (limits only when set)."""
        if s.temperature == 0:
            return self.tr("greedy")
        parts = [fill(self.tr("temperature {t:g}"), t=s.temperature)]
        if s.top_k:
            parts.append(fill("top-k {k}", k=s.top_k))
        if s.top_p < 1:
            parts.append(fill("top-p {p:g}", p=s.top_p))
        parts.append(fill(self.tr("seed {seed}"), seed=s.seed))
        return ", ".join(parts)

    def _output_html(self) -> str:
        g = self.generation
        prompt = html.escape(g.prompt) if g.prompt else \
            "<i>" + html.escape(self.tr("(empty prompt: starts at <|endoftext|>)")) + "</i>"
        parts = [f'<span style="color:#555555;">{prompt}</span>']
        for i, token in enumerate(g.tokens):
            back = palette.tint(palette.INPUT, 0.6).name() if i == self.selected else \
                palette.tint(palette.GROUP, 0.15 + 0.6 * token.chosen.probability).name()
            text = html.escape(token.chosen.text.replace("·", " ").replace("↵", "\n"))
            parts.append(f'<a href="tok:{i}" style="color:#1A1A1A;text-decoration:none;'
                         f'background-color:{back};">{text}</a>')
        return "<div style='white-space:pre-wrap;line-height:150%;'>" + "".join(parts) + "</div>"

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("tok:"):
            self.select(int(text[4:]))

    def select(self, index: int | None) -> None:
        """Show the candidates of generated token `index` in the chart."""
        self.selected = index
        if self.generation is not None:
            self.output.setHtml(self._output_html())
        token = self.generation.tokens[index] if self.generation is not None and index is not None else None
        self._show_candidates(token)

    def _show_candidates(self, token: GeneratedToken | None) -> None:
        top = token.top if token is not None else ()
        ys = list(range(len(top)))
        brushes = [palette.GRADIENT if c.token_id == token.chosen.token_id else palette.PARAMETER for c in top]
        self.model_bars.setOpts(x0=[0] * len(top), y=ys, width=[c.probability for c in top], brushes=brushes)
        self.draw_bars.setOpts(x0=[0] * len(top), y=ys, width=[c.sampling_probability for c in top])
        ticks = [(i, f"{c.text[:14]}  {percent(c.probability)}") for i, c in enumerate(top)]
        self.chart.getAxis("left").setTicks([ticks])
        self.chart.setYRange(-0.6, TOP_N - 0.4, padding=0)
        if top:
            widest = max(max(c.probability for c in top), max(c.sampling_probability for c in top))
            self.chart.setXRange(0, max(1e-4, min(1.0, widest * 1.1)), padding=0)
        if token is None:
            self.chart_title.setText(self.tr("Top-10 next tokens: click a generated token."))
            return
        outside = "" if any(c.token_id == token.chosen.token_id for c in token.top) else \
            self.tr(", not among the 10 most likely")
        self.chart_title.setText(fill(self.tr(
            "Position {position}: drew '{token}'{outside} (model {model}, draw {draw}). Filled: the model's "
            "softmax; dashed: after temperature/top-k/top-p; all other tokens: {rest}."),
            position=token.position, token=token.chosen.text, outside=outside,
            model=percent(token.chosen.probability), draw=percent(token.chosen.sampling_probability),
            rest=percent(token.rest_probability)))

    def resizeEvent(self, event) -> None:
        orientation = Qt.Orientation.Vertical if event.size().width() < NARROW else Qt.Orientation.Horizontal
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)
            along = event.size().height() if orientation == Qt.Orientation.Vertical else event.size().width()
            self.splitter.setSizes([int(along * 0.55), int(along * 0.45)])
        per_row = 6 if event.size().width() >= WIDE else 3
        if per_row != self._per_row:
            self._place_settings(per_row)
        super().resizeEvent(event)
