"""A purchaser's signature block, written from the term sheet: what a template prints with `p|signature_block`.

The block is text with line breaks and tabs (a template prints it inside one
paragraph in the Signature style; each tab steps one indent, 0.5 inch):

* an individual signs on a line above their name;
* an entity's name, in capitals, then "By:" and its signatory's Name and Title;
* an entity signing through another entity, to any depth: each entity of the
  chain on a "By:" line with what it is to the one before ("its general
  partner"), indented one step further, and only the natural person at the end
  signs, with their title in the last entity;
* a trust is no entity, so there is no "By:" and no "Title: Trustee": a sole
  trustee signs on a line "[trustee], as trustee of the [trust] u/a/d [date]";
  of several, the block first names the purchaser, every trustee "as trustees
  of" the trust, as joint holders' does, then each trustee signs a line "[trustee],
  as trustee" (when fewer than all sign, `signing_trustees`, "as trustee, acting
  for the trustees, as the trust agreement permits");
* joint holders sign one line each, under their names and tenancy.
"""

from __future__ import annotations

from dealdocs.termsheet.base import Signatory
from dealdocs.termsheet.model import Purchaser, SigningEntity
from dealdocs.words import join_and

LINE = "_" * 30
_BLANK = "____________"
_SPACE = [""]  # with the blank line the template leaves, room to sign above a signature line


def signature_block(purchaser: Purchaser) -> str:
    """The purchaser's signature block: lines joined by line breaks, tabs for indents (see the module's docstring)."""
    return "\n".join(_lines(purchaser))


def _lines(purchaser: Purchaser) -> list[str]:
    if purchaser.trust is not None:
        trust = purchaser.trust
        if len(trust.trustees) == 1:  # one trustee: the line names the purchaser whole
            return [*_SPACE, LINE, f"{trust.trustees[0]}, as trustee of {trust.called}"]
        # several: the page names the purchaser they sign for (every trustee, as trustees), as joint holders' does
        lines = [f"{join_and(trust.trustees)},", f"as trustees of {trust.called}", ""]
        acting = ", acting for the trustees, as the trust agreement permits" if len(trust.signers) < len(trust.trustees) else ""
        return lines + [line for number, trustee in enumerate(trust.signers)
                        for line in [*([""] if number else []), *_SPACE, LINE, f"{trustee}, as trustee{acting}"]]
    if purchaser.joint is not None:
        names = join_and(holder.name for holder in purchaser.joint.holders)
        lines = [f"{names},", purchaser.joint.tenancy_words]
        for holder in purchaser.joint.holders:
            lines += ["", *_SPACE, LINE, holder.name]
        return lines
    if not purchaser.is_entity:
        return [*_SPACE, LINE, purchaser.legal_name]
    lines = [purchaser.legal_name.upper(), ""]
    return lines + _signing(purchaser.signatory, purchaser.signs_through, 0)


def _signing(signatory: Signatory | None, through: SigningEntity | None, depth: int) -> list[str]:
    """'By:' lines for a signatory, or for an entity signing through another, indented `depth` steps."""
    indent = "\t" * depth
    if through is not None:
        return [f"{indent}By:\t{through.name},", f"{indent}\tits {through.capacity}", "",
                *_signing(through.signatory, through.signs_through, depth + 1)]
    name = signatory.name if signatory else _BLANK
    title = signatory.title if signatory else _BLANK
    return ["", f"{indent}By: {LINE}", f"{indent}Name: {name}", f"{indent}Title: {title}"]
