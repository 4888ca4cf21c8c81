"""The app's language: Qt's own translation system, a Serbian (Latin) `.ts` in the repo.

- `resources/i18n/backprop_studio_<lang>.ts` is the source; PySide6's `lrelease` compiles it to
  a `.qm` in the user's cache on first run (and again whenever the `.ts` changes), so no binary
  sits in git.
- GUI strings go through `self.tr(...)` / `QCoreApplication.translate(...)`; the engine's
  sentences are `engine.text.Text` and are said again here by `render()`.
- `fill()` puts fields into a translated template with the locale's decimal comma and digit
  grouping: numbers in prose follow the locale, shapes and config values (strings) do not.
"""
from __future__ import annotations

import enum
import hashlib
import os
import string
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from engine.runs.storage import DATA_DIR_ENV
from engine.safe_write import write_file_atomic
from engine.text import JoinedText, Template, Text

LANGUAGE_KEY = "view/language"
TS_PREFIX = "backprop_studio_"


class Language(enum.Enum):
    ENGLISH = "en"
    SERBIAN_LATIN = "sr_Latn"

    @property
    def native_name(self) -> str:  # what the menu shows, in the language itself
        return {Language.ENGLISH: "English", Language.SERBIAN_LATIN: "Srpski"}[self]

    @property
    def locale(self) -> QLocale:
        if self is Language.SERBIAN_LATIN:
            return QLocale(QLocale.Language.Serbian, QLocale.Script.LatinScript,
                           QLocale.Country.Serbia)
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def system_language() -> Language:
    """Serbian in any script or country gets the Latin translation; everyone else English."""
    if QLocale.system().language() == QLocale.Language.Serbian:
        return Language.SERBIAN_LATIN
    return Language.ENGLISH


def chosen_language(settings: QSettings | None) -> Language:
    """The learner's choice from View → Language, else the system's."""
    if settings is not None and settings.contains(LANGUAGE_KEY):
        try:
            return Language(str(settings.value(LANGUAGE_KEY)))
        except ValueError:  # a value from another version
            pass
    return system_language()


def remember_language(settings: QSettings | None, language: Language) -> None:
    if settings is not None:
        settings.setValue(LANGUAGE_KEY, language.value)


# ---------------------------------------------------------------- compiling and installing

def ts_file(language: Language) -> Path:
    return Path(str(resources.files("resources").joinpath("i18n", f"{TS_PREFIX}{language.value}.ts")))


def cache_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "i18n"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "backprop-studio" / "i18n"


def lrelease_program() -> Path:
    """PySide6 ships Qt's lrelease beside its modules (the pyside6-lrelease wrapper runs it)."""
    import PySide6
    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease", "Qt/bin/lrelease"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"Qt's lrelease was not found in {folder}")


def compiled_translation(language: Language) -> Path:
    """The `.qm` for `language`, compiled from its `.ts` unless a copy of this very `.ts`
    (same SHA-256) was compiled before. Written atomically: a crash leaves no half file."""
    source = ts_file(language)
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    target = cache_dir() / f"{TS_PREFIX}{language.value}-{digest}.qm"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        subprocess.run([str(lrelease_program()), "-silent", str(source), "-qm", str(scratch)],
                       check=True, capture_output=True, timeout=60)
        write_file_atomic(target, scratch.read_bytes())
    finally:
        scratch.unlink(missing_ok=True)
    return target


_installed: list[QTranslator] = []


def install_language(app: QCoreApplication, language: Language) -> str | None:
    """Load `language` into the app (English needs nothing). Returns a problem sentence when
    the translation could not be compiled or loaded; the app then stays in English."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(language.locale)
    if language is Language.ENGLISH:
        return None
    try:
        path = compiled_translation(language)
    except (OSError, subprocess.SubprocessError) as exc:
        QLocale.setDefault(Language.ENGLISH.locale)
        return f"The {language.native_name} translation could not be compiled ({exc}); English is shown."
    translator = QTranslator(app)
    if not translator.load(str(path)):
        QLocale.setDefault(Language.ENGLISH.locale)
        return f"The {language.native_name} translation in {path} could not be loaded; English is shown."
    app.installTranslator(translator)
    _installed.append(translator)
    return None


def current_language() -> Language:
    return Language.SERBIAN_LATIN if _installed else Language.ENGLISH


# ---------------------------------------------------------------- saying things

class _LocaleFormatter(string.Formatter):
    """str.format, except that numbers take the locale's decimal point and digit grouping."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, (Text, JoinedText, Template)):
            value = render(value)
        text = super().format_field(value, format_spec)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            locale = QLocale()
            return text.translate({ord(","): locale.groupSeparator(),
                                   ord("."): locale.decimalPoint()})
        return text


_FORMATTER = _LocaleFormatter()


def fill(template: str, **fields: Any) -> str:
    """`template.format(**fields)` with locale numbers; use it on `self.tr(...)` results."""
    return _FORMATTER.vformat(template, (), fields)


def render(value: str) -> str:
    """An engine sentence in the learner's language (plain strings come back unchanged)."""
    if isinstance(value, JoinedText):
        return value.separator.join(render(part) for part in value.parts)
    if isinstance(value, Text):
        return fill(_translated(value.template), **value.fields)
    if isinstance(value, Template):
        return _translated(value)
    return value


def _translated(template: Template) -> str:
    return QCoreApplication.translate(template.context, str(template), template.disambiguation)



def context_tr(context: str):
    """`tr = context_tr("DockLayout")` in a plain (non-QObject) class: `self.tr("...")` then
    translates under that class's name, which is the context lupdate gives the call."""
    def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(context, text, disambiguation, n)
    return staticmethod(tr)
