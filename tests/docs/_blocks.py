"""Find the fenced ``python`` code blocks of Markdown files.

A block counts when its info string starts with ``python`` (``python title="app.py"``,
``python hl_lines="2"`` and ``{.python ...}`` count too). Fences may be indented, as inside
content tabs and admonitions; the indentation is removed before the code runs.

The one opt-out: an HTML comment ``<!-- no-run: reason -->`` on the line right before
the opening fence. The reason is required and is reported when the block is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

OPEN_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
PYTHON_INFO = re.compile(r"^(?:python|\{[ \t]*\.python)\b")
NO_RUN = re.compile(r"^[ \t]*<!--[ \t]*no-run:(?P<reason>.*?)-->[ \t]*$")
NO_RUN_ANYWHERE = re.compile(r"<!--[ \t]*no-run\b")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown file."""

    path: Path
    line: int
    """The 1-based line number of the opening fence."""
    info: str
    source: str
    skip_reason: str | None
    """Why the block is not run (from its ``no-run`` comment), or ``None``."""

    @property
    def is_python(self) -> bool:
        """Whether the block's info string marks it as Python."""
        return bool(PYTHON_INFO.match(self.info))

    def label(self, root: Path) -> str:
        """``docs/formats.md:42``: where the block starts, relative to *root*."""
        return f"{self.path.relative_to(root).as_posix()}:{self.line}"


def fenced_blocks(path: Path) -> list[Block]:
    """Every fenced code block of *path*, in order, with its opt-out reason if any."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = OPEN_FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = [_dedent(line, indent) for line in lines[index + 1 : end]]
        previous = lines[index - 1] if index > 0 else ""
        marker = NO_RUN.match(previous)
        blocks.append(
            Block(
                path=path,
                line=index + 1,
                info=opening["info"].strip(),
                source="\n".join(body) + "\n",
                skip_reason=marker["reason"].strip() if marker else None,
            )
        )
        index = end + 1
    return blocks


def stray_markers(path: Path) -> list[int]:
    """Line numbers of ``no-run`` comments that do not sit right above a Python block."""
    lines = path.read_text(encoding="utf-8").splitlines()
    used = {block.line - 1 for block in fenced_blocks(path) if block.is_python}
    return [
        number
        for number, line in enumerate(lines, start=1)
        if NO_RUN_ANYWHERE.search(line) and number not in used
    ]


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")
