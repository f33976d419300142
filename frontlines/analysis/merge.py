"""Merging reports of one happening into one sourced event.

A *report* is an event as read from one document. Reports of the same happening, from one
or many documents, are merged when all of these hold:

* **family**: the same event type (all territorial events form one family, whatever their
  subtype), and the same factuality class: factual modalities (asserted, reported,
  claimed, alleged) never merge with predicted, hypothetical or negated reports;
* **place**: the same place id (or the same name when ids are missing), or, when the two
  locations have different precisions, the same admin1 (the finer place lies inside the
  coarser one's region);
* **date**: the two date intervals overlap, with a slack of :data:`DAY_SLACK` days when
  both are day-precise (so month-precise dates must overlap the month);
* **actors**: actor1 (and actor2) are the same, unknown on one side, or of the same camp;
  for non-territorial battles the pair may also be written the other way round.

Blocking keeps this near-linear: reports are grouped by (family, factuality, country,
admin1 or place), swept in date order, and a report is only compared with the open
clusters of its block whose date window can still reach it, indexed by place and
precision, and with at most :data:`MAX_LINKS` members of each candidate cluster.

Each merged event keeps all evidence and report ids; ``n_sources`` counts documents and
``n_outlets`` distinct outlets (``Evidence.source``, or the document when the source is
unknown). Field values are those most outlets support: fatalities and other quantities
take the value most outlets agree on, ties going to the lower (conservative) number; a
date gets the support of every outlet whose date interval contains it, ties going to the
most precise date; the location is the most precise one given; the modality is the most
factual one present. The merged id is the smallest report id of the cluster.

Corroboration ``confidence`` (in [0, 1])::

    p_o        = c_o * w(m_o)                  for each outlet o
    support    = 1 - prod_o (1 - p_o)          (noisy-or over independent outlets)
    confidence = support * (0.5 + 0.5 * agreement)

where ``m_o`` and ``c_o`` are the modality and extraction confidence of outlet o's most
factual report, ``w`` weighs modalities (asserted 1.0, reported 0.9, claimed 0.7,
alleged 0.6, predicted 0.3, hypothetical 0.2, negated 0.1), and ``agreement`` is the mean,
over actor1, actor2, place, date and fatalities (those that some outlet states), of the
share of stating outlets that agree with the chosen value. One asserted report with the
default extraction confidence 0.5 gives 0.5; two agreeing outlets give 0.75, three 0.875.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..knowledge.camps import TERRITORIAL_GOVERNMENTS
from ..knowledge.normalize import fold_place as _fold_place
from ..models import (
    FACTUAL_MODALITIES,
    MODALITIES,
    ActorRef,
    Event,
    EventDate,
    Evidence,
    Location,
    Quantity,
)

__all__ = [
    "DAY_SLACK",
    "MAX_LINKS",
    "MODALITY_WEIGHTS",
    "actor_key",
    "cluster_reports",
    "date_interval",
    "merge_reports",
    "outlet_of",
    "rebuild_events",
    "update_events",
]

#: Days two day-precise reports may lie apart and still be one happening.
DAY_SLACK = 3
#: Members of a cluster a new report is compared with (the most recent ones).
MAX_LINKS = 16
#: Weight of each modality in the corroboration confidence.
MODALITY_WEIGHTS: dict[str, float] = {
    "asserted": 1.0,
    "reported": 0.9,
    "claimed": 0.7,
    "alleged": 0.6,
    "predicted": 0.3,
    "hypothetical": 0.2,
    "negated": 0.1,
}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_BATTLE_TYPES = ("battle",)


class ReportStore(Protocol):
    """The part of the store that merging needs."""

    def iter_reports(self) -> Iterable[Event]: ...
    def replace_events(self, events: Iterable[Event]) -> int: ...


fold_place = functools.lru_cache(maxsize=65536)(_fold_place)


# -- keys shared by the analysis modules ------------------------------------------------
def outlet_of(evidence: Evidence) -> str:
    """The outlet of a piece of evidence: its source, or its document when unknown."""
    return evidence.source or f"doc:{evidence.doc_id}"


def actor_key(actor: ActorRef) -> str:
    """Identity of an actor: its registry id, or its folded name."""
    return actor.id or f"name:{fold_place(actor.name)}"


def _parse_day(text: str) -> _dt.date | None:
    text = text.strip()
    try:
        if len(text) >= 10:
            return _dt.date.fromisoformat(text[:10])
        if len(text) == 7:
            return _dt.date.fromisoformat(text + "-01")
        if len(text) == 4 and text.isdigit():
            return _dt.date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def _period_end(start: _dt.date, precision: str) -> _dt.date:
    if precision == "year":
        return _dt.date(start.year, 12, 31)
    if precision == "month":
        nxt = _dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    if precision == "week":
        return start + _dt.timedelta(days=6)
    return start


def date_interval(date: EventDate | None) -> tuple[int, int] | None:
    """The date as (first, last) proleptic ordinals; None when it has no usable start."""
    if date is None or not date.start:
        return None
    return _interval(date.start, date.end, date.precision)


@functools.lru_cache(maxsize=65536)
def _interval(start_text: str, end_text: str | None, precision: str) -> tuple[int, int] | None:
    start = _parse_day(start_text)
    if start is None:
        return None
    end = _parse_day(end_text) if end_text else None
    if end is None or end < start:
        end = _period_end(start, precision)
    return start.toordinal(), end.toordinal()


# -- compatibility ----------------------------------------------------------------------
def _family(event: Event) -> str:
    return "territory" if event.territorial else event.type.strip().lower()


def _factuality(event: Event) -> str:
    return "fact" if event.modality in FACTUAL_MODALITIES else event.modality


def _place_key(loc: Location) -> str:
    return loc.id or f"name:{fold_place(loc.name)}"


def _block_key(event: Event) -> tuple[str, ...]:
    loc = event.location
    if loc is None:
        where: tuple[str, ...] = ("nowhere",)
    elif loc.admin1:
        where = ((loc.country or "").upper(), "admin1", fold_place(loc.admin1))
    else:
        where = ((loc.country or "").upper(), "place", _place_key(loc))
    return (_family(event), _factuality(event), *where)


def _place_score(a: Location | None, b: Location | None) -> int:
    """2: the same place; 1: one inside the other's region; 0: incompatible."""
    if a is None or b is None:
        return 2 if a is None and b is None else 0
    if a.id and b.id and a.id == b.id:
        return 2
    same_region = not a.admin1 or not b.admin1 or fold_place(a.admin1) == fold_place(b.admin1)
    if (not a.id or not b.id) and fold_place(a.name) == fold_place(b.name) and same_region:
        return 2
    if a.precision == b.precision:
        return 0
    if a.country and b.country and a.country.upper() != b.country.upper():
        return 0
    coarse, fine = (a, b) if a.precision > b.precision else (b, a)
    if coarse.precision < 3:
        return 0  # two different points (a town and an air base near another town)
    if fine.admin1 and coarse.admin1 and fold_place(fine.admin1) == fold_place(coarse.admin1):
        return 1
    if fine.admin1 and coarse.precision >= 3 and fold_place(coarse.name) == fold_place(fine.admin1):
        return 1
    return 0


def _dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return ia is None and ib is None
    assert a is not None and b is not None
    slack = DAY_SLACK if a.precision == "day" and b.precision == "day" else 0
    return ia[0] <= ib[1] + slack and ib[0] <= ia[1] + slack


def _actor_compatible(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return True
    if a.id and b.id and a.id == b.id:
        return True
    if fold_place(a.name) == fold_place(b.name):
        return True
    return bool(a.camp and b.camp and a.camp == b.camp)


def _actors_compatible(a: Event, b: Event) -> bool:
    if _actor_compatible(a.actor1, b.actor1) and _actor_compatible(a.actor2, b.actor2):
        return True
    if a.territorial or not a.type.strip().lower().startswith(_BATTLE_TYPES):
        return False
    return _actor_compatible(a.actor1, b.actor2) and _actor_compatible(a.actor2, b.actor1)


def _compatibility(a: Event, b: Event) -> int:
    """0 when the two reports cannot be one happening, else a score (higher is closer)."""
    place = _place_score(a.location, b.location)
    if not place or not _dates_compatible(a.date, b.date) or not _actors_compatible(a, b):
        return 0
    return place


# -- clustering -------------------------------------------------------------------------
@dataclass(eq=False)
class _Cluster:
    members: list[Event] = field(default_factory=list)
    last_day: int = 0
    precisions: set[int] = field(default_factory=set)


def _cluster_block(reports: list[Event]) -> tuple[list[list[Event]], int]:
    comparisons = 0
    dated: list[tuple[int, int, Event]] = []
    undated: list[Event] = []
    for r in reports:
        iv = date_interval(r.date)
        if iv is None:
            undated.append(r)
        else:
            dated.append((iv[0], iv[1], r))
    dated.sort(key=lambda t: (t[0], t[1], t[2].id))
    done: list[_Cluster] = []
    by_place: dict[tuple[int, str], list[_Cluster]] = defaultdict(list)
    by_precision: dict[int, list[_Cluster]] = defaultdict(list)

    def place_of(r: Event) -> tuple[int, list[tuple[int, str]]]:
        loc = r.location
        if loc is None:
            return 0, [(0, "")]
        keys = [(loc.precision, f"name:{fold_place(loc.name)}")]
        if loc.id:
            keys.append((loc.precision, loc.id))
        return loc.precision, keys

    def candidates(r: Event, day: int | None) -> list[_Cluster]:
        prec, keys = place_of(r)
        seen: dict[int, _Cluster] = {}
        pools = [by_place[k] for k in keys] + [v for p, v in by_precision.items() if p != prec]
        for pool in pools:
            if day is not None:
                # Dates are swept in order: a closed cluster never reopens.
                pool[:] = [c for c in pool if c.last_day + DAY_SLACK >= day]
            for c in pool:
                seen.setdefault(id(c), c)
        return sorted(seen.values(), key=lambda c: c.members[0].id)

    def place(r: Event, day: int | None, end: int) -> None:
        nonlocal comparisons
        best: _Cluster | None = None
        best_score = 0
        for c in candidates(r, day):
            score = 3
            for m in c.members[-MAX_LINKS:]:
                comparisons += 1
                score = min(score, _compatibility(r, m))
                if not score:
                    break
            if score > best_score:
                best, best_score = c, score
        if best is None:
            best = _Cluster()
            done.append(best)
        best.members.append(r)
        best.last_day = max(best.last_day, end)
        prec, keys = place_of(r)
        for key in keys:
            if not any(c is best for c in by_place[key]):
                by_place[key].append(best)
        if prec not in best.precisions:
            best.precisions.add(prec)
            by_precision[prec].append(best)

    for start, end, r in dated:
        place(r, start, end)
    by_place.clear()
    by_precision.clear()
    for r in sorted(undated, key=lambda e: e.id):
        place(r, None, 0)
    return [c.members for c in done], comparisons


def cluster_reports(reports: Iterable[Event]) -> tuple[list[list[Event]], int]:
    """Group reports of one happening; returns the clusters and the comparisons made."""
    blocks: dict[tuple[str, ...], list[Event]] = defaultdict(list)
    for r in reports:
        blocks[_block_key(r)].append(r)
    clusters: list[list[Event]] = []
    comparisons = 0
    for key in sorted(blocks):
        found, n = _cluster_block(blocks[key])
        clusters.extend(found)
        comparisons += n
    return clusters, comparisons


# -- choosing field values --------------------------------------------------------------
def _outlets(report: Event) -> set[str]:
    return {outlet_of(e) for e in report.evidence} or {f"report:{report.id}"}


def _docs(report: Event) -> set[str]:
    return {e.doc_id for e in report.evidence} or {f"report:{report.id}"}


def _account(reports: Sequence[Event]) -> tuple[str, str | None]:
    """The modality of a merged event and who it is attributed to.

    ``one-account-per-document``: an article that names the source of a happening in one
    sentence ("..., the monitor said") and states it bare in another (its headline) gives
    the source's account: its factual reports take the attributed modality. Across
    documents the strongest account wins (asserted, then reported, claimed, alleged)."""
    per_doc: dict[str, list[Event]] = defaultdict(list)
    for r in reports:
        per_doc[min(_docs(r))].append(r)
    accounts: list[tuple[str, str | None]] = []
    for group in per_doc.values():
        ranked = sorted(group, key=lambda r: (_modality_rank(r.modality), -r.confidence, r.id))
        account = (ranked[0].modality, ranked[0].attributed_to)
        if account[0] == "asserted":
            sourced = [r for r in ranked if r.is_fact and r.modality != "asserted" and r.attributed_to]
            if sourced:
                account = (sourced[0].modality, sourced[0].attributed_to)
        if account[1] is None:
            account = (account[0], next((r.attributed_to for r in ranked
                                         if r.modality == account[0] and r.attributed_to), None))
        accounts.append(account)
    return min(accounts, key=lambda a: (_modality_rank(a[0]), a[1] is None))


def _modality_rank(modality: str) -> int:
    return MODALITIES.index(modality) if modality in MODALITIES else len(MODALITIES)


def _votes(pairs: Iterable[tuple[str, set[str]]]) -> dict[str, set[str]]:
    votes: dict[str, set[str]] = defaultdict(set)
    for key, outlets in pairs:
        votes[key] |= outlets
    return votes


def _agreement(votes: dict[str, set[str]], chosen: str | None) -> float | None:
    stating = set().union(*votes.values()) if votes else set()
    if not stating or chosen is None:
        return None
    return len(votes.get(chosen, set())) / len(stating)


def _richness(actor: ActorRef) -> tuple[int, int, int, str]:
    return (0 if actor.id else 1, 0 if actor.camp else 1, 1 if actor.provisional else 0, actor.name)


def _choose_actor(reports: list[Event], role: str) -> tuple[ActorRef | None, float | None]:
    refs: dict[str, list[ActorRef]] = defaultdict(list)
    pairs: list[tuple[str, set[str]]] = []
    for r in reports:
        ref: ActorRef | None = getattr(r, role)
        if ref is not None:
            refs[actor_key(ref)].append(ref)
            pairs.append((actor_key(ref), _outlets(r)))
    if not refs:
        return None, None
    votes = _votes(pairs)
    key = min(votes, key=lambda k: (-len(votes[k]), min(_richness(a) for a in refs[k]), k))
    return min(refs[key], key=_richness), _agreement(votes, key)


def _choose_location(reports: list[Event]) -> tuple[Location | None, float | None]:
    locs: dict[str, Location] = {}
    pairs: list[tuple[str, set[str]]] = []
    for r in reports:
        if r.location is not None:
            key = _place_key(r.location)
            old = locs.get(key)
            if old is None or (old.lat is None and r.location.lat is not None):
                locs[key] = r.location
            pairs.append((key, _outlets(r)))
    if not locs:
        return None, None
    votes = _votes(pairs)
    key = min(
        votes,
        key=lambda k: (locs[k].precision, -len(votes[k]), locs[k].lat is None, locs[k].name, k),
    )
    return locs[key], _agreement(votes, key)


def _choose_date(reports: list[Event]) -> tuple[EventDate | None, float | None]:
    dated = [(r, date_interval(r.date)) for r in reports]
    known = [(r, iv) for r, iv in dated if iv is not None and r.date is not None]
    if not known:
        dates = [r.date for r in reports if r.date is not None]
        return (dates[0] if dates else None), None
    stating: set[str] = set()
    for r, _ in known:
        stating |= _outlets(r)
    best: tuple[int, int, int, str] | None = None
    chosen: EventDate | None = None
    for r, iv in known:
        assert r.date is not None
        support: set[str] = set()
        for other, oiv in known:
            if oiv[0] <= iv[0] and iv[1] <= oiv[1]:
                support |= _outlets(other)
        rank = (-len(support), _PRECISION_RANK.get(r.date.precision, 9), iv[0], r.id)
        if best is None or rank < best:
            best, chosen = rank, r.date
    assert best is not None
    return chosen, -best[0] / len(stating)


def _choose_number(votes: dict[int, set[str]]) -> int | None:
    if not votes:
        return None
    return min(votes, key=lambda v: (-len(votes[v]), v))


def _choose_fatalities(reports: list[Event]) -> tuple[int | None, float | None]:
    votes: dict[int, set[str]] = defaultdict(set)
    for r in reports:
        if r.fatalities is not None:
            votes[r.fatalities] |= _outlets(r)
    value = _choose_number(votes)
    if value is None:
        return None, None
    stating = set().union(*votes.values())
    return value, len(votes[value]) / len(stating)


def _choose_quantities(reports: list[Event]) -> list[Quantity]:
    found: dict[tuple[str, str], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    sample: dict[tuple[str, str, int], Quantity] = {}
    ranges: dict[tuple[str, str], Quantity] = {}
    for r in reports:
        for q in r.quantities:
            key = (q.kind, q.group or "")
            if q.value is None:
                ranges.setdefault(key, q)
                continue
            found[key][q.value] |= _outlets(r)
            sample.setdefault((*key, q.value), q)
    out: list[Quantity] = []
    for key in sorted(set(found) | set(ranges)):
        value = _choose_number(found.get(key, {}))
        out.append(sample[(*key, value)] if value is not None else ranges[key])
    return out


def _confidence(reports: list[Event], agreements: list[float | None]) -> float:
    best: dict[str, Event] = {}
    for r in reports:
        for o in _outlets(r):
            old = best.get(o)
            if old is None or _modality_rank(r.modality) < _modality_rank(old.modality):
                best[o] = r
    miss = 1.0
    for r in best.values():
        c = min(max(r.confidence, 0.0), 1.0)
        miss *= 1.0 - c * MODALITY_WEIGHTS.get(r.modality, 0.1)
    stated = [a for a in agreements if a is not None]
    agreement = sum(stated) / len(stated) if stated else 1.0
    return round(min(1.0, max(0.0, (1.0 - miss) * (0.5 + 0.5 * agreement))), 4)


def _merge_actors(reports: list[Event], exclude: set[str]) -> list[ActorRef]:
    out: dict[str, ActorRef] = {}
    for r in reports:
        for a in r.assoc_actors:
            key = actor_key(a)
            if key not in exclude and (key not in out or _richness(a) < _richness(out[key])):
                out[key] = a
    return [out[k] for k in sorted(out)]


_TAKEOVERS = {True: "Government regains territory", False: "Non-state actor overtakes territory"}
_TAKEOVERS_BY_NAME = set(_TAKEOVERS.values())


def _merge_cluster(reports: list[Event]) -> Event:
    reports = sorted(reports, key=lambda r: r.id)
    lead = min(
        reports,
        key=lambda r: (
            _modality_rank(r.modality),
            r.location.precision if r.location else 9,
            r.id,
        ),
    )
    kinds = _votes((f"{r.type}\x00{r.subtype}", _outlets(r)) for r in reports)
    lead_kind = f"{lead.type}\x00{lead.subtype}"
    kind = min(kinds, key=lambda k: (-len(kinds[k]), k != lead_kind, k))
    type_, subtype = kind.split("\x00", 1)
    actor1, ag1 = _choose_actor(reports, "actor1")
    actor2, ag2 = _choose_actor(reports, "actor2")
    location, ag_loc = _choose_location(reports)
    date, ag_date = _choose_date(reports)
    fatalities, ag_fat = _choose_fatalities(reports)
    evidence: list[Evidence] = []
    seen: set[tuple[str, int, int, str]] = set()
    # The most complete reports first: what a reader should see before the rest.
    for r in sorted(reports, key=lambda r: (_modality_rank(r.modality), -r.confidence, r.id)):
        for e in r.evidence:
            key = (e.doc_id, e.char_start, e.char_end, e.sentence)
            if key not in seen:
                seen.add(key)
                evidence.append(e)
    report_ids = sorted({r.id for r in reports} | {i for r in reports for i in r.report_ids})
    docs = set().union(*(_docs(r) for r in reports))
    outlets = set().union(*(_outlets(r) for r in reports))
    modality, attributed = _account(reports)
    if lead.territorial and actor1 is not None and subtype in _TAKEOVERS_BY_NAME:
        # Who took the place decides ACLED's sub-event type, whatever the reports guessed.
        subtype = _TAKEOVERS[actor1.camp in TERRITORIAL_GOVERNMENTS]
    main = {actor_key(a) for a in (actor1, actor2) if a is not None}
    return Event(
        id=report_ids[0],
        type=type_,
        subtype=subtype,
        actor1=actor1,
        actor2=actor2,
        assoc_actors=_merge_actors(reports, main),
        location=location,
        date=date,
        fatalities=fatalities,
        quantities=_choose_quantities(reports),
        modality=modality,
        attributed_to=attributed,
        evidence=evidence,
        confidence=_confidence(reports, [ag1, ag2, ag_loc, ag_date, ag_fat]),
        trigger=lead.trigger,
        territorial=lead.territorial,
        cameo=lead.cameo,
        plover=lead.plover,
        n_sources=len(docs),
        n_outlets=len(outlets),
        report_ids=report_ids,
        notes=lead.notes,
        rules=sorted({name for r in reports for name in r.rules}),
    )


def merge_reports(reports: Iterable[Event]) -> list[Event]:
    """Merge per-document reports into events, ordered by date then id."""
    clusters, _ = cluster_reports(reports)
    events = [_merge_cluster(c) for c in clusters]
    events.sort(key=lambda e: ((e.date.start or "~") if e.date else "~", e.id))
    return events


def rebuild_events(store: ReportStore) -> int:
    """Merge every stored report and replace the store's events; returns the event count."""
    return store.replace_events(merge_reports(store.iter_reports()))


def update_events(store: Any, new_report_ids: Iterable[str]) -> int:
    """Bring the events up to date after new reports were stored, re-merging only the
    blocks (kind of event, factuality, region) the new reports fall in.

    Reports never merge across blocks and merging is order-independent, so the result
    equals a full :func:`rebuild_events`. Returns the number of events written.
    """
    new = set(new_report_ids)
    if not new:
        return 0
    if not hasattr(store, "swap_events"):
        return rebuild_events(store)
    with store.merge_lock():
        reports = list(store.iter_reports())
        blocks = {_block_key(r) for r in reports if r.id in new}
        affected = [r for r in reports if _block_key(r) in blocks]
        # Every event built from these blocks goes, whoever merged it (another process
        # may have merged some of the new reports meanwhile).
        old_ids = store.event_ids_for_reports({r.id for r in affected})
        written: int = store.swap_events(old_ids, merge_reports(affected))
    return written
