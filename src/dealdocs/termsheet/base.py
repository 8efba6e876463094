"""The base of every term sheet section, and the address and signatory that several sections share."""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field

from dealdocs.lexicon import CORPORATE_SUFFIXES
from dealdocs.termsheet.jurisdictions import is_united_kingdom
from dealdocs.termsheet.values import Email, PostalCode, Text

SIGNER_EMAIL = "where an e-signature service sends this person's pages (signers.json); printed in no document"


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (`Address` of `Address | None` or of `list[Address]`), or None for a value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(model_in, get_args(annotation)) if m is not None), None)


_NOT_WORD = re.compile(r"[\W_]+")
_LOOK_ALIKES = str.maketrans(dict(zip(
    "АВЕКМНОРСТУХІЈЅаеорсухіјѕԁһӏԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκχϲ",
    "ABEKMHOPCTYXIJSaeopcyxijsdhlqwABEZHIKMNOPTYXaopiuvkxc",
)))
"""Cyrillic and Greek letters drawn as Latin ones ('Harborvіew' with a Cyrillic і): one name to the eye is one."""


def name_key(name: str) -> str:
    """A name as names are compared: case, spaces, punctuation and accents aside, letters that look alike alike
    ('Chen, Margaret' is 'chen margaret'; 'Café' composed or decomposed is 'cafe'); letters of every script kept
    (two purchasers named in Chinese characters are two names, not both none)."""
    if name.isascii():  # no accents, no look-alikes: most names, and each is compared several times
        bare = name
    else:
        decomposed = unicodedata.normalize("NFKD", name.translate(_LOOK_ALIKES))
        bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _NOT_WORD.sub(" ", bare.casefold()).strip()


def same_firm(one: str, other: str) -> bool:
    """Whether two names are one firm's or bank's: alike but for case, spaces, punctuation, "&" for "and", and a
    corporate suffix (`lexicon`, with full stops or without) or a bank's ("National Association", "FSB") at the end;
    or one the other up to a comma ("Fenwick Stroud LLP, as counsel" is Fenwick Stroud LLP; "BNP Paribas, New York
    Branch" is BNP Paribas S.A.). Not one the other's first words: "Cooley Manion Jones LLP" is not Cooley LLP, nor
    "City National Bank of Florida" City National Bank (a code review)."""
    a, b = firm_key(one), firm_key(other)
    if not (a and b):
        return False
    return a == b or any(firm_key(",".join(longer.split(",")[:cut])) == firm_key(shorter)
                         for longer, shorter in ((one, other), (other, one))
                         for cut in range(1, longer.count(",") + 1))


def firm_key(name: str) -> str:
    """A firm's or bank's name as `same_firm` compares it: "Whitfield & Crane, L.L.P." is "whitfield and crane"."""
    words = name_key(name.replace("&", " and ").replace(".", "")).split()
    while len(words) > 1:
        for size in (2, 1):
            if len(words) > size and " ".join(words[-size:]) in _FIRM_SUFFIXES:
                del words[-size:]
                break
        else:
            break
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


_FIRM_SUFFIXES = frozenset({name_key(suffix.replace(".", "")) for suffix in CORPORATE_SUFFIXES}
                           | {"national association", "fsb", "company"})


def plain_name(text: str) -> str:
    """A name as it is compared: composed (NFC), spaces collapsed, case folded ('Elena  marsh' and 'Elena Marsh' are
    one; 'Zoë' typed with a combining diaeresis is 'Zoë')."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


class Model(BaseModel):
    """Base of every term sheet section: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))


class Address(Model):
    """A postal address. ``street`` holds the street line(s), suite included."""

    street: list[Text] = Field(min_length=1, description="street lines, e.g. ['62 White Street, Suite 3A']")
    city: Text
    state: Text = Field(description="state or province, as it should be written, e.g. 'New York' or 'NY'; for an address "
                        "abroad, its region or county ('England', 'Ontario'), printed where that country's addresses "
                        "give it (not before a UK postcode)")
    postal_code: PostalCode | None = None
    country: Text | None = Field(None, description="only when outside the United States")

    @property
    def city_line(self) -> str:
        if is_united_kingdom(self.country) and is_united_kingdom(self.state):  # no nation before a UK postcode (a
            return " ".join(part for part in (self.city, self.postal_code) if part)  # partner's read: "London, England")
        tail = " ".join(part for part in (self.state, self.postal_code) if part)
        return f"{self.city}, {tail}"

    @property
    def lines(self) -> list[str]:
        lines = [*self.street, self.city_line]
        if self.country:
            lines.append(self.country)
        return lines

    @property
    def one_line(self) -> str:
        return ", ".join(self.lines)

    def same_place(self, other: Address) -> bool:
        """Whether `other` is the same street address in the same city, however spaced or capitalized."""
        def place(address: Address) -> tuple[str, str]:
            return " ".join(" ".join(address.street).lower().split()), " ".join(address.city.lower().split())
        return place(self) == place(other)


class Signatory(Model):
    """A natural person who signs for an entity."""

    name: Text
    title: Text
    email: Email | None = Field(None, description=SIGNER_EMAIL)


class Contact(Model):
    """A person to reach at a firm: by name and email, and by telephone where given."""

    name: Text
    email: Email = Field(description="where a signer writes to this person; printed on the signature packets' covers "
                                     "and in the closing checklist")
    phone: Text | None = None
