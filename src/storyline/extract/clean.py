"""Storyline's line/block cleaner, used on pasted web text and on trafilatura's output alike.

The text is split into units (one paragraph or one short line each). Each unit is either kept or cut with
a reason; every cut unit is returned in ``removed`` so nothing disappears silently. Passes, in order: line
patterns (boilerplate, photo credits, "Read more:" links, agency credits) and menu lines (items between
separators), lists under a "Related"/"Most read" heading and comment sections, the lead zone above the first
body paragraph (everything above the headline, then byline and date lines), short lines made of the page's
interface vocabulary, runs of headlines that share (almost) no word with the article, link lists closing the
page, and unrelated stories appended at the end with their section label (see :mod:`.offtopic`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Removed
from ..settings import Thresholds
from ..text.datelines import dateline_at
from .dates import infer_published
from .metadata import is_agency_credit, is_masthead
from .language import STOPWORDS
from .offtopic import similarity, terms

_I = re.IGNORECASE
MAX_SHORT_WORDS = 12  # a line this short without sentence punctuation reads as a heading or a link
PATTERN_MAX_WORDS = 35  # line patterns only apply to lines this short, never to long paragraphs


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), _I)


_LINE_RULES: list[tuple[str, re.Pattern]] = [
    ("photo-credit", _rx(
        r"\((?:AP|AFP|Reuters|EPA|Getty|[\w ]{0,30})\s*Photos?\b[^)]*\)\s*$",
        r"^(?:photo(?:graph)?s?|images?|pictures?|pics?|credits?|photo credit|video|illustration)\s*(?:credit)?\s*[:/|]",
        r"[/|]\s*(?:Reuters|AFP|AP|EPA|Getty Images|Shutterstock|Alamy|Handout)\s*\)?\s*$",
        r"^\(?©\s*(?:Reuters|AFP|AP|EPA|Getty Images|Shutterstock)\b",
        r"\b(?:Getty Images|Shutterstock|AFP via Getty Images)\s*\)?\s*$",
        # a caption ending in its credit: "Crews clear the quay on Monday. Photo: Jo Lind / CPA"
        r"[.!?]\s+(?:photo(?:graph)?|image|picture)s?\s*(?:credit)?\s*:\s*[^.!?]{2,60}$",
        # an agency first, then the photographer: "(Reuters/Jo Lind)", "(AFP / Jo Lind)"
        r"\((?:Reuters|AFP|AP|EPA|Getty(?: Images)?|Xinhua|ANP|dpa)\s*/\s*[^()/]{2,40}\)\s*$",
        # an image placeholder left in pasted text: "[Photo: the quay at dawn]"
        r"^\[(?:photo|image|picture|video|gallery)s?\b[^\]]*\]\s*$",
    )),
    ("comments", _rx(
        r"^(?:your email address will not be published|required fields are marked|post (?:a )?comment|"
        r"(?:add|leave|write) (?:a|your) comment|comments are closed|log in to (?:comment|reply)|"
        r"notify me of (?:follow-up comments|new posts))",
    )),
    ("boilerplate", _rx(
        r"^(?:back to top|skip to (?:main )?content|(?:advertisement|advertising|sponsored(?: content)?)\W*$|"
        r"share (?:this|on|via)\b|share\W*$|tweet\W*$|print\W*$|email\W*$|copy link|"
        r"subscribe\b|sign up\b|click here\b|tap here\b|get (?:the latest|our|\w+ on the go)\b|"
        r"follow (?:us|\w+ on|the \w+)\b.*\b(?:twitter|facebook|instagram|x|tiktok|youtube|linkedin)\b|"
        r"(?:this (?:site|website)|we) uses? cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)|"
        r"all rights reserved|like this (?:story|article)\?|have a (?:news )?tip\?|thanks for (?:signing up|reading)|"
        r"(?:previous|next) (?:article|post|story)\b|loading\W*$|©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})",
        r"^(?:sign up|subscribe|register)\b.*\bnewsletters?\b",
        r"^(?:get|sign up|subscribe|have)\b.{0,80}\binbox\b|^if you enjoyed this (?:article|story)\b",
        r"^follow\b.{0,60}\bcoverage\b|^[\w' ]{0,40}\bnewsletters?$",
        r"^(?:order reprints|print (?:this )?article|get access\b|an error has occurred|this article has been sent to|"
        r"thank you\W*$|(?:tags?|tagged|filed under|categories|category)\s*:)",
        r"\b(?:click here|for your personal,? non-commercial use|(?:tap|click) to (?:share|subscribe))\b",
        r"\b(?:all rights reserved|may not be (?:published|reproduced|copied)|without (?:prior )?(?:written )?permission)\b",
    )),
    ("metadata", _rx(
        r"^\d{4}-\d\d-\d\d[T ][\d:.+-]+Z?(?:\s+https?://\S+)?\s*$",
        r"^\S*https?://\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?\s*$",  # an image address left as text
        r"^(?:(?:last )?updated|published|posted)\b(?:\s+\w+){0,3}\s*:?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\W*\w{0,4}\W*$",
        r"^(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)\b\W*\d",
        r"^\d+\s*(?:min(?:ute)?s?)\s+read\W*$",
    )),
    ("credits", _rx(
        r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|translated|produced) by\b",
        r"^(?:write to|e-?mail|contact) .{1,60}\bat \S+@\S+",
        r"\bfollow (?:him|her|them|us|me) (?:on \w+ )?@\w+",
        r"^(?:with (?:\w+ )?wires|source:\s.{1,60})\W*$",
    )),
    ("related-links", _rx(
        r"^\[?(?:related|read (?:more|also|next)|see also|also read|also on [\w.]+|more|recommended|watch|listen)\b\s*[:\-–|]",
        r"^\[(?:related|read more|see also)\b[^\]]*\]\s*$",
        r"^(?:also on [\w.]+|read also|read more|see more)\b",
        r"\[(?:video|pics|pictures|photos|insight|reaction|poll|latest|analysis|gallery|watch)\]\s*$",
    )),
]
# A heading that announces a list of links to other pages: it and the short lines below it go.
_RELATED_HEADING = _rx(
    r"^(?:related(?: articles| stories| posts| content| coverage| news| links| reading)?|read (?:also|more)|"
    r"more (?:from|on|in|stories|news|top stories)\b.*|most (?:read|popular|viewed|shared|commented)\b.*|"
    r"you (?:may|might) also (?:like|be interested in)|recommended(?: for you| reading| stories| articles)?|"
    r"popular (?:on|in|now)\b.*|trending(?: now| stories| on \w+)?|further reading|top stories|latest (?:news|stories)|"
    r"what to read next|in other news|don'?t miss|editor'?s picks|more like this|around the web|from our partners|see also)\W*$"
)
_COMMENTS_HEADING = _rx(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\W*$",
    r"^(?:leave a (?:reply|comment)|join the (?:conversation|discussion)|(?:show|view|read) (?:all )?comments|"
    r"what do you think\?|tell us what you think\W*|discussion)\W*$",
)
_BYLINE = re.compile(r"^(?:[Bb]y|BY)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\b(?!\s+[a-z])")
# "Jana Holm, staff writer", "Per Vindt, Business Correspondent": a name, then a newsroom role
_ROLE_BYLINE = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3},\s+(?:[\w-]+\s+){0,3}(?:writer|reporter|correspondent|editor|"
    r"journalist|contributor|columnist|staff|desk|bureau|producer|analyst|critic)s?\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪►>»›‣◦■□]|\d{1,2}[.)])\s+")
_SEPARATOR = re.compile(r"^[\W_]{3,}$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION_WORDS = STOPWORDS["en"] | set("you your our us we me my it this these here now all up get be first".split())
MIN_JUDGEABLE_TERMS = 8
MIN_STORY_WORDS = 12  # an appended story brings at least a sentence of prose under its headline
CORE_WORDS = 60
HEADLINE_MAX_WORDS = 20
HEADLINE_MIN_WORDS = 3
LINK_SHARED_TERMS = 2  # a list item sharing fewer content words than this with the article is about something else
LABEL_MAX_WORDS = 3  # a section label: "SPORT", "In brief", "Business analysis"
_QUOTED = re.compile(r"^[\"'“‘`(\[]|[\"'”’`)\]]$")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")  # a colon introduces something: it does not end prose
# a sentence ending inside a unit ("... its advertiser. All opinions are mine"): two sentences make prose
_INNER_SENTENCE_END = re.compile(r"\w[a-z)\"'”’]\.[\"'”’]?\s+[\"'“‘]?[A-Z]")
# Menu items are separated by bars, dots, bullets, slashes or chevrons ("World | Politics | Sport").
_MENU_SEPARATOR = re.compile(r"\s*[|·•›»>]\s*|\s+/\s+|\s+::\s+")
MENU_MIN_ITEMS = 3
MENU_ITEM_MAX_WORDS = 4
# Words of a web page's own interface (sharing, accounts, forms, ads, consent): a short line made of them
# is page furniture whatever its phrasing ("Pin it", "Enter your email address", "Save for later").
_INTERFACE_WORDS = frozenset("""
share shares sharing tweet retweet email e-mail mail print pin save bookmark copy link links url permalink
subscribe subscription subscriptions subscriber subscribers unsubscribe newsletter newsletters inbox mailing
sign signup log login logout register registration account password username profile comment comments
commenting reply replies cookie cookies consent privacy gdpr advertisement advertisements advert adverts
advertising ad ads sponsored sponsor promoted scroll continue continues reading click tap swipe download app
apps install browser javascript enable notifications notification alerts alert follow followers like likes
facebook twitter instagram youtube linkedin whatsapp telegram threads tiktok pinterest reddit snapchat
mastodon bluesky messenger flipboard rss menu search homepage website site webpage contact terms conditions
sitemap faq feedback donate premium paywall trial e-paper epaper edition watch listen loading read more
next previous back top skip content close expand view show hide fullscreen gallery article articles post
posts below above here later friend friends send enter address submit required field fields name
""".split())
_READER = re.compile(r"\b(?:your|our|us)\b", re.I)
_QUOTE_MARK = re.compile(r"[\"“”]")
INTERFACE_SHARE = 0.67  # this share of a short line's content words being interface words marks furniture
INTERFACE_MAX_WORDS = 12
CAPTION_MAX_WORDS = 30
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b", re.IGNORECASE)


def word_count(text: str) -> int:
    """Words, counting two Chinese/Japanese characters as one word since those scripts use no spaces."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


@dataclass(slots=True)
class Unit:
    text: str
    block_start: bool  # first unit after a blank line (or of the text)
    reason: str | None = None  # None = kept
    words: int = field(init=False)  # counted once: every pass asks

    def __post_init__(self) -> None:
        self.words = word_count(self.text)

    @property
    def is_short(self) -> bool:
        """Reads as a heading, a menu entry or a link rather than a sentence of prose."""
        return self.words <= MAX_SHORT_WORDS and not _SENTENCE_END.search(self.text)

    @property
    def is_prose(self) -> bool:
        return self.words >= 25 or (self.words >= 8 and bool(
            _PROSE_END.search(self.text) or _INNER_SENTENCE_END.search(self.text)))


@dataclass(slots=True)
class Cleaned:
    paragraphs: list[str]
    removed: list[Removed]
    headline: str | None = None  # the headline line found above the body, if any
    offtopic_scores: list[float] = field(default_factory=list)  # similarity of each tail block to the core

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def split_units(text: str, rejoin_wrapped: bool = True) -> list[Unit]:
    """One unit per line; with ``rejoin_wrapped``, a hard-wrapped block of pasted text (several lines cut at
    a similar width) becomes one paragraph. An extractor's output already has one paragraph per line."""
    units: list[Unit] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if rejoin_wrapped and _is_wrapped(lines):
            lines = [" ".join(lines)]
        units.extend(Unit(line, k == 0) for k, line in enumerate(lines))
    return units


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2 or any(_LIST_ITEM.match(line) for line in lines):  # a list, not a wrapped paragraph
        return False
    if len(lines) == 2:
        return len(lines[0]) >= 55 and lines[1][:1].islower()
    body = lines[:-1]
    return all(55 <= len(line) <= 100 for line in body) and (
        sum(not _SENTENCE_END.search(line) for line in body) >= len(body) / 2)


def clean(text: str, thresholds: Thresholds, title: str | None = None, pasted: bool = True) -> Cleaned:
    """Clean ``text``. ``pasted`` is True for text copied from a page (the whole page, menus included);
    False for an HTML extractor's output, where the page layout already isolated the article, so the
    menu, interface-line, link-run, footer-list and appended-story passes (tuned for whole pasted pages)
    are skipped."""
    units = split_units(text, rejoin_wrapped=pasted)
    _apply_line_rules(units, menus=pasted)
    if pasted:  # an extractor keeps no credit lines to find captions by
        _cut_captions(units)
    _cut_lists_and_comments(units)
    headline = _cut_lead(units, title, cut_menus=pasted)
    if pasted:  # an extractor's output has no page furniture left for these shapes to find, only prose
        _cut_interface_lines(units, headline)
        _cut_foreign_link_runs(units, title or headline)
    _cut_trailing_links(units, lists_only=not pasted)
    scores: list[float] = []
    if pasted:
        scores = _cut_offtopic_tail(units, thresholds.offtopic_similarity, title or headline)
    if headline and not any(u.reason is None for u in units):
        for u in units:  # a headline-only brief ("Swimming star dies at 91"): the headline is the news
            if u.text == headline:
                u.reason = None
    return Cleaned(
        paragraphs=[u.text for u in units if u.reason is None],
        removed=[Removed(u.text, u.reason) for u in units if u.reason],
        headline=headline,
        offtopic_scores=scores,
    )


def _apply_line_rules(units: list[Unit], menus: bool) -> None:
    for u in units:
        if u.words <= PATTERN_MAX_WORDS:
            for reason, pattern in _LINE_RULES:
                if pattern.search(u.text):
                    u.reason = reason
                    break
        if menus and u.reason is None and is_menu(u.text):
            u.reason = "navigation"
        elif u.reason is None and is_agency_credit(u.text):
            u.reason = "credits"


def _cut_captions(units: list[Unit]) -> None:
    """A photo credit on its own line sits in one block with its caption, the line below it (or above it when
    the credit closes the block). The caption describes the picture, not the news: kept, it reads as an event
    ("Water pours over the quay on Monday") in the timeline and the summary. Only one short sentence without
    attribution counts as a caption, so a paragraph glued under a credit stays."""
    for k, u in enumerate(units):
        if u.reason != "photo-credit":
            continue
        k2 = k + 1 if u.block_start else k - 1
        if 0 <= k2 < len(units) and _is_caption(units[k2]) and not (k2 > k and units[k2].block_start):
            units[k2].reason = "photo-caption"


def _is_caption(u: Unit) -> bool:
    return (u.reason is None and u.words <= CAPTION_MAX_WORDS and not _INNER_SENTENCE_END.search(u.text)
            and not _QUOTE_MARK.search(u.text) and not _ATTRIBUTION.search(u.text))


def is_menu(text: str) -> bool:
    """Three or more short capitalised items between menu separators, none of them a sentence."""
    items = [i for i in _MENU_SEPARATOR.split(text) if i.strip()]
    if len(items) < MENU_MIN_ITEMS:
        return False
    return all(len(i.split()) <= MENU_ITEM_MAX_WORDS and not _SENTENCE_END.search(i) for i in items) and (
        sum(i.strip()[:1].isupper() or i.strip()[:1].isdigit() for i in items) >= 0.8 * len(items))


def _cut_interface_lines(units: list[Unit], headline: str | None) -> None:
    for u in units:
        if u.reason is None and u.text != headline and is_interface_line(u.text):
            u.reason = "boilerplate"


def is_interface_line(text: str) -> bool:
    """A short line addressed to the reader about the page itself: its content words are mostly interface
    words ("Pin it", "Save for later"), or it speaks to the reader ("your", "our") about one ("Never miss a
    story: join our mailing list"). Names (capitalised inside the line) are left out of the count."""
    tokens = _WORD.findall(text)
    if not tokens or len(tokens) > INTERFACE_MAX_WORDS or _INNER_SENTENCE_END.search(text) or _QUOTE_MARK.search(text):
        return False
    words = [w.lower() for k, w in enumerate(tokens)
             if w.lower() not in _FUNCTION_WORDS and (k == 0 or not w[0].isupper() or w.lower() in _INTERFACE_WORDS)]
    hits = sum(w in _INTERFACE_WORDS for w in words)
    addressed = bool(_READER.search(text))
    return hits >= 1 and (hits >= INTERFACE_SHARE * len(words) or addressed)


def _cut_lists_and_comments(units: list[Unit]) -> None:
    n = len(units)
    i = 0
    while i < n:
        u = units[i]
        if u.words <= 8 and _COMMENTS_HEADING.match(u.text) and i >= n * 0.4:
            for rest in units[i:]:  # the comment section runs to the end of the page
                rest.reason = rest.reason or "comments"
            return
        if u.words <= 10 and _RELATED_HEADING.match(u.text):
            u.reason = "related-links"
            j = i + 1
            # the list ends at prose, at a comments heading, or at a blank line (a new story may follow)
            while j < n and (units[j].is_short or _LIST_ITEM.match(units[j].text) or units[j].reason) and not (
                (units[j].block_start and not _LIST_ITEM.match(units[j].text) and j > i + 1)
                or _COMMENTS_HEADING.match(units[j].text)
            ):
                j += 1
            # one headline with its paragraph under an "In other news" label is a story (judged as
            # off-topic or not later), not a list of links
            heads_story = j == i + 2 and j < n and units[j].is_prose and not units[j].block_start
            for unit in units[i + 1 : i + 1 if heads_story else j]:
                unit.reason = unit.reason or "related-links"
            i = j
            continue
        i += 1


def _cut_lead(units: list[Unit], title: str | None, cut_menus: bool = True) -> str | None:
    """Above the first prose paragraph: menus, the headline, byline and date lines. Returns the headline."""
    # a cookie or newsletter notice can read as a sentence; it never starts the article
    body = next((k for k, u in enumerate(units) if u.is_prose and u.reason is None and not (
        cut_menus and (is_interface_line(u.text) or _is_question_headline(u, units[k + 1 : k + 2])))), len(units))
    lead = [u for u in units[:body] if u.reason is None]
    wanted = _norm(title) if title else None
    headline = None
    if wanted:
        headline = next((u for u in lead if _norm(u.text) == wanted), None)
    if headline is None and cut_menus:
        # the last headline-like line above the body: menus and teaser lists come before the headline
        candidates = [u for u in lead if HEADLINE_MIN_WORDS <= u.words <= 30
                      and not _SENTENCE_END.search(u.text.rstrip("?!:")) and not _is_metadata_line(u.text)
                      and not _LIST_ITEM.match(u.text) and not is_interface_line(u.text)]
        headline = candidates[-1] if candidates else None
    above = cut_menus and headline is not None  # above the headline: menus, labels, teasers of other stories
    for u in lead:
        if u is headline:
            u.reason = "title"
            above = False
        elif _is_metadata_line(u.text):
            u.reason = "metadata"
        elif (u.is_short or above) and cut_menus:
            u.reason = "navigation"
        elif u.is_short and u.words <= LABEL_MAX_WORDS:
            # an extractor keeps the page's kicker over the story ("Archaeology", "Business analysis"); read
            # as text, it becomes a name (an entity) or the opening of the article
            u.reason = "navigation"
    # the page may repeat its headline (teasers, share bars, image captions)
    if wanted:
        for u in units[body:]:
            if u.reason is None and _norm(u.text) == wanted:
                u.reason = "title"
    return headline.text if headline else None


def _is_question_headline(u: Unit, following: list[Unit]) -> bool:
    """A one-sentence question or exclamation standing alone in its block reads as a headline
    ("Is the sea wall worth saving?"), even though it ends like a sentence."""
    return (u.words <= HEADLINE_MAX_WORDS and u.block_start and u.text[-1:] in "?!"
            and not _INNER_SENTENCE_END.search(u.text) and (not following or following[0].block_start))


def _is_metadata_line(text: str) -> bool:
    if is_masthead(text):
        return True
    words = len(text.split())
    if words <= 12 and (_BYLINE.match(text) or _ROLE_BYLINE.match(text)) and not _SENTENCE_END.search(text):
        return True
    return words <= 14 and infer_published(text) is not None and not _SENTENCE_END.search(text.rstrip(". "))


def _cut_foreign_link_runs(units: list[Unit], title: str | None) -> None:
    """A run of two or more headline-like lines (or list items) most of which share at most one content word
    with the article (a teaser from the same town shares its name) is a list of links to other stories,
    whatever its heading says (or when it has none)."""
    prose = terms(" ".join([title or ""] + [u.text for u in units if u.reason is None and u.is_prose]))
    run: list[Unit] = []
    for u in units + [Unit("", True)]:  # the sentinel closes the last run
        if u.reason is not None:
            continue
        if not u.is_prose and u.text and (not u.block_start or not run):
            run.append(u)
            continue
        foreign = sum(len(terms(r.text).keys() & prose.keys()) < LINK_SHARED_TERMS for r in run)
        heads_paragraph = u.is_prose and not u.block_start  # a label and a headline over their story
        if len(run) >= 2 and foreign > len(run) / 2 and not heads_paragraph:
            for r in run:
                r.reason = "related-links"
        run = [u] if u.text and not u.is_prose else []


def _cut_trailing_links(units: list[Unit], lists_only: bool) -> None:
    """A run of short lines closing the page is a footer menu or a list of links to other stories.

    In pasted text, any three or more short lines; in an extractor's output, which has no menus left,
    only two or more short bulleted items ("- Photos: ...").
    """
    kept = [u for u in units if u.reason is None]
    run = []
    for u in reversed(kept):
        if not u.is_short or (lists_only and not _LIST_ITEM.match(u.text)):
            break
        run.append(u)
    if len(run) >= (2 if lists_only else 3) and len(run) < len(kept):
        for u in run:
            u.reason = "related-links" if lists_only else "navigation"


def _cut_offtopic_tail(units: list[Unit], threshold: float, title: str | None) -> list[float]:
    """Cut the trailing blocks that are unrelated to everything above them.

    Blocks start where a new story could start (a headline or a dateline). Each block is
    scored against the text above it (title, core and earlier blocks); the cut starts at the earliest block
    from which every block to the end scores below ``threshold``. Only a block that looks like a story (a
    headline over at least a paragraph of prose) starts a cut; a block with too few content words to judge
    never starts one but goes with an off-topic tail around it.
    """
    kept = [u for u in units if u.reason is None]
    core_end, core_words = 0, 0
    # the core: the opening paragraphs, up to 60 words, or less when a new story starts right after them
    core_prose = False
    while core_end < len(kept) and (not core_prose or core_end < 2 or core_words < CORE_WORDS) and not (
            core_prose and _starts_story(kept[core_end])):
        core_words += kept[core_end].words
        core_prose = core_prose or kept[core_end].is_prose
        core_end += 1
    blocks: list[list[Unit]] = []
    for u in kept[core_end:]:
        if not blocks or _starts_story(u):
            blocks.append([u])
        else:
            blocks[-1].append(u)
    above = terms(" ".join([title or ""] + [u.text for u in kept[:core_end]]))
    if len(above) < MIN_JUDGEABLE_TERMS or not any(_starts_story(b[0]) for b in blocks):
        return []
    scored = []
    for block in blocks:
        block_terms = terms(" ".join(u.text for u in block))
        scored.append((similarity(block_terms, above), len(block_terms) >= MIN_JUDGEABLE_TERMS))
        above = above + terms(" ".join(u.text for u in block if u.is_prose))  # link lists say nothing
    cut_from = None
    for k in range(len(blocks) - 1, -1, -1):
        score, judgeable = scored[k]
        if judgeable and score >= threshold:
            break
        prose = sum(u.words for u in blocks[k] if u.is_prose)
        if judgeable and _starts_story(blocks[k][0]) and prose >= MIN_STORY_WORDS:
            cut_from = k
    if cut_from is not None and _prose_words(kept[:core_end] + [u for b in blocks[:cut_from] for u in b]) < (
            _prose_words([u for b in blocks[cut_from:] for u in b])):
        cut_from = None  # an appendix is shorter than the article it was glued to: the opening was misread
    if cut_from is not None:
        for block in blocks[cut_from:]:
            for u in block:
                u.reason = "off-topic-appendix"
        before = [u for u in kept if u.reason is None]
        # the rule or section label ("* * *", "SPORT", "In brief") that divided the two stories
        while before and (_SEPARATOR.match(before[-1].text) or (before[-1].is_short and before[-1].words <= LABEL_MAX_WORDS)):
            before.pop().reason = "off-topic-appendix"
    return [s for s, _ in scored]


def _prose_words(units: list[Unit]) -> int:
    return sum(u.words for u in units if u.is_prose)


def _starts_story(u: Unit) -> bool:
    """A headline (short, no sentence punctuation, not a quotation) or a wire dateline ("OSLO (NTB) -")."""
    dateline = dateline_at(u.text)
    if dateline and dateline.agency and dateline.in_capitals:
        return True
    return 3 <= u.words <= HEADLINE_MAX_WORDS and not _SENTENCE_END.search(u.text) and not _QUOTED.search(u.text)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
