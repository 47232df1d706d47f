"""Answers in the request's language: which language, and the texts httpfault writes in it.

:func:`choose_language` picks the language of one answer: the one the application chose
(``RequestInfo.language``) where the config offers it, else the ``Accept-Language``
negotiation, else English. It costs nothing for a config that offers English only.
:func:`field_message` translates a field error's message where it is one of the generic
sentences httpfault (or pydantic, for its error types) writes; a message of the
application's own is left as it is. :func:`force` renders a lazy translation string
(Django's ``gettext_lazy``, Flask-Babel's ``lazy_gettext``) in the answer's language.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._catalogues import catalogue, gettext_dir
from ._languages import negotiate
from ._messages import FIELD_MESSAGES, NEUTRAL_MESSAGE
from ._request import RequestInfo, find_header

if TYPE_CHECKING:
    from ._config import Config

__all__ = [
    "choose_language",
    "field_message",
    "force",
    "is_lazy",
    "language_for",
    "language_headers",
]

# Where the lazy string types live; looked up only in modules already imported, so
# checking a value never imports a framework.
_LAZY_TYPES = (
    ("django.utils.functional", "Promise"),
    ("flask_babel.speaklater", "LazyString"),
    ("babel.support", "LazyProxy"),
)
_MAX_CACHED = 256
"""Longer field messages are translated without being kept in the cache."""
_FIELD_SENTENCES = frozenset(FIELD_MESSAGES.values())
_TABLES: dict[str, Mapping[str, str]] = {}
"""Each shipped language's catalogue, by the tag a config offers it as."""
_CONTEXT_KEY = re.compile(r"'(\w+)'")
_MAX_CONTEXT = 8
_MAX_MEMO = 512
"""The most Accept-Language headers a config remembers the answer's language for."""
_LANGUAGE_FIELD = 3
"""The index of ``RequestInfo.language`` (absent from a tuple made with ``tuple.__new__``)."""


def choose_language(config: Config, request: RequestInfo | None) -> str | None:
    """The language of the answer to *request*: an offered tag (``"en"`` for English).

    ``None`` where the config offers English only (nothing to negotiate, nothing to say).
    """
    if not config._offered:
        return None
    header = None
    if request is not None:
        header = find_header(
            request.headers, "Accept-Language", "accept-language", b"accept-language"
        )
    return language_for(config, request, header)


def language_for(
    config: Config, request: RequestInfo | None, accept_language: str | None
) -> str | None:
    """:func:`choose_language` where *request*'s ``Accept-Language`` header has been found
    already (*accept_language*; ``None``: the request sent none)."""
    offered = config._offered
    if not offered:
        return None
    if request is None:
        return "en"
    chosen = request.language if len(request) > _LANGUAGE_FIELD else None
    if chosen:
        found = negotiate(chosen.replace("_", "-"), offered)
        if found is not None:
            return found
    if accept_language is None:
        return "en"
    memo = config._chosen
    found = memo.get(accept_language)
    if found is None:
        found = negotiate(accept_language, offered) or "en"
        if len(memo) < _MAX_MEMO and len(accept_language) <= _MAX_CACHED:
            memo[accept_language] = found
    return found


def language_headers(config: Config, language: str | None) -> list[tuple[str, str]]:
    """The ``Vary`` (and ``Content-Language``) headers of an answer in *language*."""
    auto = config.format == "auto"
    if language is None:
        return [("Vary", "Accept")] if auto else []
    vary = "Accept, Accept-Language" if auto else "Accept-Language"
    return [("Vary", vary), ("Content-Language", language)]


def translate_text(text: str, language: str) -> str:
    """*text* (a title, a default message) in *language*, if the catalogue has it."""
    table = _TABLES.get(language)
    if table is None:
        table = _TABLES[language] = catalogue(language)  # one per shipped language at most
    return table.get(text, text)


def field_message(message: str, code: str | None, language: str) -> str:
    """*message* of a field error of type *code*, in *language* where it is generic.

    Generic: one of httpfault's own sentences, or pydantic's message for *code* (its
    limits, such as ``min_length``, are read back from the message and kept).
    """
    if len(message) > _MAX_CACHED:
        return message
    return _field_message(message, code, language)


@lru_cache(maxsize=2048)
def _field_message(message: str, code: str | None, language: str) -> str:
    table = catalogue(language)
    if message in _FIELD_SENTENCES:
        return table.get(message, message)
    sentence = FIELD_MESSAGES.get(code) if code is not None else None
    if code is None or sentence is None or sentence == NEUTRAL_MESSAGE:
        return message  # a custom validator's message is the application's own
    pattern = _pydantic_pattern(code)
    found = pattern.fullmatch(message) if pattern is not None else None
    if found is None:
        return _neutral(message, code, table)
    translated = table.get(sentence)
    if translated is None:
        return message
    values = found.groupdict()
    if not _fields(sentence) <= values.keys():
        return message
    return translated.format(**values)


def _neutral(message: str, code: str, table: Any) -> str:
    """The translation of the sentence httpfault puts in place of a quoting message."""
    from ._no_echo import neutral_message

    if message == neutral_message(code) and not _fields(FIELD_MESSAGES[code]):
        return str(table.get(FIELD_MESSAGES[code], message))
    return message


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@lru_cache(maxsize=128)
def _pydantic_pattern(code: str) -> re.Pattern[str] | None:
    """A pattern matching pydantic's messages of type *code*, its context as groups."""
    try:
        from pydantic_core import PydanticKnownError
    except ImportError:  # pragma: no cover - pydantic is installed with every test extra
        return None
    template = _template(PydanticKnownError, code)
    if template is None:
        return None
    parts, named = [], set()
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name == "expected_plural":
            parts.append("s?")
        elif name:
            parts.append(f"(?P={name})" if name in named else f"(?P<{name}>.+?)")
            named.add(name)
    return re.compile("".join(parts), re.DOTALL)


def _template(known_error: Any, code: str) -> str | None:
    """pydantic's message template of *code*; a context it needs is given stand-ins."""
    context: dict[str, Any] = {}
    for _ in range(_MAX_CONTEXT):
        try:
            return str(known_error(code, context or None).message_template)
        except TypeError as exc:  # "'gt' required in context", "'error' ... must be a String"
            found = _CONTEXT_KEY.search(str(exc))
            if found is None or context.get(found[1], 0) == "":
                return None
            context[found[1]] = 0 if found[1] not in context else ""
        except (KeyError, ValueError):  # not a pydantic error type
            return None
    return None  # pragma: no cover - no pydantic type needs this many context keys


def is_lazy(value: object) -> bool:
    """Whether *value* is a lazy translation string of Django, Flask-Babel or Babel."""
    modules = sys.modules
    for module, name in _LAZY_TYPES:
        found = modules.get(module)
        if found is not None and isinstance(value, getattr(found, name)):
            return True
    return False


def force(value: Any, language: str | None) -> str:
    """The text of the lazy string *value* in *language* (``None``: the current one)."""
    if language is None:
        return str(value)
    django = sys.modules.get("django.utils.functional")
    if django is not None and isinstance(value, django.Promise):
        from django.utils import translation

        with translation.override(language.lower()):
            return str(value)
    speaklater = sys.modules.get("flask_babel.speaklater")
    if speaklater is not None and isinstance(value, speaklater.LazyString):
        flask_babel: Any = sys.modules["flask_babel"]  # imported with its speaklater
        with flask_babel.force_locale(gettext_dir(language)):
            return str(value)
    return str(value)
