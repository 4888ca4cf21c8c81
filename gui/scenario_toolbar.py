"""The toolbar's choosers (scenario, preset, device): they show the session's spec and turn
the learner's choices into session requests, never holding a spec of their own."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from engine.device import available_devices
from engine.presets import PRESETS
from engine.session.session import StudioSession
from engine.session.spec import CUSTOM_PRESET, ScenarioKey, ScenarioSpec
from gui.i18n import render


class ScenarioToolbar(QToolBar):
    def __init__(self, session: StudioSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Training"))
        self.setObjectName("TrainingToolBar")
        self.session = session
        self.scenario_combo = QComboBox()
        self.scenario_combo.setToolTip(self.tr("What to train and trace: start with Autograd basics"))
        for key in ScenarioKey:
            self.scenario_combo.addItem(render(key.title), key)
        self.scenario_combo.activated.connect(self._on_scenario)
        self.preset_combo = QComboBox()
        self.preset_combo.setToolTip(self.tr("GPT model size (GPT pretraining only)"))
        for name in PRESETS:  # preset names are names: the same in every language
            self.preset_combo.addItem(name, name)
        self.preset_combo.activated.connect(self._on_preset)
        self.device_combo = QComboBox()
        self.device_combo.setToolTip(self.tr("Where the model trains"))
        self.device_combo.addItems(available_devices())
        self.device_combo.activated.connect(self._on_device)
        for label, combo in ((self.tr("Scenario"), self.scenario_combo),
                             (self.tr("Preset"), self.preset_combo),
                             (self.tr("Device"), self.device_combo)):
            text = QLabel(label)
            text.setContentsMargins(6 if combo is not self.scenario_combo else 0, 0, 4, 0)
            self.addWidget(text)
            self.addWidget(combo)
        self.addSeparator()
        self.show_spec(session.spec)

    def show_spec(self, spec: ScenarioSpec) -> None:
        """Show `spec` (signals of `activated` fire only on the learner's own choices)."""
        self.scenario_combo.setCurrentIndex(max(0, self.scenario_combo.findData(spec.key)))
        preset = spec.preset
        if preset == CUSTOM_PRESET and self.preset_combo.findData(CUSTOM_PRESET) < 0:
            self.preset_combo.addItem(self.tr("custom"), CUSTOM_PRESET)  # set in the config dialog
        index = self.preset_combo.findData(preset)
        if index >= 0:
            self.preset_combo.setCurrentIndex(index)
        self.preset_combo.setEnabled(spec.key == ScenarioKey.GPT)
        self.show_device(spec.device)

    def show_device(self, device: str) -> None:
        """The device in use ("auto" is shown once the model says where it landed)."""
        name = device.split(":")[0]
        if self.device_combo.findText(name) >= 0:
            self.device_combo.setCurrentText(name)

    def _on_scenario(self, index: int) -> None:
        self.session.choose_scenario(ScenarioKey(self.scenario_combo.itemData(index)))

    def _on_preset(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name in PRESETS:
            self.session.choose_preset(name)
        else:  # "custom" lives in the config dialog
            self.show_spec(self.session.spec)

    def _on_device(self, index: int) -> None:
        self.session.choose_device(self.device_combo.itemText(index))
