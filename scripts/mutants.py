"""Mutation testing, one module at a time against its own test folder (``nox -s mutants``).

mutmut imports the mutated copy of the package from ``mutants/src``, and names each mutant
after its file's path. ``httpfault.adapters`` lives in ``adapters/`` (a package-dir
mapping), which mutmut cannot see as part of ``httpfault``; so each module is staged in
``build/mutants/<module>/`` with the adapters copied to ``src/httpfault/adapters``, the tests,
and a ``pyproject.toml`` whose ``[tool.mutmut]`` mutates that one module and selects its test
folder. The modules and their folders are ``[tool.mutants.modules]`` in pyproject.toml.

    python scripts/mutants.py                  # every module
    python scripts/mutants.py _request adapters/_flask/convert   # some of them
    python scripts/mutants.py --list           # the modules and their test folders

Each module's survivors are printed at the end; ``mutmut show <name>`` in its stage shows one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
STAGES = ROOT / "build" / "mutants"
EXTRAS = ["docs", "examples", "README.md", "CHANGELOG.md", "mkdocs.yml"]


def modules() -> dict[str, list[str]]:
    """``[tool.mutants.modules]``: a module's path in the repository -> its test folders."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    table: dict[str, list[str]] = data["tool"]["mutants"]["modules"]
    return table


def staged_path(module: str) -> str:
    """Where *module* sits in the stage: adapters move under ``src/httpfault/adapters``."""
    if module.startswith("adapters/"):
        return "src/httpfault/" + module
    return module


def slug(module: str) -> str:
    """A directory name for *module*'s stage."""
    return module.removeprefix("src/httpfault/").removesuffix(".py").replace("/", ".")


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def stage(module: str, tests: list[str]) -> Path:
    """A fresh stage for *module*: the package, its tests and its mutmut settings."""
    where = STAGES / slug(module)
    if where.exists():
        shutil.rmtree(where)
    (where / "src").mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "src" / "httpfault", where / "src" / "httpfault", ignore=ignore)
    shutil.copytree(ROOT / "adapters", where / "src" / "httpfault" / "adapters", ignore=ignore)
    shutil.copytree(ROOT / "tests", where / "tests", ignore=ignore)
    for extra in EXTRAS:  # what some tests read: the docs, the examples, the README
        if (ROOT / extra).is_dir():
            shutil.copytree(ROOT / extra, where / extra, ignore=ignore)
        else:
            shutil.copy2(ROOT / extra, where / extra)
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    head, _, _ = text.partition("[tool.mutmut]")
    shared = tomllib.loads(text)["tool"]["mutmut"]
    lines = [
        "[tool.mutmut]",
        'source_paths = ["src/httpfault"]',
        f"only_mutate = {_toml_list([staged_path(module)])}",
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}",
        f"pytest_add_cli_args = {_toml_list(shared.get('pytest_add_cli_args', []))}",
        f"timeout_multiplier = {float(shared.get('timeout_multiplier', 15.0))}",
        f"also_copy = {_toml_list(EXTRAS)}",
        "use_git_change_detection = false",
    ]
    (where / "pyproject.toml").write_text(head + "\n".join(lines) + "\n", "utf-8")
    return where


def run(module: str, tests: list[str], jobs: int) -> tuple[int, int, list[str], float]:
    """Mutate *module*, run its tests; return killed, total, the survivors, seconds taken."""
    where = stage(module, tests)
    env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "dev")}
    env.pop("PYTHONPATH", None)
    start = time.monotonic()
    mutmut = [str(Path(sys.executable).parent / "mutmut")]  # its own script, as its docs ask
    subprocess.run([*mutmut, "run", "--max-children", str(jobs)], cwd=where, env=env, check=True)
    seconds = time.monotonic() - start
    listing = subprocess.run(
        [*mutmut, "results", "--all", "true"],
        cwd=where,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    verdicts = [line.strip().rsplit(": ", 1) for line in listing.splitlines() if ": " in line]
    survivors = [name for name, verdict in verdicts if verdict != "killed"]
    killed = len(verdicts) - len(survivors)
    return killed, len(verdicts), survivors, seconds


def main(argv: list[str] | None = None) -> int:
    """Run the modules asked for (all by default) and print their scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (a part of the path will do)")
    parser.add_argument("--list", action="store_true", help="list the modules and exit")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel mutants")
    args = parser.parse_args(argv)
    table = modules()
    if args.list:
        for module, tests in table.items():
            print(f"{module}: {' '.join(tests)}")
        return 0
    chosen = [m for m in table if not args.modules or any(part in m for part in args.modules)]
    if not chosen:
        parser.error(f"no module matches {args.modules}; see --list")
    report = []
    for module in chosen:
        killed, total, survivors, seconds = run(module, table[module], args.jobs)
        report.append((module, killed, total, survivors, seconds))
    print()
    for module, killed, total, survivors, seconds in report:
        print(f"{module}: {killed}/{total} killed in {seconds:.0f} s")
        for name in survivors:
            print(f"    not killed: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
