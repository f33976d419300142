"""Page furniture: the parts of a saved web page that are not the article.

Sign-up boxes, share and comment widgets, cookie notices, photo credits, author bios at
the end, and "see more"/"related" lists (with everything after such a list when it ends
the page). The rules work line by line on short lines and general vocabulary, so that
they apply to any outlet; every pattern is linear and runs only on lines of bounded
length, so the time per document stays proportional to its length.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

#: Lines longer than these are never taken for the given kind of furniture.
MAX_SIGNUP_LINE = 300
MAX_SHORT_SIGNUP_LINE = 120
MAX_WIDGET_LINE = 80
MAX_COOKIE_LINE = 400
MAX_CAPTION_LINE = 300
MAX_MARKER_LINE = 60
MAX_BIO_LINE = 2000
MAX_LIST_ITEM = 160
#: Most headlines taken after a list marker that does not end the page.
MAX_LIST_ITEMS = 15
#: Non-empty lines allowed between two furniture lines for the lines between to be taken
#: as part of the same block (a sign-up box with its headings and blurbs).
MAX_BLOCK_GAP = 6
#: A list marker in the last part of the page (from this share of the text) ends the page.
TAIL_SHARE = 0.5

_SIGNUP = re.compile(
    r"\b(?:subscrib(?:e|ed|es|ing|ers?)|subscriptions?|unsubscribe|newsletters?|inbox"
    r"|sign(?:ing)?[- ]?up|signup|by clicking|you agree|terms of (?:use|service)"
    r"|privacy policy|e-?mail address|your e-?mail|log ?in|sign in|create an account"
    r"|register (?:now|for free|here)|free trial|daily digest|mailing list|never miss"
    r"|don['’]t miss|stay (?:informed|up to date|updated|in the know))\b",
    re.IGNORECASE,
)
_SIGNUP_STRONG = re.compile(
    r"\b(?:by clicking\b.{0,120}\byou agree|you(?:'re|’re| are| have been) (?:now )?"
    r"(?:subscribed|signed up)|sign up (?:for|to) (?:our|the)\b.{0,40}\b(?:newsletter|"
    r"e-?mails?|updates|digest)|(?:enter|type) your e-?mail|(?:get|delivered|straight) "
    r"(?:\w+ ){0,4}(?:in|to) your inbox|thank you for (?:subscribing|signing up))",
    re.IGNORECASE,
)
#: Cues that a short sign-up line addresses the reader (imperative or second person).
_ADDRESS = re.compile(
    r"^(?:get|sign|subscribe|join|enter|register|click|follow|receive|stay|don['’]t miss|"
    r"never miss|try|start|create|log|thank)\b|\byou(?:r|'re|’re)?\b|!\s*$",
    re.IGNORECASE,
)
_WIDGET_STRONG = frozenset(
    {"share", "shares", "tweet", "facebook", "twitter", "whatsapp", "linkedin", "reddit",
     "telegram", "pinterest", "email", "e-mail", "print", "comment", "comments", "flipboard",
     "messenger", "copy"}
)
_WIDGET_WORDS = _WIDGET_STRONG | frozenset(
    {"x", "mail", "link", "url", "reply", "replies", "save", "this", "article", "story",
     "page", "post", "on", "via", "the", "to", "a", "an", "leave", "view", "show", "hide",
     "all", "join", "discussion", "conversation", "add", "your", "read", "and", "or", "with",
     "friends", "sms", "more", "options", "icon", "button"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we use|uses?|accept|consent|by continuing|browsing|privacy|settings|policy|"
    r"preferences|agree|experience)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"(?:^|[.!?)”\"]\s+)\(?(?:source|photo|photograph|image|picture|credit|courtesy)s?"
    r"(?: credit)?\s*:\s*[^\s:][^:]{0,100}$",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(
    r"^\(?(?:(?:photo|image|picture)s?\s+(?:by|via|courtesy of|credit)\b[^.]{0,80}"
    r"|(?:AFP|Reuters|AP|EPA|Getty Images|Anadolu(?: Agency)?)(?:\s*/\s*[^.()]{1,60})?"
    r"(?:\s+(?:photo|file photo|images?))?)\)?\.?$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"^(?:(?:see|read|view|show|load|get|find) (?:more|all)(?: \w+){0,5}"
    r"|related(?: \w+){0,3}|more (?:from|on|about|in|stories|articles|news|like this)"
    r"(?: \w+){0,5}|(?:you|we think you) (?:may|might|could) (?:also )?(?:like|enjoy|be "
    r"interested in)|recommended(?: \w+){0,2}|most (?:read|popular|viewed|shared)"
    r"(?: \w+){0,2}|trending(?: \w+){0,2}|further reading|also (?:read|see)|editor['’]s "
    r"picks?|top stories|latest (?:news|stories|articles|posts)|other stories|keep reading)"
    r"\s*[:.]?\s*$",
    re.IGNORECASE,
)
_INLINE_READ_MORE = re.compile(
    r"^(?:read|see) (?:more|also)\s*[:|-]|^also read\s*[:|-]|^related\s*[:|-]", re.IGNORECASE
)
_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|abu|abd|de|del|van|von|der|da|di|le|la|du|st\.?)$")
_BIO_ROLE = re.compile(
    r"\b(?:fellow|analyst|researcher|research|journalist|correspondent|reporter|writer|"
    r"editor|author|professor|lecturer|director|contributor|columnist|scholar|student|"
    r"candidate|translator|expert|founder|co-founder|producer|photographer|consultant|"
    r"specialist|commentator|blogger|historian|economist|strategist|advis[eo]r|"
    r"chair(?:man|woman)?|freelance[r]?|host|novelist|poet|filmmaker|associate)s?\b",
    re.IGNORECASE,
)
_BIO_VERB = re.compile(
    r"^(?:is|was)\s+(?:(?:currently|now|also|formerly)\s+)?(?:a|an|the)\s+|"
    r"^(?:writes|reports|covers|teaches|tweets|works)\b|^has (?:written|reported|covered)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_CONTINUATION = re.compile(
    r"^(?:he|she|they|his|her|their|follow|email|e-mail|contact|previously|before "
    r"joining|a graduate|prior to|you can|reach)\b",
    re.IGNORECASE,
)


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def _is_signup(line: str) -> bool:
    if len(line) > MAX_SIGNUP_LINE:
        return False
    if _SIGNUP_STRONG.search(line):
        return True
    hits = {m.group(0).lower() for m in _SIGNUP.finditer(line)}
    if len(hits) >= 2:
        return True
    if not hits or len(line) > MAX_SHORT_SIGNUP_LINE:
        return False
    return len(line) <= 40 and len(line.split()) <= 4 or bool(_ADDRESS.search(line))


def _is_widget(line: str) -> bool:
    if len(line) > MAX_WIDGET_LINE:
        return False
    words = [w.lower() for w in _WORD.findall(line)]
    if not words:
        return False
    strong = any(w in _WIDGET_STRONG for w in words)
    return strong and all(w in _WIDGET_WORDS or w.isdigit() for w in words)


def _is_cookie(line: str) -> bool:
    return (
        len(line) <= MAX_COOKIE_LINE
        and bool(_COOKIE.search(line))
        and bool(_COOKIE_CONTEXT.search(line))
    )


def _is_caption(line: str) -> bool:
    if len(line) > MAX_CAPTION_LINE:
        return False
    return bool(_CAPTION.search(line)) or bool(_AGENCY_CREDIT.match(line))


def _is_marker(line: str) -> bool:
    return len(line) <= MAX_MARKER_LINE and bool(_MARKER.match(line))


def _is_inline_link(line: str) -> bool:
    return len(line) <= MAX_SIGNUP_LINE and bool(_INLINE_READ_MORE.match(line))


def _is_bio(line: str) -> bool:
    """``Name Surname is a research fellow at ...``, ``Name is an independent analyst``."""
    if len(line) > MAX_BIO_LINE or not line[:1].isupper():
        return False
    words = line[:200].split()
    for i, word in enumerate(words[:7]):
        if word in ("is", "was", "writes", "reports", "covers", "teaches", "has", "works",
                    "tweets"):
            if i == 0:
                return False
            name = words[:i]
            if not all(w[:1].isupper() or _PARTICLE.match(w.split("-")[0].lower()) for w in name):
                return False
            rest = " ".join(words[i:])
            if not _BIO_VERB.match(rest):
                return False
            sentence = _SENTENCE_END.split(rest[:300], maxsplit=1)[0]
            return bool(_BIO_ROLE.search(sentence)) or " at " in sentence
    return False


def _is_short_line(line: str) -> bool:
    return len(line) <= MAX_LIST_ITEM


def _is_list_item(line: str) -> bool:
    """A headline in a list of links: short, and not a sentence of prose."""
    return len(line) <= MAX_LIST_ITEM and not (len(line) > 60 and line[-1] in ".!?\"”")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(start, end)`` of ``text`` that are page furniture, not article.

    Ranges are sorted, do not overlap, and cover whole lines.
    """
    lines = _lines(text)
    n = len(lines)
    furniture = [False] * n
    anchors: list[int] = []
    for i, line in enumerate(lines):
        t = line.text
        if not t:
            continue
        if _is_signup(t) or _is_widget(t) or _is_cookie(t):
            furniture[i] = True
            anchors.append(i)
        elif _is_caption(t) or _is_inline_link(t):
            furniture[i] = True

    # A block between two nearby anchors (a sign-up box with its headings and blurbs).
    for a, b in itertools.pairwise(anchors):
        between = [j for j in range(a + 1, b) if lines[j].text]
        if len(between) <= MAX_BLOCK_GAP and all(_is_short_line(lines[j].text) for j in between):
            for j in between:
                furniture[j] = True

    # List markers: the list after them; to the end of the page when in its last part.
    tail_from = n
    tail_start_char = TAIL_SHARE * len(text)
    i = 0
    while i < n:
        line = lines[i]
        if not line.text or not _is_marker(line.text):
            i += 1
            continue
        if line.start >= tail_start_char:
            tail_from = i
            break
        furniture[i] = True
        i += 1
        items = 0
        while i < n and items < MAX_LIST_ITEMS:
            if lines[i].text:
                if not _is_list_item(lines[i].text):
                    break
                items += 1
            furniture[i] = True
            i += 1
    for i in range(tail_from, n):
        furniture[i] = True

    # Author bios at the end: a bio line followed only by bios, their continuations and
    # furniture, up to the end or the tail list.
    marked_from = tail_from
    for i in range(tail_from - 1, -1, -1):
        t = lines[i].text
        if not t or furniture[i]:
            continue
        if _is_bio(t):
            for j in range(i, marked_from):
                furniture[j] = True
            marked_from = i
            continue
        if _CONTINUATION.match(t) and len(t) <= MAX_BIO_LINE:
            continue
        break

    spans: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if not furniture[i] or not line.text:
            continue
        if spans and not text[spans[-1][1] : line.start].strip():
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
    return spans
