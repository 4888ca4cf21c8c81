"""Sentences the app shows a learner, kept translatable without the engine importing Qt.

The engine writes English, but through `translate(context, template)`: the same call shape
as Qt's `QCoreApplication.translate`, so Qt's `lupdate` collects every template into the
app's `.ts` file. The result is a `str` (English, so logs, the command line and tests read
it as before) that also remembers its context, template and fields; the GUI renders it again
in the learner's language with locale-aware numbers (`gui/i18n.py`).

    translate("status", "step {steps:,}").format(steps=120)   -> Text "step 120"
    join_text(" · ", [a, b])                                  -> Text "a · b", each part kept

lupdate reads only positional string literals: keep `translate("context", "template")`
on its own, then `.format(...)` with keyword fields; no keyword arguments inside.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class Template(str):
    """An English template (or a whole sentence without fields) with its translation context."""

    context: str
    disambiguation: str | None

    def __new__(cls, context: str, template: str, disambiguation: str | None = None) -> "Template":
        made = super().__new__(cls, template)
        made.context, made.disambiguation = context, disambiguation
        return made

    def format(self, *args: Any, **fields: Any) -> "Text":  # noqa: A003 - str's own name
        if args:
            raise TypeError("translated templates take named fields only, e.g. {steps}")
        return Text(self, fields)

    def __reduce__(self):  # pickle and copy keep the context (str's own would drop it)
        return Template, (self.context, str(self), self.disambiguation)


class Text(str):
    """A filled-in template: reads as its English sentence; keeps what the GUI needs to say it
    in another language (fields may themselves be `Text`)."""

    template: Template
    fields: Mapping[str, Any]

    def __new__(cls, template: Template, fields: Mapping[str, Any]) -> "Text":
        made = super().__new__(cls, str.format(template, **fields))
        made.template, made.fields = template, dict(fields)
        return made

    def __reduce__(self):
        return Text, (self.template, self.fields)


class JoinedText(str):
    """Several sentences or phrases joined by a separator; each is translated on its own."""

    separator: str
    parts: tuple[str, ...]

    def __new__(cls, separator: str, parts: Iterable[str]) -> "JoinedText":
        kept = tuple(parts)
        made = super().__new__(cls, separator.join(kept))
        made.separator, made.parts = separator, kept
        return made

    def __reduce__(self):
        return JoinedText, (self.separator, self.parts)


def translate(context: str, template: str, disambiguation: str | None = None) -> Template:
    """Mark `template` for translation under `context` (what lupdate looks for)."""
    return Template(context, template, disambiguation)


def join_text(separator: str, parts: Iterable[str]) -> JoinedText:
    return JoinedText(separator, parts)


TRANSLATABLE = (Template, Text, JoinedText)


def message_of(exc: BaseException) -> str:
    """What an exception says, still translatable when its message is a `Text` (`str(exc)`
    would flatten it to English). Reads the same as `str(exc)`."""
    if len(exc.args) == 1 and isinstance(exc.args[0], TRANSLATABLE):
        return exc.args[0]
    return str(exc)
