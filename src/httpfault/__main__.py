"""Command line: ``python -m httpfault codes | explain STATUS [--lang TAG] | catalog``."""

from __future__ import annotations

import argparse
import sys

from ._explain import catalog_markdown, codes_table, explain_text

EXIT_USAGE = 2


def _status(text: str) -> int:
    from ._catalog import catalog

    try:
        status = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a status code") from None
    if status not in catalog:
        kind = "not an error status" if 100 <= status < 400 else "not a registered 4xx/5xx status"
        raise argparse.ArgumentTypeError(f"{status} is {kind}")
    return status


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
        prog="python -m httpfault", description="The httpfault status-code catalogue."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("codes", help="list every 4xx/5xx status with its code and class")
    explain = commands.add_parser("explain", help="explain one status, with example bodies")
    explain.add_argument("status", type=_status, help="an HTTP status code, e.g. 429")
    explain.add_argument(
        "--lang",
        type=_language,
        default=None,
        help="show the title and default message in this language, e.g. de or pt-BR",
    )
    generate = commands.add_parser("catalog", help="print the status-code reference")
    generate.add_argument("--markdown", action="store_true", required=True)
    args = parser.parse_args(argv)
    if args.command == "codes":
        sys.stdout.write(codes_table())
    elif args.command == "explain":
        sys.stdout.write(explain_text(args.status, args.lang))
    else:
        sys.stdout.write(catalog_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
