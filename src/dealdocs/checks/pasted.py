"""Checks on text pasted into a term sheet as it would be printed (code DD168).

Every name and phrase of the term sheet is printed as written. A value copied from a Word document often brings its
quotation marks, or a double space, with it: "pay Theodore  Okonkwo", '“Pinecrest Robotics, Inc.” (the “Maker”)'
(a new user's trial). Said as warnings at the value's key: a value that only starts and ends with a quotation mark
(`'s-Hertogenbosch Partners'`, `"Alpha" Tech "Partners"`) is not wrapped, and two spaces after a full stop are a
typist's habit, not a slip.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD168 | warning  | a text value wrapped in quotation marks, or with two spaces (or a non-breaking and a plain space) in a row inside it: printed so in every document |
"""

from __future__ import annotations

import re
from typing import Any

from dealdocs.checks.parties import Report
from dealdocs.termsheet.loader import key_path, texts_in

__all__ = ["check_pasted_text"]

_WRAPPED = re.compile(r"[\"“‘'«„][^\"“”‘’'«»„]*[\"”’'»“]")  # one pair of quotation marks around it all, none inside
_DOUBLE_SPACE = re.compile(r"(?<=[^\s.?!:;])[ \u00a0]{2,}(?=\S)")  # not after a sentence's end


def check_pasted_text(data: Any, report: Report) -> None:
    """DD168: each text of the term sheet as parsed (`data`) wrapped in quotation marks or holding a double space."""
    for place, _, text in texts_in(data):
        value = text.strip()
        if ("  " in value or "\u00a0 " in value or " \u00a0" in value) and (found := _DOUBLE_SPACE.search(value)):
            shown = value[value.rfind(" ", 0, found.start()) + 1: found.end()] + value[found.end():].split(" ", 1)[0]
            report.warning("DD168", key_path(place), f"two spaces in a row ('{shown}'), printed so in every document: "
                           "write one")
        elif len(value) > 1 and value[0] in "\"“‘'«„" and _WRAPPED.fullmatch(value):
            report.warning("DD168", key_path(place), f"the text is wrapped in quotation marks ({value[:60]}), which "
                           "would be printed with it: remove them")
