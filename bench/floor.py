"""The floor of a build: plain docxtpl rendering the same templates with the same facts.

    python bench/floor.py JOBS.pickle OUTDIR

A cold process that imports docxtpl, renders each (template, context) pair
that `bench/run.py` pickled into JOBS.pickle, and saves each result into
OUTDIR. It does nothing else a build does: no term sheet, no model, no checks,
no exhibits appended, no zip normalization, no build record.

The contexts are plain data (dicts, lists, str, Decimal, date, bool, None):
`bench/run.py` turns the pydantic model into dicts in the parent process, so
unpickling imports nothing of dealdocs and no pydantic. The templates' filters
(amounts and dates in words) come from `dealdocs.words`, which imports only the
standard library (a signature block, which reads the model, is stood in for by
the purchaser's name), so docx, jinja2 and lxml are all this process imports besides
docxtpl. Each document is a fresh `DocxTemplate`, as plain docxtpl
code does; one Jinja environment is shared.

Prints one line of JSON: the number of documents, the seconds spent importing,
rendering and saving, and the heavy modules that were imported.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path

START = time.perf_counter()

import jinja2  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from dealdocs import words  # noqa: E402

IMPORTED = time.perf_counter()


def _signature_block(purchaser: object) -> str:
    """A stand-in for dealdocs' `signature_block` filter, which reads the model the floor does not import: the
    purchaser's name, the block's first line (a floor does no more than plain docxtpl would)."""
    return str(purchaser.get("name") or "") if isinstance(purchaser, dict) else ""


def main(jobs_file: str, out_dir: str) -> int:
    with open(jobs_file, "rb") as handle:
        jobs = pickle.load(handle)  # [(output name, template path, context dict)]
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(words.FILTERS)
    env.filters["signature_block"] = _signature_block
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, template, context in jobs:
        document = DocxTemplate(template)
        document.render(context, jinja_env=env, autoescape=True)
        document.save(out / name)
    done = time.perf_counter()
    heavy = sorted(m for m in ("pydantic", "dealdocs.termsheet.model", "dealdocs.render.renderer", "dealdocs.pipeline", "yaml") if m in sys.modules)
    print(json.dumps({"documents": len(jobs), "import_s": IMPORTED - START, "render_s": done - IMPORTED, "heavy_modules": heavy}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
