"""Broken templates (tests/corpus/templates/cases.yaml): each is caught with its code, nothing written."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from dealdocs.pipeline import Builder
from dealdocs.render.templates import BUILTIN_TEMPLATES

REPO = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((Path(__file__).parent / "corpus" / "templates" / "cases.yaml").read_text())


def edit_template(source: Path, target: Path, find: str, replace: str) -> None:
    with zipfile.ZipFile(source) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert find in xml, f"the built-in template no longer contains {find!r}"
    parts["word/document.xml"] = xml.replace(find, replace, 1).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as edited:
        for name, data in parts.items():
            edited.writestr(name, data)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_broken_template_is_caught(tmp_path, case):
    firm = tmp_path / "firm-templates"
    firm.mkdir()
    edit_template(BUILTIN_TEMPLATES / case["template"], firm / case["template"], case["find"], case["replace"])
    deal = REPO / "deals" / case.get("deal", "bridge-example.yaml")
    result = Builder(output_dir=tmp_path / "output", templates_dir=firm).build(deal)
    codes = [f.code for f in result.findings]
    assert case["expect"] in codes, [str(f) for f in result.findings]
    assert not result.ok
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())
    checked = Builder(templates_dir=firm, render_jobs=2).check(deal, with_files=False)  # what `dealdocs check` runs
    assert checked.findings == result.findings


def test_unedited_copy_of_the_templates_is_clean(tmp_path):
    firm = tmp_path / "firm-templates"
    shutil.copytree(BUILTIN_TEMPLATES, firm)
    result = Builder(output_dir=tmp_path / "output", templates_dir=firm).check(REPO / "deals" / "bridge-example.yaml")
    assert result.findings == []
