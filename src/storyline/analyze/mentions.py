"""The named entities of one article as :class:`~storyline.model.Entity`: a display name, the other names
the article uses for it, and a person's role.

On top of spaCy's NER this step

- strips titles from people and keeps them as the role ("U.S. Defense Secretary Lloyd Austin" -> "Lloyd
  Austin", role "Defense Secretary"; "Ana Rusk, the defence minister," -> role "defence minister");
- resolves short forms inside the article: a surname or first name after the full name, acronyms defined in
  parentheses or matching the initials of a name in the text, and other names of a country ("U.S.",
  "America" -> "United States");
- reads a capital used as an actor ("Moscow said", "Kyiv has sought", "Washington's offer") as the country's
  government, while a capital used as a place ("in Kyiv") stays the city;
- repairs what the small model gets wrong most often: spans run over a comma or a line break, a place or an
  organisation tagged as a person (and back, when a title or appositive says it is a person), names it did
  not tag at all after a title or before an appositive, surnames it did not tag again;
- adds as aliases the name with a form of address ("Mr Rusk", "Dr. Ines Koll") and definite descriptions
  that can only mean one named organisation of the article ("the authority").

Countries and capitals come from ``storyline/data/capitals.json``; pass ``capitals`` for places the table
does not know (a fictional corpus, a disputed capital).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..exceptions import ConfigError
from ..model import Entity
from ..settings import Settings
from . import nlp as spacy_nlp
from .entities import KEPT_LABELS, normalise

CAPITALS_FILE = Path(__file__).resolve().parent.parent / "data" / "capitals.json"
BATCH_SIZE = 64

# Words that make a title in front of a name or in an appositive ("the defence minister").
TITLE_HEADS = frozenset("""
president vice-president premier minister secretary secretary-general chancellor governor governor-general mayor
senator congressman congresswoman lawmaker legislator deputy speaker chairman chairwoman chairperson chair chief
head director director-general commissioner ambassador envoy consul adviser advisor spokesman spokeswoman
spokesperson official officer commander general colonel lieutenant major captain sergeant admiral marshal
brigadier corporal king queen prince princess emperor sultan emir sheikh pope cardinal archbishop bishop
reverend rabbi imam patriarch judge justice magistrate prosecutor attorney lawyer inspector superintendent
constable sheriff detective professor lecturer researcher scientist economist analyst historian archaeologist
doctor surgeon nurse engineer ceo cfo coo cto founder co-founder owner manager executive editor correspondent
reporter journalist activist campaigner coordinator administrator councillor councilor mp mep leader candidate
rapporteur negotiator diplomat representative delegate coach chef curator registrar treasurer ombudsman warden
commandant taoiseach dean rector principal teacher fisherman farmer miner diver pilot skipper rescuer driver
""".split())
# Abbreviated titles kept as the role as written ("Gen.", "Dr").
TITLE_ABBREVIATIONS = frozenset(
    "gen lt col maj capt sgt adm cmdr cdr brig gov sen rep pres dr prof rev insp supt det cpl amb hon".split()
)
# Forms of address: stripped from the name, not a role.
HONORIFICS = frozenset("mr mrs ms miss mx sir dame lord lady madam mme herr frau".split())
# Single words spaCy often tags as an organisation inside a title ("Defense" in "Defense Secretary").
TITLE_MODIFIERS = frozenset("""
defence defense foreign interior finance justice health education energy economy economic trade agriculture
environment transport labour labor culture home treasury security emergency interior foreign state deputy
acting interim former regional national federal
""".split())
# Ranks and forms of address dropped from the end of a longer title ("military spokesman Colonel").
RANKS = frozenset(
    "general colonel lieutenant major captain sergeant admiral marshal brigadier corporal professor doctor".split()
)
# Last words of organisations and places, which spaCy sometimes tags as people.
ORG_WORDS = frozenset("""
railways railway airlines airline union ministry agency council office institute university hospital clinic bank
company corporation corp inc ltd group association federation committee commission authority service services
department party court army navy force forces police guard foundation coalition alliance network press news
times post herald radio television tv school college centre center church club fund trust society organisation
organization secretariat parliament assembly government administration bureau board station international
""".split())
PLACE_WORDS = frozenset("river lake sea bay mountains mountain valley island islands street square bridge district "
                        "region province county port harbour harbor coast strait gulf".split())
SPEECH_VERBS = frozenset("said says told added warned stated explained wrote announced".split())
LOCATIVES = frozenset("in at near from outside around to towards across through into inside".split())
# Verbs whose subject is a place, not a government acting ("Kyiv is ...", "Kyiv lay in darkness").
PLACE_VERBS = frozenset(
    "be lie sit stand remain stay lose host suffer endure experience wake see get become look seem feel "
    "shake burn flood sleep".split()
)
# Verbs whose object is addressed as an actor ("urged Moscow to ..."), not visited.
ADDRESS_VERBS = frozenset(
    "ask urge accuse blame warn tell criticise criticize thank press pressure persuade petition lobby "
    "request invite condemn sanction sue".split()
)
# Possessed nouns that make "Kyiv's ..." the city, not the government.
CITY_NOUNS = frozenset(
    "mayor streets street residents resident people population metro subway centre center suburbs suburb "
    "outskirts district districts airport port harbour harbor skyline buildings citizens inhabitants "
    "neighbourhoods neighborhoods hospitals schools old city council river bridge bridges square".split()
)
FUNCTION_WORDS = frozenset("of for and the on in de du des la le del di van von to at &".split())
SUBJECT_DEPS = frozenset({"nsubj"})
_NO_TITLE_ENTS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_TITLE_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "HYPH", "VBN"})
_DESCRIBED_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "LOC", "PRODUCT", "WORK_OF_ART"})
LABEL_ORDER = ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
_MAX_TITLE_TOKENS = 7
_MAX_APPOSITIVE_TOKENS = 10

_DEMONYM = re.compile(r"(?:ian|an|ese|ish|i)$")
_SEPARATORS = frozenset({",", "|", ";", ":", "/", "•"})
_DASHES = frozenset({"-", "–", "—"})
_APPOSITIVE_ENDS = frozenset({",", ".", ";", ")", "(", "—", "–"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]*[A-Z]$|^[A-Z][a-z]?[A-Z]{1,6}$")
_NAME_WORD = r"(?:[A-Z][\w'’.&-]*|of|for|and|the|on|in|de|du|des|la|le|del|&)"
_DEFINITION = re.compile(rf"({_NAME_WORD}(?: +{_NAME_WORD}){{0,12}}) *\( *([A-Z][A-Za-z&.]*[A-Z]\.?) *\)")
_CAPITALISED_RUN = re.compile(rf"[A-Z][\w'’&-]*(?: +{_NAME_WORD})*")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = ("'s", "’s", "'", "’")

# --- countries and capitals -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gazetteer:
    country_of_name: dict[str, str]  # any name of a country ("U.S.", "America", "Ukraine") -> country
    country_of_capital: dict[str, str]  # "Kyiv" -> "Ukraine"
    first_words: frozenset[str]  # first token of every entry, so the scan of a text skips most tokens fast
    longest: int  # spaCy tokens in the longest entry, a bound for the scan

    def lookup(self, text: str) -> str | None:
        return self.country_of_name.get(text) or self.country_of_capital.get(text)


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = json.loads(CAPITALS_FILE.read_text(encoding="utf-8"))["countries"]
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the country table {CAPITALS_FILE}: {exc}; reinstall storyline") from exc
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country, entry in data.items():
        names[country] = country
        for alias in entry.get("aliases", []):
            names[alias] = country
        for capital in entry.get("capitals", []):
            if capital != country:
                capitals[capital] = country
    return names, capitals


def gazetteer(capitals: Mapping[str, str] | None = None) -> Gazetteer:
    """The shipped country table plus ``capitals`` (capital -> country), which also makes its countries known."""
    return _gazetteer(frozenset((capitals or {}).items()))


@lru_cache(maxsize=16)
def _gazetteer(capitals: frozenset[tuple[str, str]]) -> Gazetteer:
    names, shipped_capitals = _shipped()
    names, all_capitals = dict(names), dict(shipped_capitals)
    for capital, country in capitals:
        all_capitals[capital] = country
        names.setdefault(country, country)
    entries = [*names, *all_capitals]
    pieces = [re.findall(r"[\w.]+|[^\w\s]", entry) for entry in entries]
    first_words = frozenset([p[0] for p in pieces] + [entry.split()[0] for entry in entries])
    return Gazetteer(names, all_capitals, first_words, max(len(p) for p in pieces) + 1)


# --- mentions ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    text: str
    label: str
    start: int  # token offsets of the name without its title
    end: int
    role: str | None = None
    titled: str | None = None  # the name with the word of address or rank before it: "Dr. Ines Koll"
    country: str | None = None  # the country this name stands for ("U.S.", or a capital used as an actor)
    located: bool = False  # after "in", "at", "near", ...: a place, whatever spaCy's label


@dataclass(slots=True)
class _Group:
    label_votes: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)  # surface forms that can name the entity
    first_seen: dict[str, int] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)  # aliases that are never the name ("Mr Rusk", "the office")
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    located: bool = False

    def add(self, m: _Mention, label: str | None = None) -> None:
        self.forms[m.text] += 1
        self.first_seen.setdefault(m.text, m.start)
        self.label_votes[label or m.label] += 1
        self.located = self.located or m.located
        if m.role:
            self.roles.append(m.role)
        if m.titled and m.titled not in self.extra:
            self.extra.append(m.titled)


def _word(token: Any) -> str:
    return token.lower_.rstrip(".")


def _is_title_word(token: Any) -> bool:
    word = _word(token)
    return word in TITLE_HEADS or word in TITLE_ABBREVIATIONS or word in HONORIFICS


def _tagged(doc: Any) -> bool:
    return doc.has_annotation("TAG")


def _parsed(doc: Any) -> bool:
    return doc.has_annotation("DEP")


def _common_word_opening(span: Any, tagged: bool, lowered: set[str], gaz: Gazetteer) -> bool:
    """One word capitalised only because it opens the sentence ("Coal still generates…", "Debt advisers
    said…"), which the small model's NER takes for a name: the tagger reads it as a common noun, or the same
    article writes it in lower case elsewhere ("the coal mine")."""
    token = span[0]
    if len(span) != 1 or not token.is_sent_start or gaz.lookup(token.text):
        return False
    return (tagged and token.tag_ in ("NN", "NNS")) or token.lower_ in lowered


def _is_title_part(token: Any, tagged: bool, gaz: Gazetteer) -> bool:
    if token.is_space or token.ent_type_ in _NO_TITLE_ENTS or token.text in _APOSTROPHES:
        return False
    if _is_title_word(token) or _word(token) in TITLE_MODIFIERS or token.text in gaz.country_of_name:
        return True
    if token.lower_ in FUNCTION_WORDS or token.lower_ in ("a", "an") or token.tag_ in ("DT", "PRP$"):
        return False
    return token.is_title or (tagged and token.tag_ in _TITLE_TAGS)


def _is_demonym(doc: Any, i: int, end: int) -> bool:
    """ "Talvorian" in "Talvorian Deputy Foreign Minister", but not "Human" in "Human Rights Watch spokesman"."""
    token = doc[i]
    if not (token.is_title and _DEMONYM.search(token.text)) or _is_title_word(token):
        return False
    following = doc[i + 1] if i + 1 < end else None
    return following is None or not following.is_title or _is_title_word(following) or (
        _word(following) in TITLE_MODIFIERS)


def _strip_owner(doc: Any, start: int, end: int, gaz: Gazetteer) -> int:
    """Drop a leading country or nationality from a title: "U.S. Defense Secretary" -> "Defense Secretary"."""
    while start < end:
        token = doc[start]
        if (token.ent_type_ == "GPE" or token.text in gaz.country_of_name or token.text in _APOSTROPHES
                or token.tag_ == "POS" or _is_demonym(doc, start, end)):
            start += 1
        else:
            break
    return start


def _role_text(doc: Any, start: int, end: int) -> str | None:
    """The title as written, without a rank or form of address left between it and the name."""
    words = [t for t in doc[start:end] if not t.is_punct or t.tag_ == "HYPH"]
    while len(words) > 1 and (_word(words[-1]) in HONORIFICS or _word(words[-1]) in TITLE_ABBREVIATIONS
                              or _word(words[-1]) in RANKS) and not all(_word(w) in RANKS for w in words):
        words.pop()
    if not words or all(_word(t) in HONORIFICS for t in words):
        return None
    if _word(words[0]) in HONORIFICS:
        words = words[1:]
    return _SPACES.sub(" ", doc[words[0].i:words[-1].i + 1].text).strip() or None


def _title_before(doc: Any, start: int, end: int, gaz: Gazetteer) -> tuple[int, int, str | None]:
    """Where the name proper starts inside a PERSON span, where its title starts, and the role it gives."""
    tagged = _tagged(doc)
    name_start = start
    for i in range(end - 2, start - 1, -1):  # the last title word inside the span, leaving a name after it
        if _is_title_word(doc[i]) and all(_is_title_part(doc[j], tagged, gaz) for j in range(start, i)):
            name_start = i + 1
            break
    if name_start == start and not (start > 0 and _is_title_word(doc[start - 1])):
        return start, start, _title_comma_before(doc, start, gaz)
    first = start
    sentence_start = doc[start].sent.start if _parsed(doc) or doc.has_annotation("SENT_START") else 0
    while (first > sentence_start and start - first < _MAX_TITLE_TOKENS
           and _is_title_part(doc[first - 1], tagged, gaz)):
        first -= 1
    return name_start, first, _role_text(doc, _strip_owner(doc, first, name_start, gaz), name_start)


def _title_comma_before(doc: Any, start: int, gaz: Gazetteer) -> str | None:
    """A role set off before the name: "The train's driver, Rolf Tamm, ..." -> "driver"."""
    if start < 2 or doc[start - 1].text != "," or _word(doc[start - 2]) not in TITLE_HEADS:
        return None
    first = start - 2
    while first > 0 and start - first < _MAX_TITLE_TOKENS and _is_title_part(doc[first - 1], _tagged(doc), gaz):
        first -= 1
    if first > 0 and doc[first - 1].lower_ not in ("the", "a", "an") and doc[first - 1].tag_ != "POS":
        return None
    return _role_text(doc, _strip_owner(doc, first, start - 1, gaz), start - 1)


def _title_after(doc: Any, end: int, gaz: Gazetteer) -> str | None:
    """An appositive role: "Ana Rusk, the defence minister, said" -> "defence minister"."""
    if end >= len(doc) - 1 or doc[end].text != "," or doc[end + 1].is_space:
        return None
    start = end + 1
    determiner = doc[start].lower_ in ("the", "a", "an")
    start += determiner
    stop = start
    while stop < len(doc) and stop - start < _MAX_APPOSITIVE_TOKENS:
        token = doc[stop]
        if token.lower_ in ("who", "which", "that") or token.is_space or (
                token.is_punct and token.tag_ not in ("HYPH", "POS") and token.text not in _APOSTROPHES):
            break
        if token.ent_type_ == "PERSON" or (token.tag_.startswith("VB") and token.tag_ != "VBN"):
            return None
        stop += 1
    if stop == start or (stop < len(doc) and doc[stop].text not in _APPOSITIVE_ENDS and not doc[stop].is_space):
        return None
    start = _strip_owner(doc, start, stop, gaz)
    words = list(doc[start:stop])
    if not words or words[0].like_num:
        return None
    cut = next((i for i, t in enumerate(words) if t.tag_ == "IN" or t.lower_ in FUNCTION_WORDS), len(words))
    head = words[:cut] or words
    if not any(_word(t) in TITLE_HEADS for t in head):
        if not (determiner and any(t.tag_ in ("NN", "NNS") for t in head)):
            return None
    return _SPACES.sub(" ", doc[words[0].i:words[-1].i + 1].text).strip() or None


def _is_actor(doc: Any, start: int, end: int) -> bool:
    """A capital that acts ("Moscow said", "Washington's offer") rather than a place ("in Kyiv")."""
    following = doc[end] if end < len(doc) else None
    if following is not None and (following.tag_ == "POS" or following.text in _APOSTROPHES[:2]):
        owned = next((t for t in doc[end + 1:end + 5] if t.pos_ in ("NOUN", "PROPN") or t.is_alpha), None)
        return owned is None or owned.lower_ not in CITY_NOUNS
    if start > 0 and doc[start - 1].pos_ == "ADP":
        return False
    if _parsed(doc):
        token = doc[end - 1]
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        verb = token.head
        if token.dep_ in ("dobj", "dative") and verb.lemma_ in ADDRESS_VERBS:
            return True  # "asked Ostra for a loan"
        return token.dep_ in SUBJECT_DEPS and verb.pos_ in ("VERB", "AUX") and verb.lemma_ not in PLACE_VERBS
    if following is not None and _tagged(doc):
        return following.tag_ in ("VBD", "VBZ", "VBP", "MD")
    return False


def _pieces(doc: Any, ent: Any) -> Iterator[tuple[int, int]]:
    """An entity span split where spaCy ran over a separator ("Velna, Kessmark Railways", "CPA - ...")."""
    start = ent.start
    for i in range(ent.start, ent.end):
        token = doc[i]
        if token.text in _SEPARATORS or token.is_space or (token.text in _DASHES and token.whitespace_):
            yield start, i
            start = i + 1
    yield start, ent.end


def _clean_bounds(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the", punctuation, a possessive and anything from an opening parenthesis on."""
    for i in range(start, end):
        if doc[i].text == "(":
            end = i
            break
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in _APOSTROPHES):
        end -= 1
    return start, end


def _surface(doc: Any, start: int, end: int) -> str:
    text = _SPACES.sub(" ", doc[start:end].text).strip()
    for suffix in _APOSTROPHES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _trim_person(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Drop lowercase words spaCy sometimes glues to a name ("Rusk said")."""
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].lower_ not in FUNCTION_WORDS:
        end -= 1
    return start, end


def _looks_like_person(doc: Any, start: int, end: int, gaz: Gazetteer, said: bool = True) -> bool:
    """A two- or three-word name with a person's role (or, if ``said``, saying something) that spaCy called
    something else or missed."""
    words = doc[start:end]
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
        return False
    if any(_word(t) in ORG_WORDS or _word(t) in PLACE_WORDS or t.lower_ in FUNCTION_WORDS for t in words):
        return False
    if gaz.lookup(words.text):
        return False
    following = doc[end] if end < len(doc) else None
    return bool(
        (start > 0 and _is_title_word(doc[start - 1]))
        or _title_after(doc, end, gaz)
        or _title_comma_before(doc, start, gaz)
        or (said and following is not None and following.lower_ in SPEECH_VERBS)
    )


def _untagged_people(doc: Any, taken: set[int], gaz: Gazetteer) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words spaCy did not tag that a title or an appositive marks as a person's name
    ("Ana Rusk, the defence minister, said")."""
    tagged = _tagged(doc)
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].is_title and doc[j].is_alpha and j not in taken and (
                not tagged or doc[j].tag_ in ("NNP", "NNPS")):
            j += 1
        if j == i:
            i += 1
            continue
        start = max((k + 1 for k in range(i, j) if _is_title_word(doc[k])), default=i)
        if 2 <= j - start <= 3 and _looks_like_person(doc, start, j, gaz, said=False):
            yield start, j
        i = j


def _relabel(doc: Any, start: int, end: int, label: str, gaz: Gazetteer, person_words: set[str]) -> str:
    """Fix spaCy labels that a name's own words contradict."""
    text = _surface(doc, start, end)
    if label in ("PERSON", "ORG", "NORP", "LOC") and gaz.lookup(text) and text.casefold() not in person_words:
        return "GPE"  # spaCy reads "Kyiv's mayor" as a person and a bare capital often as an organisation
    words = [_word(t) for t in doc[start:end]]
    if label == "PERSON" and (words[-1] in ORG_WORDS or "of" in words or "for" in words):
        return "ORG"
    if label == "PERSON" and (words[-1] in PLACE_WORDS or words[0] in PLACE_WORDS):
        return "LOC"
    if label != "PERSON" and _looks_like_person(doc, start, end, gaz):
        return "PERSON"
    return label


def _mentions(doc: Any, gaz: Gazetteer) -> list[_Mention]:
    out: list[_Mention] = []
    title_tokens: set[int] = set()
    taken: set[int] = set()
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    tagged = _tagged(doc)
    lowered = {t.text for t in doc if t.is_lower}
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue  # a capital inside a date or time ("Kyiv overnight") is found by the scan below
        for piece_start, piece_end in _pieces(doc, ent):
            start, end = _clean_bounds(doc, piece_start, piece_end)
            if start >= end or not any(t.is_alpha for t in doc[start:end]):
                continue
            if _common_word_opening(doc[start:end], tagged, lowered, gaz):
                continue
            label = _relabel(doc, start, end, ent.label_, gaz, person_words)
            if label not in KEPT_LABELS:
                continue
            taken.update(range(start, end))
            role = titled = None
            if label == "PERSON":
                name_start, title_start, role = _title_before(doc, start, end, gaz)
                title_tokens.update(range(title_start, name_start))
                role = role or _title_after(doc, end, gaz)
                start, end = _trim_person(doc, name_start, end)
                before = doc[name_start - 1] if name_start > 0 else None
                if before is not None and before.is_title and _is_title_word(before) and (
                        title_start == name_start - 1 or _word(before) not in TITLE_HEADS - RANKS):
                    titled = _surface(doc, name_start - 1, end)  # "Mr Rusk", "Dr. Ines Koll", "Colonel Ivo Sarn"
            located = start > 0 and doc[start - 1].lower_ in LOCATIVES and end - start == 1
            out.append(_Mention(_surface(doc, start, end), label, start, end, role, titled, located=located))
    for start, end in list(_untagged_people(doc, taken, gaz)):
        taken.update(range(start, end))
        name_start, title_start, role = _title_before(doc, start, end, gaz)
        title_tokens.update(range(title_start, name_start))
        out.append(_Mention(_surface(doc, start, end), "PERSON", start, end, role or _title_after(doc, end, gaz)))
    # Countries and capitals spaCy missed or mislabelled ("Kyiv overnight" as TIME).
    i = 0
    while i < len(doc):
        matched = 0
        if doc[i].text in gaz.first_words:
            for n in range(min(gaz.longest, len(doc) - i), 0, -1):
                if gaz.lookup(doc[i:i + n].text):
                    matched = n
                    break
        if not matched:
            i += 1
            continue
        if not taken.intersection(range(i, i + matched)) and (not tagged or doc[i + matched - 1].pos_ == "PROPN"):
            out.append(_Mention(doc[i:i + matched].text, "GPE", i, i + matched))
        i += matched
    kept = []
    for m in out:
        inside_title = title_tokens.issuperset(range(m.start, m.end))
        if m.label != "PERSON" and inside_title and all(_word(t) in TITLE_MODIFIERS for t in doc[m.start:m.end]):
            continue  # "Defense" in "Defense Secretary Lloyd Austin"
        if m.label != "PERSON":
            country = gaz.country_of_name.get(m.text)
            if country is None and m.text in gaz.country_of_capital and _is_actor(doc, m.start, m.end):
                country = gaz.country_of_capital[m.text]
            m.country = country
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


# --- acronyms ---------------------------------------------------------------------------------------------


def acronym_letters(acronym: str) -> str:
    """"U.S." -> "US", "BoV" -> "BOV"."""
    return re.sub(r"[^A-Za-z0-9]", "", acronym).upper()


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and len(acronym_letters(text)) >= 2


def initials(words: list[str]) -> set[str]:
    """Initials of a name with and without its function words: "Bank of Veldoria" -> {"BV", "BOV"}."""
    parts = [p for w in words for p in re.split(r"[-‐]", w) if p]
    return {
        "".join(p[0] for p in parts if p.lower() not in FUNCTION_WORDS).upper(),
        "".join(p[0] for p in parts).upper(),
    }


def _expansion_in(words: list[str], acronym: str) -> str | None:
    """The shortest tail of ``words`` whose initials spell ``acronym``."""
    letters = acronym_letters(acronym)
    for k in range(len(words) - 1, max(-1, len(words) - 2 * len(letters) - 2), -1):  # a word per letter at most
        if words[k][:1].isupper() and words[k].lower() not in FUNCTION_WORDS and letters in initials(words[k:]):
            return " ".join(words[k:])
    return None


def _definitions(text: str) -> dict[str, str]:
    """Acronyms defined in parentheses: "International Maritime Relief (IMR)" -> {"IMR": ...}."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        expansion = _expansion_in(match.group(1).split(), match.group(2))
        if expansion:
            found.setdefault(match.group(2), expansion)
    return found


def _spelled_out(text: str, acronym: str) -> str | None:
    """The first run of capitalised words in ``text`` whose initials spell ``acronym`` ("HRW")."""
    letters = acronym_letters(acronym)
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        for j in range(1, len(words) + 1):
            found = _expansion_in(words[max(0, j - 2 * len(letters) - 2):j], acronym)
            if found and len(found.split()) > 1 and acronym_letters(found) != letters:
                return found
    return None


# --- grouping ---------------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return normalise(text)


def is_full_name(text: str) -> bool:
    """A first name (not an initial) and a surname."""
    words = text.split()
    return len(words) > 1 and len(words[0].rstrip(".")) > 1


def best_label(votes: Counter) -> str:
    """The label given most often; ties go to the more specific kind (a person before a place, ...)."""
    best = max(votes.values())
    tied = [label for label, n in votes.items() if n == best]
    return min(tied, key=lambda label: LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER))


def _pick_label(group: _Group) -> str:
    if group.country:
        return "GPE"
    votes = Counter(group.label_votes)
    if any(is_full_name(f) for f in group.forms) and votes["PERSON"]:
        return "PERSON"
    if group.located and all(len(f.split()) == 1 for f in group.forms):
        votes.pop("PERSON", None)  # "in Hollin": a one-word "person" found where places go
        if not votes:
            return "GPE"
    return best_label(votes)


def _pick_name(group: _Group, label: str) -> str:
    """The most frequent full form (a person's full name, an organisation's name rather than its acronym)."""
    if group.country:
        return group.country
    forms = list(group.forms)
    full = [f for f in forms if is_full_name(f)] if label == "PERSON" else [f for f in forms if not is_acronym(f)]
    return min(full or forms, key=lambda f: (-group.forms[f], -len(f), group.first_seen[f]))


def most_common_role(roles: Iterable[str]) -> str | None:
    """The role given most often (compared casefolded), as first written; ties go to the first seen."""
    roles = list(roles)
    if not roles:
        return None
    counts = Counter(r.casefold() for r in roles)
    best = max(counts.values())
    return next(r for r in roles if counts[r.casefold()] == best)


def _token_at(doc: Any, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _descriptions(doc: Any, names: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """Definite descriptions that can only mean one named organisation or place of the article: "the
    authority" after "Lusk Port Authority". ``names`` maps group key -> (name, label)."""
    owners: dict[str, set[str]] = {}
    for key, (name, label) in names.items():
        if label in _DESCRIBED_LABELS:
            words = name.split()
            head = next((k for k, w in enumerate(words) if k and w.casefold() in FUNCTION_WORDS), len(words))
            for part in {tuple(words), tuple(words[:head])}:  # "the institute" for "Sorrel Institute for ..."
                for k in range(len(part)):
                    if part[k:] != tuple(words) and part[k].casefold() not in FUNCTION_WORDS:
                        owners.setdefault(" ".join(part[k:]).casefold(), set()).add(key)
    longest = max((len(s.split()) for s in owners), default=0)
    found: dict[str, list[str]] = {}
    for token in doc:
        if token.lower_ != "the":
            continue
        for n in range(min(longest, len(doc) - token.i - 1), 0, -1):
            phrase = doc[token.i + 1:token.i + 1 + n]
            after = doc[phrase.end] if phrase.end < len(doc) else None
            keys = owners.get(phrase.text.casefold(), ())
            common = phrase[-1].is_lower or (_word(phrase[-1]) in ORG_WORDS | PLACE_WORDS and not phrase[-1].is_upper)
            if len(keys) == 1 and common and not (after is not None and after.is_title and after.pos_ == "PROPN"):
                alias = "the " + _SPACES.sub(" ", phrase.text)
                (key,) = keys
                if alias not in found.setdefault(key, []):
                    found[key].append(alias)
                break
    return found


def _missed_names(doc: Any, mentions: list[_Mention], groups: dict[str, _Group],
                  full_names: dict[str, list[tuple[int, str]]]) -> None:
    """Count the surnames spaCy did not tag ("Tasko said ..." after "Aurel Tasko"), unless another name
    precedes them ("Pavel Tasko" is someone else)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    taken.update(i for e in doc.ents for i in range(e.start, e.end) if e.label_ in KEPT_LABELS)
    surnames = {}
    for key in {key for entries in full_names.values() for _, key in entries}:
        surname = key.split()[-1]
        owners = {k for _, k in full_names.get(surname, [])}
        if len(owners) == 1 and key in groups:
            surnames[surname] = key
    for token in doc:
        key = surnames.get(token.lower_) if token.is_title and token.i not in taken else None
        if key is None or (token.i + 1 < len(doc) and doc[token.i + 1].is_title):
            continue
        before = doc[token.i - 1] if token.i else None
        if before is None or not before.is_title or before.is_sent_start or _is_title_word(before):
            groups[key].add(_Mention(token.text, "PERSON", token.i, token.i + 1))


def _entities(doc: Any, gaz: Gazetteer) -> list[Entity]:
    mentions = _mentions(doc, gaz)
    text = doc.text
    definitions = _definitions(text)
    groups: dict[str, _Group] = {}
    order: dict[str, int] = {}

    def group(key: str, position: int) -> _Group:
        order[key] = min(order.get(key, position), position)
        return groups.setdefault(key, _Group())

    # People with a full name first, so that short forms can find them.
    full_names: dict[str, list[tuple[int, str]]] = {}  # surname or first name -> [(position, key)]
    for m in mentions:
        if m.label == "PERSON" and is_full_name(m.text):
            words = m.text.split()
            for part in {_key(words[-1]), _key(words[0])}:
                full_names.setdefault(part, []).append((m.start, _key(m.text)))

    def person_key(m: _Mention) -> str | None:
        """The full name a short form refers to: the only one it fits, else the closest one before it."""
        words = m.text.split()
        if is_full_name(m.text):
            return _key(m.text)
        surname = _key(words[-1])
        candidates = {key for _, key in full_names.get(surname, [])}
        if len(words) > 1:  # "A. Rusk": an initial and a surname
            candidates = {k for k in candidates if k.split()[-1] == surname and k[0] == words[0][0].casefold()}
        if len(candidates) <= 1:
            return next(iter(candidates), None)
        seen = [(pos, key) for pos, key in full_names[surname] if key in candidates]
        before = [p for p in seen if p[0] < m.start]
        return max(before)[1] if before else min(seen)[1]

    expansions: dict[str, str | None] = {}  # acronym -> the name it stands for in this article
    spelled: dict[str, str] = {}  # initials -> the first multi-word name with them
    for m in mentions:
        if m.label != "PERSON" and len(m.text.split()) > 1:
            for letters in initials(m.text.split()):
                spelled.setdefault(letters, m.text)
    for m in mentions:
        if m.country:
            g = group("country:" + m.country.casefold(), m.start)
            g.country = m.country
            g.add(m, "GPE")
            continue
        short_person = (len(m.text.split()) == 1 and not is_acronym(m.text) and not m.located
                        and _key(m.text) in full_names and not gaz.lookup(m.text))
        if m.label == "PERSON" or short_person:
            key = person_key(m)
            group(key or _key(m.text), m.start).add(m, "PERSON")
            continue
        if is_acronym(m.text):
            if m.text not in expansions:
                expansions[m.text] = definitions.get(m.text) or spelled.get(acronym_letters(m.text)) or (
                    _spelled_out(text, m.text))
            expansion = expansions[m.text]
            if expansion:
                g = group(_key(expansion), m.start)
                if expansion not in g.forms:
                    where = _token_at(doc, text.find(expansion))
                    g.add(_Mention(expansion, m.label, where, where))
                g.add(m)
                continue
        group(_key(m.text), m.start).add(m)
    # An acronym defined in the text names the organisation even where spaCy saw neither.
    for acronym, expansion in definitions.items():
        key = _key(expansion)
        where = _token_at(doc, text.find(expansion))
        if key not in groups:
            group(key, where).add(_Mention(expansion, "ORG", where, where))
        if acronym not in groups[key].forms:
            groups[key].add(_Mention(acronym, groups[key].label_votes.most_common(1)[0][0], where, where))
    _missed_names(doc, mentions, groups, full_names)
    labels = {key: _pick_label(g) for key, g in groups.items()}
    names = {key: (_pick_name(g, labels[key]), labels[key]) for key, g in groups.items()}
    descriptions = _descriptions(doc, names)
    out = []
    for key in sorted(groups, key=order.__getitem__):
        g = groups[key]
        name, label = names[key]
        seen = {name.casefold()}
        aliases = []
        for form in [*sorted(g.forms, key=g.first_seen.__getitem__), *g.extra, *descriptions.get(key, [])]:
            if form.casefold() not in seen:
                seen.add(form.casefold())
                aliases.append(form)
        out.append(Entity(name, label, aliases, most_common_role(g.roles)))
    return out


def article_entities(
    doc_or_text: Any, nlp: Any = None, *, model: str | None = None, capitals: Mapping[str, str] | None = None
) -> list[Entity]:
    """The entities of one article, in order of first mention.

    ``doc_or_text`` is a parsed spaCy ``Doc`` or text; text is parsed (as :func:`storyline.analyze.nlp.parse`
    does) with ``nlp``, else with ``model`` (default: :attr:`Settings.spacy_model`) loaded once per process. A Doc without a dependency parse still
    works, but reads a capital as an actor only before a finite verb or a possessive. ``capitals`` adds
    capital -> country pairs to the shipped table.
    """
    if isinstance(doc_or_text, str):
        (doc_or_text,) = spacy_nlp.parse(nlp or _load(model), [doc_or_text])
    return _entities(doc_or_text, gazetteer(capitals))


def iter_article_entities(
    texts: Iterable[str], nlp: Any = None, *, model: str | None = None,
    capitals: Mapping[str, str] | None = None, batch_size: int = BATCH_SIZE,
) -> Iterator[list[Entity]]:
    """:func:`article_entities` for many texts, parsed in batches (much faster than one by one)."""
    gaz = gazetteer(capitals)
    for doc in spacy_nlp.parse(nlp or _load(model), texts, batch_size):
        yield _entities(doc, gaz)


def _load(model: str | None) -> Any:
    """The whole pipeline (titles and actors need the tagger and parser), shared with the other steps."""
    return spacy_nlp.load(model or Settings().spacy_model, need=("tagger", "parser", "ner"))
