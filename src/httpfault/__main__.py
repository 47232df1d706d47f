"""Command line: ``httpfault codes | explain STATUS [--lang TAG] | catalog [--markdown]``."""

from __future__ import annotations

import argparse
import os
import sys

from ._explain import catalog_markdown, codes_table, explain_text, find_status

EXIT_USAGE = 2


def _status(text: str) -> int:
    try:
        return find_status(text)
    except LookupError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _prog() -> str:
    """The program name as invoked: ``httpfault`` for the console script."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if not name or name in {"__main__.py", "-c"}:
        return "python -m httpfault"
    return name


def _language(text: str) -> str:
    from ._catalogues import LANGUAGES, known_language

    if text.lower() == "en":
        return "en"
    known = known_language(text)
    if known is None:
        raise argparse.ArgumentTypeError(
            f"no catalogue for {text!r}; languages: en, {', '.join(LANGUAGES)}"
        )
    return known


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog=_prog(), description="The httpfault status-code catalogue."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("codes", help="list every 4xx/5xx status with its code and class")
    explain = commands.add_parser("explain", help="explain one status, with example bodies")
    explain.add_argument(
        "status",
        type=_status,
        help="a status (429), a code (too_many_requests) or a class name (TooManyRequests)",
    )
    explain.add_argument(
        "--lang",
        type=_language,
        default=None,
        help="show the title and default message in this language, e.g. de or pt-BR",
    )
    generate = commands.add_parser(
        "catalog", help="print the catalogue as a table, or the reference page with --markdown"
    )
    generate.add_argument(
        "--markdown", action="store_true", help="print the status-code reference in Markdown"
    )
    args = parser.parse_args(argv)
    if args.command == "explain":
        sys.stdout.write(explain_text(args.status, args.lang))
    elif args.command == "catalog" and args.markdown:
        sys.stdout.write(catalog_markdown())
    else:
        sys.stdout.write(codes_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
