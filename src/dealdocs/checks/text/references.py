"""DD206: a cross-reference to a section, article, clause or exhibit the document does not have.

"Section 2.14", "Sections 3.1 and 3.2", "Article IV", "Exhibit A" and
"clause (ii)" are checked against the document's own numbering, exhibit
headings and list markers; "Section 4.1(b)" against the clauses of Section 4.1,
where its text shows them all (see `_clauses`). A reference followed by "of"/"to"/"under" the name
of another document ("Article IV of the Purchase Agreement", "Section 4(2) of
the Act") points elsewhere and is not checked. An exhibit or schedule
referred to but not attached is a warning, not an error: a deal's exhibits
are often separate files of the same closing set, and disclosure schedules
are routinely delivered apart; it is said once, at its first reference, with how many there are; when the
document attaches none of several, that is said once for all of them (a draft sent without its attachments). A glossary entry that points to where a term
is defined ("Overadvance" is defined in Section 2.4) is checked by `glossary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text import glossary
from dealdocs.checks.text.common import context, roman_value, strip_possessive
from dealdocs.checks.text.outline import ATTACHMENT_ID, BARE_LABEL, Numbering, Outline, Para
from dealdocs.findings import Finding, error, warning

_NUM = r"\d{1,3}(?:\.\d{1,3})*[A-Z]?(?:\([a-zA-Z0-9]{1,5}\))*(?![\w]|\.\d)"
_ATTACHMENT_ID = ATTACHMENT_ID + r"(?!\w|\.\d)"
_ATTACHMENT_TOKEN = re.compile(ATTACHMENT_ID)
_SEC_FORM = re.compile(r"\s*(?:TO|13D|13G|13E-3|14A|14C|14D-9)\b")  # "file a Schedule TO": an SEC form, not an attachment
_LIST_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|through\s+|to\s+|-\s*|\u2013\s*)"
# Each pattern opens with the word it names, then checks the word boundary before it (`\b` first would make
# the regex engine try the pattern at every character; a word first, it looks for that word).
# "SECTION 1.01(C)" in a passage in capitals (a jury waiver) is a reference too.
_SECTION_REF = re.compile(rf"(?P<kind>S(?<!\wS)(?:ection|ECTION)(?:s|S)?)\s+(?P<list>{_NUM}(?:{_LIST_JOIN}{_NUM})*)")
_STATUTE_BEFORE = re.compile(r"(?<![A-Za-z])(?:Act|Code|Law|Laws|Regulations?|Rules?|Treasury|ACT|CODE|LAW|U\.S\.C\.)\s*$")
# A statute named earlier in the sentence: "... the Sarbanes-Oxley Act of 2002 ..., including Section 402".
_STATUTE_IN_SENTENCE = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:Act|Code|ACT|CODE)\b")  # in capitals too
# What follows a reference to a statute's section: "... of the Code", "Articles 678 et seq. of the New Luxembourg Code",
# "Section 18 217 of the Delaware Limited Liability Company Act", "Article L.225-216 of the French Code de commerce".
_STATUTE_AFTER = re.compile(
    # each item ends where its kind of character does (no other way to split "412 4971": linear on any text);
    # "and"/"or" only where the list goes on ("Sections 412 or 4971", never "Section 7 or under the Act")
    r"(?:\s*(?:et\s+seq\.|[.\-/]?\d[\d.\-/]*(?![\d.\-/])|[A-Z]\.\d[\d.\-]*(?![\d.\-])|\([a-zA-Z0-9]{1,5}\)|,"
    r"|(?i:and|or)(?=\s+[\dA-Z(])))*"
    r"\s*(?:(?i:of|under)|[-\u2013\u2014])\s+(?:and\s+Rule\s+\d+\s+under\s+)?(?i:the\s+)?"  # "Section 404 - Clean Water Act"
    r"(?:(?!(?i:this|that|and|or|under|applicable|any|such|other|its)\b)[A-Z][\w.'-]*\s+|(?i:and)\s+(?=[A-Z])){0,8}?"
    r"(?i:Act|Code|Law|Statutes?|Regulations?)\b"  # in capitals too: "SECTION 548(D)(2) OF THE BANKRUPTCY CODE"
)
_DOCUMENT_BEFORE = re.compile(
    r"\b[A-Z][\w'-]*\s+(?:Agreement|Indenture|Note|Notes|Certificate|Notice|Plan|Warrant|Instructions?)\s*,\s*$"
)
_ACRONYM_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]{2,8}|(?:[A-Z]\.){2,4})\s*$")  # "ERISA ", "U.S.C. ": a statute's name
_ACT_SECTION = re.compile(r"(?<![\d.-])\d{1,2}-\d{3}(?![\d-])")  # "17-101", "8-102": a uniform act's numbering
_STATUTE_SECTION = 100
"""A bare section number from which a reference in a sentence naming a statute is read as the statute's."""
_ARTICLE_REF = re.compile(r"(?P<kind>Article(?<!\wArticle)s?)\s+(?P<list>(?:[IVXLC]+|\d{1,3})\b(?:" + _LIST_JOIN + r"(?:[IVXLC]+|\d{1,3})\b)*)")
_EXHIBIT_REF = re.compile(
    r"(?P<kind>E(?<!\wE)xhibits?|S(?<!\wS)chedules?|A(?<!\wA)(?:nnex(?:es)?|ppendix|ppendices))\s+"
    r"(?P<list>" + _ATTACHMENT_ID + r"(?:" + _LIST_JOIN + _ATTACHMENT_ID + r")*)"
)
_CLAUSE_REF = re.compile(
    r"clause(?<!\wclause)s?\s+(?P<list>\([a-zA-Z0-9]{1,5}\)(?:\s*(?:,|and/or|and|or|through|to)\s*(?:and\s+|or\s+)?\([a-zA-Z0-9]{1,5}\))*)"
)
_ELSEWHERE = re.compile(
    r"\s*\"?\s*,?\s*(?:of|to|in|under)\s+(?:the\s+|such\s+|that\s+|any\s+|an?\s+|each\s+)?(?P<name>(?:[A-Z0-9][\w'.-]*\s*){1,6})"
)
_ELSEWHERE_COMMON = re.compile(r"\s*(?:of|to|in|under)\s+(?:the|such|that|any|each)\s+[a-z]|\s*,?\s*there(?:of|under|in|to)\b")
_HERE = re.compile(r"\s*,?\s*(?:(?i:hereof|hereto|herein|hereunder)|(?i:of\s+this)\s+[A-Z])")  # in capitals too
_CHAINED = 12
"""References named together that share what follows at most: it is read from each reference of a chain again, and
an unbounded chain made a long one quadratic (a code review: 110,000 characters, 7 s)."""
# A section's caption after its number: "Section 2.16 (Increased Costs) of the Working Capital Facility Agreement".
_CAPTION = r"\s*\((?![A-Za-z]\)|[IVXLCivxlc]{1,6}\))[A-Z][^()]{1,80}\)"  # "(Taxes)"; not a clause: "(A)", "(IV)"
# "Section 13(d)(3) or Section 14(d)(2) of the Exchange Act": the references named together share what follows.
_CHAIN = re.compile(rf"(?:{_CAPTION})?(?:\s+(?i:and/or|and|or)\s+(?:(?i:sections?)\s+\d?{_NUM}|(?i:title)\s+[IVXLC]+\b"
                    rf"|\([a-zA-Z0-9]{{1,5}}\))(?:{_CAPTION})?){{0,{_CHAINED}}}")  # "Section 409A or Section 4999 of the Code", "or Title IV of ERISA"
_WITHIN_ANOTHER = re.compile(r"\s+(?:of|in)\s+(?:Section|Article|the|this|such|that)\b")


def _points(text: str, end: int, self_names: set[str], appended: bool = False) -> str:
    """Where the reference ending at `end` points: "elsewhere" ("of the Purchase Agreement", "thereof"),
    "own" (the document's name: "of the Collateral Trust Agreement"; in a part `appended` to it, "of this
    Agreement"), or "" (here: "hereof", "of this Agreement", or nothing said)."""
    chained = _CHAIN.match(text, end)  # it matches, if only nothing
    end = chained.end() if chained else end
    if _HERE.match(text, end):
        this = _THIS.match(text, end)
        return "own" if appended and this and this["name"] in self_names else ""
    match = _ELSEWHERE.match(text, end)
    if not match:
        return "elsewhere" if _ELSEWHERE_COMMON.match(text, end) else ""
    name = " ".join(strip_possessive(w) for w in match["name"].split())
    if name.rsplit(" ", 1)[-1] in _INSTRUMENTS and name not in self_names:  # "of the Note Purchase Agreement", in a
        return "elsewhere"  # note: another instrument whose name begins with this one's
    return "own" if any(name == own or name.startswith(own + " ") for own in self_names) else "elsewhere"


_INSTRUMENTS = frozenset({"Agreement", "Agreements", "Indenture", "Note", "Notes", "Certificate", "Plan", "Notice", "Letter",
                          "Guaranty", "Guarantee", "Warrant", "Warrants", "Mortgage", "Deed", "Act", "Code"})


# What a section reference's number runs on to when it is mistyped: a letter for a digit after its dot
# ("Section 3.l(a)", "3.O"), or, at the end of a list, a second number after a space ("4.3 or 4 4").
_MALFORMED = re.compile(r"(?P<letter>\.[lO](?=\(|[\s,;]))|\s+\d{1,3}(?=[\s,;.)]|$)(?!\.\d)(?!\s*(?:%|percent|days?|months?|years?)\b)")
_LIST_JOIN_IN = re.compile(r"\d\s*(?:,|\band\b|\bor\b)\s*\d")
_THIS_SECTION = re.compile(r"\b(?:[Tt]his\s+Section|THIS\s+SECTION)\s+(?P<number>\d{1,3}(?:\.\d{1,3})*)(?![\d.]\d)")


def _this_section(outline: Outline, para: Para, sections: set[tuple[int, ...]]) -> Iterator[tuple[str, Finding]]:
    """DD206: "this Section 11" written in Section 10, where the section exists: left over from a renumbering."""
    here = outline.within.get(para.number)
    if not here or "his Section" not in para.text and "HIS SECTION" not in para.text:
        return
    for match in _THIS_SECTION.finditer(para.text):
        said = tuple(int(n) for n in match["number"].split("."))
        if said in sections and here[: len(said)] != said and said[: len(here)] != here:
            shown = ".".join(map(str, here))
            yield match["number"], error(
                "DD206",
                f'the text says "this Section {match["number"]}", but it is in Section {shown}: '
                f"{context(para.raw, match.start(), match.end())}",
                outline.at(para),
            )


# The clauses and sections cited with a statute's section before its name: "SECTIONS 546(E), (G) AND (J) AND SECTION
# 548(D)(2) OF THE BANKRUPTCY CODE" (not after a comma: "Sections 1.1 and 1.3, and Section 4(a)(2) of the Act").
_STATUTE_CHAIN = re.compile(
    rf"(?:\s*,\s*\([a-zA-Z0-9]{{1,5}}\)|\s+(?i:and/or|and|or)\s+(?:\([a-zA-Z0-9]{{1,5}}\)|(?:(?i:sections?)\s+)?{_NUM})){{1,{_CHAINED}}}")


def _of_statute(text: str, end: int) -> bool:
    """True when the reference ending at `end` is to a statute's section: "Sections 412 or 4971 of the Code"."""
    chain = _STATUTE_CHAIN.match(text, end)
    if chain:
        end = chain.end()
    return not _HERE.match(text, end) and _STATUTE_AFTER.match(text[end : end + 160]) is not None


def _names_statute(text: str, start: int) -> bool:
    """True when the sentence before `start` names an Act or a Code ("the Sarbanes-Oxley Act of 2002")."""
    sentence = re.split(r"[.;:]\s", text[max(0, start - 400) : start])[-1]
    return _STATUTE_IN_SENTENCE.search(sentence) is not None


_UNMARKED = 2  # paragraphs without a marker after a section's first: its clauses' letters may be lost


def _clauses(outline: Outline) -> dict[tuple[int, tuple[int, ...]], set[str]]:
    """(instrument, section) -> the markers of the lists in it ("(a)", "(ii)", in lower case), its subsections'
    included: what "Section 4.1(b)" may name; for the sections whose text shows all their clauses, those
    written in one paragraph ("4.1 Subsidiaries. The Company owns ...", "9.14 [Reserved]"), or whose every
    paragraph after the first opens with its marker (but one: the words after a table). A section of
    paragraphs without markers may have lost them in a conversion (a Word list's letters are not in the
    text): it is not in the result."""
    found: dict[tuple[int, tuple[int, ...]], set[str]] = {}
    unmarked: dict[tuple[int, tuple[int, ...]], int] = {}
    for para in outline.paras:
        here = outline.within.get(para.number)
        if not here:
            continue
        opens = outline.sections.get(para.number)
        markers = [m for m in outline.inline.get(para.number, ())]
        lead = outline.leads.get(para.number)
        if lead and lead.form == "paren":
            markers.append(lead)
        for depth in range(1, len(here) + 1):
            key = (para.part, here[:depth])
            found.setdefault(key, set()).update(f"({m.token.lower()})" for m in markers)
            if not (opens and opens[1] == here[:depth]) and lead is None and not para.heading:
                unmarked[key] = unmarked.get(key, 0) + 1  # a paragraph of the section, after its first, with no marker
    return {key: markers for key, markers in found.items() if unmarked.get(key, 0) < _UNMARKED}


_STATUTE_NEAR = re.compile(r"\b(?:Act|Code|ERISA|Rules?|Regulations?)\b")


_ITEM = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)[A-Z]?(\([a-zA-Z0-9]{1,5}\))?")


_NAME_GOES_ON = re.compile(r"(?:\)?\s+[A-Z][\w'-]*){1,4}")


def _a_terms_name(text: str, match: re.Match[str], known: set[str]) -> bool:
    """Whether the reference `match` begins a defined term's name: "Section 510(b) Claim", "Section 385 Expanded
    Group", each defined in the document (a second holdout: a plan's class of claims named after the Bankruptcy
    Code's section)."""
    after = _NAME_GOES_ON.match(text, match.end())
    if after is None:
        return False
    words = (text[match.start() : match.end()] + after.group()).replace("\u201d", "").split()
    return any(strip_possessive(" ".join(words[:k])) in known for k in range(len(words), 2, -1))


def _unresolved(
    text: str, info: Numbering, sections: set[tuple[int, ...]], main: Numbering, attachments: tuple[set, set],
    self_names: set[str], clauses: dict[tuple[int, ...], set[str]] | None = None, appended: bool = False,
    statutes: bool = False,
) -> Iterator[tuple[re.Match[str], str, bool | None]]:
    """(reference, what it names, whether that is an attachment) for each thing the document lacks; (reference,
    the mistyped number's tail, None) for a section reference that runs on to a mistyped number.

    `info` and `sections` are the paragraph's instrument's; `main` is the main instrument's, which a
    reference naming this document ("Section 3.8 of the Collateral Trust Agreement", in an exhibit) means.
    `clauses`, the markers in each of the instrument's sections (`_clauses`), when it numbers its own: the
    clause a reference names ("Section 4.1(b)") must be one of its section's. `appended`: the paragraph is in a part
    appended to the document that is no form of an instrument of its own (a glossary appendix after the signature
    pages), where "Section 7.05(a) of this Agreement" is the main instrument's. `statutes`: the document defines a
    statute it cites by its sections ("the Code"), whose "Section 704(c)", above any section of its own, is the Code's.
    A section numbered as a uniform act numbers its own ("Section 17-101", "Section 8-102(a)") is never the document's.
    """
    # A paragraph without the word a pattern names is not searched with it.
    for match in _SECTION_REF.finditer(text) if "Section" in text or "SECTION" in text else ():
        points = _points(text, match.end(), self_names, appended)
        before = text[max(0, match.start() - 40) : match.start()]
        if points == "elsewhere" or _STATUTE_BEFORE.search(before[-12:]) or _DOCUMENT_BEFORE.search(before):
            continue  # "the Securities Act Section 5", "(Escrow Agreement, Section 1.4)": another instrument's
        if not points and _of_statute(text, match.end()):
            continue
        malformed = _MALFORMED.match(text, match.end())
        if malformed and (malformed["letter"] or _LIST_JOIN_IN.search(match["list"])):
            last = re.search(r"\d[\d.]*$", match["list"])
            yield match, text[match.start("list") + (last.start() if last else 0) : malformed.end()], None
        listed = _ACT_SECTION.sub("", re.sub(r"\([^)]*\)", "", match["list"]))
        numbers = re.findall(r"\d{1,3}(?:\.\d{1,3})*", listed)  # "409A" is checked as 409
        high = [int(number) for number in numbers if "." not in number and int(number) >= _STATUTE_SECTION]
        # "Section 402" of the Act the sentence names, "ERISA Section 502", "11 U.S.C. Section 101"; "Section 704(c)"
        # where the document defines the Code and numbers nothing so high, and the sections listed with it ("Sections
        # 616(b), 291(b), and 59(e)": a held-out measure)
        named = bool(high) and (_names_statute(text, match.start()) or _ACRONYM_BEFORE.search(before[-14:]) is not None)
        code = bool(high) and statutes and not points and not _HERE.match(text, match.end())
        own_top = max((number[0] for number in sections), default=0) if code else 0  # asked only of a Code's section
        code = code and max(high) > own_top
        for number in numbers:  # ("Section 135 of this Agreement", "hereof": the document's own, a code review)
            numbered = tuple(int(n) for n in number.split("."))
            if len(numbered) == 1 and (named and numbered[0] >= _STATUTE_SECTION or code and numbered[0] > own_top):
                continue
            if numbered not in sections and not (points == "own" and numbered in main.sections):
                # An instrument whose numbering starts above 1 lacks the sections below: that gap is
                # reported once, where its numbering starts (DD207), not again at each reference to them.
                if numbered[0] < min((number[0] for number in sections), default=1):
                    continue
                yield match, f"Section {number}", False
        if not clauses or "(" not in match["list"] or _STATUTE_NEAR.search(text, match.end(), match.end() + 120):
            continue  # "Sections 13(a), 13(c), 14, 15(d) or any other provision of the Exchange Act"
        if min(number[0] for number in sections) > 1:
            continue  # an instrument whose numbering starts above 1 has lost a section's number (and maybe more)
        if _names_statute(text, match.start()):
            continue
        for item in _ITEM.finditer(match["list"]):
            numbered = tuple(int(n) for n in item[1].split("."))
            known = clauses.get(numbered)
            if item[2] and known is not None and numbered in sections and item[2].lower() not in known:
                yield match, f"Section {item[1]}{item[2]}", False
    for match in _ARTICLE_REF.finditer(text) if "Article" in text else ():
        points = _points(text, match.end(), self_names, appended)
        if points == "elsewhere" or not points and _of_statute(text, match.end()):
            continue
        articles = info.articles or {s[0] for s in sections}
        if points == "own":
            articles = articles | main.articles | {s[0] for s in main.sections}
        for token in re.findall(r"[IVXLC]+|\d{1,3}", match["list"]):
            value = int(token) if token.isdigit() else roman_value(token)
            if value and value not in articles:
                yield match, f"Article {token}", False
    attached, whole = attachments
    named = "Exhibit" in text or "Schedule" in text or "Annex" in text or "Appendi" in text
    for match in _EXHIBIT_REF.finditer(text) if named else ():
        if _points(text, match.end(), self_names) == "elsewhere":
            continue
        kind = match["kind"].lower().rstrip("s")
        kind = {"annexe": "annex", "appendice": "appendix"}.get(kind, kind)
        if kind == "schedule" and _SEC_FORM.match(text, match.start("list") - 1):
            continue
        for token in _ATTACHMENT_TOKEN.findall(match["list"]):
            if (kind, token.upper()) not in attached and (kind, token.split("(")[0]) not in whole:
                yield match, f"{kind.capitalize()} {token}", True
    for match in _CLAUSE_REF.finditer(text) if "clause" in text else ():
        if _WITHIN_ANOTHER.match(text, match.end()):
            continue
        term = _OF_TERM.match(text, match.end())  # "clause (h) of Permitted Liens in the Security Agreement"
        if term and _in_another_document(text, term.end(), self_names):
            continue
        for marker in re.findall(r"\([a-zA-Z0-9]{1,5}\)", match["list"]):
            if marker not in info.markers:
                yield match, f"clause {marker}", False


# A clause of a defined term ("clause (h) of Permitted Liens"): where that term is defined is said after it, if anywhere.
_OF_TERM = re.compile(r"\s+of\s+(?:[A-Z][\w'-]*\s+){0,4}[A-Z][\w'-]*(?=\s+(?:in|under|of)\s)")
_DOCUMENT_WORD = re.compile(
    r"\b(?:Agreement|Indenture|Notes?|Certificate|Plan|Warrant|Guarant(?:y|ee)|Instrument|Contract|Mortgage|Lease|"
    r"Amendment|Supplement|Documents?)\b")


def _in_another_document(text: str, end: int, self_names: set[str]) -> bool:
    """Whether what follows `end` names another document ("in the Security Agreement"), not a place of this one
    ("in Section 1.2", "in Schedule 4") nor something else ("in Delaware", "in any case")."""
    match = _ELSEWHERE.match(text, end)
    return (match is not None and _DOCUMENT_WORD.search(match["name"]) is not None
            and _points(text, end, self_names) == "elsewhere")


_LEVELS = re.compile(r"Sections?\s+\d+\.\d")  # a section numbered on two levels or more: "Section 3.6"
_LOST = 5
"""Sections numbered on two levels, referred to and none of them there, from which an instrument's numbering is lost."""


class _Unnumbered:
    """The references to sections of an instrument whose copy lost its numbering: its sections numbered on one level
    that restarts ("1.", "2.", "3.", then "1." again: a copy of Word's automatic numbering keeps only the last level)
    while its text refers to sections of two ("Section 3.6"). Held back as they are found; then each is said, or,
    where `_LOST` or more such sections are referred to, one warning for all (a held-out measure: a loan agreement's
    127 findings, every one of them a section that was there). An instrument numbered on one level in order (a
    consulting agreement's "1." to "11.") keeps every finding: its two-level references are slips; a schedule or
    certificate appended to the document is judged by the document's numbering (a code review)."""

    def __init__(self, outline: Outline):
        self.outline = outline
        self.lost = {part for part in outline.numbering if _restarts(outline, part) >= _RESTARTS}
        self.held: dict[int, list[tuple[Para, str, Finding]]] = {}

    def holds(self, para: Para, missing: str, finding: Finding) -> bool:
        """Whether `finding`, of a section `missing` in `para`, is held back (its instrument's numbering lost)."""
        part = 0 if self.outline.appended(para.part) else para.part
        if part not in self.lost or not missing.startswith("Section"):
            return False
        self.held.setdefault(part, []).append((para, missing, finding))
        return True

    def findings(self) -> Iterator[Finding]:
        for held in self.held.values():
            held.sort(key=lambda found: found[0].number)
            levels = list(dict.fromkeys(missing.split("(")[0] for _, missing, _ in held if _LEVELS.match(missing)))
            if len(levels) < _LOST:
                yield from (finding for _, _, finding in held)
                continue
            para, _, first = held[0]
            shown = ", ".join(levels[:3])
            yield warning("DD206", f"the text refers to {len(levels)} sections numbered on two levels ({shown}, ...), "
                          "and the sections here are numbered on one level that starts again at 1: the numbering was "
                          "lost (a copy that keeps only the last level of Word's numbering), so these references to "
                          f"sections are not checked; the first: {first.message.split(': ', 1)[-1]}",
                          first.location)


_RESTARTS = 2
"""Times an instrument's one-level section numbers start again at 1 from which its numbering is taken as lost."""


def _restarts(outline: Outline, part: int) -> int:
    """How many times the paragraphs of `part` numbered on one level ("1.", "2.") start again at 1: 0 when any of its
    sections is numbered on two levels ("2.14"), whose numbering was kept."""
    numbering = outline.numbering.get(part)
    if numbering is None or any(len(number) > 1 for number in numbering.sections):
        return 0
    numbers = [int(found.group(1)) for para in outline.parts.get(part, ()) if (found := _ONE_LEVEL.match(para.text))]
    return sum(1 for before, after in zip(numbers, numbers[1:]) if after == 1 and before >= 1)


_ONE_LEVEL = re.compile(r"\s*(\d{1,2})\.(?!\d)")  # a paragraph numbered "1." or "12.Availability", not "1.1"


_THIS = re.compile(r"\s*,?\s*(?:of|in|under|to)\s+this\s+(?P<name>[A-Z]\w+)")
_OWN = re.compile(r"(?i)\s*(?:hereof|herein|hereunder|hereto|above|below)\b")  # in an amendment: the amendment's own


def check(outline: Outline) -> Iterator[Finding]:
    """DD206 on every paragraph but exhibit headings, and on glossary entries that point to a section.

    In an amendment of another agreement (`Outline.amends`), its section references mostly point into
    the agreement it amends, whose sections it quotes or names without saying so each time ("the financial
    covenants contained in Section 9.1"): a section, article or clause it does not have is
    the amended agreement's, unless the reference says it is the amendment's own ("Section 3 of this Amendment").
    """
    pointed: set[tuple[int | None, str]] = set()  # (paragraph, "Section 13.3") of each wrong glossary pointer
    unnumbered = _Unnumbered(outline)
    for finding, named in glossary.check(outline):
        pointed.add((finding.location.paragraph, named))
        if not unnumbered.holds(outline.paras[finding.location.paragraph - 1], named, finding):
            yield finding
    attached = {p.exhibit for p in outline.paras if p.exhibit}
    # "Exhibit B" when B-1 is attached, "Schedule 4" when 4(a) is; "Schedule 4(c)" wants 4(c), or a Schedule 4 whole
    whole = attached | {(kind, label.split("-")[0]) for kind, label in attached if "(" not in label}
    attached = whole | {(kind, label.split("-")[0].split("(")[0]) for kind, label in attached}
    all_sections = set().union(*(n.sections for n in outline.numbering.values()))
    self_names = outline.terms.self_names
    statutes = bool({"Code", "Regulations", "Treasury Regulations"} & outline.terms.known)  # cited by its sections
    clauses: dict[int, dict[tuple[int, ...], set[str]]] = {}  # instrument -> section -> its clauses' markers
    for (part, number), markers in _clauses(outline).items():
        clauses.setdefault(part, {})[number] = markers
    unattached: dict[str, list] = {}  # "Exhibit A" -> [the paragraph of its first reference, its words, how many]
    for para in outline.paras:
        if (para.exhibit or para.contents or not para.text.strip() or BARE_LABEL.fullmatch(para.text)
                or para.number in outline.inserted):
            continue  # a heading, the table of contents, a page's label ("Exhibit A-16"), another agreement's text
        info = outline.numbering.get(para.part, Numbering())
        main = outline.numbering.get(0, Numbering())
        sections = info.sections or all_sections
        renumbered = set()  # "this Section 1.01(C)" in Section 9.11: said once, not again as a missing clause
        for number, finding in _this_section(outline, para, sections):
            renumbered.add(f"Section {number}(")
            yield finding
        own = clauses.get(para.part) if info.sections else None
        found = _unresolved(para.text, info, sections, main, (attached, whole), self_names, own,
                            appended=outline.appended(para.part), statutes=statutes)
        for match, missing, attachment in found:
            if attachment is False and _a_terms_name(para.text, match, outline.terms.known):
                continue  # "a Section 510(b) Claim", defined: a term named after a statute's section
            where = context(para.raw, match.start(), match.end())
            if attachment is None:
                yield error("DD206", f'a malformed cross-reference: "{missing}" is no section number: {where}', outline.at(para))
            elif attachment:  # said once, at its first reference (a held-out measure: 45 findings, 23 attachments)
                if missing in unattached:
                    unattached[missing][2] += 1
                else:
                    unattached[missing] = [para, where, 1]
            elif outline.amends and not (para.part == 0 and (
                    (own_ref := _THIS.match(para.text, match.end())) and own_ref["name"] in self_names
                    or _OWN.match(para.text, match.end()))):
                continue  # the amended agreement's section (or, in an attachment, that of the agreement attached)
            elif (para.number, missing.split("(")[0]) not in pointed and not missing.startswith(tuple(renumbered)):
                # a wrong pointer is said once, by glossary
                finding = error("DD206", f"the text refers to {missing}, which this document does not have: {where}",
                                outline.at(para))
                if not unnumbered.holds(para, missing, finding):
                    yield finding
    yield from unnumbered.findings()
    if len(unattached) > 1 and not whole:  # nothing attached: the draft came without its attachments, said once
        (para, where, _), names = next(iter(unattached.values())), list(unattached)
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) <= 8 else ", ".join(names[:8]) + ", ..."
        yield warning("DD206", f"the text refers to {len(names)} attachments and none is attached to this document "
                      f"({listed}); the first reference: {where}", outline.at(para))
        return
    for missing, (para, where, times) in unattached.items():
        more = f" (the first of {times} references to it)" if times > 1 else ""
        yield warning("DD206", f"the text refers to {missing}, which is not attached to this document{more}: {where}",
                      outline.at(para))
