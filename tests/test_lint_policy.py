"""What `dealdocs lint` reports and how: .dealdocs.toml, Word comments that answer a finding, SARIF."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from dealdocs.cli import main

CLEAN = 'This agreement is made by Acme Robotics, Inc. (the "Company") and Jane Roe (the "Purchaser").'
DOUBLED = "The Purchaser shall pay the the purchase price to the Company."
FIGURES = "The Company shall pay the Purchaser ten (15) dollars of interest."


def word_file(path: Path, paragraphs: list[str], comments: dict[int, str] | None = None) -> Path:
    """A .docx of `paragraphs`; `comments` maps a paragraph's index to a Word comment anchored on it."""
    document = Document()
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if comments and index in comments:
            document.add_comment(paragraph.runs, text=comments[index], author="Associate", initials="AS")
    document.save(path)
    return path


def lint(*args: str) -> tuple[int, str]:
    """`dealdocs lint ARGS` run in-process, in the current folder: (exit code, output)."""
    result = CliRunner().invoke(main, ["lint", *args], catch_exceptions=False)
    return result.exit_code, result.output


def codes(output: str) -> list[str]:
    return [finding["code"] for finding in json.loads(output)["findings"]]


def test_without_configuration_every_finding_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = word_file(tmp_path / "draft.docx", [CLEAN, DOUBLED, FIGURES])
    exit_code, output = lint("--format", "json", str(draft))
    assert exit_code == 1 and sorted(codes(output)) == ["DD201", "DD208"]


def test_dealdocs_toml_in_a_parent_folder_disables_a_code_and_sets_a_severity(tmp_path, monkeypatch):
    (tmp_path / ".dealdocs.toml").write_text('[lint]\ndisable = ["DD201"]\nseverity = { DD208 = "error" }\n')
    work = tmp_path / "deals" / "acme"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    draft = word_file(work / "draft.docx", [CLEAN, DOUBLED, FIGURES])
    exit_code, output = lint("--format", "json", str(draft))
    findings = json.loads(output)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("DD208", "error")]
    assert exit_code == 1  # a warning made an error fails the run


def test_a_code_switched_off_by_severity_and_a_clean_exit(tmp_path, monkeypatch):
    (tmp_path / ".dealdocs.toml").write_text('[lint]\nseverity = { DD201 = "off", DD208 = "warning" }\n')
    monkeypatch.chdir(tmp_path)
    draft = word_file(tmp_path / "draft.docx", [CLEAN, DOUBLED, FIGURES])
    exit_code, output = lint("--format", "json", str(draft))
    assert codes(output) == ["DD208"] and exit_code == 0


def test_a_mistake_in_the_configuration_names_the_file_and_key(tmp_path, monkeypatch):
    (tmp_path / ".dealdocs.toml").write_text('[lint]\ndisabel = ["DD201"]\n')
    monkeypatch.chdir(tmp_path)
    draft = word_file(tmp_path / "draft.docx", [CLEAN])
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert result.exit_code == 2
    assert ".dealdocs.toml: lint.disabel: unknown key (did you mean disable?)" in result.output
    # a new user's trial: DD999 was "did you mean DD199?", a term sheet's check, which lint never reports
    (tmp_path / ".dealdocs.toml").write_text('[lint]\ndisable = ["DD999", "DD298"]\n')
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert result.exit_code == 2 and "lint.disable[0]: dealdocs reports no finding DD999;" in result.output, result.output
    (tmp_path / ".dealdocs.toml").write_text('[lint]\ndisable = ["DD298"]\n')
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert "no finding DD298 (did you mean DD208?)" in result.output, result.output
    (tmp_path / ".dealdocs.toml").write_text('[lint]\nseverity = { DD208 = "loud" }\n')
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert result.exit_code == 2 and "lint.severity.DD208: 'loud' is not one of error, warning, off" in result.output
    # a hostile sweep: values nested 100,000 deep were 'internal error' (a received folder may carry the file)
    (tmp_path / ".dealdocs.toml").write_text("a=" + "[" * 100_000 + "]" * 100_000 + "\n")
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert result.exit_code == 2 and "not valid TOML: its values nest too deeply to read" in result.output, result.output
    (tmp_path / ".dealdocs.toml").write_text("# " + "x" * 2_000_000 + "\n")
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert result.exit_code == 2 and "a settings file is at most 1,000,000" in result.output, result.output


def test_each_code_in_the_configuration_is_one_dealdocs_reports(tmp_path, monkeypatch):
    """A letter O for a zero said "give a list of codes" of a list; an unknown code was accepted and silenced nothing;
    a code in lower case is the code."""
    monkeypatch.chdir(tmp_path)
    draft = word_file(tmp_path / "draft.docx", [CLEAN, DOUBLED, FIGURES])
    for written, said in (('["DD205", "DD2O8"]', "lint.disable[1]: 'DD2O8' is not a finding code: DD followed by three "
                                                 "digits, e.g. DD205"),
                          ('["DD999"]', "lint.disable[0]: dealdocs reports no finding DD999"),
                          ('["DD2O9"]', "lint.disable[0]: 'DD2O9' is not a finding code"),
                          ('["DD21"]', "lint.disable[0]: 'DD21' is not a finding code"),
                          ('[208]', "lint.disable[0]: 208 is not a code: write codes in quotes")):
        (tmp_path / ".dealdocs.toml").write_text(f"[lint]\ndisable = {written}\n")
        result = CliRunner().invoke(main, ["lint", str(draft)])
        assert result.exit_code == 2 and said in result.output, result.output
    (tmp_path / ".dealdocs.toml").write_text('[lint]\nseverity = { DD299 = "off" }\n')
    result = CliRunner().invoke(main, ["lint", str(draft)])
    assert result.exit_code == 2 and "lint.severity.DD299: dealdocs reports no finding DD299" in result.output
    (tmp_path / ".dealdocs.toml").write_text('[lint]\ndisable = ["dd208"]\n')
    exit_code, output = lint("--format", "json", str(draft))
    assert codes(output) == ["DD201"]


def test_a_word_comment_silences_its_codes_on_the_paragraph_it_is_anchored_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = word_file(tmp_path / "draft.docx", [CLEAN, DOUBLED, DOUBLED, FIGURES],
                      comments={1: "dealdocs: ignore DD208 (the double is in the filed text)", 3: "Check this figure"})
    exit_code, output = lint("--format", "json", str(draft))
    findings = json.loads(output)["findings"]
    assert [(f["code"], f["location"]["paragraph"]) for f in findings] == [("DD208", 3), ("DD201", 4)]


def test_sarif_output_for_code_scanning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    word_file(tmp_path / "draft.docx", [CLEAN, DOUBLED, FIGURES])
    exit_code, output = lint("--format", "sarif", "draft.docx")
    log = json.loads(output)
    assert exit_code == 1
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dealdocs"
    assert [rule["id"] for rule in driver["rules"]] == ["DD201", "DD208"]
    assert all(rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"] in ("error", "warning")
               for rule in driver["rules"])
    assert run["artifacts"] == [{"location": {"uri": "draft.docx"}}]
    results = {r["ruleId"]: r for r in run["results"]}
    doubled = results["DD208"]
    assert doubled["level"] == "warning" and "the the" in doubled["message"]["text"]
    assert driver["rules"][doubled["ruleIndex"]]["id"] == "DD208"
    [location] = doubled["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "draft.docx"
    assert location["physicalLocation"]["region"]["startLine"] == 2
    assert location["logicalLocations"] == [{"name": "paragraph 2", "kind": "paragraph"}]
    assert results["DD201"]["level"] == "error"
