"""The Serbian (Latin) interface: Qt's translation system, a `.ts` kept in step with the code,
every visible string translated, numbers in prose with the locale's decimal comma."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from engine.text import join_text, translate
from gui.i18n import (Language, chosen_language, compiled_translation, fill, install_language,
                      remember_language, render, ts_file)
from gui.translations import update_ts
from tests.visible_strings import needs_translation, untranslated, visible_strings


@pytest.fixture
def serbian(qapp):
    assert install_language(qapp, Language.SERBIAN_LATIN) is None
    yield
    install_language(qapp, Language.ENGLISH)


def test_ts_file_is_up_to_date_with_the_code(tmp_path):
    """lupdate over the sources changes nothing: no string is missing from the .ts, none stale."""
    committed = ts_file(Language.SERBIAN_LATIN)
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    update_ts(fresh, language=Language.SERBIAN_LATIN.value)
    assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "resources/i18n is out of date: run `python -m gui.translations` and translate what it adds")


def test_every_message_in_the_ts_file_is_translated():
    root = ET.parse(ts_file(Language.SERBIAN_LATIN)).getroot()
    unfinished = [f"{ctx.findtext('name')}: {msg.findtext('source')!r}"
                  for ctx in root.iter("context") for msg in ctx.iter("message")
                  if msg.find("translation").get("type") == "unfinished"]
    assert not unfinished, f"{len(unfinished)} unfinished, e.g. {unfinished[:10]}"


def test_translation_compiles_once_per_ts_version(qapp):
    first = compiled_translation(Language.SERBIAN_LATIN)
    assert first.is_file() and first.stat().st_size > 0
    assert compiled_translation(Language.SERBIAN_LATIN) == first  # the cached .qm is reused


def test_language_follows_settings_and_is_remembered(settings_file):
    remember_language(settings_file, Language.SERBIAN_LATIN)
    assert chosen_language(settings_file) is Language.SERBIAN_LATIN
    settings_file.setValue("view/language", "klingon")  # a value from another version
    assert chosen_language(settings_file) in tuple(Language)


def test_numbers_in_prose_take_the_decimal_comma(serbian):
    assert QLocale().decimalPoint() == ","
    assert fill("{loss:.4f} · {steps:,}", loss=5.91, steps=122880) == "5,9100 · 122.880"
    # shapes and config values are strings: they keep their code form
    assert fill("{shape}", shape="(2, 4, 768)") == "(2, 4, 768)"


def test_engine_text_is_english_and_renders_translated(serbian):
    text = translate("Language", "Restart now").format()
    assert str(text) == "Restart now"
    joined = join_text(" · ", [translate("QPlatformTheme", "Cancel"), "emb_dim"])
    assert render(joined).endswith(" · emb_dim")
    assert render("a plain string") == "a plain string"


def test_visible_string_check_can_fail():
    english = {"a": "Train the model", "b": "emb_dim", "c": "(2, 4)"}
    assert untranslated(english, dict(english)) == ["a: 'Train the model'"]
    assert needs_translation("Loss") and not needs_translation("trf_blocks.0")


def _window_strings(make_window, qtbot, spec) -> dict[str, str]:
    window = make_window(spec)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitUntil(lambda: window.session.run.summary is not None, timeout=60000)
    window.session.trace_now()
    qtbot.waitUntil(lambda: window.session.traced is not None, timeout=60000)
    qtbot.wait(100)  # one refresh tick
    return visible_strings(window)


@pytest.mark.parametrize("spec", ["scalar", "simplenet", "gpt"])
def test_every_visible_string_of_the_window_is_translated(make_window, qtbot, qapp, spec):
    _assert_all_translated(qapp, lambda: _window_strings(make_window, qtbot, spec))


def _assert_all_translated(qapp, collect) -> None:
    """collect() in English, then in Serbian: no string that is words stays the same."""
    english = collect()
    install_language(qapp, Language.SERBIAN_LATIN)
    try:
        serbian = collect()
    finally:
        install_language(qapp, Language.ENGLISH)
    missing = untranslated(english, serbian)
    assert not missing, f"{len(missing)} strings shown in English:\n" + "\n".join(missing[:60])


def test_main_actions_in_serbian(make_window, serbian):
    window = make_window("scalar")
    texts = {action.text().replace("&", "") for action in window.actions.values()}
    assert QCoreApplication.translate("Menus", "&File") != "&File"
    assert not texts & {"Run", "Step", "Reset"}, texts


def _dialog_strings(window) -> dict[str, str]:
    """The window's dialogs, built but not shown modally."""
    from engine.session.events import RebuildQuestion, UnsavedQuestion
    from gui.dialogs.config_dialog import ConfigDialog
    from gui.language_menu import restart_box
    from gui.rebuild_question import rebuild_box
    from gui.unsaved_question import UnsavedBox

    spec = window.session.spec
    found: dict[str, str] = {}
    dialogs = {
        "config": ConfigDialog(spec.gpt_config, spec.train_config, window),
        "rebuild": rebuild_box(window, RebuildQuestion(current=spec, proposed=spec, steps=40))[0],
        "language": restart_box(window, Language.SERBIAN_LATIN)[0],
        "unsaved": UnsavedBox(window, UnsavedQuestion(steps=40, saved_step=0, preset="nano")),
        "unsaved-since": UnsavedBox(window, UnsavedQuestion(steps=40, saved_step=20, preset="nano")),
    }
    for name, dialog in dialogs.items():
        found.update({f"{name}/{place}": text for place, text in visible_strings(dialog).items()})
        dialog.deleteLater()
    return found


def test_every_visible_string_of_the_dialogs_is_translated(make_window, qapp):
    _assert_all_translated(qapp, lambda: _dialog_strings(make_window("gpt")))


def test_choosing_a_language_is_remembered_and_offers_a_restart(make_window, settings_file):
    window = make_window("scalar")
    asked = []
    window.ask_restart_for_language = lambda parent, language: asked.append(language) or False
    window.language_actions[Language.SERBIAN_LATIN].trigger()
    assert asked == [Language.SERBIAN_LATIN]
    assert chosen_language(settings_file) is Language.SERBIAN_LATIN
    assert not window.restart_requested


def test_a_validation_message_and_an_op_explanation_in_serbian(make_window, serbian, qtbot):
    """The config dialog's live problems and the Inspector's op explanation, said in Serbian;
    config keys and the values typed stay as they are."""
    from engine.config import validate_gpt_dict
    from engine.presets import PRESETS
    from engine.session.explanations import explain_op
    from gui.dialogs.config_dialog import ConfigDialog

    config = PRESETS["nano"].to_dict() | {"drop_rate": 1.5}
    [problem] = validate_gpt_dict(config)
    said = render(problem.message)
    # the key and the value the learner typed stay code: drop_rate, 1.5
    assert said != str(problem.message) and "drop_rate" in said and "1.5" in said, said
    softmax = render(explain_op("softmax"))
    assert softmax != explain_op("softmax") and "softmaks" in softmax.lower(), softmax

    window = make_window("gpt")
    dialog = ConfigDialog(window.session.spec.gpt_config, window.session.spec.train_config, window)
    qtbot.addWidget(dialog)
    dialog.editors["drop_rate"].setText("1.5")
    dialog._edited()  # as a keystroke would
    shown = dialog.problems_label.text()
    assert "drop_rate" in shown and render(problem.message) in shown.replace("⚠ ", ""), shown
    assert not dialog.ok_button.isEnabled()


@pytest.mark.parametrize("system, expected", [
    (QLocale(QLocale.Language.Serbian, QLocale.Script.CyrillicScript, QLocale.Country.Serbia),
     Language.SERBIAN_LATIN),  # the Latin translation serves Serbian in either script
    (QLocale(QLocale.Language.Serbian, QLocale.Script.LatinScript, QLocale.Country.Montenegro),
     Language.SERBIAN_LATIN),
    (QLocale(QLocale.Language.German, QLocale.Country.Germany), Language.ENGLISH),
])
def test_without_a_choice_the_language_follows_the_system_locale(monkeypatch, system, expected):
    import gui.i18n as i18n

    class SystemLocale:
        Language = QLocale.Language

        @staticmethod
        def system():
            return system
    monkeypatch.setattr(i18n, "QLocale", SystemLocale)
    assert chosen_language(None) is expected
