"""Small language identifier: writing system first, then the share of each language's common words.

Trafilatura's own detection needs py3langid, which Storyline does not depend on; news text is long enough
for stopword counting to be reliable, and short or unclear text gets ``None`` rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the and of to in a is that for on with was as by at it from he his said are be has have this an were which not but they their will its who been had or more after",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über",
    "fr": "le la les de des et en un une du est que qui dans pour pas au sur par il plus ne ce se sont avec a été son aux elle mais ont cette leur",
    "es": "el la los las de del y en un una que es por con para se no al lo como más su sus pero fue ha este esta entre también sobre",
    "it": "il la le di del della dei che e è in un una per non con si da al alla sono come anche più ma gli nel nella ha dalla questo",
    "pt": "o a os as de do da dos das e em um uma que é para com não no na por se mais ao como mas foi pelo pela seu sua também ser",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door maar om naar dan wordt heeft deze uit nog",
    "sv": "och i att det som en på är av för med till den har de inte om ett var men jag sig från vid så kan eller efter",
    "da": "og i at det som en på er af for med til den har de ikke om et var men jeg sig fra ved så kan eller efter blev",
    "pl": "i w na z się nie do że jest to o jak po co ale od za przez jego dla tak są który tylko już może był",
    "ru": "и в не на что с по как это он из к за от так то но для его же она уже был бы о вы мы они",
    "uk": "і в на що не з та до як це від за він у його але для так вже було був про які їх",
    "tr": "ve bir bu da de için ile olarak çok daha en gibi ama olan kadar sonra her ne var değil mi ise",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena ada oleh saat bisa lebih",
}
STOPWORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
# Scripts that identify a language on their own (letters counted by Unicode range).
_SCRIPTS = [
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
]
# any of those scripts; when it is rare, no language can pass the tests below and each need not be counted
_ANY_SCRIPT = re.compile("[" + "".join(pattern.pattern[1:-1] for _, pattern in _SCRIPTS) + "]")
MIN_WORDS = 8


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short or unclear."""
    sample = text[:20000]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return None
    for lang, pattern in _SCRIPTS if len(_ANY_SCRIPT.findall(sample)) > 0.05 * letters else ():
        # Japanese mixes kana with Han, so kana beats Han; Korean and the others stand alone
        if len(pattern.findall(sample)) > 0.2 * letters or (lang == "ja" and len(pattern.findall(sample)) > 0.05 * letters):
            return lang
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in vocab) / len(words) for lang, vocab in STOPWORDS.items()}
    best, second = sorted(scores.values(), reverse=True)[:2]
    if best < 0.08 or best < 1.3 * second:
        return None
    return max(scores, key=scores.__getitem__)
