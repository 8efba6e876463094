"""The executed set and the closing binder: the signed pages in place of the documents' blank ones.

`assemble(deal, folder, signed)` reads a deal's build (``OUTDIR/<deal>/``,
built with ``--pdf``: each document's PDF, each packet's) and a folder of
signed packets, the PDFs the signers sent back, named as the build names the
packets (``priya-raman.pdf``, ``at-release/priya-raman.pdf``; a leading
``signature-packets/`` may be kept); a PDF named otherwise is read as the one
packet not returned under its own name whose pages it has, caption for
caption (DD526), and is not used when there is no such packet, or several. It returns each document as executed and
the closing binder, with pypdf:

- A page of a document is a signature page when its text holds anchors
  (`closing.anchors`): one per person who signs on it. Each is replaced by the
  page that person signed: the page of their packet whose caption ("[Signature
  Page to ...]", the text up to its closing bracket) is the same and which holds
  their anchor. A note is one original, signed by the company's officer and
  attested by another on the same page (the packets' covers say so): its page
  is the one the signing officer's packet returns, attested on it; the attesting
  officer's packet shows where to sign, and a page it returns is not a second
  original (it is left out, without a warning). A packet page without text (a
  scan) is known by its place in the packet: it is read as the same page of the
  packet as built.
- The closing binder is an index page (each document and the pages it takes in
  the binder) and then each executed document, with a PDF bookmark for each.

Nothing is guessed: a signature page with no signed page is an error naming
the signer, the document and the packet page to have signed (DD520); a signed
page that matches no signature page of the documents as built now (signed on
an earlier version?) is left out, with a warning (DD522).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD520 | error    | a signature page of a document has no signed page among the signed packets (the signer, the document and the packet page are named) |
| DD521 | error    | a signed packet cannot be read as a PDF (damaged, or encrypted), or is a link (never followed) |
| DD522 | warning  | a PDF among the signed packets is no packet of the deal, or a signed page matches no signature page of the documents as built now (signed on an earlier version?): it is not used |
| DD523 | error    | a signed packet is the packet as it was sent out, byte for byte: it was not signed, and nothing of it is bound |
| DD524 | warning  | a signed packet is a scan (pages with no text): each page is bound as the packet page at its place, unread; look at the executed signature pages (a scan of another number of pages than the packet's: none of them is bound, and it says so) |
| DD525 | warning  | a signed packet was signed on a packet of another version of the documents (a document's version on its cover is not the one built now): its pages are bound where they read the same, but the signer saw other documents |
| DD527 | error    | a signature page returned as it was sent out, though the file was saved again: nothing drawn, stamped, typed or annotated on it (its content and annotations are the blank page's), or a page with nothing on it at all (no text, image or mark: a blank page, not a scan), so it is not signed and not bound |
| DD528 | warning  | the executed set (`executed/`, the closing binder) was bound from another version of the term sheet than the one checked or built now: its documents are not these (check, build and status say it) |
| DD526 | warning  | a PDF named as no packet is read as the one packet whose pages it has, caption for caption, with its signer's anchors, when that packet was not returned under its own name: it is used, and should be named so |
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from dealdocs.closing.anchors import ANCHOR, anchor_of
from dealdocs.closing.kinds import ATTESTING_OFFICER, DocumentSpec, documents_for, slugify
from dealdocs.closing.parties import signers_of
from dealdocs.errors import UserMessageError, os_error_words
from dealdocs.findings import Finding, Location, error, warning
from dealdocs.outputs.packets import PACKET_FOLDER, RELEASE_FOLDER, cover_versions
from dealdocs.outputs.record import BuildRecord, as_recorded
from dealdocs.outputs.write import EXECUTED, deal_folder, write_build
from dealdocs.termsheet.model import Deal
from dealdocs.words import join_and

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # its warnings on a damaged PDF ("EOF marker not
# found", its first bytes) would reach the terminal bare; a packet it cannot read is DD521, naming the file

BINDER = "closing-binder.pdf"
_CAPTION = re.compile(r"\[Signature Page to [^\]]*\]")
_RELEASE = RELEASE_FOLDER.removeprefix(f"{PACKET_FOLDER}/")


@dataclass
class Binder:
    """What `assemble` makes: the executed documents ('<name>.pdf' -> bytes), the binder, and the findings."""

    executed: dict[str, bytes] = field(default_factory=dict)
    binder: bytes | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _Signed:
    """A signed page: page `index` of the packet `packet` (its name in the signed folder), signed by `person`."""

    packet: str
    index: int
    person: str
    reader: PdfReader
    used: bool = False


def caption_of(text: str) -> str:
    """The page's caption, '[Signature Page to ...]' with its spaces made single; '' without one."""
    found = _CAPTION.search(" ".join(text.split()))
    return found.group(0) if found else ""


def anchors_in(text: str) -> list[str]:
    """The anchors in a page's text, each once, in their order."""
    return list(dict.fromkeys(match.group(0) for match in ANCHOR.finditer(text)))


def assemble(deal: Deal, folder: Path, signed: Path, *, term_sheet_sha256: str) -> Binder:
    """The executed documents and the binder of the build in `folder`, from the packets in `signed` (module docstring).

    Raises UserMessageError when `folder` holds no build of this term sheet
    with PDFs (build it with --pdf first). Returns findings and no files when
    a signed page is missing.
    """
    record = _record(folder, term_sheet_sha256)
    _packets_as_built(folder, record)
    specs = documents_for(deal)
    documents = {spec.name: _built_pdf(folder, record, f"{spec.name}.pdf") for spec in specs}
    result = Binder()
    people = {anchor_of(deal, group[0]): (slug, group[0].person) for slug, group in signers_of(deal)}
    attesting = {anchor_of(deal, group[0]) for _, group in signers_of(deal)
                 if any(signer.role == ATTESTING_OFFICER for signer in group)}
    as_sent: set[tuple[str, str]] = set()  # (release folder or "", slug) of each packet returned as sent out (DD523)
    index = _signed_pages(folder, signed, {slug: (anchor, person) for anchor, (slug, person) in people.items()},
                          result.findings, as_sent)
    pages_of: dict[str, list] = {}
    for spec in specs:
        pages_of[spec.name] = _executed_pages(spec, deal, documents[spec.name], index, people, attesting, signed,
                                              result.findings, as_sent)
    for (caption, anchor), entries in index.items():
        for entry in entries:
            if not entry.used:
                result.findings.append(warning(
                    "DD522", f"page {entry.index + 1} of {entry.packet}, signed by {entry.person}, is no signature page "
                    f"of the documents as built now ({caption or 'it has no caption'}): signed on an earlier version, "
                    "or twice? It is not in the executed set.", Location(file=str(signed / entry.packet))))
    if any(f.is_error for f in result.findings):
        return result
    for spec in specs:
        result.executed[f"{spec.name}.pdf"] = _pdf(pages_of[spec.name], f"{spec.display_name(deal)} (executed)", deal)
    base = folder / f"{specs[0].name}.docx"
    result.binder = _binder(deal, [(spec.display_name(deal), pages_of[spec.name]) for spec in specs],
                            base.read_bytes() if base.is_file() else None)
    return result


def write_binder(output_dir: Path, deal_id: str, made: Binder, record: BuildRecord, *,
                 binder_file: Path | None = None, force: bool = False) -> list[Path]:
    """Write OUTDIR/<deal>/executed/<document>.pdf (as a build writes, `outputs.write`) and the binder.

    The binder goes to `binder_file`, by default OUTDIR/<deal>/closing-binder.pdf,
    replaced whole in one step (written beside it, then renamed). Returns the paths written.
    """
    from dealdocs.outputs.lock import DealLock

    assert made.binder is not None
    folder = deal_folder(output_dir, deal_id)
    target = binder_file if binder_file is not None else folder / BINDER
    _not_in_the_way(target, force)  # before the executed documents are written (a new user's trial)
    written = write_build(output_dir, deal_id, made.executed, record, force=force, subfolder=EXECUTED).paths
    if binder_file is not None:
        _replace(binder_file, made.binder)
        return [*written, binder_file]
    with DealLock(folder.parent, deal_id):
        _not_in_the_way(target, force)
        _replace(target, made.binder)
    return [*written, target]


def _a_binder(path: Path) -> bool:
    """Whether the plain file at `path` is a closing binder as `_binder` writes them (its title says so)."""
    try:
        with open(path, "rb") as existing:
            if existing.read(5) != b"%PDF-":
                return False
        title = PdfReader(path).metadata.title
    except Exception as exc:  # noqa: BLE001  whatever a file that is no PDF of ours makes pypdf raise
        if isinstance(exc, MemoryError):
            raise
        return False
    return isinstance(title, str) and title.startswith("Closing Binder \u2013 ")


def _not_in_the_way(target: Path, force: bool) -> None:
    """Raise UserMessageError when `target` (given with --binder) is a file that is no closing binder: a term sheet
    given by a slip (`--binder deals/acme.yaml`) was replaced by the binder's PDF without a word, as was any file of
    the user's, and a named pipe by a plain file (`--binder /dev/null`, run as root, put a file in the device's
    place). --force replaces a file that is no binder."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserMessageError(f"could not write {target}: {os_error_words(exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UserMessageError(f"{target} is not a plain file (a folder, a link, a named pipe or a device): give "
                               "the binder another name with --binder")
    if not force and not _a_binder(target):
        raise UserMessageError(f"{target} exists and is no closing binder dealdocs wrote: nothing written; give the "
                               "binder another name with --binder, or replace the file with --force")


def _replace(target: Path, data: bytes) -> None:
    """Put `data` at `target` in one step: written beside it, flushed, renamed over it; never through a link."""
    if target.is_symlink() or target.is_dir():
        raise UserMessageError(f"{target} is a folder or a link: give the binder another name with --binder")
    draft = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(draft, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(draft, target)
    except OSError as exc:
        raise UserMessageError(f"could not write {target}: {os_error_words(exc)}") from None
    finally:
        if os.path.lexists(draft):
            os.unlink(draft)


def _record(folder: Path, term_sheet_sha256: str) -> BuildRecord:
    record = BuildRecord.read(folder)
    if record is None:
        raise UserMessageError(f"{folder} holds no build of this deal: build it with --pdf first "
                               "(dealdocs build DEAL.yaml --pdf)")
    if record.term_sheet.get("sha256") != term_sheet_sha256:
        raise UserMessageError(f"{folder} was built from another version of the term sheet: build it again with --pdf, "
                               "and have any page that changed signed again")
    return record


def _built_pdf(folder: Path, record: BuildRecord, name: str) -> PdfReader:
    """A PDF the build wrote, unchanged since (its record says so)."""
    entry = record.files.get(name)
    data = as_recorded(folder, name, entry) if entry is not None else None
    if data is None:
        if entry is None or not os.path.lexists(folder / name):
            raise UserMessageError(f"{folder} has no {name}: build the deal with --pdf first")
        raise UserMessageError(f"{folder / name} has changed since dealdocs built it (or is no plain file): build the "
                               "deal again with --pdf")
    return PdfReader(io.BytesIO(data))


def _packets_as_built(folder: Path, record: BuildRecord) -> None:
    """Raise UserMessageError unless each signature packet's PDF the build recorded is that file still, unchanged.

    The packets as sent out are what a returned packet is compared with (DD523, DD527) and read by (a scan's
    pages, a file named otherwise): a packet PDF changed in the deal folder (a byte, another file) let a packet
    returned unsigned, as sent out, be bound as signed (exit 0), and one that was a named pipe stopped the binder
    forever (`record.as_recorded`).
    """
    for name, entry in record.files.items():
        if name.startswith(f"{PACKET_FOLDER}/") and name.endswith(".pdf") and as_recorded(folder, name, entry) is None:
            raise UserMessageError(f"{folder / name} has changed since dealdocs built it (or is gone, or is no plain "
                                   "file): build the deal again with --pdf")


def _signed_pages(folder: Path, signed: Path, packets: dict[str, tuple[str, str]],
                  findings: list[Finding], as_sent: set[tuple[str, str]]) -> dict[tuple[str, str], list[_Signed]]:
    """(caption, anchor) -> the signed pages that carry them, from every packet in `signed`, in name order.

    `packets` gives each packet's slug its person's anchor and name: a page of
    a person's packet stands for their signature only, though a page that two
    people sign carries the other's anchor too.
    """
    index: dict[tuple[str, str], list[_Signed]] = {}
    paths = sorted(p for p in signed.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
    named = {path.relative_to(signed).as_posix().removeprefix(f"{PACKET_FOLDER}/") for path in paths}
    for path in paths:
        name = path.relative_to(signed).as_posix().removeprefix(f"{PACKET_FOLDER}/")
        if path.is_symlink():  # never followed: it could lead anywhere on this machine
            findings.append(error("DD521", f"{name} is a link to {os.readlink(path)}, not a PDF: put the signed "
                                  "packet itself in the folder", Location(file=str(path))))
            continue
        release, _, file_name = name.rpartition("/")
        slug = file_name[: -len(".pdf")]
        if release not in ("", _RELEASE) or slug not in packets:
            read_as = _packet_read(path, folder, packets, named)
            if read_as is not None:
                release, slug = read_as
                file_name = f"{slug}.pdf"
                findings.append(warning("DD526", f"{name} is read as {packets[slug][1]}'s packet "
                                        f"{release + '/' if release else ''}{file_name}: its pages are that packet's, "
                                        f"caption for caption; name it so", Location(file=str(path))))
            else:
                meant = _packet_named(slug, packets) if release in ("", _RELEASE) else None
                hint = (f"; if it is {packets[meant][1]}'s packet, signed, name it {release + '/' if release else ''}"
                        f"{meant}.pdf" if meant else "")
                findings.append(warning("DD522", f"{name} is no signature packet of this deal (packets are named as "
                                        "the build names them, such as priya-raman.pdf or at-release/priya-raman.pdf): "
                                        f"it is not used{hint}", Location(file=str(path))))
                continue
        blank = folder / (RELEASE_FOLDER if release else PACKET_FOLDER) / f"{slug}.pdf"  # as built: a packet saved
        # as "david-okafor.PDF" was compared with no blank and bound unsigned as executed (a code review)
        if _same_bytes(path, blank):
            findings.append(error("DD523", f"{name} is the packet as it was sent out, byte for byte: it was not "
                                  "signed; nothing of it is bound", Location(file=str(path))))
            as_sent.add((release, slug))
            continue
        try:
            reader = PdfReader(path)
            texts = [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:  # noqa: BLE001  a file from outside: whatever its parser raises, it is unreadable
            if isinstance(exc, MemoryError):
                raise
            findings.append(error("DD521", f"{name} cannot be read as a PDF ({exc}): export or scan it again",
                                  Location(file=str(path))))
            continue
        built_pages = _built_pages(blank)  # the packet as sent out, read once: its version, its pages for a scan's,
        as_built = [text for text, _ in built_pages]  # each signature page's marks as sent (DD527)
        returned = cover_versions(texts[0] if texts else "")
        built = cover_versions(as_built[0] if as_built else "")
        if returned and built and returned != built:
            then, now = (_versions(sorted(versions)) for versions in (returned - built, built - returned))
            findings.append(warning("DD525", f"{name} was signed on a packet of another version of the documents "
                                    f"(its cover: {then}; as built now: {now}): its pages are bound "
                                    "where they read as the pages built now, but the signer saw other documents; "
                                    "confirm they agree to the documents as they are now, or have the pages signed "
                                    "again", Location(file=str(path))))
        scanned, unplaced, unsigned, empty, changed = [], [], [], [], []
        other_version = bool(returned and built and returned != built)
        captions = {caption_of(page) for page in as_built}
        blank_marks = dict(built_pages)
        anchor, person = packets[slug]
        textless = not any(text.strip() for text in texts)
        for number, text in enumerate(texts):
            if not text.strip() and _empty(reader.pages[number]):  # nothing on it: no scan of anything
                # an error where it would be read as a scan of the packet (a code review: a signed packet with the
                # blank page a print to PDF adds at its end stopped the binder, DD527, where it bound before)
                stands_for = len(as_built) == len(texts) and anchor in anchors_in(as_built[number])
                if textless or stands_for:
                    empty.append(number + 1)
                continue
            if not text.strip():  # a scan: the page is the packet's page at the same place
                text = as_built[number] if len(as_built) == len(texts) else ""
                (scanned if text else unplaced).append(number + 1)
            if anchor in anchors_in(text):
                marks = _marks(reader.pages[number])
                if marks[1] >= 0 and blank_marks.get(text) == marks:
                    unsigned.append(number + 1)
                    continue
                if other_version and not _reads_as_built(text, as_built, anchor, captions):
                    changed.append(number + 1)
                    continue
                index.setdefault((caption_of(text), anchor), []).append(_Signed(name, number, person, reader))
        if empty:
            pages = ", ".join(map(str, empty))
            findings.append(error("DD527", f"{name}, page{'s' if len(empty) > 1 else ''} {pages}: nothing is on "
                                  f"{'them' if len(empty) > 1 else 'it'}, no text, no image, no mark (a blank page, not "
                                  "a scan of a signed one), so not signed, and not bound", Location(file=str(path))))
        if unsigned:
            pages = ", ".join(map(str, unsigned))
            findings.append(error("DD527", f"{name}, page{'s' if len(unsigned) > 1 else ''} {pages}: the signature "
                                  f"page{'s are' if len(unsigned) > 1 else ' is'} as sent out, though the file was saved "
                                  "again: nothing is drawn, stamped, typed or annotated on "
                                  f"{'them' if len(unsigned) > 1 else 'it'}, so not signed, and not bound",
                                  Location(file=str(path))))
        if changed:  # a second new user's trial: a page signed before a signatory's name was corrected was bound
            pages = ", ".join(map(str, changed))
            findings.append(warning("DD522", f"{name}, page{'s' if len(changed) > 1 else ''} {pages}: signed on a "
                                    "packet of another version, and not as the page built now reads (a name, an amount "
                                    "or a date on it changed): not bound; have it signed again from the new packet",
                                    Location(file=str(path))))
        if scanned:
            pages = ", ".join(map(str, scanned))
            findings.append(warning("DD524", f"{name} is a scan (page{'s' if len(scanned) > 1 else ''} {pages} hold no "
                                    "text to read): each page is bound as the packet page at its place, unread; look "
                                    "at the executed documents' signature pages to confirm each is the page signed for "
                                    "it", Location(file=str(path))))
        if unplaced:
            count = f"{len(as_built)}" if as_built else "none to read"
            findings.append(warning("DD524", f"{name} is a scan of {len(texts)} page{'s' if len(texts) > 1 else ''}, "
                                    f"and the packet as built has {count}: a scan's pages are known only by their "
                                    "place, so none of its pages without text is bound; scan the whole packet, every "
                                    "page in its order", Location(file=str(path))))
    return index


def _reads_as_built(text: str, as_built: list[str], anchor: str, captions: set[str]) -> bool:
    """Whether a signed page holds every line of the page built now with its caption and signer's anchor (what the
    signature adds aside): a page of a packet of another version is bound only then (DD525). A page whose caption no
    page built now has is left to be said as no page of the documents (DD522, with its caption)."""
    lines = {" ".join(line.split()) for line in text.splitlines() if line.strip()}
    caption = caption_of(text)
    if caption not in captions:
        return True
    return any({" ".join(line.split()) for line in page.splitlines() if line.strip()} <= lines
               for page in as_built if caption_of(page) == caption and anchor in anchors_in(page))


def _packet_read(path: Path, folder: Path, packets: dict[str, tuple[str, str]],
                 named: set[str]) -> tuple[str, str] | None:
    """(release folder, slug) of the one packet as built whose pages a file named as no packet has, caption for
    caption, with its signer's anchor on them, and that no file returned under its own name stands for ("scan 12
    Chen.pdf" for margaret-chen.pdf); None when none is, or several, or the file has no text to read (a scan)."""
    returned = _page_texts(path)
    if not any(text.strip() for text in returned):
        return None
    anchors = {anchor for text in returned for anchor in anchors_in(text)}
    captions = [caption_of(text) for text in returned]
    found = []
    for release in ("", _RELEASE):
        for slug, (anchor, _) in packets.items():
            packet = f"{release + '/' if release else ''}{slug}.pdf"
            if packet in named or anchor not in anchors:
                continue
            built = _page_texts(folder / (RELEASE_FOLDER if release else PACKET_FOLDER) / f"{slug}.pdf")
            if [caption_of(text) for text in built] == captions:
                found.append((release, slug))
    return found[0] if len(found) == 1 else None


def _packet_named(stem: str, packets: dict[str, tuple[str, str]]) -> str | None:
    """The packet a returned file's name most likely stands for ("Margaret Chen signed" for margaret-chen): the one
    whose name its own, written as the build writes names, starts with; None for none, or several."""
    written = slugify(stem)
    starting = [slug for slug in packets if written == slug or written.startswith(slug + "-")]
    return starting[0] if len(starting) == 1 else None


def _same_bytes(one: Path, other: Path) -> bool:
    """Whether two files hold the same bytes (False when either cannot be read)."""
    try:
        return one.stat().st_size == other.stat().st_size and one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def _versions(versions: list[str]) -> str:
    """"version 1a2b3c4d", "versions 1a2b3c4d and 5e6f7a8b", "no version" (a document the other packet has not)."""
    return f"version{'s' if len(versions) > 1 else ''} {join_and(versions)}" if versions else "no version"


def _marks(page: object) -> tuple[object, int]:
    """What a signature leaves on a page: its content's drawing operations (a signature drawn, typed or stamped into
    it), and its number of annotations (one added on it, such as a signing tool's ink or stamp); ((), -1) when
    unreadable. The operations, not the bytes they are written in (a code review: the packet saved again by a tool
    that writes the same operations out anew was bound as signed, exit 0)."""
    try:
        contents = page.get_contents()  # type: ignore[attr-defined]
        annotations = page.get("/Annots")  # type: ignore[attr-defined]
        drawn = tuple((operator, _operand(operands)) for operands, operator in contents.operations) \
            if contents is not None else ()
        return drawn, len(annotations.get_object()) if annotations is not None else 0
    except Exception:  # noqa: BLE001  a file from outside: a page that cannot be read is no page as sent out
        return (), -1


def _operand(value: object) -> object:
    """An operand as a value to compare: a number to 3 places (a writer rounds as it likes), a list or dictionary
    of the same, anything else as itself."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return round(float(value), 3)
    if isinstance(value, dict):
        return tuple(sorted((str(key), _operand(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_operand(item) for item in value)
    return value


_PAINTED = re.compile(rb"(?:^|\s)(?:[fFSsBb]\*?|Do|BI|sh)(?=\s|$)")  # what fills, strokes or shows something


def _empty(page: object) -> bool:
    """Whether a page shows nothing: no text (asked before), and neither an image nor a stroke or fill in its content,
    nor an annotation on it (a new user's trial: four blank pages saved as a packet were bound as a scan of it)."""
    try:
        if page.get("/Annots"):  # type: ignore[attr-defined]
            return False
        contents = page.get_contents()  # type: ignore[attr-defined]
        return contents is None or not _PAINTED.search(contents.get_data())
    except Exception:  # noqa: BLE001  a file from outside: a page that cannot be read is not said to be empty
        return False


def _built_pages(packet: Path) -> list[tuple[str, tuple[object, int]]]:
    """The packet as built: each page's text and its `_marks`; [] when it cannot be read (as `_page_texts`)."""
    try:
        return [(page.extract_text() or "", _marks(page)) for page in PdfReader(packet).pages]
    except (PdfReadError, OSError, ValueError):
        return []


def _page_texts(packet: Path) -> list[str]:
    """The text of each page of a packet (as built, or a file returned named otherwise); [] when it cannot be read."""
    try:
        return [page.extract_text() or "" for page in PdfReader(packet).pages]
    except Exception as exc:  # noqa: BLE001  a file from outside: whatever its parser raises (an AES-encrypted
        # PDF, pypdf's DependencyError; a catalog that refers to itself, AttributeError), it is unreadable
        if isinstance(exc, MemoryError):
            raise
        return []


def _executed_pages(spec: DocumentSpec, deal: Deal, document: PdfReader, index: dict[tuple[str, str], list[_Signed]],
                    people: dict[str, tuple[str, str]], attesting: set[str], signed: Path,
                    findings: list[Finding], as_sent: set[tuple[str, str]]) -> list:
    """The document's pages with each signature page replaced by its signed pages; DD520 for each one missing, but
    for those of a packet returned unsigned (`as_sent`: DD523 says it once, a new user's trial read thirty DD520s
    after it, "not among the pages of" a packet that held them, unsigned).

    An attested page (the anchors of an officer and of the officer attesting) is one original: the signing
    officer's page, on which the other attests; the attesting officer's returned page is set aside (`used`).
    """
    pages = []
    for number, page in enumerate(document.pages):
        text = page.extract_text() or ""
        anchors = [anchor for anchor in anchors_in(text) if anchor in people]
        if not anchors:
            pages.append(page)
            continue
        caption = caption_of(text)
        attesters = [anchor for anchor in anchors if anchor in attesting]
        attested = ""
        if attesters and len(attesters) < len(anchors):
            for anchor in attesters:
                entry = next((e for e in index.get((caption, anchor), []) if not e.used), None)
                if entry is not None:
                    entry.used = True  # the attestation is on the signing officer's page
            anchors = [anchor for anchor in anchors if anchor not in attesting]
            attested = "".join(f" (and attested on it by {people[anchor][1]})" for anchor in attesters)
        for anchor in anchors:
            entry = next((e for e in index.get((caption, anchor), []) if not e.used), None)
            if entry is None:
                slug, person = people[anchor]
                packet = signed / f"{_RELEASE + '/' if spec.kind.signed_at_release else ''}{slug}.pdf"
                if (_RELEASE if spec.kind.signed_at_release else "", slug) in as_sent:
                    continue
                where = (f"it is not among the pages of {packet}" if packet.is_file()
                         else f"there is no {packet} (the packet {person} returns, saved as a PDF)")
                findings.append(error(
                    "DD520", f"page {number + 1} of the {spec.display_name(deal)} ({caption or 'a signature page'}) "
                    f"has not come back signed by {person}{attested}: {where}",
                    Location(document=f"{spec.name}.pdf")))
                continue
            entry.used = True
            pages.append(entry.reader.pages[entry.index])
    return pages


def _pdf(pages: list, title: str, deal: Deal) -> bytes:
    writer = PdfWriter()
    for page in pages:
        writer.add_page(page)
    writer.add_metadata({"/Title": title, "/Subject": deal.title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _binder(deal: Deal, documents: list[tuple[str, list]], base: bytes | None) -> bytes:
    """The index, then each executed document, a bookmark at each document's first page.

    The index is a Word page of the deal's styles made PDF by LibreOffice; it
    says on which pages of the binder each document is, so it is made again
    if it takes more pages than counted on (a closing of hundreds of notes).
    """
    from dealdocs.outputs.pdf import convert_to_pdf

    index_pages = 1
    while True:
        index = PdfReader(io.BytesIO(convert_to_pdf({"index.docx": _index(deal, documents, base, index_pages)})["index.pdf"]))
        if len(index.pages) == index_pages:
            break
        index_pages = len(index.pages)
    writer = PdfWriter()
    for page in index.pages:
        writer.add_page(page)
    for title, pages in documents:
        first = len(writer.pages)
        for page in pages:
            writer.add_page(page)
        writer.add_outline_item(title, first)
    writer.add_metadata({"/Title": f"Closing Binder \u2013 {deal.title}", "/Subject": deal.title})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _index(deal: Deal, documents: list[tuple[str, list]], base: bytes | None, index_pages: int) -> bytes:
    """The binder's index as a Word document: each document and its pages in the binder."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from dealdocs.ooxml.compose import add_paragraph, add_table, blank_document, style_with_id
    from dealdocs.outputs.document import finish

    document = blank_document(base)
    title_style = style_with_id(document, "Title")
    add_paragraph(document, "Closing Binder", align=WD_ALIGN_PARAGRAPH.CENTER, bold=title_style is None,
                  style=title_style, space_after=Pt(6))
    add_paragraph(document, deal.title, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(18))
    add_paragraph(document, "The documents of the closing as executed: in each, the signature pages are the pages "
                  "signed and returned in the signature packets, in place of the blank pages; a page signed by "
                  "two people separately appears once for each of them, as counterparts.", space_after=Pt(12))
    rows, start = [], index_pages + 1
    for number, (title, pages) in enumerate(documents, start=1):
        end = start + len(pages) - 1
        rows.append([f"{number}.", title, f"{start}\u2013{end}" if end > start else str(start)])
        start = end + 1
    add_table(document, ["No.", "Document", "Pages"], rows, [0.5, 4.9, 1.1], aligns=["left", "left", "center"])
    return finish(document, deal, f"Closing Binder \u2013 {deal.title}")
