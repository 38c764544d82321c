"""The second opinion on a page's main text: readability-lxml, fed the tree Storyline already parsed.

readability-lxml normally re-parses the page and runs lxml's HTML cleaner, whose link rewriting took about
half its time on the extraction benchmark; links play no part in finding text, so each pass here works on
the parsed tree itself (no copy: the caller has read what it needs from it) without scripts, styles,
comments and hidden elements, and without the elements HTML itself marks as not being the main text
(navigation, page footers, asides, the head, graphics, form controls): readability's time grows with every
element it scores.

Four of readability's steps (unlikely candidates, the div rewrite, paragraph scoring, link density) are done
here under readability's own rules, with the per-element work left to lxml and text lengths counted without
building the cleaned text; tests/extract compares each with readability's own, and the extraction benchmark
gave the same output on every page before and after (issue 11: Storyline's time against trafilatura's).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import REGEXES

# elements whose start or end breaks a line of text
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table td th tr ul".split()
)
_NOT_TEXT = ("script", "style", "noscript", "template", "head", "nav", "footer", "aside", "svg", "iframe", "button",
             "select", "input", "textarea")
_HIDDEN = etree.XPath("//*[@hidden] | //*[@style][contains(translate(@style, ' ', ''), 'display:none')]")
# readability's unlikely-candidate rule can only match an element with a class or an id
_NAMED = etree.XPath("descendant::*[@class or @id]")
_IN_CODE = etree.XPath("boolean(ancestor-or-self::pre | ancestor-or-self::code)")
_HOLDS_ARTICLE = etree.XPath("boolean(descendant-or-self::main | descendant-or-self::article | descendant-or-self::math)")
# readability's test for block content: its pattern on the serialised markup, "<(blockquote|dl|div|img|ol|p|pre|
# table|ul)", matches an element whose tag starts with one of these (pre, picture and param start with p)
_BLOCK_ELEMENTS = etree.XPath("descendant::*[" + " or ".join(
    f"starts-with(name(), '{tag}')" for tag in ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")) + "]")
_INLINE = frozenset(("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"))


class _Readability(Document):
    """readability-lxml on a tree Storyline parsed. Its strict pass strips and scores that tree in place,
    with no copy; the lenient pass it makes when the strict one finds no article gets a fresh tree."""

    def __init__(self, tree, reparse: Callable[[], object]) -> None:
        super().__init__(tree)
        self._reparse = reparse
        self._passes = 0
        self.article = None  # the element readability settles on

    def _parse(self, input):  # noqa: A002 - readability's own signature
        doc = input if self._passes == 0 else self._reparse()
        self._passes += 1
        etree.strip_elements(doc, etree.Comment, etree.ProcessingInstruction, *_NOT_TEXT, with_tail=False)
        for hidden in _HIDDEN(doc):
            if hidden.getparent() is not None:
                hidden.drop_tree()
        return doc

    def get_clean_html(self) -> str:
        """The markup readability measures (a short article makes it retry leniently); the lines are read
        from the article element itself rather than from its markup parsed again."""
        self.article = self.html
        return super().get_clean_html()

    def score_paragraphs(self) -> dict:
        """readability's own scoring: each paragraph of 25 or more characters adds one point, one per comma
        and one per hundred characters (at most three) to its parent and half that to its grandparent; each
        scored element then loses its link density's share. The cleaned text is only measured (commas are
        not whitespace), and no debugging description is built for each element."""
        candidates: dict = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent = elem.getparent()
            if parent is None:
                continue
            grandparent = parent.getparent()
            text = elem.text_content() or ""
            length = _clean_length(text)
            if length < self.min_text_length:
                continue
            for node in (parent, grandparent):
                if node is not None and node not in candidates:
                    candidates[node] = self.score_node(node)
                    ordered.append(node)
            score = 1 + (text.count(",") + 1) + min(length / 100, 3)
            candidates[parent]["content_score"] += score
            if grandparent is not None:
                candidates[grandparent]["content_score"] += score / 2.0
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
        return candidates

    def get_link_density(self, elem) -> float:
        """readability's own measure, the share of an element's text inside links, with the text lengths
        counted by :func:`_text_length`."""
        links = sum(_text_length(link) for link in elem.findall(".//a"))
        return links / max(_text_length(elem), 1)

    def remove_unlikely_candidates(self) -> None:
        """readability's own rule (a class or id such as "sidebar" or "comment", unless it also reads like
        content or holds the article), but lxml picks out the elements that have a class or an id, and ASCII
        names are matched lowercased without case folding: visiting every element from Python, each with a
        case-insensitive search, took a fifth of readability's time."""
        for elem in _NAMED(self.html):
            names = f"{elem.get('class', '')} {elem.get('id', '')}"
            if (_search(_UNLIKELY, names) and not _search(_MAYBE, names) and elem.tag not in ("html", "body")
                    and not _IN_CODE(elem) and not _HOLDS_ARTICLE(elem)):
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self) -> None:
        """readability's own rewrite: a ``div`` without block content becomes a ``p``, and in the other divs
        each run of bare text or inline elements is wrapped in a ``p``. Its test for block content serialised
        each div's markup (quadratic in the nesting depth); here the elements holding block content are the
        ancestors of the block elements, marked once."""
        holds_block = set()
        for block in _BLOCK_ELEMENTS(self.html):
            for ancestor in block.iterancestors():
                if ancestor in holds_block:
                    break  # and so are all further ancestors
                holds_block.add(ancestor)
        divs = list(self.html.iterdescendants("div"))
        for div in divs:
            if div not in holds_block:
                div.tag = "p"
        for div in divs:
            if div.tag != "div":
                continue
            children = list(div)
            paragraph = None
            if div.text and div.text.strip():
                paragraph = lxml_html.Element("p")
                paragraph.text, div.text = div.text, None
                div.insert(0, paragraph)
            for child in children:
                if child.tag == "br" or child.tag not in _INLINE or child in holds_block:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = lxml_html.Element("p")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(div))):
                if child.tail and child.tail.strip():
                    paragraph = lxml_html.Element("p")
                    paragraph.text, child.tail = child.tail, None
                    div.insert(pos + 1, paragraph)
                if child.tag == "br":
                    child.drop_tree()


def _text_length(elem) -> int:
    return _clean_length(elem.text_content() or "")


def _clean_length(text: str) -> int:
    """The length of readability's ``clean`` of ``text`` (whitespace runs with a line break become one, tabs
    and runs of spaces become one space, the ends stripped), counted without building it: only runs of two
    or more whitespace characters change the length. Its three substitutions over the whole text were a
    quarter of readability's time."""
    text = text.strip()
    length = len(text)
    for run in _LONG_RUN.findall(text):
        # a run of 255 or more becomes 255 spaces, then one: the same as a run with a line break
        length -= len(run) - (1 if len(run) >= 255 or "\n" in run else len(_TABS.sub(" ", run)))
    return length


_LONG_RUN = re.compile(r"\s{2,}")
_TABS = re.compile(r"\t|[ \t]{2,}")


def _search(patterns: tuple[re.Pattern, re.Pattern], text: str) -> re.Match | None:
    """readability's case-insensitive pattern; ASCII text is lowercased and searched without case folding,
    which finds the same matches several times faster."""
    folded, lowered = patterns
    return lowered.search(text.lower()) if text.isascii() else folded.search(text)


def _fast(pattern: re.Pattern) -> tuple[re.Pattern, re.Pattern]:
    return pattern, re.compile(pattern.pattern.lower())


_UNLIKELY = _fast(REGEXES["unlikelyCandidatesRe"])
_MAYBE = _fast(REGEXES["okMaybeItsACandidateRe"])


def readability_lines(tree, reparse: Callable[[], object]) -> list[str]:
    """readability-lxml's main text of ``tree``, one line per block; empty if it finds none.

    ``tree`` is used up (stripped in place); ``reparse`` returns a fresh parse of the same page, needed only
    on the rare page where readability makes a second, lenient pass.
    """
    try:
        document = _Readability(tree, reparse)
        document.summary(html_partial=True)
        return block_lines(document.article)
    except Exception:  # noqa: BLE001 - readability raises on odd pages; trafilatura's text still stands
        return []


def block_lines(element) -> list[str]:
    """The text under ``element``, one line per block element (paragraph, heading, list item, cell...)."""
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = " ".join(" ".join(parts).split())
        if line:
            lines.append(line)
        parts.clear()

    def walk(node) -> None:
        block = node.tag in _BLOCKS if isinstance(node.tag, str) else False
        if block:
            flush()
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            flush()

    walk(element)
    flush()
    return lines
