"""`dealdocs init`: a commented starter term sheet a lawyer fills in.

The starter is a working term sheet (it loads and checks clean) whose comments
explain each field; a test keeps it in step with the model.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from dealdocs.errors import UsageError, os_error_words, what_is_at
from dealdocs.termsheet.base import model_in
from dealdocs.termsheet.loader import KeyPath, key_path, texts_in

if TYPE_CHECKING:
    from dealdocs.termsheet.model import Deal

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_NAME = 100


_MODELINE = "# yaml-language-server: $schema=../schema/termsheet.schema.json\n"
_NO_SCHEMA = ("# Editor completion: in this file's folder, run `dealdocs schema > termsheet.schema.json`, then\n"
              "# make this line: # yaml-language-server: $schema=termsheet.schema.json\n")


def starter_text(title: str, *, schema_beside: bool = True) -> str:
    """The starter, titled; its first line points editors at ../schema/termsheet.schema.json, where a deals/ folder
    of this repository's layout has it, else says how to get the schema (`schema_beside` False)."""
    text = resources.files("dealdocs.termsheet").joinpath("starter.yaml").read_text(encoding="utf-8")
    if not schema_beside:
        text = text.replace(_MODELINE, _NO_SCHEMA, 1)
    return text.replace("__TITLE__", title)


def write_starter(name: str, folder: Path) -> Path:
    """Write `folder/NAME.yaml`; refuse a bad name, or anything already there (a file, a folder, a link even to nothing)."""
    if not _NAME.match(name) or len(name) > MAX_NAME:
        plain = unicodedata.normalize("NFKD", re.sub(r"(?i)\.ya?ml$", "", Path(name).name)).encode("ascii", "ignore")
        stem = re.sub(r"[^a-z0-9]+", "-", plain.decode().lower()).strip("-")  # "Émile Notes" -> emile-notes
        maybe = (f": did you mean `dealdocs init {stem}`? (it writes {folder / stem}.yaml)"
                 if stem and _NAME.match(stem) and len(stem) <= MAX_NAME else "")
        raise UsageError(f"'{name[:MAX_NAME]}{'...' if len(name) > MAX_NAME else ''}' is not a deal name: use at most "
                         f"{MAX_NAME} lower-case letters, digits and hyphens, e.g. acme-2026-notes{maybe}")
    target = folder / f"{name}.yaml"
    blocked = next((p for p in (*reversed(folder.parents), folder) if os.path.lexists(p) and not p.is_dir()), None)
    if blocked is not None:  # mkdir would say "exists" of the term sheet, which does not
        raise UsageError(f"cannot write the starter term sheet into {str(folder)[:120]}: {str(blocked)[:120]} is "
                         f"{what_is_at(blocked) or 'not a folder'}: a folder must be there")
    try:
        if os.path.lexists(target):
            raise FileExistsError
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            schema_beside = (folder / ".." / "schema" / "termsheet.schema.json").is_file()
            handle.write(starter_text(name.replace("-", " ").title(), schema_beside=schema_beside))
    except FileExistsError:
        link = f" (a link to {os.readlink(target)})" if target.is_symlink() else ""
        raise UsageError(f"{target} already exists{link}; dealdocs init never overwrites a term sheet") from None
    except OSError as exc:
        raise UsageError(f"cannot write the starter term sheet into {str(folder)[:120]}: {os_error_words(exc)}") from None
    return target


_EXAMPLE_KEYS = frozenset({"name", "street", "phone", "fax", "email", "bank", "bank_address", "aba_routing_number",
                           "account_name", "account_number", "reference", "payee", "care_of", "signature_pages_to"})
"""The keys whose starter values stand for a deal's own (names, addresses, numbers, the wire): never a real deal's."""


def examples_left(data: Any, text: str | None = None) -> list[tuple[KeyPath, str, str | None]]:
    """The starter's example values (`_EXAMPLE_KEYS`) a term sheet still holds, with their key paths: "Example
    Company, Inc." left as the wire's reference; and any other text naming one of its made-up parties (`_made_up`),
    with the name: "the offices of Escrow Counsel LLP" left as the closing's place (a new user's trial: it was printed
    in Section 3.1 of the purchase agreement). None when it is the starter as `init` wrote it (`still_the_starter`),
    which passes its own check; but a starter whose amounts or dates alone were filled in is a deal of examples (a
    new user's trial: it built a set for "Example Company, Inc.")."""
    examples = _examples()
    known = examples | _commented_examples()  # once: a 5,000-purchaser term sheet has 150,000 values
    named = _made_up()
    found: list[tuple[Any, str, str, str | None]] = []
    for place, key, value in _texts(data):
        if (key, value) in known:
            found.append((place, key, value, None))
        elif (within := named.search(value)) is not None:
            found.append((place, key, value, within.group()))
    if {(key, value) for _, key, value, _ in found if (key, value) in examples} >= examples and (
            text is None or still_the_starter(data, text)):
        return []
    return [(key_path(place), value, name) for place, _, value, name in found]


@lru_cache(maxsize=1)
def _made_up() -> re.Pattern[str]:
    """The starter's names of firms and funds that no real party bears, as a pattern of whole words: those that say
    "Example" ("Example Fund, L.P.") and the law firms it makes up ("Escrow Counsel LLP"); not a person's name ("Sam
    Counsel", "Alex Rivera"), which a real name may hold (a code review: "Sam Counsel Holdings, Ltd." was refused)."""
    names = {text for key, text in _examples() | _commented_examples()
             if key in ("name", "payee", "care_of", "short_name", "bank")
             and ("example" in text.casefold() or text.endswith(" Counsel LLP"))}
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w])")


def may_leave_out(path: KeyPath, deal: Deal | None = None) -> bool:
    """Whether the key at `path` (a term sheet's, as `examples_left` gives it) is optional: DD145 says it may be left
    out only then (a new user's trial: "or leave the key out where it is optional" of company.signatory.name), and
    not the control designee that `deal` needs (a new user's trial: DD145 said to leave it out, then DD179 asked for it)."""
    from dealdocs.termsheet.model import Deal

    if deal is not None and tuple(path) == ("notes", "control_designee") and deal.designation_needed:
        return False
    model: Any = Deal
    optional = False
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        if field is None:  # a mapping's own key (trust.emails: a trustee's name)
            return True
        optional = not field.is_required() and part != "name"  # a purchaser's name is optional to the model (a
        # trust's is written for it), never to a purchaser whose name is given
        model = model_in(field.annotation)
    return optional


def still_the_starter(data: Any, text: str) -> bool:
    """Whether a term sheet (`data` as parsed, `text` as written) is the starter as `init` wrote it, but for its title
    and comments: it checks clean, and what it would build is the example deal (two new users' trials: "no problems
    found" read as done). Its text is parsed again only when its company is the starter's (a 5,000-purchaser term
    sheet takes 1.3 s to parse)."""
    company = data.get("company") if isinstance(data, dict) else None
    if not isinstance(company, dict) or company.get("name") != _starter_data()["company"]["name"]:
        return False
    try:
        written = yaml.load(text, Loader=_SAFE)  # as the starter is read: the loader's Decimals are not YAML's floats
    except yaml.YAMLError:
        return False
    return isinstance(written, dict) and {**written, "title": None} == {**_starter_data(), "title": None}


def starter_account(aba_routing_number: str, account_number: str) -> bool:
    """Whether a routing and account number are the starter's example ones, which no bank holds (a new user's trial:
    `confirm-wire` recorded them confirmed)."""
    wire = _starter_data()["escrow"]["wire"]
    return (aba_routing_number, account_number) == (str(wire["aba_routing_number"]), str(wire["account_number"]))


_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _starter_data() -> dict[str, Any]:
    return yaml.load(starter_text("x"), Loader=_SAFE)


def _texts(data: Any) -> list[tuple[Any, str, str]]:
    """`texts_in`, a trustee's email (`trust.emails`, by the trustee's name) under the key "email"."""
    return [(place, "email" if place and place[0] and place[0][1] == "emails" else key, text)
            for place, key, text in texts_in(data)]


@lru_cache(maxsize=1)
def _examples() -> frozenset[tuple[str, str]]:
    return frozenset((key, text) for _, key, text in texts_in(_starter_data())
                     if key in _EXAMPLE_KEYS and not _CITY_LINE.fullmatch(text))


_CITY_LINE = re.compile(r"[A-Za-z][A-Za-z .'-]*, [A-Z]{2} \d{5}(?:-\d{4})?")
"""An address's last line, city, state and ZIP ("New York, NY 10005"): a real address's too, never an example alone (a
new user's trial: a bank's real "New York, NY 10005" was DD145, the starter's example)."""


_COMMENTED_KEY = re.compile(r"^(\s*)# (\s*(?:- )?[a-z_]+:(?: |$).*|\s*- .*)$")  # "  #     name: Example Family Trust"


@lru_cache(maxsize=1)
def _commented_examples() -> frozenset[tuple[str, str]]:
    """The example values of the starter's commented-out sections (a trust, joint holders, a signing entity), read
    as the starter would be with them uncommented (a new user's trial: "Example Family Trust" and "Chris Trustee",
    uncommented and kept, passed the check): names, emails, trustees, and short names that say "Example" (not
    "Company", nor an address a real deal may have)."""
    lines = [(f"{found.group(1)}{found.group(2)}" if (found := _COMMENTED_KEY.match(line)) else line)
             for line in starter_text("x").splitlines()]
    try:
        uncommented = yaml.load("\n".join(lines), Loader=_SAFE)
    except yaml.YAMLError:
        return frozenset()
    keys = (_EXAMPLE_KEYS - {"street", "phone", "fax"}) | {"trustees", "signing_trustees", "short_name"}
    return frozenset((key, text) for _, key, text in _texts(uncommented)  # not a name a real deal gives too (a
                     # code review: a purchaser named Sam Holder was an error, DD145, as the joint holders' example)
                     if key in keys and (key not in ("short_name", "name") or "example" in text.casefold())
                     and not _CITY_LINE.fullmatch(text)) - _examples()
