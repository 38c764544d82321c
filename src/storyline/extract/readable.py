"""The second opinion on a page's main text: readability-lxml, fed the tree Storyline already parsed.

readability-lxml normally re-parses the page and runs lxml's HTML cleaner, whose link rewriting took about
half its time on the extraction benchmark; links play no part in finding text, so each pass here works on
the parsed tree itself (no copy: the caller has read what it needs from it) without scripts, styles,
comments and hidden elements, and without the elements HTML itself marks as not being the main text
(navigation, page footers, asides, the head, graphics, form controls): readability's time grows with every
element it scores.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html
from readability import Document

# elements whose start or end breaks a line of text
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table td th tr ul".split()
)
_NOT_TEXT = ("script", "style", "noscript", "template", "head", "nav", "footer", "aside", "svg", "iframe", "button",
             "select", "input", "textarea")
_HIDDEN = "//*[@hidden] | //*[contains(translate(@style, ' ', ''), 'display:none')]"


class _Readability(Document):
    """readability-lxml on a tree Storyline parsed. Its strict pass strips and scores that tree in place,
    with no copy; the lenient pass it makes when the strict one finds no article gets a fresh tree."""

    def __init__(self, tree, reparse: Callable[[], object]) -> None:
        super().__init__(tree)
        self._reparse = reparse
        self._passes = 0

    def _parse(self, input):  # noqa: A002 - readability's own signature
        doc = input if self._passes == 0 else self._reparse()
        self._passes += 1
        etree.strip_elements(doc, etree.Comment, etree.ProcessingInstruction, *_NOT_TEXT, with_tail=False)
        for hidden in doc.xpath(_HIDDEN):
            if hidden.getparent() is not None:
                hidden.drop_tree()
        return doc


def readability_lines(tree, reparse: Callable[[], object]) -> list[str]:
    """readability-lxml's main text of ``tree``, one line per block; empty if it finds none.

    ``tree`` is used up (stripped in place); ``reparse`` returns a fresh parse of the same page, needed only
    on the rare page where readability makes a second, lenient pass.
    """
    try:
        summary = _Readability(tree, reparse).summary(html_partial=True)
        return block_lines(lxml_html.fragment_fromstring(summary, create_parent="div"))
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
