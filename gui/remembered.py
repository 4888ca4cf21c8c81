"""What the app remembers between launches: the last scenario, preset and device."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from engine.presets import PRESETS
from engine.session.spec import FIRST_SCENARIO, ScenarioKey, ScenarioSpec

SCENARIO_KEY, PRESET_KEY, DEVICE_KEY = "session/scenario", "session/preset", "session/device"


def is_first_launch(settings: QSettings | None) -> bool:
    return settings is None or not settings.contains(SCENARIO_KEY)


def remembered_spec(settings: QSettings | None) -> ScenarioSpec:
    """The spec of the last session; the very first launch opens Autograd basics."""
    if settings is None:
        return ScenarioSpec(key=FIRST_SCENARIO)
    try:
        key = ScenarioKey(str(settings.value(SCENARIO_KEY, FIRST_SCENARIO.value)))
    except ValueError:  # a value from another version: start at the beginning
        key = FIRST_SCENARIO
    preset = str(settings.value(PRESET_KEY, ""))
    device = str(settings.value(DEVICE_KEY, "auto")) or "auto"
    spec = ScenarioSpec(key=key, device=device)
    if preset in PRESETS:
        spec = ScenarioSpec(key=key, gpt_config=PRESETS[preset], device=device)
    return spec


def remember_spec(settings: QSettings | None, spec: ScenarioSpec) -> None:
    if settings is None:
        return
    settings.setValue(SCENARIO_KEY, spec.key.value)
    if spec.preset in PRESETS:  # a custom config lives in a file the learner saves
        settings.setValue(PRESET_KEY, spec.preset)
    settings.setValue(DEVICE_KEY, spec.device)
