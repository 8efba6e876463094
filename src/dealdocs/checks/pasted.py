"""Checks on text pasted into a term sheet as it would be printed (codes DD168, DD169, DD010).

Every name and phrase of the term sheet is printed as written. A value copied from a Word document often brings its
quotation marks, or a double space, with it: "pay Theodore  Okonkwo", '“Pinecrest Robotics, Inc.” (the “Maker”)'
(a new user's trial). Said as warnings at the value's key: a value that only starts and ends with a quotation mark
(`'s-Hertogenbosch Partners'`, `"Alpha" Tech "Partners"`) is not wrapped, and two spaces after a full stop are a
typist's habit, not a slip.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD168 | warning  | a text value wrapped in quotation marks, or with two spaces (or a non-breaking and a plain space) in a row inside it: printed so in every document |
| DD169 | warning  | a value followed on its line by what reads as more of it but is a comment ("1180 Valencia Street #4": YAML drops everything from " #") |
| DD010 | warning  | a text value that reads as a drafter's placeholder ("TBD", "XXX", "[Name]", "purchaser name"): printed as written in every document |
"""

from __future__ import annotations

import re

from dealdocs.checks.parties import Report
from dealdocs.termsheet.loader import TermSheetSource, key_path, texts_in

__all__ = ["check_pasted_text"]

_WRAPPED = re.compile(r"[\"“‘'«„][^\"“”‘’'«»„]*[\"”’'»“]")  # one pair of quotation marks around it all, none inside
_DOUBLE_SPACE = re.compile(r"(?<=[^\s.?!:;])[ \u00a0]{2,}(?=\S)")  # not after a sentence's end


_CUT_BY_COMMENT = re.compile(r"^\s*(?:-\s+)?(?:[\w.-]+:\s+)?(?:-\s+)?([^\s#'\"\[{|>][^#\n]*?)\s+#(\S[^\n]*)$")
"""A line whose plain value is followed by a comment with no space after its "#": an apartment or suite number
("- 1180 Valencia Street #4"), not a note to the reader, which YAML drops (a new user's trial: no problem found,
the number gone from the note and the notices)."""


def _kept_hash(data: object, path: tuple[str | int, ...]) -> bool:
    """Whether the text YAML read at `path` holds a "#": the line's "#" is then inside a quoted value, not a comment
    (a code review: '"88 Garden Place #4"', quoted as DD169 advises, was told to be quoted)."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False
    return isinstance(data, str) and "#" in data


_PLACEHOLDER = re.compile(
    r"\[[^\]]{0,60}\]|\b(?:TBD|TBA|TBC|tbd|tba|X{4,}|x{3,})\b"
    r"|(?<![\w'\u2019] )(?<!\b[Tt]he )(?<!\b[Ii]ts )(?<!\b[Ss]uch )\b(?i:purchaser|payee|company|holder)\s+(?i:name)\b")
"""A drafter's placeholder left in a value: a bracketed blank, "TBD", "XXXX", "purchaser name" (a new user's trial: a
wire reference "Corvane Robotics 2026 Notes - purchaser name" went into the escrow agreement and every cover); not
legal wording about a name ("in the name of the Company", "the Company's name": a code review), nor "XXX" (thirty)."""


def check_pasted_text(source: TermSheetSource, report: Report) -> None:
    """DD168: each text of the term sheet as parsed wrapped in quotation marks or holding a double space; DD169: a
    value its line's comment seems to continue; DD010: a value that reads as a placeholder."""
    cut = [(number, found) for number, line in enumerate(source.text.splitlines(), start=1)
           if " #" in line and (found := _CUT_BY_COMMENT.match(line))]  # few lines have " #": read once, then only
    at_line = ({line: path for path, (line, _) in sorted(source.value_marks.items(), key=lambda item: len(item[0]))}
               if cut else {})  # the keys' lines when one has (a 5,000-purchaser term sheet has 150,000 values)
    for number, found in cut:
        if number in at_line and not _kept_hash(source.data, at_line[number]):
            value, rest = found.group(1).strip(), found.group(2).strip()
            report.warning("DD169", at_line[number], f"'#{rest}' after '{value}' is read as a comment, not as part of "
                           f"the value: YAML drops everything from ' #'. Quote the value (\"{value} #{rest}\"), or, for "
                           "a comment, put a space after '#'")
    for place, _, text in texts_in(source.data):
        value = text.strip()
        if (placeholder := _PLACEHOLDER.search(value)) is not None:
            added = (": the escrow agreement and the covers add each purchaser's name after the reference themselves"
                     if place and place[-1] == "reference" else "")
            report.warning("DD010", key_path(place), f"'{value[:80]}' reads as a placeholder ('{placeholder.group()}'), "
                           f"printed as written in every document: give the value itself{added}")
        if ("  " in value or "\u00a0 " in value or " \u00a0" in value) and (found := _DOUBLE_SPACE.search(value)):
            shown = value[value.rfind(" ", 0, found.start()) + 1: found.end()] + value[found.end():].split(" ", 1)[0]
            report.warning("DD168", key_path(place), f"two spaces in a row ('{shown}'), printed so in every document: "
                           "write one")
        elif len(value) > 1 and value[0] in "\"“‘'«„" and _WRAPPED.fullmatch(value):
            report.warning("DD168", key_path(place), f"the text is wrapped in quotation marks ({value[:60]}), which "
                           "would be printed with it: remove them")
