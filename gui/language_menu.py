"""View → Language: English or Srpski. The choice is remembered and applies on the next
start; the window says so and offers to restart now."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gui.i18n import Language, current_language, remember_language


def add_language_menu(window, view_menu: QMenu) -> QMenu:
    menu = view_menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    menu.setObjectName("LanguageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    shown = current_language()
    window.language_actions = {}
    for language in Language:
        action = QAction(language.native_name, menu)  # each language in its own words
        action.setCheckable(True)
        action.setChecked(language is shown)
        action.triggered.connect(lambda _=False, lang=language: choose_language(window, lang))
        group.addAction(action)
        menu.addAction(action)
        window.language_actions[language] = action
    return menu


def choose_language(window, language: Language) -> None:
    """Remember the choice; when it differs from what is shown, say it applies on restart."""
    remember_language(getattr(window, "_settings", None), language)
    if language is current_language():
        return
    if window.ask_restart_for_language(window, language):
        window.restart_requested = True
        window.close()


def restart_box(parent: QWidget | None, language: Language):
    """The question as a message box and its "Restart now" button."""
    question = QCoreApplication.translate(
        "LanguageMenu", "Backprop Studio will speak {language} from its next start.")
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("LanguageMenu", "Language"),
                      question.format(language=language.native_name), parent=parent)
    box.setInformativeText(QCoreApplication.translate(
        "LanguageMenu", "Restart now to switch at once. Your recorded run is kept; save the "
                        "model first if you want its weights."))
    restart = box.addButton(QCoreApplication.translate("LanguageMenu", "Restart now"),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
    return box, restart


def ask_restart_for_language(parent: QWidget | None, language: Language) -> bool:
    """True to restart now. Tests replace `window.ask_restart_for_language`."""
    box, restart = restart_box(parent, language)
    box.exec()
    return box.clickedButton() is restart
