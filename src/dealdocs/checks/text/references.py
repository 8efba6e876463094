"""DD206: a cross-reference to a section, article, clause or exhibit the document does not have.

"Section 2.14", "Sections 3.1 and 3.2", "Article IV", "Exhibit A" and
"clause (ii)" are checked against the document's own numbering, exhibit
headings and list markers. A reference followed by "of"/"to"/"under" the name
of another document ("Article IV of the Purchase Agreement", "Section 4(2) of
the Act") points elsewhere and is not checked. An exhibit or schedule
referred to but not attached is a warning, not an error: a deal's exhibits
are often separate files of the same closing set, and disclosure schedules
are routinely delivered apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dealdocs.checks.text.common import context, roman_value, strip_possessive
from dealdocs.checks.text.outline import Numbering, Outline
from dealdocs.findings import Finding, error, warning

_NUM = r"\d{1,3}(?:\.\d{1,3})*[A-Z]?(?:\([a-zA-Z0-9]{1,5}\))*(?![\w]|\.\d)"
_LIST_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|through\s+|to\s+|-\s*|\u2013\s*)"
_SECTION_REF = re.compile(rf"\b(?P<kind>Sections?)\s+(?P<list>{_NUM}(?:{_LIST_JOIN}{_NUM})*)")
_STATUTE_BEFORE = re.compile(r"(?:Act|Code|Law|Laws|Regulations?|Rules?|Treasury)\s*$")
_ARTICLE_REF = re.compile(r"\b(?P<kind>Articles?)\s+(?P<list>(?:[IVXLC]+|\d{1,3})\b(?:" + _LIST_JOIN + r"(?:[IVXLC]+|\d{1,3})\b)*)")
_EXHIBIT_REF = re.compile(
    r"\b(?P<kind>Exhibits?|Schedules?|Annex(?:es)?|Appendix|Appendices)\s+"
    r"(?P<list>(?:[A-Z]{1,2}|\d{1,3})(?:-\d+)?(?!\w|\.\d)(?:" + _LIST_JOIN + r"(?:[A-Z]{1,2}|\d{1,3})(?:-\d+)?(?!\w|\.\d))*)"
)
_CLAUSE_REF = re.compile(
    r"\bclauses?\s+(?P<list>\([a-zA-Z0-9]{1,5}\)(?:\s*(?:,|and/or|and|or|through|to)\s*(?:and\s+|or\s+)?\([a-zA-Z0-9]{1,5}\))*)"
)
_ELSEWHERE = re.compile(
    r"\s*,?\s*(?:of|to|in|under)\s+(?:the\s+|such\s+|that\s+|any\s+|an?\s+|each\s+)?(?P<name>(?:[A-Z0-9][\w'.-]*\s*){1,6})"
)
_ELSEWHERE_COMMON = re.compile(r"\s*(?:of|to|in|under)\s+(?:the|such|that|any|each)\s+[a-z]")
_WITHIN_ANOTHER = re.compile(r"\s+(?:of|in)\s+(?:Section|Article|the|this|such|that)\b")


def _points_elsewhere(text: str, end: int, self_names: set[str]) -> bool:
    """True when the reference ending at `end` names another document ("of the Purchase Agreement")."""
    match = _ELSEWHERE.match(text, end)
    if not match:
        return bool(_ELSEWHERE_COMMON.match(text, end))
    name = " ".join(strip_possessive(w) for w in match["name"].split())
    return not any(name == own or name.startswith(own + " ") for own in self_names)


def _unresolved(
    text: str, info: Numbering, sections: set[tuple[int, ...]], attached: set, self_names: set[str]
) -> Iterator[tuple[re.Match[str], str, bool]]:
    """(reference, what it names, whether that is an attachment) for each thing the document lacks."""
    for match in _SECTION_REF.finditer(text):
        if _points_elsewhere(text, match.end(), self_names) or _STATUTE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        listed = re.sub(r"\([^)]*\)", "", match["list"])
        for number in re.findall(r"\d{1,3}(?:\.\d{1,3})*", listed):  # "409A" is checked as 409
            if tuple(int(n) for n in number.split(".")) not in sections:
                yield match, f"Section {number}", False
    for match in _ARTICLE_REF.finditer(text):
        if _points_elsewhere(text, match.end(), self_names):
            continue
        articles = info.articles or {s[0] for s in sections}
        for token in re.findall(r"[IVXLC]+|\d{1,3}", match["list"]):
            value = int(token) if token.isdigit() else roman_value(token)
            if value and value not in articles:
                yield match, f"Article {token}", False
    for match in _EXHIBIT_REF.finditer(text):
        if _points_elsewhere(text, match.end(), self_names):
            continue
        kind = match["kind"].lower().rstrip("s")
        kind = {"annexe": "annex", "appendice": "appendix"}.get(kind, kind)
        for token in re.findall(r"[A-Z]{1,2}|\d{1,3}", match["list"]):
            if (kind, token) not in attached:
                yield match, f"{kind.capitalize()} {token}", True
    for match in _CLAUSE_REF.finditer(text):
        if _WITHIN_ANOTHER.match(text, match.end()):
            continue
        for marker in re.findall(r"\([a-zA-Z0-9]{1,5}\)", match["list"]):
            if marker not in info.markers:
                yield match, f"clause {marker}", False


def check(outline: Outline) -> Iterator[Finding]:
    """DD206 on every paragraph but exhibit headings."""
    attached = {p.exhibit for p in outline.paras if p.exhibit}
    all_sections = set().union(*(n.sections for n in outline.numbering.values()))
    self_names = outline.terms.self_names
    for para in outline.paras:
        if para.exhibit or not para.text.strip():
            continue
        info = outline.numbering.get(para.part, Numbering())
        for match, missing, attachment in _unresolved(para.text, info, info.sections or all_sections, attached, self_names):
            where = context(para.raw, match.start(), match.end())
            if attachment:
                yield warning(
                    "DD206", f"the text refers to {missing}, which is not attached to this document: {where}", outline.at(para)
                )
            else:
                yield error("DD206", f"the text refers to {missing}, which this document does not have: {where}", outline.at(para))
