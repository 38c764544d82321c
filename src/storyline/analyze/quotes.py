"""Quotes in an article's main text: direct quotes and reported speech, each with its speaker.

How it works, in three passes over one article:

1. Direct quotes are found character by character (straight and curly double quotes, '' as a double quote,
   then single quotes outside them, telling quotes from apostrophes by what stands on each side). A paragraph
   that ends inside an open quote continues the quote when the next paragraph re-opens with a quote mark
   (English convention).
2. spaCy (tagger, parser, NER; sentence breaks forced at line breaks) finds attributions: a speech verb next
   to the quote ("…," said Rusk / Rusk said: "…" / Rusk called it "…"), reported clauses ("X said (that) …",
   "…, X said.", "according to X, …", "X told reporters …", "adding that …") and the subjects of those verbs.
   Right after a quote closed by a comma, "?" or "!", any verb whose subject follows attributes it ("…," Kelly
   charged); a paragraph ending in a colon introduces the quote that opens the next ("Rusk continued:").
   Quotes separated only by the first one's attribution (however long), or by nothing, in one paragraph are one
   statement ("A," she said, "b." / "A," she said. "B."). A quote that is part of a sentence takes the subject
   of the verb it hangs from ("Moore thanked him for "…"").
3. Speakers are resolved in text order to a name: titles are stripped ("Defence Minister Ana Rusk" -> "Ana
   Rusk"); a surname (or a given name that only one of them has) expands to the full name the article gives;
   "he"/"she" go to the latest compatible person mentioned before (subjects of main clauses in this or the
   previous paragraph first; a "he"/"she" subject in between passes the search on; gender comes from titles and
   from the pronouns of a person's own clause, "Clinton said she …"); a surname two people share goes to the one
   named in full most; "the minister" to the latest person whose role matches, else (unless the article spoke of
   such an unnamed person before: "the prime minister's spokesman said …") the latest person, else the
   description itself, as "the source" always stays; another description ("the nominee wrote") to the person
   just spoken of; "the union" to the organisation the article named or described with that word, else the
   phrase itself; a document to the author its sentence gives ("X said in a statement" … "the statement said" ->
   X); "it" to the author of a document just named, else the last organisation that spoke, else one named
   nearby; a "— Ana Rusk, Defence Minister" line under a quote names its speaker; a quote without attribution
   that follows a quote in its paragraph, or is a paragraph right after one, keeps that speaker unless someone
   else became a subject in between; paragraphs of a quote attributed only in its last one take that speaker.
   None: anonymous sources ("a witness said") and documents without an author are never guessed.

Quote text (the convention of tests/gold/README.md): the quoted words without quotation marks, whitespace
collapsed, without the comma or full stop that closes the quote ("…alive," she said -> "…alive"; "?" and "!"
stay); parts split by an attribution or by a paragraph break are joined by one space, and inner punctuation is
kept ("We will rebuild," she said, "and we will do it fast." -> "We will rebuild, and we will do it fast").
Reported speech is the reported clause without its "that". Offsets span the quote from opening to closing mark
(across the attribution or the paragraph break, for joined quotes), or the reported clause (for a clause split
by "according to X", from the start of its first part to the end of its last).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Quote
from ..settings import Settings
from ..text.datelines import dateline_at
from . import nlp as spacy_nlp

BATCH_SIZE = 32
ATTRIBUTION_WORDS = 30  # an attribution after a quote, with its subject's apposition, is at most this long
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes unless a speech verb attributes them

# Verbs that attribute a direct quote ("…," she said / he called it "…").
QUOTE_VERBS = frozenset(
    "say tell add warn insist claim state announce confirm explain note argue report stress emphasise emphasize "
    "predict write acknowledge admit allege assert caution concede contend declare maintain reiterate remark reply "
    "respond suggest vow promise pledge tweet post deny recall reveal complain agree testify conclude ask call "
    "describe dub brand label term dismiss continue shout whisper joke urge put accuse observe recount".split()
)
# Verbs whose clause is reported speech ("X warned that …"); no naming or asking verbs.
REPORT_VERBS = frozenset(
    "say tell add warn insist claim state announce confirm explain note argue report stress emphasise emphasize "
    "predict write acknowledge admit allege assert caution concede contend declare maintain reiterate remark reply "
    "respond suggest vow promise pledge tweet post deny recall reveal disclose complain agree testify "
    "estimate expect forecast".split()
)
# Words stripped from the front of a name ("Colonel Ivo Sarn" -> "Ivo Sarn").
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor president vice minister prime deputy secretary general gen colonel col "
    "lieutenant lt major maj captain capt sergeant sgt commander cmdr admiral adm senator sen rep representative "
    "governor gov mayor judge justice chancellor ambassador chief sir dame lord lady father rev reverend bishop "
    "archbishop pope king queen prince princess sheikh spokesman spokeswoman spokesperson councillor councilor "
    "commissioner inspector superintendent officer constable detective premier envoy chairman chairwoman chair "
    "director head leader coach mp mep treasurer".split()
)
# Nouns naming a person by role ("the minister said").
ROLE_NOUNS = frozenset(
    "minister official spokesman spokeswoman spokesperson governor mayor president chief director officer "
    "commander general colonel captain leader head chairman chairwoman chair secretary ambassador envoy diplomat "
    "senator lawmaker legislator mp prosecutor judge lawyer attorney analyst expert economist researcher "
    "scientist professor doctor manager executive ceo founder owner premier chancellor king queen commissioner "
    "inspector adviser advisor aide deputy coordinator organiser organizer representative administrator "
    "superintendent sheriff councillor councilor coach priest bishop activist campaigner negotiator".split()
)
# People nouns that name nobody in particular ("officials said", "a witness said").
ANONYMOUS_NOUNS = frozenset(
    "official source witness resident survivor people person man woman someone one observer insider "
    "expert analyst diplomat worker neighbour neighbor local villager passenger farmer reporter journalist "
    "critic opponent supporter protester".split()
)
# Documents speak for whoever wrote them ("the ministry's statement said", "CPA calculations").
DOCUMENT_NOUNS = frozenset(
    "statement report document letter study survey poll data figure figures calculation calculations estimate "
    "estimates filing release post message tweet website note memo count tally record records analysis "
    "assessment review bulletin notice announcement briefing".split()
)
# Heads of noun phrases that name an organisation even in lower case ("the city council said").
ORG_NOUNS = frozenset(
    "council ministry government army force forces police service agency administration office department "
    "company court committee commission authority authorities union party military navy team club hospital "
    "school university municipality embassy board group firm bank operator utility guard brigade command "
    "cabinet parliament assembly senate congress presidency organisation organization institute foundation fund "
    "network station newspaper broadcaster television radio coalition alliance hall association federation "
    "society chamber charity bureau secretariat cooperative co-operative campaign".split()
)
ORG_WORDS = frozenset(w.capitalize() for w in ORG_NOUNS) | {"Inc", "Ltd", "Corp", "Co", "LLC", "plc", "Centre"}
FEMALE = frozenset("she her mrs ms miss madam dame lady queen princess spokeswoman chairwoman businesswoman "
                   "congresswoman countess duchess mother sister wife daughter woman".split())
# "spokesman", "chairman", "congressman" are said of women too, so only their female forms tell a gender
MALE = frozenset("he him mr sir lord king prince count duke father brother husband son man".split())
# Titles written short before a name ("Gov. Chris Christie"), so that "the governor" later finds him.
_ROLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "col": "colonel",
    "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "cmdr": "commander",
    "pres": "president", "atty": "attorney", "supt": "superintendent", "sec": "secretary", "prof": "professor",
}
_NAME_PARTICLES = frozenset("von van der den de la le da di del du bin ibn al el".split())

_DOUBLE_OPEN, _DOUBLE_CLOSE = "“«", "”»"
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_QUOTE_CHARS = "\"'“”«»‘’„"
_DOUBLED = '"\0'  # what a doubled mark ('' or ``) reads as while quotes are found: a double quote and a filler
_OPEN_CONTEXT = " \t([{—–-/:"
_CLOSE_CONTEXT = " \t.,;:!?)]}—–-…"
_SPACES = re.compile(r"\s+")
_NAME_LINE = re.compile(r"^\s*(?:[—–-]+\s*)?([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|" + "|".join(_NAME_PARTICLES)
                        + r")){0,4})\s*(?:,\s*([^\n]{1,80}?))?\s*$")
_BYLINE = re.compile(r"^\s*(?:by|reporting by|written by)\s", re.I)


def quotes_in(doc: Any) -> list[Quote]:
    """Direct quotes and reported speech of one article, in text order, from its parse.

    ``doc`` comes from :func:`storyline.analyze.nlp.parse` (tagger, parser and NER; sentences broken at line
    breaks), so the fact layer parses an article once for all its steps.
    """
    return _Article(doc.text, doc).quotes()


def find_quotes(text: str, nlp: Any = None) -> list[Quote]:
    """Direct quotes and reported speech in ``text``, in text order.

    ``nlp`` is a loaded spaCy pipeline with a parser and NER, a model name, or None for
    ``Settings().spacy_model``; a name is loaded once per process.
    """
    return next(find_quotes_pipe([text], nlp))


def find_quotes_pipe(texts: Iterable[str], nlp: Any = None, batch_size: int = BATCH_SIZE) -> Iterator[list[Quote]]:
    """``find_quotes`` for many texts at once (spaCy batches them); yields one list per text, in order."""
    if nlp is None or isinstance(nlp, str):
        nlp = spacy_nlp.load(nlp or Settings().spacy_model, need=("parser", "ner"))
    for doc in spacy_nlp.parse(nlp, texts, batch_size):
        yield quotes_in(doc)


# --- pass 1: quotation marks -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Marked:
    start: int  # the opening mark
    end: int  # just after the closing mark
    parts: list[tuple[int, int]]  # the quoted text between marks, one range per paragraph


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _is_opener(text: str, i: int, single: bool) -> bool:
    c = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and not (not single and text[i + 2:i + 3] in ("'", "‘")) or (single and after.isdigit()):
        return False  # '90s; but " 'Word: a space sets a double mark off a single one that opens inside it
    if c in (_SINGLE_OPEN if single else _DOUBLE_OPEN):
        return True
    if c == ("'" if single else '"'):
        return before in _OPEN_CONTEXT or before in _QUOTE_CHARS or (not single and not before.isalnum())
    return False


def _is_closer(text: str, i: int, single: bool) -> bool:
    c = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and not (not single and i >= 2 and text[i - 2] in ("'", "’")):
        return False  # but word,' ": a space sets a double mark off a single one that closes inside it
    if c in (_SINGLE_CLOSE if single else _DOUBLE_CLOSE) or c == ("'" if single else '"'):
        # ’ between letters is an apostrophe (don’t, Rusk’s), never a closing mark
        return not single or after.isspace() or after in _CLOSE_CONTEXT or after in _QUOTE_CHARS
    return False


def _marked_quotes(original: str) -> list[_Marked]:
    """Spans between quotation marks: double quotes first, then single quotes outside them. Two apostrophes or
    backticks stand for a double quote (''…'', ``…'': typewriter and some newspaper archives)."""
    text = original.replace("''", _DOUBLED).replace("``", _DOUBLED)
    lines = _lines(text)
    found: list[_Marked] = []
    for single in (False, True):
        inside = [(q.start, q.end) for q in found]
        opened: _Marked | None = None
        part_start = 0
        for line_no, (ls, le) in enumerate(lines):
            i = ls
            if opened is not None:  # a quote left open at the end of the previous paragraph
                if _is_opener(text, ls, single):
                    part_start, i = ls + 1, ls + 1
                else:
                    opened = None
            while i < le:
                if any(s <= i < e for s, e in inside):
                    i = next(e for s, e in inside if s <= i < e)
                    continue
                if opened is None:
                    if text[i] in _QUOTE_CHARS and _is_opener(text, i, single):
                        opened, part_start = _Marked(i, i, []), i + 1
                elif text[i] in _QUOTE_CHARS and _is_closer(text, i, single):
                    opened.parts.append((part_start, i))
                    opened.end = i + 1
                    found.append(opened)
                    opened = None
                elif text[i] in (_SINGLE_OPEN if single else _DOUBLE_OPEN):
                    opened, part_start = _Marked(i, i, []), i + 1  # an unclosed quote: start again here
                i += 1
            if opened is not None:
                opened.parts.append((part_start, le))
                if line_no + 1 == len(lines):
                    opened = None
        found.sort(key=lambda q: q.start)
    for q in found:  # a doubled mark is two characters wide
        q.parts = [(s + (text[s] == _DOUBLED[1]), e) for s, e in q.parts]
        q.end += q.end < len(text) and text[q.end] == _DOUBLED[1]
    return [q for q in found if any(_SPACES.sub("", original[s:e]).strip(_QUOTE_CHARS) for s, e in q.parts)]


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


# --- passes 2 and 3: attribution and speakers ---------------------------------------------------------------


@dataclass(slots=True)
class _Ref:
    """Who a subject noun phrase points at, before resolution."""

    kind: str  # "person", "name" (unknown kind), "pronoun", "role", "org", "described" (an org if named before)
    text: str
    words: frozenset[str] = frozenset()  # role words ("defence", "minister") for kind "role"
    at: int = -1  # where the referring words are; a pronoun looks back from here
    phrase: str = ""  # a role as written ("the prime minister's spokesman"), the speaker when it names nobody


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    text: str
    direct: bool
    ref: _Ref | None = None
    whole_line: bool = False  # a direct quote that is its paragraph (may continue the previous speaker)
    attributed: bool = True  # a speech verb or a name line goes with it (so it continues nobody)
    line: int = -1
    speaker: str | None = None


@dataclass(slots=True)
class _Person:
    name: str
    roles: set[str] = field(default_factory=set)
    gender: str | None = None


class _Article:
    def __init__(self, text: str, doc: Any) -> None:
        self.text = text
        self.doc = doc
        self.lines = _lines(text)
        self.marked = _marked_quotes(text)
        self.quoted = [(q.start, q.end) for q in self.marked]
        self.people: dict[str, _Person] = {}
        self.mentions: list[tuple[int, str, bool]] = []  # (offset, full name, as a main-clause subject
        # or a speaker) outside quotes
        self.orgs: list[tuple[int, str, set[str]]] = []  # (offset, name, words naming or describing it)
        self.signed: dict[int, str] = {}  # line number -> the person a signature line names
        self.pronoun_subjects = [  # (offset, gender) of "he"/"she" as main-clause subjects outside quotes
            (t.idx, "m" if t.lower_ == "he" else "f") for t in doc
            if t.lower_ in ("he", "she") and t.dep_ == "nsubj" and _main_clause(t) and not self._in_quote(t.idx)
        ]
        self.named_before: dict[int, Any] = {}  # verb index -> the name that opens its attribution ("…," Ramos,
        # 58, told AFP), for verbs whose subject the parser lost
        self.starts = [tok.idx for tok in doc]

    def quotes(self) -> list[Quote]:
        if not self.text.strip():
            return []
        self._collect_people()
        self._collect_orgs()
        items = self._direct() + self._reported()
        items.sort(key=lambda it: it.start)
        self._resolve(items)
        return [Quote(it.text, it.speaker, it.direct, it.start, it.end) for it in items]

    # -- helpers over tokens

    def _in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def _is_mark(self, tok: Any) -> bool:
        """True for a token that is the opening or closing mark of a quote (not an apostrophe)."""
        return any(tok.idx == s or tok.idx + len(tok) == e for s, e in self.quoted)

    def _overlaps_quote(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quoted)

    def _line_of(self, pos: int) -> int:
        for n, (s, e) in enumerate(self.lines):
            if s <= pos < e:
                return n
        return -1

    def _token_at(self, pos: int) -> int:
        """Index of the first token starting at or after character ``pos``."""
        return bisect_left(self.starts, pos)

    # -- people mentioned in the article

    def _collect_people(self) -> None:
        doc = self.doc
        byline_lines = {n for n, (s, e) in enumerate(self.lines) if _BYLINE.match(self.text[s:e])}
        pending: list[tuple[int, list[Any], set[str], bool, bool]] = []  # … as a subject, of a main clause
        for ent in doc.ents:
            if ent.label_ != "PERSON" or self._in_quote(ent.start_char):
                continue
            if self._line_of(ent.start_char) in byline_lines:
                continue
            toks = [t for t in ent if not t.is_space]
            if not toks or "\n" in ent.text.strip():
                continue
            name_toks = _strip_titles(toks)
            if _org_described(toks[0]):
                continue  # "fishing cooperative Sealark" is no person, whatever the tagger thinks
            roles = {t.lower_.strip(".") for t in toks if t not in name_toks}
            roles |= _role_words(toks[0], toks[-1])
            if name_toks:
                subj = _is_subject(ent.root)
                pending.append((ent.start_char, name_toks, roles, subj, subj and _main_clause(ent.root)))
        # names the NER missed or took for organisations: "Maja Stern was in the carriage"; a surname alone only
        # when it is that of someone the article names in full ("Calderon intimated …") or one that acts as a
        # person does, the subject of a speech verb or of two main clauses ("Tiegen said." … "Trump himself was
        # delighted"), and is never tagged as a place or a group
        actors = self._lone_actors()
        for tok in doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and _proper(tok) and tok.ent_type_ in ("", "ORG") and not self._in_quote(tok.idx):
                names = _strip_titles(self._proper_name(tok))
                if (
                    1 <= len(names) <= 3
                    and not any(t.text in ORG_WORDS or t.ent_type_ not in ("", "ORG", "PERSON") for t in names)
                    and not (tok.ent_type_ == "ORG" and tok.text.endswith("s"))  # "Lusk Terminals"
                    and not _org_described(names[0])
                ):
                    roles = _role_words(names[0], names[-1])
                    known = len(names) > 1 or names[0].text in actors
                    pending.append((names[0].idx, names, roles, known, _main_clause(tok)))
        pending.sort(key=lambda p: p[0])
        # full names first, so a surname mention anywhere expands to the full name the article gives
        for pos, toks, roles, _subj, _main in pending:
            if len(toks) > 1:
                self._add_person(_join(toks), roles)
        for pos, toks, roles, subj, main in pending:
            name = self._expand(_join(toks))
            if len(toks) > 1 or name in self.people or subj or roles:
                self._add_person(name, roles)
                self.mentions.append((pos, name, main))
        for n, (s, e) in enumerate(self.lines):  # "— Ana Rusk, Defence Minister" under a quote
            name = self._name_line(n)
            if name:
                self.signed[n] = name
                self.mentions.append((s, name, True))
        self.mentions.sort()
        self._genders_from_text()

    def _lone_actors(self) -> set[str]:
        """Single name words that speak or are the subject of two main clauses outside quotes, never tagged as
        a place, a group, a product or an event: surnames the NER missed or took for organisations."""
        other = {t.text for t in self.doc if t.ent_type_ not in ("", "PERSON", "ORG")}
        counts: dict[str, int] = {}
        for t in self.doc:
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.text not in other \
                    and t.text not in ORG_WORDS and not self._in_quote(t.idx) \
                    and not any(c.dep_ == "compound" for c in t.children):
                speaks = t.head.lemma_.lower() in QUOTE_VERBS
                counts[t.text] = counts.get(t.text, 0) + (2 if speaks else _main_clause(t))
        return {word for word, n in counts.items() if n >= 2}

    def _genders_from_text(self) -> None:
        """A person's gender from the pronouns the article uses for them as the subject of a clause: "Clinton said
        she appreciated …", "Rusk lost her seat" (the pronoun in that person's own clause, so no other person can
        be meant). Read before any pronoun is resolved, so that one wrong resolution cannot teach a wrong gender."""
        votes: dict[str, list[str]] = {}
        for tok in self.doc:
            if tok.dep_ != "nsubj" or tok.ent_type_ != "PERSON" or self._in_quote(tok.idx):
                continue
            names = _strip_titles(self._proper_name(tok))
            name = self._expand(_join(names)) if names else None
            if name not in self.people:
                continue
            verb = tok.head
            clause = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "conj") and c.pos_ in ("VERB", "AUX")]
            pronouns = [c for cl in clause for c in cl.children if c.dep_ == "nsubj" and c.pos_ == "PRON"]
            pronouns += [p for obj in verb.children if obj.dep_ in ("dobj", "attr")
                         for p in obj.children if p.dep_ == "poss"]
            for p in pronouns:
                if p.lower_ in ("he", "his", "she", "her"):
                    votes.setdefault(name, []).append("m" if p.lower_ in ("he", "his") else "f")
        for name, said in votes.items():
            person = self.people[name]
            if person.gender is None and said.count("m") != said.count("f"):
                person.gender = "m" if said.count("m") > said.count("f") else "f"

    def _add_person(self, name: str, roles: Iterable[str]) -> None:
        person = self.people.setdefault(name, _Person(name))
        roles = {r.strip(".") for r in roles}
        person.roles.update(r for r in roles | {_ROLE_ABBREVIATIONS[r] for r in roles if r in _ROLE_ABBREVIATIONS} if r)
        for word in person.roles:
            if person.gender is None and word in FEMALE:
                person.gender = "f"
            elif person.gender is None and word in MALE:
                person.gender = "m"

    def _expand(self, name: str) -> str:
        """A surname alone (or a given name alone) -> the full name of a person the article names in full."""
        name = re.sub(r"['’]s?$", "", name).strip()
        if name in self.people:
            return name
        if " " in name:  # "Treasurer Ola Brandt" when the article knows "Ola Brandt"
            return next((full for full in self.people if name.endswith(" " + full)), name)
        # a surname two people share is the one whose full name the text gives most often, then the first named
        same = [full for full in self.people if full.split()[-1] == name]
        if not same:  # a given name alone ("Hillary") is the one person the article names in full with it
            given = [full for full in self.people if " " in full and full.split()[0] == name]
            same = given if len(given) == 1 else []
        return max(same, key=self.text.count, default=name)

    def _name_line(self, n: int) -> str | None:
        """The person named by line ``n`` when it is a short signature line right under a direct quote."""
        if n == 0:
            return None
        ps, pe = self.lines[n - 1]
        quote_end = max((q.end for q in self.marked if ps <= q.end <= pe), default=None)
        if quote_end is None or self.text[quote_end:pe].strip(" .,") or (pe - ps) < 2:
            return None
        s, e = self.lines[n]
        line = self.text[s:e]
        m = _NAME_LINE.match(line)
        if not m or (not line.lstrip().startswith(("—", "–", "-")) and not m.group(2)):
            return None
        if m.group(2) and (_words(m.group(2)) > 8 or m.group(2).rstrip().endswith(".")):
            return None
        words = m.group(1).split()
        while words and words[0].strip(".").lower() in TITLES:
            words = words[1:]
        if not words or any(w in ORG_WORDS for w in words):
            return None
        name = self._expand(" ".join(words))
        roles = {w.lower() for w in re.findall(r"\w+", m.group(2) or "")}
        self._add_person(name, roles)
        return name

    # -- direct quotes

    def _direct(self) -> list[_Item]:
        items: list[_Item] = []
        merged: list[tuple[_Marked, Any]] = []  # (quote, attributing verb)
        for q in self.marked:
            verb = self._verb_after(q)
            if merged:
                prev, prev_verb = merged[-1]
                between = self.text[prev.end:q.start]
                adjacent = "\n" not in between and not between.strip()  # "…." "…," she said: one statement
                if adjacent or verb is None and prev_verb is not None and self._joins(prev, q, prev_verb):
                    prev.parts.extend(q.parts)
                    prev.end = q.end
                    merged[-1] = (prev, verb if adjacent else prev_verb)
                    continue
            merged.append((q, verb))
        for q, verb in merged:
            ref = None
            if verb is not None:
                ref = self._subject_ref(verb)
            else:
                verb, ref = self._according_after(q) or self._lead_in(q)
            text = " ".join(_SPACES.sub(" ", self.text[s:e]).strip() for s, e in q.parts).strip()
            text = text[:-1].rstrip() if text.endswith((",", ".")) and not text.endswith("..") else text
            before = self.text[max(0, q.start - 12):q.start].lower()
            if re.search(r"so[- ]called\s*$|(?:en)?titled\s*$|headlined\s*$", before):
                continue
            if _words(text) < MIN_QUOTE_WORDS and (verb is None or not self._speaks(verb)):
                continue  # a scare quote or a title ("the plan adds a "quiet zone""), not something someone said
            line = self._line_of(q.start)
            ls, le = self.lines[line] if line >= 0 else (q.start, q.end)
            if ref is None and verb is None and line + 1 in self.signed:
                ref = _Ref("person", self.signed[line + 1])
            if ref is None:
                ref = self._governing_ref(q)
            whole = not self.text[ls:q.start].strip() and not self.text[q.end:le].strip(" .,")
            items.append(_Item(q.start, q.end, text, True, ref, whole_line=whole, line=line,
                               attributed=ref is not None or verb is not None))
        return items

    def _verb_after(self, q: _Marked) -> Any:
        """The verb attributing a quote from right after its closing mark: a speech verb within a few words
        ("…," she said / "…," said Rusk), or any verb whose subject starts right after a quote closed by a comma,
        "?" or "!" (the attribution convention: "…," Kelly charged / "…," Jenna Golden, the firm's director,
        said of …), so that the reporting-verb lexicon need not be complete."""
        doc = self.doc
        i = self._token_at(q.end)
        closed = self.text[q.end - 2:q.end + 1]
        convention = "," in closed or "?" in closed or "!" in closed
        first = None
        seen = 0
        named = None  # a finite verb after a name that opens the attribution, in case no speech verb comes
        while i < len(doc) and seen < ATTRIBUTION_WORDS:
            tok = doc[i]
            if tok.is_space and "\n" in tok.text or tok.text in {".", "!", "?", ";"} or self._in_quote(tok.idx):
                break
            if self._is_mark(tok):
                break
            if not tok.is_punct:
                seen += 1
                first = tok if first is None else first
                if tok.pos_ in ("VERB", "AUX"):
                    subj = self._subject(tok)
                    if tok.lemma_.lower() in QUOTE_VERBS and seen <= 8 and (subj is not None or tok.tag_ == "VBG"):
                        return tok
                    if convention and tok.pos_ == "VERB" and subj is not None and (
                            tok is first or subj.left_edge.i <= first.i):
                        return tok
                    if convention and subj is None and named is None and tok.tag_ in ("VBD", "VBZ", "VBP") and (
                            first is not tok and _proper(first)):
                        named = tok
            i += 1
        if named is not None:
            self.named_before[named.i] = first
        return named

    def _governing_ref(self, q: _Marked) -> _Ref | None:
        """Who speaks a quote that is part of a sentence outside it ("Moore thanked him for "…"", "Clinton shot
        back, "…"", "the protesters chanted "…""): the subject of the nearest verb outside the quote that the
        quoted words hang from or that hangs from them, within the quote's paragraph."""
        first, last = self._token_at(q.start + 1), self._token_at(q.end - 1)
        line = self._line_of(q.start)
        ls, le = self.lines[line] if line >= 0 else (q.start, q.end)
        inside = self.doc[first:last]
        outside = [t for t in inside if not (q.start <= t.head.idx < q.end)]  # where the quote attaches
        outside += [c for t in inside for c in t.children if not q.start <= c.idx < q.end]
        for tok in sorted(outside, key=lambda t: abs(t.i - first)):
            verb = tok if tok.pos_ in ("VERB", "AUX") and not q.start <= tok.idx < q.end else None
            for anc in ([] if verb is not None else list(tok.ancestors)):
                if q.start <= anc.idx < q.end:
                    continue
                if anc.pos_ in ("VERB", "AUX"):
                    verb = anc
                    break
            if verb is None or not ls <= verb.idx < le or self._in_quote(verb.idx):
                continue
            subj = self._subject(verb)
            if subj is not None and ls <= subj.idx < le and not self._in_quote(subj.idx):
                ref = self._np_ref(subj)
                if ref is not None and not (ref.kind == "pronoun" and ref.text not in ("he", "she", "it", "they")):
                    return ref
        return None

    def _according_after(self, q: _Marked) -> tuple[Any, _Ref] | None:
        """"…," according to a court filing by Ana Rusk."""
        i = self._token_at(q.end)
        while i < len(self.doc) and self.doc[i].is_punct and not self._is_mark(self.doc[i]):
            i += 1
        ref = self._according_ref(self.doc[i]) if i < len(self.doc) else None
        return (self.doc[i], ref) if ref is not None else None

    def _speaks(self, verb: Any) -> bool:
        """False when the verb's subject is a thing, not a speaker ("the plan adds …")."""
        subj = self._subject(verb)
        if subj is None or subj.pos_ == "PRON" or _proper(subj):
            return True
        if subj.lemma_.lower() in ROLE_NOUNS | ANONYMOUS_NOUNS | ORG_NOUNS:
            return True
        ref = self._np_ref(subj)
        return ref is not None and ref.kind != "described"

    def _joins(self, a: _Marked, b: _Marked, verb: Any) -> bool:
        """True when only the first quote's attribution separates two quotes of one paragraph: "A," she said,
        "b." (one sentence) or "A," she said. "B." (the second goes on with the same words)."""
        between = self.text[a.end:b.start]
        if "\n" in between:
            return False
        between = between.rstrip()
        toks = [t for t in self.doc[self._token_at(a.end):self._token_at(b.start)] if not t.is_space]
        return (
            a.end <= verb.idx < b.start
            and between.endswith((",", "."))
            and _words(between) <= ATTRIBUTION_WORDS
            and not any(t.text in (".", "!", "?", ";") for t in toks[:-1])  # token-wise: "said Mr. Rhodes." is one
        )

    def _lead_in(self, q: _Marked) -> tuple[Any, _Ref | None]:
        """The attribution before a quote in its sentence (Rusk said: "…" / Rusk called it "…" / Rusk: "…"), or
        in the paragraph before when that ends with a colon (Rusk continued:¶"…")."""
        doc = self.doc
        i = self._token_at(q.start) - 1
        toks: list[Any] = []
        while i >= 0:
            tok = doc[i]
            if tok.is_space and "\n" in tok.text and not toks and self.text[:tok.idx].rstrip().endswith(":"):
                i -= 1
                continue
            if tok.is_space and "\n" in tok.text or tok.text in {".", "!", "?"} or self._in_quote(tok.idx):
                break
            toks.insert(0, tok)
            i -= 1
        words = [t for t in toks if not t.is_space]
        if not words:
            return self._said_before(i)
        colon = words[-1].text == ":"
        if colon and 1 <= len(words) - 1 <= 4 and all(t.text[0].isupper() for t in words[:-1]):
            return words[-1], self._np_ref(words[-2])  # headline style: Rusk: "…"
        if colon and len(words) > 1 and _proper(words[-2]) and not words[-2].text.isupper():
            ref = self._np_ref(words[-2])  # "… - pollster Ana Rusk: "…"", "… surprised Ana Rusk: "…""
            if ref is not None and ref.kind == "person":
                return words[-1], ref
        for t in words:
            if self._according_ref(t) is not None:
                return t, self._according_ref(t)
        inside = [doc[i] for i in range(self._token_at(q.start + 1), self._token_at(q.end - 1))]
        for t in reversed(words):
            if t.pos_ == "VERB" and (
                t.lemma_.lower() in QUOTE_VERBS or colon and self._subject(t) is not None and self._speaks(t)
            ):
                governs = any(t == tok or t in tok.ancestors for tok in inside)
                if governs or colon or len(words) - words.index(t) <= 3:  # Rusk said: "…" / Rusk called it "…"
                    return t, self._subject_ref(t)
        if colon:  # no speech verb: the one person the lead-in names ("Here's Rusk in 1992:", "From Rusk's post:")
            named = {self._expand(_join(_strip_titles([t for t in ent if not t.is_space])))
                     for ent in self.doc.ents if ent.label_ == "PERSON" and words[0].i <= ent.start < words[-1].i}
            named.discard("")
            if len(named) == 1:
                return words[-1], _Ref("person", named.pop())
        return None, None

    def _said_before(self, i: int) -> tuple[Any, _Ref | None]:
        """An attribution that is the sentence before the quote in its paragraph and says nothing itself: 'Sam
        Lau, the party's spokesman, said in a statement. "…"'."""
        if i < 0 or self.doc[i].text not in (".", ":") or self._in_quote(self.doc[i].idx):
            return None, None
        root = self.doc[i].sent.root
        if "\n" in self.text[root.idx:self.doc[i].idx] or root.pos_ != "VERB" or root.lemma_.lower() not in QUOTE_VERBS:
            return None, None
        if any(c.dep_ in ("ccomp", "dobj", "xcomp", "advcl") for c in root.children):
            return None, None  # the sentence carries its own statement ("Lau said the count was right.")
        return root, self._subject_ref(root)

    # -- reported speech

    def _reported(self) -> list[_Item]:
        items: list[_Item] = []
        doc = self.doc
        for tok in doc:
            if self._in_quote(tok.idx):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                item = self._according(tok)
            elif tok.lemma_.lower() in REPORT_VERBS and tok.pos_ == "VERB":
                item = self._said_clause(tok)
            else:
                continue
            if item and not any(it.start < item.end and item.start < it.end for it in items):
                items.append(item)
        return items

    def _said_clause(self, verb: Any) -> _Item | None:
        """The clause a speech verb reports: after it ("X said (that) …") or before it ("…, X said")."""
        if any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "mark" and c.lower_ in ("as", "if", "whether") for c in verb.children
        ):
            return None
        if any(c.dep_ in ("auxpass", "expl", "nsubjpass") for c in verb.children):
            return None  # "it was reported that …": nobody in particular speaks
        subj = self._subject(verb)
        if subj is not None and subj.lower_ in ("i", "we", "you"):
            return None
        ref = self._np_ref(subj) if subj is not None else None
        if ref is None and subj is not None and {subj.lemma_.lower(), subj.lower_} & DOCUMENT_NOUNS:
            return None  # "data suggest that …": a document without a speaker
        sent = verb.sent
        clauses = [c for c in verb.rights if c.dep_ == "ccomp"]
        that = None
        for t in self.doc[verb.i + 1:min(verb.i + 6, sent.end)]:
            if t.pos_ in ("VERB", "AUX") or self._is_mark(t):
                break
            if t.lower_ == "that" and t.pos_ == "SCONJ":
                that = t
                break
        if clauses and all(any(c.dep_ == "aux" and c.lower_ == "to" for c in cl.children) for cl in clauses):
            return None  # "expects the economy to grow": a forecast, not a reported statement
        if clauses:  # a misparse may split one clause in two ("the budget, to be voted on …, would cut …")
            first, last = min(c.left_edge.i for c in clauses), max(c.right_edge.i for c in clauses)
            toks = [t for t in self.doc[first:last + 1] if not (t.i == first and t.lower_ == "that")]
        elif that is not None:  # the parser missed the clause: take what follows "that"
            toks = list(self.doc[that.i + 1:sent.end])
        elif self._introduces_quote(verb):
            return None  # Rusk said: "…" - the direct quote is what was said
        else:
            left = next((c for c in verb.lefts if c.dep_ == "ccomp"), None)
            comma = self._comma_before(verb, subj)
            if comma is None or (subj is None and left is None):
                return None
            start = sent.start
            if comma == sent.start and not self.doc[comma - 1].is_space:
                start = self.doc[comma - 1].sent.start  # the parser ended the sentence before ", X said"
            toks = [t for t in left.subtree if t.i < comma] if left is not None else list(self.doc[start:comma])
            words = [t for t in toks if not t.is_punct and not t.is_space]
            if not words or words[0].tag_ in ("VBN", "VBG") or not any(t.pos_ in ("VERB", "AUX") for t in words):
                return None  # "Asked whether …, Lund said" is no statement
        span = self._span(toks)
        if span is None:
            return None
        return _Item(span[0], span[1], self.text[span[0]:span[1]], False, ref)

    def _introduces_quote(self, verb: Any) -> bool:
        """True when a quote follows the verb's attribution: 'Lund said: "…"', 'said Lund, "…"'."""
        for tok in self.doc[verb.i + 1:verb.i + 8]:
            if self._is_mark(tok):
                return True
            if tok.is_space or tok.text in (".", "!", "?", ";"):
                return False
        return False

    def _comma_before(self, verb: Any, subj: Any) -> int | None:
        """Index of the comma that ends the reported words before an attribution ("…, the council said")."""
        first = min(verb.i, subj.i) if subj is not None else verb.i
        i = first - 1
        while i >= verb.sent.start and i > 0:
            tok = self.doc[i]
            if tok.text == ",":
                return i
            if tok.pos_ in ("VERB", "AUX") or self._is_mark(tok):
                return None
            i -= 1
        return None

    def _according_pobj(self, tok: Any) -> Any:
        """X in "according to X" when ``tok`` is its "according"."""
        if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
            return None
        return next((c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"), None)

    def _according_ref(self, tok: Any) -> _Ref | None:
        """Who speaks in "according to X": X, or whoever stands behind it ("a manifest filed by X")."""
        pobj = self._according_pobj(tok)
        if pobj is None:
            return None
        return self._np_ref(pobj) or (self._owner(pobj) if pobj.pos_ == "NOUN" else None)

    def _according(self, tok: Any) -> _Item | None:
        doc = self.doc
        pobj = self._according_pobj(tok)
        if pobj is None:
            return None
        ref = self._according_ref(tok)
        if ref is None and pobj.lemma_.lower() not in ANONYMOUS_NOUNS:
            return None  # "according to plan", "according to a poll": nobody speaks
        sent = tok.sent
        phrase_end = max(t.i for t in pobj.subtree) + 1
        before = self._span(list(doc[sent.start:tok.i]))
        after = self._span(list(doc[phrase_end:sent.end]))
        follows = doc[phrase_end + 1] if phrase_end + 1 < sent.end and doc[phrase_end].text == "," else None
        goes_on = follows is not None and (follows.pos_ in ("CCONJ", "SCONJ") or follows.lower_ in ("so", "which"))
        if before and any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start:tok.i]) and not goes_on:
            parts = [before]  # "…, according to X, the first …": what follows X describes, it is not said
        else:
            parts = [p for p in (before, after) if p]
        if not parts:
            return None
        text = " ".join(self.text[s:e] for s, e in parts)
        return _Item(parts[0][0], parts[-1][1], text, False, ref)

    def _span(self, toks: list[Any]) -> tuple[int, int] | None:
        """Character range of reported words, trimmed of edge punctuation, a dateline and a trailing direct
        quote ("…to the table "at any time""); None when too short or when a quote carries the words."""
        toks = [t for t in toks if not t.is_space]
        cut = next((n for n, t in enumerate(toks) if self._in_quote(t.idx)), None)
        if cut is not None:
            if cut == 0 or toks[cut - 1].pos_ in ("VERB", "AUX", "DET", "ADP", "PART", "CCONJ", "SCONJ", "PRON"):
                # the quote is what was said ("had struck "…""): keep only a complete clause before it
                cut = max((n for n, t in enumerate(toks[:cut]) if t.dep_ == "cc" and t.head.i < t.i), default=0)
                if cut < 3:
                    return None
            toks = toks[:cut]
            comma = max((n for n, t in enumerate(toks) if t.text == ","), default=None)
            if comma is not None and comma + 1 < len(toks) and toks[comma + 1].tag_ == "VBG":
                toks = toks[:comma]  # "…, calling the conference" leads into the quote
        while toks and (toks[0].is_punct or toks[0].lower_ in ("and", "but")):
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if len(toks) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        dateline = dateline_at(self.text, start, end)
        if dateline:
            start = dateline.end
        if self._overlaps_quote(start, end) or "\n" in self.text[start:end]:
            return None
        return start, end

    # -- subjects and names

    def _subject(self, verb: Any) -> Any:
        if verb.i in self.named_before:
            return self.named_before[verb.i]
        subj = self._nsubj(verb)
        head = verb
        for _ in range(3):  # "…, adding that …", "Halm was quoted as saying …"
            if subj is not None or head.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "pobj", "prep"):
                break
            head = head.head
            subj = self._nsubj(head) if head.pos_ in ("VERB", "AUX") else None
            if subj is None and (head.lemma_ == "quote" or verb.dep_ == "conj"):  # "X was joined … and joked"
                subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        before = verb.i - 1
        if before > 0 and self.doc[before].text == ")":  # "Paul Ryan (R-WI) said"
            before = next((t.i - 1 for t in reversed(self.doc[max(0, before - 6):before]) if t.text == "("), before)
        elif before > 0 and self.doc[before].text == ",":  # "…, her adviser, Jake Sullivan, said"
            before -= 1
        if subj is None and before >= 0 and _proper(self.doc[before]) and not self._in_quote(self.doc[before].idx):
            return self.doc[before]  # a misparsed "…, the bank's director Henrik Salm said"
        if subj is None and verb.lemma_.lower() not in _NOT_INVERTED:
            for c in verb.rights:  # inverted: said Rusk / said the minister
                if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "dative") and c.pos_ in ("PROPN", "PRON", "NOUN") \
                        and c.ent_type_ not in ("DATE", "TIME") and not self._in_quote(c.idx):
                    return c
            nxt = verb.i + 1
            if nxt < len(self.doc) and self.doc[nxt].pos_ in ("PROPN", "PRON"):
                return self.doc[nxt]
        return subj

    def _nsubj(self, verb: Any) -> Any:
        return next((c for c in verb.children if c.dep_ == "nsubj" and not self._in_quote(c.idx)), None)

    def _subject_ref(self, verb: Any) -> _Ref | None:
        subj = self._subject(verb)
        return self._np_ref(subj) if subj is not None else None

    def _np_ref(self, tok: Any) -> _Ref | None:
        """What a noun phrase headed by ``tok`` refers to, before resolution; it looks back from ``tok``."""
        ref = self._np_ref_at(tok)
        if ref is not None and ref.at < 0:
            ref.at = tok.idx
        return ref

    def _np_ref_at(self, tok: Any) -> _Ref | None:
        if tok.pos_ == "PRON":
            if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
                return self._np_ref(tok.head.head)  # "the Chamber of Commerce, which said …"
            return _Ref("pronoun", tok.lower_)
        appos = next((c for c in tok.children if c.dep_ == "appos" and _proper(c)), None)
        titled = tok.lower_ in TITLES or tok.lemma_.lower() in ROLE_NOUNS
        if _proper(tok) and not (titled and appos is not None):
            return self._proper_ref(tok)
        if appos is not None:  # "the rail operator Kessmark Railways", "A KR spokesman, Anders Pohl,"
            return self._proper_ref(appos)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = tok.lemma_.lower()
        det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")
                    or c.dep_ == "nummod" and c.lower_ == "one"), None)  # "one district leader" is anyone
        if lemma in DOCUMENT_NOUNS:
            return self._document_ref(tok)
        definite = det in ("the", "this", "that")
        if tok.tag_ in ("NN", "NNP") and (
            lemma in ROLE_NOUNS and det not in ("a", "an", "another", "one", "some")
            or lemma in ANONYMOUS_NOUNS and definite  # "the source": the one the article spoke of before
        ):
            words = {t.lower_ for t in tok.lefts if t.dep_ in ("compound", "amod")} | {lemma}
            return _Ref("role", lemma, frozenset(words), phrase=self._description(tok))
        if lemma in ROLE_NOUNS or lemma in ANONYMOUS_NOUNS:
            return self._owner(tok, anonymous=True)  # "a spokesman for the ministry", "union officials"
        words = frozenset(re.findall(r"\w+", self._np_text(tok).lower()))
        if lemma in ORG_NOUNS:
            return _Ref("org", self._np_text(tok), words)
        if det == "the" and tok.tag_ == "NN":  # "the cooperative": only if the article named one before
            return _Ref("described", self._np_text(tok), words)
        return None

    def _description(self, tok: Any) -> str:
        """A role noun phrase as written, up to its noun: "the prime minister's spokesman", "the source"."""
        toks = [t for t in tok.subtree if t.i <= tok.i and not t.is_space and t.dep_ not in ("punct", "appos")]
        text = _join(toks)
        return text[:1].lower() + text[1:] if toks and toks[0].dep_ == "det" else text

    def _described_before(self, lemma: str, pos: int) -> bool:
        """True when the article spoke of someone by this role noun before ``pos`` without naming them ("the
        prime minister's spokesman said …", then "the spokesman said"): that unnamed person is meant again."""
        for t in self.doc[:self._token_at(pos)]:
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or self._in_quote(t.idx):
                continue
            if t.head.ent_type_ == "PERSON" or any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON"
                                                   for c in t.children):
                continue  # "Trump spokesman Hope Hicks", "the spokesman, Jo Lind,": a named person
            return True
        return False

    def _document_ref(self, tok: Any, again: bool = True) -> _Ref | None:
        """Who speaks through a document: its owner ("the ministry's statement"), whoever the sentence that names
        it makes its author ("Fox News said in a statement", "the campaign sent an email"), or, for "the statement
        said" alone, the author of the statement of that kind the article spoke of last."""
        ref = self._owner(tok)
        if ref is not None:
            return ref
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and tok.dep_ not in ("nsubj", "nsubjpass") and verb.lemma_.lower() in _AUTHOR_VERBS:
            subj = self._subject(verb)
            ref = self._np_ref(subj) if subj is not None and subj.i != tok.i else None
            if ref is not None and ref.kind in ("person", "name", "org", "pronoun"):
                return ref
        if again and tok.dep_ in ("nsubj", "nsubjpass") and any(c.lower_ == "the" for c in tok.children):
            lemma = tok.lemma_.lower()
            earlier = [t for t in self.doc[:tok.i] if t.lemma_.lower() == lemma and not self._in_quote(t.idx)]
            if earlier:
                return self._document_ref(earlier[-1], again=False)
        return None

    def _document_before(self, pos: int) -> _Ref | None:
        """The author of the document "it" at ``pos`` most likely is ("The memo was sent Friday. "…," it
        stated."): a document named in this or the previous paragraph after any organisation."""
        line = self._line_of(pos)
        last_org = max((at for at, _name, _words in self.orgs if at < pos), default=-1)
        for t in reversed(self.doc[:self._token_at(pos)]):
            if self._line_of(t.idx) < line - 1 or t.idx <= last_org:
                return None
            if t.lemma_.lower() in DOCUMENT_NOUNS and t.pos_ == "NOUN" and not self._in_quote(t.idx):
                return self._document_ref(t)
        return None

    def _owner(self, tok: Any, anonymous: bool = False) -> _Ref | None:
        """Who stands behind a document or an unnamed speaker: "the ministry's statement", "CPA calculations",
        "figures published by the Defence Ministry", "a spokeswoman for the council", "union officials"."""
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "nmod") and c.i < tok.i and c.pos_ in ("PROPN", "NOUN"):
                ref = self._np_ref(c)
                if ref is not None and ref.kind != "role":
                    return ref
        for t in tok.subtree:
            if t.i > tok.i and (t.dep_ == "pobj" and t.head.lower_ in ("for", "at", "of", "from", "by")):
                ref = self._np_ref(t)
                if ref is not None and ref.kind in (("org", "name") if anonymous else ("org", "name", "person")):
                    return ref
        return None

    def _proper_ref(self, tok: Any) -> _Ref | None:
        toks = self._proper_name(tok)
        if not toks:
            return None
        text = _join(toks)
        names = _strip_titles(toks)
        person_text = _join(names) if names else ""
        described = _descriptor(toks[0])
        words = frozenset(w.lower() for w in re.findall(r"\w+", text)) | described
        if _org_described(toks[0]):
            return _Ref("org", text, words)
        if person_text and (self._expand(person_text) in self.people or tok.ent_type_ == "PERSON"):
            return _Ref("person", person_text)
        if any(t.ent_type_ in ("ORG", "GPE", "FAC", "NORP") for t in toks) or any(t.text in ORG_WORDS for t in toks):
            return _Ref("org", text, words)
        if person_text and len(names) < len(toks) and len(names) >= 2:
            return _Ref("person", person_text)  # a title before two names: "Colonel Ivo Sarn"
        return _Ref("name", person_text or text)

    def _proper_name(self, tok: Any) -> list[Any]:
        """The capitalised run ending at ``tok`` inside its noun phrase, plus "of/for X" ("Chamber of
        Commerce"), without a leading article or a parenthesised acronym."""
        doc = self.doc
        toks = [tok]
        i = tok.i - 1
        while i >= tok.left_edge.i:
            t = doc[i]
            if t.text in ("(", ")", ",", ";", ":") or t.is_space:
                break
            if not (t.text[:1].isupper() or t.text in _NAME_GLUE or t.lower_ in _NAME_PARTICLES):
                break
            toks.insert(0, t)
            i -= 1
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for") and prep.i == toks[-1].i + 1:
                tail = list(prep.subtree)
                glue = ("of", "for", "and", "the", "&")
                if all(t.text[:1].isupper() or t.lower_ in glue for t in tail[1:]) and tail[-1].text[:1].isupper():
                    toks += tail
        while toks and (toks[0].text in _NAME_GLUE or toks[0].lower_ in ("the", "a", "an", "of", "for", "and")):
            toks = toks[1:]
        return toks

    def _np_text(self, tok: Any) -> str:
        """A lower-case organisation noun phrase as written, without article: "Kessmark civil protection agency"."""
        toks = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct", "appos")
                and not (t.dep_ == "poss" and t.pos_ == "PRON") and not t.is_space]
        toks = [t for t in toks if t.head.dep_ != "appos" or t.head.i > tok.i]
        return _join(toks, owners=True)

    # -- speaker resolution, in text order

    def _collect_orgs(self) -> None:
        roots = [ent.root for ent in self.doc.ents if ent.label_ in ("ORG", "GPE")]
        roots += [t for t in self.doc if _proper(t) and (
            t.dep_ in ("nsubj", "appos") and not t.ent_type_ or _org_described(t))]
        for root in sorted(set(roots), key=lambda t: t.i):
            if not self._in_quote(root.idx):
                ref = self._proper_ref(root)
                if ref is not None and ref.kind in ("org", "name"):
                    words = set(ref.words) | {w.lower() for w in re.findall(r"\w+", ref.text)}
                    head = root.head if root.dep_ in ("appos", "compound") else None
                    describer = head if head is not None and head.pos_ == "NOUN" else None
                    for c in root.children:
                        if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN":
                            describer = c
                    if describer is not None:  # "the consumer group FairBasket", "Agrovel, the farmers' union"
                        words |= {t.lower_ for t in describer.subtree if t.is_alpha}
                    words |= {t.lower_ for t in self.doc[root.left_edge.i:root.i] if t.is_alpha and t.text.islower()}
                    self.orgs.append((root.idx, ref.text, words))

    def _resolve(self, items: list[_Item]) -> None:
        last_thing: str | None = None  # the last organisation (or other non-person) that spoke
        thing_spoke_last = False  # … and no person spoke after it
        prev: _Item | None = None  # the last direct quote
        for n, it in enumerate(items):
            ref = it.ref
            if ref is None and it.direct and self._continues(prev, it, items[:n]):
                it.speaker = prev.speaker
            elif ref is not None:
                it.speaker, kind = self._who(ref, it.start, last_thing, thing_spoke_last)
                if it.speaker is None:
                    pass
                elif kind in ("org", "name"):
                    last_thing, thing_spoke_last = it.speaker, True
                    self.orgs.append((it.start, it.speaker, set(ref.words) | set(it.speaker.lower().split())))
                if it.speaker is not None and kind in ("person", "name"):  # a name of unknown kind that speaks
                    thing_spoke_last = thing_spoke_last and kind == "name"  # is as likely a person "he" means
                    self.mentions.append((it.start, it.speaker, True))
                    self.mentions.sort()
            if it.direct:
                prev = it
        self._attributed_at_end(items)

    def _attributed_at_end(self, items: list[_Item]) -> None:
        """Paragraphs of a quote whose attribution comes only in its last paragraph ("¶"A.¶"B," he said.) take
        that speaker, from the last paragraph back to the first."""
        direct = [it for it in items if it.direct]
        for it, nxt in zip(reversed(direct[:-1]), reversed(direct[1:])):
            if (
                it.speaker is None and not it.attributed and it.whole_line and nxt.speaker is not None
                and nxt.line == it.line + 1 and not self.text[self.lines[nxt.line][0]:nxt.start].strip()
                and not any(it.end <= other.start < nxt.start for other in items)
            ):
                it.speaker = nxt.speaker

    def _thing_before(self, pos: int, last_thing: str | None) -> str | None:
        """What "it" at ``pos`` stands for: the last organisation that spoke, else one named in this or the
        previous paragraph."""
        if last_thing is not None:
            return last_thing
        line = self._line_of(pos)
        near = [name for at, name, _words in self.orgs if at < pos and self._line_of(at) >= line - 1]
        return near[-1] if near else None

    def _continues(self, prev: _Item | None, it: _Item, before: list[_Item]) -> bool:
        """A quote without attribution that follows a quote in the same paragraph, or is a paragraph of its own
        right after one, continues that quote's speaker, unless someone else becomes the subject in between (a
        name merely mentioned there, "…," she said, adding that Trump's campaign …, does not break it)."""
        if prev is None or prev.speaker is None or it.attributed:
            return False
        if not (prev.line == it.line or (it.whole_line and prev.line == it.line - 1)):
            return False
        if any(o.start >= prev.end and o.speaker not in (None, prev.speaker) for o in before):
            return False
        return not any(
            prev.end <= at < it.start and name != prev.speaker and subj for at, name, subj in self.mentions
        )

    def _antecedent(self, gender: str | None, pos: int, near_only: bool = False, depth: int = 0) -> str | None:
        """The person "he"/"she" at ``pos`` refers to: the latest compatible one mentioned before, preferring
        subjects of this or the previous paragraph, then anyone there, then the latest subject, then anyone. A
        ``gender`` of None takes anyone (a speaker described, not named); ``near_only`` looks in the two paragraphs
        only. When the latest subject there is itself "he"/"she" ("In her post, she reminded …"), the pronoun
        means whoever that one means, so the search goes on from it."""
        line = self._line_of(pos)
        compatible = [
            (at, name, subj) for at, name, subj in self.mentions
            if at < pos and (name not in self.people or gender is None or self.people[name].gender in (None, gender))
        ]
        near = [m for m in compatible if self._line_of(m[0]) >= line - 1]
        chain = [
            at for at, said in self.pronoun_subjects if at < pos and said == gender and self._line_of(at) >= line - 1
        ]
        subjects = [m for m in near if m[2]]
        if chain and depth < 5 and (not subjects or chain[-1] > subjects[-1][0]):
            return self._antecedent(gender, chain[-1], near_only, depth + 1)
        groups = [subjects, near] + ([] if near_only else [[m for m in compatible if m[2]], compatible])
        for group in groups:
            if group:
                return group[-1][1]
        return None

    def _who(
        self, ref: _Ref, pos: int, last_thing: str | None, thing_spoke_last: bool
    ) -> tuple[str | None, str | None]:
        # An organisation may be named in the very words it reports ("Nordlink will cut sailings, the company
        # said"); a person referred to by "she" or "the minister" is looked for before the quote.
        org_pos = ref.at if ref.at >= 0 else pos
        pos = min(pos, org_pos)
        if ref.kind in ("person", "name"):
            name = self._expand(ref.text)
            if name in self.people or ref.kind == "person":
                return name, "person"
            return name, "name"
        if ref.kind in ("org", "described"):
            if ref.text[:1].islower():  # "the union" -> the union the article named before
                head = ref.text.split()[-1].lower()
                best, best_score = None, 0
                for at, name, words in self.orgs:
                    if at < org_pos and head in words and len(ref.words & words) >= best_score:
                        best, best_score = name, len(ref.words & words)
                if best is not None:
                    return best, "org"
            if ref.kind == "org":
                return ref.text, "org"
            # a speaker described, not named ("the presumptive nominee wrote"): the person just spoken of
            name = self._antecedent(None, pos, near_only=True)
            return name, "person" if name else None
        if ref.kind == "pronoun":
            if ref.text in ("he", "she"):
                name = self._antecedent("f" if ref.text == "she" else "m", pos)
                return name, "person" if name else None
            if ref.text == "it":
                document = self._document_before(org_pos)
                if document is not None and document.kind != "pronoun":
                    return self._who(document, org_pos, last_thing, thing_spoke_last)
                return self._thing_before(org_pos, last_thing), "org"
            if ref.text == "they" and thing_spoke_last:  # people as often as not: only an organisation that
                return last_thing, "org"  # spoke just before
            return None, None
        if ref.kind == "role":
            earlier = [name for at, name, _subj in self.mentions if at < pos]
            best, best_score = None, 0
            for name in earlier:  # later mentions win ties
                roles = self.people[name].roles if name in self.people else set()
                if ref.text in roles and len(ref.words & roles) >= best_score:
                    best, best_score = name, len(ref.words & roles)
            if best is None and ref.phrase and self._described_before(ref.text, pos):
                return ref.phrase, "description"  # someone the article never names
            if best is None and earlier and ref.text in ROLE_NOUNS:  # "the source" is nobody named before
                best = earlier[-1]
            if best is None and ref.phrase:
                return ref.phrase, "description"
            return best, "person" if best else None
        return None, None


def _descriptor(first: Any) -> set[str]:
    """Lower-case words right before a name that say what it is: "the port operator Dunmere Docks"."""
    words: set[str] = set()
    i = first.i - 1
    while i >= 0 and first.i - i <= 4:
        t = first.doc[i]
        if not t.text.islower() or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            break
        words |= {t.lower_, t.lemma_.lower()}
        i -= 1
    return words


def _org_described(first: Any) -> bool:
    """True when the word right before a name calls it an organisation ("fishing cooperative Sealark");
    "authority spokesman Piet Arnell" is a person."""
    if first.i == 0:
        return False
    t = first.doc[first.i - 1]
    return t.text.islower() and (t.lower_ in ORG_NOUNS or t.lemma_.lower() in ORG_NOUNS)


def _main_clause(subj: Any) -> bool:
    """True for the subject of a sentence's main verb, the person a later "he"/"she" most likely means
    ("Sarandon told MSNBC when asked whether Clinton …" -> Sarandon, not Clinton)."""
    verb = subj.head.head if subj.dep_ == "appos" else subj.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _is_subject(tok: Any) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"))


_COMMON = ROLE_NOUNS | ANONYMOUS_NOUNS | DOCUMENT_NOUNS | ORG_NOUNS
# Verbs whose subject is the author of the document they take ("said in a statement", "sent an email")
_AUTHOR_VERBS = QUOTE_VERBS | {"send", "issue", "release", "publish", "sign", "file", "email"}
_NOT_INVERTED = frozenset("tell call describe dub brand label term dismiss accuse urge".split())
_NAME_GLUE = ("'s", "’s", "'", "’", "&", "-")


def _proper(tok: Any) -> bool:
    """A capitalised name word: a proper noun, an entity, or a capitalised noun we do not know as common."""
    if not tok.text[:1].isupper():
        return False
    lemma = tok.lemma_.lower()
    known = lemma in _COMMON or tok.lower_ in _COMMON
    if known and (tok.is_sent_start or tok.i == 0 or tok.doc[tok.i - 1].is_space):
        return False  # "Data suggest …", "Police said …" at the start of a sentence
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "FAC"):
        return True
    if tok.pos_ != "NOUN" or known:
        return False
    # a capitalised plural is a group ("Democrats"), unless the article tags that very word a person elsewhere
    # (the tagger's "Sanders remarked" as a plural noun)
    return tok.tag_ in ("NN", "NNP") or not tok.text.endswith("s") or any(
        t.text == tok.text and t.ent_type_ == "PERSON" for t in tok.doc)


def _join(toks: list[Any], owners: bool = False) -> str:
    """Tokens as written (original spacing). With ``owners``, a proper-noun owner loses its 's, so "Kessmark's
    civil protection agency" reads as the name "Kessmark civil protection agency" ("mayor's office" stays)."""
    toks = sorted(toks, key=lambda t: t.i)
    out = ""
    for n, t in enumerate(toks):
        if owners and t.text in ("'s", "’s") and n and toks[n - 1].text[:1].isupper():
            continue
        before = toks[n - 1] if n else None
        spaced = before is not None and (before.whitespace_ or before.i + 1 != t.i or before.text in ("'s", "’s"))
        out += (" " if spaced else "") + t.text
    return _SPACES.sub(" ", out).strip()


def _strip_titles(toks: list[Any]) -> list[Any]:
    """The name at the end of a title-and-name sequence: the longest tail of capitalised words that are no
    title or role ("Former Hewlett-Packard CEO Carly Fiorina" -> "Carly Fiorina")."""
    toks = [t for t in toks if t.text not in ("'s", "’s", "'", "’")]
    out: list[Any] = []
    for t in reversed(toks):
        word = t.text.strip(".")
        if word.lower() in TITLES or word.lower() in ROLE_NOUNS or not word:
            break
        if not word[0].isupper() and word.lower() not in _NAME_PARTICLES and word not in _NAME_GLUE:
            break
        out.insert(0, t)
    while out and out[0].text in _NAME_GLUE:
        out = out[1:]
    while out and out[0].lower_ in _NAME_PARTICLES:
        out = out[1:]
    return out


def _role_words(first: Any, last: Any) -> set[str]:
    """Role words written next to a name running from token ``first`` to ``last``: before it ("Energy
    Minister Ruta Kalm", "trade union leader …") or as an apposition after it ("Ruta Kalm, the energy minister,").
    Read off the words, not the parse, which often gets these noun piles wrong."""
    doc, words = first.doc, set()
    i = first.i - 1
    while i >= 0 and first.i - i <= 5:
        t = doc[i]
        if t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.ent_type_ in ("PERSON", "DATE") or t.is_space:
            break
        words.add(t.lower_)
        i -= 1
    i = last.i + 1
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].pos_ in ("DET", "NOUN", "ADJ", "PROPN"):
        for t in doc[i + 1:i + 10]:
            if t.text in (",", ".", ";", "(", ")") or t.pos_ in ("VERB", "AUX") or t.is_space:
                break
            if t.pos_ in ("NOUN", "PROPN", "ADJ"):
                words.add(t.lower_)
    return words

