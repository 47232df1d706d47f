"""Instructions per request, counted by valgrind's callgrind: ``python -m benchmarks.instructions``.

Wall-clock ratios move with the machine's load; instruction counts do not. For each
comparison of the named benchmark modules, both sides run under callgrind twice, with
few and with more calls of the same function, and the difference divided by the extra
requests is that side's instructions per request (start-up and warm-up cancel out).
Slow (each run starts Python under callgrind): name the comparisons with ``--only``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from benchmarks import _harness

_FEW, _MORE = 3, 13
_COLLECTED = re.compile(r"Collected : (\d+)")


def _comparisons(module_name: str) -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """The comparisons *module_name* makes, recorded instead of timed."""
    found: list[tuple[str, Callable[[], object], Callable[[], object]]] = []

    def record(name: str, case: Callable[[], object], baseline_name: str,
               baseline: Callable[[], object], **_: Any) -> Any:  # fmt: skip
        found.append((name, case, baseline))
        return _harness.Result(name, baseline_name, 0.0, 1.0, 0.0, 0.0)

    _harness.compare = record  # type: ignore[assignment]
    module = importlib.import_module(f"benchmarks.bench_{module_name}")
    module.compare = record  # the name each module imported
    module.run(rounds=1)
    return found


def _child(module_name: str, index: int, side: int, calls: int) -> None:
    _, case, baseline = _comparisons(module_name)[index]
    func = (case, baseline)[side]
    for _ in range(calls):
        func()


def _count(module_name: str, index: int, side: int, calls: int) -> int:
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            sys.executable, "-m", "benchmarks.instructions", "--child",
            module_name, str(index), str(side), str(calls)]  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True,
                          timeout=1800)  # fmt: skip
    match = _COLLECTED.search(done.stderr)
    if match is None:
        raise RuntimeError(done.stderr[-2000:])
    return int(match.group(1))


def main(argv: list[str] | None = None) -> int:
    """Print instructions per request for both sides of each selected comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", default=["fastapi"])
    parser.add_argument("--only", default="", help="a substring of the comparisons to count")
    args = parser.parse_args(argv)
    if args.child:
        module_name, index, side, calls = args.child
        _child(module_name, int(index), int(side), int(calls))
        return 0
    from benchmarks.bench_starlette import BATCH

    requests = (_MORE - _FEW) * BATCH
    for module_name in args.names:
        for index, (name, _, _) in enumerate(_comparisons(module_name)):
            if args.only not in name:
                continue
            per = [
                (_count(module_name, index, side, _MORE) - _count(module_name, index, side, _FEW))
                / requests
                for side in (0, 1)
            ]
            print(f"{name:<46} {per[0] / 1000:8.1f}k vs {per[1] / 1000:8.1f}k instructions "
                  f"per request = {per[0] / per[1]:.3f}x", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
