"""The `dealdocs` command line: parse arguments, call the library, print.

One thin module per command (`check`, `build`, `lint`, ...), sharing the
helpers of `common`: exit codes 0 clean (warnings allowed), 1 problems found,
2 usage errors; `--format json`; no traceback ever. Heavy libraries (docxtpl,
python-docx, pydantic) are imported inside the commands that need them, so
`--help` starts fast.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from dealdocs import __version__
from dealdocs.cli import binder, build, check, confirm_wire, init, lint, redline, schema, status, templates, text


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dealdocs")
def main() -> None:
    """dealdocs: a financing's term sheet (YAML) in, signature-ready Word documents out.

    \b
    Typical use:
      dealdocs init acme-2026-notes       write a commented starter term sheet
      dealdocs check deals/acme.yaml      find problems in the term sheet
      dealdocs build deals/acme.yaml      write the Word documents to output/acme/
      dealdocs status deals/acme.yaml     what the closing still waits for (deals/acme.closing.yaml)
      dealdocs binder deals/acme.yaml --signed signed/   the executed documents and the closing binder
      dealdocs confirm-wire deals/acme.yaml  record the wire details confirmed by telephone
      dealdocs lint draft.docx            check any Word file's text

    Exit codes: 0 no problems (warnings allowed), 1 problems found, 2 usage error (a missing file: given
    several, check, build and lint do the others first)
    (141: the output went into a pipe closed early, as with | head).
    """


for command in (check.check, build.build, status.status, binder.binder, confirm_wire.confirm_wire, schema.schema, init.init, text.text,
                lint.lint,
                redline.redline, templates.templates):
    main.add_command(command)


def run() -> None:
    """The `dealdocs` program: `main` run as a whole process, which then ends.

    When the command is done, its objects are frozen (`gc.freeze`): the
    interpreter's final garbage collections then skip them, and the operating
    system frees the process's memory at once. That is about 0.1 s of a 0.5 s
    `dealdocs check` (bench/run.py). Output is flushed and exit handlers run as
    usual. Only the process entry point does this, never `main` itself, which
    tests and other programs call in-process.

    An output the process was started without (`>&-`: Python's stream is None) is the null device, as a closed pipe
    becomes once broken (a hostile sweep: a traceback, `'NoneType' object has no attribute 'flush'`).
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115  kept for the process
    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
