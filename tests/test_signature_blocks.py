"""Signature blocks from the term sheet: entities through other entities to any depth, trusts, joint holders.

Rendered from the fund example (a trust with two trustees, joint tenants, a fund
signing through its general partner and that partner's managing member, a Cayman
Islands fund, an individual in London) and read back; the expected blocks are
written out by hand.
"""

from __future__ import annotations

import pytest
import yaml
from docx_helpers import REPO, load_example, paragraphs, render

from dealdocs.closing.signature_blocks import signature_block
from dealdocs.pipeline import Builder

LINE = "_" * 30


def blocks(document: str) -> list[str]:
    """The purchasers' signature blocks of a fund-example document, line breaks kept."""
    found = []
    for paragraph in paragraphs(render(load_example("fund-example"), document)):
        if paragraph.style == "Signature" and paragraph.text.startswith("PURCHASER:"):
            lines = [node for node in paragraph.element.iter()]
            text = "".join(
                (n.text or "") if n.tag.endswith("}t") else ("\n" if n.tag.endswith("}br") else "\t")
                for n in lines if n.tag.endswith(("}t", "}br", "}tab"))
            )
            found.append(text)
    return found


CALLOWAY = ("PURCHASER:\n\nRuth A. Calloway and Peter M. Calloway,\nas trustees of the Calloway Family Revocable Trust u/a/d "
            f"June 14, 2011\n\n\n{LINE}\nRuth A. Calloway, as trustee\n\n\n{LINE}\nPeter M. Calloway, as trustee")
WHITAKERS = (f"PURCHASER:\n\nSamuel K. Whitaker and Laura J. Whitaker,\nas joint tenants with right of survivorship\n\n\n"
             f"{LINE}\nSamuel K. Whitaker\n\n\n{LINE}\nLaura J. Whitaker")
JUNIPER = (f"PURCHASER:\n\nJUNIPER RIDGE PARTNERS II, L.P.\n\nBy:\tJuniper Ridge GP II, LLC,\n\tits general partner\n\n"
           f"\tBy:\tJuniper Ridge Holdings, LLC,\n\t\tits managing member\n\n\n\t\tBy: {LINE}\n\t\tName: Nadia Feld\n"
           f"\t\tTitle: Managing Member")
TIDEWATER = f"PURCHASER:\n\nTIDEWATER COVE OPPORTUNITIES FUND, LTD.\n\n\nBy: {LINE}\nName: Martin Ebanks\nTitle: Director"
PEMBROKE = f"PURCHASER:\n\n\n{LINE}\nAlistair J. Pembroke"


@pytest.mark.parametrize("document", ["escrow-agreement", "release-notice", "note-purchase-agreement"])
def test_each_purchaser_signs_as_it_must(document):
    assert blocks(document) == [CALLOWAY, WHITAKERS, JUNIPER, TIDEWATER, PEMBROKE]


def test_a_fund_signs_through_its_general_partner_never_as_its_partner():
    """Issue 14, item 5: no 'Title: Managing Partner' for a person who is not a partner of the fund."""
    harborview = load_example("bridge-example").purchasers[0]
    assert signature_block(harborview) == (
        f"HARBORVIEW CAPITAL PARTNERS, L.P.\n\nBy:\tHarborview Capital GP, LLC,\n\tits general partner\n\n\n"
        f"\tBy: {LINE}\n\tName: Elena Marsh\n\tTitle: Managing Member"
    )


def test_the_parties_are_named_as_they_sign():
    deal = load_example("fund-example")
    assert [p.name for p in deal.purchasers[:2]] == [
        "Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011",
        "Samuel K. Whitaker and Laura J. Whitaker, as joint tenants with right of survivorship",
    ]
    note = " ".join(p.text for p in paragraphs(render(deal, "promissory-note-calloway-trust")))
    assert ("hereby promises to pay Ruth A. Calloway and Peter M. Calloway, as trustees of the Calloway Family "
            "Revocable Trust u/a/d June 14, 2011 (together, the \u201cPayee\u201d), with an address at") in note


def load_with(tmp_path, change) -> list[str]:
    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "deal.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return [f"{f.code} {f.location.key}: {f.message}" for f in Builder().load(path).findings]


def test_a_trust_is_named_for_the_lawyer(tmp_path):
    found = load_with(tmp_path, lambda d: d["purchasers"][0].update(name="The Calloway Trust"))
    # at the key to leave out, its own line (a new user's trial: at the entry's first line, named by its index)
    assert found == ['DD002 purchasers[0].name: leave name out: a trust purchaser is named for you, "Ruth A. Calloway '
                     'and Peter M. Calloway, as trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011"']


def test_a_pronoun_is_an_individuals_alone(tmp_path):
    """A new user's trial: `pronoun: they` on a fund and on a trust was accepted and printed nowhere."""
    def pronouns(data):
        data["purchasers"][0]["pronoun"] = "they"  # the trust
        data["purchasers"][2]["pronoun"] = "they"  # the fund
        data["purchasers"][4]["state_of_organization"] = "England"  # a person: nor a place of organization
    found = load_with(tmp_path, pronouns)
    assert found == ["DD002 purchasers[0].pronoun: a purchaser of kind trust takes no pronoun",
                     "DD002 purchasers[2].pronoun: a purchaser of kind entity takes no pronoun",
                     "DD002 purchasers[4].state_of_organization: a purchaser of kind individual takes no "
                     "state_of_organization"], found


def test_a_chain_ends_in_a_person(tmp_path):
    def cut(data):
        del data["purchasers"][2]["signs_through"]["signs_through"]["signatory"]
    [finding] = load_with(tmp_path, cut)
    assert finding.startswith("DD002 purchasers[2].signs_through.signs_through: Juniper Ridge Holdings, LLC signs "
                              "through a person (signatory) or through another entity (signs_through): give exactly one")


@pytest.mark.parametrize("written, alone", [("its general partner", "general partner"), ("as manager", "manager"),
                                           ("the managing member", "managing member")])
def test_a_capacity_is_written_alone(tmp_path, written, alone):
    """A new user's trial: `capacity: its manager` printed "its its manager" on every signature page, said only as a
    doubled word in documents not yet built; now at the key, with the words to write."""
    found = load_with(tmp_path, lambda d: d["purchasers"][2]["signs_through"].update(capacity=written))
    assert found == [f"DD002 purchasers[2].signs_through.capacity: write the capacity alone, '{alone}': the documents "
                     f"put the words before it themselves (\"its {alone}\", \"as {alone} of ...\")"]
    assert load_with(tmp_path, lambda d: d["purchasers"][2]["signs_through"].update(capacity="general partner")) == []


def test_joint_holders_are_two_or_more(tmp_path):
    [finding] = load_with(tmp_path, lambda d: d["purchasers"][1]["joint"]["holders"].pop())
    assert finding.startswith("DD002 purchasers[1].joint.holders: needs at least 2 entries (it has 1)")  # not "one""


def test_a_trustee_who_signs_is_a_trustee(tmp_path):
    found = load_with(tmp_path, lambda d: d["purchasers"][0]["trust"].update(signing_trustees=["Ruth Calloway"]))
    # at signing_trustees, with the trustee it most likely means (a new user's trial: at the purchaser, no name)
    assert found == ["DD002 purchasers[0].trust.signing_trustees: 'Ruth Calloway' is not among the trustees (did you "
                     "mean Ruth A. Calloway?)"]
    found = load_with(tmp_path, lambda d: d["purchasers"][0]["trust"].update(signing_trustees=["Nobody Else"]))
    assert found == ["DD002 purchasers[0].trust.signing_trustees: 'Nobody Else' is not among the trustees: Ruth A. "
                     "Calloway and Peter M. Calloway"]


def test_trustees_signing_for_all_name_the_purchaser_they_sign_for():
    """A new user's trial: with one of two trustees signing, the page read "the undersigned Purchaser has duly
    executed this Agreement" over "Kenji Nakamura, as trustee of the Nakamura Family Trust ...", with nothing to say
    he signs for both trustees, who are the Purchaser. Now the block names them first, as joint holders' does."""
    calloway = load_example("fund-example").purchasers[0]
    one_signs = calloway.model_copy(update={"trust": calloway.trust.model_copy(update={"signing_trustees": ["Peter M. Calloway"]})})
    assert signature_block(one_signs) == (
        "Ruth A. Calloway and Peter M. Calloway,\nas trustees of the Calloway Family Revocable Trust u/a/d June 14, 2011\n"
        f"\n\n{LINE}\nPeter M. Calloway, as trustee, acting for the trustees, as the trust agreement permits")
    # all sign: the block names the purchaser too (a partner's read: "PURCHASER:" over two trustee lines named no
    # one purchaser, where the joint holders' names theirs), each trustee "as trustee"; a sole trustee, one line
    assert signature_block(calloway) == CALLOWAY.removeprefix("PURCHASER:\n\n")
    sole = calloway.model_copy(update={"trust": calloway.trust.model_copy(update={"trustees": ["Ruth A. Calloway"]})})
    assert signature_block(sole) == f"\n{LINE}\nRuth A. Calloway, as trustee of the Calloway Family Revocable Trust u/a/d June 14, 2011"


# a purchaser in her own name who also signs for another purchaser: as one of its trustees, as one of its joint holders
ALSO_TRUSTEE = ("Ruth A. Calloway", "Ruth A. Calloway and Peter M. Calloway,", "Ruth A. Calloway, as trustee")
ALSO_JOINT_HOLDER = ("Laura J. Whitaker", "Samuel K. Whitaker and Laura J. Whitaker,", "Laura J. Whitaker")


@pytest.mark.parametrize("person, caption, line", [ALSO_TRUSTEE, ALSO_JOINT_HOLDER], ids=["trustee", "joint-holder"])
def test_a_person_who_buys_alone_and_in_another_capacity_signs_a_block_in_each(tmp_path, person, caption, line):
    """A tester's case: Ruth A. Calloway buys in her own name and is a trustee of the Calloway trust (or Laura J.
    Whitaker, a joint holder with her husband): the build stopped with DD310 for her trustee's (joint holder's)
    page, which was taken for her own. She signs each agreement twice, once on each purchaser's own page, and her
    one packet holds both pages of each."""
    import io
    import json

    from docx import Document

    from dealdocs.ooxml.pages import document_pages

    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8"))
    data["purchasers"].append({
        "kind": "individual", "name": person, "short_name": "her own", "pronoun": "she",
        "address": {"street": ["3 Quarry Road"], "city": "Katonah", "state": "New York", "postal_code": "10536"},
        "subscription": "50,000.00", "principal": "50,000.00"})
    data["escrow"]["aggregate_subscription"] = "1,450,000.00"
    path = tmp_path / "also-alone.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out", wire_confirmed=True).build(path)
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    assert not [f for f in result.findings if f.code.startswith(("DD2", "DD3", "DD4"))], [str(f) for f in result.findings]
    folder = tmp_path / "out" / result.deal_id

    def signed_on(lines: list[str]) -> list[str]:
        """The name lines just below a signature line."""
        lines = [" ".join(text.split()) for text in lines if text.strip()]
        return [below for above, below in zip(lines, lines[1:]) if above.endswith("_____")]

    for name in ("escrow-agreement", "note-purchase-agreement", "release-notice"):
        pages = document_pages(Document(io.BytesIO((folder / f"{name}.docx").read_bytes())))
        hers = [page.lines for page in pages if any(person in signed for signed in signed_on(page.lines))]
        assert len(hers) == 2, (name, hers)  # her page as the other purchaser's, her own page
        other, own = hers
        assert caption in [" ".join(text.split()) for text in other] and line in signed_on(other), (name, other)
        assert signed_on(own) == [person] and caption not in [" ".join(text.split()) for text in own], (name, own)

    own_party = f"{person}, individually, as a Purchaser"
    [entry] = [e for e in json.loads((folder / "signers.json").read_text())["signers"] if e["name"] == person]
    for name in ("escrow-agreement", "note-purchase-agreement", "release-notice"):
        signing_for = [page["signing_for"] for page in entry["pages"] if page["document"] == name]
        assert len(signing_for) == 2 and own_party in signing_for and signing_for[0].startswith(caption), signing_for
    slug = person.lower().replace(".", "").replace(" ", "-")
    packet = Document(io.BytesIO((folder / "signature-packets" / f"{slug}.docx").read_bytes()))
    texts = [" ".join(p.text.split()) for p in packet.paragraphs]
    assert f"Signing for: {own_party}" in texts and any(t.startswith(f"Signing for: {caption}") for t in texts), texts
    assert sum(t.startswith("[Signature Page to") for t in texts) == 4  # the escrow and note purchase agreements, twice


@pytest.mark.parametrize("example, officer", [("convertible-example", "Amara Lindqvist"), ("fund-example", "Owen Hartley")])
def test_the_companys_officer_who_is_the_only_purchaser_signs_each_block_on_the_one_page(tmp_path, example, officer):
    """A reviewer's case: the company's chief executive lends alone. With one purchaser the purchase agreement puts the
    company's block and hers on one page; the first fix of a person signing in two capacities gave every line of
    her name to the company, and the build stopped (DD310). Each line is the party named nearest above it."""
    data = yaml.safe_load((REPO / "deals" / f"{example}.yaml").read_text(encoding="utf-8"))
    data["purchasers"] = [{
        "kind": "individual", "name": officer, "short_name": officer.split()[-1], "pronoun": "she",
        "address": {"street": ["14 Pinckney Street"], "city": "Boston", "state": "Massachusetts", "postal_code": "02114"},
        "subscription": "250,000.00", "principal": "250,000.00"}]
    if data.get("escrow"):
        data["escrow"]["aggregate_subscription"] = "250,000.00"
    path = tmp_path / "insider.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = Builder(output_dir=tmp_path / "out", wire_confirmed=True).build(path)
    assert not [f for f in result.findings if f.code == "DD310"], [str(f) for f in result.findings if f.is_error]
    assert result.ok, [str(f) for f in result.findings if f.is_error]
    from dealdocs.closing.parties import signers

    [agreement] = [d for d in result.documents if d.spec.name == "note-purchase-agreement"]
    theirs = [i for i, signer in enumerate(signers(result.deal, agreement.spec)) if signer.name == officer]
    assert len(theirs) == 2  # for the company, and as the purchaser
    assert [agreement.signature_pages[i] for i in theirs][0] == [agreement.signature_pages[i] for i in theirs][1]
    assert all(agreement.signature_pages[i] for i in theirs)


def test_three_joint_holders_are_one_list_on_every_page_and_the_set_reads_them_alike(tmp_path):
    """Three joint tenants: the signature block names them as every other page does, "A, B and C, as joint
    tenants ..." (it had "A and B and C", which no page elsewhere writes: the set checks read two holders there and
    reported a false DD401, "a joint holder is added", that stopped the build)."""
    data = yaml.safe_load((REPO / "deals" / "fund-example.yaml").read_text(encoding="utf-8"))
    whitakers = next(p for p in data["purchasers"] if p.get("kind") == "joint")
    whitakers["joint"]["holders"].append({"name": "Thomas Whitaker", "pronoun": "he"})
    sheet = tmp_path / "three-holders.yaml"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = Builder().check(sheet, with_files=False)
    assert [str(f) for f in result.findings if f.is_error] == []
    held = "Samuel K. Whitaker, Laura J. Whitaker and Thomas Whitaker, as joint tenants with right of survivorship"
    escrow = next(d for d in result.documents if d.spec.filename == "escrow-agreement.docx")
    assert any(p.startswith(f"PURCHASER:  {held}") for p in escrow.paragraphs)
    assert not any("Whitaker and Laura" in p for d in result.documents for p in d.paragraphs)
