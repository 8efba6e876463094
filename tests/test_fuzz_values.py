"""Fuzzing every term sheet field with hostile values, written into the YAML as a person could type them.

Each example replaces the value of one or two lines of deals/bridge-example.yaml
with raw YAML (an octal `030`, a base-60 `1:30`, `!!bool maybe`, a lone
surrogate, a 1,500-character name, a list where a name belongs...) and runs
`dealdocs check` and `dealdocs build` in-process. Whatever the value, the exit
code is 0 or 1 (never 70, an internal error), every finding is located (a
file and line, or a document), and nothing is written outside the deal's
output folder. A second fuzz writes valid names, amounts and dates in the forms
a lawyer writes them and finds each, exactly, in the documents.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealdocs.cli import main
from dealdocs.pipeline import Builder
from dealdocs.words import amount_figures, long_date

REPO = Path(__file__).resolve().parents[1]
BRIDGE_LINES = (REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8").splitlines()
_SCALAR = re.compile(r"^(\s*(?:- )?[A-Za-z_]+: |\s*- )(?!\s*#)(\S.*)$")
FIELD_LINES = [i for i, line in enumerate(BRIDGE_LINES) if _SCALAR.match(line)]
_counter = itertools.count()

HOSTILE = [
    # numbers YAML reads otherwise, or that pass no bound
    "030", "0250000", "010", "0x1F", "0b101", "0o17", "1:30", "1_000", ".5", "12.", "1e3", "1.0e+3", ".inf", "-.inf",
    ".nan", "-5", "0", "0.001", "99999999999999999999999999", "1" + "0" * 40, "9" * 5000, "12.345678901234567890123456789",
    "1000000000000000", '"999,999,999,999,999.99"', '"$1,000,000,000,000,000.00"', "200", '"100.5%"',
    # digits other than 0-9
    '"٣٠"', '"𝟑𝟎"', '"１２"', '"٢٥٠,٠٠٠.٠٠"', '"١٢٣٤٥٦٧٨٠"', '"𝟒𝟒𝟎𝟏𝟗𝟐𝟕𝟕𝟑𝟓"', '"030"', '"$0,250,000"',
    # dates
    "9999-12-31", "1800-01-01", "1899-12-31", "2200-01-01", "2005-02-30", "2026-3-4", "2026-03-04 10:00:00",
    '"2026-03-04T10:00"', '"March 4, 2026"', "20260304",
    # tags
    "!!bool maybe", '!!int ""', "!!timestamp foo", "!!float x", "!!null x", "!!str 030", "!!binary aGVsbG8=",
    "!!python/object/apply:os.system ['true']", "!!set {a: null}", "!!omap [a: 1]", "!!map {a: 1}", "!!seq [a]",
    "!custom x",
    # text no document can hold, and text that is empty or only looks like something
    '"\\ud800"', '"a\\udfffb"', '"a\\x00b"', '"a\\x1fb"', '"a\\ufffeb"', '"\\u202eevil"', '"tab\\there"',
    '"line\\nbreak"', '""', "''", '"   "', "~", "null", "NO", "yes", "off", "true",
    '"' + "x" * 1500 + '"', '"' + "Long Name " * 99 + '"', '"{{ 7*7 }}"', '"{% for x in y %}"', '"</w:t><w:t>"',
    '"Smith & Jones <Holdings>"', '"=cmd|\' /C calc\'!A0"', '"../../etc/passwd"', '"CON"',
    # structures where a scalar belongs, and the reverse
    "[1, 2]", "{a: 1}", "[]", "{}", "[[[[]]]]", "&anchor x", "*undefined",
]

valid_names = st.text(
    alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÀÉÎÕÜßçñøåŁŚŻЖЯΩ &'.-"),
    min_size=2, max_size=40,
).map(lambda s: " ".join(s.split())).filter(lambda s: len(s) >= 2 and s[0].isalpha())
valid_amounts = st.decimals(min_value=1, max_value=10**12, places=2)
amount_forms = st.sampled_from(["{:f}", "{:,.2f}", '"${:,.2f}"', '"{:,.2f}"'])
valid_maturities = st.dates(min_value=date(2026, 6, 2), max_value=date(2199, 12, 31))


def _case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / f"case-{next(_counter)}"
    folder.mkdir()
    return folder


def _with_values(edits: list[tuple[int, str]]) -> str:
    lines = list(BRIDGE_LINES)
    for index, value in edits:
        prefix = _SCALAR.match(BRIDGE_LINES[index]).group(1)
        lines[index] = prefix + value
    return "\n".join(lines) + "\n"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _assert_located(output: str, term_sheet: Path) -> None:
    """Every finding of a --format json run names its file and line, or its document."""
    data = json.loads(output[output.index("{"):])
    for outcome in data["results"]:
        for finding in outcome["findings"]:
            where = finding["location"]
            assert (where.get("file") == str(term_sheet) and where.get("line")) or where.get("document"), finding


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(edits=st.lists(st.tuples(st.sampled_from(FIELD_LINES), st.sampled_from(HOSTILE)), min_size=1, max_size=2))
def test_fuzz_hostile_values_in_every_field_exit_0_or_1_with_located_findings(tmp_path, edits):
    folder = _case_folder(tmp_path)
    term_sheet = folder / "deal.yaml"
    term_sheet.write_text(_with_values(edits), encoding="utf-8")
    output_dir = folder / "output"
    for command in (["check", str(term_sheet)], ["build", str(term_sheet), "-o", str(output_dir)]):
        code, output = _run(*command, "--format", "json")
        assert code in (0, 1), f"{command[0]} exited {code}:\n{output[-2000:]}"
        _assert_located(output, term_sheet)
        if code == 1 and command[0] == "build":
            assert not output_dir.exists(), "nothing is written when a check fails"
    written = [p for p in folder.rglob("*") if p.is_file() and p != term_sheet]
    assert all(p.is_relative_to(output_dir / "deal") for p in written), written


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=valid_names, amount=valid_amounts, form=amount_forms, maturity=valid_maturities)
def test_fuzz_values_as_written_appear_exactly_in_the_documents(tmp_path, name, amount, form, maturity):
    edits = {
        "name: Margaret Chen": f"name: {json.dumps(name, ensure_ascii=False)}",
        "subscription: 250,000.00": f"subscription: {form.format(amount)}",
        "principal: 250,000.00": f"principal: {form.format(amount)}",
        "maturity_date: 2027-03-04": f"maturity_date: {maturity.isoformat()}",
        "  aggregate_subscription: 2,000,000.00": "",
        # the placement agent is paid 8% of what the three purchasers pay, to the cent (DD181)
        "amount: 160,000.00": f"amount: {((Decimal('1750000.00') + amount) * 8 / 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}",
    }
    text = "\n".join(BRIDGE_LINES) + "\n"
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    term_sheet = _case_folder(tmp_path) / "deal.yaml"
    term_sheet.write_text(text, encoding="utf-8")
    result = Builder().check(term_sheet, with_files=False)
    assert result.deal is not None and result.documents, [str(f) for f in result.findings]
    note = "\n".join(next(d for d in result.documents if d.spec.purchaser_index == 2).paragraphs)
    agreement = "\n".join(next(d for d in result.documents if d.spec.name == "note-purchase-agreement").paragraphs)
    assert result.deal.purchasers[2].subscription == Decimal(amount)
    for expected in (name, amount_figures(amount), long_date(maturity)):
        assert expected in note, f"{expected!r} is not in the note"
    assert name in agreement
