"""The translation catalogues: gettext ``.po`` files shipped in the package, read directly.

``locales/<dir>/LC_MESSAGES/httpfault.po`` holds one language; the directory is the
gettext spelling of the language tag (``pt_BR`` for ``pt-BR``, ``zh_Hans`` for
``zh-Hans``). Nothing is compiled: :func:`catalogue` parses a file the first time its
language is asked for and keeps the result. Fuzzy entries and empty translations are left
out, so their English msgid is used. An entry with a ``msgctxt`` is keyed
``context + "\\x04" + msgid``, as gettext keys it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType

from ._messages import FIELD_MESSAGES

__all__ = [
    "LANGUAGES",
    "PoSyntaxError",
    "catalogue",
    "gettext_dir",
    "known_language",
    "msgids",
    "parse_po",
    "translate",
]

LANGUAGES: tuple[str, ...] = (
    "de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt-BR", "ru", "tr", "uk", "zh-Hans",
)  # fmt: skip
"""The language tags httpfault ships a catalogue for (English is the msgids themselves)."""

CONTEXT_SEPARATOR = "\x04"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}  # fmt: skip
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")
_KEYWORD_LINE = re.compile(r"([^ \t]*)[ \t]*(.*)", re.DOTALL)


class PoSyntaxError(ValueError):
    """A ``.po`` file that cannot be read: names the file and the line."""


def gettext_dir(tag: str) -> str:
    """The catalogue directory of language *tag* (``pt-BR`` -> ``pt_BR``)."""
    return tag.replace("-", "_")


def msgids() -> tuple[str, ...]:
    """Every English text the catalogues translate, in their order, without repeats.

    The title and the default message of every status, then the field-error sentences.
    """
    raw = json.loads(files(__package__).joinpath("_catalog_data.json").read_text("utf-8"))
    texts = [fields["title"] for fields in raw.values()]
    texts += [fields["message"] for fields in raw.values()]
    texts += FIELD_MESSAGES.values()
    return tuple(dict.fromkeys(texts))


def _unquote(text: str, where: str) -> str:
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoSyntaxError(f"{where}: expected a quoted string")
    out: list[str] = []
    chars = iter(text[1:-1])
    for char in chars:
        if char == '"':
            raise PoSyntaxError(f"{where}: unescaped quote")
        if char == "\\":
            escaped = next(chars, None)
            if escaped is None or escaped not in _ESCAPES:
                raise PoSyntaxError(f"{where}: unknown escape \\{escaped or ''}")
            out.append(_ESCAPES[escaped])
        else:
            out.append(char)
    return "".join(out)


def _entries(text: str, name: str) -> Iterator[tuple[dict[str, str], bool]]:
    """Each entry of a .po file as ``{keyword: string}`` and whether it is fuzzy."""
    fields: dict[str, str] = {}
    fuzzy = False
    current: str | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip(" \t\r")  # a string may hold any other character, U+2028 too
        where = f"{name}:{number}"
        if not line or line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")):
                if fields:
                    yield fields, fuzzy
                    fields, current = {}, None
                fuzzy = True
            elif line.startswith("#") and fields and "msgstr" in fields:
                yield fields, fuzzy
                fields, fuzzy, current = {}, False, None
            continue
        if line.startswith('"'):
            if current is None:
                raise PoSyntaxError(f"{where}: a string continues no keyword")
            fields[current] += _unquote(line, where)
            continue
        keyword, rest = _KEYWORD_LINE.fullmatch(line).groups()  # type: ignore[union-attr]
        key = "msgstr" if keyword.startswith("msgstr[") else keyword
        if key not in _KEYWORDS:
            raise PoSyntaxError(f"{where}: unknown keyword {keyword!r}")
        if key in ("msgctxt", "msgid") and "msgstr" in fields:
            yield fields, fuzzy
            fields, fuzzy = {}, False
        if keyword.startswith("msgstr[") and keyword != "msgstr[0]":
            current = keyword  # other plural forms: read, not used
            fields[current] = _unquote(rest.strip(), where)
            continue
        if key in fields:
            raise PoSyntaxError(f"{where}: {key} given twice in one entry")
        current = key
        fields[key] = _unquote(rest.strip(), where)
    if fields:
        yield fields, fuzzy


def parse_po(text: str, name: str = "<po>") -> dict[str, str]:
    """The translations of a .po file's text: msgid (with its context) -> msgstr.

    The header (empty msgid), fuzzy entries and empty translations are left out.
    Raises :class:`PoSyntaxError` for text that is not a .po file.
    """
    result: dict[str, str] = {}
    for fields, fuzzy in _entries(text, name):
        if "msgid" not in fields or "msgstr" not in fields:
            raise PoSyntaxError(f"{name}: an entry lacks its msgid or msgstr")
        msgid, msgstr = fields["msgid"], fields["msgstr"]
        if fuzzy or not msgid or not msgstr:
            continue
        if "msgctxt" in fields:
            msgid = fields["msgctxt"] + CONTEXT_SEPARATOR + msgid
        result[msgid] = msgstr
    return result


def known_language(tag: str) -> str | None:
    """The shipped language tag *tag* names, in its canonical spelling, or ``None``."""
    lowered = tag.lower()
    return next((known for known in LANGUAGES if known.lower() == lowered), None)


@cache
def _load(tag: str) -> Mapping[str, str]:
    name = f"{gettext_dir(tag)}/LC_MESSAGES/httpfault.po"
    path = files(__package__).joinpath("locales").joinpath(name)
    return MappingProxyType(parse_po(path.read_text("utf-8"), name))


def catalogue(tag: str) -> Mapping[str, str]:
    """The translations of language *tag* (case-insensitive), read once and kept.

    Raises :class:`LookupError` for a language httpfault ships no catalogue for.
    """
    known = known_language(tag)
    if known is None:
        raise LookupError(f"httpfault has no catalogue for language {tag!r}")
    return _load(known)


def translate(text: str, tag: str | None) -> str:
    """*text* in language *tag*; *text* itself for English, ``None`` or no translation."""
    if tag is None or known_language(tag) is None:
        return text
    return catalogue(tag).get(text, text)
