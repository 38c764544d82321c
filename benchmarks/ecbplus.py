"""Loader for the ECB+ corpus (read from ../shared/benchmarks/ecbplus, never copied into the repository).

Each document's ``<token>`` elements are rebuilt into sentences (one per line) with normal spacing. The
``ecbplus`` documents start with their source URL; it goes to ``Article.url`` and out of the text, since a
real article's text does not carry it. Gold groups: sub-topic = (topic, "ecb" | "ecbplus"), topic = topic.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from storyline.model import Article, content_id

_NO_SPACE_BEFORE = re.compile(r" (?=[.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b|'S\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")
_QUOTES = re.compile(r"`` ?| ?''")
_URL = re.compile(r"^https?\s*:\s*/")


@dataclass(frozen=True, slots=True)
class Doc:
    name: str  # e.g. "1_10ecbplus"
    topic: int
    subtopic: str  # e.g. "1/ecbplus"
    article: Article


def benchmarks_dir() -> Path:
    """``$STORYLINE_BENCHMARKS`` or ``<repo>/../shared/benchmarks``."""
    env = os.environ.get("STORYLINE_BENCHMARKS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _QUOTES.sub('"', text)
    text = _NO_SPACE_BEFORE.sub("", text)
    text = _NO_SPACE_AFTER.sub("", text)
    return text.replace(" - ", "-")  # the tokeniser split hyphenated words: "90 - day" -> "90-day"


def read_doc(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = [detokenise(sentences[k]) for k in sorted(sentences)]
    url = None
    if lines and _URL.match(lines[0]):
        url = lines.pop(0).replace(" ", "")
    name = path.name.removesuffix(".xml")
    topic_str, rest = name.split("_", 1)
    kind = "ecbplus" if rest.endswith("ecbplus") else "ecb"
    text = "\n".join(lines)
    article = Article(id=content_id(name + "\n" + text), source=str(path), raw=text, format="text", url=url, text=text)
    return Doc(name=name, topic=int(topic_str), subtopic=f"{topic_str}/{kind}", article=article)


def load(topics: set[int] | None = None, root: Path | None = None) -> list[Doc]:
    """All documents (of ``topics`` if given), sorted by topic then name."""
    folder = (root or benchmarks_dir()) / "ecbplus" / "topics"
    if not folder.is_dir():
        raise FileNotFoundError(f"ECB+ not found at {folder}; set STORYLINE_BENCHMARKS to the benchmarks folder")
    paths = [p for d in folder.iterdir() if d.is_dir() and (topics is None or int(d.name) in topics)
             for p in d.glob("*.xml")]
    docs = [read_doc(p) for p in paths]
    return sorted(docs, key=lambda d: (d.topic, d.name))
