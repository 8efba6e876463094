"""A US address's state and ZIP code (codes DD126, DD155; its DD127 is documented with the others, in `checks.deal`).

The documents print each address as written, and the closing checklist files blue-sky notices in the state it
names: a state that is none of the United States' is an error (DD127), as is a ZIP code of another state than
the one written (DD155, by the Postal Service's three-digit prefixes, `termsheet.zip_codes`).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD126 | warning  | a US address without a ZIP code, or with one that is not five digits (or ZIP+4) |
| DD155 | error    | a US address's ZIP code is another state's than its state ("02481", a Massachusetts ZIP code, with the state MS): the documents would print both, and the checklist would file in the state |
"""

from __future__ import annotations

from dealdocs.checks.parties import Report
from dealdocs.termsheet.base import Address
from dealdocs.termsheet.jurisdictions import Jurisdiction, abbreviated, home, jurisdiction, state_name
from dealdocs.termsheet.loader import KeyPath
from dealdocs.termsheet.zip_codes import ACROSS_STATE_LINES, ARMED_FORCES, ZIP, zip_state

__all__ = ["check_us_address"]


def check_us_address(path: KeyPath, who: str, address: Address, report: Report) -> None:
    """DD126, DD127 and DD155 for the address at `path`, one in the United States (`is_united_states`); a state
    a slip or two from a US one's name is DD127 with the other jurisdictions' (`checks.deal`)."""
    state, where = jurisdiction(address.state), home(address.state, address.country)
    if state.in_united_states and state.code != where.code:
        report.error("DD127", (*path, "state"), f"{who}'s address is in {where.name} (its country), but its "
                                                f"state is {state.name}: give the state of the address as its state")
    code = (address.postal_code or "").strip()
    if not code:
        report.warning("DD126", (*path, "postal_code"), f"{who}'s address ({address.one_line}) has no ZIP code: "
                                                        "a US address needs one")
    elif not ZIP.fullmatch(code):
        report.warning("DD126", (*path, "postal_code"),
                       f"{who}'s ZIP code '{code}' is not five digits (or ZIP+4, 10013-1234); if the address is "
                       "outside the United States, give its country")
    armed = address.state.replace(".", "").strip().upper()
    if where.in_united_states or armed in ARMED_FORCES:
        _check_zip_state(path, address, code, state, where, armed, report)
    elif meant := abbreviated(address.state):
        report.error("DD127", (*path, "state"), f"'{address.state}' is not a US state: write the state's name or "
                                                f"its two-letter code, {meant.name} or {meant.code}")
    elif not state.slip_for:  # a slip ("Masachusetts") says the state it is one for
        report.error("DD127", (*path, "state"),
                     f"'{address.state}' is not a US state or territory: write the state's name or its two-letter "
                     f"code, as in New York or NY; if {who}'s address is outside the United States, give its country")


def _check_zip_state(path: KeyPath, address: Address, code: str, state: Jurisdiction, where: Jurisdiction, armed: str,
                     report: Report) -> None:
    """DD155: the ZIP code `code` of a state other than the address's (`where`, or the armed forces' `armed`); `state`:
    the one its state names."""
    found, given = zip_state(code), where.code if where.in_united_states else armed
    if found is None or found == given or given in ACROSS_STATE_LINES.get(code[:5], ()):
        return
    name = f"{ARMED_FORCES[found]} ({found})" if found in ARMED_FORCES else state_name(found)
    article = "an" if name[0] in "AEIO" else "a"
    written = " ".join(address.state.split())
    if where.in_united_states and state.code != where.code:
        said = f"the address is in {where.name} (its country)"
    else:
        full = where.name if where.in_united_states else ARMED_FORCES[armed]
        said = f"the state is {written}" + ("" if written == full else f" ({full})")
    report.error("DD155", (*path, "postal_code"),
                 f"{code} is {article} {name} ZIP code, but {said}: correct one of them")
