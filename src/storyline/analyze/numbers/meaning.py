"""What a number counts or measures and whose figure it is, from spaCy's dependency parse."""

from __future__ import annotations

import re
from typing import Any

from .candidates import _Number
from .vocabulary import PRONOUNS, TIME_NOUNS, TIME_UNITS


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _phrase(tokens: list[Any]) -> str:
    """The tokens' text in document order; gaps (an auxiliary, an adverb) become one space."""
    out, last = [], None
    for t in sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i):
        if last is not None:
            out.append(" " if t.i != last.i + 1 else last.whitespace_)
        out.append(t.text)
        last = t
    return "".join(out)


def _verb_phrase(verb: Any, after: int, exclude: set[int], max_tokens: int = 8) -> list[Any]:
    """The verb with its particle and the short objects/prepositional phrases after position ``after``."""
    out = [verb]
    for child in verb.rights:
        if child.dep_ == "prt":
            out.append(child)
        elif child.i <= after or child.i in exclude:
            continue
        elif child.dep_ in ("prep", "xcomp", "dobj", "agent", "advmod", "npadvmod", "oprd", "dative", "acomp"):
            sub = list(child.subtree)
            if len(out) + len(sub) > max_tokens or any(t.i in exclude or t.tag_ == "CD" or t.is_punct for t in sub):
                break
            out.extend(sub)
        elif child.dep_ in ("punct", "cc", "conj", "ccomp", "advcl"):
            break
    return out


def _noun_left(noun: Any, exclude: set[int] = frozenset(), through: set[int] = frozenset()) -> list[Any]:
    """The noun with the compounds and adjectives right before it, each with its own modifiers: "attack drones",
    "FA Cup finals", "first-team players"; tokens in ``through`` (the number itself: "the top three seeds") are
    stepped over, not included."""
    left: list[Any] = []
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.i in through and child.i == start - 1:
            start = child.i
            continue
        if child.i in exclude or child.dep_ not in ("compound", "amod", "nmod"):
            break
        sub = list(child.subtree)
        if sub[-1].i != start - 1 or any(t.i in exclude or t.i in through or t.tag_ == "CD" for t in sub):
            break
        left = sub + left
        start = sub[0].i
    return _hyphen_joined(left + [noun], exclude | through)


def _hyphen_joined(tokens: list[Any], exclude: set[int]) -> list[Any]:
    """The tokens with the words hyphen-joined to their ends, which the parser may split into separate nouns
    ("Ben-Moshe", "Nanai-Williams")."""
    doc, first, last = tokens[0].doc, tokens[0].i, tokens[-1].i
    while (last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_
           and not doc[last + 1].whitespace_ and doc[last + 2].is_alpha and last + 2 not in exclude):
        last += 2
    while (first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_
           and not doc[first - 2].whitespace_ and doc[first - 2].is_alpha and first - 2 not in exclude):
        first -= 2
    return [*doc[first:tokens[0].i], *tokens, *doc[tokens[-1].i + 1:last + 1]]


RATE_PERIODS = {"second", "minute", "hour", "day", "night", "week", "month", "quarter", "year", "season"}


def _noun_name(noun: Any, own: set[int]) -> str:
    """The counted noun with its modifiers, lower case, without conjunctions: "european country", "first-team
    player", "kia hyundai vehicle"; nouns and adjectives as lemmas (when the pipeline has a lemmatizer), without
    participles, which say what happened to the things counted, not what they are ("300 recorded songs" -> "song")."""
    *left, noun = _noun_left(noun, through=own)
    if noun.dep_ == "conj" and noun.head.pos_ == "ADJ" and noun.head.i < noun.i:
        left = [noun.head, *left]  # "digital and physical sales" -> "digital physical sale"
    name = noun.lemma_ or noun.text
    compound = noun
    while compound.dep_ == "compound" and compound.head.i > compound.i and compound.head.pos_ == "NOUN" and all(
            t.dep_ == "compound" and t.head.i == compound.head.i for t in noun.doc[compound.i + 1:compound.head.i]):
        compound = compound.head  # "an 11 member trade agreement": the count is part of the whole noun
    if compound is not noun:
        left, name = [*left, noun, *noun.doc[noun.i + 1:compound.i]], compound.lemma_ or compound.text
    if noun.tag_ == "NNPS" and name == noun.text and name.endswith("s"):
        name = name[:-1]  # the lemmatizer keeps proper plurals: "World Cups"
    words = "".join(((t.lemma_ or t.text) if t.tag_.startswith(("NN", "JJ")) else t.text) + t.whitespace_
                    for t in left if t.tag_ not in ("CC", "DT", "VBN", "VBG") and (t.is_alpha or t.text == "-"))
    doc = noun.doc
    if noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ in ("per", "a", "an", "each") and (
            doc[noun.i + 2].lower_ in RATE_PERIODS):
        name += " per " + doc[noun.i + 2].lower_  # "3,000 tests per day" count something else than "3,000 tests"
    return re.sub(r"\s+", " ", words + name).lower()


def _noun_phrase(noun: Any, exclude: set[int], anchor: Any = None, max_right: int = 8) -> str:
    """What a counted noun stands for: its left modifiers, then a short participle, relative clause or
    prepositional phrase; without one, the verb it is the subject or object of ("people killed in the
    strike", "drones launched at Veldoria")."""
    left = _noun_left(noun, exclude)
    for child in noun.rights:
        if child.dep_ in ("acl", "relcl", "prep"):
            sub = list(child.subtree)
            if len(sub) <= max_right and not any(t.i in exclude or t.tag_ == "CD" or t.is_punct for t in sub):
                return _phrase(left + sub)
            break
    anchor = anchor if anchor is not None else noun
    while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN"):
        anchor = anchor.head  # "25 soldiers and three civilians died"
    verb = anchor.head
    if verb.pos_ != "VERB" or verb.i == anchor.i:
        return _phrase(left)
    if anchor.dep_ == "nsubjpass" or (anchor.dep_ == "nsubj" and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP")):
        return _phrase(left) + " " + _phrase(_verb_phrase(verb, verb.i, exclude | {noun.i}))
    if anchor.dep_ == "dobj" and verb.tag_ in ("VBD", "VBN"):
        return _phrase(left) + " " + _phrase(_verb_phrase(verb, noun.i, exclude | {noun.i}))
    return _phrase(left)


def _counted_noun(head: Any, own: set[int], previous_nouns: list[Any]) -> Any:
    """The token the number counts, or None."""
    doc = head.doc
    parent = head.head
    last = max(own)
    if head.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and parent.i not in own:
        if parent.i < head.i and last + 1 < len(doc) and doc[last + 1].tag_ in ("NNS", "NN"):
            return doc[last + 1]  # a misattached number ("on Tuesday 14 people"): the noun after it
        # a measure restated before the noun it describes ("a 1.8 billion-mile (2.8bn km) journey"): the parser
        # may hang the first measure on the second's unit; the noun is the one they both modify
        while (parent.dep_ in ("nmod", "compound", "amod") and parent.head.i > parent.i
               and parent.head.pos_ in ("NOUN", "PROPN")
               and any(c.i not in own and _has_digit(c) for c in parent.children)):
            parent = parent.head
        if parent.pos_ == "ADJ" and parent.i == head.i + 1:
            # "4.3M digital and physical sales": the parser may make the first of two coordinated adjectives the
            # head; the noun is their conjunct
            return next((c for c in parent.rights if c.dep_ == "conj" and c.pos_ == "NOUN"), parent)  # "12 dead"
        if parent.lower_ == "times" and parent.dep_ in ("compound", "nmod", "nummod") and parent.head.pos_ == "NOUN":
            return parent.head  # "1.4 times book value": a multiple of the noun after "times"
        if parent.pos_ in ("NOUN", "PROPN"):
            return parent  # "160 nations", "a 12-mile stretch"
    # "tens of thousands of people", "40 percent of homes", "$4.2 million in aid"
    for child in (c for i in sorted(own) for c in doc[i].rights if c.i not in own):
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "for", "worth"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in PRONOUNS:
                return previous_nouns[-1] if previous_nouns else None  # "100 of them": the last plural counted
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
            return None
    # "paying over $100 million for work that never took place": an amount is about what it pays for, also when
    # the parser hangs the "for" phrase on the verb
    after = doc[last + 1] if last + 1 < len(doc) else None
    if (after is not None and after.lower_ == "for" and after.head.i == head.head.i and head.dep_ == "dobj"
            and any(doc[i].tag_ == "$" for i in own)):
        return next((c for c in after.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return None


def _has_digit(token: Any) -> bool:
    return token.tag_ == "CD" or any(ch.isdigit() for ch in token.text)  # the tagger may call "1.9bn" a name


def _own_tokens(doc: Any, num: _Number, tokens: list[Any]) -> tuple[set[int], Any]:
    """The indices of the number's tokens (with qualifier, currency and unit) and the token heading them."""
    own = {t.i for t in _tokens(doc, num.start, num.end)} | {t.i for t in tokens}
    head = tokens[-1]
    # climb through the number's own tokens and its unit ("12 km", "$4.2 million", "40 percent")
    for _ in range(4):
        if head.head.i != head.i and head.head.i in own:
            head = head.head
        else:
            break
    return own, head


def _describe(doc: Any, num: _Number, previous_nouns: list[Any]) -> tuple[str | None, Any, bool]:
    """(what, counted noun token, keep) for one number: what it counts or measures, with whose it is (the
    clause's subject: "Ford workers in the United Kingdom", "Index"); keep is False for a spelled-out number
    that is not a quantity ("one of the", "no one", "one day")."""
    what, noun, keep = _counted(doc, num, previous_nouns)
    tokens = _tokens(doc, num.core_start, num.core_end)
    if not keep or not tokens or num.age:
        return what, noun, keep
    own, head = _own_tokens(doc, num, tokens)
    anchor = noun if noun is not None and noun.doc is doc and noun.i > head.i else head
    verb = _clause_verb(anchor)
    item = _item_holder(doc, min(own))
    if item is not None and noun is None:
        return item, noun, keep  # the clause around it is another item's ("Talvik Foods by 2.6%")
    parts = [item or _holder(verb, own)]
    if num.unit is not None and verb is not None:  # "boost the range by 35 miles", "sell the set for $30"
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in own and c.pos_ in ("NOUN", "PROPN")),
                   None)
        parts.append(_phrase(_noun_left(obj)) if obj is not None else None)
    # the noun a prepositional phrase around the figure or its counted noun qualifies: "a survey of seven
    # countries", "customers with more than 7.5 million crowns in deposits"
    for inner in dict.fromkeys((anchor, head)):
        outer = inner.head.head
        if inner.dep_ == "pobj" and outer.pos_ in ("NOUN", "PROPN") and outer.i not in own:
            parts.append(_phrase(_noun_left(outer)))
            break
    first = min(own)
    if first >= 2 and doc[first - 1].text == "(" and _is_plain_noun(doc[first - 2]):
        parts.insert(0, _phrase(_noun_left(doc[first - 2])))  # "John Gant (0.5 WAR)": a figure about what it follows
    for part in (p for p in parts if p and not (what and p in what)):
        what = f"{part} {what}" if what else part
    if not what:  # no clause around it ("floor area ≈ 32m2", "Dow +0.2%"): the nearest noun it hangs on or from,
        # else the nearest noun before it in its sentence
        near = next((t for t in [*anchor.ancestors, *anchor.lefts] if _is_plain_noun(t) and t.i not in own),
                    None) or next((t for t in reversed(doc[tokens[0].sent.start:first]) if _is_plain_noun(t)), None)
        what = _phrase(_noun_left(near, own)) if near is not None else None
    return what, noun, keep


def _item_holder(doc: Any, first: int) -> str | None:
    """In a list of figures whose verb is written once ("Ross was down 2.3%, Burlington by 2.6%", "Dow +0.2%"),
    the noun that opens the figure's item: the words back from the number to a comma, colon, semicolon or "and"
    hold a noun and no verb or other figure. In a market report's list ("Unite Group, down 68p at 1112p") the
    item is a name, a comma, then the move and the figures: the name is the holder."""
    item = []
    for t in reversed(doc[doc[first].sent.start:first]):
        if t.text in (",", ";", ":") or t.dep_ == "cc":
            break
        if t.pos_ in ("VERB", "AUX") or t.is_sent_start:
            return None
        item.insert(0, t)
    else:
        return None
    if item and item[0].lower_ in MOVES and item[0].i >= 2 and doc[item[0].i - 1].text == "," and (
            doc[item[0].i - 2].tag_ in ("NNP", "NNPS")):
        return _phrase(_noun_left(doc[item[0].i - 2]))
    if any(t.tag_ == "CD" for t in item):
        return None
    nouns = [t for t in reversed(item) if _is_plain_noun(t)]
    return _phrase(_noun_left(nouns[0])) if nouns else None


# The words of a market report's list saying which way a figure moved ("Unite Group, down 68p")
MOVES = {"up", "down", "off", "higher", "lower", "unchanged", "flat"}


def _is_plain_noun(token: Any) -> bool:
    """A noun that is not itself a measure ("feet" of "47 feet") or a symbol."""
    return token.pos_ in ("NOUN", "PROPN") and token.is_alpha and not any(
        c.tag_ == "CD" for c in token.children) and not (token.i and token.nbor(-1).tag_ == "CD")


# Subjects that name no holder: "who", "there" of "there are 40 boats", "this"
_EMPTY_SUBJECT_TAGS = ("WP", "EX", "DT")


def _clause_verb(anchor: Any) -> Any:
    """The verb of the clause the number or its noun is in, None when that phrase is the clause's subject."""
    node = anchor
    while node.pos_ not in ("VERB", "AUX"):
        if node.dep_ in ("nsubj", "nsubjpass") or node.head.i == node.i:
            return None
        node = node.head
    return node


def _holder(verb: Any, own: set[int]) -> str | None:
    """The subject of the nearest clause from ``verb`` up that has one ("Ford, which has 13000 workers" -> Ford;
    "the index was up 19%" -> index); for "it", "that" or "this" with no noun subject above it, the noun the
    pronoun stands for ("a pizza oven ... until you realise it can hit 500 degrees")."""
    pronoun = None
    for clause in [verb, *verb.ancestors][:4] if verb is not None else ():
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in own), None)
        if subj is None and clause is verb and clause.dep_ == "conj":
            subj = _coordinated_subject(clause, own)
        if subj is not None and subj.tag_ in ("WDT", "WP") and clause.dep_ == "relcl":
            subj = clause.head  # "Ford, which has 13000 workers", "a country that is 90 miles wide"
        if (subj is not None and subj.lower_ in QUANTIFIERS and clause is verb and clause.dep_ == "conj"
                and not any(c.dep_ == "prep" for c in subj.children)):
            # "the debris field stretched for seven miles, but most landed ... 47 feet deep": most of the first
            # clause's subject
            subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), subj)
        if subj is not None and subj.tag_ == "PRP":
            pronoun = pronoun or subj
            if clause.dep_ == "conj" and subj.lower_ in REFERRING:
                break  # "... and it could recover to $1.10": a clause of its own, not one reported by its referent
            continue  # "the company said it has 1000 customers": the pronoun's clause is reported by its referent
        if subj is not None:
            if subj.lower_ in REFERRING and subj.tag_ == "DT":
                pronoun = pronoun or subj  # "that's maybe tens of millions"
                break
            # the tagger may call a subject it does not know an adjective ("OHSU has performed ...") or a verb
            # ("sampling came back at 4 ppb")
            if subj.tag_ in _EMPTY_SUBJECT_TAGS or subj.pos_ not in ("NOUN", "PROPN", "ADJ", "X", "VERB") or (
                    subj.i in own):
                return None
            return _phrase(_noun_left(subj))
    return _antecedent(pronoun) if pronoun is not None and pronoun.lower_ in REFERRING else None


# Quantifiers standing alone as a subject: a part of something named before them
QUANTIFIERS = {"most", "some", "many", "all", "half", "none", "few", "several", "each", "both", "others"}
# Pronouns that stand for one thing named before them
REFERRING = {"it", "that", "this"}


def _antecedent(pronoun: Any) -> str | None:
    """The noun a pronoun stands for: the nearest noun before it in its sentence that is a main clause's subject,
    object or complement ("You can see the pound going to $1 ... and it going back to $1.50" -> pound; a
    relative clause's nouns and prepositional objects are passed over)."""
    for t in reversed(pronoun.doc[pronoun.sent.start:pronoun.i]):
        if (_is_plain_noun(t) and t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")
                and t.head.dep_ not in ("relcl", "acl")):
            return _phrase(_noun_left(t))
    return None


def _coordinated_subject(verb: Any, own: set[int]) -> Any:
    """The subject of a coordinated clause the parser did not attach ("Healthcare dropped 1.6%, while energy,
    last year's worst sector, fell 0.9%"; "... and the voltage across it was 5 volts"): the first noun between
    the conjunction and the verb, None when there is none (the clause shares its first conjunct's subject)."""
    nouns = []
    for t in reversed(verb.doc[verb.head.i + 1:verb.i]):
        if t.dep_ in ("cc", "mark") or t.text == ";":
            return nouns[-1] if nouns else None
        if _is_plain_noun(t) and t.i not in own:
            nouns.append(t)
    return None


def _counted(doc: Any, num: _Number, previous_nouns: list[Any]) -> tuple[str | None, Any, bool]:
    """(what, counted noun token, keep) from the number's own phrase."""
    tokens = _tokens(doc, num.core_start, num.core_end)
    if not tokens:
        return None, None, not num.words
    own, head = _own_tokens(doc, num, tokens)
    if num.age:  # the age of whom: "a 54-year-old fisherman", "Ana Rusk, 54,", "a man aged 54"
        person = next((t for t in head.ancestors if t.pos_ in ("NOUN", "PROPN") and t.i not in own
                       and t.lower_ != "age"), None)  # "players over the age of 21": the players
        age = next((t for t in head.ancestors if t.lower_ == "age"), None)
        if age is not None and age.dep_ == "pobj" and age.head.i >= 1 and age.doc[age.head.i - 1].pos_ in ("NOUN", "PROPN"):
            person = age.doc[age.head.i - 1]  # the parser may hang "over the age of" on the verb: the noun before it
        return (_phrase(_noun_left(person, own)) if person is not None else None), None, True

    if num.words and tokens[0].lower_ == "one" and len(tokens) == 1:
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        prv = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if (nxt is not None and nxt.lower_ in ("of", "another", "by", "or", "way")) or (
            prv is not None and prv.lower_ in ("no", "the", "this", "that", "which", "any", "every", "each")
        ) or head.dep_ != "nummod":
            return None, None, False  # "one" counts only with its noun: "one person", not "they will get one"

    noun = _counted_noun(head, own, previous_nouns)
    if (noun is not None and noun.tag_ == "NNP" and num.unit is None and noun.i > head.i
            and float(num.value if not isinstance(num.value, tuple) else num.value[0]).is_integer()):
        return None, None, False  # "1 Orsk", "5 Joey Logano": a rank or a name, not a count ("0.5 WAR" is)
    if noun is not None:
        if noun.lower_ in TIME_NOUNS and num.words and num.unit is None and num.qualifier == "exact":
            return None, None, False  # "one day", "two times"
        if noun.doc is doc and noun.i < tokens[0].i and any(c.lower_ in PRONOUNS for c in head.subtree):
            what = _phrase(_noun_left(noun))  # antecedent of "them": add what happened to this part
            verb = head.head
            if head.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB":
                what += " " + _phrase(_verb_phrase(verb, verb.i, own, max_tokens=4))
            return what, noun, True
        # "hundreds of people were evacuated": the number, not the noun, is the subject
        via_of = noun.dep_ == "pobj" and noun.head.head.i in own
        return _noun_phrase(noun, own, anchor=head if via_of else None), noun, True

    # the number stands alone: "Nineteen were killed", "the toll rose to 31", "unemployment is 5%"
    keep = not num.words or num.unit is not None or num.qualifier != "exact" or head.dep_ in (
        "nsubj", "nsubjpass", "dobj", "attr")
    verb, subject_role = head.head, head.dep_ in ("nsubj", "nsubjpass")
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        verb = head.head.head
        subject_role = head.head.lower_ == "between" and head.head.head.pos_ == "VERB"
    elif head.dep_ == "prep" and head.lower_ == "between":  # "between 40 and 50 were treated"
        subject_role = verb.pos_ == "VERB"
    elif head.dep_ == "conj" and verb.pos_ == "VERB" and previous_nouns and num.unit is None:
        # "evacuated 870 people ... and more than a hundred from ..."
        action = _phrase([verb] + [t for t in _verb_phrase(verb, head.i, own) if t.i > head.i])
        return _phrase(_noun_left(previous_nouns[-1])) + " " + action, None, keep
    if head.dep_ == "pobj" and head.head.head.pos_ in ("NOUN", "PROPN") and head.head.head.i not in own:
        return _phrase(_noun_left(head.head.head)), None, keep  # "an appeal for $4.2 million", "a rise of 0.9%"
    if verb.pos_ not in ("VERB", "AUX") or verb.i == head.i:
        return None, None, keep
    if head.dep_ == "attr" or (head.dep_ == "pobj" and head.head.lower_ in ("to", "at", "by", "of")):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in own), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return _phrase(_noun_left(subj)), None, keep  # "death toll", "unemployment"
    if subject_role:
        action = _phrase(_verb_phrase(verb, verb.i, own))
        if previous_nouns and num.unit is None:
            return _phrase(_noun_left(previous_nouns[-1])) + " " + action, None, keep  # "people treated in hospital"
        return action, None, keep
    return _clause_what(verb, head, own, num.unit in TIME_UNITS), None, keep


# Verbs whose object or adverbial is a measure of their subject: "the hospital will cost 140 million euros",
# "the crown rose 0.9%", "a debate that lasted seven hours".
MEASURE_VERBS = {
    "cost", "costs", "costing", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen",
    "falling", "grew", "grow", "grows", "grown", "climbed", "climb", "climbs", "dropped", "drop", "drops",
    "increased", "increase", "increases", "decreased", "jumped", "slipped", "gained", "lasted", "last", "lasts",
    "reached", "reach", "reaches", "totalled", "totaled", "total", "totals", "stood", "stands", "stand",
    "shown", "showed", "shows", "measured", "measures", "weighed", "weighs", "worked", "working", "waited",
    "wait", "spent", "spend", "need", "needs", "needed", "require", "requires", "required", "ran", "run", "runs",
    "ended", "continued", "went", "stayed", "stay", "remain", "remained", "lost", "earned", "exceeded",
}


def _clause_what(verb: Any, head: Any, own: set[int], duration: bool) -> str | None:
    """For a measure with no noun of its own: its clause's subject and verb ("hospital will cost" ->
    "hospital cost", "teams working"; for a duration also the object: "crews restored electricity"), or
    "time to X" for "it took six hours to X"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lower_ in ("took", "take", "takes", "taking", "taken"):
        purpose = next((c for c in verb.rights if c.dep_ in ("xcomp", "advcl") and c.i > head.i), None)
        if purpose is not None and len(list(purpose.subtree)) <= 10:
            return "time " + _phrase([t for t in purpose.subtree if not t.is_punct])
    if verb.lower_ not in MEASURE_VERBS and not duration:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in own), None)
    if subj is not None and subj.tag_ == "WDT" and verb.dep_ == "relcl":
        subj = verb.head  # "a debate that lasted nearly seven hours"
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    what = _phrase(_noun_left(subj)) + " " + verb.text
    obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i not in own), None)
    if duration and obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        what += " " + _phrase(_noun_left(obj))
    return what


