"""The publishing outlet, and the wire agency a story came from, as the text itself names them.

Signals, strongest first: a copyright line, a byline naming the outlet ("By X | Outlet"), a masthead line
in the header, a "Follow Outlet on ..." line, the page's URL. A wire agency credited in the text (a
"LONDON (Reuters) -" dateline, a closing "— AFP" credit, an agency's copyright or byline) is the story's
*origin*; it is the outlet too only when nothing else names one (the agency's own page). Each answer
carries its evidence, so a reader can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..text.datelines import dateline_at

_OUTLET_WORDS = (
    "gazette|times|post|news|herald|tribune|journal|chronicle|observer|daily|telegraph|courier|express|guardian|"
    "standard|mirror|record|review|independent|press|monitor|inquirer|bulletin|dispatch|examiner|register|"
    "sentinel|star|sun|mail|echo|argus|weekly|radio|tv|television|broadcasting|network|agency|wire|report"
)
_MASTHEAD = re.compile(rf"^(?:the\s+)?(?:[\w&'’.-]+\s+){{0,4}}(?:{_OUTLET_WORDS})\b(?:\s+[\w&'’.-]+){{0,2}}$", re.I)
# a name as a page writes it: capitalised words (a domain's dots allowed), "of"/"and" between them
_WORD = r"[A-Z][\w&'’-]*(?:\.[\w-]+)*"
_NAME = rf"(?:[Tt]he\s+)?{_WORD}(?:\s+(?:{_WORD}|of|and|&)){{0,5}}"
_COPYRIGHT = re.compile(
    r"(?i:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?\s*,?\s*"
    rf"(?P<name>{_NAME})")
_BYLINE_OUTLET = re.compile(rf"^(?i:by)\s+[^|,]{{2,60}}?\s*(?P<sep>\||,|\bfor\b|[-–—])\s*(?P<name>{_NAME})\s*$")
_FOLLOW = re.compile(rf"^(?i:follow|like|find)\s+(?P<name>{_NAME})\s+(?:on|at)\b")
_ALSO_ON = re.compile(rf"^(?i:also on|more on|elsewhere on)\s+(?P<name>{_NAME})\s*:?$")  # the site naming itself
# "... end of the story. — Reuters" or a line "(AFP)" on its own (only agency names count)
_CLOSING_CREDIT = re.compile(r"(?:\s[-–—]\s*|^[-–—]?\s*\()(?P<name>[A-Za-z][\w .-]{1,30}?)\)?\s*$")
_CREDIT_LINE = re.compile(r"^[-–—(]\s*(?P<name>[A-Za-z][\w .-]{1,40}?)\)?$")
DATELINE_LINES = 30  # a dateline opens the body, below menus and headline
# International and national news agencies: their name in a dateline or credit marks wire copy.
_WIRE_AGENCIES = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "reuters": "Reuters",
    "thomson reuters": "Reuters", "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "xinhua": "Xinhua", "dpa": "dpa", "deutsche presse-agentur": "dpa", "ansa": "ANSA", "efe": "EFE",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "tass": "TASS", "interfax": "Interfax",
    "ria novosti": "RIA Novosti", "pa": "PA", "press association": "PA", "upi": "UPI",
    "united press international": "UPI", "anadolu": "Anadolu", "anadolu agency": "Anadolu", "pti": "PTI",
    "ians": "IANS", "bernama": "Bernama", "antara": "Antara", "aap": "AAP", "cp": "CP",
    "the canadian press": "CP", "canadian press": "CP", "anp": "ANP", "apa": "APA", "belga": "Belga",
    "tt": "TT", "ntb": "NTB", "ritzau": "Ritzau", "stt": "STT", "ctk": "ČTK", "pap": "PAP", "mti": "MTI",
    "hina": "HINA", "tanjug": "Tanjug", "europa press": "Europa Press", "lusa": "Lusa", "wafa": "WAFA",
    "mena": "MENA", "irna": "IRNA", "sana": "SANA", "kuna": "KUNA", "wam": "WAM", "spa": "SPA",
    "apa-dpa": "dpa", "bloomberg": "Bloomberg", "cna": "CNA", "ani": "ANI",
}
# an agency the lexicon does not know: "Continental Press Agency", "Veldorian News Service"
_AGENCY_NAME = re.compile(r"\b(?:press|agency|news service|wire|newswire|telegraph agency)$", re.I)
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
HEADER_LINES = 8
BODY_WORDS = 20  # the first line this long is body text: the header is above it
FOOTER_LINES = 12
MAX_SIGNAL_WORDS = 25  # copyright and follow lines are short; a long line naming a company is prose


@dataclass(frozen=True, slots=True)
class Source:
    outlet: str | None
    evidence: str | None  # where the outlet was read: copyright, byline, masthead, follow, url, agency-tag
    origin: str | None  # the wire agency the story came from, if the text credits one


def is_masthead(line: str) -> bool:
    """A short line naming a publication ("THE HARBOUR GAZETTE", "Northfield Daily Courier")."""
    words = line.split()
    return 2 <= len(words) <= 6 and bool(_MASTHEAD.match(line.strip())) and all(
        w[:1].isupper() or w.lower() in {"the", "of", "and", "&"} for w in words)


def wire_agency(name: str | None) -> str | None:
    """The agency's usual short name when ``name`` is a news agency ("Agence France-Presse" -> "AFP")."""
    return _WIRE_AGENCIES.get(" ".join((name or "").lower().replace("’", "'").split()).strip(" .")) if name else None


def infer_source(text: str, url: str | None = None) -> Source:
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    body = next((k for k, line in enumerate(lines) if len(line.split()) >= BODY_WORDS), len(lines))
    header, footer = lines[: max(HEADER_LINES, body)], lines[-FOOTER_LINES:]  # menus can push a masthead down
    found: list[tuple[str, str]] = []  # (name, evidence), strongest first
    found += [(m.group("name"), "copyright") for line in reversed(footer)
              if len(line.split()) <= MAX_SIGNAL_WORDS and (m := _COPYRIGHT.search(line))]
    found += [(m.group("name"), "byline") for line in header + lines[body : body + 2] if (m := _BYLINE_OUTLET.match(line))
              and (m.group("sep") != "," or is_masthead(m.group("name")) or wire_agency(m.group("name")))]
    found += [(line, "masthead") for line in header if is_masthead(line)]
    found += [(m.group("name"), "follow") for line in footer + header
              if len(line.split()) <= MAX_SIGNAL_WORDS and (m := _FOLLOW.match(line))]
    found += [(m.group("name"), "site-name") for line in lines if (m := _ALSO_ON.match(line))]
    origin = _credited_agency(lines)
    outlet = evidence = None
    for name, kind in found:
        name = _tidy(name)
        agency = wire_agency(name)
        if agency:  # an agency's copyright or byline on the page: the story's origin
            origin = origin or agency
        elif name and not _is_generic(name):
            outlet, evidence = name, kind
            break
    if outlet and origin and _initials(outlet) == origin.upper():
        origin = None  # "MARHAVEN (VT) -" in Veldoria Today is the outlet's own dateline
    if outlet is None and url:
        outlet, evidence = _from_url(url), "url"
    if outlet is None and origin:
        outlet, evidence = origin, "agency-tag"  # the agency's own page
    return Source(outlet, evidence, origin)


def _credited_agency(lines: list[str]) -> str | None:
    """A wire agency in a dateline near the top ("PARIS (AFP) -", where an unknown acronym counts too) or a
    closing credit ("— Reuters", "– Continental Press Agency")."""
    for line in lines[:DATELINE_LINES]:
        name = (dateline := dateline_at(line)) and dateline.agency
        if name and (wire_agency(name) or _ACRONYM.match(name) or _AGENCY_NAME.search(name)):
            return wire_agency(name) or name
    for line in reversed(lines):
        m = _CLOSING_CREDIT.search(line)
        if m and (wire_agency(m.group("name")) or _AGENCY_NAME.search(m.group("name").strip())):
            return wire_agency(m.group("name")) or m.group("name").strip()
    return None


def is_agency_credit(line: str) -> bool:
    """A line that only credits a news agency: "– Reuters", "(AFP)", "— Continental Press Agency"."""
    m = _CREDIT_LINE.match(line.strip())
    return bool(m) and len(m.group("name").split()) <= 5 and bool(
        wire_agency(m.group("name")) or _AGENCY_NAME.search(m.group("name").strip()))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in {"the", "of", "and"}).upper()


def _from_url(url: str) -> str | None:
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host.removeprefix("www.") or None


_GENERIC = re.compile(r"^(?:us|me|the|all rights(?: reserved)?|reserved|\d+|share|our|this|site)$", re.I)


def _is_generic(name: str) -> bool:
    return bool(_GENERIC.match(name)) or len(name) < 2


# The company behind a title is not the title: "© 2024 Coastal Courier Publishing Ltd" names "Coastal Courier".
_CORPORATE = re.compile(
    r"(?:[\s,]+(?:ltd|limited|inc|llc|plc|gmbh|s\.?a|co|company|corp|corporation|holdings|group|media|publishing|"
    r"publications|newspapers?|enterprises))+\.?$", re.I)


def _tidy(name: str) -> str:
    name = " ".join(name.split()).strip(" .,-|")
    name = re.sub(r"\s+(?:19|20)\d\d$", "", name)  # "© Northfield Star 2015"
    name = re.sub(r"\s+all\s+rights.*$", "", name, flags=re.I)
    name = _CORPORATE.sub("", name).strip(" .,-|") or name
    return name.title() if name.isupper() and len(name) > 4 else name
