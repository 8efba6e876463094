"""The law as it stood on a deal's dates: what a 2005 agreement can cite, and what only a later one can.

* Regulation D: the SEC's Releases 33-9415 and 33-9414 (effective September 23,
  2013) split Rule 506 into 506(b), the offering without general solicitation,
  and 506(c), and added the bad actor disqualification of Rule 506(d). A deal
  whose first sale is earlier relies on Rule 506 as it then stood, with no
  disqualification to represent against and no covered persons to question.
* The Securities Act: the JOBS Act (Pub. L. 112-106, April 5, 2012) made the
  private offering exemption of Section 4(2) Section 4(a)(2); an agreement
  made earlier cites Section 4(2). The SEC's Release 33-8869 (effective
  February 15, 2008) shortened Rule 144's holding period for restricted
  securities of a reporting company to six months and let a holder that is
  not an affiliate resell freely after a year; before it, the holding period
  was one year, and a holder that was not an affiliate met the rule's other
  conditions (current public information, volume, manner of sale, Form 144)
  until two years had passed (Rule 144(k)).
* Article 9 of the UCC: the 2010 amendments, in force in every state from July 1,
  2013, name a registered organization's "public organic record"; a security
  agreement dated earlier names the charter on file with the state. The 2022
  amendments add controllable electronic records, controllable accounts and
  controllable payment intangibles, in force in no state before 2023; a security
  agreement dated earlier does not name them.

* Rule 12b-2 of the Exchange Act defines a "shell company" from August 22, 2005
  (SEC Release 33-8587): a purchase agreement made earlier has no
  representation that the company is not one.

* Tax forms: an entity abroad certifies its foreign status on Form W-8BEN-E
  from July 1, 2014, when FATCA withholding began (the form is of February
  2014); before it, entities and individuals alike gave Form W-8BEN.

* FINRA Rule 5123, in force from December 3, 2012: a FINRA member that sells
  securities in a private placement files with FINRA the offering documents
  it used (or says it used none) within 15 calendar days of the first sale. A
  deal whose first sale is earlier has no such filing on its checklist.

* Bankruptcy preferences: a security interest perfected within 30 days after
  it attaches dates from attachment (11 U.S.C. § 547(e)(2)) in cases filed from
  October 17, 2005, when the 2005 bankruptcy amendments took effect; before,
  within 10 days. A deal made before that day is held to the 10 days counsel
  advised then.

Templates see each as a yes or no (`flags`), computed from the term sheet's dates, never the clock.
"""

from __future__ import annotations

from datetime import date

from dealdocs.termsheet.model import Deal
from dealdocs.words import long_date

RULE_506_AMENDED = date(2013, 9, 23)
"""Rules 506(b), 506(c) and 506(d) in force from this day (SEC Releases 33-9415 and 33-9414)."""
UCC_2010_AMENDMENTS = date(2013, 7, 1)
"""The 2010 amendments to Article 9 ("public organic record") in force from this day, the uniform effective date."""
UCC_2022_AMENDMENTS = date(2023, 1, 1)
"""The 2022 amendments (controllable electronic records, Article 12) in force in no state before this day."""

JOBS_ACT = date(2012, 4, 5)
"""Section 4(2) of the Securities Act renumbered 4(a)(2) from this day (the JOBS Act)."""
RULE_144_AMENDED = date(2008, 2, 15)
"""Rule 144's six-month and one-year holding periods in force from this day (SEC Release 33-8869)."""

W_8BEN_E = date(2014, 7, 1)
"""Form W-8BEN-E for entities from this day (FATCA withholding); Form W-8BEN before it."""

SMALLER_REPORTING = date(2008, 2, 4)
"""'Smaller reporting company' from this day (SEC Release 33-8876); before it, 'small business issuer'."""
FORM_8K_ITEMS = date(2004, 8, 23)
"""Form 8-K's Items 1.01, 2.03 and 3.02 in force from this day (SEC Release 33-8400); before it, none of them."""
BAPCPA = date(2005, 10, 17)
"""The 2005 bankruptcy amendments in force: 547(e)(2)'s 10 days became 30."""
SHELL_COMPANY = date(2005, 8, 22)
"""Rule 12b-2's definition of a "shell company" in force from this day (SEC Release 33-8587)."""
FINRA_5123 = date(2012, 12, 3)
"""FINRA Rule 5123 in force from this day: a member selling in a private placement files its offering documents."""


def form_8k_items(deal: Deal) -> bool:
    """Whether the purchase agreement that binds the company (`first_sale`) was made when Form 8-K had the items that
    report it."""
    return _on_or_after(first_sale(deal), FORM_8K_ITEMS)


def item_302_floor(day: date) -> str:
    """When Form 8-K's Item 3.02 reports an unregistered sale of equity agreed on `day`: its 1% floor, or 5% for the
    smaller companies the SEC named "small business issuers" until February 4, 2008 and "smaller reporting companies"
    since."""
    smaller = "a smaller reporting company" if day >= SMALLER_REPORTING else "a small business issuer"
    return ("with the company's other unregistered sales since its last Item 3.02 report or its last Form 10-Q or 10-K, "
            f"whichever is more recent, are 1% or more of the outstanding shares of that class, or 5% for {smaller}")


def finra_5123(deal: Deal) -> bool:
    """Whether the deal's first sale falls under FINRA Rule 5123 (a placement agent's filing with FINRA)."""
    return _on_or_after(first_sale(deal), FINRA_5123)


def perfection_days(attached: date) -> int:
    """The days after attachment within which perfection dates a security interest from attachment (547(e)(2))."""
    return 30 if attached >= BAPCPA else 10


def first_sale(deal: Deal) -> date | None:
    """The date of first sale: the purchase agreement's signing, when the purchasers are committed to invest."""
    if deal.notes is not None:
        return deal.notes.agreement_date
    return deal.escrow.purchase_agreement.date if deal.escrow is not None else None


def bad_actor_rule(deal: Deal) -> bool:
    """Whether the deal's first sale falls under Rule 506 as amended in 2013: 506(b), and the bad actor rule 506(d)."""
    return _on_or_after(first_sale(deal), RULE_506_AMENDED)


def foreign_entity_tax_form(deal: Deal) -> str:
    """The form on which an entity with an address abroad certifies its foreign status, as of the first sale."""
    sold = first_sale(deal)
    return "W-8BEN-E" if sold is None or sold >= W_8BEN_E else "W-8BEN"


def purchase_agreement_title(deal: Deal) -> str:
    """The title of the purchase agreement whose signing is the first sale: the Note Purchase Agreement, else the one
    the escrow serves."""
    if deal.notes is not None:
        return "Note Purchase Agreement"
    assert deal.escrow is not None
    return deal.escrow.purchase_agreement.title


def first_sale_words(deal: Deal, day: date) -> str:
    """"the purchasers' signing of the Note Purchase Agreement, March 2, 2026": the first sale, in words (the
    purchaser's, of a deal of one)."""
    who = "the purchaser's" if deal.single_purchaser else "the purchasers'"
    return f"{who} signing of the {purchase_agreement_title(deal)}, {long_date(day)}"


def tax_form_note(deal: Deal) -> str:
    """What the checklist says below its table of the tax forms: which form where, as of the first sale."""
    entity = foreign_entity_tax_form(deal)
    abroad = ("Form W-8BEN (an individual) or W-8BEN-E (an entity)" if entity == "W-8BEN-E"
              else "Form W-8BEN (an individual or, before Form W-8BEN-E of 2014, an entity)")
    return ("Tax forms are chosen by where a purchaser is: a person by address, an entity by where it is organized (or "
            f"its address): Form W-9 in the United States; {abroad} abroad; Form {entity} for an entity organized in "
            "a U.S. territory (foreign for U.S. income tax). A purchaser whose tax status differs gives the other form.")


FLAGS = {
    "rule_506_amended": "yes when the deal's first sale is on or after September 23, 2013: Rule 506(b) and the bad actor "
    "rule (506(d)) apply; before it, plain Rule 506 and no 506(d)",
    "section_4a2": "yes when the deal's first sale is on or after April 5, 2012 (the JOBS Act): the private offering "
    "exemption is Section 4(a)(2) of the Securities Act; before it, Section 4(2)",
    "rule_144_amended": "yes when the deal's first sale is on or after February 15, 2008: Rule 144's six-month and "
    "one-year holding periods; before it, one year, and two years before a holder that is not an affiliate resells "
    "free of the rule's other conditions",
    "ucc_2010_amended": "yes when the security agreement is dated on or after July 1, 2013, when the 2010 amendments "
    "to Article 9 (a registered organization's \"public organic record\") took effect; yes when there is none",
    "shell_company_defined": "yes when the deal's first sale is on or after August 22, 2005, when Rule 12b-2 of the "
    "Exchange Act began to define a \"shell company\" (SEC Release 33-8587); before it, no company could represent it "
    "was not one",
    "ucc_2022_amended": "yes when the security agreement is dated in 2023 or later, when states began to enact the 2022 "
    "amendments (controllable electronic records, accounts and payment intangibles); yes when there is none",
}
"""Each flag a template may ask (`flags`), with what it means: what `dealdocs templates` guide says of it."""


def _on_or_after(day: date | None, law: date) -> bool:
    return day is None or day >= law


def flags(deal: Deal) -> dict[str, bool]:
    """What a template may ask of the law on the deal's dates (`FLAGS`): each flag is True for the law in force now."""
    secured = deal.notes.security_date if deal.notes is not None and deal.notes.secured else None
    sold = first_sale(deal)
    return {
        "rule_506_amended": bad_actor_rule(deal),
        "section_4a2": _on_or_after(sold, JOBS_ACT),
        "rule_144_amended": _on_or_after(sold, RULE_144_AMENDED),
        "shell_company_defined": _on_or_after(sold, SHELL_COMPANY),
        "ucc_2010_amended": _on_or_after(secured, UCC_2010_AMENDMENTS),
        "ucc_2022_amended": _on_or_after(secured, UCC_2022_AMENDMENTS),
    }
