"""Whether the text checks cost time in proportion to their input.

    .venv/bin/python bench/lint_scaling.py [--size 20000] [--runs 3]

Run it from the repository root with the virtual environment's python. For
each kind of input that once made the checks quadratic or worse, it times
the checks on the input at a size and at twice that size (best of --runs)
and prints the ratio t(2n)/t(n): about 2 is linear, 4 is quadratic. The kinds:

- paragraphs: one paragraph of a long run ("A" * n, "Aa" * n, "A-" * n,
  "A." * n, a run of capitalized words, number words before a figure, a
  word of n letters after "This" ...) checked by `check_paragraphs`;
- a long name: a document whose company name holds a word of n letters,
  used in a party definition and throughout;
- a long document: a reference agreement (the promissory note seed, or the
  clean agreement of the tests) repeated k and 2k times, through `lint`
  (written as a .docx and read back);
- `dealdocs check` of the bridge example whose company name carries a word
  of n/2 and n letters (a cold process each time: the whole command).

Prints a table and one line of JSON; exits 1 when a ratio is above 3.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

from dealdocs.checks.text import check_paragraphs, lint_files

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 3.0

PARAGRAPHS = {
    "capitals": lambda n: ["A" * n],
    "one word": lambda n: ["Aa" * (n // 2)],
    "hyphenated": lambda n: ["A-" * (n // 2)],
    "initials": lambda n: ["A." * (n // 2)],
    "apostrophes": lambda n: ["A'" * (n // 2)],
    "capitalized words": lambda n: [" ".join(["Alpha Beta Gamma"] * (n // 17))],
    "number words": lambda n: ["one two three four five " * (n // 24) + "(5)"],
    "a name, 'on the', a name": lambda n: ["the Alpha Bank on the Beta " * (n // 27)],
    "self-name of n letters": lambda n: ["This A" + "a" * n + " is made.", "The Holder signs."],
    "borrowed term of n letters": lambda n: ["the B" + "b" * n + " (as defined in the Other Agreement)"],
    "long name": lambda n: [
        f'Northwind {"Ab" * (n // 2)} Analytics, Inc. (the "Company") agrees.',
        f'The Company, Northwind {"Ab" * (n // 2)} Analytics, Inc., shall pay NORTHWIND {"AB" * (n // 2)} ANALYTICS, INC.',
    ],
    "many short paragraphs": lambda n: [f'Acme {i} Inc. (the "Party{i}") agrees with Party{i}.' for i in range(n // 40)],
    # a name once and its plural twice, n times: each was looked for again in the whole text (a code review)
    "names and their plurals": lambda n: [f"The Zq{_letters(i)}ville Lender signs. The Zq{_letters(i)}ville Lenders agree "
                                          f"and the Zq{_letters(i)}ville Lenders pay." for i in range(n // 80)],
}


def _letters(i: int) -> str:
    """`i` in letters ("aab"): a made-up word's middle, different for each `i`."""
    return "".join("abcdefghijklmnopqrstuvwxyz"[i // 26 ** k % 26] for k in (2, 1, 0))


def _best(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _document(paragraphs: list[str], folder: Path, name: str) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / name
    document.save(path)
    return path


def _agreement() -> list[str]:
    seed = Path(os.environ.get("DEALDOCS_SEEDS", "/work/shared/seeds")) / "promissory-note-2005-05-18.txt"
    if seed.is_file():
        return [line for line in seed.read_text().splitlines() if line.strip()]
    sys.path.insert(0, str(ROOT / "tests"))
    from test_text_checks import CLEAN_AGREEMENT

    return list(CLEAN_AGREEMENT)


def _check_time(name_letters: int, folder: Path, runs: int) -> float:
    text = (ROOT / "deals" / "bridge-example.yaml").read_text()
    long_name = f"name: Northwind {'Abcdefghij' * (name_letters // 10)} Analytics, Inc."
    deal = folder / f"deal-{name_letters}.yaml"
    deal.write_text(text.replace("name: Northwind Analytics, Inc.", long_name, 1))
    command = [sys.executable, "-m", "dealdocs", "check", str(deal)]
    return _best(lambda: subprocess.run(command, capture_output=True, check=False), runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20000, help="n, in characters (default 20000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, the best is kept (default 3)")
    args = parser.parse_args()
    n, runs = args.size, args.runs
    rows: list[tuple[str, float, float]] = []
    for kind, make in PARAGRAPHS.items():
        small, large = make(n), make(2 * n)
        rows.append((kind, _best(lambda: check_paragraphs("d", small), runs), _best(lambda: check_paragraphs("d", large), runs)))
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        agreement = _agreement()
        copies = max(1, n // 2000)
        once = _document(agreement * copies, folder, "once.docx")
        twice = _document(agreement * (2 * copies), folder, "twice.docx")
        rows.append((f"lint: agreement x{copies} / x{2 * copies}", _best(lambda: lint_files([once]), runs), _best(lambda: lint_files([twice]), runs)))
        rows.append((f"dealdocs check: name of {n // 2:,} / {n:,} letters", _check_time(n // 2, folder, runs), _check_time(n, folder, runs)))
    worst = max(large / max(small, 1e-9) for _, small, large in rows)
    print(f"{'input':48} {'t(n) s':>9} {'t(2n) s':>9} {'ratio':>6}")
    for kind, small, large in rows:
        print(f"{kind:48} {small:9.3f} {large:9.3f} {large / max(small, 1e-9):6.2f}")
    print(json.dumps({"size": n, "runs": runs, "worst_ratio": round(worst, 2),
                      "rows": [{"input": k, "t_n": round(s, 4), "t_2n": round(l, 4)} for k, s, l in rows]}))
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
