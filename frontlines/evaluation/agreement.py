"""Agreement between two coders of the same articles, event by event and field by field.

Events of the two codings are paired as the scorer pairs the reader's events with gold
ones: by overlapping evidence first, then by type, place and date. Two codings of a field
agree when they share an acceptable value: a common actor or place name (folded, or the
same registry actor), a common region, an overlapping date range with the same precision,
the same number killed, the same type and modality.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .annotations import GoldArticle, GoldEvent
from .fields import actor_id, fold, region_key

AGREEMENT_FIELDS = ("type", "subtype", "actor1", "actor2", "place", "admin1", "country", "date",
                    "fatalities", "modality", "background")


def _names_agree(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return not a and not b
    if {fold(x) for x in a} & {fold(x) for x in b}:
        return True
    ids_a = {actor_id(x) for x in a} - {None}
    return bool(ids_a & ({actor_id(x) for x in b} - {None}))


def field_agreement(a: GoldEvent, b: GoldEvent) -> dict[str, bool]:
    pa, pb = a.place, b.place
    da, db = a.date, b.date
    if da.start is None or db.start is None:
        dates = da.start is None and db.start is None
    else:
        assert da.end is not None and db.end is not None
        dates = da.precision == db.precision and da.start <= db.end and db.start <= da.end
    actors = (_names_agree(a.actor1, b.actor1), _names_agree(a.actor2, b.actor2))
    if a.subtype == b.subtype == "Armed clash" and not all(actors) and (
            _names_agree(a.actor1, b.actor2) and _names_agree(a.actor2, b.actor1)):
        actors = (True, True)  # who fought whom, in either order
    return {
        "type": a.type == b.type,
        "subtype": a.subtype == b.subtype,
        "actor1": actors[0],
        "actor2": actors[1],
        "place": (pa is None and pb is None) or (
            pa is not None and pb is not None
            and (bool({fold(n) for n in pa.names} & {fold(n) for n in pb.names})
                 or (not pa.names and not pb.names))),
        "admin1": ({region_key(n) for n in (pa.admin1 if pa else [])}
                   == {region_key(n) for n in (pb.admin1 if pb else [])}
                   or bool({region_key(n) for n in (pa.admin1 if pa else [])}
                           & {region_key(n) for n in (pb.admin1 if pb else [])})),
        "country": (pa.country if pa else None) == (pb.country if pb else None),
        "date": dates,
        "fatalities": a.fatalities == b.fatalities or {a.fatalities, b.fatalities} == {0, None},
        "modality": a.modality == b.modality,
        "background": a.background == b.background,
    }


def _overlap(a: GoldEvent, b: GoldEvent) -> bool:
    qa = [fold(q) for q in a.evidence]
    qb = [fold(q) for q in b.evidence]
    return any(x and y and (x in y or y in x) for x in qa for y in qb)


def pair_events(a: Sequence[GoldEvent], b: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    cands = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            f = field_agreement(x, y)
            ev = _overlap(x, y)
            if not ev and not (f["type"] and f["place"] and f["date"] and x.place is not None):
                continue
            cands.append((100 * ev + 4 * f["subtype"] + 2 * f["place"] + f["date"] + f["actor1"], i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return out


@dataclass
class Agreement:
    articles: int = 0
    events_first: int = 0
    events_second: int = 0
    paired: int = 0
    agree: Counter[str] = field(default_factory=Counter)
    disagreements: list[tuple[str, str, GoldEvent, GoldEvent]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        n = self.events_first + self.events_second
        return {
            "articles": self.articles,
            "events_first": self.events_first,
            "events_second": self.events_second,
            "paired": self.paired,
            "event_f1": round(2 * self.paired / n, 3) if n else None,
            "fields": {f: round(self.agree[f] / self.paired, 3) if self.paired else None
                       for f in AGREEMENT_FIELDS},
        }


def agreement(first: Sequence[GoldArticle], second: Sequence[GoldArticle]) -> Agreement:
    """Agreement over the articles both codings hold."""
    by_id = {a.id: a for a in first}
    out = Agreement()
    for b in second:
        a = by_id.get(b.id)
        if a is None:
            continue
        out.articles += 1
        out.events_first += len(a.events)
        out.events_second += len(b.events)
        for i, j in pair_events(a.events, b.events):
            out.paired += 1
            for name, ok in field_agreement(a.events[i], b.events[j]).items():
                out.agree[name] += ok
                if not ok:
                    out.disagreements.append((a.id, name, a.events[i], b.events[j]))
    return out
