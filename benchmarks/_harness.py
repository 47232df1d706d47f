"""In-process ratio benchmarks: interleaved rounds, medians of paired ratios.

Every case of a comparison runs in the same process, round after round, in alternating
order, so that machine noise (frequency scaling, other processes) hits all of them alike.
The result of a comparison is the median over rounds of ``time(case) / time(baseline)``.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """The outcome of one comparison: a median ratio against a budget."""

    name: str
    baseline: str
    ratio: float
    budget: float
    case_us: float
    baseline_us: float

    @property
    def ok(self) -> bool:
        """Whether the median ratio is within budget."""
        return self.ratio <= self.budget

    def line(self) -> str:
        """One line for a report."""
        mark = "ok  " if self.ok else "OVER"
        return (
            f"{mark} {self.name:<44} {self.ratio:6.3f}x (budget {self.budget:.2f}x)  "
            f"{self.case_us:9.2f} us vs {self.baseline_us:9.2f} us  [{self.baseline}]"
        )


def _loops_for(func: Callable[[], object], target: float) -> int:
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            func()
        elapsed = time.perf_counter() - start
        if elapsed >= target / 4 or loops >= 1 << 20:
            return max(1, int(loops * target / max(elapsed, 1e-9)))
        loops *= 2


def _time(func: Callable[[], object], loops: int) -> float:
    start = time.perf_counter()
    for _ in range(loops):
        func()
    return (time.perf_counter() - start) / loops


def compare(
    name: str,
    case: Callable[[], object],
    baseline_name: str,
    baseline: Callable[[], object],
    *,
    budget: float,
    rounds: int = 21,
    target: float = 0.02,
) -> Result:
    """Time *case* against *baseline* in interleaved rounds; return the median ratio."""
    case(), baseline()  # warm up both paths once (imports, caches)
    loops_case = _loops_for(case, target)
    loops_base = _loops_for(baseline, target)
    ratios: list[float] = []
    case_times: list[float] = []
    base_times: list[float] = []
    gc_was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for index in range(rounds):
            first_case = index % 2 == 0
            if first_case:
                t_case = _time(case, loops_case)
                t_base = _time(baseline, loops_base)
            else:
                t_base = _time(baseline, loops_base)
                t_case = _time(case, loops_case)
            ratios.append(t_case / t_base)
            case_times.append(t_case)
            base_times.append(t_base)
    finally:
        if gc_was_enabled:
            gc.enable()
    return Result(
        name=name,
        baseline=baseline_name,
        ratio=statistics.median(ratios),
        budget=budget,
        case_us=statistics.median(case_times) * 1e6,
        baseline_us=statistics.median(base_times) * 1e6,
    )
