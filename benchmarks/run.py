"""Run the ratio benchmarks: ``python -m benchmarks.run [name ...]``.

Names select modules ``benchmarks/bench_<name>.py``; with none, every module runs.
Prints one line per comparison; the exit code is 0 (budgets are reported, not asserted).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmark modules and print their ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmark modules (render, starlette, ...)")
    parser.add_argument("--rounds", type=int, default=21, help="interleaved rounds per ratio")
    args = parser.parse_args(argv)
    folder = Path(__file__).parent
    available = sorted(
        m.name[len("bench_") :] for m in pkgutil.iter_modules([str(folder)])
        if m.name.startswith("bench_")
    )  # fmt: skip
    names = args.names or available
    print(f"python {sys.version.split()[0]}; median of {args.rounds} interleaved paired ratios")
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        for result in module.run(rounds=args.rounds):
            print(result.line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
