"""Numbers mean what they say, and every value has sane bounds: a located error, never a silent change or a crash.

YAML 1.1 reads `030` as 24 (octal), `0x1E` as 30, `1:30` as 90 (base 60) and
`1_000` as 1000; Unicode has digits other than 0-9 that Python reads as
numbers. A term sheet value means what a lawyer reading the file sees, or it is
an error that names the key and says what to write.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealdocs.cli import main
from dealdocs.errors import TermSheetError
from dealdocs.pipeline import Builder
from dealdocs.termsheet.loader import load_deal

REPO = Path(__file__).resolve().parents[1]
BRIDGE = (REPO / "deals" / "bridge-example.yaml").read_text()


def write(tmp_path: Path, old: str, new: str) -> Path:
    assert old in BRIDGE, old
    path = tmp_path / "deal.yaml"
    path.write_text(BRIDGE.replace(old, new, 1), encoding="utf-8")
    return path


def problems(tmp_path: Path, old: str, new: str) -> list:
    path = write(tmp_path, old, new)
    with pytest.raises(TermSheetError) as caught:
        load_deal(path)
    return caught.value.findings


def check_command(path: Path) -> tuple[int, str]:
    """`dealdocs check` run in-process: its exit code and everything it printed."""
    result = CliRunner().invoke(main, ["check", str(path)])
    return result.exit_code, result.output


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# -- numbers mean what they say ------------------------------------------------------

LIEN = "lien_days: 30"
DEFAULT_AMOUNT = "cross_default_amount: 250,000"
RATE = "interest_rate: 12"


@pytest.mark.parametrize(
    "old, new, key, says",
    [
        (LIEN, "lien_days: 030", "notes.events_of_default.lien_days", ["'030'", "24", "write 30", 'quote it as "030"']),
        (DEFAULT_AMOUNT, "cross_default_amount: 0250000", "notes.events_of_default.cross_default_amount",
         ["86016", "write 250000"]),
        (RATE, "interest_rate: 010", "notes.interest_rate", ["8", "write 10"]),
        (LIEN, "lien_days: 0x1E", "notes.events_of_default.lien_days", ["hexadecimal", "write 30"]),
        (LIEN, "lien_days: 0b11110", "notes.events_of_default.lien_days", ["binary", "write 30"]),
        ("proceeding_days: 60", "proceeding_days: 1:30", "notes.events_of_default.proceeding_days", ["90", "base 60"]),
        (DEFAULT_AMOUNT, "cross_default_amount: 250_000", "notes.events_of_default.cross_default_amount",
         ["underscore", "write 250000"]),
        (RATE, "interest_rate: .5", "notes.interest_rate", ["write 0.5"]),
        (RATE, "interest_rate: 12.", "notes.interest_rate", ["write 12"]),
        (RATE, "interest_rate: 012.5", "notes.interest_rate", ["write 12.5"]),
        (RATE, "interest_rate: 1.2e+1", "notes.interest_rate", ["write 12"]),
        (RATE, "interest_rate: .inf", "notes.interest_rate", ["not a number"]),
        (LIEN, "lien_days: !!int 030", "notes.events_of_default.lien_days", ["write 30"]),
        ('postal_code: "10166"', "postal_code: 02110", "purchasers[0].address.postal_code", ['quote it as "02110"']),
    ],
)
def test_a_number_yaml_would_read_otherwise_is_an_error_naming_the_key(tmp_path, old, new, key, says):
    path = write(tmp_path, old, new)
    found = problems(tmp_path, old, new)
    assert len(found) == 1, [str(f) for f in found]  # one problem, one finding (no second "should be text")
    [finding] = found
    assert (finding.code, finding.location.key, finding.location.line) == ("DD002", key, line_of(path, new.split(": ")[-1]))
    for words in says:
        assert words in finding.message, finding.message


@pytest.mark.parametrize(
    "old, new, key",
    [
        (DEFAULT_AMOUNT, 'cross_default_amount: "٢٥٠٬٠٠٠"', "notes.events_of_default.cross_default_amount"),
        (DEFAULT_AMOUNT, 'cross_default_amount: "٢٥٠٠٠٠"', "notes.events_of_default.cross_default_amount"),
        (DEFAULT_AMOUNT, 'cross_default_amount: "𝟐𝟓𝟎,𝟎𝟎𝟎"', "notes.events_of_default.cross_default_amount"),
        (LIEN, 'lien_days: "٣٠"', "notes.events_of_default.lien_days"),
        (RATE, 'interest_rate: "１２"', "notes.interest_rate"),
        ("maturity_date: 2027-03-04", 'maturity_date: "٢٠٢٧-03-04"', "notes.maturity_date"),
    ],
)
def test_digits_other_than_0_to_9_are_errors_in_numbers(tmp_path, old, new, key):
    [finding] = problems(tmp_path, old, new)
    assert (finding.code, finding.location.key) == ("DD002", key)
    assert "0-9" in finding.message and "U+" in finding.message, finding.message


@pytest.mark.parametrize(
    "old, new, key, code",
    [
        ('aba_routing_number: "123456780"', 'aba_routing_number: "١٢٣٤٥٦٧٨٠"', "escrow.wire.aba_routing_number", "DD130"),
        ('aba_routing_number: "123456780"', 'aba_routing_number: "𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟎"', "escrow.wire.aba_routing_number", "DD130"),
        ('account_number: "4401927735"', 'account_number: "𝟒𝟒𝟎𝟏𝟗𝟐𝟕𝟕𝟑𝟓"', "escrow.wire.account_number", "DD131"),
        ('account_number: "4401927735"', 'account_number: "٤٤٠١٩٢٧٧٣٥"', "escrow.wire.account_number", "DD131"),
    ],
)
def test_wire_numbers_take_ascii_digits_only(tmp_path, old, new, key, code):
    result = Builder().load(write(tmp_path, old, new))
    [finding] = [f for f in result.findings if f.is_error]
    assert (finding.code, finding.location.key) == (code, key)
    assert "0-9" in finding.message and "U+" in finding.message, finding.message


@pytest.mark.parametrize(
    "old, new, key, says",
    [
        ("state: Connecticut", "state: NO", "purchasers[1].address.state", ["'NO'", "false", 'quote it as "NO"']),
        ('aba_routing_number: "123456780"', "aba_routing_number: 123456780", "escrow.wire.aba_routing_number",
         ["'123456780'", "number", 'quote it as "123456780"']),
    ],
)
def test_a_yaml_value_where_text_belongs_says_to_quote_it(tmp_path, old, new, key, says):
    [finding] = problems(tmp_path, old, new)
    assert (finding.code, finding.location.key) == ("DD002", key)
    for words in says:
        assert words in finding.message, finding.message


@pytest.mark.parametrize(
    "old, new",
    [
        (DEFAULT_AMOUNT, 'cross_default_amount: "0250000"'),
        (DEFAULT_AMOUNT, 'cross_default_amount: "$0,250,000"'),
        (LIEN, 'lien_days: "030"'),
        (RATE, 'interest_rate: "010%"'),
    ],
)
def test_a_quoted_number_with_a_leading_zero_is_an_error_too(tmp_path, old, new):
    [finding] = problems(tmp_path, old, new)
    assert finding.code == "DD002" and "leading zero" in finding.message, finding.message


@pytest.mark.parametrize(
    "old, new",
    [
        (DEFAULT_AMOUNT, "cross_default_amount: 250000.50"),
        (DEFAULT_AMOUNT, 'cross_default_amount: "$250,000"'),
        (DEFAULT_AMOUNT, "cross_default_amount: 0.50"),
        (RATE, "interest_rate: 0.5"),
        (RATE, 'interest_rate: "9.125%"'),
        (LIEN, "lien_days: 0"),
        (LIEN, 'lien_days: "30"'),
        ('postal_code: "10166"', 'postal_code: "02110"'),
        ("secured: true", "secured: yes"),
    ],
)
def test_numbers_written_plainly_still_load(tmp_path, old, new):
    load_deal(write(tmp_path, old, new))


# -- sane bounds: a located error, never a crash ---------------------------------------


@pytest.mark.parametrize(
    "old, new, key, says",
    [
        ("maturity_date: 2027-03-04", "maturity_date: 9999-12-31", "notes.maturity_date", ["2199"]),
        ("maturity_date: 2027-03-04", "maturity_date: 2200-01-01", "notes.maturity_date", ["2199"]),
        ("  agreement_date: 2026-03-02\n  issue_date", "  agreement_date: 1800-03-02\n  issue_date",
         "notes.agreement_date", ["1900"]),
        ("subscription: 250,000.00", "subscription: 1000000000000000", "purchasers[2].subscription", ["999,999,999,999,999.99"]),
        (DEFAULT_AMOUNT, "cross_default_amount: 12345678901234567890123456", "notes.events_of_default.cross_default_amount",
         ["999,999,999,999,999.99"]),
        (DEFAULT_AMOUNT, 'cross_default_amount: "123456789012345678901234567890123.00"',
         "notes.events_of_default.cross_default_amount", ["999,999,999,999,999.99"]),
        (RATE, "interest_rate: 12.345678901234567890123456789", "notes.interest_rate", ["decimal places"]),
        (RATE, "interest_rate: 200", "notes.interest_rate", ["100%"]),
        (RATE, 'interest_rate: "100.5%"', "notes.interest_rate", ["100%"]),
        (LIEN, "lien_days: 99999999999999999999", "notes.events_of_default.lien_days", ["3,650"]),
        ("secured: true", "secured: !!bool maybe", "notes.secured", ["'maybe'", "true or false"]),
        (LIEN, 'lien_days: !!int ""', "notes.events_of_default.lien_days", ["not a number"]),
        (LIEN, "lien_days: !!float thirty", "notes.events_of_default.lien_days", ["not a number"]),
        # the hostile re-sweep: a whole number's tag on a fraction was dropped, 12.5% kept without a word
        (RATE, "interest_rate: !!int 12.5", "notes.interest_rate", ["tagged as a whole number (!!int) but is not one"]),
        (RATE, "interest_rate: 0.0000000000001", "notes.interest_rate", ["'0.0000000000001' has 13 decimal places"]),
        ("principal: 1,000,000.00", "principal: 0.0000000000001", "purchasers[0].principal",
         ["'0.0000000000001' has fractions of a cent"]),
        ("maturity_date: 2027-03-04", "maturity_date: !!timestamp foo", "notes.maturity_date", ["not a date"]),
        ("secured: true", "secured: !!null nothing", "notes.secured", ["'nothing'"]),
        ("name: Margaret Chen", "name: " + "M" * 1001, "purchasers[2].name", ["1,000 characters"]),
        # the hostile sweep: Python's words for a value ('[datetime.date(2027, 3, 4)]', 'None', True) in a message
        ("maturity_date: 2027-03-04", "maturity_date: [2027-03-04]", "notes.maturity_date", [": a list is not a date"]),
        ("maturity_date: 2027-03-04", "maturity_date: null", "notes.maturity_date", ["an empty value is not a date"]),
        ("maturity_date: 2027-03-04", "maturity_date: true", "notes.maturity_date", ["'true' is not a date"]),
        (RATE, "interest_rate: true", "notes.interest_rate", ["'true' is not a percentage"]),
        (RATE, "interest_rate: {rate: 12}", "notes.interest_rate", ["a group of keys is not a percentage"]),
        # a code keeps its leading zero: quoted, not "write 12345672", an invalid routing number; and where the key
        # is a code's, only that (a new user's trial: "if it is an amount or a number, write 4521770" of an account)
        ('aba_routing_number: "123456780"', "aba_routing_number: 012345672", "escrow.wire.aba_routing_number",
         ['\'012345672\' is a code, and keeps its leading zero only in quotes (unquoted, YAML reads it as a number): '
          'quote it as "012345672"']),
        ('account_number: "4401927735"', "account_number: 004521770", "escrow.wire.account_number",
         ['quote it as "004521770"']),
        ('postal_code: "10014"', "postal_code: 02467", "company.address.postal_code", ['quote it as "02467"']),
        # a new user's trial: "is not an amount" of a fraction of a cent, "'' is not an amount" with no fix
        ("subscription: 1,000,000.00", 'subscription: "$1,000,000.005"', "purchasers[0].subscription",
         ["'$1,000,000.005' has 3 decimal places: an amount is in dollars and cents, with at most two"]),
        ("subscription: 1,000,000.00", "subscription:", "purchasers[0].subscription",
         ["the amount is empty: write it like 1,100,000.00, or leave the key out where it is optional"]),
        (RATE, "interest_rate: 010", "notes.interest_rate",
         ['if it is a code (a ZIP code, a routing or account number), quote it as "010"; if it is an amount or a '
          'number, write 10']),
    ],
)
def test_out_of_bounds_and_malformed_values_are_located_errors(tmp_path, old, new, key, says):
    path = write(tmp_path, old, new)
    code, output = check_command(path)
    assert code == 1 and "internal error" not in output, output
    errors = [line for line in output.splitlines() if " error DD" in line]
    assert len(errors) == 1, output
    # a key in a list says which entry it is (the 3rd purchaser, Margaret Chen), never by a value refused
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error DD002: {re.escape(key)}( \(the \d+\w\w \w+(, [^)]+)?\))?: ",
                    errors[0]), errors[0]
    for words in says:
        assert words in errors[0], errors[0]


SURROGATES = [
    (DEFAULT_AMOUNT, 'cross_default_amount: "\\ud800"', "U+D800"),
    ("maturity_date: 2027-03-04", 'maturity_date: "\\ud800"', "U+D800"),
    ("name: Margaret Chen", 'name: "Marg\\udfffaret Chen"', "U+DFFF"),
    ("  lien_days: 30", '  "lien\\ud800days": 30', "U+D800"),
]


@pytest.mark.parametrize("composer", ["libyaml", "python"])
@pytest.mark.parametrize("old, new, code_point", SURROGATES)
def test_a_lone_surrogate_anywhere_is_a_located_error(tmp_path, monkeypatch, composer, old, new, code_point):
    """libyaml refuses the escape itself (DD001); PyYAML's own composer lets it through, and the loader refuses it (DD002)."""
    import yaml

    from dealdocs.termsheet import loader

    monkeypatch.setattr(loader, "_YAML_LOADER", yaml.CSafeLoader if composer == "libyaml" else yaml.SafeLoader)
    path = write(tmp_path, old, new)
    code, output = check_command(path)
    assert code == 1 and "internal error" not in output, output
    # one error for the value (a key refused leaves its value missing too: DD004)
    [line] = [line for line in output.splitlines() if " error DD" in line and "DD004" not in line]
    assert line.startswith(f"{path}:{line_of(path, new.strip())}:"), line
    if composer == "libyaml":
        assert "error DD001" in line and "Unicode" in line, line
    else:
        assert "error DD002" in line and code_point in line, line


def test_totals_too_large_to_write_are_located_errors_and_check_still_states_the_funds(tmp_path):
    text = BRIDGE
    for amount in ("1,000,000.00", "750,000.00", "250,000.00"):
        text = text.replace(amount, "600,000,000,000,000.00")
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    code, output = check_command(path)
    assert code == 1 and "internal error" not in output, output
    too_large = [line for line in output.splitlines() if "error DD109" in line]
    assert too_large and all("999,999,999,999,999.99" in line for line in too_large), output
    assert any(": purchasers: " in line for line in too_large), output
    assert "funds: subscriptions $1,800,000,000,000,000.00" in output


def test_disbursements_above_the_escrow_are_dd113_and_the_funds_line_shows_the_shortfall(tmp_path):
    path = write(tmp_path, "amount: 160,000.00", "amount: 5,160,000.00")
    code, output = check_command(path)
    assert code == 1 and "internal error" not in output, output
    assert "error DD113: escrow.disbursements" in output
    assert ("funds: subscriptions $2,000,000.00 less disbursements at release $5,187,480.25 "
            "= net to the company -$3,187,480.25") in output


BIDI_CONTROLS = [
    ("name: Margaret Chen", 'name: "Margaret \\u202eneh\\u202c Chen"', "purchasers[2].name", "U+202E"),
    ("bank: First Harbor Bank, N.A.", 'bank: "First Harbor \\u202dBank\\u202c, N.A."', "escrow.wire.bank", "U+202D"),
    ("name: Whitfield & Crane LLP", 'name: "Whitfield & Crane \\u2067PLL\\u2069"', "escrow.agent.name", "U+2067"),
    ("city: Greenwich", 'city: "Green\\u202bwich"', "purchasers[1].address.city", "U+202B"),
]


@pytest.mark.parametrize("old, new, key, code_point", BIDI_CONTROLS)
def test_a_bidirectional_control_character_is_a_located_error(tmp_path, old, new, key, code_point):
    """An override or isolate makes Word show the text in another order than it is written ("Margaret hen Chen"
    holds 'neh'): a name that reads as another is refused, as compilers refuse them in source (Trojan Source)."""
    path = write(tmp_path, old, new)
    code, output = check_command(path)
    assert code == 1 and "internal error" not in output, output
    [line] = [line for line in output.splitlines() if " error DD" in line]
    assert line.startswith(f"{path}:{line_of(path, new.strip())}:") and "DD002" in line and key in line, line
    assert code_point in line and "order" in line, line


def test_marks_and_joiners_of_right_to_left_and_other_scripts_still_load(tmp_path):
    """The left-to-right and right-to-left marks and the zero-width joiners are ordinary parts of Hebrew,
    Arabic, Persian and Indic names; only the controls that reorder text are refused."""
    path = write(tmp_path, "name: Margaret Chen", 'name: "\\u05e9\\u05e8\\u05d4 \\u05db\\u05d4\\u05df\\u200f Ltd.\\u200e \\u0645\\u06cc\\u200c\\u0631"')
    deal = load_deal(path)[0]
    assert deal.purchasers[2].name == "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df\u200f Ltd.\u200e \u0645\u06cc\u200c\u0631"


@pytest.mark.parametrize("mark", ["\\u200e", "\\u200f", "\\u061c"])
def test_a_direction_mark_in_a_name_without_right_to_left_letters_is_a_located_error(tmp_path, mark):
    """A hostile sweep: "Elena\u200e Marsh" checked clean, and a ledger's 'Elena Marsh' was then "signs no document
    (did you mean Elena Marsh?)", the two alike to the eye. A direction mark is for right-to-left letters."""
    path = write(tmp_path, "name: Margaret Chen", f'name: "Margaret{mark} Chen"')
    code, output = check_command(path)
    [line] = [line for line in output.splitlines() if " error DD" in line]
    assert code == 1 and "DD002" in line and "invisible direction mark" in line, output
    assert line.startswith(f"{path}:{line_of(path, 'Margaret')}:"), line


def test_a_section_key_with_nothing_under_it_is_said(tmp_path):
    """A new user's trial: `notes:` with nothing under it read as no notes at all, said only as the escrow's DD143
    (its securities not given), the purchasers' principal amounts silently unused."""
    notes = BRIDGE.index("\nnotes:\n") + 1
    path = tmp_path / "deal.yaml"
    path.write_text(BRIDGE[:notes] + "notes:\n", encoding="utf-8")
    code, output = check_command(path)
    errors = [line for line in output.splitlines() if " error DD" in line]
    line = BRIDGE[:notes].count("\n") + 1
    assert code == 1 and errors == [
        f"{path}:{line}:1: error DD002: notes: 'notes:' has nothing under it, which reads as no notes section at all: "
        "give its keys (indented under it), or delete the line"], output
    # a section inside a section too: the attesting officer's keys deleted, its key left
    emptied = re.sub(r"(\n  attesting_officer:\n)(    .*\n)+", r"\1", BRIDGE, count=1)
    path.write_text(emptied, encoding="utf-8")
    code, output = check_command(path)
    assert code == 1 and ("error DD002: company.attesting_officer: 'attesting_officer:' has nothing under it"
                          in output), output
    # an explicit null is meant (a code reviewer's case: tools that write YAML write `collateral_agent: null`)
    path.write_text(BRIDGE.replace("\nnotes:\n", "\nnotes:\n  collateral_agent: null\n", 1), encoding="utf-8")
    assert check_command(path)[0] == 0


def test_a_missing_key_in_a_list_says_which_entry_it_is_missing_from(tmp_path):
    """A new user's trial: a purchaser's missing subscription was "purchasers[1].subscription", without the
    "(the 2nd purchaser, ...)" every other finding in a list gives; and the summary spoke of a value refused."""
    path = write(tmp_path, "    subscription: 1,000,000.00\n", "")
    code, output = check_command(path)
    assert code == 1 and ("error DD004: purchasers[0].subscription (the 1st purchaser, Harborview Capital Partners, "
                          "L.P.): the required key 'subscription' is missing") in output, output
    assert output.splitlines()[-1].endswith(": 1 error; the checks of purchasers wait until the errors there are fixed")


@pytest.mark.parametrize("old, new, key, said", [
    ("name: Margaret Chen", "name: Margaret  Chen", "purchasers[2].name",
     "two spaces in a row ('Margaret  Chen'), printed so in every document: write one"),
    ("name: Margaret Chen", "name: \"Margaret\\u00a0 Chen\"", "purchasers[2].name", "two spaces in a row"),  # Word's paste
    ("name: Northwind Analytics, Inc.", "name: “Northwind Analytics, Inc.”", "company.name",
     "the text is wrapped in quotation marks (“Northwind Analytics, Inc.”), which would be printed with it: remove them"),
    ("name: Margaret Chen", "name: \"Margaret Chen\"", None, None),  # YAML's own quotes are no part of the value
    ("name: Margaret Chen", "name: Alpha \"Tech\" Partners", None, None),  # quotes inside, not around
    ("name: Margaret Chen", "name: \"'s-Hertogenbosch Capital B.V.\"", None, None),  # an apostrophe opening a name
    ("use_of_proceeds: working capital and general corporate purposes",
     "use_of_proceeds: working capital.  Also general corporate purposes", None, None),  # after a full stop
])
def test_text_pasted_as_it_would_be_printed_is_a_warning_at_its_key(tmp_path, old, new, key, said):
    """A new user's trial: a name pasted from Word with its quotation marks or two spaces was printed so
    ('“Pinecrest Robotics, Inc.” (the “Maker”)', "pay Theodore  Okonkwo"). A code reviewer's: as a refused value it
    refused real names ('s-Hertogenbosch) and old versions of a term sheet redlined against; a warning it is."""
    path = write(tmp_path, old, new)
    found = [f for f in Builder().load(path).findings if f.code == "DD168"]
    if key is None:
        assert found == []
        return
    [finding] = found
    assert (finding.is_error, finding.location.key) == (False, key) and said in finding.message, finding.message


@pytest.mark.parametrize("written", ["Tidewater {{ 7*7 }}", "{% for x in y %}", "ends }}", "a {# note #}"])
def test_template_code_in_a_text_value_is_refused_at_its_key(tmp_path, written):
    """The hostile sweep: template code in a value printed only on a packet's cover (a short name, an email, where
    the signature pages go) went out as written, exit 0; in a document it was found there, not at its key."""
    from dealdocs.pipeline import Builder

    text = (REPO / "deals" / "bridge-example.yaml").read_text().replace("short_name: Quarry Lane", f'short_name: "{written}"')
    sheet = tmp_path / "deal.yaml"
    sheet.write_text(text)
    [finding] = [f for f in Builder().load(sheet).findings if f.is_error]
    assert (finding.code, finding.location.key) == ("DD002", "purchasers[1].short_name"), str(finding)
    assert "which marks a template's code" in finding.message and finding.location.line is not None
    # an address may hold braces, but not printed on a cover as template code
    sheet.write_text(text.replace("twhitfield@whitfieldcrane.example", '"{{7}}@whitfieldcrane.example"', 1)
                     .replace(f'short_name: "{written}"', "short_name: Quarry Lane"))
    [finding] = [f for f in Builder().load(sheet).findings if f.is_error]
    assert finding.code == "DD002" and finding.location.key.endswith("email") and "template's code" in finding.message


def test_an_empty_list_of_signing_trustees_is_refused_not_taken_for_all(tmp_path):
    """The hostile sweep: `signing_trustees: []` was taken, silently, as every trustee signing, where `trustees: []`
    is an error."""
    import yaml

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text())
    trust = next(p["trust"] for p in data["purchasers"] if p.get("trust"))
    trust["signing_trustees"] = []
    sheet = tmp_path / "deal.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    [finding] = [f for f in Builder().load(sheet).findings if f.is_error]
    assert (finding.code, finding.location.key) == ("DD002", "purchasers[0].trust.signing_trustees"), str(finding)
