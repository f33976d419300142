"""A fast rule-based sentence splitter that keeps character offsets.

The full parser only sees the sentences that can hold an event, so sentences are cut
before parsing, with rules tuned for news prose (abbreviations, initials, quotes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "gov", "sen", "rep", "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "jr", "sr", "inc", "ltd", "co", "corp", "dept", "u.s", "u.n", "u.k", "e.g", "i.e", "approx", "est", "fig", "al", "ft"]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[•\-*–]\s)|\n")
_MAX_SENTENCE = 2000


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial."""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if len(word) == 1:
        return True  # an initial: "James N. Mattis"
    return word in _ABBREVIATIONS


def split_sentences(text: str) -> Iterator[Sentence]:
    """Yield sentences with their offsets in ``text``; paragraphs are never crossed."""
    pos = 0
    paragraph = 0
    for para in _PARAGRAPH.split(text):
        start = text.find(para, pos) if para else pos
        if start < 0:
            start = pos
        pos = start + len(para)
        if not para.strip():
            continue
        cursor = 0
        for m in _BOUNDARY.finditer(para):
            dot = m.start()
            if para[dot] == "." and _is_abbreviation(para, dot):
                continue
            yield from _emit(para, cursor, m.end(), start, paragraph)
            cursor = m.end()
        yield from _emit(para, cursor, len(para), start, paragraph)
        paragraph += 1


def _emit(para: str, a: int, b: int, offset: int, paragraph: int) -> Iterator[Sentence]:
    chunk = para[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if not chunk:
        return
    begin = offset + a + lead
    # Very long runs without punctuation are cut so that no parse is unbounded.
    for i in range(0, len(chunk), _MAX_SENTENCE):
        piece = chunk[i : i + _MAX_SENTENCE]
        yield Sentence(begin + i, begin + i + len(piece), piece, paragraph)
