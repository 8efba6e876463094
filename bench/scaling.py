"""How `check`, `build` and `redline` scale with the number of purchasers.

    .venv/bin/python bench/scaling.py [--sizes 1000 2000] [--big 5000] [--deals escrow notes]
                                      [--skip-build] [--skip-redline]

Run it from the repository root with the virtual environment's python. For
each kind of deal and each size it generates a term sheet from
deals/bridge-example.yaml with that many purchasers (distinct names and
amounts, every fifth one a person): `escrow`, the escrow agreement and release
notice only (the `notes:` section left out: two documents, each with a
signature page per purchaser), and `notes`, every document (a promissory note
per purchaser besides). It then times, each as a cold `python -m dealdocs`
process:

- `check` of the deal, nothing kept from an earlier run (an empty cache folder);
- `check again`, what the first kept (`dealdocs.checks.readings`);
- `check edited`, after those, of the earlier version below (three more
  purchasers, another amount for the first: the agreements and one note
  changed, the other notes as they were);
- `build` of the deal into a fresh folder, after those checks;
- `redline` of the deal against an earlier version of it with three more
  purchasers and another amount for the first one, after those checks;
- `redline cold`, the same with nothing kept (a second empty cache folder).

Before this benchmark `check` of 5,000 purchasers took 253 s and a redline
against a 303-purchaser version 291 s. Linear work doubles when the
purchasers double: it prints, for each command, the wall time and the CPU time
(of the process and its render workers) at each size, the ratio of CPU times
at the second size to the first (about 2 when linear, about 4 when
quadratic), then the `--big` deal's times. CPU time is the figure to compare
on a machine other work also uses. Exit code 0 when every command ran (a check
may report problems), else 1. No test asserts a time; this is where speed is
watched.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from run import fit_funds, generated_purchasers  # bench/run.py: the same generated purchasers as its 100- and 200-purchaser deals

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"


def term_sheet(count: int, folder: Path, name: str, *, kind: str = "notes", extra: int = 0,
               first_amount: str | None = None) -> Path:
    """The bridge example with `count + extra` generated purchasers, written to folder/name.

    `kind` "escrow" leaves the notes out (and the purchasers' principals).
    """
    data = yaml.safe_load(BRIDGE.read_text())
    data["purchasers"] = generated_purchasers(count + extra)
    if kind == "escrow":
        del data["notes"]
        for purchaser in data["purchasers"]:
            del purchaser["principal"]
    if first_amount is not None:
        data["purchasers"][0]["subscription"] = first_amount
        if kind == "notes":
            data["purchasers"][0]["principal"] = first_amount
    fit_funds(data)
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def timed(*args: str, cache: Path | None = None) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, exit code, last lines of output) of a cold `python -m dealdocs` process, its
    cache folder `cache` (its key in a folder beside it).

    CPU time is the process's and its render workers' (all its waited-for descendants), user and system.
    """
    env = dict(os.environ)
    if cache is not None:
        env.update(DEALDOCS_CACHE_DIR=str(cache), XDG_STATE_HOME=str(cache.with_name(cache.name + "-key")))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=REPO, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-3:])
    return wall, cpu, done.returncode, tail


def measure(kind: str, count: int, work: Path, *, build: bool, redline: bool) -> dict[str, tuple[float, float]]:
    """{command: (wall, CPU)} for one deal of `count` purchasers; NaN for a command that failed."""
    folder = work / f"{kind}-{count}"
    folder.mkdir()
    current = term_sheet(count, folder, "deal.yaml", kind=kind, first_amount="123,456.00")
    cache, empty = folder / "cache", folder / "cache-cold"
    earlier = term_sheet(count, folder, "earlier.yaml", kind=kind, extra=3)
    runs = [("check", ["check", str(current)], cache), ("check again", ["check", str(current)], cache),
            ("check edited", ["check", str(earlier)], cache)]
    if build:
        runs.append(("build", ["build", str(current), "-o", str(folder / "out")], cache))
    if redline:
        against = ["redline", str(current), "--against", str(earlier), "-o"]
        runs += [("redline", [*against, str(folder / "redline")], cache),
                 ("redline cold", [*against, str(folder / "redline-cold")], empty)]
    times: dict[str, tuple[float, float]] = {}
    for what, args, kept in runs:
        wall, cpu, code, tail = timed(*args, cache=kept)
        ok = code in (0, 1) if what.startswith("check") else code == 0
        times[what] = (wall, cpu) if ok else (float("nan"), float("nan"))
        print(f"  {kind:<7}{what:<13}{count:>6,} purchasers: {wall:8.1f} s wall {cpu:8.1f} s CPU (exit {code})"
              + ("" if code == 0 else f"\n{tail}"), flush=True)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 2000], metavar=("N", "2N"))
    parser.add_argument("--big", type=int, default=5000)
    parser.add_argument("--deals", nargs="+", choices=["escrow", "notes"], default=["escrow", "notes"])
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-redline", action="store_true")
    options = parser.parse_args(argv)
    commands = dict(build=not options.skip_build, redline=not options.skip_redline)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="dealdocs-scaling-") as work:
        for kind in options.deals:
            small, large = (measure(kind, n, Path(work), **commands) for n in options.sizes)
            print(f"  {kind}: CPU time at {options.sizes[1]:,} over {options.sizes[0]:,} purchasers (2 linear, 4 quadratic): "
                  + ", ".join(f"{what} {large[what][1] / small[what][1]:.2f}" for what in small), flush=True)
            big = measure(kind, options.big, Path(work), **commands)
            failed |= any(t != t for times in (small, large, big) for t, _ in times.values())
    print(f"load average after {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
