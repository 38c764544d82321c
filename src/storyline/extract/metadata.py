"""The publishing outlet as the text names it."""

from __future__ import annotations

import re

_OUTLET_WORDS = (
    "gazette|times|post|news|herald|tribune|journal|chronicle|observer|daily|telegraph|courier|express|guardian|"
    "standard|mirror|record|review|independent|press|monitor|inquirer|bulletin|dispatch|examiner|register|"
    "sentinel|star|sun|mail|echo|argus|weekly|radio|tv|television|broadcasting|network|agency|wire|report|times"
)
_MASTHEAD = re.compile(rf"^(?:the\s+)?(?:[\w&'’.-]+\s+){{0,4}}(?:{_OUTLET_WORDS})\b(?:\s+[\w&'’.-]+){{0,2}}$", re.I)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?\s*,?\s*"
    r"(?P<name>[A-Z][\w&'’ .-]{1,60}?)\s*(?:[.,;|]|\ball rights\b|$)", re.I)
_BYLINE_OUTLET = re.compile(r"^by\s+[^|]{2,60}?\s*(?:\||\bfor\b)\s*(?P<name>(?:the\s+)?[A-Z][\w&'’ .-]{1,60}?)\s*$", re.I)
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(?:,[^()]{1,40})?\s*\((?P<name>[A-Za-z .]{2,30})\)\s*[-–—:]")
HEADER_LINES = 8


def is_masthead(line: str) -> bool:
    """A short line naming a publication ("THE HARBOUR GAZETTE", "Northfield Daily Courier")."""
    words = line.split()
    return 2 <= len(words) <= 6 and bool(_MASTHEAD.match(line.strip())) and all(
        w[:1].isupper() or w.lower() in {"the", "of", "and", "&"} for w in words)


def infer_outlet(text: str) -> str | None:
    """The publishing outlet as the text names it: copyright line, "By X | Outlet" byline, masthead,
    then a wire agency in a dateline ("KYIV, Nov 29 (AFP):")."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    for line in reversed(lines):  # copyright lines close the page
        m = _COPYRIGHT.search(line)
        if m and len(line.split()) <= 25:
            name = m.group("name").strip(" .-")
            if name and not re.match(r"(?:all rights|\d)", name, re.I):
                return _tidy(name)
    for line in lines[:HEADER_LINES]:
        m = _BYLINE_OUTLET.match(line)
        if m:
            return _tidy(m.group("name"))
    for line in lines[:HEADER_LINES]:
        if is_masthead(line):
            return _tidy(line)
    for line in lines[:HEADER_LINES]:
        m = _AGENCY_DATELINE.match(line)
        if m:
            return _tidy(m.group("name"))
    return None


# The company behind a title is not the title: "© 2024 Coastal Courier Publishing Ltd" names "Coastal Courier".
_CORPORATE = re.compile(
    r"(?:[\s,]+(?:ltd|limited|inc|llc|plc|gmbh|s\.?a|co|company|corp|corporation|holdings|group|media|publishing|"
    r"publications|newspapers?|enterprises))+\.?$", re.I)


def _tidy(name: str) -> str:
    name = " ".join(name.split()).strip(" .,-|")
    name = _CORPORATE.sub("", name).strip(" .,-|") or name
    return name.title() if name.isupper() and len(name) > 4 else name
