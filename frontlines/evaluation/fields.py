"""Whether one field of an extracted event agrees with the coder's.

Each check takes the extracted :class:`~frontlines.models.Event` and the
:class:`~.annotations.GoldEvent` and answers yes or no. Names are compared folded (case,
accents, punctuation and words such as "governorate" ignored) and, where the project's
knowledge can tell, by identity: an actor name the registry knows is its actor, a place
name the gazetteer resolves in the event's country is its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from ..knowledge.normalize import fold_place
from ..models import Event
from .annotations import GoldEvent

#: The fields scored on every matched event, in the order they are printed.
FIELDS = ("type", "subtype", "actor1", "actor2", "place", "admin1", "country", "date",
          "fatalities", "modality")
_REGION_WORDS = re.compile(
    r"\b(governorate|province|state|region|oblast|oblast'|district|muhafazat|wilayat|"
    r"division|department|prefecture|county|territory)\b")
_ARTICLE = re.compile(r"\b(al|el|as|ad|ar|an|at|az|ash|ad)\b")
_CIVILIANS = re.compile(r"^Civilians \([^)]+\)$")
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def fold(text: str | None) -> str:
    """Lower case, no accents or apostrophes, letters and digits only, single spaces."""
    return fold_place(text) if text else ""


def region_key(text: str | None) -> str:
    """A region's name without its kind or Arabic article: "Deir ez-Zor Governorate" -> "deirzor"."""
    key = _ARTICLE.sub(" ", _REGION_WORDS.sub(" ", fold(text)))
    return key.replace(" ", "")


@lru_cache(maxsize=4096)
def actor_id(name: str) -> str | None:
    from ..knowledge.actors import get_registry

    actor = get_registry().match(name)
    return actor.id if actor is not None else None


@lru_cache(maxsize=4096)
def _place_id(name: str, country: str | None) -> str | None:
    from ..knowledge.gazetteer import get_gazetteer

    loc = get_gazetteer().resolve(name, countries=[country] if country else [])
    if loc is None or (country and loc.country != country):
        return None
    return loc.id


def actor_right(predicted: object, gold_names: list[str]) -> bool:
    """No actor where the coder has none; otherwise one of the coder's names or its actor."""
    from ..models import ActorRef

    if not gold_names:
        return predicted is None
    if not isinstance(predicted, ActorRef):
        return False
    civilians = [n for n in gold_names if _CIVILIANS.match(n)]
    if civilians:  # ACLED's form, with the country, and nothing else
        return fold(predicted.name) in {fold(n) for n in civilians}
    said = {fold(predicted.name), fold(predicted.text)} - {""}
    if said & {fold(n) for n in gold_names}:
        return True
    if predicted.id:
        return any(actor_id(n) == predicted.id for n in gold_names)
    return False


def place_right(event: Event, gold: GoldEvent) -> bool:
    loc, place = event.location, gold.place
    if place is None:
        return loc is None
    if not place.names:  # only the country is known
        return loc is None or (loc.country == place.country and loc.precision >= 3)
    if loc is None:
        return False
    said = {fold(loc.name), fold(loc.text)} - {""}
    if said & {fold(n) for n in place.names}:
        return True
    return bool(loc.id) and any(_place_id(n, place.country) == loc.id for n in place.names)


def admin1_right(event: Event, gold: GoldEvent) -> bool:
    loc, place = event.location, gold.place
    wanted = [region_key(n) for n in (place.admin1 if place else [])]
    if not wanted:
        return loc is None or not loc.admin1
    if loc is None or not loc.admin1:
        return False
    got = region_key(loc.admin1)
    return any(got == w or (min(len(got), len(w)) >= 4 and (got.startswith(w) or w.startswith(got)))
               for w in wanted)


def country_right(event: Event, gold: GoldEvent) -> bool:
    want = gold.place.country if gold.place else None
    got = event.location.country if event.location else None
    return want == got


def date_right(event: Event, gold: GoldEvent) -> bool:
    """Within the coder's range, and no more precise than the text allows."""
    d, g = event.date, gold.date
    if g.start is None or g.end is None:
        return d is None or d.start is None
    if d is None or d.start is None:
        return False
    end = d.end or d.start
    if not (g.start <= d.start and end <= g.end):
        return False
    return _DATE_RANK.get(d.precision, 0) >= _DATE_RANK.get(g.precision, 0)


def fatalities_right(predicted: int | None, gold: int | None) -> bool:
    """Equal; a coder's 0 (nobody reported killed) also accepts no number."""
    return predicted == gold or (gold == 0 and predicted is None)


CHECKS: dict[str, Callable[[Event, GoldEvent], bool]] = {
    "type": lambda e, g: e.type == g.type,
    "subtype": lambda e, g: e.subtype == g.subtype,
    "actor1": lambda e, g: actor_right(e.actor1, g.actor1),
    "actor2": lambda e, g: actor_right(e.actor2, g.actor2),
    "place": place_right,
    "admin1": admin1_right,
    "country": country_right,
    "date": date_right,
    "fatalities": lambda e, g: fatalities_right(e.fatalities, g.fatalities),
    "modality": lambda e, g: e.modality == g.modality,
}


def field_results(event: Event, gold: GoldEvent, fields: Iterable[str] = FIELDS) -> dict[str, bool]:
    """Each field right or wrong. The two sides of an armed clash may come in either order
    (who fought whom), as ACLED leaves it; in every other type actor1 is the one who acted."""
    out = {name: CHECKS[name](event, gold) for name in fields}
    if ("actor1" in out and "actor2" in out and not (out["actor1"] and out["actor2"])
            and gold.subtype == "Armed clash"
            and actor_right(event.actor2, gold.actor1) and actor_right(event.actor1, gold.actor2)):
        out["actor1"] = out["actor2"] = True
    return out
