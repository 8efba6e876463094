"""Each command imports only what it needs: the cheap commands never load the rendering engine.

Import time is most of a cold command's cost (bench/run.py measures it); these
tests pin down which heavy modules each command loads, in a fresh process, so
a stray top-level import cannot slip back in unnoticed. No timing here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from docx_helpers import REPO

HEAVY = ("docxtpl", "docx", "jinja2", "lxml", "pydantic", "yaml", "rich", "python_redlines")

PROBE = """
import json, sys
from click.testing import CliRunner
from dealdocs.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"exit": result.exit_code, "heavy": heavy}}))
"""


def loaded_by(*args: str, modules: tuple[str, ...] = HEAVY) -> tuple[int, set[str]]:
    """The exit code of `dealdocs ARGS` and which of `modules` it imported, in a fresh interpreter."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=modules), *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return report["exit"], set(report["heavy"])


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("check", "--help"), ("status", "--help"), ("--version",)])
def test_help_and_version_load_no_engine(args):
    exit_code, heavy = loaded_by(*args)
    assert exit_code == 0
    assert heavy == set(), f"dealdocs {' '.join(args)} imported {sorted(heavy)}"


def test_check_of_a_term_sheet_with_errors_stops_before_the_engine(tmp_path):
    sheet = tmp_path / "deal.yaml"
    sheet.write_text("title: x\n", encoding="utf-8")
    exit_code, heavy = loaded_by("check", str(sheet))
    assert exit_code == 1
    assert not heavy & {"docxtpl", "docx", "jinja2", "lxml"}, f"a term sheet error loaded {sorted(heavy)}"


def test_build_loads_the_engine_it_needs(tmp_path):
    exit_code, heavy = loaded_by("build", str(REPO / "deals" / "bridge-example.yaml"), "-o", str(tmp_path))
    assert exit_code == 0
    assert {"docxtpl", "docx", "jinja2", "pydantic", "yaml"} <= heavy  # the probe sees what a build uses
    assert "python_redlines" not in heavy


def test_check_of_a_clean_deal_loads_no_writing_code():
    """`check` writes nothing, so it loads neither the output writer nor what the writer needs."""
    exit_code, heavy = loaded_by("check", str(REPO / "deals" / "bridge-example.yaml"), modules=("dealdocs.outputs.write", "subprocess"))
    assert exit_code == 0
    assert heavy == set(), f"dealdocs check imported {sorted(heavy)}"


def test_check_of_a_deal_whose_ledger_records_versions_loads_no_writing_code(tmp_path):
    """A code review: a version in the closing ledger had `check` load the output writer for its hash."""
    import shutil

    sheet = tmp_path / "bridge-example.yaml"
    shutil.copyfile(REPO / "deals" / "bridge-example.yaml", sheet)
    (tmp_path / "bridge-example.closing.yaml").write_text(
        "signed:\n  - {signer: Elena Marsh, document: note-purchase-agreement, version: 0000abcd}\n")
    exit_code, heavy = loaded_by("check", str(sheet), modules=("dealdocs.outputs.write", "subprocess"))
    assert exit_code == 0  # a warning, DD515: the version is none of this build's
    assert heavy == set(), f"dealdocs check imported {sorted(heavy)}"


def test_status_reads_the_deal_without_the_document_engine():
    """`status` needs the term sheet and its ledger, never a rendered document."""
    exit_code, heavy = loaded_by("status", str(REPO / "deals" / "bridge-example.yaml"))
    assert exit_code == 1  # the example deal has no ledger: everything is outstanding
    assert not heavy & {"docxtpl", "docx", "jinja2", "lxml"}, f"dealdocs status imported {sorted(heavy)}"
