"""DD202: unrendered or empty template output: `{{`, `%}`, a stray "None", "[●]", "()", a bare "$".

Also a word processor's mail-merge field left unmerged ("Warrant No. 2020-«Warrant No»", anywhere: a
form's blanks are not merge fields), a note to the other side left in ("[NOTE TO DRAFT: ...]", "[NTD: ...]", "[Note
to Seller: ...]", anywhere), and a drafter's note standing for text ("[to be inserted]",
"[insert name of Grantor]"; left alone in attached forms and signature pages, like "[●]").

A figure written as X's ("within XX days", "$XXX", "XX%") is a placeholder
wherever "[●]" is one. A blank in brackets ("[__] days", "$[_____]") in the agreement itself is a
placeholder as "[●]" is, and so an amount left blank in a schedule of the
agreement's own ("$[_____]" of a purchaser's principal); in an exhibit or
annex (headed "Form of" or not: an acknowledgment to be signed later), a
schedule's other fields, and after a field's label ("By: [____]", "Date:
[____]") it is the signer's blank to fill.
Blanks that are meant to be there are left alone: "[●]" and "$ ____" in an
attached form (an instrument whose heading says "Form of") or on the
signature pages (after "IN WITNESS WHEREOF"), which are filled in at
signing, and a cell of an attached table that holds only "$"; "$ -" is
nil, not a missing amount; and "[***]" where the document's own legend says that information
was excluded (an SEC filing's redactions), its asterisks (two or more) in brackets or not ("*** INDICATES CERTAIN
CONFIDENTIAL PORTIONS ... OMITTED", "[**] = Portions of this exhibit have been omitted"). A "$" in quotation marks (the
sign "$" means dollars) is a sign, not a missing amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dealdocs.checks.text.common import context
from dealdocs.checks.text.outline import IN_WITNESS, Outline
from dealdocs.findings import Finding, error

_TEMPLATE = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}|\{#.{0,80}?#\}|\{\{|\}\}|\{%|%\}")
# "None" is English when it heads a clause ("None of the Purchasers shall ..."); anywhere else it is
# a value the template did not have ("payable to None and ...", "the sum of None Dollars").
_NONE = re.compile(
    r"(?<!\")\bNone\b(?!\")(?!\s+(?:of|shall|will|is|are|was|were|has|have|had|may|can|could|would|should|must|need|other|"
    r"such|thereof|hereof)\b)"
)
_PLACEHOLDER = re.compile(r"\[\s*[●•*]+\s*\]")
_XX = re.compile(r"\$\s?\[?X{2,}\b|(?<![\w-])X{2,}\]?\s*(?:%|percent\b|(?:business\s+|calendar\s+|trading\s+)?"
                 r"(?:days?|weeks?|months?|years?|hours?)\b)")
"""A number left as X's where a figure goes: "within XX days", "$XXX", "XX%" (a new user's trial); not "Article XX",
nor a redaction's "[XXX]" (no unit after it)."""
_FIELD = re.compile(r"(?i)\b(?:by|name|title|its|date|dated|address|attention|e-?mail|telephone|phone|fax)\s*:\s*\Z")
"""A signature block's or a notice's field label just before a bracketed blank ("By: [____]"): the signer's to fill."""
_SCHEDULE = re.compile(r"\s*(?:SCHEDULE|Schedule)\b")
_BRACKETED_BLANK = re.compile(r"\[\s*_{2,}\s*\]")  # "within [__] days", "$[_____]": in the agreement itself
# «Field»: a merge field's name, written without the spaces of a French quotation ("« texte »").
_MERGE_FIELD = re.compile(r"«(?=[A-Za-z_])[\w .#-]{1,40}(?<=[\w.#])»")
_DRAFTER_NOTE = re.compile(r"(?i)\[\s*(?:to\s+be\s+(?:inserted|provided|completed|determined|confirmed|added)|insert\b[^\[\]]{0,80}|tbd|tbc)\s*\]")
_NOTE_TO_DRAFT = re.compile(r"\[\s*(?i:note\s+to\s+(?:draft|drafter)s?\b|ntd\b|drafting\s+note\b|drafter[\u2019']?s\s+note\b)")
"""A drafter's note left in, anywhere: "[NOTE TO DRAFT-SECTION 6.9(b) WAS MODIFIED ...]", "[NTD: ...]", "[Drafter's
Note: ...]" (a held-out measure: twice in a filed loan agreement, not found)."""
_NOTE_TO_PARTY = re.compile(r"\[\s*(?i:note)(?:\s+(?i:to)\s+[\w&.,'\u2019 ]{1,40}?)?\s*[:\-\u2013\u2014]")
"""A note to a party or a client ("[Note to Seller: ...]", "[Note to Lender - ...]", "[Note: Borrower to confirm.]"):
left in an agreement, a drafter's; in an attached form, the form's instruction to whoever completes it, as "[insert
...]" is (a code review)."""
_INSTRUCTION = re.compile(r"(?i)\[\s*(?:insert|add|specify|describe)\b")  # "[insert name of Assignor]", not "[to be inserted]"
_REDACTION = re.compile(r"\[\s*\*+\s*\]")
_LEGEND = re.compile(r"(?i)\b(?:excluded|omitted|redacted|confidential\s+treatment)\b")
# The legend opens with its mark, or says it is one: "[***] indicates ...", "*** INDICATES CERTAIN CONFIDENTIAL
# PORTIONS ...", "Certain information, marked [***], has been excluded"; not a drafter's "*** Note to draft: ...".
_LEGEND_FORM = re.compile(r"(?i)\A\W*\[?\*{2,}\]?\s*(?:indicates|denotes|=|has\s+been|have\s+been|marks)"
                          r"|\b(?:marked|identified|indicated)\s+(?:by|with|as)?\s*[\"']?\s*(?:\[\s*\*+\s*\]|\*{2,})")
_EMPTY = re.compile(r"\(\s*\)|\(\s*(?:the\s+|a\s+|an\s+|each\s+)?\"\s*\"\s*\)|\"\"")
_BARE_DOLLAR = re.compile(r"(?<!\")\$(?!\s*(?:\d|\.\d|\.?_|\[|\{|X{2,}|-+\s*$)|\")")  # "$ -" is nil; "$XXX", a placeholder (_XX)
_EMPTY_CELL = re.compile(r"\s*\$[\s*-]*")
_LABEL_BLANK = re.compile(r":\s*\$\s*$")
_ANSWER_NONE = re.compile(r"\s*(?:[\u00b7\u2022*\u25cf-]\s*)?None\.?\s*")  # "None", "· None": an answer ("Schedule III: None")
# ... or, ending the paragraph, the answer to a label that asks for things of a kind, its first or last word a plural
# ("(f) Tradenames: None", "Changes in Location ... in the last 5 years: None", "Permitted Liens: None": a schedule's
# disclosure); a label asking for one value ("Attention: None", "Address: None", "Tel. No.: None") is a value missing
_PLURAL = r"[A-Za-z]*[a-hj-rtv-z]s\b"  # "Tradenames", "Liens"; not "Address", "Status", "Basis"
_ANSWERED_NONE = re.compile(rf"(?:\A|\)|[.;]\s)\s*(?:[A-Z]{_PLURAL}[^:;()]{{0,100}}|[A-Z][^:;()]{{0,100}}\b{_PLURAL}):\s*None\.?\s*\Z")


def _a_cell(text: str, match: re.Match[str]) -> bool:
    """Whether `match` is the whole of a Markdown table's cell ("| None |"): a column's answer (a new user's trial: the
    closing checklist's Exhibits column, linted, was "None stands where a value should be")."""
    return text[: match.start()].rstrip(" ").endswith("|") and text[match.end() :].lstrip(" ").startswith("|")


def _blanks_intended(outline: Outline) -> set[int]:
    """The paragraphs (by number) of attached forms and signature pages, whose blanks are filled in at signing: a form
    by its heading ("Form of"), or an attachment that tells whoever completes it what to write ("[insert account
    details]": a second holdout's schedules of notices to fill in, not headed "Form of")."""
    forms = outline.forms | {part for part, paras in outline.parts.items()
                             if part and any(_INSTRUCTION.search(p.text) for p in paras if "[" in p.text)}
    found: set[int] = set()
    signing: set[int] = set()  # parts whose signature pages have begun
    for para in outline.paras:
        if para.story == "body" and IN_WITNESS.match(para.text):
            signing.add(para.part)
        if para.part in forms or para.part in signing:
            found.add(para.number)
    return found


def check(outline: Outline) -> Iterator[Finding]:
    """One finding per paragraph and kind of leftover, quoting the first and counting the rest."""
    intended = _blanks_intended(outline)
    # the attachments a bracketed blank is meant in: an exhibit or annex (to be signed later), not a schedule of the
    # agreement's own (its purchasers and amounts, filled in at signing: a new user's trial)
    exhibits = {part for part, paras in outline.parts.items() if part and not _SCHEDULE.match(paras[0].text)}
    # the filing's legend: "[***] indicates that information has been excluded", or "*** INDICATES ... OMITTED"
    legend = any(("**" in p.text or "[" in p.text and _REDACTION.search(p.text)) and _LEGEND_FORM.search(p.text)
                 and _LEGEND.search(p.text) for p in outline.paras)
    for para in outline.paras:
        text = para.text
        # an attachment's empty cell ("$ -") or label to fill in ("Amount of Wire: $") is a blank of its form
        blanks = para.number in intended or (para.part > 0 and bool(_EMPTY_CELL.fullmatch(text) or _LABEL_BLANK.search(text)))
        # an exhibit's bracketed blanks are its own; a schedule's too, but for an amount ("$[____]")
        attached = blanks or (para.part > 0 and (para.part in exhibits or "$[" not in text))
        for what, start, end, count in _left_in(text, attached, blanks, legend):
            more = f" (and {count - 1} more in this paragraph)" if count > 1 else ""
            yield error("DD202", f"{what}: {context(para.raw, start, end)}{more}", outline.at(para))


@lru_cache(maxsize=16384)  # a deal's notes repeat their paragraphs word for word
def _left_in(text: str, attached: bool, blanks: bool, legend: bool) -> tuple[tuple[str, int, int, int], ...]:
    """Each kind of leftover in a paragraph of `text`: (what, where the first starts and ends, how many); `blanks`:
    the paragraph is a form's, whose blanks are meant; `attached`: it is a form's or an attachment's, whose
    bracketed blanks are; `legend`: the document explains its "[***]"."""
    placeholders = [] if blanks or "[" not in text else [m for m in _PLACEHOLDER.finditer(text) if not (legend and _REDACTION.fullmatch(m.group()))]
    if not blanks and ("[" in text or "XX" in text):
        blank = [*_XX.finditer(text)] if "XX" in text else []
        if "[" in text:
            blank += _DRAFTER_NOTE.finditer(text)
            blank += [] if attached else [m for m in _BRACKETED_BLANK.finditer(text) if not _FIELD.search(text, 0, m.start())]
        placeholders = sorted([*placeholders, *blank], key=lambda m: m.start())
    kinds: list[tuple[str, list[re.Match[str]]]] = [
        ("template code left in the text", list(_TEMPLATE.finditer(text)) if "{" in text or "}" in text else []),
        ('"None" stands where a value should be', [] if "None" not in text or _ANSWER_NONE.fullmatch(text) else
         [m for m in _NONE.finditer(text) if (m.end() < len(text.rstrip(". ")) or not _ANSWERED_NONE.search(text))
          and not _a_cell(text, m)]),
        ("a placeholder is left unfilled", placeholders),
        ("a mail-merge field is left unmerged", list(_MERGE_FIELD.finditer(text)) if "«" in text else []),
        ("a drafter's note to the other side is left in", [] if "[" not in text else sorted(
            [*_NOTE_TO_DRAFT.finditer(text), *([] if blanks else _NOTE_TO_PARTY.finditer(text))], key=lambda m: m.start())),
        ("empty parentheses or quotation marks: a value is missing", list(_EMPTY.finditer(text)) if "(" in text or '""' in text else []),
        ('a "$" with no amount after it', [] if blanks or "$" not in text else list(_BARE_DOLLAR.finditer(text))),
    ]
    return tuple((what, matches[0].start(), matches[0].end(), len(matches)) for what, matches in kinds if matches)
