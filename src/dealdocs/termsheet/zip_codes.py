"""Which state a US ZIP code is of, by its first three digits: the Postal Service's ZIP code prefixes.

Each prefix below is the Postal Service's for one state, the District of Columbia, a territory, or an armed
forces post office (APO/FPO, its "state" AA, AE or AP). A prefix left out is unassigned, or shared by more than
one state or territory, or one dealdocs is not sure of: a ZIP code there is accepted with any state, since a
false error would hold up a real deal. Shared, so left out: 063 (Connecticut, and Fishers Island, New York),
967 (Hawaii and American Samoa), 969 (Guam, the Northern Mariana Islands, and the freely associated states).
"""

from __future__ import annotations

import re

__all__ = ["ACROSS_STATE_LINES", "ARMED_FORCES", "ZIP", "zip_state"]

ZIP = re.compile(r"[0-9]{5}(-[0-9]{4})?")  # ASCII digits: "١٠٠١٤" is no ZIP code a carrier reads
"""A ZIP code as written: five digits, or ZIP+4 ("10013-1234")."""

ARMED_FORCES = {"AA": "Armed Forces Americas", "AE": "Armed Forces Europe", "AP": "Armed Forces Pacific"}
"""The "states" of an armed forces post office's address (APO, FPO or DPO): no state, but a US address."""

_PREFIXES: tuple[tuple[int, int, str], ...] = (
    (5, 5, "NY"), (6, 7, "PR"), (8, 8, "VI"), (9, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"),
    (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 62, "CT"), (64, 69, "CT"), (70, 89, "NJ"),
    (90, 98, "AE"), (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"), (200, 200, "DC"), (201, 201, "VA"),
    (202, 205, "DC"), (206, 212, "MD"), (214, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"),
    (290, 299, "SC"), (300, 319, "GA"), (320, 339, "FL"), (340, 340, "AA"), (341, 342, "FL"), (344, 344, "FL"),
    (346, 347, "FL"), (349, 349, "FL"), (350, 352, "AL"), (354, 369, "AL"), (370, 385, "TN"), (386, 397, "MS"),
    (398, 399, "GA"), (400, 418, "KY"), (420, 427, "KY"), (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"),
    (500, 516, "IA"), (520, 528, "IA"), (530, 532, "WI"), (534, 535, "WI"), (537, 549, "WI"), (550, 551, "MN"),
    (553, 567, "MN"), (569, 569, "DC"), (570, 577, "SD"), (580, 588, "ND"), (590, 599, "MT"), (600, 620, "IL"),
    (622, 629, "IL"), (630, 631, "MO"), (633, 641, "MO"), (644, 658, "MO"), (660, 662, "KS"), (664, 679, "KS"),
    (680, 681, "NE"), (683, 693, "NE"), (700, 701, "LA"), (703, 708, "LA"), (710, 714, "LA"), (716, 729, "AR"),
    (730, 731, "OK"), (733, 733, "TX"), (734, 741, "OK"), (743, 749, "OK"), (750, 770, "TX"), (772, 799, "TX"),
    (800, 816, "CO"), (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 850, "AZ"), (852, 853, "AZ"),
    (855, 857, "AZ"), (859, 860, "AZ"), (863, 865, "AZ"), (870, 871, "NM"), (873, 875, "NM"), (877, 884, "NM"),
    (885, 885, "TX"), (889, 891, "NV"), (893, 895, "NV"), (897, 898, "NV"), (900, 908, "CA"), (910, 928, "CA"),
    (930, 961, "CA"), (962, 966, "AP"), (968, 968, "HI"), (970, 979, "OR"), (980, 986, "WA"), (988, 994, "WA"),
    (995, 999, "AK"),
)  # fmt: skip
"""(first prefix, last prefix, postal code of the state): 10-27 is 010xx to 027xx, Massachusetts."""

ACROSS_STATE_LINES: dict[str, frozenset[str]] = {
    code: frozenset(states) for code, states in (
        ("02861", ("RI", "MA")), ("42223", ("KY", "TN")), ("59221", ("MT", "ND")), ("63673", ("MO", "IL")),
        ("71749", ("AR", "LA")), ("73949", ("OK", "TX")), ("81137", ("CO", "NM")), ("84536", ("UT", "AZ")),
        ("86044", ("AZ", "UT")), ("86515", ("AZ", "NM")), ("88063", ("NM", "TX")), ("89439", ("NV", "CA")),
        ("97635", ("OR", "CA")),
    )
}
"""The five-digit ZIP codes whose delivery area crosses a state line (the Census Bureau's ZIP code tabulation areas
in two states; a code review found "Fort Campbell, TN 42223" refused): each is a ZIP code of every state listed."""

_BY_PREFIX = {prefix: state for first, last, state in _PREFIXES for prefix in range(first, last + 1)}


def zip_state(code: str) -> str | None:
    """The postal code of the state (or DC, territory, or AA, AE, AP) whose ZIP code `code` is: "02481" and
    "02481-1234" -> "MA"; None for what is not a ZIP code (`ZIP`) or has a prefix left out of the table."""
    code = code.strip()
    return _BY_PREFIX.get(int(code[:3])) if ZIP.fullmatch(code) else None
