"""DD207: an enumeration with a gap or a repeat: (a), (b), (d); a., b., d.; sections 1.1, 1.2, 1.4.

Within one sentence, also a list of two kinds of marker ("the product of (i) 171,585 and (y) the
Fraction"), a list with a second item and no first ("signed by both parties and (ii) no provision may be
waived"; a paragraph's own "(i)" after "(h)" is a letter) and a list with a first item and no second ("equal to (i) Nine Million Dollars.", the (ii)
deleted): a first marker in mid-sentence (after a word in lower case or a comma) with no second marker
after it in the paragraph or the next few (a list may run on into the next lines of a text file).

A list may restart at its first marker ("clause (i), (ii) or (iii)" after an
(i)-(iii) list); (i) reads as a letter after (h) and as a roman numeral
otherwise; references ("clause (ii)", "Section 2.1(a)") and figures ("five
(5)") are not list items (the outline leaves them out).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from dealdocs.checks.text.common import ROMAN_NAMES, ROMAN_VALUES, WORD, context, quote
from dealdocs.checks.text.outline import Marker, Outline, Para
from dealdocs.findings import Finding, error


def _label(number: tuple[int, ...], padded: bool = False, roman: bool = False) -> str:
    """"4.7"; `padded`, as a document numbering "Section 4.07" writes it: "4.07"; `roman`, an article as a document
    numbering "ARTICLE IV" writes it: "IV" (a new user's trial: "1, 2, 3 are missing" of articles I to III)."""
    if roman and len(number) == 1 and number[0] in ROMAN_NAMES:
        return ROMAN_NAMES[number[0]].upper()
    return ".".join(str(n) if level == 0 or not padded else f"{n:02d}" for level, n in enumerate(number))


def _part(number: tuple[int, ...], roman: bool = False) -> str:
    """What a paragraph calls its number: "article" for the top level of one written "ARTICLE IV", else "section"."""
    return "article" if roman and len(number) == 1 else "section"


_ROMAN_ARTICLE = re.compile(r"\s*(?:ARTICLE|Article)\s+[IVXLC]+\b")
_PADDED = re.compile(r"\s*(?:(?:Section|SECTION)\s+)?\d{1,3}\.0\d\b")  # "Section 4.07", "1.01 Definitions"


_CAPTIONED = re.compile(r"\s*(\d{1,3})\.\s+([A-Z][^.]{0,300})")
_FIELD = re.compile(r"\s*(\d{1,3})\.\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4}:")  # "4. Agent: PNC Bank, ..."


def _unread_section(text: str) -> int | None:
    """The number of a paragraph opening like a section that the outline does not take as one: a caption too long
    for a heading ("2. Appointment of KeyBank National Association as Collateral Agent for the Senior Lenders and the
    Bank Agent."), most of its words capitalized, unlike a numbered statement ("2. The Shares have been duly
    authorized."); or a numbered field of a form, its label in capitals ("4. Agent: PNC Bank, National Association,
    as the agent under the Credit Agreement")."""
    field = _FIELD.match(text)
    if field:
        return int(field.group(1))
    match = _CAPTIONED.match(text)
    if not match:
        return None
    words = WORD.findall(match.group(2))
    capitalized = sum(w[0].isupper() for w in words)
    return int(match.group(1)) if len(words) >= 2 and capitalized >= 0.6 * len(words) else None


_PART_HEADING = re.compile(r"\s*(?:PART|Part)\s+(?:\d{1,2}|[IVX]{1,5}|[A-Z])\.?(?:\s*[-\u2013\u2014:]?\s*[A-Z][A-Z ,&'-]{0,60})?\s*")


def check_sections(outline: Outline) -> Iterator[Finding]:
    """DD207 on section and article numbers, within each instrument.

    A gap in the top-level numbers is no gap where each number missing opens a paragraph between the two that the
    outline did not take as a section (`_unread_section`: a long caption in capitals, a form's numbered field).
    After a "Part 2" heading (a schedule of several parts, each numbered from 1) the numbers may start again at 1."""
    for paras in outline.parts.values():
        # its numbers as it writes them: "Section 4.07", not "4.7" (a reader of a real agreement searched for "4.7")
        padded = any(_PADDED.match(para.text) for para in paras if para.number in outline.sections)
        seen: set[tuple[int, ...]] = set()
        last: dict[tuple[int, ...], int] = {}
        captioned: set[int] = set()  # numbers opening such a paragraph since the last top-level section
        new_part = False  # a "Part 2" heading since the last section
        # parent -> a jump just seen there: the number before it, the number it jumped to, its finding (said once the
        # next number shows whether numbers are missing or the jump's own number is wrong), and that other finding
        jumped: dict[tuple[int, ...], tuple[int, tuple[int, ...], Finding, Finding]] = {}
        for para in paras:
            found = outline.sections.get(para.number)
            if not found:
                if (number_of := _unread_section(para.text)) is not None:
                    captioned.add(number_of)
                new_part = new_part or _PART_HEADING.fullmatch(para.text) is not None
                continue
            number = found[1]
            # an article written "ARTICLE IV" is said so, its neighbours too; a "Section 5" of the same document is not
            # (a code review)
            roman = _ROMAN_ARTICLE.match(para.text) is not None
            label = functools.partial(_label, padded=padded, roman=roman)
            part = functools.partial(_part, roman=roman)
            if new_part and number[0] == 1 and seen:
                seen, last = set(), {}  # its own numbering, from 1
            new_part = False
            if number in seen:
                yield error("DD207", f"{part(number)} {label(number)} is numbered twice: {quote(para.raw, 60)}", outline.at(para))
                continue
            for depth in range(1, len(number) + 1):
                prefix = number[:depth]
                if prefix in seen:
                    continue
                parent, value = prefix[:-1], prefix[-1]
                expected = last.get(parent, 0) + 1
                before_jump = jumped.pop(parent, None)  # when the last number here was a jump
                if not parent and value > expected and captioned >= set(range(expected, value)):
                    expected = value  # the sections between, with captions too long to be read as headings
                if not parent:
                    captioned.clear()
                if before_jump is not None and not (value < expected and value == before_jump[0] + 2):
                    yield before_jump[2]  # numbers missing, as the jump said
                if value > expected:
                    missing = [label(parent + (n,)) for n in range(expected, value)]
                    came = label(parent + (expected - 1,)) if expected > 1 else "the start"
                    jumped[parent] = (expected - 1, prefix, error(
                        "DD207",
                        f"the numbering jumps from {came} to {label(prefix)}: "
                        f"{', '.join(missing[:5])}{'...' if len(missing) > 5 else ''} "
                        f"{'is' if len(missing) == 1 else 'are'} missing ({quote(para.raw, 60)})",
                        outline.at(para),
                    ), error(
                        "DD207",
                        f"{part(prefix)} {label(prefix)} stands where {label(parent + (expected,))} should, between "
                        f"{came} and {label(parent + (expected + 1,))}: its number is wrong ({quote(para.raw, 60)})",
                        outline.at(para),
                    ))
                elif value < expected and before_jump is not None and value == before_jump[0] + 2:
                    # "4.9, 4.15, 4.11, 4.12": the 4.15 stands where 4.10 does, and the numbers after it go on from
                    # there (a second holdout: "4.10 ... 4.14 are missing", then "4.11 comes after 4.15" at each)
                    yield before_jump[3]
                    seen.discard(before_jump[1])
                    last[parent] = value
                    seen.add(prefix)
                    continue
                elif value < expected:
                    yield error(
                        "DD207",
                        f"{part(prefix)} {label(prefix)} comes after {label(parent + (expected - 1,))}: "
                        f"the numbering runs backwards ({quote(para.raw, 60)})",
                        outline.at(para),
                    )
                last[parent] = max(last.get(parent, 0), value)
                seen.add(prefix)
        for _, _, finding, _ in jumped.values():  # a jump with nothing after it at its level: numbers missing
            yield finding


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


# "J. Robert Smith, ...": a capital and a stop, then two capitalized words that do not open a sentence ("B. The
# Company wishes to borrow" is a list's item)
_NAME_AFTER_INITIAL = re.compile(
    r"\s*[A-Z]\.\s+(?!(?:The|This|That|These|Those|Each|Every|Any|All|No|If|In|On|At|By|For|To|Upon|Such|Its|Our|"
    r"Their|His|Her|A|An|As|With|Where|When|Unless|Except|Subject|Notwithstanding)\b)[A-Z][\w'-]*\s+[A-Z]")


class _ListTracker:
    """Follows list markers in order and reports a gap or a repeat within one run of a list.

    A list may start at its first marker, or at (x) (an "(x) ... (y) ... (z)" series); a marker
    that continues a list left off earlier (an outer list after a nested one) is in step. A capital
    letter and a full stop that no list leads to ("J. Robert Smith", an initial, reads as one) is a list
    only once the next letter follows it: until then, one out of step is no gap or repeat (`joined`).
    """

    def __init__(self) -> None:
        self.runs: dict[tuple[str, str], int] = {}  # (style, form) -> last value
        self.ended: set[tuple[str, str, int]] = set()  # (style, form, value) where a run was left off
        self.joined: set[tuple[str, str]] = set()  # runs a capital letter and a full stop began midway, unconfirmed

    def reset(self) -> None:
        self.runs.clear()
        self.ended.clear()
        self.joined.clear()

    def _start(self, key: tuple[str, str], value: int) -> None:
        if key in self.runs:
            self.ended.add((*key, self.runs[key]))
        self.runs[key] = value
        self.joined.discard(key)

    def begun(self, style: str, form: str, value: int) -> None:
        """A list of `style` begun elsewhere (its first items run into a paragraph before) is at `value`."""
        self._start((style, form), value)

    def see(self, token: str, form: str, following: str | None = None, *, initial: bool = False) -> str | None:
        """What is wrong with `token` coming next, or None; `following` is the marker after it, if known; `initial`:
        the paragraph reads as a name after it ("J. Robert Smith")."""
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
                self.joined.discard(key)
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
            if key in self.joined:  # an initial, not a list under way: "J. Robert Smith" then "J. Robert Smith"
                self.runs[key] = value
                return None
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
        if form == "dot" and style == "upper-alpha" and initial:
            self.joined.add((style, form))
        return None


def check_lists(outline: Outline) -> Iterator[Finding]:
    """DD207 on lists: one list per run of marked paragraphs, and one per paragraph's inline list."""
    for paras in outline.parts.values():
        paragraph_lists = _ListTracker()
        leading = [outline.leads[p.number] for p in paras if p.number in outline.leads]
        after = {id(lead): nxt.token for lead, nxt in zip(leading, leading[1:])}
        run_in: dict[str, int] = {}  # style -> the last of the items "(i)", "(ii)" ... run into a paragraph no marker of it leads
        for para in paras:
            if para.heading or para.number in outline.sections:
                paragraph_lists.reset()
                run_in.clear()
            lead = outline.leads.get(para.number)
            markers = outline.inline.get(para.number, ())
            _run_into(run_in, para, lead, markers, paragraph_lists)
            if lead:
                problem = paragraph_lists.see(lead.token, lead.form, after.get(id(lead)),
                                              initial=_NAME_AFTER_INITIAL.match(para.raw) is not None)
                if problem:
                    yield error("DD207", f"{problem} ({quote(para.raw, 60)})", outline.at(para))
                if markers and not para.text[lead.end : markers[0].start].strip():  # "(c) (i) Any Lender ...":
                    paragraph_lists.see(markers[0].token, "paren")  # a nested list opens with the paragraph (held out)
            inline = _ListTracker()
            for marker, nxt in zip(markers, [*markers[1:], None]):
                problem = inline.see(marker.token, "paren", nxt.token if nxt else None)
                if problem:
                    where = context(para.raw, marker.start, marker.end, 60)
                    yield error("DD207", f"{problem}: {where}", outline.at(para))


_CAPTION_END = re.compile(r"[.:]\s*$")  # what a list run into a caption or an opening sentence follows
_CAPTION_LONGEST = 160  # characters before the first item: a caption, "5L. Most Favored Lender. (i) If"


def _run_into(run_in: dict[str, int], para: Para, lead: Marker | None, inline: Sequence[Marker],
              lists: _ListTracker) -> None:
    """A list whose first items are run into a caption or an opening sentence ("5L. Most Favored Lender. (i) If
    ...", "The Company covenants that: (i) ..."), its next item a paragraph of its own ("(ii) If ..."), perhaps after
    paragraphs of a nested list: the paragraph's marker goes on from them (`lists.begun`). `run_in` keeps, for each
    style, where such items left off, until a paragraph that a marker of that style leads. Items run into a
    sentence elsewhere ("provided that the Company need not (i) pay ... or (ii) file") are a list of their own."""
    if lead is not None:
        readings = _interpretations(lead.token)
        if lead.form == "paren":
            begun = next(((style, value) for style, value in readings if run_in.get(style) == value - 1), None)
            if begun is not None:
                lists.begun(begun[0], "paren", begun[1] - 1)
        for style, _ in readings:
            run_in.pop(style, None)
        return
    values: dict[str, list[int]] = {}  # only a paragraph no marker leads: a caption, an opening sentence
    for marker in inline:
        for style, value in _interpretations(marker.token):
            values.setdefault(style, []).append(value)
    for style, found in values.items():
        count = next((k for k, value in enumerate(found) if value != k + 1), len(found))  # "(i) ... (x) ... (y)": 1
        first = next((m for m in inline if (style, 1) in _interpretations(m.token)), None)
        if count and first is not None and first.start <= _CAPTION_LONGEST and _CAPTION_END.search(para.text, 0, first.start):
            run_in[style] = count


# A list's first marker -> (its kind, its second marker); "(x) ... (y)" is a series of its own.
_FIRST = {"i": ("roman", "ii"), "a": ("letter", "b"), "1": ("digit", "2"), "A": ("LETTER", "B"), "I": ("ROMAN", "II"),
          "x": ("series", "y"), "X": ("SERIES", "Y")}
_SECOND = {second: (kind, first) for first, (kind, second) in _FIRST.items()}
# What a first marker continues rather than starts: "(h) ..., and (i) any" is the ninth letter; "(ix) and (x)".
_BEFORE = {"i": "(h)", "I": "(H)", "x": "(ix)", "X": "(IX)"}
_MID_SENTENCE = re.compile(r"(?:[a-z]|,)\s*$")
_WRAPPED = 40  # lines of a text file wrapped by hand, which end in no full stop, that a sentence may run on to
_ENDS = tuple(".;:!?)]\"'")


def check_pairs(outline: Outline) -> Iterator[Finding]:
    """DD207 on inline lists of two kinds of marker, and on a first marker with no second.

    Each paragraph's text is searched once for each marker it may need (where "(h)" first is, where "ii)"
    last is), not again for each marker: a paragraph of many markers is read in one pass.
    """
    paras = outline.paras
    last_lead: dict[int, str] = {}  # instrument -> the marker its last marked paragraph opened with
    for para in paras:
        lead = outline.leads.get(para.number)
        prior = last_lead.get(para.part)
        if lead:
            last_lead[para.part] = lead.token
        markers = outline.inline.get(para.number)
        if not markers or para.heading or para.contents:
            continue
        text = para.text
        first_at: dict = {}  # "(h)" -> where it first is in the paragraph (len(text) when nowhere); ("i)", "from") too
        last_at: dict[str, int] = {}  # "ii)" -> where it last is (-1 when nowhere)
        after: dict[str, bool] = {}  # "ii)" -> whether it comes in the paragraphs after this one
        said: set[tuple[str, str]] = set()  # each pair of markers, and each lone one, is reported once a paragraph

        def first(what: str) -> int:
            if what not in first_at:
                at = text.find(what)
                first_at[what] = len(text) if at < 0 else at
            return first_at[what]

        # "(i) The Company shall have delivered ..." after "(h)": the paragraph's (i) is a letter, no list's first
        opened = lead.end if lead and prior and _BEFORE.get(lead.token) == f"({prior})" else 0
        for index, marker in enumerate(markers):
            if marker.token in _SECOND and (marker.token, "no first") not in said:
                wanted = f"{_SECOND[marker.token][1]})"
                if (wanted, "from") not in first_at:  # where the first item's marker first is, after `opened`
                    at = text.find(wanted, opened)
                    first_at[(wanted, "from")] = len(text) if at < 0 else at
                problem = None if first_at[(wanted, "from")] < marker.start else _no_first(paras, para, marker)
                if problem:
                    said.add((marker.token, "no first"))
                    yield error("DD207", f"{problem}: {context(para.raw, marker.start, marker.end)}", outline.at(para))
                continue
            kind_second = _FIRST.get(marker.token)
            if kind_second is None or first(_BEFORE.get(marker.token, "\0")) < marker.start:
                continue
            kind, second = kind_second
            following = markers[index + 1] if index + 1 < len(markers) else None
            other = _SECOND.get(following.token) if following is not None else None
            # "(i) ... (y)": the next marker is the second of another kind of list, and goes on from no list
            # begun before this one ("(a) (i) ... (b)": the (b) goes on from the (a))
            if other is not None and other[0] != kind and first(f"({other[1]})") >= marker.start:
                if (marker.token, following.token) in said:
                    continue
                said.add((marker.token, following.token))
                yield error(
                    "DD207",
                    f'the list starts at "({marker.token})" and goes on at "({following.token})", a marker of another kind: '
                    f"{context(para.raw, marker.start, following.end, 40)}",
                    outline.at(para),
                )
                continue
            if kind.startswith(("series", "SERIES")) or not _MID_SENTENCE.search(text, max(0, marker.start - 8), marker.start):
                continue
            if following is not None and following.form == marker.form and _goes_on(marker.token, following.token):
                continue  # "(a) ... (c)": the list goes on, its gap found by `check_lists` (a new user's trial: said twice)
            wanted = f"{second})"
            if wanted not in last_at:
                last_at[wanted] = text.rfind(wanted)
            if last_at[wanted] >= marker.end or _again_in_sentence(text, marker):
                continue  # the second comes; or the first is written again in the sentence ("(a) one, (b) two, (a) again")
            if wanted not in after:
                after[wanted] = _comes(wanted, text, paras[para.number : para.number + _WRAPPED])
            if not after[wanted] and (marker.token, "") not in said:
                said.add((marker.token, ""))
                yield error(
                    "DD207",
                    f'the list has a first item "({marker.token})" and no second "({second})": '
                    f"{context(para.raw, marker.start, marker.end)}",
                    outline.at(para),
                )


_STYLE_OF_KIND = {"LETTER": "upper-alpha", "letter": "lower-alpha", "ROMAN": "upper-roman", "roman": "lower-roman",
                  "digit": "digit"}  # a list's kind (`_FIRST`) as `_interpretations` names its style


def _goes_on(first: str, later: str) -> bool:
    """Whether `later` ("c") is a later item of the list `first` ("a") begins: of its style, after it ("(i) ... (b)":
    (i) begins a roman list, which (b) is not of)."""
    if later in _FIRST:  # "(a) ... (i)": a marker that begins a list of its own continues none (a code review)
        return False
    style = _STYLE_OF_KIND.get(_FIRST[first][0])
    return any(kind == style and value > 1 for kind, value in _interpretations(later))


def _no_first(paras: list[Para], para: Para, marker: Marker) -> str | None:
    """What is wrong with a second marker ("(ii)") in mid-sentence whose list has no first item before it in
    the paragraph (the caller knows) nor in the lines a sentence wrapped by hand runs on from, or None."""
    kind, first = _SECOND[marker.token]
    text = para.text
    if kind.startswith(("series", "SERIES")) or not _MID_SENTENCE.search(text, max(0, marker.start - 8), marker.start):
        return None
    wanted = f"{first})"
    for before in reversed(paras[max(0, para.number - 1 - _WRAPPED) : para.number - 1]):
        if _ended(before.text):
            break
        if wanted in before.text:
            return None
    return f'the list has a second item "({marker.token})" and no first "({first})"'


def _again_in_sentence(text: str, marker: Marker) -> bool:
    """True when the marker is written again, before or after, with no sentence's end in between."""
    itself = f"({marker.token})"
    before = text.rfind(itself, 0, marker.start)
    if before >= 0 and ". " not in text[before : marker.start]:
        return True
    after = text.find(itself, marker.end)
    return after >= 0 and ". " not in text[marker.end : after]


def _ended(text: str) -> bool:
    """True when a paragraph ends a sentence (or is empty): a text file's line wrapped by hand does not."""
    bare = text.rstrip()
    return not bare or bare.endswith(_ENDS)


def _comes(second: str, text: str, after: list[Para]) -> bool:
    """True when `second` ("ii)") is in the lines after `text` that its sentence, wrapped by hand, runs on to,
    or opens the paragraph after the sentence's end (a list whose later items are paragraphs of their own)."""
    ended = _ended(text)
    for para in after:
        if ended:
            return para.text.lstrip().startswith((f"({second}", second))
        if second in para.text:
            return True
        ended = _ended(para.text)
    return False
