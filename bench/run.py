"""How fast dealdocs is on this machine, against plain docxtpl and against its targets.

    .venv/bin/python bench/run.py [--runs 7] [--big-runs 3] [--out bench/results.json]

Run it from the repository root with the virtual environment's python. In one
run, side by side, it measures:

1. `dealdocs build deals/bridge-example.yaml`, a cold process each time, into a
   fresh output folder: the median wall time of --runs runs; the compiled
   template cache (`dealdocs.render.cache`) is warm, as after a user's first build,
   and the same build with the cache empty is measured beside it;
2. the floor, `bench/floor.py`: a cold process that imports docxtpl and only
   renders and saves the same templates with the same facts (see its
   docstring; the facts are turned into plain dicts here and pickled, so the
   floor process imports neither pydantic nor the dealdocs model);
3. `dealdocs check deals/bridge-example.yaml`, a cold process;
4. 40 term sheets (copies of the examples under distinct names) built by one
   `dealdocs build ... -j 2` against 40 separate `dealdocs build` processes run
   one after the other, and whether the progress bar shows on a terminal
   (under `script`, which gives the command a pseudo-terminal);
5. a deal with 100 purchasers (100 notes, 100 signature blocks), generated
   from bridge-example with distinct names and amounts, and one with 200: the
   time of each cold build and t200/t100.

Every child's wall time, CPU time (user + system) and peak memory (max RSS,
from `os.wait4`; for `-j 2` the largest of the parent and its workers) are
recorded. Runs are interleaved (build, floor, check, build, ...) so that a
change in the machine's load hits all of them alike; the load average before
and after is recorded, since other work on the machine slows every figure.
dealdocs' .pyc files are compiled first (`compileall`), and one run of each is
made and discarded, so compiled modules, compiled templates and the file cache
are warm, as they are for a user's second command.

Prints each figure, the ratios and every target with pass/fail, and writes
them to bench/results.json. Exit code 0 when every target is met, else 1.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from decimal import Decimal
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
BRIDGE = REPO / "deals" / "bridge-example.yaml"
EXAMPLES = [REPO / "deals" / name for name in ("bridge-example.yaml", "roo-2005-escrow.yaml", "roo-2005-note.yaml")]
BATCH_SIZE = 40

TARGETS = {
    "cold_build_vs_floor": ("<=", 2.0, "cold bridge build / floor"),
    "cold_build_s": ("<", 1.0, "cold bridge build, seconds"),
    "check_s": ("<", 0.5, "cold check, seconds"),
    "batch_speedup": (">=", 4.0, "40 separate builds / one build -j 2"),
    "progress_bar_on_tty": ("==", True, "progress bar shows on a terminal"),
    "purchasers_100_s": ("<", 10.0, "100-purchaser build, seconds"),
    "t200_over_t100": ("<", 2.2, "200-purchaser build / 100-purchaser build"),
    "peak_rss_mb": ("<", 300.0, "largest max RSS of any process measured, MB"),
}


# ------------------------------------------------------------------ running children


def dealdocs_command() -> list[str]:
    script = Path(sys.executable).parent / "dealdocs"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "dealdocs"]


def run(cmd: list[str], *, cwd: Path = REPO, env: dict[str, str] | None = None) -> dict:
    """Run `cmd` to the end; its wall time, CPU time, peak memory (`os.wait4`) and exit code."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_mb": usage.ru_maxrss / 1024,  # Linux: kilobytes
        "rc": proc.returncode,
        "output": text[-2000:],
    }


def summary(runs: list[dict]) -> dict:
    walls = [r["wall_s"] for r in runs]
    return {
        "runs": len(runs),
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "cpu_median_s": statistics.median(r["cpu_s"] for r in runs),
        "max_rss_mb": max(r["max_rss_mb"] for r in runs),
        "all_ok": all(r["rc"] == 0 for r in runs),
    }


def require_ok(result: dict, what: str) -> None:
    if result["rc"] != 0:
        sys.exit(f"bench: {what} failed (exit {result['rc']}):\n{result['output']}")


# ------------------------------------------------------------------ the floor's input


def plain(value):
    """The model as plain data: dicts with every field and property, so unpickling needs no dealdocs."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        out = {name: plain(getattr(value, name)) for name in type(value).model_fields}
        for klass in type(value).__mro__:
            if not klass.__module__.startswith("dealdocs"):
                continue
            for name, attr in vars(klass).items():
                if isinstance(attr, (property, cached_property)) and not name.startswith("_") and name not in out:
                    try:
                        out[name] = plain(getattr(value, name))
                    except ValueError:  # a property this deal does not have (`Deal.purchaser` of a deal of several)
                        continue
        return out
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Decimal):
        return Decimal(str(value))
    if isinstance(value, int):
        return int(value)
    return value  # dates


def floor_jobs(term_sheet: Path) -> list[tuple[str, str, dict]]:
    """(output name, template path, context) for every template a build of `term_sheet` renders."""
    from dealdocs.closing.kinds import documents_for
    from dealdocs.termsheet.loader import load_deal
    from dealdocs.render.context import context_for
    from dealdocs.render.templates import TemplateSet

    deal, _ = load_deal(term_sheet, str(term_sheet))
    templates = TemplateSet((term_sheet.parent / deal.templates).resolve() if deal.templates else None)
    jobs = []
    for spec in documents_for(deal):
        jobs.append((spec.filename, str(templates.path(spec.template)), plain(context_for(deal, spec))))
        for exhibit in spec.exhibits:
            context = plain(context_for(deal, spec, form=not deal.single_purchaser, exhibit=True))
            jobs.append((f"{spec.name}-exhibit-{exhibit}", str(templates.path(exhibit)), context))
    return jobs


# ------------------------------------------------------------------ generated term sheets

_FIRST = "Amber Birch Cedar Delta Ember Falcon Granite Harbor Iron Juniper Kestrel Laurel Meadow Northgate Orchard Pine Quill Raven Summit Tidewater".split()
_SECOND = "Ridge Brook Field Stone Crest Grove Point Bay Hollow Vale Glen Heath".split()
_ENTITY_KINDS = [
    ("Capital Partners, L.P.", "limited partnership"),
    ("Ventures, LLC", "limited liability company"),
    ("Holdings, LLC", "limited liability company"),
]
_GIVEN = "Alice Brian Carla Dmitri Esther Felix Grace Hiroshi Ingrid Jonah Keiko Liam Maya Nikolai Olivia Pilar Quentin Rosa".split()
_FAMILY = "Abbott Bennett Castillo Dunmore Ellison Fairbanks Galloway Hartley Iverson Jennings Kowalski Lindqvist".split()
# past the first 240 entities and 216 people, a third word and a middle initial keep names distinct (bench/scaling.py)
_THIRD = ("Atlas Beacon Compass Drummond Everest Fairview Gateway Highland Inverness Jasper Keystone Lakeside "
          "Marlowe Newport Oakmont Prescott Quarry Redwood Sterling Thornton Upland Vantage Westbrook Yardley Zenith").split()


def generated_purchasers(count: int) -> list[dict]:
    """`count` purchasers (up to 6,000), every fifth one a person, with distinct names and amounts."""
    purchasers = []
    for i in range(count):
        amount = f"{Decimal(100000 + 1000 * i):,.2f}"
        if i % 5 == 4:
            k = i // 5
            name = f"{_GIVEN[k % len(_GIVEN)]} {_FAMILY[(k // len(_GIVEN) + k) % len(_FAMILY)]}"
            if k >= 216:
                first, family = name.split(" ")
                name = f"{first} {chr(ord('A') + (k // 216 - 1) % 26)}. {family}"
            purchaser = {
                "kind": "individual", "name": name, "short_name": name, "pronoun": "they",
                "address": {"street": [f"{10 + i} Garden Place"], "city": "Brooklyn", "state": "New York", "postal_code": "11201"},
            }
        else:
            base = f"{_FIRST[i % len(_FIRST)]} {_SECOND[(i // len(_FIRST)) % len(_SECOND)]}"
            if i >= 240:
                base += f" {_THIRD[(i // 240 - 1) % len(_THIRD)]}"
            suffix, entity_type = _ENTITY_KINDS[i % len(_ENTITY_KINDS)]
            purchaser = {
                "kind": "entity", "name": f"{base} {suffix}", "short_name": base, "entity_type": entity_type,
                "state_of_organization": "Delaware",
                "address": {"street": [f"{100 + i} Park Avenue"], "city": "New York", "state": "New York", "postal_code": "10166"},
                "signatory": {"name": f"{_GIVEN[i % len(_GIVEN)]} {_FAMILY[i % len(_FAMILY)]}", "title": "Managing Member"},
            }
        purchaser["subscription"] = amount
        purchaser["principal"] = amount
        purchasers.append(purchaser)
    assert len({p["name"] for p in purchasers}) == count and len({p["short_name"] for p in purchasers}) == count
    return purchasers


def fit_funds(data: dict) -> None:
    """Make the escrowed total, and the placement agent's fee paid out of it, follow the purchasers; and the purchaser
    who signs the control agreements for them all (`notes.control_designee`) one of them, the first."""
    if (data.get("notes") or {}).get("control_designee"):
        data["notes"]["control_designee"] = data["purchasers"][0]["name"]
    total = sum(Decimal(str(p["subscription"]).replace(",", "")) for p in data["purchasers"])
    data["escrow"]["aggregate_subscription"] = f"{total:,.2f}"
    percent = Decimal(str(data.get("placement_agent", {}).get("fee_percent", 0)))
    for payment in data["escrow"]["disbursements"]:
        if payment.get("role") == "placement_agent":
            payment["amount"] = f"{(total * percent / 100).quantize(Decimal('0.01')):,.2f}"
        payment["amount"] = str(payment["amount"])


def large_deal(count: int, folder: Path) -> Path:
    """bridge-example with `count` purchasers; the escrowed total follows."""
    import yaml

    data = yaml.safe_load(BRIDGE.read_text(encoding="utf-8"))
    data["title"] = f"Northwind Analytics bridge notes, {count} purchasers"
    data["purchasers"] = generated_purchasers(count)
    fit_funds(data)
    path = folder / f"purchasers-{count}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# ------------------------------------------------------------------ the measurements


def machine() -> dict:
    version = subprocess.run([sys.executable, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "python": version,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "git_commit": commit or None,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def measure(runs: int, big_runs: int, work: Path) -> dict:
    dd = dealdocs_command()
    out = work / "out"
    fresh = iter(range(10**6))

    # The template cache (dealdocs.render.cache: compiled code and patched XML) lives in the work folder: warmed by the first,
    # discarded run, as a user's own cache is after their first build; one figure starts it empty.
    os.environ["DEALDOCS_CACHE_DIR"] = str(work / "cache")

    def build(term_sheets: list[Path], *extra: str, env: dict[str, str] | None = None) -> dict:
        target = out / f"o{next(fresh)}"
        return run([*dd, "build", *map(str, term_sheets), "-o", str(target), *extra], env=env)

    def build_empty_cache() -> dict:
        return build([BRIDGE], env={"DEALDOCS_CACHE_DIR": str(work / f"cache{next(fresh)}")})

    # 2. the floor's input: the contexts as plain data, pickled
    jobs_file = work / "floor-jobs.pickle"
    with open(jobs_file, "wb") as handle:
        pickle.dump(floor_jobs(BRIDGE), handle)

    def floor() -> dict:
        return run([sys.executable, str(BENCH / "floor.py"), str(jobs_file), str(out / f"f{next(fresh)}")])

    def check() -> dict:
        return run([*dd, "check", str(BRIDGE)])

    print(f"bench: {runs} runs each of build, floor and check (one more first, discarded) ...", flush=True)
    for what, result in (("build", build([BRIDGE])), ("floor", floor()), ("check", check())):
        require_ok(result, what)
    floor_report = json.loads(floor()["output"].strip().splitlines()[-1])
    builds, floors, checks, empty_cache = [], [], [], []
    for _ in range(runs):
        builds.append(build([BRIDGE]))
        floors.append(floor())
        checks.append(check())
        empty_cache.append(build_empty_cache())
        shutil.rmtree(out, ignore_errors=True)
    for what, results in (("build", builds), ("floor", floors), ("check", checks), ("build", empty_cache)):
        for result in results:
            require_ok(result, what)

    # 4. a batch of 40 against 40 processes
    batch_dir = work / "batch"
    batch_dir.mkdir()
    sheets = []
    for i in range(BATCH_SIZE):
        source = EXAMPLES[i % len(EXAMPLES)]
        sheets.append(batch_dir / f"deal-{i + 1:02d}-{source.stem}.yaml")
        shutil.copyfile(source, sheets[-1])
    print(f"bench: {BATCH_SIZE} term sheets, one build -j 2, then {BATCH_SIZE} separate builds ...", flush=True)
    batch = build(sheets, "-j", "2")
    require_ok(batch, "the batch build")
    start = time.perf_counter()
    separate = [build([sheet]) for sheet in sheets]
    separate_wall = time.perf_counter() - start
    for result in separate:
        require_ok(result, "a separate build")
    shutil.rmtree(out, ignore_errors=True)
    progress = progress_bar_on_tty(dd, sheets[:6], out / "tty")

    # 5. 100 and 200 purchasers
    large_dir = work / "large"
    large_dir.mkdir()
    large = {n: large_deal(n, large_dir) for n in (100, 200)}
    print(f"bench: 100- and 200-purchaser deals, {big_runs} builds each ...", flush=True)
    big: dict[int, list[dict]] = {100: [], 200: []}
    for _ in range(big_runs):
        for n, sheet in large.items():
            result = build([sheet])
            require_ok(result, f"the {n}-purchaser build")
            big[n].append(result)
            shutil.rmtree(out, ignore_errors=True)

    figures = {
        "cold_build": summary(builds),
        "cold_build_empty_cache": summary(empty_cache),
        "floor": {**summary(floors), "documents": floor_report["documents"], "heavy_modules_imported": floor_report["heavy_modules"]},
        "check": summary(checks),
        "batch_j2": {**summary([batch]), "deals": BATCH_SIZE},
        "separate_builds": {
            "runs": BATCH_SIZE,
            "total_s": separate_wall,
            "median_s": statistics.median(r["wall_s"] for r in separate),
            "cpu_total_s": sum(r["cpu_s"] for r in separate),
            "max_rss_mb": max(r["max_rss_mb"] for r in separate),
            "all_ok": all(r["rc"] == 0 for r in separate),
        },
        "purchasers_100": summary(big[100]),
        "purchasers_200": summary(big[200]),
    }
    return {"figures": figures, "progress_bar": progress}


def progress_bar_on_tty(dd: list[str], sheets: list[Path], target: Path) -> dict:
    """Build a few deals under `script` (a pseudo-terminal) and look for the bar in what it printed."""
    script = shutil.which("script")
    if not script:
        return {"checked": False, "shown": False, "why": "`script` is not installed"}
    command = " ".join(map(_quote, [*dd, "build", *map(str, sheets), "-j", "2", "-o", str(target)]))
    result = subprocess.run([script, "-qec", command, "/dev/null"], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "100", "LINES": "40"}, stdin=subprocess.DEVNULL)
    text = result.stdout
    shown = "building" in text and "\u2501" in text and f"{len(sheets)}/{len(sheets)}" in text
    return {"checked": True, "shown": shown, "exit_code": result.returncode}


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def verdicts(result: dict) -> dict:
    f = result["figures"]
    values = {
        "cold_build_vs_floor": f["cold_build"]["median_s"] / f["floor"]["median_s"],
        "cold_build_s": f["cold_build"]["median_s"],
        "check_s": f["check"]["median_s"],
        "batch_speedup": f["separate_builds"]["total_s"] / f["batch_j2"]["median_s"],
        "progress_bar_on_tty": result["progress_bar"]["shown"],
        "purchasers_100_s": f["purchasers_100"]["median_s"],
        "t200_over_t100": f["purchasers_200"]["median_s"] / f["purchasers_100"]["median_s"],
        "peak_rss_mb": max(v["max_rss_mb"] for k, v in f.items() if k != "floor"),
    }
    out = {}
    for name, (op, limit, what) in TARGETS.items():
        value = values[name]
        ok = {"<": value < limit, "<=": value <= limit, ">=": value >= limit, "==": value == limit}[op]
        out[name] = {"what": what, "value": round(value, 3) if isinstance(value, float) else value,
                     "target": f"{op} {limit}", "pass": bool(ok)}
    return out


def report(result: dict) -> None:
    f = result["figures"]
    print()
    print(f"{'figure':<34}{'median s':>10}{'min s':>9}{'cpu s':>9}{'max RSS MB':>12}")
    rows = [
        ("cold build, bridge-example", f["cold_build"]),
        ("  the same, template cache empty", f["cold_build_empty_cache"]),
        ("floor: plain docxtpl, same docs", f["floor"]),
        ("cold check, bridge-example", f["check"]),
        (f"batch of {BATCH_SIZE}, one build -j 2", f["batch_j2"]),
        ("100 purchasers, cold build", f["purchasers_100"]),
        ("200 purchasers, cold build", f["purchasers_200"]),
    ]
    for name, s in rows:
        print(f"{name:<34}{s['median_s']:>10.3f}{s['min_s']:>9.3f}{s['cpu_median_s']:>9.3f}{s['max_rss_mb']:>12.1f}")
    s = f["separate_builds"]
    print(f"{f'{BATCH_SIZE} separate builds (total)':<34}{s['total_s']:>10.3f}{'':>9}{s['cpu_total_s']:>9.3f}{s['max_rss_mb']:>12.1f}")
    print()
    for name, v in result["targets"].items():
        print(f"{'PASS' if v['pass'] else 'FAIL'}  {v['what']}: {v['value']} (target {v['target']})")
    load = result["load_average"]
    print(f"\nload average before {load['before']}, after {load['after']} on {result['machine']['cores']} cores")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of the cold build, floor and check (default 7)")
    parser.add_argument("--big-runs", type=int, default=3, help="runs of each large deal (default 3)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="where to write the results")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    # Compiled .pyc files, as a user's second command finds them: pip writes them for an installed
    # package, but an editable install under PYTHONDONTWRITEBYTECODE=1 (set on some machines, CI
    # among them) would compile every module of dealdocs from source in every process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    work = Path(tempfile.mkdtemp(prefix="dealdocs-bench-"))
    try:
        before = [round(x, 2) for x in os.getloadavg()]
        result = {"machine": machine(), **measure(args.runs, args.big_runs, work)}
        result["load_average"] = {"before": before, "after": [round(x, 2) for x in os.getloadavg()]}
        result["targets"] = verdicts(result)
        result["all_targets_met"] = all(v["pass"] for v in result["targets"].values())
    finally:
        if args.keep:
            print(f"bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report(result)
    for figure in result["figures"].values():
        figure.pop("output", None)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if result["all_targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
