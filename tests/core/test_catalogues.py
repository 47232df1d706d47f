"""The translation catalogues: complete, well-formed, and read correctly."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import typing
from importlib.resources import files
from pathlib import Path

import pydantic_core
import pytest
from hypothesis import given
from hypothesis import strategies as st

from httpfault._catalog_data import TEXTS
from httpfault._catalogues import (
    LANGUAGES,
    PoSyntaxError,
    catalogue,
    gettext_dir,
    msgids,
    parse_po,
    translate,
)
from httpfault._messages import FIELD_MESSAGES, NEUTRAL_MESSAGE

LOCALES = Path(str(files("httpfault").joinpath("locales")))
OWN_TYPES = {"invalid", "invalid_choice", "does_not_exist"}
SAME_WORD = {("nl", "Conflict")}
"""Translations that are rightly the English word itself."""


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of *text*."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_shipped_directories_are_the_languages() -> None:
    """Every language has a catalogue directory and every directory is a language."""
    assert sorted(p.name for p in LOCALES.iterdir() if p.is_dir()) == sorted(
        gettext_dir(tag) for tag in LANGUAGES
    )
    assert len(LANGUAGES) == 13


def test_msgids_are_titles_messages_and_field_sentences() -> None:
    """The msgids are every title, every default message and every field sentence."""
    ids = msgids()
    assert len(ids) == len(set(ids))
    assert {t.title for t in TEXTS.values()} <= set(ids)
    assert {t.message for t in TEXTS.values()} <= set(ids)
    assert set(FIELD_MESSAGES.values()) <= set(ids)
    assert len(ids) == 2 * len(TEXTS) + len(set(FIELD_MESSAGES.values()))


@pytest.mark.parametrize("tag", LANGUAGES)
def test_catalogue_is_complete(tag: str) -> None:
    """Each catalogue translates every msgid, nothing else, with the same placeholders."""
    path = LOCALES / gettext_dir(tag) / "LC_MESSAGES" / "httpfault.po"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^#,.*\bfuzzy\b", text, re.MULTILINE), "fuzzy entries left"
    translations = catalogue(tag)
    assert set(translations) == set(msgids())
    for msgid, msgstr in translations.items():
        assert msgstr.strip(), msgid
        assert placeholders(msgstr) == placeholders(msgid), (tag, msgid, msgstr)
        assert msgstr != msgid or (tag, msgid) in SAME_WORD, (tag, msgid)
        assert "\n" not in msgstr, (tag, msgid)
        assert msgstr == msgstr.strip(), (tag, msgid)
    # every msgstr entry in the file is also read: no empty translations were skipped
    assert text.count("\nmsgstr ") == len(msgids()) + 1  # + the header


@pytest.mark.parametrize("tag", LANGUAGES)
def test_catalogue_declares_its_language(tag: str) -> None:
    """The header names the catalogue's language and UTF-8."""
    text = (LOCALES / gettext_dir(tag) / "LC_MESSAGES" / "httpfault.po").read_text("utf-8")
    assert f'"Language: {gettext_dir(tag)}\\n"' in text
    assert "charset=UTF-8" in text


def test_field_messages_name_pydantic_types_and_ctx_keys() -> None:
    """Every type but httpfault's own is one of pydantic's, and placeholders are ctx keys."""
    pydantic_types = set(typing.get_args(pydantic_core.core_schema.ErrorType))
    assert set(FIELD_MESSAGES) - OWN_TYPES <= pydantic_types
    assert len(set(FIELD_MESSAGES) - OWN_TYPES) >= 30
    ctx_keys = {"min_length", "max_length", "max_digits", "decimal_places", "gt", "ge", "lt",
                "le", "multiple_of"}  # fmt: skip
    for sentence in FIELD_MESSAGES.values():
        assert placeholders(sentence) <= ctx_keys
        assert sentence.endswith(".")
    assert FIELD_MESSAGES["invalid"] == NEUTRAL_MESSAGE == "Invalid value."


@pytest.mark.parametrize(
    ("model_field", "value", "ctx"),
    [
        ("short", "", {"min_length": 3}),
        ("count", 0, {"gt": 0}),
        ("tags", [], {"min_length": 1}),
    ],
)
def test_placeholders_fill_from_pydantic_ctx(model_field: str, value: object, ctx: dict) -> None:
    """A sentence formatted with pydantic's own ``ctx`` reads as a full sentence."""
    import annotated_types
    import pydantic

    class Model(pydantic.BaseModel):
        short: typing.Annotated[str, annotated_types.MinLen(3)] = "abc"
        count: typing.Annotated[int, annotated_types.Gt(0)] = 1
        tags: typing.Annotated[list[int], annotated_types.MinLen(1)] = [1]

    with pytest.raises(pydantic.ValidationError) as info:
        Model(**{model_field: value})
    error = info.value.errors()[0]
    assert ctx.items() <= error["ctx"].items()
    for tag in (None, *LANGUAGES):
        sentence = translate(FIELD_MESSAGES[error["type"]], tag).format(**error["ctx"])
        assert str(next(iter(ctx.values()))) in sentence
        assert "{" not in sentence


def test_the_sentences_httpfault_writes_are_msgids() -> None:
    """The sentences the converters write are in the catalogues."""
    from httpfault import _fields

    assert _fields._message({"msg": None}) in msgids()
    assert _fields._message({"msg": "Input 'abc' is bad", "input": "abc"}) in msgids()
    import httpfault.adapters

    root = Path(httpfault.adapters.__file__).resolve().parent / "_django"
    drf = re.findall(r'\(\w+, "([^"]+)"\)', (root / "drf_fields.py").read_text("utf-8"))
    django = re.findall(r'NEUTRAL_MESSAGE = "([^"]+)"', (root / "convert.py").read_text("utf-8"))
    assert len(drf) == 5
    assert django == [NEUTRAL_MESSAGE]
    for sentence in (*drf, *django):
        assert sentence in msgids(), sentence


def test_translate() -> None:
    """translate() gives the language's text, and the English for English or unknowns."""
    assert translate("Too Many Requests", "de") == "Zu viele Anfragen"
    assert translate("Too Many Requests", "DE") == "Zu viele Anfragen"
    assert translate("Not Found", "zh-hans") == "未找到"
    assert translate("Not Found", "pt-BR") == "Não encontrado"
    assert translate("Not Found", None) == "Not Found"
    assert translate("Not Found", "en") == "Not Found"
    assert translate("Not Found", "xx") == "Not Found"
    assert translate("Not in any catalogue", "de") == "Not in any catalogue"


def test_catalogue_is_read_once_and_read_only() -> None:
    """The same mapping comes back each time, and it cannot be changed."""
    assert catalogue("fr") is catalogue("FR")
    with pytest.raises(TypeError):
        catalogue("fr")["Not Found"] = "x"  # type: ignore[index]
    with pytest.raises(LookupError, match="'xx'"):
        catalogue("xx")


PO = r"""# a translator comment
msgid ""
msgstr ""
"Language: de\n"

#. extracted comment
#: file.py:1
msgid "Plain"
msgstr "Schlicht"

msgid ""
"Multi "
"line"
msgstr "Mehrere "
"Zeilen"

#, python-format, fuzzy
msgid "Fuzzy"
msgstr "Unscharf"

#, fuzzy
#| msgid "Old"
msgid "Also fuzzy"
msgstr "Auch unscharf"

#, python-format
msgid "Escapes"
msgstr "Tab\there \"quoted\" back\\slash\nnew"

msgid "Empty"
msgstr ""

msgctxt "title"
msgid "Plain"
msgstr "Titel"

msgid "One"
msgid_plural "Many"
msgstr[0] "Eins"
msgstr[1] "Viele"

#~ msgid "Obsolete"
#~ msgstr "Veraltet"
msgid	"Last"
msgstr	"Letzte	mit Tab"
"""


def test_parse_po_reads_the_format() -> None:
    """Comments, multi-line strings, escapes, contexts, plurals; fuzzy and empty left out."""
    assert parse_po(PO) == {
        "Plain": "Schlicht",
        "Multi line": "Mehrere Zeilen",
        "Escapes": 'Tab\there "quoted" back\\slash\nnew',
        "title\x04Plain": "Titel",
        "One": "Eins",
        "Last": "Letzte\tmit Tab",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', "expected a quoted string"),
        ('msgid "a"\nmsgstr "b"c"\n', "unescaped quote"),
        ('msgid "a"\nmsgstr "\\q"\n', "unknown escape"),
        ('msgid "a"\nmsgstr "\\"\n', "expected a quoted string|unknown escape"),
        ('"orphan"\n', "continues no keyword"),
        ('msgid "a"\nmsgtxt "b"\n', "unknown keyword"),
        ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', "given twice"),
        ('msgid "a"\n', "lacks its msgid or msgstr"),
        ('msgstr "a"\n', "lacks its msgid or msgstr"),
    ],
)
def test_parse_po_refuses_broken_files(text: str, message: str) -> None:
    """A broken file raises PoSyntaxError naming the file and line."""
    with pytest.raises(PoSyntaxError, match=message) as info:
        parse_po(text, "broken.po")
    assert str(info.value).startswith("broken.po")


def quote(text: str) -> str:
    """*text* as a .po string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


po_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1, max_size=30)  # fmt: skip


@given(st.dictionaries(po_text, po_text, max_size=8), st.booleans())
def test_parse_po_round_trips(entries: dict[str, str], split: bool) -> None:
    """Any texts written as a .po file (one line or split over lines) read back the same."""
    out = ['msgid ""', 'msgstr ""', '"Language: xx\\n"', ""]
    for msgid, msgstr in entries.items():
        if split and len(msgstr) > 1:
            out += [f"msgid {quote(msgid)}", 'msgstr ""', quote(msgstr[:1]), quote(msgstr[1:])]
        else:
            out += [f"msgid {quote(msgid)}", f"msgstr {quote(msgstr)}"]
        out.append("")
    assert parse_po("\n".join(out)) == entries


def test_the_wheel_ships_every_catalogue() -> None:
    """The package-data globs of pyproject.toml match every catalogue file."""
    import fnmatch

    import tomllib

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["httpfault"]
    package = root / "src" / "httpfault"
    shipped = [p.relative_to(package).as_posix() for p in package.glob("locales/**/*.po")]
    assert len(shipped) == len(LANGUAGES)
    for name in shipped:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in globs), name


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("tag", LANGUAGES)
def test_gettext_accepts_the_catalogue(tag: str) -> None:
    """GNU msgfmt --check compiles each catalogue with no error: ordinary tools read them."""
    path = LOCALES / gettext_dir(tag) / "LC_MESSAGES" / "httpfault.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(msgids())} translated messages." in result.stderr
