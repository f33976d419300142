"""The article score as text: development and held-out figures side by side."""

from __future__ import annotations

from typing import Any

from .articles import ArticleScore, Outcome
from .fields import FIELDS

_ROWS = (
    ("articles", "articles"),
    ("gold events", "gold_events"),
    ("gold events, own news", "gold_own_news"),
    ("asserted events", "asserted"),
    ("matched", "matched"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("recall, own news", "recall_own_news"),
    ("fully right / matched", "fully_right_of_matched"),
    ("fully right / asserted", "fully_right_of_asserted"),
    ("not events asserted", "not_events_asserted"),
    ("duplicates asserted", "duplicates"),
    ("other false positives", "other_false_positives"),
)
_COLUMNS = ("dev", "heldout", "all")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(parts: dict[str, dict[str, Any]], columns: tuple[str, ...]) -> list[str]:
    cols = [c for c in columns if c in parts]
    lines = [f"{'':<24}" + "".join(f"{c:>10}" for c in cols)]
    for label, key in _ROWS:
        lines.append(f"{label:<24}" + "".join(f"{_cell(parts[c][key]):>10}" for c in cols))
    lines.append("field accuracy, matched events")
    for name in FIELDS:
        lines.append(f"  {name:<22}" + "".join(f"{_cell(parts[c]['fields'][name]):>10}" for c in cols))
    return lines


def _by_set(parts: dict[str, dict[str, Any]]) -> list[str]:
    sets = [n for n in parts if "/" not in n and n not in _COLUMNS]
    head = "precision / recall / fully right of matched"
    lines = [f"{'by set':<10}{'dev':>28}{'held out':>28}", f"{'':<10}{head:>56}"]
    for s in sets:
        row = f"{s:<10}"
        for split in ("dev", "heldout"):
            p = parts.get(f"{s}/{split}")
            if p is None:
                row += f"{'(none)':>28}"
                continue
            figs = " / ".join(_cell(p[k]) for k in ("precision", "recall", "fully_right_of_matched"))
            row += f"{figs + ' (' + str(p['articles']) + ')':>28}"
        lines.append(row)
    return lines


def _sentence(outcome: Outcome) -> str:
    if outcome.event is not None and outcome.event.evidence:
        return outcome.event.evidence[0].sentence
    return outcome.gold.evidence[0] if outcome.gold is not None else ""


def _describe(o: Outcome) -> str:
    e = o.event
    if e is None:
        return ""
    a1 = e.actor1.name if e.actor1 else "-"
    a2 = e.actor2.name if e.actor2 else "-"
    place = e.location.name if e.location else "-"
    when = e.date.start if e.date else "-"
    return f"{e.subtype} | {a1} -> {a2} | {place} | {when} | killed {e.fatalities} | {e.modality}"


def examples(score: ArticleScore, n: int) -> list[str]:
    """Up to ``n`` false positives, misses and wrong fields of the development part.

    Held-out articles are never listed: only their figures may be read."""
    dev = [o for o in score.outcomes if o.article.split == "dev"]
    lines: list[str] = []
    groups = (
        ("false positives", [o for o in dev if o.kind == "false_positive"]),
        ("misses", [o for o in dev if o.kind == "miss"]),
        ("matched with a wrong field", [o for o in dev if o.kind == "match" and not o.fully_right]),
    )
    for title, items in groups:
        lines.append(f"\n{title} (development part, {len(items)}; first {min(n, len(items))}):")
        for o in items[:n]:
            tag = f"[{o.why}] " if o.why else ""
            lines.append(f"- {o.article.id} {tag}{_describe(o)}")
            if o.kind == "miss" and o.gold is not None:
                lines.append(f"    gold: {o.gold.subtype} | {', '.join(o.gold.actor1[:1]) or '-'}"
                             f" -> {', '.join(o.gold.actor2[:1]) or '-'}")
            if o.kind == "match":
                wrong = ", ".join(k for k, ok in o.fields.items() if not ok)
                lines.append(f"    wrong: {wrong}")
            lines.append(f"    “{_sentence(o)[:240]}”")
    return lines


_VIEW_TITLES = {
    "ingest": "events as ingest stores them (one per happening)",
    "reports": "the reader's reports before merging (one per sentence)",
}


def format_score(score: ArticleScore, show: int = 0, view: str = "ingest") -> str:
    parts = score.to_dict()
    title = ("Whole articles coded by CODING.md: every factual event asserted, matched to the "
             f"coders'; {_VIEW_TITLES.get(view, view)}.")
    lines = [title, ""]
    lines += _table(parts, _COLUMNS)
    lines += [""] + _by_set(parts)
    if show:
        lines += examples(score, show)
    return "\n".join(lines)
