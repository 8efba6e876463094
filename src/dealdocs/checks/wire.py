"""Checks on the escrow's wire instructions, where the purchasers send their money, and on its agent's own fee
(codes DD130, DD131, DD153, DD188, DD189).

A digit wrong in a routing or account number sends the money elsewhere; a purchaser abroad, whose bank wires
through SWIFT, needs the receiving bank's SWIFT/BIC code, which the instructions must then give, right.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD130 | error    | the ABA routing number is not 9 digits or fails its checksum |
| DD131 | error    | the account number is not all digits |
| DD153 | error    | the SWIFT/BIC code is not one (8 or 11 letters and digits: bank, country, place, branch), or names a country other than the United States (or a US territory) for a bank with an ABA routing number (a warning when a purchaser's address is abroad and the instructions give no SWIFT/BIC code) |
| DD188 | error    | a bank as escrow agent, which the escrow agreement has hold the funds in an account maintained with it (its Section 1.1), and wire instructions to another bank |
| DD189 | error    | a disbursement paid as the escrow agent's fee (`role: escrow_agent`) to a payee that is not the escrow agent |
"""

from __future__ import annotations

import re

from dealdocs.checks.parties import Report
from dealdocs.closing.wire import aba_checksum_ok
from dealdocs.termsheet.jurisdictions import is_united_states, jurisdiction
from dealdocs.termsheet.model import Deal
from dealdocs.termsheet.base import same_firm
from dealdocs.termsheet.scalars import foreign_digit
from dealdocs.words import join_and

__all__ = ["check_wire", "check_wire_abroad"]

_BIC = re.compile(r"[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
_WIRE = ("escrow", "wire")


def check_wire(deal: Deal, report: Report) -> None:
    """DD130 and DD131 on the routing and account numbers; DD153 on the SWIFT/BIC code given (its absence:
    `check_wire_abroad`, which reads the purchasers too)."""
    if not deal.escrow:
        return
    wire = deal.escrow.wire
    aba, account = wire.aba_routing_number, wire.account_number
    if foreign := foreign_digit(aba):
        report.error("DD130", (*_WIRE, "aba_routing_number"), f"'{aba}' holds the digit {foreign}: an ABA routing number is 9 digits 0-9")
    elif not re.fullmatch(r"[0-9]{9}", aba):
        report.error("DD130", (*_WIRE, "aba_routing_number"), f"'{aba}' is not an ABA routing number: it must be 9 digits")
    elif not aba_checksum_ok(aba):
        report.error("DD130", (*_WIRE, "aba_routing_number"), f"'{aba}' fails the ABA checksum: a digit is wrong or two are swapped")
    if foreign := foreign_digit(account):
        report.error("DD131", (*_WIRE, "account_number"), f"'{account}' holds the digit {foreign}: an account number is digits 0-9 only")
    elif not re.fullmatch(r"[0-9]+", account):
        report.error("DD131", (*_WIRE, "account_number"), f"'{account}' is not an account number: it must be digits only")
    _check_bic(deal, report)
    _check_agents_own(deal, report)


def _check_agents_own(deal: Deal, report: Report) -> None:
    """DD188, DD189 (a partner's read of a bank escrow: the account at another bank, named for a law firm, and the
    law firm paid "as its fee as the Escrow Agent", all checked clean)."""
    assert deal.escrow is not None
    escrow, agent = deal.escrow, deal.escrow.agent
    if agent.kind == "bank" and not same_firm(escrow.wire.bank, agent.name):
        report.error("DD188", (*_WIRE, "bank"), f"the escrow agreement has {agent.name} hold the escrowed funds in an "
                                                 "account maintained with it (Section 1.1), but the wire instructions send "
                                                 f"them to {escrow.wire.bank}: give the account the escrow agent keeps for "
                                                 "the escrow (or, for an agent that keeps it at another bank, "
                                                 "escrow.agent.kind: trust_company)")
    for index, disbursement in enumerate(escrow.disbursements):
        if disbursement.role == "escrow_agent" and not same_firm(disbursement.payee, agent.name):
            report.error("DD189", ("escrow", "disbursements", index, "payee"),
                         f"'{disbursement.payee}' is paid as the escrow agent's fee, but the escrow agent is {agent.name}: "
                         "pay the agent's fee to the agent, or give this payment another role")


def check_wire_abroad(deal: Deal, report: Report) -> None:
    """DD153: no SWIFT/BIC code for a wire from a purchaser abroad."""
    if deal.escrow is not None and deal.escrow.wire.swift_bic is None:
        abroad = [p.name for p in deal.purchasers if not is_united_states(p.address.country)]
        if abroad:
            report.warning("DD153", _WIRE, f"{join_and(abroad)} {'has an address' if len(abroad) == 1 else 'have addresses'} "
                                           "outside the United States: a wire from a bank abroad reaches the escrow account "
                                           "through SWIFT, by the receiving bank's SWIFT/BIC code, which the wire "
                                           "instructions do not give; add escrow.wire.swift_bic (the escrow agent's bank "
                                           "gives it), confirmed with the escrow agent as the other wire details are")


def _check_bic(deal: Deal, report: Report) -> None:
    assert deal.escrow is not None
    bic = deal.escrow.wire.swift_bic
    if bic is None:
        return
    written = "".join(bic.split()).upper()
    match = _BIC.fullmatch(written)
    if match is None:
        report.error("DD153", (*_WIRE, "swift_bic"),
                     f"'{bic}' is not a SWIFT/BIC code: it is 8 or 11 capital letters and digits, the bank's four "
                     "letters, its country's two, two for its place and, for a branch, three more")
    elif match.group(1) != "US" and jurisdiction(match.group(1)).kind != "territory":  # a US bank's, or a territory's
        report.error("DD153", (*_WIRE, "swift_bic"),
                     f"the SWIFT/BIC code '{bic}' is of a bank in the country '{match.group(1)}', and the wire's ABA "
                     "routing number is a US bank's: one of them is not the escrow account's bank")
