"""The README says what the code does: its generated sections are current, every code is listed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from dealdocs.catalog import catalog
from readme_sections import README, generated_sections, section

SOURCE = Path(__file__).resolve().parents[1] / "src" / "dealdocs"


@pytest.mark.parametrize("name", sorted(generated_sections()))
def test_generated_section_is_current(name):
    expected = generated_sections()[name]
    assert section(README.read_text(), name) == expected, f"README.md's {name} section is stale: run python tests/readme_sections.py"


def test_every_code_raised_in_the_source_is_documented():
    raised = set()
    for path in SOURCE.rglob("*.py"):
        raised |= set(re.findall(r"[\"'](DD\d{3})[\"']", path.read_text()))
    documented = {info.code for info in catalog()}
    assert raised <= documented, f"codes raised but in no module's table: {sorted(raised - documented)}"


def test_each_code_is_documented_by_one_module_only():
    """A code in two modules' tables would mean two findings (the catalog lists the first)."""
    import importlib

    from dealdocs.catalog import _ROW, MODULES

    documented: dict[str, list[str]] = {}
    for name in MODULES:
        for line in (importlib.import_module(name).__doc__ or "").splitlines():
            if match := _ROW.match(line.strip()):
                documented.setdefault(match.group(1), []).append(name)
    assert {code: names for code, names in documented.items() if len(names) > 1} == {}


def test_every_module_with_a_table_of_codes_is_in_the_catalogue():
    """A module that reports findings and is not in `catalog.MODULES` has its codes left out of the README's list
    without a word (a code review, session 57: the list is kept by hand)."""
    import ast

    from dealdocs.catalog import _ROW, MODULES

    package = Path(__file__).resolve().parents[1] / "src"
    tabled = set()
    for path in (package / "dealdocs").rglob("*.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if any(_ROW.match(line.strip()) for line in doc.splitlines()):
            parts = path.relative_to(package).with_suffix("").parts
            tabled.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert tabled - set(MODULES) == set()


def test_readme_gives_the_two_set_up_commands():
    text = README.read_text()
    assert "make demo" in text and "make test" in text


def test_the_files_a_build_writes_are_the_ones_the_readme_lists(tmp_path):
    from dealdocs.pipeline import Builder

    text = README.read_text()
    block = text.split("A build of the example deal writes", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    listed = set(re.findall(r"[\w.-]+\.(?:docx|md|json)", block)) | {"closing-checklist.md"}
    result = Builder(output_dir=tmp_path).build(Path(__file__).resolve().parents[1] / "deals" / "bridge-example.yaml")
    assert result.ok, result.findings
    written = {p.name for p in (tmp_path / "bridge-example").rglob("*") if p.is_file()}
    assert listed <= written, f"the README lists files a build does not write: {sorted(listed - written)}"
    folders = {p.name + "/" for p in (tmp_path / "bridge-example").iterdir() if p.is_dir()}
    assert folders <= set(re.findall(r"[\w-]+/", block)), f"folders a build writes that the README does not list: {folders}"


def test_every_test_the_safety_section_names_exists():
    """The Safety section says how each promise is tested: every test file and test it names is there."""
    text = README.read_text().split("## Safety", 1)[1].split("\n## ", 1)[0]
    tests = Path(__file__).resolve().parent
    source = "\n".join(p.read_text() for p in tests.glob("test_*.py"))
    files = set(re.findall(r"tests/(test_\w+\.py)", text)) | set(re.findall(r"\b(test_\w+\.py)::", text))
    names = set(re.findall(r"(?:::|`)(test_\w+)`", text)) - {f.removesuffix(".py") for f in files}
    assert files and names
    assert all((tests / name).is_file() for name in files), sorted(f for f in files if not (tests / f).is_file())
    assert all(f"def {name}(" in source for name in names), sorted(n for n in names if f"def {n}(" not in source)


def test_the_status_example_is_what_dealdocs_status_prints(tmp_path):
    """README.md's `dealdocs status` example, midway through the example closing, and its wrong-amount error."""
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    (tmp_path / "deals").mkdir()
    shutil.copyfile(repo / "deals" / "bridge-example.yaml", tmp_path / "deals" / "bridge-example.yaml")
    ledger = (repo / "tests" / "closing" / "bridge-example-midway.closing.yaml").read_text()
    (tmp_path / "deals" / "bridge-example.closing.yaml").write_text(ledger)
    text = README.read_text()
    shown = text.split("$ dealdocs status deals/bridge-example.yaml\n", 1)[1].split("```", 1)[0]
    # as of a day after the escrow's outside date (April 3, 2026), as the README shows it: not the clock's
    env = {**os.environ, "DEALDOCS_TODAY": "2026-12-05"}
    run = subprocess.run([sys.executable, "-m", "dealdocs", "status", "deals/bridge-example.yaml"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 1 and run.stdout == shown
    wrong = ledger.replace('amount: "750,000.00"', 'amount: "75,000.00"')
    assert wrong != ledger
    (tmp_path / "deals" / "bridge-example.closing.yaml").write_text(wrong)
    run = subprocess.run([sys.executable, "-m", "dealdocs", "status", "deals/bridge-example.yaml"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, env=env)
    error_line = text.split("A wrong amount is located where it stands:\n\n```text\n", 1)[1].split("\n", 1)[0]
    assert run.returncode == 1 and error_line in run.stdout.splitlines()  # after DD519's, on the line above it
