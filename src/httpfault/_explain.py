"""Explanations of statuses, for the command line and the generated status-code reference.

Both read the same catalogue entry and render the same example errors, so the docs and
``python -m httpfault explain`` always agree with the code.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from ._catalog import CatalogEntry, catalog
from ._catalogues import LANGUAGES, translate
from ._config import Config
from ._convert import error_class
from ._errors import HTTPError
from ._render import Rendered, render
from ._request import RequestInfo

__all__ = [
    "catalog_markdown",
    "codes_table",
    "example_bodies",
    "example_error",
    "explain_text",
    "find_status",
]

EXAMPLE_REQUEST = RequestInfo(
    "GET", "/orders/42", [("X-Request-ID", "7f3c9a1e2b4d4e0f8a6b5c4d3e2f1a0b")]
)
_EXAMPLE_HEADERS: dict[int, dict[str, Any]] = {
    401: {"www_authenticate": 'Bearer realm="api"'},
    405: {"allow": ["GET", "HEAD"]},
    407: {"proxy_authenticate": 'Basic realm="proxy"'},
    413: {"retry_after": 60},
    416: {"length": 1024},
    426: {"upgrade": "HTTP/2"},
    429: {"retry_after": 30},
    503: {"retry_after": 120},
}


_FOLD = re.compile(r"[\s_\-'\u2019]+")


def _fold(text: str) -> str:
    """*text* compared loosely: case, spaces, ``-``, ``_`` and apostrophes ignored."""
    return _FOLD.sub("", text).casefold()


def _names() -> dict[str, tuple[str, int]]:
    """Every name a status goes by, folded -> (the name as written, status)."""
    names: dict[str, tuple[str, int]] = {}
    for entry in catalog.values():
        for name in (entry.code, entry.cls.__name__, *entry.aliases, entry.title):
            names.setdefault(_fold(name), (name, entry.status))
    return names


def find_status(text: str) -> int:
    """The status *text* names: a number (``404``), a code (``not_found``), a class name
    (``NotFound``, ``PayloadTooLarge``) or a title (``"Not Found"``), loosely compared.

    Raises ``LookupError`` with a message saying why, suggesting close names if any.
    """
    text = text.strip()
    if text.isdigit():
        status = int(text)
        if status in catalog:
            return status
        if 100 <= status < 400:
            raise LookupError(f"{status} is not an error status")
        raise LookupError(f"{status} is not a registered 4xx/5xx status")
    names = _names()
    found = names.get(_fold(text))
    if found is not None:
        return found[1]
    close = difflib.get_close_matches(_fold(text), list(names), n=3, cutoff=0.6)
    hint = (
        f"; did you mean {', '.join(f'{names[key][0]} ({names[key][1]})' for key in close)}?"
        if close
        else ""
    )
    raise LookupError(f"{text!r} is not a status, code or class name{hint}")


def example_error(status: int) -> HTTPError:
    """The error a typical API raises for *status*, with the headers the status needs."""
    return error_class(status)(**_EXAMPLE_HEADERS.get(status, {}))


def example_bodies(status: int) -> dict[str, Rendered]:
    """The example error rendered in both formats, keyed by format name."""
    error = example_error(status)
    return {fmt: render(error, Config(format=fmt), EXAMPLE_REQUEST) for fmt in ("json", "problem")}


def _pretty(rendered: Rendered) -> str:
    return json.dumps(json.loads(rendered.body), indent=2, ensure_ascii=False)


def _headers_line(entry: CatalogEntry) -> str:
    parts = [f"{name} (required)" for name in entry.required_headers]
    parts += [f"{name} (recommended)" for name in entry.recommended_headers]
    return ", ".join(parts) or "none"


def _constructor(entry: CatalogEntry) -> str:
    kwargs = _EXAMPLE_HEADERS.get(entry.status, {})
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    return f"{entry.cls.__name__}({args})"


def explain_text(status: int, language: str | None = None) -> str:
    """A plain-text explanation of *status*: meaning, use, fix, headers, example bodies.

    With *language* (a shipped language tag) the title and the default message are
    shown in that language, the English title next to them.
    """
    entry = catalog[status]
    bodies = example_bodies(status)
    aliases = ", ".join(entry.aliases)
    title = translate(entry.title, language)
    lines = [f"{entry.status} {title}"]
    if language is not None and language != "en":
        lines.append(f"  language:  {language} (English title: {entry.title})")
    lines += [
        f"  class:     httpfault.{entry.cls.__name__}" + (f" (also {aliases})" if aliases else ""),
        f"  code:      {entry.code}",
        f"  retryable: {'yes' if entry.retryable else 'no'}",
        f"  headers:   {_headers_line(entry)}",
        "",
        f"Meaning: {entry.meaning}",
        f"Use it:  {entry.use}",
        f"Fix it:  {entry.fix}",
        f"Default message: {translate(entry.message, language)}",
        "",
    ]
    for fmt, rendered in bodies.items():
        lines.append(f"raise {_constructor(entry)}  ->  format={fmt!r}:")
        lines.append(f"HTTP/1.1 {rendered.status} {entry.title}")
        lines.extend(f"{name}: {value}" for name, value in rendered.headers)
        lines.append("")
        lines.append(_pretty(rendered))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def codes_table() -> str:
    """The catalogue as a plain-text table: status, code, class, title, retryable."""
    rows = [("status", "code", "class", "title", "retry")]
    rows += [
        (str(e.status), e.code, e.cls.__name__, e.title, "yes" if e.retryable else "no")
        for e in catalog.values()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return (
        "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows
        )
        + "\n"
    )


def catalog_markdown() -> str:
    """The status-code reference page, generated from the catalogue."""
    out = [
        "# Status-code reference",
        "",
        "<!-- Generated by `python -m httpfault catalog --markdown`; do not edit by hand. -->",
        "",
        "Every registered 4xx and 5xx status, its class, what it means, when a JSON API",
        "sends it, how a client resolves it, and the bodies httpfault renders for it in both",
        "formats (for a `GET /orders/42` request carrying an `X-Request-ID`).",
        "",
        "| Status | Class | Code | Retryable |",
        "| --- | --- | --- | --- |",
    ]
    out += [
        f"| [{e.status} {e.title}](#{e.status}) | `{e.cls.__name__}` | `{e.code}` | "
        f"{'yes' if e.retryable else 'no'} |"
        for e in catalog.values()
    ]
    out += _titles_by_language()
    for entry in catalog.values():
        bodies = example_bodies(entry.status)
        aliases = ", ".join(f"`{a}`" for a in entry.aliases)
        out += [
            "",
            f"## {entry.status} {entry.title} {{: #{entry.status} }}",
            "",
            f"- **Class:** `httpfault.{entry.cls.__name__}`"
            + (f" (also {aliases})" if aliases else ""),
            f"- **Code:** `{entry.code}`",
            f"- **Retryable:** {'yes' if entry.retryable else 'no'}",
            f"- **Headers:** {_headers_line(entry)}",
            f"- **Default message:** {entry.message}",
            "",
            f"**Meaning.** {entry.meaning}",
            "",
            f"**Typical use.** {entry.use}",
            "",
            f"**How to fix it.** {entry.fix}",
            "",
            f"`raise {_constructor(entry)}` renders as:",
        ]
        for fmt, rendered in bodies.items():
            headers = "\n".join(f"{name}: {value}" for name, value in rendered.headers)
            out += [
                "",
                f'=== "{fmt}"',
                "",
                "    ```http",
                f"    HTTP/1.1 {rendered.status} {entry.title}",
                *(f"    {line}" for line in headers.splitlines()),
                "",
                *(f"    {line}" for line in _pretty(rendered).splitlines()),
                "    ```",
            ]
    return "\n".join(out) + "\n"


def _titles_by_language() -> list[str]:
    """The reference's table of every status's title in every shipped language."""
    return [
        "",
        "## Titles by language {: #titles-by-language }",
        "",
        "The `title` of each status in every language httpfault ships a catalogue for",
        "(see [Languages](../languages.md)); `code`, `type` and `status` are never translated.",
        "",
        "| Status | en | " + " | ".join(LANGUAGES) + " |",
        "| --- | --- | " + " | ".join("---" for _ in LANGUAGES) + " |",
        *(
            f"| {e.status} | {e.title} | "
            + " | ".join(translate(e.title, tag) for tag in LANGUAGES)
            + " |"
            for e in catalog.values()
        ),
    ]
