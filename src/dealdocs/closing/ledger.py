"""The closing ledger: who has signed what, whose money has arrived, which deliverables are done.

`deals/<deal>.closing.yaml`, beside the term sheet, is written by the lawyer and
kept in git:

    signed:           # one entry per signer and document; the version from the packet's cover, if you like
      - {signer: Elena Marsh, document: note-purchase-agreement, version: 5950d725}
    funds_received:   # one entry per wire (a subscription in two wires: two entries)
      - {purchaser: Harborview, amount: "1,000,000.00", date: 2026-03-03}
    done:             # deliverables of the closing checklist, by name; the date is optional
      - {deliverable: officers-certificate, date: 2026-03-04}
    not_needed:       # a deliverable "if needed" that this deal does not need
      - {deliverable: stockholder-consent, reason: no preferred stock; the charter requires no vote}

A signature may give the version of its document beside the page signed, as the
packet's cover prints it: a build compares it with the document it builds, and
a page signed on a version since changed counts as outstanding (DD515). A
signature recorded without one is taken as signed on the last build's version,
which the build record keeps from build to build (`ClosingLedger.remembering`).

A ledger is untrusted input, read as a term sheet is (`termsheet.loader`: a
position for every key, duplicate keys, refused tags, size bounds, unknown keys
with a suggestion: codes DD0xx); an empty file is an empty ledger. Then each
entry is checked against the deal: signers and documents are those of
`closing.signatures`, purchasers are named by legal or short name, amounts are
exact (Decimal) and a purchaser's wires (one entry each) must total its
subscription, or fall short of it only with the reason the shortfall is
accepted (an intermediary bank's fee), deliverables are those of
`closing.deliverables`. A date in the future is an error, since the ledger
records what has happened, and the clock is the caller's (`today`), so the
same ledger checks the same way in a test. Funds dated before the deal's
first agreement are a warning: an early wire happens, but the date is more
often a typo, and the funds were then held outside the agreement's terms.
An entry with an error records nothing (`LedgerError.in_part`: what the others
record): its page, wire or deliverable stays outstanding until it is fixed.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD500 | error    | the closing ledger beside the term sheet is no file to read: a link to nothing or back to itself, a folder, a named pipe (it was taken for no ledger yet, and what it records for unrecorded) |
| DD501 | error    | a signer who signs no document of the deal (the nearest name is suggested); a name the term sheet does not hold says so (a party taken out of the deal: its entries go too) |
| DD502 | error    | a document the deal does not call for (the nearest name is suggested) |
| DD503 | error    | a signer recorded for a document they do not sign (the document's signers are named) |
| DD504 | error    | a name that fits more than one signer of the document (the names that fit one each are suggested) |
| DD505 | error    | the same signature or deliverable recorded twice (a purchaser's funds recorded twice are a total over its subscription: DD507) |
| DD506 | error    | funds from a purchaser the deal does not have (the nearest name is suggested), or a name that fits two |
| DD507 | error    | funds received (the total of a purchaser's wires) that differ from its subscription, to the cent, unless a shortfall of up to $250.00 (the banks' fees) is accepted (`short_accepted`) or the rest is still to come (`rest_to_come`, DD518) |
| DD508 | error    | a date after today: the ledger records what has happened |
| DD509 | error    | a deliverable the closing checklist does not list (the nearest name is suggested) |
| DD510 | error    | a deliverable marked not needed that is not one "if needed", or marked both done and not needed |
| DD511 | warning  | funds received before the deal's first agreement is dated |
| DD512 | error    | funds received after the escrow's outside date, when the escrow agreement sends them back |
| DD513 | warning  | the release notice recorded signed while a purchaser's funds are not recorded received |
| DD514 | warning  | a deliverable recorded done after the day the checklist gives it as due (a Form D after its 15 days, a UCC-1 after the escrow's release) |
| DD515 | warning  | a page recorded signed on a version of its document other than the one built now: the document changed after it was signed, so the page is signed again (check and build say it; a build counts the signature outstanding); a page recorded without its version is taken as signed on the last build's version when it was first counted |
| DD516 | error    | a version recorded for a signature that is not one: a packet's cover gives 8 hexadecimal digits |
| DD517 | warning  | a purchaser's wires short of its subscription, accepted as payment of it (`short_accepted`: an intermediary bank's fee): the amount short and why, said at each check |
| DD518 | warning  | a purchaser's wires recorded so far short of its subscription, the rest still to come (`rest_to_come`): the amount received and the amount outstanding, said at each check; its funds count as outstanding |
| DD519 | warning  | the escrow's outside date passed with signatures or funds recorded and the release notice not recorded signed by all: the escrow agent returns the funds (Escrow Agreement, Section 1.7), and the note purchase agreement has terminated, unless the date was extended |
| DD529 | warning  | the release notice given its date in the term sheet (`escrow.release_date`) while the ledger records some of its signatures outstanding |
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

from pydantic import Field, ValidationError, field_validator

from dealdocs.closing.deliverables import Deliverable, deliverables_for
from dealdocs.closing.kinds import DocumentSpec, documents_for, slugify
from dealdocs.closing.signatures import Signature, signatures, surnames, unique_name
from dealdocs.errors import LedgerError, TermSheetError, what_is_at
from dealdocs.findings import Finding, Location, error, has_errors, sort_findings, warning
from dealdocs.termsheet.loader import KeyPath, TermSheetSource, follows_from, read_source, texts_in, validate_as
from dealdocs.termsheet.base import Model, plain_name
from dealdocs.termsheet.model import Deal, Purchaser
from dealdocs.termsheet.values import IsoDate, Money, Text
from dealdocs.words import amount_figures, join_and, join_or, long_date

SUFFIX = ".closing.yaml"
_MOST_FEES = Decimal("250.00")  # a wire short by up to this may be accepted as paid in full (the banks' fees)
_VERSION = re.compile(r"[0-9A-Fa-f]{8,64}")  # a document's digest, as much of it as its packet's cover gives, or more


# ---------------------------------------------------------------- the file


class Signed(Model):
    signer: Text = Field(description="the person who signed, or the party they signed for")
    document: Text = Field(description="the document's name, e.g. note-purchase-agreement")
    version: Text | None = Field(None, description="the document's version beside the page signed, as the signature "
                                 "packet's cover gives it (8 hexadecimal digits): a build then says when the document "
                                 "has changed since it was signed")
    date: IsoDate | None = Field(None, description="the day the signed page came back (a new user's trial: lawyers log "
                                 "it); not after today")


class FundsReceived(Model):
    purchaser: Text = Field(description="the purchaser's legal name or short name")
    amount: Money = Field(description="the amount of this wire: the purchaser's subscription, to the cent, or a part "
                          "of it (the wires from one purchaser, one entry each, total its subscription)")
    date: IsoDate
    short_accepted: Text | None = Field(None, description="why wires short of the subscription are accepted as "
                                        "payment of it, and by whom (an intermediary bank's fee, which the company "
                                        "accepts); without it they must total the subscription to the cent")
    rest_to_come: bool = Field(False, description="true when the wires recorded so far are part of the subscription "
                               "and the rest is still to come: its funds count as outstanding, said at each check, "
                               "until they total it")


class Done(Model):
    deliverable: Text = Field(description="the deliverable's name, as the closing checklist gives it")
    date: IsoDate | None = None


class NotNeeded(Model):
    deliverable: Text
    reason: Text = Field(description="why this deal does not need it")


class LedgerFile(Model):
    """The closing ledger as written: every section optional."""

    signed: list[Signed] = Field(default_factory=list)
    funds_received: list[FundsReceived] = Field(default_factory=list)
    done: list[Done] = Field(default_factory=list)
    not_needed: list[NotNeeded] = Field(default_factory=list)

    @field_validator("signed", "funds_received", "done", "not_needed", mode="before")
    @classmethod
    def _empty_section(cls, value: Any) -> Any:
        """`signed:` with nothing under it is an empty list, not an error."""
        return [] if value is None else value


# ---------------------------------------------------------------- what it records


@dataclass(frozen=True)
class Received:
    amount: Decimal  # the wires' total
    date: date  # of the last wire: the funds are in when all of it is
    short: Decimal = Decimal("0.00")  # short of the subscription, accepted (`short_accepted`)
    reason: str | None = None  # why the shortfall is accepted


@dataclass(frozen=True)
class ClosingLedger:
    """What the ledger records, resolved against the deal; `display` is None when there is no ledger yet."""

    display: str | None = None
    signed: frozenset[Signature] = frozenset()
    funds: dict[int, Received] = field(default_factory=dict)  # purchaser's index in the term sheet -> receipt
    done: dict[str, date | None] = field(default_factory=dict)  # deliverable's name -> the date, when given
    not_needed: dict[str, str] = field(default_factory=dict)  # deliverable's name -> why
    findings: list[Finding] = field(default_factory=list)  # warnings: the errors are raised
    raw: bytes = b""  # the file's bytes, as read (what the build record's hash is of)
    versions: dict[Signature, tuple[str, Location]] = field(default_factory=dict)  # the version signed, where written
    in_part: dict[int, Received] = field(default_factory=dict)  # purchaser's index -> its wires so far, the rest to come
    unversioned: dict[Signature, Location] = field(default_factory=dict)  # recorded signed with no version, where
    remembered: frozenset[Signature] = frozenset()  # of those, the ones whose version a build remembered (`remembering`)
    signed_dates: dict[Signature, date] = field(default_factory=dict)  # the day each page came back, where given

    @property
    def records_nothing(self) -> bool:
        """Whether it records no signature, no funds and nothing done: no ledger yet, or one begun empty."""
        return not (self.signed or self.funds or self.in_part or self.done)

    @property
    def accepted_short(self) -> Decimal:
        """What the wires received and accepted short of their subscriptions (`short_accepted`) fall short by, together."""
        return sum((received.short for received in self.funds.values()), Decimal("0.00"))

    def remembering(self, first_counted: Mapping[tuple[str, str], str], last_built: Mapping[str, str],
                    ) -> ClosingLedger:
        """This ledger with a version for each signature recorded without one: the version of its document a build
        first counted it on (`first_counted`, the build record's `signed_on`: (document, signer) -> the document's
        SHA-256), else the version of the last build (`last_built`: name -> SHA-256), whose packets are the ones
        signed (documents not yet built are sent to no one). A page so recorded is then outstanding once its document
        changes, as one recorded with its version is (a new user's trial: it kept counting, whatever the document
        became; a second trial: recorded, then the term sheet changed before the next build, it was counted on the
        new version)."""
        found = {}
        for signature, where in self.unversioned.items():
            version = first_counted.get(signature_key(signature)) or last_built.get(signature.document)
            if version:
                found[signature] = (version[:VERSION_DIGITS], where)
        if not found:
            return self
        return replace(self, versions={**self.versions, **found}, remembered=frozenset(found))

    def first_counted(self, earlier: Mapping[tuple[str, str], str], last_built: Mapping[str, str],
                      digests: Mapping[str, str]) -> dict[tuple[str, str], str]:
        """What a build records as `signed_on`: for each signature recorded without a version, the version of its
        document the `earlier` build first counted it on, else the version the last build made (`last_built`), else,
        with no build before, the one built now (`digests`: name -> SHA-256)."""
        counted = {}
        for signature in self.unversioned:
            key = signature_key(signature)
            version = earlier.get(key) or last_built.get(signature.document) or digests.get(signature.document)
            if version:
                counted[key] = version
        return counted


VERSION_DIGITS = 8  # hex digits of a document's version as a packet's cover prints it (and signers.json, the ledger)


def signature_key(signature: Signature) -> tuple[str, str]:
    """How a build record names a signature: (document, signer); not by the party, whose name a change of the term
    sheet may change with the document (a code review: a party renamed was a signature counted anew, on the new
    version). One person signing a document for two parties signs one version of it."""
    return signature.document, signature.signer


def superseded(ledger: ClosingLedger, digests: Mapping[str, str]) -> list[tuple[Signature, str, Location]]:
    """The signatures recorded on a version of their document other than the one `digests` gives (document name ->
    the SHA-256 of its .docx as built, in hexadecimal): each with the version signed and where the ledger says so.
    A document `digests` does not give is not judged."""
    return [(signature, version, where) for signature, (version, where) in ledger.versions.items()
            if signature.document in digests and not digests[signature.document].startswith(version)]


def superseded_findings(ledger: ClosingLedger, digests: Mapping[str, str]) -> list[Finding]:
    """DD515 for each signature `superseded` finds; a version that is another document's is said to be (a new
    user's slip: the escrow agreement's version recorded against the purchase agreement read as a change)."""
    findings = []
    for signature, version, where in superseded(ledger, digests):
        now = digests[signature.document][:len(version)]
        others = sorted(name for name, digest in digests.items() if name != signature.document and digest.startswith(version))
        if signature in ledger.remembered:
            message = (f"{signature.signer} signed {signature.document}, recorded without its version, so taken as "
                       f"signed on the version built when it was first counted, {version}; the document is now version "
                       f"{now}: it changed since, so the signature counts as outstanding; have the page signed again "
                       f"from the new packet and give its version in this entry (version: {now}, as the packet's cover "
                       "prints it), or, if the page signed was of this version, give that")
        elif others:
            message = (f"{signature.signer} signed {signature.document} on version {version}, which is the version of "
                       f"{others[0]}, not of {signature.document} (now version {now}): record the version the packet's "
                       "cover gives beside this document; until then its signature counts as outstanding")
        else:
            message = (f"{signature.signer} signed {signature.document} on its version {version}, but the document is "
                       f"now version {now}: it changed after it was signed, so its signature counts as outstanding; "
                       "have the page signed again from the new packet and record that version")
        findings.append(warning("DD515", message, where))
    return findings


def ledger_path(term_sheet: Path) -> Path:
    """deals/acme.yaml -> deals/acme.closing.yaml."""
    return term_sheet.with_name(term_sheet.stem + SUFFIX)


def _some(names: list[str]) -> str:
    """Up to four names joined ("A, B and C"); more, the first three and how many others ("A, B, C and 5 more")."""
    return join_and(names) if len(names) <= 4 else f"{', '.join(names[:3])} and {len(names) - 3:,} more"


def ledger_shown(display: str) -> str:
    """The ledger's path as the user reads it, beside the term sheet as shown (`display`)."""
    return str(ledger_path(Path(display)))


def is_ledger(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def term_sheet_of(ledger: Path) -> Path:
    """deals/acme.closing.yaml -> deals/acme.yaml."""
    return ledger.with_name(ledger.name.removesuffix(SUFFIX) + ".yaml")


def load_ledger(path: Path, deal: Deal, *, today: date, display: str | None = None) -> ClosingLedger:
    """The ledger at `path` checked against `deal`; an empty ClosingLedger when there is no file.

    Raises LedgerError with every finding (errors and warnings) when any is an error.
    """
    there = what_is_at(path)
    if there is None:
        return ClosingLedger()
    shown = display or str(path)
    if there != "a file":  # a hostile sweep: a ledger linked to itself was "no closing ledger yet"
        raise LedgerError(f"{shown} is {there}", [error(
            "DD500", f"the closing ledger is {there}, not a file to read: what it records is unknown; put the ledger "
            "file itself here, or remove it", Location(file=shown))])
    try:
        source = read_source(path, display, noun="closing ledger",
                             keys_hint="signed:, funds_received:, done:, not_needed:", empty_ok=True)
    except TermSheetError as exc:
        raise LedgerError(str(exc), exc.findings) from None
    refused: list[Finding] = []
    try:
        written = validate_as(source, LedgerFile)
    except TermSheetError as exc:  # the entries that can be read are still checked, all at once
        written = _in_part(source, exc.findings)
        if written is None:
            raise LedgerError(str(exc), exc.findings) from None
        refused = exc.findings
    ledger, findings = _Resolver(deal, source, today).resolve(written)
    findings = sort_findings(refused + findings)
    recorded = replace(ledger, display=source.display, findings=findings, raw=source.raw)
    if has_errors(findings):
        raise LedgerError(f"{source.display} has {sum(f.is_error for f in findings)} problem(s)", findings, recorded)
    return recorded


def _in_part(source: TermSheetSource, findings: list[Finding]) -> LedgerFile | None:
    """The ledger with each entry that has a problem (`findings`) or does not read as its kind None, in its place
    (the others keep their lines), and a section that is not a list one None entry; None when the file itself is
    not a set of sections. Its other entries are then checked with the problems, not after they are fixed."""
    if not isinstance(source.data, dict):
        return None
    keys = {f.location.key or "" for f in findings}
    if "" in keys:
        return None
    sections: dict[str, list[Any]] = {}
    for name, info in LedgerFile.model_fields.items():
        entries = source.data.get(name)
        if not isinstance(entries, list):
            sections[name] = [] if entries is None else [None]
            continue
        kind = get_args(info.annotation)[0]
        sections[name] = []
        for index, entry in enumerate(entries):
            if follows_from(f"{name}[{index}]", keys):  # a problem in the entry, already said
                sections[name].append(None)
                continue
            try:
                sections[name].append(kind.model_validate(entry))
            except ValidationError:
                sections[name].append(None)
    return LedgerFile.model_construct(**sections)


# ---------------------------------------------------------------- checking entries against the deal


def _suggest(given: str, choices: list[str], what: str, others: Sequence[str] = ()) -> str:
    """" (did you mean X?)", else the choices listed when few; a word of a name (a surname: "Alvarez") suggests the
    names among `choices` and `others` (a joint holder's own) that hold it (a new user's trial: no suggestion)."""
    written = slugify(given)  # "Form D" for form-d, "Escrow Agreement" for escrow-agreement
    if written != given and written in choices:
        return f" (did you mean {written}?)"
    word = re.compile(rf"(?<!\w){re.escape(given.strip())}(?!\w)", re.IGNORECASE) if len(given.strip()) > 2 else None
    holding = [name for name in dict.fromkeys([*others, *choices]) if word and word.search(name)]
    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
    if close and len(holding) < 2:  # a surname two trustees share names neither alone (a new user's trial)
        return f" (did you mean {close[0]}?)"
    if 0 < len(holding) <= 3:  # names holding commas are told apart by semicolons
        return f" (did you mean {'; or '.join(holding) if any(',' in n for n in holding) else join_or(holding)}?)"
    listed = "; ".join(choices) if any("," in choice for choice in choices) else ", ".join(choices)  # names hold commas
    return f"; the deal's {what}: {listed}" if len(choices) <= 12 else ""


def _names_of(purchaser: Purchaser) -> list[str]:
    """What a ledger may call a purchaser's funds by: its legal or short name, or, for joint holders or a trust,
    the name of a holder or a trustee (their wire comes from one of them: "Robert Albrecht" for the Albrechts); a
    person buying in their own name, also "Ruth A. Calloway, individually" (she may be a trustee of another)."""
    names = [purchaser.name, *([purchaser.short_name] if purchaser.short_name else [])]
    if purchaser.is_individual and purchaser.name:
        names.append(f"{purchaser.name}, individually")
    if purchaser.joint is not None:
        names += [holder.name for holder in purchaser.joint.holders]
    if purchaser.trust is not None:
        names += [purchaser.trust.name, *purchaser.trust.trustees]
    return [name for name in names if name]


def _either(names: list[str | None]) -> str:
    """"'Calloway Trust' or 'Ruth A. Calloway, individually'": names holding commas, each quoted."""
    return join_or(f"'{name}'" for name in names if name)


def _unique_name(purchasers: list[Purchaser], index: int) -> str | None:
    """A name of purchaser `index` that names no other purchaser (its short name, legal name, or "..., individually")."""
    others = {plain_name(name) for i, p in enumerate(purchasers) if i != index for name in _names_of(p)}
    purchaser = purchasers[index]
    candidates = [purchaser.short_name, purchaser.name, *([f"{purchaser.name}, individually"] if purchaser.is_individual else [])]
    return next((name for name in candidates if name and plain_name(name) not in others), None)


_NUMBERED = re.compile(r"(.+?)-(?:no-?)?([0-9]{1,6})")


def _document_hint(given: str, specs: list[DocumentSpec]) -> str:
    """What a document name not of the deal most likely means: a note by its number (a note's kind and "-1" is
    Note No. 1, whoever's it is: spelling alone pointed at Chen's, Note No. 3), the notes of a kind
    named without saying which, else the nearest spelling (`_suggest`)."""
    numbered = _NUMBERED.fullmatch(given)
    if numbered:
        for spec in specs:
            if spec.kind.name == numbered.group(1) and spec.number == int(numbered.group(2)):
                return f" (did you mean {spec.name}, No. {spec.number}?)"
    several = [spec for spec in specs if spec.kind.name == given and spec.number is not None]
    if several:
        named = ", ".join(f"{spec.name} (No. {spec.number})" for spec in several[:12])
        return f": say which: {named}" + (f" and {len(several) - 12:,} more" if len(several) > 12 else "")
    return _suggest(given, [spec.name for spec in specs], "documents")


class _Resolver:
    """Matches each ledger entry to the deal's signatures, purchasers and deliverables, collecting findings."""

    def __init__(self, deal: Deal, source: TermSheetSource, today: date):
        self.deal, self.source, self.today = deal, source, today
        self.findings: list[Finding] = []
        self.signatures = signatures(deal)
        self.surnames = {s.signer: surnames(s.signer) for s in self.signatures}  # each signer's, found once
        self.specs = documents_for(deal)
        self.documents = [spec.name for spec in self.specs]
        self.deliverables: dict[str, Deliverable] = {d.name: d for d in deliverables_for(deal)}
        self.first_lines: dict[Any, int] = {}  # what was recorded -> the line of its first entry
        self.recorded: set[int] = set()  # the purchasers whose funds are recorded, right or wrong
        self.in_part: dict[int, Received] = {}  # the purchasers' wires recorded so far, the rest to come (DD518)
        self.parts_flagged = False  # some entry says rest_to_come (DD507 then does not ask for it)
        self.late: set[int] = set()  # the purchasers with a wire after the escrow's outside date (DD512)
        self.term_sheet_text: str | None = None  # its values, read when a signer is no one's (`in_term_sheet`)

    def resolve(self, written: LedgerFile) -> tuple[ClosingLedger, list[Finding]]:
        """What the ledger records, and the findings on it; an entry that is None (`_in_part`: it has a problem
        already said) is passed over."""
        signed: set[Signature] = set()
        versions: dict[Signature, tuple[str, Location]] = {}
        unversioned: dict[Signature, Location] = {}
        signed_dates: dict[Signature, date] = {}
        for index, entry in enumerate(written.signed):
            if entry is None or (signature := self.signature(index, entry)) is None:
                continue
            dated = self.not_future(("signed", index, "date"), entry.date)
            version = None if entry.version is None else self.version(index, entry.version)
            if not dated or (entry.version is not None and version is None):  # an entry with an error counts for
                continue  # nothing, as a wire's (a new user's trial: a page dated 2099 was counted signed, DD508 said)
            signed.add(signature)
            if entry.date is not None:
                signed_dates[signature] = entry.date
            if version is None:
                unversioned[signature] = self.source.location(("signed", index))
            else:
                versions[signature] = version
        wires: dict[int, list[tuple[int, FundsReceived]]] = {}  # purchaser's index -> (entry's index, entry), each wire
        self.parts_flagged = any(r is not None and r.rest_to_come for r in written.funds_received)
        for index, receipt in enumerate(written.funds_received):
            if receipt is not None and (purchaser := self.funds(index, receipt)) is not None:
                wires.setdefault(purchaser, []).append((index, receipt))
        funds = {purchaser: received for purchaser, entries in wires.items()
                 if (received := self.total(purchaser, entries)) is not None}
        done = {e.deliverable: e.date for i, e in enumerate(written.done)
                if e is not None and self.deliverable(("done", i), e.deliverable, e.date)}
        not_needed = {e.deliverable: e.reason for i, e in enumerate(written.not_needed)
                      if e is not None and self.deliverable(("not_needed", i), e.deliverable, None) and self.may_skip(i, e, done)}
        if None not in written.funds_received:  # which funds are in is known only when every receipt reads
            self.released_early(written, signed)
        self.past_outside_date(signed, [entry for i, entries in wires.items() if i in funds or i in self.in_part
                                        for _, entry in entries])  # a purchaser's wires in error: said already
        self.dated_unsigned(signed)
        # funds with a wire the escrow sends back (DD512) are not received (status counted them beside the error)
        funds = {i: received for i, received in funds.items() if i not in self.late}
        in_part = {i: received for i, received in self.in_part.items() if i not in self.late}
        return ClosingLedger(signed=frozenset(signed), funds=funds, done=done, not_needed=not_needed,
                             versions=versions, in_part=in_part, unversioned=unversioned,
                             signed_dates=signed_dates), self.findings

    def released_early(self, written: LedgerFile, signed: set[Signature]) -> None:
        """DD513: a document signed only at the release of escrow (the release notice) recorded signed while a
        purchaser's funds are not recorded received: the escrow agent releases only what it holds."""
        at_release = {spec.name for spec in self.specs if spec.kind.signed_at_release}
        missing = [p.name for i, p in enumerate(self.deal.purchasers) if i not in self.recorded]
        if not missing:
            return
        for index, entry in enumerate(written.signed):
            if entry is not None and entry.document in at_release and any(s.document == entry.document for s in signed):
                self.findings.append(warning(
                    "DD513", f"{entry.document} is recorded signed, but the funds of {_some(missing)} are not recorded received: "
                    "it is signed only when the escrow agent holds every subscription (its packet's cover says so); "
                    "record the funds, or confirm the date it was signed", self.source.location(("signed", index, "document"))))
                return

    def past_outside_date(self, signed: set[Signature], wires: list[FundsReceived]) -> None:
        """DD519: the escrow's outside date passed with funds recorded in escrow and the release notice not signed by
        all (a new user's trial: status said nothing of the funds to go back)."""
        escrow = self.deal.escrow
        if escrow is None or escrow.outside_date is None or self.today <= escrow.outside_date:
            return
        held = sum((wire.amount for wire in wires if wire.date <= escrow.outside_date),  # a wire after it is DD512's
                   Decimal("0.00"))  # each wire's, not each purchaser's total (dated by its last: a code review)
        at_release = [s for s in self.signatures if s.document in {spec.name for spec in self.specs
                                                                    if spec.kind.signed_at_release}]
        if at_release and all(s in signed for s in at_release):
            return
        if held == 0:  # nothing to return; but the deal has lapsed (a partner's read: a ledger of signatures only was silent)
            if signed and not self.recorded:  # a ledger recording nothing is DD011's; a wire after the date, DD512's
                self.findings.append(warning(
                    "DD519", f"the escrow's Outside Date, {long_date(escrow.outside_date)}, has passed without a Release "
                    "Notice signed by all, and no funds are recorded in escrow: "
                    + ("the Note Purchase Agreement has terminated (Section 3.6) and " if self.deal.escrows_the_notes else "")
                    + "the Escrow Agent returns funds that arrive now (Escrow Agreement, Section 1.7); if the parties "
                    "extended the date in writing, give the new one as escrow.outside_date, and record the funds "
                    "received as funds_received", self.source.location(("signed",))))
            return
        self.findings.append(warning(
            "DD519", f"the escrow's Outside Date, {long_date(escrow.outside_date)}, has passed without a Release Notice "
            f"signed by all, and {amount_figures(held)} is recorded in escrow: under the Escrow Agreement (Section 1.7) "
            "the Escrow Agent returns the funds to the purchasers; if the parties extended the date in writing, give "
            "the new one as escrow.outside_date", self.source.location(("funds_received",))))

    def dated_unsigned(self, signed: set[Signature]) -> None:
        """DD529: the term sheet gives the release notice its date (`escrow.release_date`, given once the notice is
        signed by all) while the ledger records some of its signatures outstanding (a new user's trial: dated with
        two of three signatures recorded, nothing said)."""
        escrow = self.deal.escrow
        if escrow is None or escrow.release_date is None:
            return
        specs = {spec.name: spec for spec in self.specs if spec.kind.signed_at_release}
        missing = [s for s in self.signatures if s.document in specs and s not in signed]
        if not missing:
            return
        names = [s.signer for s in missing]
        title = specs[missing[0].document].kind.title
        self.findings.append(warning(
            "DD529", f"escrow.release_date gives the {title} the date {long_date(escrow.release_date)}, but the ledger "
            f"records {len(missing):,} of its signatures outstanding ({_some(names)}): the date is given once it is signed "
            "by all; record the signatures, or take the date out until then", self.source.location(("signed",))))

    # -- helpers

    def in_term_sheet(self, name: str) -> bool:
        """Whether any value of the term sheet holds `name` (as `plain_name` writes it) as a whole word or words: a
        party's, a contact's, a payee's name, a signer's surname."""
        if self.term_sheet_text is None:
            self.term_sheet_text = "\n".join(plain_name(text) for _, _, text in texts_in(self.deal.model_dump()))
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", self.term_sheet_text) is not None

    def error(self, code: str, path: KeyPath, message: str) -> None:
        self.findings.append(error(code, message, self.source.location(path)))

    def once(self, key: Any, path: KeyPath, what: str) -> bool:
        """True the first time `key` is recorded; DD505 after that."""
        line = self.source.location(path).line or 0
        if key in self.first_lines:
            self.error("DD505", path, f"{what} is recorded twice (first on line {self.first_lines[key]})")
            return False
        self.first_lines[key] = line
        return True

    def not_future(self, path: KeyPath, when: date | None) -> bool:
        if when is not None and when > self.today:
            self.error("DD508", path, f"{long_date(when)} is after today ({long_date(self.today)}): the ledger records what has happened")
            return False
        return True

    # -- the sections

    def signature(self, index: int, entry: Signed) -> Signature | None:
        path: KeyPath = ("signed", index)
        document_known = entry.document in self.documents
        if not document_known:
            self.error("DD502", (*path, "document"), f"the deal has no document '{entry.document}'"
                       + _document_hint(entry.document, self.specs))
        name = plain_name(entry.signer)
        surnamed = list(dict.fromkeys(s.signer for s in self.signatures if (not document_known or s.document ==
                                      entry.document) and name in self.surnames[s.signer]))
        if len(surnamed) > 1 and not any(name in s.names for s in self.signatures):  # a surname two signers share (a
            # new user's trial: 'Nakamura', "signs no document", where a party's short name shared got DD504)
            self.error("DD504", (*path, "signer"), f"'{entry.signer}' is the surname of {len(surnamed)} signers"
                       + (f" of {entry.document}" if document_known else "") + f": write which: {_either(surnamed)}")
            return None
        if not any(name in s.names for s in self.signatures):
            everyone = list(dict.fromkeys(n for s in self.signatures for n in (s.signer, s.party)))
            suggested = _suggest(entry.signer, everyone, "signers")
            said = f"'{entry.signer}' signs no document of the deal" + suggested
            if not self.in_term_sheet(name):  # a new user's trial: a purchaser taken out, its signature left here
                gone = "if a party of that name was taken out of the deal, take its entries out of the ledger too"
                said = f"'{entry.signer}' is not named in the term sheet, so signs no document of the deal" + (
                    suggested if suggested.startswith(" (did you mean") else f": {gone}{suggested}")  # a misspelling is
                # not to be taken out (a code review: "Elena Marsch" was told to take its entries out)
            self.error("DD501", (*path, "signer"), said)
            return None
        if not document_known:
            return None
        here = [s for s in self.signatures if s.document == entry.document and name in s.names]
        if here:  # a short name that is another signer's surname (a hostile sweep: 'Chen' counted Margaret Chen's
            # page, David Chen signing it too); a surname alone names no one (a code review: 'Whitfield', the escrow
            # agent's short name, counted Robert Whitfield Jr.'s page of a document the agent does not sign)
            here += [s for s in self.signatures if s.document == entry.document and s not in here and s.signer in surnamed]
        if not here:
            signers = join_and(s.signer_for for s in self.signatures if s.document == entry.document)
            self.error("DD503", (*path, "signer"), f"'{entry.signer}' does not sign {entry.document}; its signers: {signers}")
            return None
        if len(here) > 1:
            theirs = [s for s in self.signatures if s.document == entry.document]
            which = [unique_name(s, theirs) for s in here]
            say = f"write which: {_either(which)}" if all(which) else "name the person who signed"
            self.error("DD504", (*path, "signer"), f"'{entry.signer}' fits {len(here)} signers of {entry.document} "
                       f"({join_and(s.signer_for for s in here)}): {say}")
            return None
        [found] = here
        return found if self.once(found, path, f"{found.signer}'s signature on {found.document}") else None

    def version(self, index: int, written: str) -> tuple[str, Location] | None:
        """The version an entry records, as a packet's cover gives it (`outputs.packets`), and where; DD516 for
        anything else."""
        path: KeyPath = ("signed", index, "version")
        if not _VERSION.fullmatch(written.strip()):
            self.error("DD516", path, f"'{written[:80]}' is not a document's version: copy the 8 hexadecimal digits "
                       "beside the page on the signature packet's cover (its Version column)")
            return None
        return written.strip().lower(), self.source.location(path)

    def funds(self, index: int, entry: FundsReceived) -> int | None:
        """The purchaser (its index) whose wire `entry` records, its date checked; None with a finding."""
        path: KeyPath = ("funds_received", index)
        name = plain_name(entry.purchaser)
        matches = [i for i, p in enumerate(self.deal.purchasers) if name in {plain_name(n) for n in _names_of(p)}]
        if not matches:
            choices = list(dict.fromkeys(n for p in self.deal.purchasers for n in (p.name, p.short_name) if n))
            self.error("DD506", (*path, "purchaser"),
                       f"'{entry.purchaser}' is not a purchaser of the deal"
                       + _suggest(entry.purchaser, choices, "purchasers",
                                  [n for p in self.deal.purchasers for n in _names_of(p)]))
            return None
        if len(matches) > 1:
            which = [_unique_name(self.deal.purchasers, i) for i in matches]
            say = f"write which: {_either(which)}" if all(which) else "write the legal name"
            self.error("DD506", (*path, "purchaser"), f"'{entry.purchaser}' names {len(matches)} purchasers: {say}")
            return None
        purchaser = self.deal.purchasers[matches[0]]
        self.recorded.add(matches[0])
        ok = self.not_future((*path, "date"), entry.date)
        first = self.deal.first_date
        if first is not None and entry.date < first:
            self.findings.append(warning("DD511", f"{long_date(entry.date)} is before the deal's first agreement "
                                         f"({long_date(first)}): confirm the date of the wire",
                                         self.source.location((*path, "date"))))
        outside = self.deal.escrow.outside_date if self.deal.escrow else None
        if outside is not None and entry.date > outside:
            self.late.add(matches[0])
            self.error("DD512", (*path, "date"), f"{purchaser.name}'s funds are recorded received {long_date(entry.date)}, "
                       f"after the escrow's outside date, {long_date(outside)}: under the escrow agreement funds not "
                       "released by then go back to the purchaser; if the parties extended it in writing, give the "
                       "new date as escrow.outside_date")
        return matches[0] if ok else None

    def total(self, index: int, wires: list[tuple[int, FundsReceived]]) -> Received | None:
        """A purchaser's funds from its wires: their total is its subscription to the cent (DD507), or short of it
        with the reason it is accepted (DD517, a warning); received on the day of the last."""
        purchaser = self.deal.purchasers[index]
        total = sum((entry.amount for _, entry in wires), Decimal("0.00"))
        last = wires[-1][0]  # the entry the total is said at
        when = max(entry.date for _, entry in wires)
        short = purchaser.subscription - total
        a_fee = 0 < short <= _MOST_FEES  # what short_accepted may cover
        accepted = next(((k, e.short_accepted) for k, e in wires if e.short_accepted), None)
        if short == 0:
            return Received(total, when)
        coming = next((k for k, e in wires if e.rest_to_come), None)
        if coming is not None and accepted is not None:  # a code review: one flag was passed over without a word
            self.error("DD507", ("funds_received", coming, "rest_to_come"),
                       f"{purchaser.name}'s wires give both short_accepted and rest_to_come: the rest of its subscription "
                       "is either accepted as paid (a bank's fee) or still to come; give one")
            return None
        if short > 0 and coming is not None:  # a new user's trial: a wire in parts could not be recorded part by part
            self.findings.append(warning(
                "DD518", f"{amount_figures(total)} received so far from {purchaser.name}, {amount_figures(short)} of its "
                f"subscription of {amount_figures(purchaser.subscription)} still to come: its funds count as outstanding "
                "until its wires total it", self.source.location(("funds_received", coming, "rest_to_come"))))
            self.in_part[index] = Received(total, when)  # what is in; the rest, to come, is not "short"
            return None
        if a_fee and accepted is not None:
            self.findings.append(warning(
                "DD517", f"{amount_figures(total)} received from {purchaser.name}, {amount_figures(short)} short of its "
                f"subscription of {amount_figures(purchaser.subscription)}, accepted as payment of it: {accepted[1]}; "
                "its note is still for the whole subscription", self.source.location(("funds_received", accepted[0], "short_accepted"))))
            return Received(total, when, short, accepted[1])
        difference = f"a difference of {amount_figures(abs(short))}"
        if len(wires) == 1:
            said = f"{amount_figures(total)} received from {purchaser.name}, whose subscription is "
        else:
            lines = join_and([str(self.source.location(("funds_received", k)).line) for k, _ in wires])
            said = f"the {len(wires)} wires recorded from {purchaser.name} (lines {lines}) total {amount_figures(total)}, but its subscription is "
            if len({(e.amount, e.date) for _, e in wires}) < len(wires):
                difference += ": one recorded twice?"
        if a_fee:  # and not accepted
            difference += "; if the shortfall is accepted (a bank's fee), say why and by whom as short_accepted"
        elif short > 0 and accepted is None and not self.parts_flagged:  # said so where it is written (a review)
            difference += "; if the rest of it is still to come, say rest_to_come: true"
        elif short < 0 and coming is not None:
            difference += "; rest_to_come is given, but the wires already exceed the subscription"
        elif short > 0 and accepted is not None:
            difference += (f"; short_accepted covers a bank's fee, up to {amount_figures(_MOST_FEES)}: a larger "
                           "shortfall changes the subscription, which the term sheet gives")
        self.error("DD507", ("funds_received", last, "amount"), f"{said}{amount_figures(purchaser.subscription)} ({difference})")
        return None

    def deliverable(self, path: KeyPath, name: str, when: date | None) -> bool:
        if name not in self.deliverables:
            self.error("DD509", (*path, "deliverable"), f"the closing checklist has no deliverable '{name}'"
                       + _suggest(name, list(self.deliverables), "deliverables"))
            return False
        ok = self.not_future((*path, "date"), when)
        due = self.deliverables[name].due
        if when is not None and due.day is not None and when > due.day:
            self.findings.append(warning("DD514", f"{name} is recorded done on {long_date(when)}, after it was due: "
                                         f"{due.text}; a late filing or delivery may need curing: note why in a comment beside the entry", self.source.location((*path, "date"))))
        return self.once((path[0], name), path, f"{name} (under {path[0]}:)") and ok

    def may_skip(self, index: int, entry: NotNeeded, done: dict[str, date | None]) -> bool:
        path: KeyPath = ("not_needed", index, "deliverable")
        if entry.deliverable in done:  # said first: whether or not it may be skipped, the two entries disagree
            self.error("DD510", path, f"{entry.deliverable} is marked both done and not needed")
            return False
        if self.deliverables[entry.deliverable].if_needed is None:
            self.error("DD510", path, f"{entry.deliverable} is needed whenever the checklist lists it: mark it done when it is")
            return False
        return True
