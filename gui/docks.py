"""Where the views sit: docks around the graph, their default sizes, the saved layout, menus."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

from gui.actions import ActionKey
from gui.export_menu import add_export_menu
from gui.file_menu import add_file_items
from gui.i18n import context_tr
from gui.language_menu import add_language_menu

# Default dock sizes (pixels); a saved layout replaces them. The graph keeps the rest.
INSPECTOR_WIDTH = 380
LOSS_HEIGHT = 250  # the plot keeps ≥ 150 px under its one row of controls
LOSS_SHARE = 0.25  # of the window's height, at most LOSS_HEIGHT
Right, Bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a scroll area: a short dock scrolls it instead of growing the bottom area."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setMinimumHeight(LOSS_HEIGHT // 2)
    return area


class DockLayout:
    tr = context_tr("DockLayout")

    def __init__(self, window: QMainWindow):
        self.window = window
        self.restored = False  # a saved dock layout was applied: keep it
        w = window
        self.inspector_dock = self._dock(self.tr("Inspector"), "InspectorDock", w.inspector, Right)
        self.example_dock = self._dock(self.tr("Autograd example"), "ExampleDock", w.example_panel, Right)
        w.tabifyDockWidget(self.inspector_dock, self.example_dock)  # one click away; the
        self.inspector_dock.raise_()  # Inspector keeps the whole height at every window size
        self.backprop_dock = self._dock(self.tr("Backprop"), "BackpropDock", w.backprop_panel, Bottom)
        self.loss_dock = self._dock(self.tr("Loss"), "LossDock", w.loss_view, Bottom)
        w.splitDockWidget(self.backprop_dock, self.loss_dock, Qt.Orientation.Vertical)
        self.gradients_dock = self._dock(self.tr("Gradients"), "GradientsDock", w.gradients_view, Bottom)
        self.health_dock = self._dock(self.tr("Gradient health"), "HealthDock", w.health_view, Bottom)
        self.attention_dock = self._dock(self.tr("Attention"), "AttentionDock", w.attention_view, Bottom)
        w.tabifyDockWidget(self.loss_dock, self.gradients_dock)
        w.tabifyDockWidget(self.gradients_dock, self.health_dock)
        w.tabifyDockWidget(self.health_dock, self.attention_dock)
        # The learner views: tabs beside the others, one click away.
        self.generation_dock = self._dock(self.tr("Generate"), "GenerationDock", scrolled(w.generation_view), Bottom)
        self.tokenizer_dock = self._dock(self.tr("Tokens"), "TokenizerDock", scrolled(w.tokenizer_view), Bottom)
        self.tensor_lab_dock = self._dock(self.tr("Tensor lab"), "TensorLabDock", scrolled(w.tensor_lab), Bottom)
        w.tabifyDockWidget(self.attention_dock, self.generation_dock)
        w.tabifyDockWidget(self.generation_dock, self.tokenizer_dock)
        w.tabifyDockWidget(self.tokenizer_dock, self.tensor_lab_dock)
        self.run_dock = self._dock(self.tr("Run"), "RunDock", w.run_panel, Bottom)
        w.splitDockWidget(self.backprop_dock, self.run_dock, Qt.Orientation.Horizontal)
        self.run_dock.hide()  # shown while a recorded run is open
        self.loss_dock.raise_()
        self.apply_default_sizes()

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)  # saveState() needs stable names
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.inspector_dock, self.example_dock, self.backprop_dock, self.loss_dock,
                self.gradients_dock, self.health_dock, self.attention_dock, self.generation_dock,
                self.tokenizer_dock, self.tensor_lab_dock, self.run_dock]

    def apply_default_sizes(self) -> None:
        """The graph gets most of the window: inspector INSPECTOR_WIDTH wide, backprop controls
        one row, loss LOSS_HEIGHT tall. Sizes only stick once the window has its real size."""
        w = self.window
        controls = w.backprop_panel.sizeHint().height()
        w.resizeDocks([self.inspector_dock], [INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
        loss = min(LOSS_HEIGHT, max(170, round(w.height() * LOSS_SHARE)))  # a small window keeps its graph
        w.resizeDocks([self.backprop_dock, self.loss_dock], [controls, loss], Qt.Orientation.Vertical)

    def restore(self, settings: QSettings | None) -> None:
        if settings is not None:
            geometry = settings.value("window/geometry")
            state = settings.value("window/state")
            if isinstance(geometry, QByteArray):
                self.window.restoreGeometry(geometry)
            if isinstance(state, QByteArray):
                self.restored = bool(self.window.restoreState(state))
        if not self.restored:  # after the first layout pass: real sizes are known
            QTimer.singleShot(0, self.apply_default_sizes)

    def save(self, settings: QSettings | None) -> None:
        if settings is None:
            return
        settings.setValue("window/geometry", self.window.saveGeometry())
        settings.setValue("window/state", self.window.saveState())
        settings.sync()


def make_menus(window) -> None:
    menu = window.menuBar()
    actions = window.actions
    file_menu = menu.addMenu(QCoreApplication.translate("Menus", "&File"))
    add_file_items(window, file_menu)
    file_menu.addAction(actions[ActionKey.CONFIG])
    add_export_menu(window, file_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions[ActionKey.QUIT])
    run_menu = menu.addMenu(QCoreApplication.translate("Menus", "&Run"))
    for key in (ActionKey.RUN, ActionKey.STEP, None, ActionKey.TRACE, ActionKey.STEP_INTO,
                ActionKey.STEP_OVER, ActionKey.STEP_OUT, ActionKey.STEP_BACK, None, ActionKey.RESET):
        run_menu.addSeparator() if key is None else run_menu.addAction(actions[key])
    view_menu = menu.addMenu(QCoreApplication.translate("Menus", "&View"))
    for dock in window.dock_layout.docks:
        toggle = dock.toggleViewAction()
        toggle.setToolTip(QCoreApplication.translate("Menus", "Show or hide the {panel} panel").format(
            panel=dock.windowTitle()))
        view_menu.addAction(toggle)
    view_menu.addSeparator()
    view_menu.addAction(actions[ActionKey.FIND])
    add_language_menu(window, view_menu)
    help_menu = menu.addMenu(QCoreApplication.translate("Menus", "&Help"))
    help_menu.addAction(QCoreApplication.translate("Menus", "&Keyboard shortcuts…")).triggered.connect(window.show_shortcuts)
    help_menu.addAction(QCoreApplication.translate("Menus", "&About Backprop Studio")).triggered.connect(window.show_about)
