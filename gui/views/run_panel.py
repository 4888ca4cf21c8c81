"""The Run dock: a recorded run's name, a step slider, what each view shows at that step
(the nearest recorded step, said so), Trace this step (naming the step it traces) and Close
run. Reads session.viewed."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSlider, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from gui.i18n import fill, render

EMPTY_TEXT = QT_TRANSLATE_NOOP("RunPanel", "No run open. File → Open run… shows a recorded run; "
                               "File → Follow run… one being written.")


RANK_COLUMNS = [QT_TRANSLATE_NOOP("RunPanel", "rank"), QT_TRANSLATE_NOOP("RunPanel", "step"),
                QT_TRANSLATE_NOOP("RunPanel", "local loss"),
                QT_TRANSLATE_NOOP("RunPanel", "grad norm (before all-reduce)"),
                QT_TRANSLATE_NOOP("RunPanel", "step time"), QT_TRANSLATE_NOOP("RunPanel", "tokens/s")]


class RunPanel(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.title = QLabel(self._empty_text())
        self.title.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.slider.setToolTip(self.tr("Pick a step: every view shows the run's values recorded nearest it"))
        self.slider.valueChanged.connect(self._on_slider)
        self.at_label = QLabel("")
        self.at_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trace_button = QPushButton(self.tr("Trace this step"))
        self.trace_button.setToolTip(self.tr("Load the run's checkpoint of the step before this one as a "
                                             "new model and trace this step's backward pass as it ran"))
        self.trace_button.clicked.connect(session.trace_viewed_step)
        self.close_button = QPushButton(self.tr("Close run"))
        self.close_button.setToolTip(self.tr("Back to the live model"))
        self.close_button.clicked.connect(session.close_run)
        self.ranks = QTableWidget(0, len(RANK_COLUMNS))
        self.ranks.setHorizontalHeaderLabels([QCoreApplication.translate("RunPanel", c) for c in RANK_COLUMNS])
        self.ranks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.ranks.verticalHeader().setVisible(False)
        self.ranks.setToolTip(self.tr("Data-parallel runs: each process's own numbers at the chosen step"))
        self.ranks.hide()
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.trace_button)
        row.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 2, 4, 2)
        box.addWidget(self.title)
        box.addLayout(row)
        box.addWidget(self.at_label)
        box.addWidget(self.ranks)
        self._show_buttons(False)

    def show_run(self, viewed) -> None:
        """A run was opened (or grew): the slider spans its steps."""
        template = (self.tr("Run {title} · following · steps {first}–{last}") if viewed.following
                    else self.tr("Run {title} · steps {first}–{last}"))
        self.title.setText(fill(template, title=str(viewed.title), first=viewed.first_step,
                                last=viewed.last_step))
        self.slider.blockSignals(True)
        self.slider.setRange(viewed.first_step, max(viewed.last_step, viewed.first_step))
        self.slider.setValue(viewed.step)
        self.slider.blockSignals(False)
        self.slider.setEnabled(bool(viewed.metrics))
        self._show_buttons(True)

    def show_at(self, at) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(at.step)
        self.slider.blockSignals(False)
        self.at_label.setText(render(at.describe()))
        self._show_rewind(at.rewind)

    def _show_rewind(self, rewind) -> None:
        """The button names the step it traces: this one, or the earlier one a checkpoint allows."""
        self.trace_button.setEnabled(rewind is not None)
        if rewind is None:
            self.trace_button.setText(self.tr("Trace this step"))
            self.trace_button.setToolTip(self.tr("This run has no checkpoint before this step"))
            return
        self.trace_button.setText(fill(self.tr("Trace step {step}"), step=rewind.step))
        if rewind.batch_recorded:
            tip = self.tr("Load the checkpoint of step {checkpoint} (the weights step {step} started from) "
                          "and trace step {step} on its recorded batch, as it ran")
        else:
            tip = self.tr("Load the checkpoint of step {checkpoint} and trace step {step}; this run did not "
                          "record its batches, so a fresh batch is used")
        self.trace_button.setToolTip(fill(tip, checkpoint=rewind.checkpoint, step=rewind.step))

    def show_stopped(self, text: str) -> None:
        self.title.setText(f"{self.title.text()} · {render(text)}")

    def clear(self) -> None:
        self.title.setText(self._empty_text())
        self.at_label.setText("")
        self.slider.setEnabled(False)
        self._show_buttons(False)

    @staticmethod
    def _empty_text() -> str:
        return QCoreApplication.translate("RunPanel", EMPTY_TEXT)

    def at_text(self) -> str:
        return self.at_label.text()

    def _show_buttons(self, on: bool) -> None:
        self.trace_button.setVisible(on)
        self.close_button.setVisible(on)

    def _on_slider(self, value: int) -> None:
        self.session.scrub_run(value)

    def show_ranks(self, viewed) -> None:
        """Each rank of a data-parallel run at the chosen step; the slowest one marked."""
        rows = viewed.rank_rows() if viewed is not None else []
        self.ranks.setVisible(bool(rows))
        self.ranks.setRowCount(len(rows))
        for i, row in enumerate(rows):
            rank = f"{row.rank}  ◀ " + self.tr("slowest") if row.slowest else str(row.rank)
            cells = (rank, str(row.step),
                     f"{row.loss:.4f}", f"{row.grad_norm:.4g}", f"{row.step_time_s * 1000:.0f} ms",
                     f"{row.tokens_per_s:,.0f}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.slowest:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.ranks.setItem(i, col, item)
        self.ranks.resizeColumnsToContents()
