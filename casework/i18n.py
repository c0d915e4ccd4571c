"""The language of the bot, the engine and the scheduler: Dutch at the source, English from a catalogue.

The console speaks through Flask-Babel (console/i18n.py, catalogue console/translations, domain "messages"); the
texts of `bot/`, `casework/` and `jobs/` have their own catalogue, domain "traject" in casework/translations,
because they are also said outside a web request: in a Slack listener's thread, by the scheduler, on the command
line. The Dutch sentence is the msgid (Dutch is the source language); English is its translation.

Whose language: the context variable set by `speaking(language)` (a Slack interaction as its linked user, a
reminder for its recipient); else, inside a console request, the signed-in user's (Flask-Babel's locale
selector); else the app's TRAJECT_LANGUAGE; else Dutch.

- `_`/`gettext(text, **values)` and `ngettext(singular, plural, n, **values)` translate now, then fill in the
  named placeholders (`%(name)s`, as Flask-Babel does), so a sentence keeps its word order in every language.
- `N_(text)` marks a Dutch constant for extraction; `_(CONSTANT)` translates it where it is shown.
- `M_(text, **values)` is a sentence the engine says (an `Invalid` message, a log line shown back): a str that
  reads as the filled-in Dutch, and remembers its msgid and values, so `translate()` can say it again in the
  reader's language at the door that shows it (casework.errors.Invalid.errors does that).
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

DOMAIN = "traject"
LANGUAGES = ("nl", "en")
SOURCE = "nl"
DIRECTORY = Path(__file__).parent / "translations"

_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("traject_language", default=None)


def normal(language: object) -> str | None:
    """ "nl"/"en" for a language code or a models.Language (its value); None for anything else."""
    code = str(getattr(language, "value", language) or "").lower()
    return code if code in LANGUAGES else None


@functools.cache
def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of a language (none for Dutch: its msgids are the text)."""
    if language == SOURCE:
        return NullTranslations()
    return Translations.load(str(DIRECTORY), [language], DOMAIN)


def current_language() -> str:
    """The language to speak now (see the module's docstring)."""
    chosen = _language.get()
    if chosen is not None:
        return chosen
    from flask import current_app, has_app_context, has_request_context

    if has_request_context():
        try:
            from flask_babel import get_locale

            locale = get_locale()
        except (KeyError, AttributeError, RuntimeError):  # an app without Flask-Babel
            locale = None
        if locale is not None and normal(locale.language):
            return str(normal(locale.language))
    if has_app_context():
        return normal(current_app.config.get("TRAJECT_LANGUAGE")) or SOURCE
    return SOURCE


def set_language(language: object) -> contextvars.Token[str | None]:
    """Speak `language` from now on in this context (an unknown one: the default); returns the token to undo."""
    return _language.set(normal(language))


@contextmanager
def speaking(language: object) -> Iterator[str]:
    """Speak `language` (a code or models.Language) inside the block: a reminder in its recipient's language."""
    token = set_language(language)
    try:
        yield current_language()
    finally:
        _language.reset(token)


def _fill(text: str, values: Mapping[str, Any]) -> str:
    return (
        text % {k: translate(v) if isinstance(v, Message) else v for k, v in values.items()}
        if values
        else text
    )


def gettext(message: str, /, **values: Any) -> str:
    """`message` (Dutch) in the current language, with its named placeholders filled in."""
    return _fill(catalogue(current_language()).ugettext(message), values)


_ = gettext


def ngettext(singular: str, plural: str, num: int, /, **values: Any) -> str:
    """The singular or plural form for `num` in the current language; `%(num)s` is the number."""
    values.setdefault("num", num)
    return _fill(catalogue(current_language()).ungettext(singular, plural, num), values)


def N_(message: str) -> str:  # noqa: N802 - the name pybabel and every gettext user know
    """Mark a Dutch constant for extraction without translating it; translate it where it is shown."""
    return message


class Message(str):
    """A Dutch sentence with its msgid and values: reads as Dutch, `translate()` says it in another language."""

    msgid: str
    values: dict[str, Any]
    plural: tuple[str, int] | None

    def __new__(cls, msgid: str, /, **values: Any) -> Message:
        text = super().__new__(cls, msgid % values if values else msgid)
        text.msgid = msgid
        text.values = values
        text.plural = None
        return text

    def __reduce__(self) -> Any:  # pickles (and copies) as the Dutch text with what it needs to translate
        return (_rebuild, (self.msgid, self.values, self.plural))


def _rebuild(msgid: str, values: dict[str, Any], plural: tuple[str, int] | None) -> Message:
    if plural is None:
        return Message(msgid, **values)
    return nM_(msgid, plural[0], plural[1], **values)


def M_(message: str, /, **values: Any) -> Message:  # noqa: N802 - extracted like N_
    """A sentence the engine says, translated where it is shown: `M_("Kies 1 tot en met %(max)s dagen.", max=30)`."""
    return Message(message, **values)


def nM_(singular: str, plural: str, num: int, /, **values: Any) -> Message:  # noqa: N802
    """M_ with a plural: the Dutch form for `num` now, the reader's form when translated."""
    values.setdefault("num", num)
    text = Message(singular if num == 1 else plural, **values)
    text.msgid, text.plural = singular, (plural, num)
    return text


def translate(text: Any) -> Any:
    """Say an engine sentence (a Message, or a marked Dutch constant stored as text) in the current language;
    any other value, and text the catalogue does not know (a name someone typed), is returned as it is."""
    if isinstance(text, Message):
        if text.plural is not None:
            return ngettext(text.msgid, text.plural[0], text.plural[1], **text.values)
        return gettext(text.msgid, **text.values)
    if isinstance(text, str) and text and current_language() != SOURCE:
        return catalogue(current_language()).ugettext(text)
    return text
