"""Validate the fact-layer gold set: format, vocabularies, and that every annotated span occurs in its article.

Usage: python tests/gold/check_gold.py [gold_dir]   (stdlib only; exit status 1 on any problem)
"""
import json
import re
import sys
from pathlib import Path

QUALIFIERS = {"exact", "more_than", "at_least", "about", "over", "up_to", "nearly", "fewer_than", "range"}
STATUSES = {"corroborated", "single_source", "precision_only", "conflicting"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER"}
# Partial ISO dates are allowed: a year, a month, an ISO week or a day.
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u00ab": '"', "\u00bb": '"'})


def normalise(text):
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def occurs(span, article):
    """True if span is in article, or is two parts of it joined by one space (a quote split by 'she said',
    or a quote running over two paragraphs)."""
    span = normalise(span)
    if span in article:
        return True
    return any(span[:i] in article and span[i + 1:] in article for i, c in enumerate(span) if c == " ")


def check_story(story_dir):
    problems = []
    def bad(msg):
        problems.append(f"{story_dir.name}: {msg}")
    try:
        gold = json.loads((story_dir / "gold.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{story_dir.name}: cannot read gold.json ({exc})"]
    for key in ("story", "articles", "entities", "claims"):
        if key not in gold:
            bad(f"missing key {key!r}")
    articles = gold.get("articles", {})
    on_disk = {p.name for p in story_dir.glob("*.txt")}
    if set(articles) != on_disk:
        bad(f"articles in gold.json {sorted(articles)} differ from .txt files {sorted(on_disk)}")
    texts = {}
    for name, art in articles.items():
        where = f"{name}"
        path = story_dir / name
        if not path.exists():
            continue
        texts[name] = article = normalise(path.read_text(encoding="utf-8"))
        for key in ("outlet", "published", "duplicate_of", "quotes", "numbers", "dates"):
            if key not in art:
                bad(f"{where}: missing key {key!r}")
        if art.get("published") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", art["published"]):
            bad(f"{where}: published {art['published']!r} is not YYYY-MM-DD")
        dup = art.get("duplicate_of")
        if dup is not None and (dup not in articles or dup == name):
            bad(f"{where}: duplicate_of {dup!r} is not another article of the story")
        for q in art.get("quotes", []):
            if set(q) != {"text", "speaker", "direct"} or not isinstance(q["direct"], bool):
                bad(f"{where}: malformed quote {q}")
            elif not occurs(q["text"], article):
                bad(f"{where}: quote not found: {q['text']!r}")
        for n in art.get("numbers", []):
            if set(n) != {"text", "value", "qualifier", "unit", "what"}:
                bad(f"{where}: malformed number {n}")
                continue
            if n["qualifier"] not in QUALIFIERS:
                bad(f"{where}: unknown qualifier {n['qualifier']!r}")
            if n["qualifier"] == "range":
                ok = isinstance(n["value"], list) and len(n["value"]) == 2 and n["value"][0] < n["value"][1]
            else:
                ok = isinstance(n["value"], (int, float)) and not isinstance(n["value"], bool)
            if not ok:
                bad(f"{where}: bad value {n['value']!r} for qualifier {n['qualifier']!r}")
            if not n["what"]:
                bad(f"{where}: number {n['text']!r} has no 'what'")
            if normalise(n["text"]) not in article:
                bad(f"{where}: number not found: {n['text']!r}")
        for d in art.get("dates", []):
            if set(d) != {"text", "date"} or not DATE_RE.match(str(d["date"])):
                bad(f"{where}: malformed date {d}")
            elif normalise(d["text"]) not in article:
                bad(f"{where}: date text not found: {d['text']!r}")
    names = set()
    for e in gold.get("entities", []):
        if set(e) != {"name", "type", "aliases", "role"} or e["type"] not in ENTITY_TYPES:
            bad(f"malformed entity {e}")
            continue
        names.add(e["name"])
        mentioned = [m for m in [e["name"], *e["aliases"]] if any(m in t for t in texts.values())]
        if not mentioned:
            bad(f"entity {e['name']!r} is not mentioned in any article")
    for name, art in articles.items():
        for q in art.get("quotes", []):
            if q.get("speaker") not in names:
                bad(f"{name}: speaker {q.get('speaker')!r} is not a canonical entity name")
    for c in gold.get("claims", []):
        if set(c) != {"statement", "status", "values", "date"} or c["status"] not in STATUSES:
            bad(f"malformed claim {c}")
            continue
        if c["date"] is not None and not DATE_RE.match(c["date"]):
            bad(f"claim {c['statement']!r}: bad date {c['date']!r}")
        for name, value in c["values"].items():
            if name not in articles:
                bad(f"claim {c['statement']!r}: unknown article {name!r}")
            elif value not in {n["text"] for n in articles[name].get("numbers", [])}:
                bad(f"claim {c['statement']!r}: {value!r} is not an annotated number of {name}")
        # Independent sources: a wire copy and its original count once.
        sources = {articles[n].get("duplicate_of") or n for n in c["values"] if n in articles}
        if c["status"] == "corroborated" and len(sources) < 2:
            bad(f"claim {c['statement']!r}: corroborated needs >= 2 independent sources, has {len(sources)}")
        if c["status"] == "single_source" and len(sources) != 1:
            bad(f"claim {c['statement']!r}: single_source but has {len(sources)} independent sources")
        if c["status"] in {"precision_only", "conflicting"} and len(sources) < 2:
            bad(f"claim {c['statement']!r}: {c['status']} needs >= 2 independent sources")
    claimed = {(name, value) for c in gold.get("claims", []) for name, value in c.get("values", {}).items()}
    for name, art in articles.items():
        texts_here = [n.get("text") for n in art.get("numbers", [])]
        for text in texts_here:
            if texts_here.count(text) > 1:
                bad(f"{name}: number text {text!r} is annotated twice; claim values could not tell them apart")
            elif (name, text) not in claimed:
                bad(f"{name}: number {text!r} belongs to no claim")
    return problems


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    stories = sorted(p for p in root.iterdir() if (p / "gold.json").exists())
    problems = [msg for story in stories for msg in check_story(story)]
    counts = {"stories": len(stories), "articles": 0, "quotes": 0, "numbers": 0, "dates": 0, "claims": 0}
    for story in stories:
        try:
            gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
        except ValueError:
            continue
        for art in gold.get("articles", {}).values():
            counts["articles"] += 1
            for key in ("quotes", "numbers", "dates"):
                counts[key] += len(art.get(key, []))
        counts["claims"] += len(gold.get("claims", []))
    for msg in problems:
        print("FAIL", msg)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
