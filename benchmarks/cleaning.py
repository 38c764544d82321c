"""Plain-text cleaning benchmark: real article text rendered as a scraped page, with generated noise around it.

Real text: ECB+ documents (``ecbplus/``, CC BY 3.0) and the Scrapinghub ground-truth article bodies
(``extraction-scrapinghub/ground-truth.json``, MIT; titles from each page's ``og:title``/``<title>``), read
from ``$STORYLINE_BENCHMARKS`` (default ``<repo>/../shared/benchmarks``), never copied into the repository.

Each document is rendered with a seeded RNG as the text a user would copy from its web page: menus (with
and without ``|`` separators), utility lines, a masthead, a section label and navigation headlines above the
title, a byline, "Read also" lists, share/cookie/newsletter/comment lines inside and after the body,
copyright and follow-us lines, a footer menu, and sometimes another real document from a different topic
appended at the end. The noise vocabulary is generated here by rules (``NoiseVocabulary``) and kept apart
from the cleaner's lexicons; it comes in two disjoint halves, "A" (tuning) and "B" (held out), so that the
held-out figures do not measure overlap between the two.

Measures: share of noise lines removed, share of story sentences kept, title accuracy, outlet accuracy
(where the rendering carries an outlet signal) and origin (wire agency) accuracy. Documents are split in
halves: ECB+ odd topics and Scrapinghub even positions tune; ECB+ even topics and odd positions are held out.

    .venv/bin/python benchmarks/cleaning.py [--write] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import benchmarks_dir, load as load_ecbplus  # noqa: E402

from storyline.model import Article  # noqa: E402
from storyline.exceptions import BadDocument  # noqa: E402
from storyline.extract import extract  # noqa: E402
from storyline.settings import Thresholds  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "cleaning.md"
SEED = 20261201


# ---------------------------------------------------------------- the real documents

@dataclass(slots=True)
class Source:
    name: str
    group: str  # the topic an appended story must differ from
    title: str | None
    paragraphs: list[list[str]]  # paragraphs of sentences
    held_out: bool


_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_END = re.compile(r"[.!?][\"'”’)]*$")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _looks_like_headline(line: str) -> bool:
    """A first line without sentence punctuation, and not a date line ("Tuesday, May 24, 2005")."""
    words = line.split()
    return 3 <= len(words) <= 25 and not _END.search(line) and not (len(words) <= 9 and _YEAR.search(line))


def ecbplus_sources() -> list[Source]:
    sources = []
    for doc in load_ecbplus():
        lines = [line for line in doc.article.raw.split("\n") if line.strip()]
        title = lines.pop(0) if lines and _looks_like_headline(lines[0]) else None
        paragraphs = [lines[k : k + 3] for k in range(0, len(lines), 3)]  # ECB+ has sentences, not paragraphs
        sources.append(Source(doc.name, f"ecb{doc.topic}", title, paragraphs, held_out=doc.topic % 2 == 0))
    return sources


_OG_TITLE = re.compile(r"<meta[^>]+property=[\"']og:title[\"'][^>]+content=[\"']([^\"']+)", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SITE_SUFFIX = re.compile(r"\s+(?:[|–—-]|::)\s+[^|–—-]{2,40}$")


def scrapinghub_sources() -> list[Source]:
    folder = benchmarks_dir() / "extraction-scrapinghub"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    sources = []
    for position, page_id in enumerate(sorted(truth)):
        raw = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        m = _OG_TITLE.search(raw) or _TITLE.search(raw)
        title = _SITE_SUFFIX.sub("", " ".join(htmllib.unescape(m.group(1)).split())) if m else None
        paragraphs = [_SENTENCE_SPLIT.split(" ".join(p.split()))
                      for p in truth[page_id]["articleBody"].split("\n") if p.strip()]
        sources.append(Source(f"sh-{page_id[:10]}", f"sh{position}", title if title and len(title.split()) >= 3
                              else None, paragraphs, held_out=position % 2 == 1))
    return sources


def is_story_sentence(sentence: str) -> bool:
    """Prose the cleaner must keep: a sentence of six words or more that ends like one."""
    return len(sentence.split()) >= 6 and bool(_END.search(sentence))


# ---------------------------------------------------------------- the noise vocabulary (two halves)

def _halves(words: str) -> tuple[list[str], list[str]]:
    items = [w.strip() for w in words.split(";") if w.strip()]
    return items[0::2], items[1::2]


_VOCAB = {
    "section": "World;Politics;Business;Sport;Opinion;Culture;Science;Health;Technology;Travel;Economy;Europe;"
               "Asia;Africa;Americas;Middle East;Markets;Climate;Education;Lifestyle;Entertainment;Music;Film;"
               "Books;Local;National;Weather;Crime;Courts;Food;Motoring;Property;Jobs;Obituaries;Video;Podcasts;"
               "Photos;Live;Fact check;Investigations;Analysis;Features;Interviews;Tennis;Football;Cricket",
    "utility": "Subscribe;Log in;Sign in;Register;E-paper;Search;Menu;My account;Newsletters;Donate;"
               "Today's paper;Edition: International;Advertise with us;Try 1 month free;Alerts;Contact us",
    "footer": "About us;Contact;Privacy;Terms of use;Careers;Advertise;Help;Sitemap;Accessibility;Corrections;"
              "Cookie settings;Ethics policy;Masthead;RSS feeds;Press room;Licensing",
    "share": "Share this article;Share on Facebook;Share on X;Share via email;Tweet;Copy link;Print;"
             "Email this story;Share;Send to a friend;WhatsApp;Save for later;Pin it;Share on LinkedIn",
    "related": "Read also;Related articles;Read more;More from {section};Most read;You may also like;"
               "Recommended for you;Related stories;Also on {site};Popular now;Editor's picks;"
               "More stories;Trending;Latest news;Don't miss",
    "cookie": "We use cookies to give you the best experience on our website.;"
              "This site uses cookies. By continuing to browse you agree to our use of cookies.;"
              "Accept all cookies;We and our partners use cookies to personalise content and ads.;"
              "Cookie preferences;By using this site you accept our cookie policy and privacy notice.",
    "newsletter": "Sign up for our daily newsletter;Get the morning briefing in your inbox;"
                  "Subscribe to the {site} newsletter;The best of {site}, delivered to your inbox every week;"
                  "Enter your email address;Get our free {section} newsletter;Never miss a story: join "
                  "our mailing list;Want more stories like this? Sign up here",
    "comment": "Leave a Reply;Your email address will not be published.;Comments ({n});Post Comment;"
               "Join the conversation;Name *;Email *;Show comments;Log in to comment;Add your comment;"
               "Comments are closed.;Be the first to comment",
    "follow": "Follow us on Twitter;Follow {site} on Facebook;Follow us on Instagram and YouTube;"
              "Like us on Facebook;Follow {site} on X and Threads;Find us on Facebook, X and LinkedIn",
    "copyright": "© {year} {site}. All rights reserved.;Copyright {year} {site};© {site} {year};"
                 "All content © {year} {site} Media Ltd;(c) {year} {site}. All rights reserved.;"
                 "Copyright © {year} {site} Group. All Rights Reserved.",
    "ad": "Advertisement;ADVERTISEMENT;Sponsored;Story continues below advertisement;Advertising;"
          "Continue reading below;Scroll to continue with content",
    "credit": "Photo: {person} / {agency};{person}/{agency};Image: {agency};(Photo: {person}/{agency});"
              "Picture: {person};Credit: {agency}",
    "outlet_word": "Courier;Herald;Post;Times;Gazette;Chronicle;Tribune;Observer;Daily;Journal;Express;News;"
                   "Standard;Record;Monitor;Sentinel;Dispatch;Bulletin;Star;Mail",
    "place": "Northfield;Riverton;Eastvale;Harrowby;Kingsport;Lakemont;Westbrook;Ashford;Brightwater;"
             "Clearwell;Dunmore;Elmstead;Fairhaven;Glenrock;Hollowell;Ironbridge;Juniper;Kestwick;Lindell;"
             "Millbrook",
    "first": "Anna;Tomas;Maria;Lukas;Sofia;Daniel;Elena;Marco;Priya;Kofi;Ines;Jonas;Leila;Pavel;Grace;Omar;"
             "Hana;Felix;Nadia;Victor",
    "last": "Berg;Okafor;Lindqvist;Moreau;Tanaka;Silva;Novak;Haddad;Quinn;Brennan;Costa;Fischer;Ivanova;"
            "Mensah;Rossi;Dalton;Kaur;Petrov;Wagner;Holm",
    "agency": "AFP;Reuters;AP;EPA;Getty Images;Xinhua;dpa;ANSA;Anadolu;PA",
}
_WIRES = {"AFP": "AFP", "Reuters": "Reuters", "AP": "AP", "Xinhua": "Xinhua", "dpa": "dpa", "ANSA": "ANSA"}


class NoiseVocabulary:
    """One half ("A" or "B") of every noise word list."""

    def __init__(self, half: str) -> None:
        pick = 0 if half == "A" else 1
        self.words = {key: _halves(value)[pick] for key, value in _VOCAB.items()}
        self.half = half

    def __getitem__(self, key: str) -> list[str]:
        return self.words[key]


# ---------------------------------------------------------------- rendering

@dataclass(slots=True)
class Rendered:
    text: str
    noise: list[tuple[str, str]]  # (kind, line) for every line that must go
    sentences: list[str]  # story sentences that must stay
    title: str | None
    outlet: str | None  # None: the rendering carries no outlet signal
    origin: str | None
    url: str | None = None
    signals: list[str] = field(default_factory=list)


class Renderer:
    def __init__(self, vocab: NoiseVocabulary, rng: random.Random, others: list[Source]) -> None:
        self.v, self.rng, self.others = vocab, rng, others

    def pick(self, key: str, **fill) -> str:
        return self.rng.choice(self.v[key]).format(**fill)

    def person(self) -> str:
        return f"{self.pick('first')} {self.pick('last')}"

    def menu(self, k: int) -> list[str]:
        """A menu: one line with separators, or one item per line."""
        items = self.rng.sample(self.v["section"], k)
        style = self.rng.random()
        if style < 0.4:
            return [self.rng.choice([" | ", " · ", " / ", " • ", "  ", " > "]).join(items)]
        if style < 0.6:
            return [" ".join(items)]  # a menu that lost its separators
        return items

    def headlines(self, source: Source, k: int) -> list[str]:
        picks = [o.title for o in self.rng.sample(self.others, min(len(self.others), 4 * k)) if o.title
                 and o.group != source.group][:k]
        bullet = self.rng.choice(["", "- ", "• ", "» "])
        return [bullet + h for h in picks]

    def render(self, src: Source) -> Rendered:
        r, rng = self, self.rng
        site = f"{'The ' if rng.random() < 0.4 else ''}{r.pick('place')} {r.pick('outlet_word')}"
        fill = {"site": site, "section": r.pick("section"), "year": rng.choice(range(2005, 2025)),
                "n": rng.randint(0, 300), "person": r.person(), "agency": r.pick("agency")}
        noise: list[tuple[str, str]] = []
        blocks: list[list[str]] = []
        signals: list[str] = []

        def add(kind: str, lines: list[str]) -> None:
            blocks.append(lines)
            noise.extend((kind, line) for line in lines)

        # the page header
        if rng.random() < 0.8:
            add("menu", r.menu(rng.randint(4, 9)))
        if rng.random() < 0.5:
            add("utility", rng.sample(r.v["utility"], rng.randint(1, 3)) if rng.random() < 0.5
                else ["   ".join(rng.sample(r.v["utility"], rng.randint(2, 3)))])
        if rng.random() < 0.4:
            masthead = site.upper() if rng.random() < 0.5 else site
            add("masthead", [masthead])
            signals.append("masthead")
        if rng.random() < 0.3:
            add("cookie", [r.pick("cookie")])
        if rng.random() < 0.5:
            label = r.pick("section")
            add("section label", [label.upper() if rng.random() < 0.5 else label])
        if rng.random() < 0.4:
            lead = rng.choice(["", "Trending: ", "Latest: ", "Breaking: "])
            teasers = r.headlines(src, rng.randint(1, 3))
            if teasers:
                add("nav headline", [lead + teasers[0].lstrip("-•» ")] + teasers[1:])
        if src.title:
            blocks.append([src.title])
        byline_outlet = rng.random() < 0.3
        if rng.random() < 0.6:
            person = r.person()
            line = rng.choice([f"By {person}", f"{person}, staff writer", f"By {person.upper()}"])
            if byline_outlet:
                line = rng.choice([f"By {person} | {site}", f"By {person}, {site}", f"By {person} for {site}"])
                signals.append("byline")
            add("byline", [line])
        # the body, with noise inside
        origin = None
        paragraphs = [list(p) for p in src.paragraphs]
        if rng.random() < 0.25 and paragraphs:
            origin = rng.choice(list(_WIRES))
            if rng.random() < 0.5:
                place = rng.choice(["LONDON", "PARIS", "NEW YORK", "BERLIN", "TOKYO", "NAIROBI", "LIMA"])
                paragraphs[0][0] = f"{place} ({origin}) — {paragraphs[0][0]}"
            else:
                paragraphs[-1].append(f"— {origin}")
            signals.append("agency")
        sentences = [s for p in paragraphs for s in p if is_story_sentence(s) and not s.startswith("— ")]
        for k, paragraph in enumerate(paragraphs):
            blocks.append([" ".join(paragraph)])
            if k + 1 < len(paragraphs):
                roll = rng.random()
                if roll < 0.08:
                    add("photo credit", [r.pick("credit", **fill)])
                elif roll < 0.14:
                    add("ad", [r.pick("ad")])
                elif roll < 0.18:
                    heading = r.pick("related", **fill)
                    add("related list", [heading + rng.choice(["", ":"])] + r.headlines(src, rng.randint(1, 3)))
        # the page footer
        tail: list[list[str]] = []
        if rng.random() < 0.5:
            tail.append(("share", [r.pick("share")] if rng.random() < 0.5
                         else [" | ".join(rng.sample(r.v["share"], 3))]))
        if rng.random() < 0.5:
            tail.append(("related list", [r.pick("related", **fill)] + r.headlines(src, rng.randint(2, 4))))
        if rng.random() < 0.3:
            tail.append(("newsletter", [r.pick("newsletter", **fill)]))
        if rng.random() < 0.3:
            tail.append(("comment form", rng.sample(r.v["comment"], 3)))
        rng.shuffle(tail)
        for kind, block in tail:
            add(kind, [line.format(**fill) for line in block])
        if rng.random() < 0.4:
            add("appended story", self.appendix(src))
        if rng.random() < 0.3:
            add("follow", [r.pick("follow", **fill)])
            if site in noise[-1][1]:
                signals.append("follow")
        if rng.random() < 0.4:
            add("footer menu", r.menu(rng.randint(3, 6)) if rng.random() < 0.5 else [" | ".join(rng.sample(r.v["footer"], 4))])
        if rng.random() < 0.5:
            add("copyright", [r.pick("copyright", **fill)])
            signals.append("copyright")
        url = None
        if rng.random() < 0.2:
            url = f"https://www.{re.sub(r'[^a-z]', '', site.lower().removeprefix('the '))}.example/news/{src.name}"
            signals.append("url")
        text = "\n\n".join("\n".join(b) for b in blocks)
        site_signal = any(s in signals for s in ("masthead", "byline", "copyright", "url", "follow"))
        outlet = site if site_signal else origin
        return Rendered(text, noise, sentences, src.title, outlet, origin, url, signals)

    def appendix(self, src: Source) -> list[str]:
        """Another real document from a different topic, glued after the story (a brief or a few paragraphs)."""
        other = self.rng.choice([o for o in self.others if o.group != src.group and o.title])
        lines = []
        if self.rng.random() < 0.5:
            lines.append(self.rng.choice([self.pick("section").upper(), "In other news", "Also today",
                                          "———", "* * *", "In brief"]))
        lines.append(other.title)
        sentences = [s for p in other.paragraphs for s in p]
        keep = self.rng.choice([1, 2, 3, 5, 8])
        text = sentences[:keep]
        lines.append(" ".join(text))
        return lines


# ---------------------------------------------------------------- measuring

def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def outlet_key(name: str | None) -> str:
    """Names compare without case, spaces, "The", a domain's www. and TLD."""
    name = (name or "").lower()
    name = re.sub(r"^https?://", "", name)
    name = re.sub(r"^www\.", "", name)
    name = re.sub(r"\.(?:example|com|org|net|co\.uk)(?:/.*)?$", "", name)
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name))


@dataclass(slots=True)
class Tally:
    noise: int = 0
    noise_removed: int = 0
    sentences: int = 0
    sentences_kept: int = 0
    titles: int = 0
    titles_right: int = 0
    outlets: int = 0
    outlets_right: int = 0
    origins: int = 0
    origins_right: int = 0
    docs: int = 0
    skipped: int = 0
    missed: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)  # noise lines per kind
    kinds_removed: Counter = field(default_factory=Counter)
    lost: list = field(default_factory=list)

    def row(self) -> str:
        def share(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "—"
        return (f"| {share(self.noise_removed, self.noise)} | {share(self.sentences_kept, self.sentences)} | "
                f"{share(self.titles_right, self.titles)} | {share(self.outlets_right, self.outlets)} | "
                f"{share(self.origins_right, self.origins)} | {self.docs} | {self.skipped} |")


def measure(sources: list[Source], vocab: NoiseVocabulary, others: list[Source], seed: int = SEED,
            tally: Tally | None = None) -> Tally:
    tally = tally or Tally()
    thresholds = Thresholds()
    for k, src in enumerate(sources):
        rng = random.Random(f"{seed}/{vocab.half}/{src.name}")
        page = Renderer(vocab, rng, others).render(src)
        article = Article(id=src.name, source=src.name, raw=page.text, format="text", url=page.url)
        tally.docs += 1
        try:
            extract(article, thresholds)
        except BadDocument:
            tally.skipped += 1
            article.text = ""
        score(page, article, tally)
    return tally


def score(page: Rendered, article: Article, tally: Tally) -> None:
    kept = article.text.split("\n\n") if article.text else []
    kept_norm = [_norm(p) for p in kept]
    story_paragraphs = {_norm(s) for s in page.sentences}
    for kind, line in page.noise:
        n = _norm(line)
        if not n:
            continue
        tally.noise += 1
        tally.kinds[kind] += 1
        survived = any(p == n or (n in p and p not in story_paragraphs and not _is_story_paragraph(p, page))
                       for p in kept_norm)
        if survived:
            tally.missed[f"{kind}: {line}"] += 1
        else:
            tally.noise_removed += 1
            tally.kinds_removed[kind] += 1
    whole = "\n".join(kept_norm)
    for sentence in page.sentences:
        tally.sentences += 1
        if _norm(sentence) in whole:
            tally.sentences_kept += 1
        else:
            tally.lost.append(sentence)
    if page.title:
        tally.titles += 1
        tally.titles_right += _norm(article.title or "") == _norm(page.title)
    if page.outlet:
        tally.outlets += 1
        tally.outlets_right += outlet_key(article.outlet) == outlet_key(page.outlet)
    if page.origin:
        tally.origins += 1
        tally.origins_right += outlet_key(getattr(article, "origin", None)) == outlet_key(page.origin)


def _is_story_paragraph(paragraph: str, page: Rendered) -> bool:
    """A kept paragraph made only of story sentences (a noise word inside it is story text, not noise)."""
    rest = paragraph
    for sentence in page.sentences:
        rest = rest.replace(_norm(sentence), " ")
    return len(rest.split()) <= 3


# ---------------------------------------------------------------- the bundled corpus (hand-checked)

def corpus_report() -> list[str]:
    """Title, outlet and what the cleaner cut, for every plain-text file of examples/corpus."""
    expected = {}
    readme = (REPO / "examples" / "corpus" / "README.md").read_text(encoding="utf-8")
    for m in re.finditer(r"^\| `([^`]+\.txt)` \| \d \| ([^|]+) \|", readme, re.M):
        expected[m.group(1)] = m.group(2).strip()
    rows = ["| file | outlet (expected → inferred, evidence) | origin | title | cut lines | kept text ends with |",
            "|---|---|---|---|---:|---|"]
    for rel, want in sorted(expected.items()):
        path = REPO / "examples" / "corpus" / rel
        article = Article(id=rel, source=rel, raw=path.read_text(encoding="utf-8"), format="text")
        extract(article, Thresholds())
        tail = article.text.split("\n\n")[-1][:60].replace("|", "/")
        rows.append(f"| {rel} | {want} → {article.outlet} ({getattr(article, 'outlet_evidence', None)}) | "
                    f"{getattr(article, 'origin', None)} | {article.title} | {len(article.removed)} | {tail}… |")
    return rows


def unrendered_check(sources: list[Source]) -> str:
    """The documents as they are (title and paragraphs, no noise): what the cleaner cuts from plain articles."""
    fired = sentences = kept = 0
    for src in sources:
        text = "\n\n".join(([src.title] if src.title else []) + [" ".join(p) for p in src.paragraphs])
        article = Article(id=src.name, source=src.name, raw=text, format="text")
        try:
            extract(article, Thresholds())
        except BadDocument:
            article.text = ""
        fired += any(r.reason == "off-topic-appendix" for r in article.removed)
        whole = _norm(article.text)
        story = [s for p in src.paragraphs for s in p if is_story_sentence(s)]
        sentences += len(story)
        kept += sum(_norm(s) in whole for s in story)
    return (f"{len(sources)} documents without noise: story sentences kept {kept / sentences:.3f} "
            f"({kept}/{sentences}); appended-story cut fired on {fired} documents")


def gate_sources() -> tuple[list[Source], list[Source]]:
    """The quality gate's subset (every 10th held-out ECB+ document, every 4th held-out Scrapinghub page),
    and all documents, which the renderer draws related headlines and appended stories from."""
    everything = ecbplus_sources() + scrapinghub_sources()
    ecb = [s for s in everything if s.held_out and not s.name.startswith("sh-")][::10]
    sh = [s for s in everything if s.held_out and s.name.startswith("sh-")][::4]
    return ecb + sh, everything


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    parser.add_argument("--show", type=int, default=0, help="print N missed noise lines and lost sentences")
    parser.add_argument("--tuning", action="store_true", help="only the tuning documents with vocabulary half A")
    args = parser.parse_args()
    sets = {"ECB+": ecbplus_sources(), "Scrapinghub": scrapinghub_sources()}
    everything = [s for docs in sets.values() for s in docs]
    rows: list[str] = []
    kinds: list[str] = []
    for name, docs in sets.items():
        if args.limit:
            docs = docs[: args.limit]
        for part, held_out, half in (("tuning", False, "A"), ("held-out", True, "A"), ("held-out", True, "B"))[
                : 1 if args.tuning else 3]:
            chosen = [s for s in docs if s.held_out == held_out]
            tally = measure(chosen, NoiseVocabulary(half), everything)
            rows.append(f"| {name} | {part} docs | {half} " + tally.row())
            print(rows[-1], flush=True)
            kinds.append(f"- {name}, {part} documents, vocabulary {half}: " + ", ".join(
                f"{k} {tally.kinds_removed[k] / n:.2f}" for k, n in sorted(tally.kinds.items())))
            print(kinds[-1])
            if args.show:
                for line, count in tally.missed.most_common(args.show):
                    print(f"    missed x{count}: {line[:110]}")
                for sentence in tally.lost[: args.show]:
                    print(f"    lost: {sentence[:110]}")
    plain = [] if args.tuning else [f"- {name}: {unrendered_check(docs)}" for name, docs in sets.items()]
    print("\n".join(plain))
    corpus = [] if args.tuning else corpus_report()
    print("\n".join(corpus))
    if args.write:
        write(rows, kinds, plain, corpus)


def write(rows: list[str], kinds: list[str], plain: list[str], corpus: list[str]) -> None:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    RESULTS.write_text("\n".join([
        "# Plain-text cleaning benchmark", "",
        f"Measured {now}. Command: `.venv/bin/python benchmarks/cleaning.py --write`", "",
        "Real article text (ECB+ 982 documents, CC BY 3.0; Scrapinghub ground-truth bodies of 181 pages, MIT)",
        "rendered as scraped pages with generated noise (seeded; see the module docstring). Documents: ECB+",
        "odd topics and Scrapinghub even positions tune, the rest is held out. Noise vocabulary: half A tunes,",
        "half B is held out. \"noise removed\" = generated noise lines absent from the cleaned text; \"sentences",
        "kept\" = story sentences (≥ 6 words, sentence-final punctuation) present in it; title/outlet/origin =",
        "exact match (outlets compared without case, spaces, \"The\" and a domain's www/TLD) where the",
        "rendering carries one.", "",
        "| data | documents | noise vocabulary | noise removed | sentences kept | title | outlet | origin "
        "| docs | skipped |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows, "",
        "Share of noise lines removed, by kind of noise:", "", *kinds, "",
        "The same documents without any noise (every document, both halves): what cleaning costs a plain article.",
        "", *plain, "",
        "## examples/corpus plain-text files (hand-checked against examples/corpus/README.md)", "",
        *corpus, "",
    ]), encoding="utf-8")


if __name__ == "__main__":
    main()
