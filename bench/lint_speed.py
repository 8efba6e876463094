"""dealdocs lint against contract-lint, on the same real agreements, in one process.

    .venv/bin/pip install -e '.[bench]'     # contract-lint 0.2.6, the peer it is measured against
    .venv/bin/python bench/lint_speed.py [--runs 5] [--out bench/lint_speed.json]

The corpus is `tests/corpus/real/*.txt` (real agreements filed with the SEC,
one paragraph a line). Each is written once as a Word file (one paragraph per
line, python-docx), and both tools read the same .docx files: dealdocs through
`dealdocs.checks.text.lint_files`, contract-lint through its own reader and
rules (`read_document`, `analyze`, `lint` with its default configuration), both
called in this one process, after one warm-up pass each so that imports and
compiled patterns are not counted. Passes alternate (dealdocs, contract-lint,
dealdocs, ...) so that a change in the machine's load hits both alike.

Prints the median time of a pass over the corpus for each tool, their ratio
and the findings each reported; writes them to the --out file. The target
(issue #15): dealdocs no slower than contract-lint. Exit code 0 when met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus" / "real"


def word_files(folder: Path) -> list[Path]:
    """Each corpus agreement as a .docx in `folder`, one paragraph per line of its text."""
    from docx import Document

    made = []
    for source in sorted(CORPUS.glob("*.txt")):
        document = Document()
        for line in source.read_text(encoding="utf-8").splitlines():
            document.add_paragraph(line)
        target = folder / f"{source.stem}.docx"
        document.save(target)
        made.append(target)
    return made


def dealdocs_pass(files: list[Path]) -> int:
    from dealdocs.checks.text import lint_files

    forget_paragraphs()

    return len(lint_files(files))


def forget_paragraphs() -> None:
    """Empty the text checks' memory of paragraphs already judged (`functools` caches), so that each pass
    reads the agreements as a first `dealdocs lint` does, not as a second."""
    import importlib
    import pkgutil

    import dealdocs.checks.text as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def contract_lint_pass(files: list[Path]) -> int:
    import contract_lint_cli as peer

    config = peer._default_config()
    found = 0
    for path in files:
        text, fmt, numbering = peer.read_document(str(path))
        found += len(peer.lint(peer.analyze(text, fmt, numbering), config))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "lint_speed.json")
    args = parser.parse_args()
    try:
        import contract_lint_cli  # noqa: F401
    except ImportError:
        print("contract-lint is not installed: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dealdocs-lint-bench-") as folder:
        files = word_files(Path(folder))
        if not files:
            print(f"no agreements in {CORPUS}", file=sys.stderr)
            return 2
        passes = {"dealdocs": dealdocs_pass, "contract-lint": contract_lint_pass}
        findings = {name: run(files) for name, run in passes.items()}  # the warm-up pass
        times: dict[str, list[float]] = {name: [] for name in passes}
        for _ in range(args.runs):
            for name, run in passes.items():
                start = time.perf_counter()
                run(files)
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["dealdocs"] / medians["contract-lint"]
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0],
        "agreements": len(files),
        "characters": sum(len(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))),
        "runs": args.runs,
        "seconds": {name: [round(t, 4) for t in values] for name, values in times.items()},
        "median_seconds": {name: round(t, 4) for name, t in medians.items()},
        "dealdocs_over_contract_lint": round(ratio, 3),
        "findings": findings,
        "target": "dealdocs no slower than contract-lint (ratio <= 1)",
        "met": ratio <= 1.0,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{len(files)} agreements, {result['characters']:,} characters, median of {args.runs} passes:")
    for name, t in medians.items():
        print(f"  {name:14} {t:.3f} s   {findings[name]} findings")
    print(f"  dealdocs / contract-lint = {ratio:.2f} (target <= 1: {'met' if ratio <= 1 else 'NOT met'})")
    return 0 if ratio <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
