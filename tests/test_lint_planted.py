"""Errors planted in real agreements are every one found.

Each kind of error the text checks exist for is planted, one at a time, in
several agreements of the corpus (tests/corpus/real/), at a place chosen by a
fixed rule (never by what lint finds there), and lint must report it at the
paragraph where it was planted: words against figures, a reference to a
missing section, a gap in a list inside one sentence and in a list of
paragraphs, a deleted definition, a doubled word, a statute year, a party's
name capitalized two ways, and the document's date stated two ways.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from dealdocs.checks.text import check_paragraphs
from dealdocs.lexicon import MONTHS

CORPUS = Path(__file__).parent / "corpus" / "real"
AGREEMENTS = [
    "transenterix-lincoln-park-purchase-agreement-2020.txt",
    "sunoco-notes-purchase-agreement-2020.txt",
    "svb-verrica-loan-and-security-agreement-2020.txt",
    "ocugen-cantor-sales-agreement-2020.txt",
    "orgenesis-securities-purchase-agreement-2020.txt",
]
_COUNT = re.compile(r"\b(two|three|four|five|six|ten|fifteen|twenty|thirty|sixty|ninety) \((\d{1,3})\)")
_OWN_DATE = re.compile(rf"(?i:dated|made|entered into)(?: and entered into)? as of ({'|'.join(MONTHS)}) (\d{{1,2}}), (\d{{4}})")
_NAME = re.compile(r"\b([A-Z][a-z]{3,}[A-Za-z]*),? (?:Inc\.|LLC|LP|Corp\.|N\.A\.)")


def lines_of(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()


def running_text(lines: list[str]) -> int:
    """The first long paragraph of running text after the first third: where an error is planted."""
    for index in range(len(lines) // 3, len(lines)):
        text = lines[index]
        if len(text) >= 200 and text[0].isalnum() and not text.isupper() and " the " in text:
            return index
    raise AssertionError("no paragraph of running text")


@functools.cache
def baseline(name: str) -> frozenset[tuple[str, str]]:
    """(code, message) of each finding on the unchanged agreement."""
    return frozenset((f.code, f.message) for f in check_paragraphs(name, lines_of(name), borrowed=True))


def new_findings(name: str, lines: list[str], code: str, paragraph: int) -> list[str]:
    """The messages of the `code` findings at `paragraph` (1-based) that the unchanged agreement does not have."""
    before = baseline(name)
    return [
        f.message
        for f in check_paragraphs(name, lines, borrowed=True)
        if f.code == code and f.location.paragraph == paragraph and (f.code, f.message) not in before
    ]


@pytest.mark.parametrize("name", AGREEMENTS)
def test_words_and_figures(name):
    lines = lines_of(name)
    found = next(((i, m) for i, line in enumerate(lines) if (m := _COUNT.search(line))), None)
    if found is None:  # no count written in words and figures: plant one in running text
        index = running_text(lines)
        lines[index] += " Notice must be given within ten (10) days."
        found = index, _COUNT.search(lines[index])
    index, match = found
    wrong = str(int(match[2]) + 1)
    lines[index] = lines[index][: match.start(2)] + wrong + lines[index][match.end(2) :]
    assert any(f"({wrong})" in m for m in new_findings(name, lines, "DD201", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_number_in_words_before_an_ordinal_figure(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] += " Notice is due on the ten (10th) Business Day after the request."
    assert any('"ten (10th)"' in m for m in new_findings(name, lines, "DD201", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_reference_to_a_missing_section(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] = "Subject to Section 87, " + lines[index][0].lower() + lines[index][1:]
    assert any("Section 87" in m for m in new_findings(name, lines, "DD206", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_malformed_reference(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] = "Subject to Sections 1, 2 or 2 3, " + lines[index][0].lower() + lines[index][1:]
    assert any('"2 3" is no section number' in m for m in new_findings(name, lines, "DD206", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_gap_in_a_list_inside_a_sentence(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] += " Each party shall (a) meet, (b) confer and (d) agree."
    assert any('"(c)" is missing' in m for m in new_findings(name, lines, "DD207", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_gap_in_a_list_of_paragraphs(name):
    lines = lines_of(name)
    index = running_text(lines) + 1
    lines[index:index] = ["(a)\tthe first of these;", "(b)\tthe second of these; and", "(d)\tthe third of these."]
    assert any('"(c)" is missing' in m for m in new_findings(name, lines, "DD207", index + 3))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_list_markers_of_two_kinds_inside_a_sentence(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] += " The fee is the product of (i) the rate and (y) the amount."
    assert any('"(i)" and goes on at "(y)"' in m for m in new_findings(name, lines, "DD207", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_list_with_a_first_item_and_no_second(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] += " The fee is equal to (i) one percent of the amount."
    assert any('first item "(i)" and no second "(ii)"' in m for m in new_findings(name, lines, "DD207", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_list_with_a_second_item_and_no_first(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] += " The fee is due on signing and (ii) the costs are due on closing."
    assert any('second item "(ii)" and no first "(i)"' in m for m in new_findings(name, lines, "DD207", index + 1))


def _defined_once(lines: list[str]) -> tuple[int, str, str] | None:
    """(line, term, its definition) of the first one-word term defined once, as (the "Term") in running text or
    as a glossary entry ("Term" means / is ...), quoted nowhere else (not even inside a longer term) and used
    with "the" at least thrice."""
    text = "\n".join(lines)
    forms = (r'\s*\(the [\u201c"]({term})[\u201d"]\)', r'^[\u201c"]({term})[\u201d"] (?:means|is|shall mean)\b.*$')
    for form in forms:
        for index, line in enumerate(lines):
            for match in re.finditer(form.format(term=r"[A-Z][a-z]{3,}"), line):
                term = match[1]
                quoted = len(re.findall(rf'[\u201c"][^\u201c\u201d"]*\b{term}\b[^\u201c\u201d"]*[\u201d"]', text))
                if quoted == 1 and len(re.findall(rf"\bthe {term}\b", text)) >= 3:
                    return index, term, match[0]
    return None


DEFINING = [name for name in AGREEMENTS if _defined_once(lines_of(name))]
"""The agreements with a term that the rule of `_defined_once` picks."""


def test_enough_agreements_have_a_definition_to_delete():
    assert len(DEFINING) >= 3


@pytest.mark.parametrize("name", DEFINING)
def test_a_deleted_definition(name):
    lines = lines_of(name)
    index, term, definition = _defined_once(lines)
    lines[index] = lines[index].replace(definition, "", 1)
    after = [f for f in check_paragraphs(name, lines, borrowed=True) if f.code == "DD203" and f'"{term}"' in f.message]
    assert after, f'"{term}" is no longer defined, and nothing says so'


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_doubled_word(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] = lines[index].replace(" the ", " the the ", 1)
    assert any('"the the"' in m for m in new_findings(name, lines, "DD208", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_doubled_pair_of_words(name):
    lines = lines_of(name)
    index = next(i for i in range(running_text(lines), len(lines)) if " of the " in lines[i])
    lines[index] = lines[index].replace(" of the ", " of the of the ", 1)
    assert any('"of the of the"' in m for m in new_findings(name, lines, "DD208", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_word_doubled_around_a_list_marker(name):
    lines = lines_of(name)
    index = running_text(lines)
    lines[index] += " Each party shall (i) meet with the others and (ii) and confer with them."
    assert any('"and (ii) and"' in m for m in new_findings(name, lines, "DD208", index + 1))


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_statute_year(name):
    lines = lines_of(name)
    index = next((i for i, line in enumerate(lines) if "Securities Act of 1933" in line), None)
    if index is None:
        index = running_text(lines)
        lines[index] += " No registration under the Securities Act of 1933 is required."
    lines[index] = lines[index].replace("Securities Act of 1933", "Securities Act of 1993", 1)
    assert any("1933, not 1993" in m for m in new_findings(name, lines, "DD209", index + 1))


def _twice_named(name: str) -> bool:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return any(text.count(m[0]) >= 2 for m in _NAME.finditer(text))


NAMED = [name for name in AGREEMENTS if _twice_named(name)]
"""The agreements that write a company's name with its suffix ("Ocugen, Inc.") twice or more."""


def test_enough_agreements_name_a_company_twice():
    assert len(NAMED) >= 3


@pytest.mark.parametrize("name", NAMED)
def test_a_party_name_capitalized_two_ways(name):
    lines = lines_of(name)
    text = "\n".join(lines)
    full = next(m[0] for m in _NAME.finditer(text) if text.count(m[0]) >= 2)  # "Ocugen, Inc.", named twice or more
    company = full.split(",")[0].split()[0]
    other = company[:2] + company[2].upper() + company[3:]  # "Ocugen" -> "OcUgen"
    index = max(i for i, line in enumerate(lines) if full in line)
    lines[index] = lines[index].replace(full, full.replace(company, other, 1), 1)
    assert any(other in m.split(" is capitalized")[0] for m in new_findings(name, lines, "DD210", index + 1))


@pytest.mark.parametrize("name", NAMED)
def test_a_party_name_punctuated_two_ways(name):
    """The last time a company is named, the comma before its suffix is dropped (or added): "Ocugen Inc."."""
    lines = lines_of(name)
    text = "\n".join(lines)
    full = next(m[0] for m in _NAME.finditer(text) if text.count(m[0]) >= 2)
    other = full.replace(",", "", 1) if "," in full else full.replace(" ", ", ", 1)
    index = max(i for i, line in enumerate(lines) if full in line)
    lines[index] = lines[index][::-1].replace(full[::-1], other[::-1], 1)[::-1]  # its last use in the paragraph
    found = new_findings(name, lines, "DD210", index + 1)
    assert any(m.split(" is punctuated differently")[0].endswith(f'{other}"') for m in found), found


def _dotted_suffix(name: str) -> str | None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return next((m[0] for m in _NAME.finditer(text) if "." in m[0].split()[-1] and text.count(m[0]) >= 2), None)


SUFFIXED = [name for name in AGREEMENTS if _dotted_suffix(name)]
"""The agreements that write a company's name with a suffix in capitals and a full stop ("Ocugen, Inc.") twice."""


def test_enough_agreements_write_a_suffix_with_a_full_stop():
    assert len(SUFFIXED) >= 3


@pytest.mark.parametrize("name", SUFFIXED)
def test_a_corporate_suffix_in_lower_case(name):
    """The last time the company is named, its suffix is written in lower case: "Ocugen, inc."."""
    lines = lines_of(name)
    full = _dotted_suffix(name)
    suffix = full.split()[-1]
    index = max(i for i, line in enumerate(lines) if full in line)
    lines[index] = lines[index][::-1].replace(full[::-1], full.replace(suffix, suffix.lower())[::-1], 1)[::-1]
    found = new_findings(name, lines, "DD210", index + 1)
    assert any(m.startswith(f'"{suffix.lower()}" is capitalized differently from "{suffix}"') for m in found), found


_TWO_WORDS = re.compile(r"\b([A-Z][a-z]{3,}) ([A-Z][a-z]{4,})\b")


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_name_with_a_letter_left_out(name):
    """The last use of the agreement's most used name of two capitalized words loses its second word's third
    letter: "Purchase Prce"."""
    lines = lines_of(name)
    counts: dict[str, int] = {}
    for line in lines:
        for match in _TWO_WORDS.finditer(line):
            counts[match[0]] = counts.get(match[0], 0) + 1
    full = max(counts, key=counts.get)
    first, second = full.split()
    wrong = f"{first} {second[:2]}{second[3:]}"
    index = max(i for i, line in enumerate(lines) if full in line)
    lines[index] = lines[index][::-1].replace(full[::-1], wrong[::-1], 1)[::-1]
    found = new_findings(name, lines, "DD210", index + 1)
    assert any(m.startswith(f'"{wrong}" is spelled differently from "{full}"') for m in found), (full, found)


DATED = [name for name in AGREEMENTS if any(_OWN_DATE.search(line) for line in lines_of(name)[:40])]
"""The agreements whose preamble states their date (a letter agreement dated only in its letterhead does not)."""


def test_enough_agreements_state_their_date():
    assert len(DATED) >= 3


@pytest.mark.parametrize("name", DATED)
def test_the_date_stated_two_ways(name):
    lines = lines_of(name)
    match = next(m for line in lines[:40] if (m := _OWN_DATE.search(line)))
    day = int(match[2]) % 27 + 1
    lines.append(f"IN WITNESS WHEREOF, the parties have executed this Agreement as of {match[1]} {day}, {match[3]}.")
    assert any(f"{match[1]} {day}, {match[3]}" in m for m in new_findings(name, lines, "DD211", len(lines)))
    cover = lines_of(name)
    cover.insert(1, f"Dated as of {match[1]} {day}, {match[3]}")
    assert any("cover page" in m for m in new_findings(name, cover, "DD211", 2))


_POINTER_TO_FRONT = re.compile(r"^[\"\u201c]([A-Z][^\"\u201d]{0,60})[\"\u201d] (?:has|shall have) the meaning (?:set forth|assigned to it|specified) in the (preamble|Preamble|recitals|Recitals)\b")
POINTING = [
    name
    for name in sorted(p.name for p in CORPUS.glob("*.txt"))
    if sum(1 for line in lines_of(name) if _POINTER_TO_FRONT.match(line)) >= 3
]
"""The agreements whose glossary points three times or more to the preamble or the recitals."""


def test_enough_agreements_point_to_their_opening():
    assert len(POINTING) >= 4


@pytest.mark.parametrize("name", POINTING)
def test_a_glossary_pointer_to_the_wrong_part_of_the_opening(name):
    """The first entry pointing to the preamble (or, failing one, the recitals) is turned to point to the
    other: lint says where the term is, or that the other does not use it."""
    lines = lines_of(name)
    entries = [(i, m) for i, line in enumerate(lines) if (m := _POINTER_TO_FRONT.match(line))]
    index, match = next(((i, m) for i, m in entries if m[2].lower() == "preamble"), entries[0])
    other = {"preamble": "recitals", "recitals": "preamble"}[match[2].lower()]
    lines[index] = lines[index][: match.start(2)] + other + lines[index][match.end(2) :]
    found = new_findings(name, lines, "DD206", index + 1)
    assert any(m.startswith(f'the text says "{match[1]}" is defined in the {other}, but') for m in found), found


_THREE_WORD_TERM = re.compile(r"[\"\u201c]([A-Z][a-z]+) ([A-Z][a-z]+) ([A-Z][a-z]+)[\"\u201d]")


def _three_word_term(lines: list[str]) -> tuple[str, int] | None:
    """A term of three capitalized words the agreement defines, and the last paragraph using it after "the"."""
    for line in lines:
        for match in _THREE_WORD_TERM.finditer(line):
            term = " ".join(match.groups())
            uses = [i for i, text in enumerate(lines) if f"the {term} " in text and f"\u201c{term}\u201d" not in text
                    and f'"{term}"' not in text]
            if uses and " ".join(match.groups()[::2]) not in "\n".join(lines):
                return term, uses[-1]
    return None


SHORTENED = [name for name in AGREEMENTS if _three_word_term(lines_of(name))]
"""The agreements defining a term of three capitalized words that they use after "the"."""


def test_enough_agreements_define_a_term_of_three_words():
    assert len(SHORTENED) >= 3


@pytest.mark.parametrize("name", SHORTENED)
def test_a_defined_term_with_its_middle_word_left_out(name):
    """At the last use of a three-word term, its middle word is left out: "the First Maturity Date"."""
    lines = lines_of(name)
    term, index = _three_word_term(lines)
    first, _, last = term.split()
    lines[index] = lines[index].replace(f"the {term} ", f"the {first} {last} ", 1)
    found = new_findings(name, lines, "DD203", index + 1)
    assert any(m.startswith(f'"{first} {last}" is used as a defined term') and f'"{term}"' in m for m in found), found


@pytest.mark.parametrize("name", SHORTENED)
def test_a_defined_term_with_its_middle_word_left_out_after_an_adjective(name):
    """The same slip where no article governs the term ("the applicable First Maturity Date"): a sentence is
    added to running text."""
    lines = lines_of(name)
    term, _ = _three_word_term(lines)
    first, _, last = term.split()
    index = running_text(lines)
    lines[index] += f" Each applicable {first} {last} is final."
    found = new_findings(name, lines, "DD203", index + 1)
    assert any(m.startswith(f'"{first} {last}" is used as a defined term') and f'"{term}"' in m for m in found), found


_FULL_DATE = re.compile(rf"\b({'|'.join(MONTHS)}) (\d{{1,2}}), (\d{{4}})\b")


@pytest.mark.parametrize("name", AGREEMENTS)
def test_a_date_past_its_months_end(name):
    """A date of the agreement's own changed to the day after its month's last ("April 31, 2019"), or one planted."""
    import calendar

    lines = lines_of(name)
    found = next(((i, m) for i, line in enumerate(lines) if (m := _FULL_DATE.search(line))), None)
    if found is None:
        index = running_text(lines)
        lines[index] += " Payment is due on April 15, 2021."
        found = index, _FULL_DATE.search(lines[index])
    index, match = found
    month = MONTHS.index(match[1]) + 1
    past = calendar.monthrange(int(match[3]), month)[1] + 1
    lines[index] = lines[index][: match.start(2)] + str(past) + lines[index][match.end(2) :]
    assert any(f"{match[1]} {past}, {match[3]}" in m for m in new_findings(name, lines, "DD212", index + 1))
