"""Merging two extractors' main texts by agreement (storyline.extract.agreement) and the readability view."""

from lxml import html as lxml_html

from storyline.extract.agreement import merge
from storyline.extract.readable import block_lines, readability_lines

BODY = [
    "The Lindenholm ferry resumed its night crossings on Friday after a three-week repair of its bow door.",
    "Engineers replaced two hinges and a hydraulic ram, the operator said, at a cost of about 80,000 crowns.",
    "Passengers booked on cancelled sailings can rebook free of charge until the end of the month.",
]
TEASERS = [
    "Island school wins regional robotics prize for its tide-gauge buoy built from old bicycle parts",
    "Harbour master retires after thirty-one years of guiding trawlers through the narrow channel",
]


def test_lines_both_keep_stay_and_what_only_one_kept_is_reported():
    photo = "The repaired bow door of the ferry, seen from the quay at low tide on Thursday evening."
    merged = merge(["Lindenholm Post", *BODY, *TEASERS], [photo, *BODY])
    assert merged.lines == BODY
    assert merged.dropped == ["Lindenholm Post", *TEASERS, photo]


def test_a_line_only_the_primary_kept_inside_the_agreed_body_stays():
    quote = "“We missed the night boat more than we expected,” said one commuter."
    merged = merge([BODY[0], quote, BODY[1], BODY[2]], BODY)
    assert merged.lines == [BODY[0], quote, BODY[1], BODY[2]]
    assert merged.dropped == []


def test_primary_that_took_the_whole_page_is_cut_to_the_secondary_article():
    page = [f"Teaser number {k}: a short story about a different town and its weekly market day." for k in range(30)]
    merged = merge(page[:15] + BODY + page[15:], BODY)
    assert merged.lines == BODY
    assert len(merged.dropped) == 30


def test_candidates_that_picked_different_parts_of_the_page_leave_the_primary_whole():
    merged = merge(BODY, TEASERS)
    assert merged.lines == BODY
    assert merged.dropped == TEASERS


def test_one_empty_candidate_leaves_the_other():
    assert merge(BODY, []).lines == BODY
    assert merge([], BODY).lines == BODY
    assert merge(["", "  "], []).lines == []


def test_block_lines_break_at_blocks_not_at_inline_elements():
    element = lxml_html.fromstring(
        "<div><h2>Bow door fixed</h2><p>The ferry <a href='/x'>resumed</a> crossings.<br>Tickets: free.</p>"
        "<ul><li>One</li><li>Two <b>bold</b></li></ul>tail text</div>")
    assert block_lines(element) == ["Bow door fixed", "The ferry resumed crossings.", "Tickets: free.", "One",
                                    "Two bold", "tail text"]


def test_readability_finds_the_article_and_survives_garbage():
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><div class='article-body'>"
            + "".join(f"<p>{line}</p>" for line in BODY * 2) + "</div><!-- a comment --></body></html>")
    lines = readability_lines(lxml_html.fromstring(page), lambda: lxml_html.fromstring(page))
    assert BODY[0] in lines and "Home" not in " ".join(lines)
    assert readability_lines(None, lambda: None) == []


def test_readability_lenient_pass_starts_from_a_fresh_tree():
    # the strict pass drops the only text (its class reads as an extra), so readability tries again
    page = ("<html><body><div class='extra-notes'>" + "".join(f"<p>{line}</p>" for line in BODY * 2)
            + "</div></body></html>")
    fresh = []

    def reparse():
        fresh.append(1)
        return lxml_html.fromstring(page)

    lines = readability_lines(lxml_html.fromstring(page), reparse)
    assert fresh and BODY[0] in lines


# nested divs, bare text and inline runs, <br>s, tails, a picture (it counts as block content for readability),
# unlikely classes (one non-ASCII, one inside <pre>, one holding the article), in one page
TRICKY = """<html><body id="page"><div class="Header-Menu"><a href="/">Home</a></div>
<div class="wrap">Loose text <b>bold</b> and <a href="#">a link</a><br>after break<div>inner <i>it</i></div> tail
<span>inline <div>block in inline</div></span><picture></picture></div>
<div class="ſidebar"><p>a long s reads as s</p></div><pre><span class="comment">x = 1</span></pre>
<div class="extra"><article><p>The article inside an unlikely box.</p></article></div>
<div class="COMMUNITY-Column"><p>ok maybe</p></div><div><span>only inline</span> text</div></body></html>"""


def test_readability_rewrites_match_readability_itself():
    from readability import Document

    from storyline.extract.readable import _Readability

    def rewritten(document):
        document.html = lxml_html.fromstring(TRICKY)
        document.remove_unlikely_candidates()
        document.transform_misused_divs_into_paragraphs()
        return lxml_html.tostring(document.html)

    theirs = rewritten(Document(TRICKY))
    assert rewritten(_Readability(None, lambda: None)) == theirs
    assert b"Header-Menu" not in theirs and b"long s" not in theirs and b"<p>inner <i>it</i></p>" in theirs


def test_readability_text_length_is_the_length_of_its_cleaned_text():
    from readability.readability import clean

    from storyline.extract.readable import _text_length

    for text in ["  Bow door\n\n   fixed \t\t at\t \tlast  ", "a" + " " * 300 + "b", "a \xa0 \u2009b\r\nc", "\t x \t",
                 "one\ttwo  three \n", "", "   ", "a" + " \n" * 200 + "b", "x \xa0\xa0 y"]:
        element = lxml_html.fromstring("<div></div>")
        element.text = text
        assert _text_length(element) == len(clean(text)), repr(text)


def test_readability_scores_match_readability_itself():
    from readability import Document

    from storyline.extract.readable import _Readability

    page = ("<html><body><div class='story'><div class='text'>" + "".join(f"<p>{line}</p>" for line in BODY)
            + "<p>Tickets, timetables and \t fares, as before:   <a href='/t'>see the operator's page</a>.</p></div>"
            "<table><tr><td>A short cell</td><td>" + BODY[1] + "</td></tr></table></div>"
            "<blockquote>\n  “We missed the night boat,”\n  said one commuter.  </blockquote></body></html>")

    def scores(document):
        document.html = lxml_html.fromstring(page)
        return sorted((lxml_html.tostring(e)[:40], round(c["content_score"], 9))
                      for e, c in document.score_paragraphs().items())

    assert scores(_Readability(None, lambda: None)) == scores(Document(page))
