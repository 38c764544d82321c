"""The entities of a story: each article's entities merged across articles, with one canonical name.

Articles spell names differently (Zelenskiy, Zelensky, Zelenskyy; Oleksandr and Olexandr), shorten them
(a surname alone, an acronym) and mislabel them (a person's name tagged as an organisation). Merging is
deliberately conservative where a wrong merge would hurt: two people with the same surname but different first
names stay apart, and a surname alone joins a full name only when one person in the story has that surname.
A capital that stood for its government in one article ("Kyiv said" -> Ukraine) does not pull the city
("in Kyiv") into the country elsewhere: only aliases that are forms of the name itself drive merges.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from difflib import SequenceMatcher
from itertools import combinations

from ..analyze.entities import normalise
from ..analyze.mentions import (
    acronym_letters,
    best_label,
    gazetteer,
    initials,
    is_acronym,
    is_full_name,
    most_common_role,
)
from ..model import Entity, StoryEntity

# Similarity (difflib ratio of spelling keys) above which two spellings are one name. Kept strict: a surname
# also needs compatible first names, and other names need the same kind of entity.
SURNAME_SIMILARITY = 0.85
FIRST_NAME_SIMILARITY = 0.8
NAME_SIMILARITY = 0.9
MIN_FUZZY_LENGTH = 5  # shorter names must have equal spelling keys

_FAMILIES = {"GPE": "place", "LOC": "place", "FAC": "place"}
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "œ": "oe", "ı": "i"})
# Transliteration variants of the same sound, applied after diacritics are dropped.
_VARIANTS = (("ks", "x"), ("ph", "f"), ("w", "v"), ("y", "i"), ("j", "i"))
_DOUBLE = re.compile(r"(.)\1+")


def spelling_key(word: str) -> str:
    """A word reduced so transliteration variants meet: "Zelenskyy" and "Zelenskiy" -> "zelenski"."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    text = "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
    for a, b in _VARIANTS:
        text = text.replace(a, b)
    return _DOUBLE.sub(r"\1", text)


def _similar(a: str, b: str, threshold: float) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH or a[:1] != b[:1]:
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and (
        matcher.ratio() >= threshold)


def _person_parts(name: str) -> tuple[str | None, str]:
    """(first name or None, surname) as spelling keys."""
    words = [w for w in name.split() if w.casefold().rstrip(".") not in _NAME_SUFFIXES] or name.split()
    surname = spelling_key(words[-1])
    return (spelling_key(words[0]) if len(words) > 1 else None), surname


def _first_names_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= FIRST_NAME_SIMILARITY


def same_person(a: str, b: str) -> bool:
    """Two full names of one person: similar surnames and compatible first names (or initials)."""
    first_a, last_a = _person_parts(a)
    first_b, last_b = _person_parts(b)
    return _similar(last_a, last_b, SURNAME_SIMILARITY) and _first_names_compatible(first_a, first_b)


def _name_key(name: str) -> str:
    return " ".join(spelling_key(w) for w in normalise(name).split())


def _is_form_of(alias: str, name: str) -> bool:
    """An alias that is a form of the name itself (acronym, part, spelling), not a stand-in like a capital."""
    if alias.casefold().startswith("the "):
        return False  # "the authority": which authority depends on the article
    if is_acronym(alias):
        return acronym_letters(alias) in initials(name.split())
    alias_words, name_words = set(normalise(alias).split()), set(normalise(name).split())
    return alias_words <= name_words or _similar(_name_key(alias), _name_key(name), NAME_SIMILARITY)


class _Clusters:
    """Union-find over the per-article entities, refusing merges that would put two people in one."""

    def __init__(self, size: int, people: list[str | None]) -> None:
        self.parent = list(range(size))
        self.members = {i: [i] for i in range(size)}
        self.people = {i: ({name} if name else set()) for i, name in enumerate(people)}  # distinct full names

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = sorted((self.find(i), self.find(j)))
        if a == b:
            return True
        if not all(same_person(x, y) for x in self.people[a] for y in self.people[b]):
            return False
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))
        self.people[a] |= self.people.pop(b)
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(m) for _, m in sorted(self.members.items())]


def _pairs(items: list[int], bucket: Callable[[int], str]) -> Iterator[tuple[int, int]]:
    """Pairs of items in the same bucket (names whose keys start alike), instead of all pairs."""
    buckets: dict[str, list[int]] = {}
    for i in items:
        buckets.setdefault(bucket(i), []).append(i)
    for members in buckets.values():
        yield from combinations(members, 2)


def _merge(entities: list[Entity]) -> list[list[int]]:
    people = [e.name if e.type == "PERSON" and is_full_name(e.name) else None for e in entities]
    clusters = _Clusters(len(entities), people)
    # 1. The same name: one representative per (name, person or not) carries the rest.
    reps: dict[tuple[str, bool], int] = {}
    for i, e in enumerate(entities):
        clusters.union(i, reps.setdefault((normalise(e.name), e.type == "PERSON"), i))
    for (key, is_person), i in reps.items():
        if is_person and len(key.split()) > 1 and (key, False) in reps:  # one full name spaCy also mislabelled
            clusters.union(i, reps[(key, False)])
    people_reps = [i for (key, is_person), i in reps.items() if is_person and people[i]]
    other_reps = [i for (key, is_person), i in reps.items() if not is_person and not is_acronym(entities[i].name)]
    # 2. A non-person's own forms (an acronym, a spelling) used as another article's name, or shared as an alias.
    shared: dict[str, int] = {}
    for i, e in enumerate(entities):
        if e.type == "PERSON":
            continue
        for alias in e.aliases:
            if _is_form_of(alias, e.name):
                if (normalise(alias), False) in reps:
                    clusters.union(i, reps[(normalise(alias), False)])
                if is_acronym(alias):
                    clusters.union(i, shared.setdefault(acronym_letters(alias), i))
    # 3. Spelling variants of full person names.
    for i, j in _pairs(people_reps, lambda i: _person_parts(entities[i].name)[1][:1]):
        if same_person(entities[i].name, entities[j].name):
            clusters.union(i, j)
    # 4. Spelling variants of other names, within one kind of entity.
    keys = {i: _name_key(entities[i].name) for i in other_reps}
    family = {i: _FAMILIES.get(entities[i].type, entities[i].type) for i in other_reps}
    for i, j in _pairs(other_reps, lambda i: f"{family[i]}:{keys[i][:1]}"):
        if family[i] == family[j] and _similar(keys[i], keys[j], NAME_SIMILARITY):
            clusters.union(i, j)
    # 5. A generic form spaCy took for a name ("hydrological institute") joins the one name it ends.
    proper = [i for i in other_reps if entities[i].name[:1].isupper()]
    for i in other_reps:
        words = entities[i].name.casefold().split()
        if len(words) > 1 and entities[i].name[:1].islower():
            roots = {clusters.find(j) for j in proper if entities[j].name.casefold().split()[-len(words):] == words}
            if len(roots) == 1:
                clusters.union(i, roots.pop())
    # 6. A bare acronym joins the one organisation whose initials it spells.
    spelled: dict[str, set[int]] = {}
    for j in other_reps:
        for letters in initials(entities[j].name.split()):
            spelled.setdefault(letters, set()).add(j)
    for (key, is_person), i in reps.items():
        if not is_person and is_acronym(entities[i].name):
            roots = {clusters.find(j) for j in spelled.get(acronym_letters(entities[i].name), ())}
            if len(roots) == 1:
                clusters.union(i, roots.pop())
    # 7. A surname alone joins the one person in the story with that surname; spelled the same, it does so
    # even when spaCy took it for an organisation or a place (but not a known country or capital).
    surnames: dict[str, list[int]] = {}
    for j in people_reps:
        surnames.setdefault(_person_parts(entities[j].name)[1], []).append(j)
    known = gazetteer()
    for (key, is_person), i in reps.items():
        name = entities[i].name
        if len(name.split()) != 1 or is_acronym(name) or (not is_person and known.lookup(name)):
            continue
        surname = _person_parts(name)[1]
        if is_person:
            matches = [j for s, js in surnames.items() if _similar(s, surname, SURNAME_SIMILARITY) for j in js]
        else:
            matches = surnames.get(surname, [])
        roots = {clusters.find(j) for j in matches}
        if len(roots) == 1:
            clusters.union(i, roots.pop())
    return clusters.groups()


def _canonical(members: list[Entity]) -> str:
    """The most frequent full form; ties go to the longest, then the first seen."""
    names = [e.name for e in members]
    person = any(e.type == "PERSON" for e in members)
    full = [n for n in names if (is_full_name(n) if person else not is_acronym(n))] or names
    counts = Counter(full)
    first = {n: k for k, n in reversed(list(enumerate(full)))}
    return min(counts, key=lambda n: (-counts[n], -len(n), first[n]))


def _type(members: list[Entity]) -> str:
    if any(e.type == "PERSON" and is_full_name(e.name) for e in members):
        return "PERSON"
    return best_label(Counter(e.type for e in members))


def story_entities(per_article: Mapping[str, Iterable[Entity]]) -> list[StoryEntity]:
    """Merge the entities of a story's articles (article id -> entities of that article).

    Sorted by the number of articles naming the entity (most first), then by name.
    """
    records = [(article_id, e) for article_id in sorted(per_article) for e in per_article[article_id]]
    out = []
    for group in _merge([e for _, e in records]):
        members = [records[i][1] for i in group]
        name = _canonical(members)
        forms = {f for e in members for f in (e.name, *e.aliases)}
        aliases = sorted((f for f in forms if f.casefold() != name.casefold()), key=lambda f: (f.casefold(), f))
        role = most_common_role(e.role for e in members if e.role)
        article_ids = sorted({records[i][0] for i in group})
        out.append(StoryEntity(name, _type(members), aliases, role, article_ids))
    out.sort(key=lambda e: (-len(e.article_ids), e.name.casefold(), e.name))
    return out


def canonical_names(entities: Iterable[StoryEntity]) -> dict[str, str]:
    """Casefolded name or alias -> canonical name, for steps that meet names in text (quote speakers).

    A story entity's own name wins over another's alias; an alias shared by two entities (a surname of two
    people) maps to neither.
    """
    out: dict[str, str] = {}
    claimed: dict[str, set[str]] = {}
    entities = list(entities)
    for e in entities:
        for key in _lookup_keys(e.name):
            out.setdefault(key, e.name)
    for e in entities:
        for alias in e.aliases:
            for key in _lookup_keys(alias):
                claimed.setdefault(key, set()).add(e.name)
    for key, names in claimed.items():
        if key not in out and len(names) == 1:
            out[key] = next(iter(names))
    return out


def _lookup_keys(name: str) -> set[str]:
    """The keys a name is met by in text: casefolded with either apostrophe ("Veldoria's" and "Veldoria’s"
    are one name typed two ways), and normalised."""
    folded = name.casefold()
    return {folded, folded.replace("’", "'"), folded.replace("'", "’"), normalise(name)}
