"""Signature packets, built with the rest of a deal and read back.

The expectations are written by hand from each deal's structure (who signs
which document, how many notes) and checked against the packets, and against
the built documents themselves converted to PDF by LibreOffice and read with
pdftotext: every page of a packet after its cover must be, word for word, a
page of one of the documents, so that a page signed in a packet is the page it
replaces.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx_helpers
import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import nsdecls, qn
from docx_helpers import (
    Para,
    build_example,
    load_example,
    open_docx,
    paragraphs,
    render,
    text_of,
)

from dealdocs.checks.signature_pages import signature_pages, signers_on
from dealdocs.closing.kinds import documents_for
from dealdocs.closing.parties import signers
from dealdocs.ooxml.pages import document_pages

# ---------------------------------------------------------------- hand-written expectations

HARBORVIEW = "Harborview Capital Partners, L.P."
QUARRY = "Quarry Lane Fund, LLC"
CHEN = "Margaret Chen"
NORTHWIND = "Northwind Analytics, Inc."
WHITFIELD = "Whitfield & Crane LLP"
# a signature page signed once for the deal names its deal: a page signed for one deal cannot fit another
EA = "Escrow Agreement dated as of March 2, 2026 among Northwind Analytics, Inc., the Purchasers and Whitfield & Crane LLP"
RN = f"Release Notice under the {EA}"
NPA = "Note Purchase Agreement dated as of March 2, 2026 among Northwind Analytics, Inc. and the Purchasers"
# the notes are secured, with no collateral agent: each purchaser signs the security agreement as a holder
SA = "Security Agreement dated as of March 4, 2026 among Northwind Analytics, Inc. and the Holders"
BRIDGE_NOTES = [
    "Secured Promissory Note No. 1 in the principal amount of $1,000,000.00 payable to Harborview Capital Partners, L.P., "
    "dated March 4, 2026",
    "Secured Promissory Note No. 2 in the principal amount of $750,000.00 payable to Quarry Lane Fund, LLC, dated March 4, 2026",
    "Secured Promissory Note No. 3 in the principal amount of $250,000.00 payable to Margaret Chen, dated March 4, 2026",
]  # dated: a page signed apart from the note says the date "first written above" (a partner's read)
# packet -> the captions of the pages it holds ("[Signature Page to X]" -> X), in binder order
BRIDGE = {
    "priya-raman": [EA, NPA, *BRIDGE_NOTES, SA],
    "daniel-osei": BRIDGE_NOTES,  # the attesting officer signs each note, beside the company's officer
    "elena-marsh": [EA, NPA, SA],
    "david-okafor": [EA, NPA, SA],
    "margaret-chen": [EA, NPA, SA],
    "thomas-whitfield": [EA],
    "at-release/priya-raman": [RN],
    "at-release/elena-marsh": [RN],
    "at-release/david-okafor": [RN],
    "at-release/margaret-chen": [RN],
}
PETTY_NOTE = "Secured Promissory Note No. 1 in the principal amount of $1,100,000.00 payable to Robert Petty, dated May 18, 2005"
PETTY_NPA = "Note Purchase Agreement dated as of May 18, 2005 between ROO Group, Inc. and Robert Petty"
PETTY_SA = "Security Agreement dated as of May 18, 2005 between ROO Group, Inc. and Robert Petty"
ROO_NOTE = {
    "robin-smyth": [PETTY_NPA, PETTY_NOTE, PETTY_SA],
    "lina-nguyen": [PETTY_NOTE],
    # on the company's page: the filed agreement has one signature page for both, and so has a two-party
    # security agreement
    "robert-petty": [PETTY_NPA, PETTY_SA],
}
ROO_EA = ("Escrow Agreement dated as of October 20, 2005 among ROO Group, Inc., the Purchasers and Kramer Levin Naftalis "
          "& Frankel LLP")
ROO_RN = f"Release Notice under the {ROO_EA}"
ROO_ESCROW = {
    "robin-smyth": [ROO_EA], "jonathan-reyes": [ROO_EA], "claire-donovan": [ROO_EA], "samuel-whitaker": [ROO_EA],
    "kramer-levin-naftalis-frankel-llp": [ROO_EA],  # the agent's signatory is left unnamed, as in the filing
    "at-release/robin-smyth": [ROO_RN], "at-release/jonathan-reyes": [ROO_RN], "at-release/claire-donovan": [ROO_RN],
    "at-release/samuel-whitaker": [ROO_RN],
}
CALLOWAY_NOTE = ("Promissory Note No. 1 in the principal amount of $250,000.00 payable to Ruth A. Calloway and Peter M. "
                 "Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011, dated June 10, 2026")
FUND_NOTES = [
    CALLOWAY_NOTE,
    "Promissory Note No. 2 in the principal amount of $100,000.00 payable to Samuel K. Whitaker and Laura J. "
    "Whitaker, as joint tenants with right of survivorship, dated June 10, 2026",
    "Promissory Note No. 3 in the principal amount of $500,000.00 payable to Juniper Ridge Partners II, L.P., dated "
    "June 10, 2026",
    "Promissory Note No. 4 in the principal amount of $400,000.00 payable to Tidewater Cove Opportunities Fund, Ltd., "
    "dated June 10, 2026",
    "Promissory Note No. 5 in the principal amount of $150,000.00 payable to Alistair J. Pembroke, dated June 10, 2026",
]
FUND_PURCHASERS = ["ruth-a-calloway", "peter-m-calloway", "samuel-k-whitaker", "laura-j-whitaker", "nadia-feld",
                   "martin-ebanks", "alistair-j-pembroke"]
FUND_EA = "Escrow Agreement dated as of June 8, 2026 among Larkspur Robotics, Inc., the Purchasers and Bellamy & Roe LLP"
FUND_RN = f"Release Notice under the {FUND_EA}"
FUND_NPA = "Note Purchase Agreement dated as of June 8, 2026 among Larkspur Robotics, Inc. and the Purchasers"
FUND = {
    "owen-hartley": [FUND_EA, FUND_NPA, *FUND_NOTES],
    "maya-lindqvist": FUND_NOTES,
    **{slug: [FUND_EA, FUND_NPA] for slug in FUND_PURCHASERS},
    "hannah-roe": [FUND_EA],
    "at-release/owen-hartley": [FUND_RN],
    **{f"at-release/{slug}": [FUND_RN] for slug in FUND_PURCHASERS},
}
RELEASE = {"bridge-example": RN, "fund-example": FUND_RN, "roo-2005-escrow": ROO_RN}
EXPECTED = {"bridge-example": BRIDGE, "roo-2005-note": ROO_NOTE, "roo-2005-escrow": ROO_ESCROW, "fund-example": FUND}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example deal built once for this module: name -> its output folder."""
    out = tmp_path_factory.mktemp("examples")
    return {name: build_example(name, out) for name in EXPECTED}


def packets_in(folder: Path) -> dict[str, bytes]:
    """'priya-raman' and 'at-release/priya-raman' -> the packet's bytes."""
    root = folder / "signature-packets"
    return {p.relative_to(root).with_suffix("").as_posix(): p.read_bytes() for p in sorted(root.rglob("*.docx"))}


def pages_of(data: bytes) -> list[list[Para]]:
    """The tests' own page split: a new page at each paragraph with a page break before it."""
    pages: list[list[Para]] = [[]]
    for paragraph in paragraphs(data):
        if paragraph.starts_page and pages[-1]:
            pages.append([])
        pages[-1].append(paragraph)
    return pages


CAPTION = re.compile(r"^\[Signature Page to (.+)\]$")


def captions(data: bytes) -> list[str]:
    """What each page after the cover says it signs."""
    found = []
    for page in pages_of(data)[1:]:
        first = next(" ".join(p.text.split()) for p in page if p.text.strip())
        match = CAPTION.match(first)
        assert match, first
        found.append(match.group(1))
    return found


def cover(data: bytes) -> str:
    return " ".join(" ".join(p.text.split()) for p in pages_of(data)[0])


# ---------------------------------------------------------------- which packets, which pages


@pytest.mark.parametrize("deal", list(EXPECTED))
def test_one_packet_per_signer_holding_exactly_their_pages(built, deal):
    packets = packets_in(built[deal])
    assert sorted(packets) == sorted(EXPECTED[deal])
    for slug, documents in EXPECTED[deal].items():
        assert captions(packets[slug]) == documents, slug


def test_each_page_of_a_packet_starts_a_new_page_and_the_cover_lists_them(built):
    for slug, documents in BRIDGE.items():
        data = packets_in(built["bridge-example"])[slug]
        pages = pages_of(data)
        assert len(pages) == 1 + len(documents), slug
        text = cover(data)
        assert text.startswith(("Signature Packet", "Release Notice Signature Packet"))
        rows = [row for row in open_docx(data).tables[0].rows][1:]
        assert [row.cells[0].text for row in rows] == [f"{n}." for n in range(1, len(documents) + 1)]
        names = [row.cells[1].text for row in rows]
        short = {EA: "Escrow Agreement", RN: "Release Notice", NPA: "Note Purchase Agreement", SA: "Security Agreement"}
        assert [short.get(d) or re.sub(r" in the principal amount of \$[\d,.]+|, dated March 4, 2026", "", d)
                for d in documents] == names


def test_the_attesting_officer_signs_every_note_and_nothing_else(built):
    data = packets_in(built["bridge-example"])["daniel-osei"]
    text = cover(data)
    assert "Signatory: Daniel Osei" in text
    assert f"Signing for: {NORTHWIND} (the Maker), as its Secretary, attesting its signing officer's signature" in text
    assert [row.cells[2].text for row in open_docx(data).tables[0].rows[1:]] == ["Attesting officer"] * 3
    # the note's page is signed twice: the officer's packet and the attesting officer's hold the same page
    company = pages_of(packets_in(built["bridge-example"])["priya-raman"])
    attest = pages_of(data)
    assert [p.text for p in company[3]] == [p.text for p in attest[1]]


def test_a_note_page_names_its_number_principal_and_payee(built):
    """Three notes' signature pages are no longer alike: a page signed for one cannot pass for another."""
    pages = pages_of(packets_in(built["bridge-example"])["priya-raman"])[3:6]
    texts = [" ".join(" ".join(p.text.split()) for p in page) for page in pages]
    assert len(set(texts)) == 3
    for text, caption in zip(texts, BRIDGE_NOTES, strict=True):
        assert text.startswith(f"[Signature Page to {caption}] IN WITNESS WHEREOF, the Maker has caused this Note")
        assert "ATTEST:" in text and "Name: Daniel Osei Title: Secretary" in text


def test_covers_say_who_signs_for_whom_through_what(built):
    bridge = packets_in(built["bridge-example"])
    assert ("Signatory: Elena Marsh Signing for: Harborview Capital Partners, L.P., as a Purchaser (Managing Member "
            "of Harborview Capital GP, LLC, its general partner)") in cover(bridge["elena-marsh"])
    assert "Signing for: Margaret Chen, individually, as a Purchaser" in cover(bridge["margaret-chen"])
    fund = packets_in(built["fund-example"])
    assert ("Signing for: Juniper Ridge Partners II, L.P., as a Purchaser (Managing Member of Juniper Ridge Holdings, "
            "LLC, managing member of Juniper Ridge GP II, LLC, its general partner)") in cover(fund["nadia-feld"])
    # a trust is no person: its trustees are the purchaser, as the documents name them (a partner's read)
    assert ("Signatory: Ruth A. Calloway Signing for: Ruth A. Calloway and Peter M. Calloway, as trustees of the "
            "Calloway Family Revocable Trust u/a/d June 14, 2011, as a Purchaser (as trustee)") in cover(fund["ruth-a-calloway"])
    assert ("Signing for: Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of survivorship, "
            "as a Purchaser (as one of the joint holders)") in cover(fund["laura-j-whitaker"])
    agent = cover(packets_in(built["roo-2005-escrow"])["kramer-levin-naftalis-frankel-llp"])
    assert "Signatory: an authorized signatory of Kramer Levin Naftalis & Frankel LLP" in agent


COUNSEL = ("to company counsel, Marcus Lowell, Lowell & Park LLP, 75 Rockefeller Plaza, 18th Floor, New York, New York "
           "10019, mlowell@lowellpark.example, (212) 555-0150")  # the bridge's company_counsel, also paid from escrow


def test_a_cover_asks_for_one_page_or_for_each_page_as_there_are(built):
    """"Please sign each ... and return all of them" for one page reads as a form letter."""
    for slug, documents in BRIDGE.items():
        text = cover(packets_in(built["bridge-example"])[slug])
        agent = (f"to the Escrow Agent, Thomas Whitfield, {WHITFIELD}, 1 Liberty Plaza, 40th Floor, New York, New York "
                 "10006, twhitfield@whitfieldcrane.example ({})")
        release, pages = "Escrow Agreement, Section 1.4", "Note Purchase Agreement, Section 3.4"  # whose duty it is
        by = ", by March 2, 2026, the date of the Escrow Agreement and the Note Purchase Agreement."
        if slug.startswith("at-release/"):
            assert len(documents) == 1 and ("Sign the page listed below where indicated and return it "
                                            f"{agent.format(release)}.") in text, slug
        elif slug == "daniel-osei":  # the attesting officer signs on the originals the signatory signs
            assert (f"This packet shows the {len(documents)} pages listed below. Please sign each attestation{by[1:-1]}, "
                    f"and return the attested notes {COUNSEL}.") in text, slug
        elif slug == "thomas-whitfield":  # the escrow agent's own page: it receives the others'; company counsel its
            assert ("This packet holds the page listed below. Please sign it where indicated and return it "
                    f"{COUNSEL}{by} Please do not date or change any page.") in text, slug
        elif slug == "priya-raman":  # the notes' maker's: each note a single original, the agent holds copies of
            assert (f"This packet holds the {len(documents)} pages listed below. Please sign each where indicated "
                    f"and return the 3 pages other than the notes (Escrow Agreement, Note Purchase Agreement and Security Agreement) {COUNSEL}{by[:-1]}; Daniel Osei returns the notes there once "
                    "attested; company counsel sends a copy of each signed page to the Escrow Agent (Note Purchase Agreement, "
                    "Section 3.4). The notes, dated March 4, 2026, the expected closing date, are signed now and held by company "
                    "counsel until the closing. The Security Agreement, dated March 4, 2026, the expected closing date, "
                    "is signed now, with the other pages: it binds when signed, and its security interest attaches at the "
                    "closing, on the release of the escrowed funds. Please do not date or change any page.") in text, slug
        elif len(documents) == 1:
            assert (f"This packet holds the page listed below. Please sign it where indicated and return it "
                    f"{agent.format(pages)}{by} Please do not date or change any page.") in text, slug
        else:
            assert (f"This packet holds the {len(documents)} pages listed below. Please sign each where indicated and "
                    f"return all of them {agent.format(pages)}{by}") in text, slug
    assert {len(documents) == 1 for slug, documents in BRIDGE.items() if not slug.startswith("at-release/")} == {True, False}


def test_a_cover_says_whom_to_return_the_pages_to_and_by_when(built, tmp_path):
    """A partner's read: "return all of them" said neither to whom nor by when. With an escrow the pages go to the
    escrow agent (the escrow agreement has it receive them: Section 1.2; the release notice, Section 1.4), by the
    date of the agreements (a second read: not the later closing, when the escrow agent would have to hold funds
    under an agreement nobody had signed); the agent's own packet goes to company counsel, and so do the notes' maker's
    (each note a single original, held for the closing), counsel sending copies to the agent; without an escrow, the
    date only; the term sheet's `signature_pages_to`, where given, in every packet. A partner's read of the fund
    example: the escrow agent was named with no person or address, and its own packet with no one to return it to;
    the escrow agent is now named with the person notices go to (the escrow agreement's Section 2.2: its signatory),
    its address and that person's email (what the term sheet does not give is left out: a signer reads the cover)."""
    import yaml

    from dealdocs.pipeline import Builder

    roo = packets_in(built["roo-2005-escrow"])
    assert ("Please sign it where indicated and return it to the Escrow Agent, Kramer Levin Naftalis & Frankel LLP, "
            "1177 Avenue of the Americas, New York, New York 10036 (Escrow Agreement, Section 1.2), "
            "by October 20, 2005, the date of the Escrow Agreement. Please do not date") in cover(roo["claire-donovan"])
    # its payment to counsel does not say whose counsel it is (DD194): no company counsel to name
    assert ("and return it to company counsel by October 20, 2005, the date of the "
            "Escrow Agreement. Please do not date") in cover(roo["kramer-levin-naftalis-frankel-llp"])
    note = packets_in(built["roo-2005-note"])
    assert ("Please sign each where indicated and return the 2 pages other than the note (Note Purchase Agreement and Security Agreement) to company counsel by May 18, 2005, the "
            "date of the Note Purchase Agreement and the Security Agreement; Lina Nguyen returns the note there once "
            "attested. The note, dated May 18, 2005, the closing date, is delivered to its holder at the closing by "
            "company counsel. Please do not date") in cover(note["robin-smyth"])
    assert ("Please sign each where indicated and return all of them to company counsel by May 18, 2005, the date of the Note Purchase "
            "Agreement and the Security Agreement. "
            "Please do not date") in cover(note["robert-petty"])  # no escrow: to company counsel (DD147 warns)
    # a partner's read: the maker's packet said to return its pages to no one; copies go to the escrow agent
    assert ("company counsel sends a copy of each signed page to the Escrow Agent (Note Purchase Agreement, Section 3.4)"
            in cover(packets_in(built["bridge-example"])["priya-raman"]))

    data = yaml.safe_load((docx_helpers.REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8"))
    data["signature_pages_to"] = "Jane Doe, Whitfield & Crane LLP, jdoe@whitfieldcrane.example"
    sheet = tmp_path / "to.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").build(sheet)
    assert result.ok, [str(f) for f in result.findings]
    jane = "Jane Doe, Whitfield & Crane LLP, jdoe@whitfieldcrane.example"
    packets = packets_in(tmp_path / "out" / "to")
    for slug, packet in packets.items():  # the notes, single originals, go to company counsel, which delivers them
        if slug in ("priya-raman", "daniel-osei"):
            continue
        assert f" to {jane}" in cover(packet), slug
        returned = cover(packet).split("Besides ")[0]  # not the agent's own duties, nor where a purchaser's papers go
        assert "Escrow Agreement, Section 1.2" not in returned and "company counsel, " not in returned, slug
    assert (f"Please sign each where indicated and return the 3 pages other than the notes (Escrow Agreement, Note Purchase Agreement and Security Agreement) to {jane}, by March 2, 2026, the date of "
            f"the Escrow Agreement and the Note Purchase Agreement; Daniel Osei returns the notes {COUNSEL}, once "
            "attested; company counsel sends a copy of each note to the Escrow Agent (Note Purchase Agreement, "
            "Section 3.4).") in cover(packets["priya-raman"])
    assert f"and return the attested notes {COUNSEL}. The notes" in cover(packets["daniel-osei"])

    data["signature_pages_to"] = "Jane Roe, Lowell & Park LLP, jroe@lowellpark.example"  # company counsel's: every page
    del data["company_counsel"]  # named by the escrow's payment alone: reached where signature_pages_to says
    sheet = tmp_path / "counsel.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert Builder(output_dir=tmp_path / "out").build(sheet).ok
    packets = packets_in(tmp_path / "out" / "counsel")
    assert ("Please sign each where indicated and return the 3 pages other than the notes (Escrow Agreement, Note Purchase Agreement and Security Agreement) to company counsel, Jane Roe, Lowell & "
            "Park LLP, jroe@lowellpark.example, by March 2, 2026, the date of the Escrow Agreement and the Note "
            "Purchase Agreement; Daniel Osei returns the notes there once attested. The notes") in cover(packets["priya-raman"])
    assert ("return it to company counsel, Jane Roe, Lowell & Park LLP, jroe@lowellpark.example, by March 2, 2026"
            in cover(packets["thomas-whitfield"]))


def test_without_an_escrow_the_note_goes_to_the_company_counsel_that_delivers_it(built):
    """A reviewer's read of the 2005 note deal (no escrow, no `signature_pages_to`): the maker's cover asked for its
    pages, the note among them, back from no one, and the attesting officer's ended "and return the attested note."
    with no one to return it to, while both said company counsel delivers the note at the closing. The note goes to
    company counsel on both covers now, as the checklist has it deliver the note; the purchaser's pages still name no
    one (nothing in the term sheet or the documents says who collects them)."""
    note = packets_in(built["roo-2005-note"])
    held = ("The note, dated May 18, 2005, the closing date, is delivered to its holder at the closing by company "
            "counsel.")  # no longer "expected": the agreement closes as it is signed (a partner's read, session 62)
    assert ("This packet holds the 3 pages listed below. Please sign each where indicated and return the 2 pages other "
            "than the note (Note Purchase Agreement and Security Agreement) to company counsel by May 18, 2005, the date of the Note Purchase Agreement and the Security "
            f"Agreement; Lina Nguyen returns the note there once attested. {held}") in cover(note["robin-smyth"])
    assert ("This packet shows the page listed below. Please sign the attestation by May 18, 2005, the date of the "
            f"Note Purchase Agreement and the Security Agreement, and return the attested note to company counsel. {held}") in cover(note["lina-nguyen"])
    checklist = (built["roo-2005-note"] / "closing-checklist.md").read_text(encoding="utf-8")
    assert "company counsel (delivers the note)" in checklist  # one note (a new user's trial: "the notes")


FUND_AGENT = "the Escrow Agent, Hannah Roe, Bellamy & Roe LLP, 120 Broad Street, 22nd Floor, New York, New York 10004"
FUND_COUNSEL = ("company counsel, Irene Stroud, Fenwick Stroud LLP, 1290 Avenue of the Americas, 22nd Floor, New York, "
                "New York 10104, istroud@fenwickstroud.example, (212) 555-0144")  # its company_counsel, paid from escrow as such


def test_the_example_covers_name_one_keeper_of_the_notes_and_how_to_reach_whom_they_return_to(built, tmp_path):
    """A partner's read of the fund example (signed June 8, notes dated June 10, the closing) and the convertible
    one (no escrow, signed and closed the same day). The officer's cover asked for every page by June 8, "the date
    of the agreements", five of them notes dated June 10, and had the officer keep the notes for the closing, where
    the checklist has company counsel deliver them; the purchasers' covers named the escrow agent with no person,
    email or address; the escrow agent's own cover and the attesting officers' named no one to return pages to (the
    attesting officers', no date either). Now the officer and the attesting officer return the notes to company
    counsel (the fund's: its company_counsel, with the person, address, email and phone signers reach; a partner's
    later read found the firm named with no way to reach it), which holds them, signed now,
    until the closing, as the checklist has it; the escrow agent is named with the person notices go to, its address,
    and what the term sheet does not give."""
    fund = packets_in(built["fund-example"])
    assert ("This packet holds the 7 pages listed below. Please sign each where indicated and return the 2 pages other "
            f"than the notes (Escrow Agreement and Note Purchase Agreement) to {FUND_COUNSEL}, by June 8, 2026, the date of the Escrow Agreement and the Note Purchase "
            "Agreement; Maya Lindqvist returns the notes there once attested; company counsel sends a copy of each "
            "signed page to the Escrow Agent (Note Purchase Agreement, Section 3.4). The notes, dated June 10, 2026, the expected closing date, are "
            "signed now and held by company counsel until the closing. Please do not date or change any page."
            ) in cover(fund["owen-hartley"])
    assert "keep the signed notes" not in cover(fund["owen-hartley"])
    assert ("This packet shows the 5 pages listed below. Please sign each attestation by June 8, 2026, the date of the "
            f"Escrow Agreement and the Note Purchase Agreement, and return the attested notes to {FUND_COUNSEL}. The notes, dated June 10, 2026, the expected closing "
            "date, are signed now and held by company counsel until the closing. Please do not date or change any "
            "page.") in cover(fund["maya-lindqvist"])
    checklist = (built["fund-example"] / "closing-checklist.md").read_text(encoding="utf-8")
    assert ("| note-register | Company: Maya Lindqvist, Secretary (keeps the register); company counsel, Irene Stroud, Fenwick "
            "Stroud LLP, istroud@fenwickstroud.example (delivers the notes) |") in checklist
    assert (f"Please sign it where indicated and return it to {FUND_COUNSEL}, "
            "by June 8, 2026, the date of the Escrow Agreement and the Note Purchase Agreement.") in cover(fund["hannah-roe"])
    for slug in FUND_PURCHASERS:
        assert (f"Please sign each where indicated and return all of them to {FUND_AGENT} (Note Purchase "
                "Agreement, Section 3.4), by June 8, 2026, the date of the Escrow Agreement and the Note Purchase Agreement.") in cover(fund[slug])
    for slug in ["owen-hartley", *FUND_PURCHASERS]:
        assert (f"Sign the page listed below where indicated and return it to {FUND_AGENT} (Escrow Agreement, Section "
                "1.4).") in cover(fund[f"at-release/{slug}"])

    convertible = packets_in(build_example("convertible-example", tmp_path / "built"))
    counsel = f"company counsel, Nora Pell, Ashgrove & Pell LLP, {ASHGROVE}, npell@ashgrovepell.example"
    # "the closing date", not "the expected" one: the agreement closes as it is signed, its Section 3.1 says (a
    # partner's read, session 62)
    closing = ("The notes, dated April 15, 2026, the closing date, are delivered to their holders at the closing by "
               "company counsel. Please do not date or change any page.")
    # the notes to company counsel, which delivers them (a partner's read: the notes went to Nora Pell, whom the
    # checklist does not have deliver them); the term sheet names the firm company counsel, where signature_pages_to
    # sends the agreement's page too, so the maker's pages all go there
    assert (f"Please sign each where indicated and return the Note Purchase Agreement page to {counsel}, by April 15, 2026, the date "
            f"of the Note Purchase Agreement; Rafael Okonkwo returns the notes there once attested. {closing}"
            ) in cover(convertible["amara-lindqvist"])
    assert ("This packet shows the 2 pages listed below. Please sign each attestation by April 15, 2026, the date of "
            f"the Note Purchase Agreement, and return the attested notes to {counsel}. {closing}") in cover(convertible["rafael-okonkwo"])
    for slug in ("naomi-feldstein", "jonathan-a-whitcombe"):
        # signature_pages_to names company counsel's Nora Pell: named as company counsel, as elsewhere (a partner's read)
        assert f"Please sign it where indicated and return it to {counsel}, by April 15, 2026" in cover(convertible[slug])


ASHGROVE = "200 Clarendon Street, 31st Floor, Boston, Massachusetts 02116"  # the convertible example's company counsel


def test_the_covers_and_the_checklist_name_the_company_counsel_the_term_sheet_names(tmp_path):
    """A partner's read of the convertible example (no escrow): the covers told the company's officers to return the
    signed notes to "company counsel", naming no one, and the checklist had "company counsel" deliver them, draft the
    consents and file Form D: nothing in the term sheet could say who that was. Its `company_counsel` names the firm
    and the person to reach there; the covers send the notes to that person, at the firm's address and email, and
    the checklist names the person, the firm and the email wherever company counsel acts."""
    folder = build_example("convertible-example", tmp_path / "built")
    packets = packets_in(folder)
    for slug in ("amara-lindqvist", "rafael-okonkwo"):
        text = cover(packets[slug])
        assert (f"to company counsel, Nora Pell, Ashgrove & Pell LLP, {ASHGROVE}, npell@ashgrovepell.example"
                in text), text
        assert not re.search(r"to company counsel[.,] (?!Nora Pell)", text), text  # nowhere unnamed
    checklist = (folder / "closing-checklist.md").read_text(encoding="utf-8")
    named = "ompany counsel, Nora Pell, Ashgrove & Pell LLP, npell@ashgrovepell.example"
    assert (f"| Company: Rafael Okonkwo, Secretary (keeps the register); c{named} (delivers the notes) |" in checklist)
    # Form D, which an officer signs (a partner's read: no one in the company was named for it)
    assert f"| C{named} (files it for the company); Company: Amara Lindqvist, Chief Executive Officer (signs it) |" in checklist
    rows = [line for line in checklist.splitlines() if "ompany counsel" in line]
    assert len(rows) >= 10 and all(named in row for row in rows), [row for row in rows if named not in row]


def test_without_an_escrow_or_signature_pages_to_every_cover_returns_to_the_company_counsel_named(tmp_path):
    """A reviewer's read of the 2005 note deal given a `company_counsel` (as DD147 asks): the officers' covers sent the
    notes to company counsel, named, but the purchaser's said "return all of them by May 18, 2005", to no one."""
    import yaml

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((docx_helpers.REPO / "deals" / "roo-2005-note.yaml").read_text(encoding="utf-8"))
    data["company_counsel"] = {"name": "Sichenzia Ross LLP", "contact": {"name": "Gregory Sichenzia", "email": "gs@srff.example"}}
    path = tmp_path / "roo-note.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out", wire_confirmed=True).build(path)
    assert result.ok, [str(f) for f in result.findings]
    packets = packets_in(tmp_path / "out" / "roo-note")
    assert len(packets) == 3
    for slug, data in packets.items():
        assert re.search(r"return (?:all of them|the attested note|the 2 pages other than the note \(Note Purchase Agreement and Security Agreement\)) to company counsel, Gregory "
                         r"Sichenzia, Sichenzia Ross LLP, gs@srff\.example", cover(data)), (slug, cover(data))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_warns_of_company_counsel_named_nowhere_exactly_where_a_cover_sends_pages_to_it(name, built):
    """DD147 warns where a cover says "return ... to company counsel" with no one named: its rule
    (`closing.notes_delivery.counsel_receives`, read with the escrow's naming of counsel) is the covers' own. Of the
    examples, the 2005 note deal (the notes) and the 2005 escrow (the escrow agent's own page)."""
    from dealdocs.pipeline import Builder

    unnamed = [slug for slug, packet in packets_in(built[name]).items()
               if re.search(r"to company counsel(?![,] [A-Z])", cover(packet))]
    warned = [f for f in Builder().load(docx_helpers.REPO / "deals" / f"{name}.yaml").findings if f.code == "DD147"]
    assert bool(unnamed) == bool(warned), (unnamed, warned)
    assert bool(warned) == name.startswith("roo-2005"), name


def test_the_term_sheets_company_counsel_is_reached_where_the_escrow_names_the_same_firm(tmp_path):
    """The bridge's escrow pays Lowell & Park LLP as counsel to the company; a `company_counsel` naming that firm (its
    name spelt otherwise) adds the person to reach: the escrow agent's own page and the notes go to her, named."""
    import yaml

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((docx_helpers.REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8"))
    data["company_counsel"] = {"name": "Lowell & Park, LLP", "contact": {"name": "Jane Roe", "email": "jroe@lowellpark.example",
                                                                         "phone": "(212) 555-0142"}}
    sheet = tmp_path / "counsel.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").build(sheet)
    assert result.ok and [f.code for f in result.findings if f.code in ("DD147", "DD148")] == [], result.findings
    # the purchase agreement's notices copy counsel, spelt as the escrow spells the firm (one spelling in the set)
    agreement = " ".join(docx_helpers.text_of((tmp_path / "out" / "counsel" / "note-purchase-agreement.docx").read_bytes()).split())
    assert "with a copy (which shall not constitute notice) to: Lowell & Park LLP Attention: Jane Roe Email:" in agreement
    packets = packets_in(tmp_path / "out" / "counsel")
    jane = "company counsel, Jane Roe, Lowell & Park LLP, jroe@lowellpark.example, (212) 555-0142"  # as the escrow spells it
    assert f"Please sign it where indicated and return it to {jane}, by March 2, 2026" in cover(packets["thomas-whitfield"])
    assert f"and return the attested notes to {jane}. The notes" in cover(packets["daniel-osei"])
    assert f"return the 3 pages other than the notes (Escrow Agreement, Note Purchase Agreement and Security Agreement) to {jane}, by March 2, 2026" in cover(packets["priya-raman"])


NOTES_RETURNED = re.compile(r"returns? (?:the attested notes?|the notes?|all of them|it) to (.+?)(?:,? by [A-Z]|,? and the (?:\d+ pages other|[A-Z][A-Za-z ]+ page) |; |\. | once attested)")
THERE = re.compile(r"return (?:the \d+ pages other than the notes? \([^)]*\)|the [A-Z][A-Za-z ]+ page) to (.+?)(?:,? by [A-Z]|; |\. ).*returns the notes? there once attested")
"""Whom a cover has return the notes to: the attesting officer's, "return the attested notes to ..."; the maker's,
"return the 3 pages other than the notes (...) to ...; Daniel Osei returns the notes there once attested" (or "... returns the notes to
..." when the other pages go elsewhere)."""


def delivers_the_notes(checklist: str) -> str:
    """Who the closing checklist's note-register row has deliver the notes: "company counsel", and how to reach it
    where the term sheet names it ("company counsel, Nora Pell, Ashgrove & Pell LLP, npell@ashgrovepell.example")."""
    row = next(line for line in checklist.splitlines() if "| note-register |" in line)
    match = re.search(r"(?:^|; )([^;]+?) \(delivers the notes\)", row.split(" | ")[3])
    assert match, row
    return match.group(1)


@pytest.mark.parametrize("example", ["convertible-example", "bridge-example"])
def test_the_covers_send_the_signed_notes_to_whoever_the_checklist_has_deliver_them(example, built, tmp_path):
    """A partner's read of the convertible example: the covers of the notes' maker and attesting officer said to
    return the executed notes to the person the term sheet's `signature_pages_to` names, while the closing checklist
    said company counsel delivers them. A note is a single original the company delivers to its purchaser at the
    closing (the Note Purchase Agreement's Section 3.2), through whoever the checklist names; every cover of a packet
    holding a note sends the notes to that one, and says it holds or delivers them."""
    folder = built[example] if example in built else build_example(example, tmp_path / "built")
    deliverer = delivers_the_notes((folder / "closing-checklist.md").read_text(encoding="utf-8"))
    holding = {slug: packet for slug, packet in packets_in(folder).items()
               if any("Promissory Note No." in caption for caption in captions(packet))}
    assert len(holding) == 2, sorted(holding)  # the maker and the attesting officer
    for slug, packet in holding.items():
        text = cover(packet)
        returned = THERE.search(text) or NOTES_RETURNED.search(text)
        assert returned, (slug, text)
        role, *reach = deliverer.split(", ")  # the cover adds the firm's address, where the term sheet gives it
        assert returned.group(1).startswith(role) and all(part in returned.group(1) for part in reach), (
            slug, deliverer, returned.group(0))
        assert f"by {role} " in text or f"by {role}." in text, (slug, text)


def test_a_note_is_signed_and_attested_on_one_original(built):
    """A partner's read: the signing officer's and the attesting officer's packets each held each note's signature
    page, and "sign each ... and return all" made two copies of each note, one signed, one attested; an attestation
    on another copy attests nothing. Both covers now say: one original, both signatures on the same page."""
    packets = packets_in(built["bridge-example"])
    signatory, attester = cover(packets["priya-raman"]), cover(packets["daniel-osei"])
    assert ("Each note is a single original: sign its page here, then give it to Daniel Osei (Secretary), who "
            "attests your signature on that same signed page (or both sign in one electronic signature envelope). Do "
            "not sign a second copy of any note.") in signatory
    # a partner's read: both covers told their signer to return the notes; the maker's now says who does
    assert "Daniel Osei returns the notes there once attested" in signatory and "return all" not in signatory
    assert "Please sign each where indicated" in signatory  # the agreements it signs alone
    assert ("You attest the signature of Priya Raman (Chief Executive Officer) for Northwind Analytics, Inc. on "
            "each note, which is a single original. Sign the attestation on the page Priya Raman has signed (or in "
            "the same electronic signature envelope), not on a copy of your own") in attester
    assert "Please sign each where indicated" not in attester and "return all" not in attester
    assert "Please sign each attestation by March 2, 2026" in attester  # on the originals, by the maker's date
    for slug, data in packets.items():
        if slug not in ("priya-raman", "daniel-osei"):
            assert "attest" not in cover(data), slug


def test_a_person_who_signs_and_attests_is_told_which_pages_to_sign_here(tmp_path):
    """A reviewer's case: a purchaser who is also the company's attesting officer was asked to "sign each ... and
    return all of them", then not to sign the attestation pages on a copy."""
    from dealdocs.pipeline import Builder

    text = (docx_helpers.REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8")
    assert text.count("name: Daniel Osei") == 1
    sheet = tmp_path / "mixed.yaml"
    sheet.write_text(text.replace("name: Daniel Osei", "name: Margaret Chen"), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out").build(sheet)
    assert result.ok, [str(f) for f in result.findings]
    chen = cover(packets_in(tmp_path / "out" / "mixed")["margaret-chen"])
    # her own pages go to the escrow agent; the notes she attests are signed on the maker's originals
    assert ("Please sign each where indicated, except those listed as attesting officer (see below), and return all "
            "of them to the Escrow Agent, Thomas Whitfield, Whitfield & Crane LLP, 1 Liberty Plaza, 40th Floor, New "
            "York, New York 10006, twhitfield@whitfieldcrane.example (Note Purchase Agreement, Section 3.4), by March 2, "
            "2026, the date of the Escrow Agreement and the Note Purchase Agreement.") in chen  # (a partner's read,
    # session 58: the parties' duty to send their pages to the agent is the purchase agreement's, not Escrow 1.2's)
    assert "You attest the signature of Priya Raman" in chen


def test_the_release_notice_waits_for_the_escrow_agents_confirmation(built):
    """Item 3 of issue 14: the release notice never goes out pre-dated with the closing packets."""
    for deal in ("bridge-example", "fund-example", "roo-2005-escrow"):
        for slug, data in packets_in(built[deal]).items():
            text = cover(data)
            if slug.startswith("at-release/"):
                assert text.startswith("Release Notice Signature Packet")
                # a partner's read: and the other closing documents, which Sections 1.2 and 1.4 wait for too
                # a later read: the purchase agreement built with the escrow says which (its Section 3.4)
                which = ("the Purchase Agreement requires" if deal == "roo-2005-escrow" else
                         "Section 3.4 of the Purchase Agreement requires to be delivered to it")
                assert "For signature at the release of escrow only. Do not sign until the Escrow Agent has " \
                       "confirmed that it holds every Purchaser's subscription amount, all signature pages and the " \
                       f"other closing documents {which} (Escrow Agreement, Sections 1.2 and 1.4)." in text
                # the company dates its page only on the line recording the day of its bring-down (a partner's read
                # of the fund example, session 60: "remain true ... on the date on which it signs", recorded nowhere)
                dating = ("Date the page only on its line \u201cDate signed by the Company\u201d" if "as the Company" in text
                          else "Do not date this page")
                assert f"{dating}: the notice is dated as of the day the Escrow Agent receives it signed by the " \
                       "Company and every Purchaser." in text  # as the release notice says of itself
                # a partner's read: the cover said only that the signature "authorizes the release"
                # a fund's obligation, not its signer's (a partner's read, session 57); a person's or trustee's "your"
                entity = re.search(r"Signing for: (.+?), as a Purchaser", text)
                whose = (f"{entity.group(1)}\u2019s" if entity and "individually" not in entity.group(1)
                         and " as trustee" not in entity.group(1) and " as joint" not in entity.group(1)
                         and " and " not in entity.group(1).split(",")[0] else "your")
                states = ("It also states that each condition to the Company's obligation to sell has been satisfied"
                          if "as the Company" in text else
                          f"It also states that each condition to {whose} obligation to purchase has been satisfied")
                assert states in text, text
                # a partner's read (session 56): a purchaser checking the conditions was told of no part of the
                # security package, though the secured notes' release waits on it
                security = (", including the control agreement of the account the net proceeds are released into, signed "
                            "by the Company, the bank and {} (Purchase Agreement, Section 3.5(c)(vi)), the lien search "
                            "reports (Purchase Agreement, Section 3.5(d)) and evidence of the UCC-1 filing (Purchase "
                            "Agreement, Section 3.5(e)).")  # (a code review: and "you" on the designee's own cover)
                # (a partner's read, session 58: "you" alone on the cover of the fund's signer; she signs for the fund)
                signer = ("you for Harborview Capital Partners, L.P." if slug == "at-release/elena-marsh" else
                          "Harborview Capital Partners, L.P.")
                assert (security.format(signer) in text) is (deal == "bridge-example" and "obligation to purchase" in text), (deal, text)
                assert captions(data) == [RELEASE[deal]]
            else:
                assert RELEASE[deal] not in captions(data)
                signs_release = f"at-release/{slug}" in EXPECTED[deal]
                assert ("The Release Notice, which authorizes the Escrow Agent to release the escrowed funds, is not in this packet" in text) is signs_release
    notice = text_of((built["bridge-example"] / "release-notice.docx").read_bytes())
    assert "dated as of the date on which the Escrow Agent receives it signed by all of the undersigned." in notice
    assert "day of" not in notice and "20__" not in notice  # nothing for a signer to date, as the packets ask


def test_a_release_notice_signed_and_dated_says_so(tmp_path):
    import yaml
    from docx_helpers import REPO

    from dealdocs.pipeline import Builder

    data = yaml.safe_load((REPO / "deals" / "bridge-example.yaml").read_text(encoding="utf-8"))
    data["escrow"]["release_date"] = "2026-03-05"
    path = tmp_path / "dated.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert Builder(output_dir=tmp_path / "out").build(path).ok
    packets = packets_in(tmp_path / "out" / "dated")
    assert "The notice is dated as of March 5, 2026. " in cover(packets["at-release/elena-marsh"])
    # the Company's page is dated on its own line too, the day its representations speak on (a code review: the
    # cover of a notice dated in the term sheet did not say so)
    assert ("The notice is dated as of March 5, 2026; date the page only on its line \u201cDate signed by the "
            "Company\u201d.") in cover(packets["at-release/priya-raman"])


def test_a_purchasers_packet_holds_no_page_of_anyone_else(built):
    packets = packets_in(built["bridge-example"])
    for slug, name in (("elena-marsh", HARBORVIEW), ("david-okafor", QUARRY), ("margaret-chen", CHEN)):
        pages = " ".join(" ".join(p.text.split()) for page in pages_of(packets[slug])[1:] for p in page[1:]).casefold()
        # (each page's first line is its caption, which names the deal's parties: what is signed, not who signs)
        assert name.casefold() in pages
        for other in {HARBORVIEW, QUARRY, CHEN, NORTHWIND, WHITFIELD} - {name}:
            assert other.casefold() not in pages, (slug, other)


def test_joint_holders_and_trustees_each_sign_the_same_page(built):
    packets = packets_in(built["fund-example"])
    for first, second in (("samuel-k-whitaker", "laura-j-whitaker"), ("ruth-a-calloway", "peter-m-calloway")):
        one, two = pages_of(packets[first])[1:], pages_of(packets[second])[1:]
        assert [[p.text for p in page] for page in one] == [[p.text for p in page] for page in two]


# ---------------------------------------------------------------- the packets' pages are the documents' pages


def to_pdf(files: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each .docx converted by LibreOffice (one run for all): name -> the PDF's bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    command = [docx_helpers.soffice(), f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder / "pdf"), *(str(folder / name) for name in files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    pdfs = {}
    for name in files:
        pdf = folder / "pdf" / f"{Path(name).stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 0, f"{name}: {done.stderr or done.stdout}"
        pdfs[name] = pdf.read_bytes()
    return pdfs


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def pdf_page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's lines as pdftotext -layout reads them (stripped, blank ones left out), a bare page number at
    its foot left out."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = text.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    result = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and re.fullmatch(r"-?\s*\d+\s*-?", lines[-1]):
            lines.pop()
        result.append(lines)
    return result


def pdf_page_texts(pdf: bytes) -> list[str]:
    """Each page's words as pdftotext reads them, a bare page number at its foot left out."""
    return [" ".join(" ".join(lines).split()) for lines in pdf_page_lines(pdf)]


def test_the_companys_notice_address_stays_on_the_page_of_its_copy_to_counsel(tmp_path):
    """A partner's read (session 58) of the convertible example's purchase agreement as printed: the Company's notice
    address ended page 7 and "with a copy (which shall not constitute notice) to:" began page 8, apart from it."""
    folder = build_example("convertible-example", tmp_path / "built")
    [pages] = to_pdf({"npa.docx": (folder / "note-purchase-agreement.docx").read_bytes()}, tmp_path / "pdf").values()
    lines = pdf_page_lines(pages)
    [page] = [number for number, page in enumerate(lines) if "(a) If to the Company, to:" in " ".join(" ".join(page).split())]
    for line in ("Tessellate Robotics, Inc.", "Cambridge, Massachusetts 02139",
                 "with a copy (which shall not constitute notice) to:", "Ashgrove & Pell LLP"):
        assert line in lines[page], (line, lines[page][-8:])


def test_every_packet_page_is_word_for_word_a_page_of_a_document(built, tmp_path):
    """The partner's test of a packet: each page after the cover, swapped into its document, is that page."""
    files: dict[str, bytes] = {}
    for deal, folder in built.items():
        for path in sorted(folder.rglob("*.docx")):
            if path.name != "closing-checklist.docx":
                files[f"{deal}--{path.relative_to(folder).as_posix().replace('/', '--')}"] = path.read_bytes()
    lines = {name: pdf_page_lines(pdf) for name, pdf in to_pdf(files, tmp_path).items()}
    texts = {name: [" ".join(" ".join(page).split()) for page in pages] for name, pages in lines.items()}
    # and no page of a document ends on a heading or on the words that lead into what follows (a partner's read:
    # "3. REPRESENTATIONS AND WARRANTIES." and its "as follows:" at the foot of a page, 3.1 on the next)
    heading = re.compile(r"(ARTICLE [IVX\d]+|\d+\.)\s+[A-Z][A-Z ,;'\u2019&()-]+\.?")
    stranded = [(name, number, page[-1]) for name, pages in lines.items() if "signature-packets" not in name
                for number, page in enumerate(pages[:-1], start=1)
                if page and not page[0].startswith("[Signature Page") and (page[-1].endswith(":") or heading.fullmatch(page[-1]))]
    assert not stranded, stranded
    for deal in built:
        documents = {page for name, pages in texts.items()
                     if name.startswith(f"{deal}--") and "signature-packets" not in name for page in pages}
        packets = {name: pages for name, pages in texts.items()
                   if name.startswith(f"{deal}--signature-packets")}
        assert len(packets) == len(EXPECTED[deal])
        for name, pages in packets.items():
            slug = name.removeprefix(f"{deal}--signature-packets--").removesuffix(".docx").replace("--", "/")
            signed = pages[-len(EXPECTED[deal][slug]):]
            assert pages[0].startswith(("SIGNATURE PACKET", "RELEASE NOTICE SIGNATURE PACKET")), name
            assert len(pages) == 1 + len(signed), name  # the cover fits one page
            for number, (page, caption) in enumerate(zip(signed, EXPECTED[deal][slug], strict=True), start=2):
                assert page.startswith(f"[Signature Page to {caption}]"), (name, number, page[:120])
                assert page in documents, (name, number, page[:200])
                assert "Signature Packet" not in page  # no packet footer: the cover identifies the packet


# ---------------------------------------------------------------- Word


def test_packets_keep_the_templates_styles_and_carry_no_footer(built):
    folder = built["bridge-example"]
    source = open_docx((folder / "note-purchase-agreement.docx").read_bytes())
    source_styles = {s.style_id: s.element for s in source.styles}
    for slug, data in packets_in(folder).items():
        packet = open_docx(data)
        styles = {s.style_id: s.element for s in packet.styles}
        for style_id in ("Normal", "Signature", "BracketNote"):
            assert style_id in styles, (slug, style_id)
        assert styles["Signature"].xml == source_styles["Signature"].xml
        assert packet.styles["Normal"].font.name == "Times New Roman"
        blocks = [p for p in paragraphs(data) if "______" in p.text]  # the signature lines
        assert blocks and all(p.style == "Signature" for p in blocks), slug
        section = packet.element.body.sectPr
        assert not section.findall(qn("w:footerReference")) and not section.findall(qn("w:headerReference"))
        core = packet.core_properties
        person = {"priya-raman": "Priya Raman", "daniel-osei": "Daniel Osei"}.get(slug.split("/")[-1])
        if person:
            assert core.title.endswith(f"Signature Packet \u2013 {person} for {NORTHWIND}")
        assert core.author == "dealdocs" and core.created is None


def _fonts_on_page(pdf: Path, page: int) -> set[str]:
    """The fonts a PDF page's text is drawn in ("LiberationMono"; subset prefixes and styles cut), read from the
    page's own drawing (its Tf operators): LibreOffice lists every font in resources all pages share."""
    from pypdf import PdfReader

    sheet = PdfReader(pdf).pages[page - 1]
    fonts = sheet["/Resources"]["/Font"]
    used: set[str] = set()

    def visit(operator: bytes, arguments: list, *_: object) -> None:
        if operator == b"Tf":
            used.add(str(fonts[arguments[0]]["/BaseFont"]).lstrip("/").split("+")[-1].split("-")[0])

    sheet.extract_text(visitor_operand_before=visit)
    return used


def test_a_firm_templates_styles_stay_on_its_own_pages(tmp_path):
    """A firm's escrow agreement set in Liberation Mono, the other documents the bundled ones in Times New Roman:
    the officer's packet is built on the escrow agreement, and each page prints in its own document's face, as
    that document prints it (the note purchase agreement's page took the firm's Normal, in Mono, before)."""
    from dealdocs.ooxml.package import packed, unzipped
    from dealdocs.pipeline import Builder

    templates = tmp_path / "firm"
    templates.mkdir()
    parts = unzipped((docx_helpers.REPO / "templates" / "escrow-agreement.docx").read_bytes())
    assert b"Times New Roman" in parts["word/styles.xml"]
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"Times New Roman", b"Liberation Mono")
    (templates / "escrow-agreement.docx").write_bytes(packed(parts))
    result = Builder(output_dir=tmp_path / "out", templates_dir=templates).build(docx_helpers.REPO / "deals" / "bridge-example.yaml")
    assert result.ok, [str(f) for f in result.findings]
    packet = tmp_path / "out" / "bridge-example" / "signature-packets" / "priya-raman.docx"
    pdf = tmp_path / "pdf" / "pdf" / "priya-raman.pdf"
    to_pdf({"priya-raman.docx": packet.read_bytes()}, tmp_path / "pdf")
    texts = pdf_page_texts(pdf.read_bytes())
    # in a face this wide the cover runs over: its table goes on, its heading repeated, its last row with the note
    # under it (never the note alone on a page); the signed pages follow it
    cover = next(n for n, page in enumerate(texts) if page.startswith("[Signature Page"))
    assert all(" ".join(page.split()).startswith("No. Document Signing as Version Page") for page in texts[1:cover])
    captions = [page.split("]")[0] for page in texts[cover:]]
    assert [c.split(" dated")[0].split(" No.")[0].strip(" [") for c in captions] == [
        "Signature Page to Escrow Agreement", "Signature Page to Note Purchase Agreement",
        *["Signature Page to Secured Promissory Note"] * 3, "Signature Page to Security Agreement"]
    assert _fonts_on_page(pdf, cover + 1) == {"LiberationMono"}, "the firm's escrow agreement's page, in its face"
    for page in range(cover + 2, cover + 7):
        assert _fonts_on_page(pdf, page) == {"LiberationSerif"}, f"page {page}: the bundled template's, in Times"
    document = open_docx(packet.read_bytes())
    assert document.styles["Normal"].font.name == "Liberation Mono", "the packet is the escrow agreement's"
    assert document.styles["Normal (note-purchase-agreement)"].font.name == "Times New Roman"


def test_a_signature_page_opening_with_a_table_is_copied_whole(tmp_path):
    """A firm's note purchase agreement whose company signature page starts with a table (its caption in a cell,
    after a page break): the page goes into the packet whole, a paragraph before the table starting its page and
    holding the cover's bookmark (the build stopped on an internal error before)."""
    from lxml import etree

    from dealdocs.ooxml.package import packed, unzipped
    from dealdocs.pipeline import Builder

    templates = tmp_path / "firm"
    templates.mkdir()
    parts = unzipped((docx_helpers.REPO / "templates" / "note-purchase-agreement.docx").read_bytes())
    root = etree.fromstring(parts["word/document.xml"])
    caption = next(p for p in root.iter(qn("w:p"))
                   if "".join(t.text or "" for t in p.iter(qn("w:t"))).startswith("[Signature Page to"))
    for flag in caption.iter(qn("w:pageBreakBefore")):
        flag.getparent().remove(flag)
    table = etree.fromstring(f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="9360" w:type="dxa"/></w:tblPr>'
                             '<w:tblGrid><w:gridCol w:w="9360"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
                             '<w:tcW w:w="9360" w:type="dxa"/></w:tcPr></w:tc></w:tr></w:tbl>')
    breaks = etree.fromstring(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')
    caption.addprevious(breaks)
    caption.addprevious(table)
    table.find(f"{qn('w:tr')}/{qn('w:tc')}").append(caption)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    (templates / "note-purchase-agreement.docx").write_bytes(packed(parts))
    result = Builder(output_dir=tmp_path / "out", templates_dir=templates).build(
        docx_helpers.REPO / "deals" / "bridge-example.yaml")
    assert result.ok, [str(f) for f in result.findings]
    packet = (tmp_path / "out" / "bridge-example" / "signature-packets" / "priya-raman.docx").read_bytes()
    assert captions(packet) == BRIDGE["priya-raman"]
    body = open_docx(packet).element.body
    start = next(p for p in body.iter(qn("w:p")) if p.find(f".//{qn('w:bookmarkStart')}") is not None
                 and p.find(f".//{qn('w:bookmarkStart')}").get(qn("w:name")) == "_DealdocsSignaturePage2")
    assert start.getparent() is body and start.getnext().tag == qn("w:tbl")
    assert Para("", "", start).starts_page and not "".join(start.itertext()).strip()


A4, LETTER = (595, 842), (612, 792)  # PDF points, as LibreOffice rounds them


def _with_firm_page_setup(document_xml: bytes, where: str) -> bytes:
    """The escrow agreement's document.xml on A4 with 1.5" margins: the whole of it (`where` 'document': the
    body's own w:sectPr, as a firm's template would be), or up to its last signature page ('signature pages': each
    purchaser's page ends a section on A4, its last paragraph holding the w:sectPr), the exhibit after it on Letter
    (the body's own, the last section's)."""
    from lxml import etree

    root = etree.fromstring(document_xml)
    body = root.find(qn("w:body"))
    if where == "document":
        section = body.find(qn("w:sectPr"))
    else:
        ends = [p for p in body.iter(qn("w:p")) if "PURCHASER:" in "".join(t.text or "" for t in p.iter(qn("w:t")))]
        assert len(ends) == 1
        section = etree.SubElement(ends[0].find(qn("w:pPr")), qn("w:sectPr"))
        for name in ("pgSz", "pgMar", "cols", "docGrid"):
            etree.SubElement(section, qn(f"w:{name}"))
    section.find(qn("w:pgSz")).attrib.update({qn("w:w"): "11906", qn("w:h"): "16838"})
    section.find(qn("w:pgMar")).attrib.update({qn(f"w:{side}"): "2160" for side in ("top", "right", "bottom", "left")})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@pytest.mark.parametrize("where, cover", [("document", A4), ("signature pages", LETTER)])
def test_a_page_prints_on_its_own_documents_page_size_and_margins(tmp_path, where, cover):
    """A firm's escrow agreement on A4 with 1.5" margins, the other documents the bundled ones on Letter with 1":
    in the officer's packet (built on the escrow agreement), the escrow agreement's page is on A4 and the others on
    Letter, each page line for line the page of its document, on its size (all were on A4 before, their captions
    broken otherwise). The cover is on the escrow agreement's last section's setup: A4, or Letter when only the
    sections up to its signature pages are on A4. Each signature page still starts exactly one new page."""
    from dealdocs.ooxml.package import packed, unzipped
    from dealdocs.pipeline import Builder

    templates = tmp_path / "firm"
    templates.mkdir()
    parts = unzipped((docx_helpers.REPO / "templates" / "escrow-agreement.docx").read_bytes())
    parts["word/document.xml"] = _with_firm_page_setup(parts["word/document.xml"], where)
    (templates / "escrow-agreement.docx").write_bytes(packed(parts))
    result = Builder(output_dir=tmp_path / "out", templates_dir=templates).build(
        docx_helpers.REPO / "deals" / "bridge-example.yaml")
    assert result.ok, [str(f) for f in result.findings]
    folder = tmp_path / "out" / "bridge-example"
    sources = ["escrow-agreement", "note-purchase-agreement", "promissory-note-harborview",
               "promissory-note-quarry-lane", "promissory-note-chen", "security-agreement"]  # the packet's order
    files = {f"{name}.docx": (folder / f"{name}.docx").read_bytes() for name in sources}
    files["priya-raman.docx"] = (folder / "signature-packets" / "priya-raman.docx").read_bytes()
    pdfs = to_pdf(files, tmp_path / "pdf")
    packet = pdfs.pop("priya-raman.docx")
    sizes = _page_sizes(packet)
    first = len(sizes) - len(sources)  # the cover's pages (on A4 with 1.5" margins the officer's takes two)
    assert first >= 1 and sizes == [cover] * first + [A4, *[LETTER] * 5]  # one page each: no blank page where a
    # section starts
    pages = pdf_page_lines(packet)
    for number, (page, name) in enumerate(zip(pages[first:], sources, strict=True), start=first + 1):
        theirs = pdf_page_lines(pdfs[f"{name}.docx"])
        closest = max(theirs, key=lambda lines: difflib.SequenceMatcher(None, lines, page).ratio())
        assert page in theirs, (f"page {number} is not a page of the {name}:\n"
                                + "\n".join(difflib.unified_diff(closest, page, name, "packet", lineterm="")))
        assert sizes[number - 1] == _page_sizes(pdfs[f"{name}.docx"])[theirs.index(page)]


def _page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Each page's size (its MediaBox), in points."""
    from pypdf import PdfReader

    return [(round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            for page in PdfReader(io.BytesIO(pdf)).pages]


def test_packets_are_the_same_bytes_every_build(built, tmp_path):
    again = build_example("bridge-example", tmp_path)
    assert packets_in(again) == packets_in(built["bridge-example"])


def test_every_packet_opens_and_converts_to_pdf_one_page_per_signature_page(built, tmp_path):
    files, expected = {}, {}
    for deal in ("bridge-example", "roo-2005-note"):
        for slug, data in packets_in(built[deal]).items():
            Document(io.BytesIO(data))  # opens in python-docx
            name = f"{deal}-{slug.replace('/', '-')}.docx"
            files[name] = data
            expected[name] = 1 + len(EXPECTED[deal][slug])
    pdfs = to_pdf(files, tmp_path)
    assert {name: pdf_pages(pdf) for name, pdf in pdfs.items()} == expected


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def spec_of(deal, name: str):
    return next(spec for spec in documents_for(deal) if spec.name == name)


# ---------------------------------------------------------------- finding pages, on documents made here


def test_pages_split_at_a_page_break_inside_a_paragraph_and_at_a_section_break():
    document = Document()
    document.add_paragraph("Body text of the agreement.")
    mixed = document.add_paragraph("Last words.")
    mixed.add_run().add_break(WD_BREAK.PAGE)
    mixed.add_run("[SIGNATURE PAGE]")
    document.add_paragraph("ACME, INC.")
    document.add_paragraph("By: ______________")
    document.add_section()  # a new-page section break after the signature page
    document.add_paragraph("Exhibit A")
    document.add_paragraph("Form of something")
    pages = document_pages(open_docx(docx_bytes(document)))
    assert [[line for line in page.lines if line] for page in pages] == [
        ["Body text of the agreement.", "Last words."],
        ["[SIGNATURE PAGE]", "ACME, INC.", "By: ______________"],
        ["Exhibit A", "Form of something"],
    ]
    assert [page.attachment for page in pages] == [False, False, True]


def test_each_page_knows_the_section_it_is_in():
    """A page's section is the one its page setup comes from: the w:sectPr that closes it (in the paragraph ending
    it), or the body's own for the last."""
    from docx.shared import Mm

    document = Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(210), Mm(297)
    document.add_paragraph("Body text of the agreement.")
    document.add_paragraph("[SIGNATURE PAGE]").paragraph_format.page_break_before = True
    document.add_section()  # the agreement and its signature page on A4, the exhibit on Letter
    document.sections[-1].page_width, document.sections[-1].page_height = Mm(215.9), Mm(279.4)
    document.add_paragraph("Exhibit A")
    document = open_docx(docx_bytes(document))
    pages = document_pages(document)
    assert [page.lines[0] for page in pages] == ["Body text of the agreement.", "[SIGNATURE PAGE]", "Exhibit A"]
    first, last = document.sections[0]._sectPr, document.element.body.sectPr
    assert [page.section for page in pages] == [first, first, last]
    assert [page.section.find(qn("w:pgSz")).get(qn("w:w")) for page in pages] == ["11906", "11906", "12240"]


def test_a_page_break_before_from_a_style_starts_a_page():
    document = Document()
    style = document.styles.add_style("Starts Page", 1)
    style.paragraph_format.page_break_before = True
    document.add_paragraph("One")
    document.add_paragraph("Two", style="Starts Page")
    document.add_paragraph("Three")
    pages = document_pages(open_docx(docx_bytes(document)))
    assert [page.lines for page in pages] == [["One"], ["Two", "Three"]]


def test_a_name_in_running_text_or_a_notice_address_is_not_a_signature():
    deal = load_example("bridge-example")
    company = signers(deal, spec_of(deal, "escrow-agreement"))[0]
    assert company.name == "Priya Raman"
    document = Document()
    document.add_paragraph(f"If to the Company: {deal.company.name}")  # running text
    document.add_paragraph(deal.company.name)  # a notice address line, no signature line near it
    document.add_paragraph("350 Hudson Street")
    document.add_paragraph("New York, New York")
    document.add_paragraph("Attention: Priya Raman, Chief Executive Officer")
    document.add_paragraph("Facsimile: ____________")  # a blank, not a signature line
    page = document_pages(open_docx(docx_bytes(document)))[0]
    assert signers_on(page, [company]) == []
    document.add_paragraph("By: ______________________")
    document.add_paragraph("Name: Priya Raman")
    page = document_pages(open_docx(docx_bytes(document)))[0]
    assert signers_on(page, [company]) == [company]


def test_a_document_missing_a_signatorys_page_is_an_error():
    deal = load_example("bridge-example")
    specs = {spec.name: spec for spec in documents_for(deal)}
    # a promissory note passed off as the escrow agreement: the company signs it, no one else does
    pages = document_pages(open_docx(render(deal, "promissory-note-harborview")))
    found, findings = signature_pages(deal, specs["escrow-agreement"], pages)
    who = [s.person for s in signers(deal, specs["escrow-agreement"])]
    assert who == ["Priya Raman", "Thomas Whitfield", "Elena Marsh", "David Okafor", "Margaret Chen"]
    assert found[0] != [] and found[1] == []
    codes = [f.code for f in findings]
    assert codes.count("DD310") == 1 and "DD311" in codes  # its page is captioned as a note, not the agreement
    caption = next(f for f in findings if f.code == "DD311")  # its page numbered as counted, not as Word prints it
    assert "(counting the page breaks of the document, not the pages Word lays out)" in caption.message
    finding = next(f for f in findings if f.code == "DD310")
    assert "Thomas Whitfield (Escrow Agent Whitfield & Crane LLP)" in finding.message
    assert f"Elena Marsh (Purchaser {HARBORVIEW})" in finding.message
    assert finding.location.document == "escrow-agreement.docx"


def test_every_file_is_titled_for_its_document_with_no_date_and_no_thumbnail(built):
    """Issue 14, item 10: no creation date invented, a title per file, no stock thumbnail."""
    import zipfile

    titles = set()
    for deal, folder in built.items():
        for path in sorted(folder.rglob("*.docx")):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                core = archive.read("docProps/core.xml")
            assert not any("thumbnail" in name for name in names), path
            assert b"dcterms:created" not in core and b"dcterms:modified" not in core, path
            titles.add(open_docx(path.read_bytes()).core_properties.title)
        notes = {open_docx(p.read_bytes()).core_properties.title for p in folder.glob("promissory-note*.docx")}
        assert len(notes) == len(list(folder.glob("promissory-note*.docx")))
    assert "Secured Promissory Note No. 2 payable to Quarry Lane Fund, LLC \u2013 Northwind Analytics, Inc." in titles
    assert "Signature Packet \u2013 Daniel Osei for Northwind Analytics, Inc." in titles


def test_one_manager_signing_for_two_funds_signs_each_funds_page_for_that_fund(tmp_path):
    """Elena Marsh signs for Harborview and for Quarry Lane: each fund's signature page is that fund's page
    (the page names the fund), not a page of both; signers.json says for whom each page is signed, and her
    one packet's cover names both funds."""
    import json

    from dealdocs.pipeline import Builder

    text = (Path(__file__).resolve().parents[1] / "deals" / "bridge-example.yaml").read_text(encoding="utf-8")
    okafor = "name: David Okafor\n      title: Managing Member\n      email: dokafor@quarrylane.example"
    assert okafor in text
    path = tmp_path / "one-manager.yaml"
    path.write_text(text.replace(okafor, "name: Elena Marsh\n      title: Managing Member\n      email: emarsh@harborviewcap.example"),
                    encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out", wire_confirmed=True).build(path)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    agreement = next(d for d in result.documents if d.spec.name == "escrow-agreement")
    pages = document_pages(Document(io.BytesIO(agreement.data)))
    who = signers(result.deal, agreement.spec)
    found, _ = signature_pages(result.deal, agreement.spec, pages)
    theirs = {who[position].party.name: numbers for position, numbers in found.items() if who[position].name == "Elena Marsh"}
    assert set(theirs) == {"Harborview Capital Partners, L.P.", "Quarry Lane Fund, LLC"}
    for fund, numbers in theirs.items():
        assert len(numbers) == 1 and fund.upper() in "\n".join(pages[numbers[0]].lines).upper(), (fund, numbers)
    assert theirs["Harborview Capital Partners, L.P."] != theirs["Quarry Lane Fund, LLC"]

    folder = tmp_path / "out" / result.deal_id
    signer = next(s for s in json.loads((folder / "signers.json").read_text())["signers"] if s["name"] == "Elena Marsh")
    signed_for = {page["signing_for"].split(",")[0] for page in signer["pages"] if page["document"] == "escrow-agreement"}
    assert signed_for == {"Harborview Capital Partners", "Quarry Lane Fund"}
    packet = cover((folder / "signature-packets" / "elena-marsh.docx").read_bytes())
    assert "Signing for: Harborview Capital Partners, L.P." in packet and "Signing for: Quarry Lane Fund, LLC" in packet


def test_carried_styles_keep_their_documents_defaults_where_they_apply_and_are_carried_once():
    """The source's document defaults (Garamond 11 pt, 1.5 lines) go into the first paragraph style of a line, a
    value at a time (its own spacing after="0" keeps line="360"), in the schema's order; never into a character
    style, which would override its paragraph's size (a bold run of a 16 pt heading set at 11 pt). A second page
    from the same document adds no second set of styles, and the packet keeps one default paragraph style."""
    from dealdocs.ooxml.compose import blank_document, carry_styles
    from dealdocs.ooxml.package import packed, unzipped

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styles = (f'<w:styles {w}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Garamond" w:hAnsi="Garamond"/>'
              '<w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="360" '
              'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/>'
              '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/>'
              '<w:rPr><w:sz w:val="32"/></w:rPr></w:style>'
              '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>'
              '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/>'
              '<w:rPr><w:b/></w:rPr></w:style></w:styles>')
    parts = unzipped((docx_helpers.REPO / "templates" / "note-purchase-agreement.docx").read_bytes())
    parts["word/styles.xml"] = styles.encode()
    source = Document(io.BytesIO(packed(parts)))
    packet = blank_document((docx_helpers.REPO / "templates" / "escrow-agreement.docx").read_bytes())

    def page() -> list:
        from lxml import etree

        return [etree.fromstring(f'<w:p {w}><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr>'
                                 '<w:rStyle w:val="Strong"/></w:rPr><w:t>PURCHASER:</w:t></w:r></w:p>'),
                etree.fromstring(f'<w:p {w}><w:r><w:t>Name: Elena Marsh</w:t></w:r></w:p>')]

    first, second = page(), page()
    carry_styles(packet, source, first, "firm-npa")
    count = len(packet.styles.element.findall(qn("w:style")))
    carry_styles(packet, source, second, "firm-npa")
    assert len(packet.styles.element.findall(qn("w:style"))) == count, "the second page's styles are the first's"
    ours = {s.style_id: s.element for s in packet.styles}
    standard = ours["Standard-firm-npa"]
    assert standard.find(f"{qn('w:pPr')}/{qn('w:spacing')}").attrib == {
        qn("w:after"): "0", qn("w:line"): "360", qn("w:lineRule"): "auto"}
    assert [c.tag for c in standard.find(qn("w:rPr"))] == [qn("w:rFonts"), qn("w:sz")]  # the schema's order
    assert standard.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "24"  # its own size, over the default
    assert ours["Strong-firm-npa"].find(f"{qn('w:rPr')}/{qn('w:sz')}") is None
    assert ours["DefaultParagraphFont-firm-npa"].find(qn("w:rPr")) is None
    defaults = [s for s in packet.styles.element.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"]
    assert [s.get(qn("w:styleId")) for s in defaults] == ["Normal"]
    assert [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in first] == ["Heading1-firm-npa",
                                                                                          "Standard-firm-npa"]


def test_lint_reads_the_packets_and_the_checklist_as_documents_about_the_agreements(built):
    """A new user linted a build's folder with --set: the packets and the checklist, which define nothing and use
    the agreements' terms, had 12 DD203 errors; they now borrow those terms (a warning listing them), no error."""
    from dealdocs.checks.text import lint_files

    for deal, folder in built.items():
        paths = [*sorted((folder / "signature-packets").rglob("*.docx")), folder / "closing-checklist.docx"]
        errors = [str(f) for f in lint_files(paths) if f.is_error]
        assert errors == [], deal


def test_trustees_and_joint_holders_are_told_to_sign_their_own_lines(built):
    """A partner's read: each co-trustee's and joint holder's packet held both signature lines and no word on it."""
    packets = packets_in(built["fund-example"])
    ruth, samuel = cover(packets["ruth-a-calloway"]), cover(packets["samuel-k-whitaker"])
    assert ("Sign only on the line above your own name. Peter M. Calloway, the other trustee, signs the same pages for "
            "the Calloway Family Revocable Trust u/a/d June 14, 2011, in a separate packet; the signed pages are put "
            "together as counterparts.") in ruth  # the comma after the trust's name: "... u/a/d June 14, 2011 in a
    # separate packet" read as one phrase (a new user's read)
    assert ("Sign only on the line above your own name. Laura J. Whitaker, the other joint holder, signs the same pages "
            "in a separate packet; the signed pages are put together as counterparts.") in samuel
    assert "Sign only on the line above your own name" in cover(packets["at-release/ruth-a-calloway"])
    assert "Sign only on the line" not in cover(packets["nadia-feld"])


def test_the_other_signers_sign_the_same_page_or_pages_as_the_packet_holds(built):
    """A partner's read of the fund example: "Ruth A. Calloway signs the same pages" on a release packet of one page,
    and "Samuel K. Whitaker signs the same pages for Samuel K. Whitaker and Laura J. Whitaker, as joint tenants ..."
    (the joint holders are the purchaser: there is no one else they sign for). The number follows the pages the
    packet holds for that purchaser; joint holders are "the other joint holder"; trustees sign for their trust."""
    packets = packets_in(built["fund-example"])
    peter, laura = cover(packets["at-release/peter-m-calloway"]), cover(packets["at-release/laura-j-whitaker"])
    assert ("Sign only on the line above your own name. Ruth A. Calloway, the other trustee, signs the same page for the "
            "Calloway Family Revocable Trust u/a/d June 14, 2011, in a separate packet; the signed copies are put "
            "together as counterparts.") in peter
    assert ("Sign only on the line above your own name. Samuel K. Whitaker, the other joint holder, signs the same page "
            "in a separate packet; the signed copies are put together as counterparts.") in laura
    for slug, data in packets.items():
        text = cover(data)
        assert "signs the same pages for Samuel K. Whitaker" not in text, slug
        if "the same page" in text:
            pages = len(captions(data))
            assert ("the same page " if pages == 1 else "the same pages ") in text, slug


def test_several_other_trustees_or_joint_holders_sign_each_in_a_separate_packet():
    """Every form of the sentence: one other signer or several, a trust's or the joint holders' own, one page or
    several (`_signing_together`)."""
    from dealdocs.closing.parties import Party, Signer
    from dealdocs.outputs.packets import _Row, _signing_together

    trust = Party("Purchaser", "A, B and C, as trustees of the Oak Trust", "oak")
    joint = Party("Purchaser", "D and E, as joint tenants", "de")
    a = Signer("A", trust, "as trustee", "purchasers", signs_for="The Oak Trust", as_holder="trustee")
    d = Signer("D", joint, "as one of the joint holders", "purchasers", as_holder="joint holder")
    holders = {trust: ["A", "B", "C"], joint: ["D", "E"]}
    one, two = [_Row("NPA", "Purchaser (trustee)", "0" * 8, trust)], [_Row("X", "Purchaser", "0" * 8, trust)] * 2
    assert _signing_together("A", [a], holders, one) == (
        "Sign only on the line above your own name. B and C, the other trustees, sign the same page for the Oak Trust, "
        "each in a separate packet; the signed copies are put together as counterparts.")
    assert _signing_together("A", [a], holders, two) == (
        "Sign only on the line above your own name. B and C, the other trustees, sign the same pages for the Oak "
        "Trust, each in a separate packet; the signed pages are put together as counterparts.")
    rows = [_Row("NPA", "Purchaser (joint holder)", "0" * 8, joint)]
    three = Party("Purchaser", "F, G and H, as joint tenants", "fgh")
    f = Signer("F", three, "as one of the joint holders", "purchasers", as_holder="joint holder")
    assert _signing_together("F", [f], {three: ["F", "G", "H"]}, [_Row("NPA", "Purchaser", "0" * 8, three)]) == (
        "Sign only on the line above your own name. G and H, the other joint holders, sign the same page, each in a "
        "separate packet; the signed copies are put together as counterparts.")  # a reviewer's read: the comma
    assert _signing_together("D", [d], holders, rows) == (
        "Sign only on the line above your own name. E, the other joint holder, signs the same page in a separate "
        "packet; the signed copies are put together as counterparts.")


def test_a_release_packet_says_the_notice_has_no_effect_after_the_outside_date(built):
    """A partner's read of the fund example: the release packets said when to sign, not that a Release Notice the
    Escrow Agent receives after the Outside Date has no effect (Escrow Agreement, Section 1.7, which the agreement
    has only with an outside date). Every release packet of a deal with one says so, with the date; no other does."""
    outside = {"fund-example": "July 10, 2026", "bridge-example": "April 3, 2026", "roo-2005-escrow": None}
    for deal, date in outside.items():
        for slug, data in packets_in(built[deal]).items():
            text = cover(data)
            if slug.startswith("at-release/") and date:
                assert (f"(Escrow Agreement, Section 1.4). The Escrow Agent must receive the Release Notice, signed by "
                        f"the Company and every Purchaser, on or before {date}, the Outside Date: unless every party extends it in "
                        "writing, a Release Notice received after the Outside Date has no effect, and the escrowed funds are returned to the Purchasers (Escrow "
                        "Agreement, Section 1.7).") in text, (deal, slug)
            elif slug not in ("hannah-roe", "thomas-whitfield"):  # the escrow agent's own says it returns the funds
                assert "Outside Date" not in text, (deal, slug)
    agreement = text_of((built["fund-example"] / "escrow-agreement.docx").read_bytes())
    assert "on or before July 10, 2026 (the “Outside Date”)" in agreement
    # a partner's read: "Section" at a line's end and "1.7)." alone on the next: a cover's section numbers and dates
    # are joined to their word by no-break spaces
    release = [p.text for p in pages_of(packets_in(built["fund-example"])["at-release/owen-hartley"])[0]]
    assert any("July\u00a010,\u00a02026, the Outside Date" in text and "Section\u00a01.7)." in text for text in release)
    assert any("Sections\u00a01.2\u00a0and\u00a01.4" in text for text in release)
    assert "A Release Notice received after the Outside Date has no effect." in agreement


LEGEND = re.compile(r"\[(Remainder of Page Intentionally Left Blank\.|SIGNATURE PAGES? FOLLOWS?\])", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_text_before_a_remainder_of_page_legend_keeps_with_it(built, name):
    """The legend closes the text it follows: the paragraph before it keeps with it (keep with next), so the legend
    never turns a page alone (a partner's read: page 7 of the convertible note to Whitcombe held the legend only)."""
    checked = 0
    for path in sorted(built[name].glob("*.docx")):
        document = open_docx(path.read_bytes())
        body = [p for p in document.paragraphs if p.text.strip()]
        for before, legend in zip(body, body[1:]):
            if LEGEND.match(legend.text.strip()):
                checked += 1
                assert before.paragraph_format.keep_with_next, (path.name, before.text[:80])
    assert checked


def test_no_page_of_the_convertible_notes_holds_the_legend_alone(tmp_path):
    folder = build_example("convertible-example", tmp_path / "built")
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("promissory-note-*.docx"))}
    for name, pdf in to_pdf(files, tmp_path).items():
        for number, page in enumerate(pdf_page_texts(pdf), 1):
            assert not LEGEND.fullmatch(page) and not page.startswith("[Remainder of Page"), (name, number, page[:120])


def test_a_holder_signs_the_security_agreement_as_the_holder_it_is_called(built):
    """The cover's "Signing as" column names each page's role as its document does: a purchaser signs the security
    agreement as a "Holder" (a partner's read: the cover said "Purchaser" beside a page headed "HOLDER:")."""
    cover = text_of((built["bridge-example"] / "signature-packets" / "margaret-chen.docx").read_bytes())
    rows = re.sub(r"\b[0-9a-f]{8}\b", "V", " ".join(cover[cover.index("Signing as"):cover.index("Version: ")].split()))
    assert rows == ("Signing as Version Page 1. Escrow Agreement Purchaser V 2 2. Note Purchase Agreement Purchaser V 3 "
                    "3. Security Agreement Holder V 4")


def test_each_document_has_one_version_on_every_cover_that_lists_it(built):
    """A partner's read: the one Escrow Agreement showed "b5c2df8b20" on the purchasers' covers, "812f7e7568" on the
    company's and "17c146f8d2" on the escrow agent's (each cover's stamp names its own documents together), so the
    covers could not show that everyone signed one draft. Each row now gives its document's own version, the
    same on every cover, and the first eight digits of the digest of the document as built."""
    import hashlib

    folder = built["fund-example"]
    versions: dict[str, set[str]] = {}
    for data in packets_in(folder).values():
        text = " ".join(text_of(data).split())
        for document, version in re.findall(r"\d+\. (.+?) (?:Purchaser|Company|Escrow Agent|Holder|Attesting Officer)"
                                            r"(?: \([^)]*\))? ([0-9a-f]{8}) \d+", text):
            versions.setdefault(document, set()).add(version)
    escrow = hashlib.sha256((folder / "escrow-agreement.docx").read_bytes()).hexdigest()[:8]
    assert versions["Escrow Agreement"] == {escrow}
    assert len(versions) >= 3 and all(len(found) == 1 for found in versions.values()), versions


def test_a_cover_gives_each_documents_version_and_no_stamp_of_its_own(built):
    """A partner's read of the fund example: each packet showed another "Version of these documents" code for the
    same deal (a stamp of that packet's documents together), beside the table's own codes. The stamp is gone: the
    only codes on a cover are its documents' own, the same in every packet, and the cover says so."""
    for deal in ("fund-example", "bridge-example"):
        folder = built[deal]
        listed: set[str] = set()
        for slug, data in packets_in(folder).items():
            text = cover(data)
            assert "Version of these documents" not in text and not re.search(r"\b[0-9a-f]{10}\b", text), slug
            assert text.endswith("Version: a code for the text of each document, the same in every signer's packet; "
                                 "another code for it on a cover means another draft."), slug  # pages show none
            from dealdocs.outputs.packets import cover_versions  # what the binder reads (DD525)

            listed |= cover_versions(text)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        built_now = {entry["sha256"][:8] for name, entry in manifest["files"].items() if "/" not in name
                     and name.endswith(".docx") and name != "closing-checklist.docx"}
        assert listed == built_now, deal  # every signed document's, and nothing else


def test_the_checklist_names_a_holder_of_the_security_agreement_as_it_does(built):
    """The checklist's signatures name the role as each document does, as the packets' covers do."""
    markdown = (built["bridge-example"] / "closing-checklist.md").read_text(encoding="utf-8")
    assert "| security-agreement | Margaret Chen | Margaret Chen (Holder) | Outstanding |" in markdown
    assert "| note-purchase-agreement | Margaret Chen | Margaret Chen (Purchaser) | Outstanding |" in markdown


def test_a_purchasers_cover_lists_what_else_the_checklist_asks_of_it(built, tmp_path):
    """A partner's read of the fund example: the purchasers' packets gave a deadline for their pages alone, and said
    nothing of the wire, its telephone confirmation, the tax form or the questionnaire the checklist lists, which the
    purchasers never see. Each purchaser's closing cover now repeats its own part of the checklist, with when each is
    due; the company's officers' and the release covers do not."""
    fund = packets_in(built["fund-example"])
    # a partner's read: the trustees were named in the third person, then told "which you wire"
    assert ("Besides these pages, the closing checklist asks you, as trustees, for: an investor questionnaire and evidence of the "
            "trustees' authority to buy, before the agreements are signed (June 8, 2026); Form W-9, before closing (June 10, "
            "2026); and the purchase price, $250,000.00 (one wire in all, from the trust, not one from each signer), which you wire "
            "to the escrow account (reference: Larkspur Robotics, Inc. - Calloway Trust) before closing (June 10, 2026), only after you confirm the Escrow Agent's wire "
            "instructions (Escrow Agreement, Section 1.3) by telephone with Hannah Roe at Bellamy & Roe LLP, at a "
            "number you find yourself (never one given in an email or in this packet). Send each of these but the "
            "purchase price to company counsel, Irene Stroud, Fenwick Stroud LLP, 1290 Avenue of the Americas, 22nd "
            "Floor, New York, New York 10104, istroud@fenwickstroud.example, (212) 555-0144, by its date."  # a partner's read: where they go, and the wire details
            ) in cover(fund["ruth-a-calloway"])
    assert "Form W-8BEN-E, before closing (June 10, 2026)" in cover(fund["martin-ebanks"])
    for whitaker in ("samuel-k-whitaker", "laura-j-whitaker"):  # each joint holder accredited (NPA 5.3): one each
        assert "for: an investor questionnaire from each of you, before the agreements" in cover(fund[whitaker])
        # but one tax form and one wire, and the two told to agree who sends it (a partner's read)
        assert ("one Form W-9 (of the holder whose taxpayer identification number the Company is to use)"
                in cover(fund[whitaker]))
        assert "(one wire in all, not one from each of you: agree between you who sends it)" in cover(fund[whitaker])
        assert "(reference: Larkspur Robotics, Inc. - Whitakers)" in cover(fund[whitaker])
    assert "not one from each signer" not in cover(fund["martin-ebanks"])
    # a partner's read: a wire from abroad arrives short of its banks' charges, and the escrow waits for all of it
    assert ("which you wire to the escrow account (reference: Larkspur Robotics, Inc. - Tidewater Cove) before closing "
            "(June 10, 2026), in U.S. dollars with every bank charge for your account (OUR) so that the full amount "
            "arrives, only after") in cover(fund["martin-ebanks"])
    assert "(OUR)" not in cover(fund["ruth-a-calloway"])
    # a reviewer's read: the UK statement is due before the offer, which the cover comes with: asked for by signing;
    # a partner's: a statement signed then does not serve; a copy of the one made before the offer, by signing
    assert ("an investor questionnaire and a copy of the financial promotion statement signed within the 12 months "
            "before the offer was first made (one signed now will not do: if you signed none then, tell company "
            "counsel before you sign), before the agreements are signed (June 8, "
            "2026)") in cover(fund["alistair-j-pembroke"])
    # no drafter's note of a date the term sheet lacks on an investor's cover
    roo = packets_in(built["roo-2005-escrow"])
    assert all("the term sheet gives no" not in cover(data) for data in roo.values())
    for slug in ("hannah-roe", *(s for s in fund if s.startswith("at-release/"))):
        assert "Besides these pages" not in cover(fund[slug]), slug
    # a partner's read: the company's officers' covers said nothing of the certificates, the release instructions and
    # the register the checklist has them sign, give or keep; each says its own now, by when
    # (and, a later read: to whom each goes, and how the officer's certificate is dated)
    # (session 58, a partner's read: the checklist has him certify the secretary's own incumbency; his cover did not)
    # (and said last of its day's, the certificate named first: a second partner's read)
    assert ("Besides these pages, the closing checklist asks you for: the officer's certificate (to the "
            "Purchasers, dated the day the Escrow Agent gets its copy), the company's written instructions for each "
            "wire out of escrow at release (to the Escrow Agent, which calls to confirm each) and your certification, on "
            "the secretary's certificate, of the incumbency and signature of Maya Lindqvist, before closing (June 10, "
            "2026); any notice of liens the company did not grant (to the Purchasers, if a lien search finds one), by the notes' "
            "date (June 10, 2026); and the Form D, for company counsel to file, by June 23, 2026.") in cover(
        fund["owen-hartley"])
    # (session 61, a partner's read: the checklist has him sign the notice of the liens on the company that the lien
    # default of unsecured notes excuses, "if needed"; his cover said nothing of it: said as what it is, if needed)
    # a partner's read: the filings the officer signs after the closing (Form D; Form 8-K, for a reporting company)
    assert ("Besides these pages, the closing checklist asks you for: the secretary's certificate (to the "
            "Purchasers, a copy to the Escrow Agent), before "
            "closing (June 10, 2026); and the register of the Notes, each Note entered in its Purchaser's name, at closing "
            "(June 10, 2026).") in cover(fund["maya-lindqvist"])
    convertible = packets_in(build_example("convertible-example", tmp_path / "built"))
    assert ("asks you for: the signed designation of the account for the purchase prices, before closing "
            "(April 15, 2026); any notice of liens the company did not grant (to the Purchasers, if a lien search finds one), by "
            "the notes' date (April 15, 2026); the officer's certificate (to the Purchasers) and your certification, on the "
            "secretary's certificate, of the incumbency and signature of Rafael Okonkwo, at closing (April 15, 2026); "
            "and the Form D, for company counsel to file, by April 30, 2026.") in cover(
        convertible["amara-lindqvist"])
    whitcombe = cover(convertible["jonathan-a-whitcombe"])  # no escrow: nothing said of one
    assert "the closing checklist asks you for: an investor questionnaire" in whitcombe  # a person: "you"
    # his pages go to company counsel's Nora Pell (signature_pages_to): his papers with them, her address not twice
    assert ("Send each of these but the purchase price to company counsel by its date (your signed pages go there "
            "too).") in whitcombe  # a partner's read: a questionnaire is due before signing, not with the pages
    assert "Besides this page, the closing checklist asks" in whitcombe  # his packet holds one page
    assert "escrow" not in whitcombe.split("Besides this page")[1].lower()
    # a partner's read: without an escrow the purchasers were told nothing of their wire; the cover now says where it
    # goes (the account the company designates in a signed writing, NPA 3.3, which the checklist lists) and when
    assert ("Form W-9, before closing (April 15, 2026); and the purchase price, $250,000.00, which you wire at the "
            "closing (April 15, 2026) to the account Tessellate Robotics, Inc. designates in a writing signed by an "
            "officer, only after you confirm the account by telephone with that officer at a number not taken from "
            "the writing, never one given in an email (Note Purchase Agreement, Section 3.3).") in whitcombe
    note = packets_in(built["roo-2005-note"])
    assert ("and the purchase price, $1,100,000.00, which you wire at the closing (May 18, 2005) to the account ROO "
            "Group, Inc. designates") in cover(note["robert-petty"])
    assert "the purchase price, $" not in cover(note["robin-smyth"])  # the maker's officer pays nothing
    assert "the signed designation of the account for the purchase price, before closing" in cover(note["robin-smyth"])
    # a partner's read: the registration rights agreement the purchase agreement recites, which both sign at the
    # closing and dealdocs does not build, was on the checklist and on neither cover
    signs = "a signature on the Registration Rights Agreement (not in this packet), at closing (May 18, 2005)"
    assert signs in cover(note["robert-petty"]) and signs in cover(note["robin-smyth"])
    assert "Registration Rights" not in cover(note["lina-nguyen"])
    # a partner's read: "on each note" and "the pages here show where" where there is one note
    assert ("You attest the signature of Robin Smyth (Chief Financial Officer) for ROO Group, Inc. on the note, which is "
            "a single original.") in cover(note["lina-nguyen"])
    assert "not on a copy of your own: the page here shows where." in cover(note["lina-nguyen"])
    # nor what comes back to a purchaser: its note, at the closing
    assert "At the closing, company counsel delivers the Note, signed by the Company, to you." in cover(note["robert-petty"])


def test_a_firm_note_template_with_the_undated_caption_still_builds(tmp_path):
    """A reviewer's run: a firm's promissory note template of before notes' captions gave the note's date ("[Signature
    Page to Promissory Note No. 3 in the principal amount of $250,000.00 payable to Margaret Chen]") was refused, three
    DD311 errors and nothing written. It builds: the caption without the date still names the note."""
    from dealdocs.ooxml.package import packed, unzipped
    from dealdocs.pipeline import Builder

    firm = tmp_path / "firm"
    firm.mkdir()
    parts = unzipped((docx_helpers.REPO / "templates" / "promissory-note.docx").read_bytes())
    dated = b", dated {{ notes.issue_date|long_date }}"
    assert parts["word/document.xml"].count(dated) == 2  # the form's caption and the note's
    parts["word/document.xml"] = parts["word/document.xml"].replace(dated, b"")
    (firm / "promissory-note.docx").write_bytes(packed(parts))
    result = Builder(output_dir=tmp_path / "out", templates_dir=firm, wire_confirmed=True).build(
        docx_helpers.REPO / "deals" / "bridge-example.yaml")
    assert result.ok and not [f for f in result.findings if f.code == "DD311"], [str(f) for f in result.findings]
    note = text_of((tmp_path / "out" / "bridge-example" / "promissory-note-chen.docx").read_bytes())
    assert "payable to Margaret Chen]" in note


def built_changed(folder: Path, example: str, change) -> tuple:
    """The example term sheet `example` changed by `change` (given its data), built into `folder`: (result, packets)."""
    import yaml

    from dealdocs.pipeline import Builder

    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((docx_helpers.REPO / "deals" / f"{example}.yaml").read_text(encoding="utf-8"))
    change(data)
    sheet = folder / f"{example}.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = Builder(output_dir=folder / "out", wire_confirmed=True).build(sheet)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    return result, packets_in(folder / "out" / example)


def test_what_else_an_officer_owes_is_matched_by_name_and_title_and_said_in_the_singular(tmp_path):
    """A reviewer's runs: with a signing officer "Robert Osei" and an attesting officer "Robert Osei, Jr." the
    signing officer's cover listed the secretary's certificate and the register, which are the other's; a deal of one
    note had "Each note is a single original" and "each Note entered"; and with company counsel the escrow agent, the
    checklist had the agent confirm its own wire instructions."""
    from dealdocs.closing.deliverables import deliverables_for

    def built(example: str, change) -> tuple:
        return built_changed(tmp_path, example, change)

    def namesakes(data: dict) -> None:
        data["company"]["signatory"]["name"] = "Robert Osei"
        data["company"]["attesting_officer"]["name"] = "Robert Osei, Jr."

    _, packets = built("bridge-example", namesakes)
    signing, attesting = cover(packets["robert-osei"]), cover(packets["robert-osei-jr"])
    assert ("asks you for: the signed schedule of existing liens (to the Purchasers), before the Purchasers "
            "sign (March 2, 2026); the officer's certificate (to the Purchasers, dated the day the Escrow Agent gets "
            "its copy), the company's written instructions") in signing
    assert ("and your certification, on the secretary's certificate, of the incumbency and signature of Robert Osei, Jr., "
            "before closing (March 4, 2026); the Form 8-K, for company counsel to file, by March 6, 2026; and the Form D, "
            "for company counsel to file, by March 17, 2026.") in signing
    assert "Form D" not in attesting  # the signing officer signs the filings
    # a second partner's read: the purchase agreement's closing waits on the control agreement signed by the Company
    assert (", the control agreement of the account the net proceeds of the purchase prices are released into, with its bank (each "
            "later one within 30 days after the Notes are issued; the Company indemnifies the designee against its "
            "liability to a bank under them, Security Agreement, Section 7.2) and your certification") in signing
    assert "within its days" not in signing  # a partner's read: it said nothing
    assert "the secretary's certificate (to" not in signing and "register" not in signing
    assert "asks you for: the secretary's certificate (to the Purchasers, a copy to the Escrow Agent), before closing (March 4, 2026)" in attesting

    def titled(data: dict) -> None:
        data["company"]["attesting_officer"]["title"] = "Secretary"

    _, packets = built("roo-2005-note", titled)  # one purchaser, one note
    assert "The note is a single original: sign its page here" in cover(packets["robin-smyth"])
    assert ("the register of the Notes, the Note entered in the Purchaser's name, at closing (May 18, 2005)"
            in cover(packets["lina-nguyen"]))

    def agent_is_counsel(data: dict) -> None:
        del data["company_counsel"]
        data["escrow"]["escrow_agent_counsel_to"] = ["company"]
        data["escrow"]["disbursements"] = [d for d in data["escrow"]["disbursements"] if d["role"] != "counsel"]

    result, packets = built("bridge-example", agent_is_counsel)
    # a reviewer's read: the agent's own cover said "return it by March 2, 2026", to no one; it keeps it
    assert ("Please sign it where indicated by March 2, 2026, the date of the Escrow Agreement and the Note Purchase "
            "Agreement, and keep it with the other parties' signature pages, which you receive as company counsel and "
            "as the Escrow Agent (Escrow Agreement, Section 1.2).") in cover(packets["thomas-whitfield"])
    [callback] = [d for d in deliverables_for(result.deal) if d.name == "wire-callback"]
    assert "confirmed by telephone by each purchaser, on a number known before" in callback.title
    assert callback.responsible.startswith("Each purchaser, before wiring")


def test_a_secretary_who_signs_for_the_company_has_the_attesting_officer_certify_her_incumbency(tmp_path):
    """A code review (session 58): with a signatory who is the secretary and a chief financial officer who attests the
    notes, the checklist had "its secretary or another officer" sign the certificate, and no one certify the
    secretary's own incumbency; who the secretary is, and who certifies, is decided once (`closing.parties`)."""
    from dealdocs.closing.deliverables import deliverables_for

    def secretary_signs(data: dict) -> None:
        data["company"]["signatory"]["title"] = "Chief Executive Officer and Secretary"
        data["company"]["attesting_officer"]["title"] = "Chief Financial Officer"

    result, packets = built_changed(tmp_path, "bridge-example", secretary_signs)
    [row] = [d for d in deliverables_for(result.deal) if d.name == "secretarys-certificate"]
    assert row.responsible.startswith("Company: Priya Raman, Chief Executive Officer and Secretary (signs)")
    assert ("specimen signatures of Priya Raman, Chief Executive Officer and Secretary (Daniel Osei certifying Priya "
            "Raman's own), and Daniel Osei, Chief Financial Officer, who attests the notes") in row.title
    assert ("asks you for: your certification, on the secretary's certificate, of the incumbency and signature of "
            "Priya Raman, before closing (March 4, 2026).") in cover(packets["daniel-osei"])
    assert "your certification" not in cover(packets["priya-raman"])
    # alone, with no officer attesting the notes, another officer certifies hers (a second code review: no one did)
    alone = docx_helpers.replace(result.deal, company=docx_helpers.replace(result.deal.company, attesting_officer=None).model_dump())
    [row] = [d for d in deliverables_for(alone) if d.name == "secretarys-certificate"]
    assert row.title.endswith("specimen signature of Priya Raman, Chief Executive Officer and Secretary (another officer "
                              "certifying Priya Raman's own)")


def test_the_signing_officer_is_asked_for_the_schedule_of_existing_liens_first(built):
    """A partner's read: the checklist had "the company (signs it)" sign the schedule of existing liens, so no
    officer's cover asked for it, though without it no existing lien ranks ahead of the notes (Permitted Liens,
    clause (h)); and an officer's dues were listed as met, not by date."""
    checklist = (built["bridge-example"] / "closing-checklist.md").read_text(encoding="utf-8")
    [row] = [line for line in checklist.splitlines() if "| existing-liens |" in line]
    assert "Company: Priya Raman, Chief Executive Officer (signs it)" in row and "the company (signs it)" not in row
    packets = packets_in(built["bridge-example"])
    assert ("Besides these pages, the closing checklist asks you for: the signed schedule of existing liens (to "
            "the Purchasers), before the Purchasers sign (March 2, 2026); the officer's certificate")\
        in cover(packets["priya-raman"])
    assert "existing liens" not in cover(packets["daniel-osei"])  # the attesting officer signs no schedule


def test_the_escrow_agents_cover_says_what_the_escrow_agreement_has_it_do(built):
    """A partner's read: the escrow agent's cover listed its one page and nothing of the notice it gives once it holds
    everything (Section 1.2), the telephone call-back before each wire out (1.6) or the return of the funds after the
    Outside Date (1.7, only with one); the release packets, and the others, say none of it."""
    fund, roo = packets_in(built["fund-example"]), packets_in(built["roo-2005-escrow"])
    # (a later read: nor the holding itself (1.1), nor the Company's notice that stops a wire (1.5))
    holds = ("Besides signing, the Escrow Agreement has the Escrow Agent hold the escrowed funds uninvested, apart "
             "from its own funds (Escrow Agreement, Section 1.1); advise the Company and the Purchasers once "
             "it holds every Purchaser's subscription amount, all signature pages and the other closing documents ")
    rest = ("(Escrow Agreement, Section 1.2); wire nothing on a Release Notice once the Company has notified it in "
            "writing that a confirmation in it has ceased to be true (Escrow Agreement, Section 1.5); ")
    # a partner's read: the agreement built with the escrow says which documents (its 3.4), and 1.2 from whom
    advise = (f"{holds}Section 3.4 of the Purchase Agreement requires to be delivered to it, of the funds received "
              f"from each Purchaser {rest}")
    confirm = ("confirm each wire out of escrow by telephone with the person who gave its instructions, at a number "
               "not taken from them (Escrow Agreement, Section 1.6)")
    assert (f"{advise}{confirm}; and return the escrowed funds if no Release Notice reaches it by July 10, 2026, the "
            "Outside Date (Escrow Agreement, Section 1.7).") in cover(fund["hannah-roe"])
    assert f"{holds}the Purchase Agreement requires {rest}and {confirm}." in cover(roo["kramer-levin-naftalis-frankel-llp"])
    for slug, packet in {**fund, **roo}.items():
        if slug not in ("hannah-roe", "kramer-levin-naftalis-frankel-llp"):
            assert "Besides signing, the Escrow Agreement" not in cover(packet), slug
    # a second partner's read: secured notes' proceeds go only to the account under the control agreement (1.6)
    whitfield = cover(packets_in(built["bridge-example"])["thomas-whitfield"])
    assert ("(Escrow Agreement, Section 1.5); wire the balance due to the Company only to its deposit account under the "
            f"control agreement (Escrow Agreement, Section 1.6); {confirm}; and return") in whitfield
    assert "control agreement" not in cover(fund["hannah-roe"])  # unsecured


def test_an_escrow_for_a_purchase_agreement_dealdocs_does_not_build_asks_for_its_signing(built):
    """A partner's read of the 2005 escrow: the escrow's release waits on signed pages of the Transaction Documents
    (Escrow Agreement, Section 1.2), but the covers and the checklist named only the escrow agreement and the release
    notice. The checklist lists the Common Stock Purchase Agreement, and each purchaser's and the company's signing
    officer's cover asks for its signing; a deal whose purchase agreement dealdocs builds does not."""
    roo = packets_in(built["roo-2005-escrow"])
    signing = ("a signature on the Common Stock Purchase Agreement and the other Transaction Documents (not in this "
               "packet), when the agreements are signed (October 20, 2005)")
    for slug in ("claire-donovan", "jonathan-reyes", "samuel-whitaker", "robin-smyth"):
        assert signing in cover(roo[slug]), slug
    assert "Common Stock Purchase Agreement" not in cover(roo["kramer-levin-naftalis-frankel-llp"])
    checklist = (built["roo-2005-escrow"] / "closing-checklist.md").read_text(encoding="utf-8")
    assert ("| Common Stock Purchase Agreement dated as of October 20, 2005 among ROO Group, Inc. and the purchasers, and "
            "the other Transaction Documents (drafted outside this closing set)") in checklist
    for name in ("bridge-example", "fund-example"):
        assert "| purchase-agreement |" not in (built[name] / "closing-checklist.md").read_text(encoding="utf-8"), name
        assert all("Transaction Documents (not in this packet)" not in cover(p) for p in packets_in(built[name]).values())


def test_a_covers_telephone_numbers_do_not_break_across_lines(built):
    """A partner's read of the fund example's cover: "(212)" at a line's end, "555-0144" on the next."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(packets_in(built["fund-example"])["ruth-a-calloway"])) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "(212)\u00a0555-0144" in xml and "(212) 555-0144" not in xml


def test_a_code_reviewers_cases_read_right(built, tmp_path):
    """A reviewer's runs of the covers: an escrow-only deal's officer's certificate goes to the purchasers at the
    closing, as its checklist row says (no copy to the escrow agent); a purchaser's papers go to company counsel
    reached as the maker's notes are (the escrow agent, where it is company counsel); a `signature_pages_to` naming
    company counsel's firm spelt otherwise still sends every page there; joint holders are "you", an entity is
    named; a purchaser abroad without an escrow wires in U.S. dollars, said where it reads right."""
    def packets(example: str, change) -> dict[str, bytes]:
        return built_changed(tmp_path / change.__name__, example, change)[1]

    smyth = cover(packets_in(built["roo-2005-escrow"])["robin-smyth"])
    # (a partner's read after: before the release, a copy to the agent, which must hold it first; not dated then)
    assert "the officer's certificate (to the Purchasers, a copy to the Escrow Agent)" in smyth and "gets its copy" not in smyth

    def agent_is_counsel(data: dict) -> None:
        del data["company_counsel"]
        data["escrow"]["escrow_agent_counsel_to"] = ["company"]
        data["escrow"]["disbursements"] = [d for d in data["escrow"]["disbursements"] if d["role"] != "counsel"]

    made = packets("bridge-example", agent_is_counsel)
    reach = ("company counsel, the Escrow Agent, Thomas Whitfield, Whitfield & Crane LLP, 1 Liberty Plaza, 40th Floor, "
             "New York, New York 10006, twhitfield@whitfieldcrane.example")
    assert f"Send each of these but the purchase price to {reach}, by its date." in cover(made["margaret-chen"])
    assert f"Agreement and Security Agreement) to {reach}, by March 2, 2026" in cover(made["priya-raman"])

    def spelt_otherwise(data: dict) -> None:
        del data["company_counsel"]
        data["signature_pages_to"] = "Jane Roe, Lowell and Park LLP, jroe@lowellpark.example"

    made = packets("bridge-example", spelt_otherwise)
    assert ("return the 3 pages other than the notes (Escrow Agreement, Note Purchase Agreement and Security Agreement) to company "
            "counsel, Jane Roe, Lowell and Park LLP, jroe@lowellpark.example, by March 2, 2026") in cover(made["priya-raman"])

    fund = packets_in(built["fund-example"])
    assert "the closing checklist asks you for: an investor questionnaire from each of you" in cover(fund["laura-j-whitaker"])
    assert "delivers the Note, signed by the Company, to Juniper Ridge Partners II, L.P." in cover(fund["nadia-feld"])

    def abroad(data: dict) -> None:
        data["purchasers"][0]["address"] = {"street": ["10 Fleet Street"], "city": "London", "state": "England",
                                            "country": "United Kingdom",
                                            "postal_code": "EC4Y 1AA"}

    made = packets("convertible-example", abroad)
    assert any("which you wire, in U.S. dollars with every bank charge for your account (OUR) so that the full amount "
               "arrives, at the closing (April 15, 2026) to the account" in cover(p) for p in made.values())


def test_only_the_wire_call_back_is_said_to_be_late():
    """A reviewer's read: a lien search brought down after the first day its row names was marked "after it was
    due"; that day is a deadline only for the wire's telephone confirmation."""
    from datetime import date

    from dealdocs.closing.deliverables import Deliverable, Due
    from dealdocs.closing.status import DeliverableStatus

    due = Due(date(2026, 3, 2), "By March 2, 2026")
    searches = DeliverableStatus(Deliverable("lien-searches", "Lien searches", "counsel", due, "Collateral"), True,
                                 date(2026, 3, 3))
    callback = DeliverableStatus(Deliverable("wire-callback", "Wire", "counsel", due, "From each purchaser"), True,
                                 date(2026, 3, 3), done_by="confirmed by A. Associate: called J. Smith")
    assert searches.state == "Done March 3, 2026"
    assert callback.state == ("Done March 3, 2026 (confirmed by A. Associate: called J. Smith), after it was due "
                              "(March 2, 2026)")


def test_a_trust_of_one_trustee_is_asked_for_its_trustees_authority_in_the_singular(tmp_path):
    """A code review: a trust with one trustee was asked for "evidence of the trustees' authority", and told "you, as
    trustees"."""
    import yaml

    from dealdocs.closing.dues import purchaser_dues
    from dealdocs.pipeline import Builder

    data = yaml.safe_load((docx_helpers.REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8"))
    data["purchasers"][0]["trust"]["trustees"] = ["Ruth A. Calloway"]
    data["purchasers"][0]["trust"].pop("signing_trustees", None)
    sheet = tmp_path / "deal.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    deal = Builder().load(sheet).deal
    dues = purchaser_dues(deal)
    [calloway] = [text for slug, text in dues.items() if "trustee" in text]
    assert "asks you, as trustee, for: an investor questionnaire and evidence of the trustee's authority to buy" in calloway


def test_the_release_notice_brings_down_the_security_agreements_representations_as_the_closing_condition_does(built):
    """A partner's read: the purchase agreement's closing condition (3.5(a)) wants the representations in it and in
    the Security Agreement true, but the release notice, the last thing the Company confirms before the money moves,
    confirmed only those in the Purchase Agreement; its signing officer's cover said the same."""
    notice = " ".join(text_of((built["bridge-example"] / "release-notice.docx").read_bytes()).split())
    assert ("hereby confirms that all of its representations and warranties contained in the Purchase Agreement and in "
            "the Security Agreement (as defined in the Purchase Agreement) remain true and correct") in notice
    raman = cover(packets_in(built["bridge-example"])["at-release/priya-raman"])
    assert "that the Company's representations in the Purchase Agreement and the Security Agreement remain true" in raman
    # by the closing condition's standard: those already qualified by materiality in all respects (a partner's read,
    # session 62: the notice that releases the money brought them down in all material respects only)
    assert ("the Security Agreement (as defined in the Purchase Agreement) remain true and correct in all material "
            "respects (or, where already qualified by materiality, in all respects) on the date") in notice
    assert "remain true in all material respects (in all respects, where already qualified by materiality) on the day" in raman
    unsecured = " ".join(text_of((built["fund-example"] / "release-notice.docx").read_bytes()).split())
    assert "representations and warranties contained in the Purchase Agreement remain true" in unsecured


def test_no_packet_asks_for_a_designation_the_security_agreement_makes(built):
    """A partner's read: the control agreement for the account the proceeds go to is a closing condition, signed for
    the purchasers by the person all of them designate; the covers asked each purchaser to sign a designation no one
    drafted (a second read, session 55: "a document every purchaser must sign ... was never drafted"). The security
    agreement each of them signs now designates the purchaser the term sheet names (notes.control_designee), so no
    cover asks for a designation apart from it."""
    packets = packets_in(built["bridge-example"])
    for slug in ("elena-marsh", "david-okafor", "margaret-chen", "priya-raman", "daniel-osei", "thomas-whitfield"):
        assert "Purchasers' designation" not in " ".join(cover(packets[slug]).split()), slug
    # the designee is told what it takes on (a fourth partner's read)
    assert ("By signing the Security Agreement, Harborview Capital Partners, L.P. accepts the designation (Security "
            "Agreement, Section 7.1): it signs control agreements that conform to Section 4.10 of the Security Agreement, instructs under them only "
            "as the Majority Holders direct, signs their terminations and sends each bank's form to the other holders at "
            "least three days before signing it (the first, for the account the net proceeds go into, once each has "
            "approved a shorter period in writing). The Company indemnifies it against its liability to a bank under them; "
            "the other holders pay their shares of what the Company has not paid within 30 days (each up to its Note's "
            "original principal for all of them; it bears its own), but nothing covers its gross negligence or willful "
            "misconduct, acting "
            "without a required direction, or an agreement not signed as the Security Agreement provides (Security "
            "Agreement, Sections 7.1 and 7.2).") in " ".join(  # the fund, not its signer (a partner's read, session 57)
        cover(packets["elena-marsh"]).split())  # (a fifth read: the party at most risk was told least)
    # the one designated is asked to sign the control agreement the release waits on; no one else (a code review:
    # no packet asked anyone)
    signs = ("a signature, for the Secured Party as its designee (Security Agreement, Sections 4.10 and 7.1), on the "
             "control agreement of the account the net proceeds of the purchase prices are released into, with the Company and its bank "
             "(not in this packet; each later one within 30 days after the Notes are issued), before closing "
             "(March 4, 2026)")  # (a third read: the later ones are not due before closing)
    assert signs in " ".join(cover(packets["elena-marsh"]).split())  # Harborview's signer
    # an item of its own (a partner's read, session 56: "Form W-9 and a signature ... on the control agreement")
    assert "Form W-9, before closing (March 4, 2026); a signature, for the Secured Party" in " ".join(cover(packets["elena-marsh"]).split())
    for slug in ("david-okafor", "margaret-chen"):  # the others are told the designation they make (a second read)
        said = " ".join(cover(packets[slug]).split())
        assert "for the Secured Party as its designee" not in said
    # a partner's read, session 57: the original principal, capped for all together, within 10 days of the designee's
    # demand, never for its own fault, after a payoff only for control agreements signed before it (8.2)
    assert ("By signing the Security Agreement you designate Harborview Capital Partners, L.P., to sign the control "
            "agreements for the Secured Party, and agree to pay the designee, within 10 days after its demand, your "
            "share (by your Note's original principal) of any liability to a bank or securities intermediary under one "
            "signed as the Security Agreement provides that the Company has not paid within 30 days after the designee's "
            "demand, up to your Note's original principal for all of them, and none arising from the designee's gross "
            "negligence, willful misconduct or acting without a required direction; after your Note is paid, only for "
            "acts done before then under one signed before then (Security Agreement, Sections 7.1, 7.2 and 8.2); you "
            "receive each bank's form at least three days before it is signed; the closing comes sooner for the account "
            "the net proceeds go into: on receiving its form, approve a shorter period by e-mail, as the closing "
            "needs.") in " ".join(cover(packets["margaret-chen"]).split())  # (a partner's read, session 58: signed
    # March 2, closing March 4; session 62: an instruction to the signer, not a statement of what it does)
    assert ("on receiving its form, approve for Quarry Lane Fund, LLC a shorter period by e-mail, as the closing needs."
            in " ".join(cover(packets["david-okafor"]).split()))
    # a fund is named, not "you", its signer (a partner's read, session 57: "you ... your Note" read as the officer's own)
    assert ("By signing the Security Agreement, Quarry Lane Fund, LLC designates Harborview Capital Partners, L.P., to "
            "sign the control agreements for the Secured Party, and agrees to pay the designee, within 10 days after its "
            "demand, its share (by its Note's original principal) of any liability to a bank or securities "
            "intermediary") in " ".join(
        cover(packets["david-okafor"]).split())
    agreement = " ".join(docx_helpers.text_of((built["bridge-example"] / "security-agreement.docx").read_bytes()).split())
    assert ("Each Holder, by signing this Agreement, designates Harborview Capital Partners, L.P., to sign for the Secured "
            "Party, as its designee under this Section, each control agreement that Section 4.10 requires") in agreement


def test_the_covers_version_note_is_smaller_than_the_cover_text(built):
    """A partner's read (session 57): the "Version:" note under the table printed larger (the document's size) than
    the cover's own 11-point text; a footnote to the table, it is a point smaller."""
    from docx.shared import Pt

    path = built["bridge-example"] / "signature-packets" / "margaret-chen.docx"
    document = Document(str(path))
    [note] = [p for p in document.paragraphs if p.text.startswith("Version: a code for the text")]
    body = [p for p in document.paragraphs if p.text.startswith("Besides these pages")]
    assert note.runs[0].font.size == Pt(10) and body[0].runs[0].font.size == Pt(11)
