"""Usury: the rate at which a company's note to an investor becomes usurious, by governing law.

One record per jurisdiction, one rule per limit, each with its source. A rule
reaches a kind of maker (a corporation, an LLC, a partnership, an individual,
a trust: `maker_kind` reads the company's entity type) and may not apply to a
note of a given size or more. Sizes are per note, measured on the amount the
purchaser actually advances (its subscription, never more than its principal):
each purchaser lends its own money on its own note, and adding purchasers
together to cross a threshold is not safe.

The rate compared is an effective simple annual rate, not the coupon
(`effective_rate`): interest on an actual/360 basis is 365/360 of its stated
rate over a year, and a discount (principal above the price paid) is interest
spread over the term. A rate equal to a limit is lawful: every statute below
says "exceeding", "greater than" or "in excess of". A savings clause in the
note ("in no event shall the interest charged hereunder exceed the maximum
permitted") does not cure a usurious rate (Fred Schutzman Co. v. Park Slope
Advanced Medical, PLLC, 2015 NY Slip Op 04447 (2d Dep't)), so no check relaxes
for it.

Where a limit floats with a published rate (the Texas weekly ceiling, the
California and Delaware formulas), the table holds the floor below which a
note is lawful whatever the published rate; above it, the check asks the
lawyer to confirm, and never fetches a rate.

The statutes were read in November 2026 (notes of the reading in the comments);
a lawyer confirms them before relying on this table in a new jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

MakerKind = Literal["corporation", "llc", "limited_partnership", "general_partnership", "individual", "trust"]
EVERY_MAKER: frozenset[MakerKind] = frozenset(
    ("corporation", "llc", "limited_partnership", "general_partnership", "individual", "trust"))
NOT_CORPORATE: frozenset[MakerKind] = frozenset(("limited_partnership", "general_partnership", "individual", "trust"))


@dataclass(frozen=True)
class Rule:
    """One usury limit of one jurisdiction."""

    limit: Decimal | None  # usurious above this simple annual rate, in percent; None: no fixed cap
    criminal: bool  # a criminal limit (an error) or a civil one (a warning)
    source: str  # the statute, as the finding cites it
    makers: frozenset[MakerKind] = EVERY_MAKER  # the makers the rule reaches (who may plead it)
    exempt_at: Decimal | None = None  # the rule does not reach a note of this amount ...
    exempt_above_only: bool = False  # ... or only of more than this amount (a "exceeds $X" exemption)
    floor: Decimal | None = None  # a floating limit is never below this: above it, confirm (DD108)
    floats_with: str | None = None  # what a floating limit depends on, for the lawyer to confirm
    effect: str = ""  # what happens to a note above the limit

    def exempts(self, amount: Decimal) -> bool:
        if self.exempt_at is None:
            return False
        return amount > self.exempt_at if self.exempt_above_only else amount >= self.exempt_at


@dataclass(frozen=True)
class Usury:
    jurisdiction: str  # as `termsheet.jurisdictions` names it: "New York"
    rules: tuple[Rule, ...]


_M = Decimal

TABLE: dict[str, Usury] = {u.jurisdiction: u for u in (
    Usury("New York", (
        # GOL § 5-501(1)-(2) with Banking Law § 14-a(1): 16% (both read on nysenate.gov). Corporations may
        # not plead civil usury (GOL § 5-521(1)), nor LLCs (LLC Law § 1104(a)); partnerships and individuals
        # may. Loans of $250,000 or more are outside it (GOL § 5-501(6)(a); not for loans secured primarily
        # by a one- or two-family residence). A usurious loan is void (GOL § 5-511).
        Rule(_M(16), False, "N.Y. Gen. Oblig. Law § 5-501 and Banking Law § 14-a", makers=NOT_CORPORATE,
             exempt_at=_M(250_000), effect="a civilly usurious note is void (Gen. Oblig. Law § 5-511); "
             "corporations and LLCs cannot plead it, and notes of $250,000 or more are outside it "
             "(§ 5-501(6)(a))"),
        # Penal Law § 190.40 (class E felony): more than 25% a year. Corporations and LLCs may plead it
        # (GOL § 5-521(3); LLC Law § 1104(c)). Loans of $2,500,000 or more are outside it (GOL § 5-501(6)(b);
        # Alleon Capital Partners v. Choudhry, 2024 NY Slip Op 01165 (2d Dep't)). A criminally usurious
        # loan is void ab initio (Adar Bays, LLC v. GeneSYS ID, Inc., 37 N.Y.3d 320 (2021)).
        Rule(_M(25), True, "N.Y. Penal Law § 190.40", exempt_at=_M(2_500_000),
             effect="a criminally usurious note is void (Adar Bays, LLC v. GeneSYS ID, Inc., 37 N.Y.3d 320 "
             "(2021)); notes of $2,500,000 or more are outside it (Gen. Oblig. Law § 5-501(6)(b))"),
    )),
    Usury("Texas", (
        # Fin. Code § 302.001(b): 10% unless otherwise provided; § 306.002(a): a commercial loan may bear the
        # Chapter 303 ceiling: twice the 26-week Treasury bill auction rate, rounded to 1/4% (§ 303.003), never
        # below 18% (§ 303.009(a)) and, for business, commercial or investment credit, never above 28%
        # (§ 303.009(c)). Penalty: three times the excess interest (§ 305.001(a-1)).
        Rule(_M(28), False, "Tex. Fin. Code §§ 303.003, 303.009, 306.002", floor=_M(18),
             floats_with="the Texas weekly ceiling in effect when the note is made (twice the 26-week Treasury "
             "bill rate, Tex. Fin. Code §§ 303.003, 303.009), published by the Office of Consumer Credit "
             "Commissioner",
             effect="the lender is liable for three times the excess interest (Tex. Fin. Code § 305.001(a-1))"),
    )),
    Usury("California", (
        # Cal. Const. art. XV, § 1(2): for a loan not for personal, family or household use, the higher of
        # 10% or 5% plus the San Francisco Federal Reserve Bank's advance rate on the 25th of the month before
        # the contract. Corp. Code § 25118 exempts notes of $300,000 or more, or of issuers with $2,000,000 of
        # assets, on conditions (non-consumer, no individual maker or guarantor, a pre-existing relationship
        # or the capacity to protect one's interests) that are not facts of the term sheet.
        Rule(None, False, "Cal. Const. art. XV, § 1", floor=_M(10),
             floats_with="5% plus the Federal Reserve Bank of San Francisco's advance rate on the 25th of the "
             "month before the note is agreed (Cal. Const. art. XV, § 1(2)), unless the note is exempt under "
             "Cal. Corp. Code § 25118 ($300,000 or more, or an issuer with $2,000,000 of assets, on its "
             "conditions)",
             effect="usurious interest is unenforceable and treble the interest paid in the year before suit "
             "may be recovered (Usury Law § 3)"),
    )),
    Usury("Delaware", (
        # 6 Del. C. § 2301(a): 5% over the Federal Reserve discount rate; § 2301(c): no limit where the amount
        # lent exceeds $100,000 and is not secured by a mortgage on the borrower's principal residence. § 2306: no
        # corporation, statutory or business trust or LLC may plead a usury statute.
        Rule(None, False, "6 Del. C. § 2301(a)", makers=NOT_CORPORATE, exempt_at=_M(100_000), exempt_above_only=True,
             floor=_M(5),
             floats_with="5% over the Federal Reserve discount rate (6 Del. C. § 2301(a)); notes of more than "
             "$100,000 are outside it (§ 2301(c)); corporations and LLCs may not plead it (§ 2306)",
             effect="the excess need not be paid (6 Del. C. § 2304)"),
    )),
    Usury("Florida", (
        # Fla. Stat. §§ 687.02(1), 687.03(1): 18% simple; a loan exceeding $500,000 is usurious only above the
        # § 687.071 rate. Penalty: forfeiture of interest (§ 687.04).
        Rule(_M(18), False, "Fla. Stat. §§ 687.02, 687.03", exempt_at=_M(500_000), exempt_above_only=True,
             effect="the lender forfeits the interest (Fla. Stat. § 687.04); notes of more than $500,000 are "
             "outside it (§ 687.03(1))"),
        # Fla. Stat. § 687.071(2): more than 25% is a misdemeanor, (3) more than 45% a felony; (7) such a debt
        # is unenforceable.
        Rule(_M(25), True, "Fla. Stat. § 687.071", effect="the debt is unenforceable (Fla. Stat. § 687.071(7))"),
    )),
    Usury("Illinois", (
        # 815 ILCS 205/4(1): 9% in a written contract, but any rate is lawful on a loan to a corporation
        # (205/4(1)(a)) or a business loan to a business association, partnership or business trustee
        # (205/4(1)(c)).
        Rule(_M(9), False, "815 ILCS 205/4(1)", makers=frozenset(("individual", "trust")),
             effect="twice the interest and charges may be recovered (815 ILCS 205/6); a business loan to an "
             "individual is outside it (205/4(1)(c))"),
    )),
    Usury("New Jersey", (
        # N.J.S.A. 31:1-1(a): 16% by written contract; loans of $50,000 or more are outside it (31:1-1(e)(1));
        # corporations, LLCs and LLPs may not plead it (31:1-6).
        Rule(_M(16), False, "N.J.S.A. 31:1-1", makers=NOT_CORPORATE, exempt_at=_M(50_000),
             effect="the lender recovers principal only (N.J.S.A. 31:1-3)"),
        # N.J.S.A. 2C:21-19(a): criminal usury above 30%, or above 50% on a loan to a corporation, LLC or LLP.
        Rule(_M(50), True, "N.J.S.A. 2C:21-19(a)", makers=frozenset(("corporation", "llc"))),
        Rule(_M(30), True, "N.J.S.A. 2C:21-19(a)", makers=NOT_CORPORATE),
    )),
    Usury("Massachusetts", (
        # Mass. Gen. Laws c. 271, § 49(a): interest and expenses above 20% a year, unless the lender notified
        # the Attorney General beforehand (§ 49(d)); the loan may be declared void (§ 49(c)).
        Rule(_M(20), True, "Mass. Gen. Laws c. 271, § 49",
             effect="the loan may be declared void (c. 271, § 49(c)) unless the lender notified the Attorney "
             "General beforehand (§ 49(d))"),
    )),
    Usury("Pennsylvania", (
        # 41 P.S. § 201(a): 6% on loans of $50,000 or less; § 201(b) excludes larger loans and business loans
        # of any amount; corporations may not plead usury (Raby v. Commercial Banking Corp., 220 A.2d 659
        # (Pa. Super. 1966)).
        Rule(_M(6), False, "41 P.S. § 201", makers=frozenset(("individual", "trust")), exempt_at=_M(50_000),
             exempt_above_only=True,
             effect="treble the excess interest (41 P.S. § 502); a business loan is outside it (§ 201(b)(3))"),
    )),
    # NRS 99.050(1): the parties may agree in writing to any rate.
    Usury("Nevada", ()),
)}

# What a company's entity type says about it as a maker.
_MAKER_KINDS: tuple[tuple[MakerKind, tuple[str, ...]], ...] = (
    ("llc", ("limited liability company", "llc", "l.l.c.")),
    ("limited_partnership", ("limited partnership", "limited liability limited partnership", "lllp", "l.p.")),
    ("general_partnership", ("general partnership", "partnership", "limited liability partnership", "llp")),
    ("trust", ("trust", "statutory trust", "business trust")),
    ("corporation", ("corporation", "company", "inc", "incorporated")),
)


def maker_kind(entity_type: str) -> MakerKind | None:
    """'corporation' and 'public benefit corporation' are corporations; an unknown type is None."""
    words = " ".join(entity_type.casefold().replace(",", " ").split())
    for kind, names in _MAKER_KINDS:
        if words in names or any(words.endswith(f" {name}") for name in names):
            return kind
    return None


def effective_rate(rate: Decimal, day_count: str, price: Decimal, principal: Decimal, issue: date,
                   maturity: date) -> Decimal:
    """The simple annual rate, in percent, a purchaser earns on the price it pays.

    The coupon is on the principal: on the price it is rate * principal / price,
    and 365/360 of that when interest runs on a 360-day year for actual days.
    A discount (principal above price) is interest too, spread over the years
    to maturity.
    """
    years = Decimal((maturity - issue).days) / Decimal(365)
    if price <= 0 or years <= 0:
        return Decimal(0)
    coupon = rate * principal / price
    if day_count == "actual/360":
        coupon = coupon * Decimal(365) / Decimal(360)
    discount = (principal - price) / price / years * 100
    return (coupon + discount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
