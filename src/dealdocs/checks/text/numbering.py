"""DD207: an enumeration with a gap or a repeat: (a), (b), (d); a., b., d.; sections 1.1, 1.2, 1.4.

A list may restart at its first marker ("clause (i), (ii) or (iii)" after an
(i)-(iii) list); (i) reads as a letter after (h) and as a roman numeral
otherwise; references ("clause (ii)", "Section 2.1(a)") and figures ("five
(5)") are not list items (the outline leaves them out).
"""

from __future__ import annotations

from collections.abc import Iterator

from dealdocs.checks.text.common import ROMAN_NAMES, ROMAN_VALUES, context, quote
from dealdocs.checks.text.outline import Outline
from dealdocs.findings import Finding, error


def _label(number: tuple[int, ...]) -> str:
    return ".".join(map(str, number))


def check_sections(outline: Outline) -> Iterator[Finding]:
    """DD207 on section and article numbers, within each instrument."""
    for paras in outline.parts.values():
        seen: set[tuple[int, ...]] = set()
        last: dict[tuple[int, ...], int] = {}
        for para in paras:
            found = outline.sections.get(para.number)
            if not found:
                continue
            number = found[1]
            if number in seen:
                yield error("DD207", f"section {_label(number)} is numbered twice: {quote(para.raw, 60)}", outline.at(para))
                continue
            for depth in range(1, len(number) + 1):
                prefix = number[:depth]
                if prefix in seen:
                    continue
                parent, value = prefix[:-1], prefix[-1]
                expected = last.get(parent, 0) + 1
                if value > expected:
                    missing = [_label(parent + (n,)) for n in range(expected, value)]
                    came = _label(parent + (expected - 1,)) if expected > 1 else "the start"
                    yield error(
                        "DD207",
                        f"the numbering jumps from {came} to {_label(prefix)}: "
                        f"{', '.join(missing[:5])}{'...' if len(missing) > 5 else ''} "
                        f"{'is' if len(missing) == 1 else 'are'} missing ({quote(para.raw, 60)})",
                        outline.at(para),
                    )
                elif value < expected:
                    yield error(
                        "DD207",
                        f"section {_label(prefix)} comes after {_label(parent + (expected - 1,))}: "
                        f"the numbering runs backwards ({quote(para.raw, 60)})",
                        outline.at(para),
                    )
                last[parent] = max(last.get(parent, 0), value)
                seen.add(prefix)


def _interpretations(token: str) -> list[tuple[str, int]]:
    """How a list marker can be read: [("lower-alpha", 9), ("lower-roman", 1)] for "i"."""
    if token.isdigit():
        return [("digit", int(token))]
    if token.islower():
        case = "lower"
    elif token.isupper():
        case = "upper"
    else:
        return []
    low = token.lower()
    readings: list[tuple[str, int]] = []
    if len(low) == 1:
        readings.append((f"{case}-alpha", ord(low) - 96))
    elif len(set(low)) == 1:
        readings.append((f"{case}-alpha", 26 * (len(low) - 1) + ord(low[0]) - 96))  # (aa), (bb) after (z); (aaa) after (zz)
    if low in ROMAN_VALUES:
        readings.append((f"{case}-roman", ROMAN_VALUES[low]))
    return readings


def _marker_text(style: str, value: int, form: str) -> str:
    if style == "digit":
        body = str(value)
    elif style.endswith("alpha"):
        body = chr(96 + value) if value <= 26 else chr(70 + value) * 2
    else:
        body = ROMAN_NAMES.get(value, str(value))
    if style.startswith("upper"):
        body = body.upper()
    return f"({body})" if form == "paren" else f"{body}."


_LATE_SERIES = 22  # (v): a lettered series may start at (v), (w), (x), (y) when the next letter follows
_NEAR = 4  # ... unless the lettered list under way is within this many letters of it


class _ListTracker:
    """Follows list markers in order and reports a gap or a repeat within one run of a list.

    A list may start at its first marker, or at (x) (an "(x) ... (y) ... (z)" series); a marker
    that continues a list left off earlier (an outer list after a nested one) is in step.
    """

    def __init__(self) -> None:
        self.runs: dict[tuple[str, str], int] = {}  # (style, form) -> last value
        self.ended: set[tuple[str, str, int]] = set()  # (style, form, value) where a run was left off

    def reset(self) -> None:
        self.runs.clear()
        self.ended.clear()

    def _start(self, key: tuple[str, str], value: int) -> None:
        if key in self.runs:
            self.ended.add((*key, self.runs[key]))
        self.runs[key] = value

    def see(self, token: str, form: str, following: str | None = None) -> str | None:
        """What is wrong with `token` coming next, or None; `following` is the marker after it, if known."""
        readings = _interpretations(token)
        if not readings:
            return None
        for style, value in readings if following else ():
            # "(i)" then "(ii)" after "(h)": a roman list begins; "(v) ... (w) ... (x)" after "(ii)": a series of its own
            last = self.runs.get((style, form))
            late = style.endswith("alpha") and _LATE_SERIES <= value <= 26 and (last is None or value - last > _NEAR)
            starts = value == 1 or late  # "(s), (t), (v), (w)" skips (u): near the run, it is no series of its own
            if starts and last != value - 1 and (style, value + 1) in _interpretations(following):
                self._start((style, form), value)
                return None
        for style, value in readings:  # the next marker of a list under way, or of one left off
            key = (style, form)
            if self.runs.get(key) == value - 1:
                self.runs[key] = value
                return None
            if (style, form, value - 1) in self.ended:
                self._start(key, value)
                return None
        for style, value in readings:  # a list starting (or starting again)
            if value == 1 or (style.endswith("alpha") and value == 24):
                self._start((style, form), value)
                return None
        for style, value in readings:  # a list under way, out of step
            key = (style, form)
            if value > 26 and len(readings) > 1:
                continue  # "(ii)" as the letter after "(hh)" only when it follows it
            if key in self.runs:
                last = self.runs[key]
                self.runs[key] = value
                shown, was = _marker_text(style, value, form), _marker_text(style, last, form)
                if value > last + 1:
                    missing = [_marker_text(style, n, form) for n in range(last + 1, value)]
                    gone = ", ".join(f'"{m}"' for m in missing[:4]) + ("..." if len(missing) > 4 else "")
                    return f'the list goes from "{was}" to "{shown}": {gone} {"is" if len(missing) == 1 else "are"} missing'
                if value == last:
                    return f'"{shown}" appears twice in a row in the list'
                return f'the list goes back from "{was}" to "{shown}": "{shown}" is repeated'
        style, value = next(((s, v) for s, v in readings if v <= 26), readings[0])
        self._start((style, form), value)  # a list we join midway (a reference, or a continuation)
        return None


def check_lists(outline: Outline) -> Iterator[Finding]:
    """DD207 on lists: one list per run of marked paragraphs, and one per paragraph's inline list."""
    for paras in outline.parts.values():
        paragraph_lists = _ListTracker()
        leading = [outline.leads[p.number] for p in paras if p.number in outline.leads]
        after = {id(lead): nxt.token for lead, nxt in zip(leading, leading[1:])}
        for para in paras:
            if para.heading or para.number in outline.sections:
                paragraph_lists.reset()
            lead = outline.leads.get(para.number)
            if lead:
                problem = paragraph_lists.see(lead.token, lead.form, after.get(id(lead)))
                if problem:
                    yield error("DD207", f"{problem} ({quote(para.raw, 60)})", outline.at(para))
            inline = _ListTracker()
            markers = outline.inline.get(para.number, ())
            for marker, nxt in zip(markers, [*markers[1:], None]):
                problem = inline.see(marker.token, "paren", nxt.token if nxt else None)
                if problem:
                    where = context(para.raw, marker.start, marker.end, 60)
                    yield error("DD207", f"{problem}: {where}", outline.at(para))
