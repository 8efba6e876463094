"""Word's automatic list numbering: the label Word draws before each paragraph.

Law firms number their sections with Word lists, not with text: the
paragraph says "Representations", Word draws "Section 3.1" before it. This
module reads a document's numbering part (``numbering.xml``) and styles part
(``styles.xml``) and gives each body paragraph its label, as Word resolves it:

- the paragraph's own ``w:numPr`` (``w:numId``, ``w:ilvl``), else the one its
  paragraph style carries (following ``w:basedOn``), each of the two values
  inherited on its own; ``numId`` 0 switches numbering off. A style that gives
  a list but no level uses the list level whose ``w:pStyle`` names the style;
- ``w:num`` -> ``w:abstractNum``, through ``w:numStyleLink`` and the numbering
  style to the ``w:styleLink`` list; ``w:lvlOverride`` with ``w:startOverride``
  and with a whole ``w:lvl``. A ``w:num`` restarts its list once: at its first
  paragraph on a level it has a startOverride for, that level starts again at
  the override (later restarts of the level, after a higher level, start from
  the override too);
- per level: ``w:start``, ``w:numFmt``, ``w:lvlText`` with %1..%9,
  ``w:lvlRestart``, ``w:isLgl`` (legal numbering: every number of the label
  in decimal, so "ARTICLE I" is followed by "Section 1.1"; a zero-padded
  format keeps its zeros);
- counters belong to the abstract list, so every ``w:num`` of one
  ``w:abstractNum`` continues the same count; using a level restarts the
  levels below it, and a paragraph that skips a level counts that level as
  used (Heading 1 then Heading 3 draws "1.1.1", the next Heading 2 "1.2").

Feed `Numbering.label` every body paragraph in document order (paragraphs of
table cells included): the counters advance as paragraphs are seen, one
constant-time step each. Hostile or broken input (missing parts, unknown ids,
absurd values, cycles between styles and lists) never raises: the paragraph
gets "" or the closest label that can be drawn.

What the label leaves out: the suffix (``w:suff``, a tab or a space) and the
label's font. A bullet is its character, with a symbol-font character (Symbol,
Wingdings: a private-use code point) drawn as "•". Words and ordinals
(cardinalText, ordinalText, ordinal) are English whatever the document's
language; number formats other than those `_format` knows are drawn in decimal.
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import posixpath
import re
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import IO, Optional, Union
from urllib.parse import unquote

from lxml import etree

from dealdocs.ooxml.parts import read_part
from dealdocs.ooxml.xml import child

__all__ = ["Numbering", "Package"]

Package = Union[zipfile.ZipFile, bytes, bytearray, str, "os.PathLike[str]", IO[bytes]]
"""A .docx: an open ZipFile, its bytes, a path to it or an open binary file."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_VAL = _w("val")
_P_PR, _NUM_PR, _NUM_ID, _ILVL, _P_STYLE = map(_w, ("pPr", "numPr", "numId", "ilvl", "pStyle"))
_LEVELS = 9
_MAX_NUMBER = 2**31 - 1  # a w:start or w:startOverride is a 32-bit number in Word
_MAX_DRAWN = 256  # a formatted number longer than this is drawn in decimal instead
_MAX_LEVEL_TEXT = 1000  # characters of a w:lvlText kept (Word's dialog allows far fewer)
_MAX_LINKS = 64  # basedOn and numStyleLink hops followed
_PLACEHOLDER = re.compile(r"%([1-9])")
_OFF = {"0", "false", "off"}


# ---------------------------------------------------------------- numbers as drawn


def _roman(value: int) -> str:
    parts = []
    for amount, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def _words(value: int) -> str:
    """English words for 0 <= value < 1,000,000: "one hundred fifteen", "twenty-one"."""
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {_words(rest)}" if rest else "")
    thousands, rest = divmod(value, 1000)
    return f"{_words(thousands)} thousand" + (f" {_words(rest)}" if rest else "")


def _ordinal_words(value: int) -> str:
    """ "first", "twenty-second", "one hundred fifteenth"."""
    words = _words(value)
    head, last = re.match(r"(.*?)([a-z]+)$", words).groups()  # type: ignore[union-attr]
    if last in _ORDINAL_WORDS:
        return head + _ORDINAL_WORDS[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")


def _ordinal(value: int) -> str:
    """ "1st", "2nd", "11th", "22nd"."""
    if value % 100 in (11, 12, 13):
        return f"{value}th"
    return f"{value}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th') }"


def _circled(value: int) -> str:
    """1 to 50 in a circle: ① .. ⑳ .. ㉟ .. ㊿ (three blocks of Unicode)."""
    first, block = (1, 0x2460) if value <= 20 else (21, 0x3251) if value <= 35 else (36, 0x32B1)
    return chr(block + value - first)


def _format(value: int, fmt: str, width: int = 0) -> str:
    """`value` drawn in the number format `fmt` (a ``w:numFmt`` value)."""
    if fmt in ("none", "bullet"):
        return ""
    drawn = str(value)
    if fmt == "decimalZero":
        drawn = drawn.zfill(2)
    elif fmt == "custom" and width:
        drawn = drawn.zfill(width)
    elif fmt in ("upperRoman", "lowerRoman") and 0 < value < 1000 * _MAX_DRAWN:
        drawn = _roman(value)
    elif fmt in ("upperLetter", "lowerLetter") and value > 0:
        repeat, index = divmod(value - 1, 26)
        drawn = chr(ord("A") + index) * (repeat + 1) if repeat < _MAX_DRAWN else drawn
    elif fmt == "ordinal":
        drawn = _ordinal(value)
    elif fmt == "decimalEnclosedCircle" and 0 < value <= 50:
        drawn = _circled(value)
    elif fmt in ("cardinalText", "ordinalText") and 0 < value < 1_000_000:
        words = _words(value) if fmt == "cardinalText" else _ordinal_words(value)
        drawn = words[0].upper() + words[1:]
    if fmt.startswith("lower"):
        drawn = drawn.lower()
    return drawn if len(drawn) <= _MAX_DRAWN else str(value)


def _bullet(text: str) -> str:
    """A bullet level's text as drawn: a symbol-font character (private use area) is "•"."""
    return "".join("•" if "\ue000" <= char <= "\uf8ff" else char for char in text)


# ---------------------------------------------------------------- definitions


@dataclass(frozen=True)
class _Level:
    """One ``w:lvl``: how its number is counted and drawn."""

    start: int = 0
    fmt: str = "decimal"
    width: int = 0  # digits of a "custom" format such as "001, 002, 003, ..."
    text: str = ""
    restart: Optional[int] = None  # w:lvlRestart: None is "after any higher level", 0 "never"
    legal: bool = False
    style: str = ""  # w:pStyle: the paragraph style linked to this level
    picture: bool = False  # a picture bullet (w:lvlPicBulletId)


@dataclass
class _List:
    """A ``w:num`` resolved: its counters' key, its levels and its restarts."""

    key: int  # the abstractNum whose counters it uses
    levels: dict[int, _Level]
    restarts: dict[int, int] = field(default_factory=dict)  # ilvl -> w:startOverride
    styles: dict[str, int] = field(default_factory=dict)  # linked paragraph style -> ilvl


def _int(element: Optional[etree._Element], low: int = -_MAX_NUMBER, high: int = _MAX_NUMBER) -> Optional[int]:
    """The integer ``w:val`` of `element`, clamped to [low, high]; None if absent or not a number."""
    if element is None:
        return None
    text = (element.get(_VAL) or "").strip()
    if not re.fullmatch(r"[+-]?\d{1,4000}", text):
        return None
    return min(max(int(text), low), high)


def _id(value: Optional[str]) -> Optional[int]:
    """A numbering id attribute as an integer (Word writes integers), None if it is not one."""
    text = (value or "").strip()
    return int(text) if re.fullmatch(r"\d{1,10}", text) else None


def _on(element: Optional[etree._Element]) -> bool:
    """An on/off property (``w:isLgl``): present and not switched off."""
    return element is not None and (element.get(_VAL) or "true").strip().lower() not in _OFF


def _number_format(lvl: etree._Element) -> tuple[str, int]:
    """The level's ``w:numFmt`` and, for a custom "001, 002, ..." format, its width.

    Word 2010 writes a custom format inside ``mc:AlternateContent``, with a
    plain format as the fallback for older readers.
    """
    formats = lvl.findall(_w("numFmt")) + lvl.findall(f"{{{_MC}}}AlternateContent/*/{_w('numFmt')}")
    for element in formats:
        fmt = (element.get(_VAL) or "").strip()
        if fmt == "custom":
            padded = re.match(r"\s*(0*)1\s*,", element.get(_w("format")) or "")
            if padded:
                return fmt, len(padded.group(1)) + 1
            continue  # a custom format not understood: use the fallback
        if fmt:
            return fmt, 0
    return "decimal", 0


def _level(lvl: etree._Element) -> _Level:
    fmt, width = _number_format(lvl)
    text_element = lvl.find(_w("lvlText"))
    text = (text_element.get(_VAL) or "") if text_element is not None else ""
    style = lvl.find(_w("pStyle"))
    return _Level(
        start=_int(lvl.find(_w("start")), 0) or 0,
        fmt=fmt,
        width=width,
        text=text[:_MAX_LEVEL_TEXT],
        restart=_int(lvl.find(_w("lvlRestart")), 0, _LEVELS),
        legal=_on(lvl.find(_w("isLgl"))),
        style=(style.get(_VAL) or "") if style is not None else "",
        picture=lvl.find(_w("lvlPicBulletId")) is not None,
    )


def _levels(parent: etree._Element) -> dict[int, _Level]:
    """The ``w:lvl`` children of an abstractNum, by level (the first of each)."""
    levels: dict[int, _Level] = {}
    for lvl in parent.iterfind(_w("lvl")):
        ilvl = _id(lvl.get(_w("ilvl")))
        if ilvl is not None and ilvl < _LEVELS and ilvl not in levels:
            levels[ilvl] = _level(lvl)
    return levels


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _parse(xml: Union[bytes, etree._Element, None]) -> Optional[etree._Element]:
    """The root of an XML part (given as its bytes, or as a root already parsed), None if there is
    none or it is not well-formed XML."""
    if isinstance(xml, etree._Element):
        return xml
    if not xml:
        return None
    try:
        return etree.fromstring(xml, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _numpr(ppr: Optional[etree._Element]) -> tuple[Optional[int], Optional[int]]:
    """(numId, ilvl) of a ``w:pPr``'s ``w:numPr``, each None where not given."""
    numpr = child(ppr, _NUM_PR) if ppr is not None else None
    if numpr is None:
        return None, None
    num_id = child(numpr, _NUM_ID)
    return (
        _id(num_id.get(_VAL)) if num_id is not None else None,
        _int(child(numpr, _ILVL), 0, _LEVELS - 1),
    )


# ---------------------------------------------------------------- the numbering


class Numbering:
    """Word's list numbering for one document: resolves each paragraph's label as Word draws it."""

    @classmethod
    def from_package(cls, package: Package) -> "Numbering":
        """The numbering of a .docx, its parts found through the package's relationships.

        A package that is not a zip, or has no numbering, numbers nothing. Only
        a path that cannot be opened raises (OSError).
        """
        try:
            if isinstance(package, zipfile.ZipFile):
                return cls(*_numbering_and_styles(package))
            if isinstance(package, (bytes, bytearray, memoryview)):
                package = io.BytesIO(bytes(package))
            with zipfile.ZipFile(package) as archive:
                return cls(*_numbering_and_styles(archive))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                ValueError):  # fmt: skip
            return cls(None, None)

    def __init__(
        self, numbering_xml: Union[bytes, etree._Element, None], styles_xml: Union[bytes, etree._Element, None]
    ) -> None:
        numbering = _parse(numbering_xml)
        self._abstracts: dict[int, etree._Element] = {}
        self._nums: dict[int, etree._Element] = {}
        if numbering is not None:
            for element in numbering.iterfind(_w("abstractNum")):
                key = _id(element.get(_w("abstractNumId")))
                if key is not None:
                    self._abstracts.setdefault(key, element)
            for element in numbering.iterfind(_w("num")):
                key = _id(element.get(_w("numId")))
                if key is not None:
                    self._nums.setdefault(key, element)
        self._styles, self._default_style = _styles_of(styles_xml)
        self._abstract_levels: dict[int, dict[int, _Level]] = {}
        self._lists: dict[int, Optional[_List]] = {}
        self._style_numbering: dict[str, tuple[Optional[int], Optional[int], tuple[str, ...]]] = {}
        self._counters: dict[int, list[Optional[int]]] = {}
        self._restarted: set[int] = set()  # the w:num ids whose startOverride has been applied

    def fresh(self) -> "Numbering":
        """This numbering with no paragraph counted yet, for another document with the same numbering and styles
        parts: what has been read of the parts (lists, levels, styles) is shared, and only ever added to."""
        other = copy.copy(self)
        other._counters = {}
        other._restarted = set()
        return other

    def label(self, paragraph: etree._Element) -> str:
        """The label Word draws before `paragraph` ("ARTICLE IV", "Section 2.1", "(a)", "•"), "" if none.

        Call it once for every body paragraph, in document order: each call
        advances the counters of the paragraph's list.
        """
        try:
            ppr = paragraph.find(_P_PR)
        except (AttributeError, TypeError):
            return ""
        return self.label_of_properties(ppr)

    def label_of_properties(self, ppr: Optional[etree._Element]) -> str:
        """`label` of the paragraph whose ``w:pPr`` is `ppr` (None: it has none), for a caller that has it."""
        num_id, ilvl = _numpr(ppr)
        style = child(ppr, _P_STYLE) if ppr is not None else None
        style_id = (style.get(_VAL) or "") if style is not None else ""
        if style_id not in self._styles:
            style_id = self._default_style
        style_num, style_ilvl, chain = self._numbering_of_style(style_id)
        from_style = num_id is None
        if from_style:
            num_id = style_num
        if ilvl is None:
            ilvl = style_ilvl
        if not num_id:  # none, or 0: numbering switched off
            return ""
        numbered = self._list(num_id)
        if numbered is None:
            return ""
        if ilvl is None:
            linked = (numbered.styles.get(name) for name in chain) if from_style else ()
            ilvl = next((level for level in linked if level is not None), 0)
        if ilvl not in numbered.levels:
            return ""
        return self._count_and_draw(num_id, numbered, ilvl)

    # ------------------------------------------------------------ counting

    def _count_and_draw(self, num_id: int, numbered: _List, ilvl: int) -> str:
        """Advance the list's counters for a paragraph at `ilvl` and draw its label."""
        counts = self._counters.setdefault(numbered.key, [None] * _LEVELS)
        levels = numbered.levels

        def start(level: int) -> int:
            definition = levels.get(level)
            return numbered.restarts.get(level, definition.start if definition else 0)

        if ilvl in numbered.restarts and num_id not in self._restarted:
            self._restarted.add(num_id)  # a w:num restarts its list once, at its first restarting level
            counts[ilvl] = numbered.restarts[ilvl]
        else:
            current = counts[ilvl]
            counts[ilvl] = start(ilvl) if current is None else min(current + 1, _MAX_NUMBER)
        for level in range(ilvl):  # a skipped level counts as used once
            if counts[level] is None:
                counts[level] = start(level)
        for level in range(ilvl + 1, _LEVELS):
            definition = levels.get(level)
            after = definition.restart if definition and definition.restart is not None else level
            if after > level:  # a restart after a lower level is not one: the default applies
                after = level
            if after and ilvl < after:
                counts[level] = None

        definition = levels[ilvl]
        if definition.fmt == "bullet":
            drawn = _bullet(_PLACEHOLDER.sub("", definition.text))
            return drawn or ("•" if definition.picture else "")

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            shown = levels.get(level)
            value = counts[level]
            value = value if value is not None else start(level)
            fmt, width = (shown.fmt, shown.width) if shown else ("decimal", 0)
            if definition.legal and fmt not in ("decimalZero", "custom", "none", "bullet"):
                fmt = "decimal"
            return _format(value, fmt, width)

        return _PLACEHOLDER.sub(number, definition.text)

    # ------------------------------------------------------------ resolving

    def _numbering_of_style(self, style_id: str) -> tuple[Optional[int], Optional[int], tuple[str, ...]]:
        """(numId, ilvl, chain) a paragraph style gives: each value from the nearest style in
        its ``w:basedOn`` chain that sets it; `chain` is the style and its ancestors."""
        known = self._style_numbering.get(style_id)
        if known is not None:
            return known
        num_id: Optional[int] = None
        ilvl: Optional[int] = None
        chain: list[str] = []
        current: Optional[str] = style_id
        while current is not None and current in self._styles and current not in chain and len(chain) < _MAX_LINKS:
            chain.append(current)
            element = self._styles[current]
            own_num, own_ilvl = _numpr(element.find(_P_PR))
            num_id = own_num if num_id is None else num_id
            ilvl = own_ilvl if ilvl is None else ilvl
            based_on = element.find(_w("basedOn"))
            current = based_on.get(_VAL) if based_on is not None else None
        result = (num_id, ilvl, tuple(chain))
        self._style_numbering[style_id] = result
        return result

    def _list(self, num_id: int) -> Optional[_List]:
        """The ``w:num`` `num_id` resolved to its abstract list, None if it cannot be."""
        if num_id in self._lists:
            return self._lists[num_id]
        resolved = None
        num = self._nums.get(num_id)
        if num is not None:
            abstract_ref = num.find(_w("abstractNumId"))
            key = _id(abstract_ref.get(_VAL)) if abstract_ref is not None else None
            key = self._follow_style_links(key)
            if key is not None:
                if key not in self._abstract_levels:
                    self._abstract_levels[key] = _levels(self._abstracts[key])
                levels = dict(self._abstract_levels[key])
                restarts: dict[int, int] = {}
                for override in num.iterfind(_w("lvlOverride")):
                    ilvl = _id(override.get(_w("ilvl")))
                    if ilvl is None or ilvl >= _LEVELS:
                        continue
                    lvl = override.find(_w("lvl"))
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                    restart = _int(override.find(_w("startOverride")), 0)
                    if restart is not None:
                        restarts[ilvl] = restart
                styles: dict[str, int] = {}
                for ilvl in sorted(levels):
                    if levels[ilvl].style:
                        styles.setdefault(levels[ilvl].style, ilvl)
                resolved = _List(key, levels, restarts, styles)
        self._lists[num_id] = resolved
        return resolved

    def _follow_style_links(self, key: Optional[int]) -> Optional[int]:
        """The abstractNum that holds the levels: `key`, or where its ``w:numStyleLink`` leads.

        A numStyleLink names a numbering style; the style's numPr names a
        ``w:num``, whose abstractNum (the one with the matching ``w:styleLink``)
        defines the levels. A link that leads nowhere or in a circle stops at
        the last abstractNum reached.
        """
        seen: set[int] = set()
        while key is not None and key in self._abstracts and key not in seen and len(seen) < _MAX_LINKS:
            seen.add(key)
            link = self._abstracts[key].find(_w("numStyleLink"))
            style = self._styles.get(link.get(_VAL) or "") if link is not None else None
            if style is None:
                return key
            target_num, _ = _numpr(style.find(_P_PR))
            num = self._nums.get(target_num) if target_num is not None else None
            abstract_ref = num.find(_w("abstractNumId")) if num is not None else None
            target = _id(abstract_ref.get(_VAL)) if abstract_ref is not None else None
            if target is None or target not in self._abstracts or target in seen:
                return key
            key = target
        return key if key is not None and key in self._abstracts else None


_STYLES_SEEN: "OrderedDict[bytes, tuple[dict[str, etree._Element], str]]" = OrderedDict()
_STYLES_KEPT = 8  # styles parts remembered: the documents of one firm or one closing set share theirs


def _styles_of(styles_xml: Union[bytes, etree._Element, None]) -> tuple[dict[str, etree._Element], str]:
    """The paragraph styles by id, and the default paragraph style's id.

    A styles part given as bytes is read once for all the documents that have
    the same one (it is often 300 KB and more; a firm's documents share it);
    the elements are only read, never changed.
    """
    key = hashlib.sha1(styles_xml).digest() if isinstance(styles_xml, (bytes, bytearray)) else None
    if key is not None and key in _STYLES_SEEN:
        _STYLES_SEEN.move_to_end(key)
        return _STYLES_SEEN[key]
    styles = _parse(styles_xml)
    found: dict[str, etree._Element] = {}
    default = ""
    if styles is not None:
        for element in styles.iterfind(_w("style")):
            style_id = element.get(_w("styleId")) or ""
            found.setdefault(style_id, element)
            if not default and element.get(_w("type")) == "paragraph" and _on_attribute(element.get(_w("default"))):
                default = style_id
    if key is not None:
        _STYLES_SEEN[key] = (found, default)
        if len(_STYLES_SEEN) > _STYLES_KEPT:
            _STYLES_SEEN.popitem(last=False)
    return found, default


def _on_attribute(value: Optional[str]) -> bool:
    return value is not None and value.strip().lower() not in _OFF


# ---------------------------------------------------------------- the package


def _read(archive: zipfile.ZipFile, names: dict[str, str], part: str) -> Optional[bytes]:
    """The bytes of the part `part` (names compared without case, as OPC does), None if absent or too big."""
    try:
        return read_part(archive, names, part)
    except ValueError:
        return None


def _targets(archive: zipfile.ZipFile, names: dict[str, str], source: str) -> dict[str, str]:
    """Relationship type suffix ("officeDocument", "numbering", ...) -> part name, for the part `source`."""
    folder, base = posixpath.split(source)
    rels = _parse(_read(archive, names, posixpath.join(folder, "_rels", f"{base}.rels")))
    targets: dict[str, str] = {}
    if rels is None:
        return targets
    for relationship in rels.iterfind(f"{{{_REL}}}Relationship"):
        if (relationship.get("TargetMode") or "").lower() == "external":
            continue
        kind = (relationship.get("Type") or "").rsplit("/", 1)[-1]
        target = unquote(relationship.get("Target") or "")
        if not kind or not target:
            continue
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        targets.setdefault(kind, posixpath.normpath(path).lstrip("/"))
    return targets


def _numbering_and_styles(archive: zipfile.ZipFile) -> tuple[Optional[bytes], Optional[bytes]]:
    """The numbering and styles parts of the package's main document, found by relationship."""
    names = {name.lower(): name for name in archive.namelist()}
    document = _targets(archive, names, "").get("officeDocument")
    if document is None:
        return None, None
    parts = _targets(archive, names, document)
    return (
        _read(archive, names, parts["numbering"]) if "numbering" in parts else None,
        _read(archive, names, parts["styles"]) if "styles" in parts else None,
    )
