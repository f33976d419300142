"""Sentence labels from whole-article annotations, for training and scoring the
sentence classifier.

A sentence that holds the evidence of a gold event is labelled with the event's sub-event
type; one that holds only a not-event quote is labelled ``not_event``; every other
sentence of a completely coded article is ``none``: it reports no event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .annotations import GoldArticle, read_articles

NOT_EVENT = "not_event"
NONE = "none"


@dataclass(frozen=True)
class LabelledSentence:
    """One sentence of an annotated document and what a coder found in it."""

    doc_id: str
    set: str
    split: str
    text: str
    label: str  # a sub-event type, ``not_event`` or ``none``

    @property
    def is_event(self) -> bool:
        return self.label not in (NOT_EVENT, NONE)


def _spans(text: str, quote: str) -> Iterator[tuple[int, int]]:
    start = text.find(quote)
    while start >= 0:
        yield start, start + len(quote)
        start = text.find(quote, start + 1)


def article_sentences(article: GoldArticle, base: Path) -> list[LabelledSentence]:
    """The sentences of ``article`` as the reader splits them, each with its label."""
    from ..nlp.sentences import split_sentences
    from .articles import to_document

    document = to_document(article, base)
    text = document.text
    marks: list[tuple[int, int, str]] = []
    for event in article.events:
        for quote in event.evidence:
            marks.extend((a, b, event.subtype) for a, b in _spans(text, quote))
    for quote in article.not_events:
        marks.extend((a, b, NOT_EVENT) for a, b in _spans(text, quote))
    out = []
    for sentence in split_sentences(text):
        found = [label for a, b, label in sorted(marks) if a < sentence.end and b > sentence.start]
        events = [label for label in found if label != NOT_EVENT]
        if events:
            # The most frequent; on a tie, the first in the text.
            label = Counter(events).most_common(1)[0][0]
        elif found:
            label = NOT_EVENT
        else:
            label = NONE
        out.append(LabelledSentence(article.id, article.set, article.split, sentence.text, label))
    return out


def labelled_sentences(paths: Iterable[str | Path]) -> list[LabelledSentence]:
    """Every sentence of every article in the annotation files ``paths``."""
    out: list[LabelledSentence] = []
    for path in paths:
        base = Path(path).resolve().parent
        for article in read_articles(path):
            out.extend(article_sentences(article, base))
    return out
