"""The README says what the code does: its generated sections are current, every code is listed."""

from __future__ import annotations

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


def test_readme_gives_the_two_set_up_commands():
    text = README.read_text()
    assert "make demo" in text and "make test" in text
