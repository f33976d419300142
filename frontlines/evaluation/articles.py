"""Scoring whole articles against the coders' complete event lists.

Each factual event the reader asserts (asserted, reported, claimed or alleged) is matched
to at most one gold event of the same article: first by evidence (its sentence overlaps a
quote of the gold event), then by what it says (same type, place and date). Unmatched
assertions are false positives, sorted into duplicates of a matched event, "not events"
(a sentence the coder marked as looking like an event but not being one) and others.
Figures are kept per split and per set, so development and held-out parts can be read
side by side.

Two views are scored. ``ingest`` (the default) is what an analyst finds in the store after
ingesting the article on its own: the reader's reports of one happening merged into one
event by :func:`frontlines.analysis.merge.merge_reports`. ``reports`` is the reader's
output before merging, one report per sentence that tells an event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Document, Event, Extraction
from .annotations import GoldArticle, GoldEvent, article_text
from .fields import FIELDS, field_results, fold

FACTUAL = frozenset({"asserted", "reported", "claimed", "alleged"})
Span = tuple[int, int]


def to_document(article: GoldArticle, base: Path) -> Document:
    """The article as ``frontlines ingest`` would read it, with its publication date."""
    from ..errors import InputError
    from ..ingest.document import RawRecord, build_document

    given: dict[str, Any] = {"id": article.id, "title": article.title, "outlet": article.source,
                             "published": article.published, "url": article.url}
    if article.published_from == "label":
        given["published_precision"] = "approximate"
    doc = build_document(RawRecord(source=article.id, text=article_text(article, base), given=given))
    if isinstance(doc, InputError):
        raise doc
    return doc


@dataclass
class Outcome:
    """One line of the score: a matched pair, a false positive or a miss."""

    article: GoldArticle
    kind: str  # match | false_positive | miss
    event: Event | None = None
    gold: GoldEvent | None = None
    fields: dict[str, bool] = field(default_factory=dict)
    why: str = ""  # for false positives: duplicate | not_event | other

    @property
    def fully_right(self) -> bool:
        return self.kind == "match" and all(self.fields.values())


def _spans(text: str, quotes: Iterable[str]) -> list[Span]:
    out = []
    for q in quotes:
        i = text.find(q)
        if i >= 0:
            out.append((i, i + len(q)))
    return out


def _overlaps(event: Event, spans: list[Span], quotes: Sequence[str]) -> bool:
    for ev in event.evidence:
        if any(ev.char_start < e and s < ev.char_end for s, e in spans):
            return True
        sentence = fold(ev.sentence)
        for q in quotes:
            fq = fold(q)
            if fq and sentence and (fq in sentence or sentence in fq):
                return True
    return False


def _same_content(event: Event, gold: GoldEvent) -> bool:
    """Another report of the same happening: its type, place and date agree."""
    res = field_results(event, gold, ("type", "place", "date"))
    return gold.place is not None and all(res.values())


def match_article(article: GoldArticle, document: Document, events: Sequence[Event]) -> list[Outcome]:
    """The outcomes of one article: every factual event and every gold event, once."""
    text = document.text
    asserted = [e for e in events if e.modality in FACTUAL]
    gold_spans = [_spans(text, g.evidence) for g in article.events]
    pairs: list[tuple[int, int, int, dict[str, bool]]] = []
    for i, ev in enumerate(asserted):
        for j, g in enumerate(article.events):
            res = field_results(ev, g)
            by_evidence = _overlaps(ev, gold_spans[j], g.evidence)
            by_content = g.place is not None and res["type"] and res["place"] and res["date"]
            if not (by_evidence or by_content):
                continue
            score = (100 * by_evidence + 8 * res["subtype"] + 4 * res["type"] + 2 * res["place"]
                     + 2 * res["date"] + res["actor1"] + res["fatalities"])
            pairs.append((score, i, j, res))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    taken_e: dict[int, int] = {}
    taken_g: set[int] = set()
    out: list[Outcome] = []
    for _, i, j, res in pairs:
        if i in taken_e or j in taken_g:
            continue
        taken_e[i] = j
        taken_g.add(j)
        out.append(Outcome(article, "match", asserted[i], article.events[j], res))
    not_spans = _spans(text, article.not_events)
    for i, ev in enumerate(asserted):
        if i in taken_e:
            continue
        if any(_overlaps(ev, gold_spans[j], article.events[j].evidence) for j in taken_g):
            why = "duplicate"
        elif _overlaps(ev, not_spans, article.not_events):
            why = "not_event"
        elif any(_same_content(ev, article.events[j]) for j in taken_g):
            why = "duplicate"
        else:
            why = "other"
        out.append(Outcome(article, "false_positive", ev, why=why))
    for j, g in enumerate(article.events):
        if j not in taken_g:
            out.append(Outcome(article, "miss", gold=g))
    return out


@dataclass
class Figures:
    """The figures of one part (a split, a set, or both)."""

    articles: int = 0
    gold: int = 0
    gold_own: int = 0
    asserted: int = 0
    matched: int = 0
    matched_own: int = 0
    fully_right: int = 0
    false_positives: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        if outcome.kind in ("match", "miss"):
            assert outcome.gold is not None
            self.gold += 1
            self.gold_own += not outcome.gold.background
        if outcome.kind in ("match", "false_positive"):
            self.asserted += 1
        if outcome.kind == "false_positive":
            self.false_positives[outcome.why] += 1
        if outcome.kind == "match":
            assert outcome.gold is not None
            self.matched += 1
            self.matched_own += not outcome.gold.background
            self.fully_right += outcome.fully_right
            for name, ok in outcome.fields.items():
                self.right[name] += ok

    def to_dict(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "articles": self.articles,
            "gold_events": self.gold,
            "gold_own_news": self.gold_own,
            "asserted": self.asserted,
            "matched": self.matched,
            "precision": share(self.matched, self.asserted),
            "recall": share(self.matched, self.gold),
            "recall_own_news": share(self.matched_own, self.gold_own),
            "fully_right_of_matched": share(self.fully_right, self.matched),
            "fully_right_of_asserted": share(self.fully_right, self.asserted),
            "not_events_asserted": self.false_positives["not_event"],
            "duplicates": self.false_positives["duplicate"],
            "other_false_positives": self.false_positives["other"],
            "fields": {name: share(self.right[name], self.matched) for name in FIELDS},
        }


@dataclass
class ArticleScore:
    """Every outcome, and the figures per part."""

    outcomes: list[Outcome]
    parts: dict[str, Figures]

    def to_dict(self) -> dict[str, Any]:
        return {name: figures.to_dict() for name, figures in self.parts.items()}


def part_names(article: GoldArticle) -> tuple[str, ...]:
    return ("all", article.split, article.set, f"{article.set}/{article.split}")


VIEWS = ("ingest", "reports")


def events_in_view(extraction: Extraction, view: str) -> list[Event]:
    """The events of one article as the view shows them."""
    if view == "reports":
        return list(extraction.events)
    if view == "ingest":
        from ..analysis.merge import merge_reports

        return merge_reports(extraction.events)
    raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")


def score_articles(articles: Sequence[GoldArticle], documents: Sequence[Document],
                   extractions: Sequence[Extraction], view: str = "ingest") -> ArticleScore:
    outcomes: list[Outcome] = []
    parts: dict[str, Figures] = {}
    for article, doc, ex in zip(articles, documents, extractions, strict=True):
        names = part_names(article)
        for name in names:
            parts.setdefault(name, Figures()).articles += 1
        for outcome in match_article(article, doc, events_in_view(ex, view)):
            outcomes.append(outcome)
            for name in names:
                parts[name].add(outcome)
    order = ["all", "dev", "heldout"]
    sets = sorted({a.set for a in articles})
    order += [n for s in sets for n in (s, f"{s}/dev", f"{s}/heldout")]
    return ArticleScore(outcomes, {n: parts[n] for n in order if n in parts})


def evaluate_articles(paths: Sequence[str | Path], *, extractor: Any = None,
                      views: Sequence[str] = ("ingest",)) -> dict[str, ArticleScore]:
    """Read annotation files, run the reader over their articles and score each view."""
    from ..pipeline import get_extractor
    from .annotations import read_articles

    articles: list[GoldArticle] = []
    documents: list[Document] = []
    for path in paths:
        base = Path(path).resolve().parent
        for article in read_articles(path):
            articles.append(article)
            documents.append(to_document(article, base))
    ex = extractor or get_extractor()
    extractions = list(ex.extract_many(documents))
    return {view: score_articles(articles, documents, extractions, view) for view in views}
