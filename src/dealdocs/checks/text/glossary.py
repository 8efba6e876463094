"""DD206 on glossary pointers: an entry that says where its term is defined is checked against that place.

A glossary entry pointing to a section ("Overadvance" is defined in Section
2.4) is wrong when the term is defined in running text in another section,
or in another lettered clause of the section it names ("(a) Dutch Law
Provisions." heads the paragraphs of its clause); when no section defines it
in running text, the entry is wrong if the section it names does not use the
term at all, or only inside a longer term ("First Extended Maturity Date"
for "Extended Maturity Date"). A section the instrument does not have is left
to the check of references, which reports it once.

An entry pointing to the preamble or the recitals ("has the meaning set forth
in the Recitals") is wrong when the term is defined in the other one, when
the one it names does not use the term, or when the instrument, which opens
on its own ("Cadiz Inc. ... hereby certifies"), has no recitals. The opening
of an instrument is what comes before its first section: the preamble, then
the recitals, from "WHEREAS" or a "RECITALS" heading to "NOW, THEREFORE". A
schedule of definitions without an opening of its own points to the main
instrument's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text.outline import Outline, Para
from dealdocs.checks.text.terms import Definition, variants
from dealdocs.findings import Finding, error

_RECITALS_START = re.compile(
    r"\s*(?:WHEREAS\b|Whereas\b|(?:RECITALS|Recitals|BACKGROUND|Background|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H)\s*[:.]?\s*$)"
)
_RECITALS_END = re.compile(r"\s*(?:NOW,?\s+THEREFORE|Now,?\s+[Tt]herefore)\b")
_OPENING = re.compile(
    r"\b(?:by\s+and\s+(?:between|among)|hereby\s+certifies|(?:is\s+)?(?:dated|made|entered\s+into)(?:\s+and\s+entered\s+into)?\s+"
    r"(?:effective\s+)?as\s+of)\b",
    re.IGNORECASE,
)
_CAPITALIZED = re.compile(r"([A-Z][\w'-]*)\s+$")
_LEADING_WORDS = frozenset("The This That These Each Any All Such Said No Every Its Their A An".split())


def _front(outline: Outline, part: list[Para]) -> dict[str, list[Para]]:
    """The preamble and the recitals of one instrument (empty lists when it has none)."""
    regions: dict[str, list[Para]] = {"preamble": [], "recitals": []}
    region = "preamble"
    for para in part:
        if para.contents or para.story != "body":
            continue
        opened = outline.sections.get(para.number)
        if opened or para.number in outline.within:
            break  # its first section: the opening is over
        if region == "preamble" and _RECITALS_START.match(para.text):
            region = "recitals"
        regions[region].append(para)
        if region == "recitals" and _RECITALS_END.match(para.text):
            break
    if not any(_OPENING.search(p.text) for p in regions["preamble"]):
        regions["preamble"] = []  # a title or a heading, no opening of its own
    return regions


def _uses(term: str, paras: list[Para]) -> bool:
    """True when `paras` write `term` (any case, singular or plural) other than inside a longer capitalized term."""
    forms = sorted(variants(term) | {term}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])", re.IGNORECASE)
    for para in paras:
        for match in pattern.finditer(para.text):
            before = _CAPITALIZED.search(para.text[max(0, match.start() - 40) : match.start()])
            if before is None or before.group(1) in _LEADING_WORDS or not match.group()[0].isupper():
                return True
    return False


def _clauses(outline: Outline, part: list[Para]) -> dict[int, str]:
    """Paragraph number -> the lettered clause ("b") of its section it is in: "(a) Dutch Law Provisions." heads
    the paragraphs after it up to "(b)". "(i)" after "(a)" opens a list within the clause, not a clause; so does
    "(i)" after "(h)" when "(ii)" comes next (and "(v)" after "(u)", "(x)" after "(w)")."""
    letters = [
        (para, lead.token)
        for para in part
        if (lead := outline.leads.get(para.number)) and lead.form == "paren" and lead.token.isalpha() and lead.token.islower()
    ]
    opens: dict[int, str] = {}  # paragraph number -> the clause it opens
    clause, section = "", None
    for index, (para, token) in enumerate(letters):
        here = outline.within.get(para.number, ())
        if here != section:
            section, clause = here, ""
        if len(token) != 1 or not (token == "a" or clause and ord(token) == ord(clause) + 1):
            continue
        after = next((t for p, t in letters[index + 1 :] if outline.within.get(p.number, ()) == here), "")
        if token in "ivx" and after == {"i": "ii", "v": "vi", "x": "xi"}[token]:
            continue  # a roman list inside the clause before it
        opens[para.number] = clause = token
    clauses: dict[int, str] = {}
    section, clause = None, ""
    for para in part:
        here = outline.within.get(para.number, ())
        if here != section:
            section, clause = here, ""
        clause = opens.get(para.number, clause)
        if clause:
            clauses[para.number] = clause
    return clauses


def _by_section(outline: Outline, part: list[Para]) -> dict[tuple[int, ...], list[Para]]:
    """Section number -> the paragraphs within it, its sub-sections' included ((2,) holds 2.1 and 2.1.3)."""
    index: dict[tuple[int, ...], list[Para]] = {}
    for para in part:
        section = outline.within.get(para.number, ())
        for length in range(1, len(section) + 1):
            index.setdefault(section[:length], []).append(para)
    return index


def _at_section(outline: Outline, pointer: Definition, home: Para | None, clauses: dict[int, str],
                sections: dict[tuple[int, ...], list[Para]]) -> str | None:
    """What is wrong with a pointer to a section, or None."""
    number, said_clauses = pointer.where
    said = ".".join(map(str, number)) + said_clauses
    first = said_clauses[1 : said_clauses.find(")")] if said_clauses else ""  # the clause it names: "(b)(ii)" -> "b"
    if home is not None:
        section = outline.within.get(home.number)
        if section is None:
            return None
        clause = clauses.get(home.number, "")
        actual = ".".join(map(str, section))
        if section[: len(number)] != number:
            return f"it is defined in Section {actual} ({outline.where(home)})"
        if first and clause and section == number and first != clause:
            return f"it is defined in Section {actual}({clause}) ({outline.where(home)})"
        return None
    inside = sections.get(number, [])
    if not inside:
        return None  # a section the instrument lacks: the check of references says so
    narrowed = [p for p in inside if clauses.get(p.number) == first] if first else []
    if _uses(pointer.term, narrowed or inside):
        return None
    longer = sorted(
        {d.term for d in outline.terms.explicit if d.inline and d.term != pointer.term and pointer.term in d.term
         and d.para in inside}
    )
    named = f' (it defines "{longer[0]}")' if longer else ""
    return f"Section {said} does not use it{named}"


def _at_front(outline: Outline, pointer: Definition, home: Para | None, regions: dict[str, list[Para]]) -> str | None:
    """What is wrong with a pointer to the preamble or the recitals (`regions`: its instrument's), or None."""
    named, other = pointer.front, {"preamble": "recitals", "recitals": "preamble"}[pointer.front]
    if home is not None and home in regions[other]:
        return f"it is defined in the {other} ({outline.where(home)})"
    if home is not None and home in regions[named]:
        return None
    if not regions[named]:
        return f"this instrument has no {named}" if regions[other] else None
    if not _uses(pointer.term, regions[named]):
        return f"the {named} does not use it" if named == "preamble" else f"the {named} do not use it"
    return None


def check(outline: Outline) -> Iterator[tuple[Finding, str]]:
    """Each wrong glossary pointer, with the section it names ("Section 2.4", or "" for the preamble or the
    recitals), which the check of references then does not report again."""
    defined: dict[tuple[int, str], Para] = {}
    for definition in outline.terms.explicit:
        if not definition.pointer and definition.inline:
            defined.setdefault((definition.para.part, definition.term), definition.para)
    numbered: dict[int, tuple] = {}  # instrument -> its clauses and its sections' paragraphs, read once
    opening: dict[int, dict[str, list[Para]]] = {}  # instrument -> its preamble and recitals, read once
    for pointer in outline.terms.explicit:
        if not pointer.pointer or (pointer.where is None and not pointer.front) or pointer.para.number in outline.inserted:
            continue  # no pointer; or another agreement's glossary entry, inserted by an amendment
        home = defined.get((pointer.para.part, pointer.term))
        part = pointer.para.part
        if pointer.where is not None:
            if part not in numbered:
                numbered[part] = (_clauses(outline, outline.parts[part]), _by_section(outline, outline.parts[part]))
            wrong = _at_section(outline, pointer, home, *numbered[part])
            said = "Section " + ".".join(map(str, pointer.where[0])) + pointer.where[1]
            named = "Section " + ".".join(map(str, pointer.where[0]))
        else:
            if part not in opening:
                opening[part] = _front(outline, outline.parts[part])
                if not any(opening[part].values()) and part != 0:
                    opening[part] = _front(outline, outline.parts[0])  # a schedule of definitions: the main instrument's
            wrong = _at_front(outline, pointer, home, opening[part])
            said, named = f"the {pointer.front}", ""
        if wrong:
            yield error(
                "DD206", f'the text says "{pointer.term}" is defined in {said}, but {wrong}', outline.at(pointer.para)
            ), named
