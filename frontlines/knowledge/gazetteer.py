"""The offline gazetteer: candidate places for a name, and the best one in context.

The index is a SQLite file built once by :func:`frontlines.knowledge.gazetteer_build.build_index`
and cached under :func:`frontlines.settings.cache_dir`. Nothing is loaded at import; use
:func:`get_gazetteer` (cached) or :meth:`Gazetteer.load`.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontlines.errors import KnowledgeError
from frontlines.knowledge.gazetteer_build import VILLAGE, build_index, default_index_path
from frontlines.knowledge.normalize import fold_place, normalize_place, place_form, similarity
from frontlines.models import Location
from frontlines.settings import cache_dir

__all__ = ["VARIANT_SIMILARITY", "Candidate", "Gazetteer", "get_gazetteer", "haversine_km", "split_qualifier"]

#: A spelling-skeleton match counts as a variant only from this similarity of written forms.
VARIANT_SIMILARITY = 0.75
#: Skeleton keys shorter than this ("hm", "n") match too many names to mean anything.
_MIN_SKELETON = 2
#: Outside the document's countries, a town needs this population (and its own name) to count.
_BIG_ABROAD = 100_000
_SELECT = (
    "SELECT p.id, p.pid, p.name, p.lat, p.lon, p.admin1, p.cc, p.population, p.feature,"
    " p.precision, p.safe, n.origin, n.form FROM names n JOIN places p ON p.id = n.place"
)

_REGION_WORDS = r"(?:countryside|province|governorate|state|suburbs|rural areas?|region|areas?|desert|badia)"
_DIRECTION = r"(?:(?:north|south|east|west)(?:ern)?|(?:north|south)[ -]?(?:east|west)(?:ern)?|central)"
_ADMIN_AFTER = re.compile(rf"^(?:(?:the )?{_DIRECTION} )?(?P<core>.+?)(?:'s)? (?:{_DIRECTION} )?{_REGION_WORDS}$")
_ADMIN_BEFORE = re.compile(
    rf"^(?:the )?(?:{_DIRECTION} )?(?:rural|{_REGION_WORDS} of|{_DIRECTION} {_REGION_WORDS} of) (?P<core>.+)$"
)
_TOWN_AFTER = re.compile(r"^(?P<core>.+?) (?:city|town|village|district|neighbou?rhood|camp)$")
_NEAR_BEFORE = re.compile(r"^(?:near|(?:the )?outskirts of|(?:the )?vicinity of|around|(?:north|south|east|west) of) (?P<core>.+)$")
_NEAR_AFTER = re.compile(r"^(?P<core>.+?)(?:'s)? outskirts$")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def split_qualifier(name: str) -> tuple[str, str]:
    """Split "Aleppo countryside" into ("Aleppo", "admin"); "near Homs" into ("Homs", "near")."""
    text = fold_place(name).replace(" s ", "'s ")
    patterns = (
        (_NEAR_BEFORE, "near"), (_NEAR_AFTER, "near"), (_ADMIN_AFTER, "admin"), (_ADMIN_BEFORE, "admin"),
        (_TOWN_AFTER, "town"),
    )
    for pattern, kind in patterns:
        m = pattern.match(text)
        if m and m.group("core").strip():
            return m.group("core").strip(), kind
    return name, ""


@dataclass(frozen=True)
class Candidate:
    """One indexed place; ``exact`` says whether the name matched before spelling folding,
    ``origin`` whether through the place's own or a curated name (2) or an alternate name
    of the packaged data (1), ``similarity`` how alike the written forms of a spelling
    variant are (1.0 for an exact match)."""

    row: int
    pid: str
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str
    population: int
    feature: str
    precision: int
    safe: int
    exact: bool
    origin: int = 2
    similarity: float = 1.0

    def location(self, text: str | None = None, precision: int | None = None) -> Location:
        return Location(
            name=self.name, text=text, id=self.pid, lat=self.lat, lon=self.lon, admin1=self.admin1,
            country=self.country, precision=precision or self.precision, feature=self.feature,
        )


class Gazetteer:
    """Read-only queries on the index. Thread-safe; one SQLite connection per instance."""

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self._con = con
        self._lock = threading.Lock()
        self.path = path
        meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
        self.stop_words: frozenset[str] = frozenset(json.loads(meta.get("stop_words", "[]")))
        self.person_titles: frozenset[str] = frozenset(json.loads(meta.get("person_titles", "[]")))
        self.fac_features: frozenset[str] = frozenset(json.loads(meta.get("fac_features", "[]")))
        self.name_prefixes: frozenset[str] = frozenset(json.loads(meta.get("name_prefixes", "[]")))
        self._fetch = lru_cache(maxsize=65536)(self._fetch_uncached)
        self._admin1_cache: dict[tuple[str, str], Candidate | None] = {}
        self._names: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path``, or the cached default one (built on first use)."""
        if path is None:
            path = default_index_path(cache_dir())
            if not path.exists():
                build_index(path)
        if not path.exists():
            raise KnowledgeError(f"no gazetteer index at {path}; build it with build_index()", source=str(path))
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.Error as exc:
            raise KnowledgeError(f"cannot open gazetteer index {path}: {exc}; delete it to rebuild", source=str(path)) from exc
        return cls(con, path)

    def close(self) -> None:
        self._con.close()

    # --- raw candidates -------------------------------------------------------------
    def _fetch_uncached(self, folded: str, key: str, form: str) -> tuple[Candidate, ...]:
        """Written-form matches of ``folded``, then spelling variants under skeleton ``key``
        whose written form is like ``form``, in a focus country or a written-form match's."""
        with self._lock:
            rows = self._con.execute(_SELECT + " WHERE n.key = ? AND n.exact = 1", (folded,)).fetchall()
            ccs = sorted({r[6] for r in rows})
            more: list[Any] = []
            if key and len(key) >= _MIN_SKELETON:
                marks = ",".join("?" * len(ccs))
                more = self._con.execute(
                    _SELECT + f" WHERE n.key = ? AND n.exact = 0 AND p.feature != 'PCLI'"
                    f" AND (p.safe >= 2 OR p.cc IN ({marks}))",
                    (key, *ccs),
                ).fetchall()
        best: dict[int, Candidate] = {}
        for r in rows:
            old = best.get(r[0])
            if old is None or r[11] > old.origin:
                best[r[0]] = self._candidate(r, True, 1.0)
        variants: dict[int, Candidate] = {}
        for r in more:
            if r[0] in best:
                continue
            sim = similarity(form, r[12] or "")
            old = variants.get(r[0])
            if sim >= VARIANT_SIMILARITY and (old is None or (sim, r[11]) > (old.similarity, old.origin)):
                variants[r[0]] = self._candidate(r, False, sim)
        return (*best.values(), *variants.values())

    @staticmethod
    def _candidate(r: Any, exact: bool, sim: float) -> Candidate:
        return Candidate(
            row=r[0], pid=r[1], name=r[2], lat=r[3], lon=r[4], admin1=r[5], country=r[6],
            population=r[7], feature=r[8], precision=r[9], safe=r[10], exact=exact,
            origin=r[11], similarity=sim,
        )

    def candidates(self, name: str, *, robust: bool = True) -> list[Candidate]:
        """Places whose name folds like ``name``; with ``robust``, also places spelled like
        it (same skeleton, similar written form) in the conflict region or in the country
        of a written-form match."""
        key = (name, robust)
        cached = self._names.get(key)
        if cached is not None:
            return list(cached)
        folded = fold_place(name)
        if not folded:
            return []
        found = self._fetch(folded, normalize_place(name), place_form(name))
        result = [c for c in found if robust or c.exact]
        if len(self._names) > 100_000:
            self._names.clear()
        self._names[key] = tuple(result)
        return result

    def safe_candidates(self, name: str) -> list[Candidate]:
        """Places safe to tag in running text under ``name``: written-form matches of
        focus-region places, countries, capitals and large cities; spelling-variant matches
        of focus-region places only."""
        return [c for c in self.candidates(name) if c.safe >= 2 or (c.safe >= 1 and c.exact)]

    # --- public API -----------------------------------------------------------------
    def lookup(self, name: str) -> list[Location]:
        """All candidate places for ``name`` (exact-name matches first)."""
        found = self.candidates(name)
        if not found:
            core, kind = split_qualifier(name)
            if kind:
                found = self.candidates(core)
        found.sort(key=lambda c: (not c.exact, -c.population))
        return [c.location(text=name) for c in found]

    def admin1_of(self, country: str, admin1: str) -> Candidate | None:
        """The first-level subdivision named ``admin1`` in ``country``."""
        key = (country, admin1)
        if key not in self._admin1_cache:
            match = [c for c in self.candidates(admin1) if c.feature == "ADM1" and c.country == country]
            match.sort(key=lambda c: (not c.exact, fold_place(c.name) != fold_place(admin1)))
            self._admin1_cache[key] = match[0] if match else None
        return self._admin1_cache[key]

    def score(
        self,
        cand: Candidate,
        *,
        countries: Sequence[str] = (),
        near: Sequence[tuple[float, float]] = (),
        admin1_hint: str | None = None,
        query: str = "",
    ) -> float:
        # A spelling variant scores by how alike the written forms are, below a written match.
        s = 3.0 if cand.exact else 10.0 * cand.similarity - 7.5
        if cand.country in countries:
            s += 4.0 - 0.5 * min(countries.index(cand.country), 2)
        if admin1_hint and cand.admin1 and normalize_place(cand.admin1) == normalize_place(admin1_hint):
            s += 3.0
        if near and cand.lat is not None and cand.lon is not None:
            d = min(haversine_km(cand.lat, cand.lon, lat, lon) for lat, lon in near)
            s += 3.0 if d < 60 else 1.5 if d < 200 else 0.0
        # A town of the packaged data holds at least 500 people, its count given or not; a
        # place of the village list may be a hamlet.
        if cand.feature == VILLAGE:
            people = 30  # below a governorate of the same name ("Borno")
            if cand.origin < 2:
                s -= 1.0  # matched by one of its variant names only
        else:
            people = cand.population or (1000 if cand.feature not in ("ADM1", "PCLI") else 0)
        s += 0.5 * math.log10(people + 1)
        if cand.exact:
            # A capital is meant by its bare name over a village that shares it ("Riyadh").
            # A province is better known than a village or small town that shares its name
            # ("Borno" the Nigerian state, not the Italian village).
            s += {"PCLI": 4.0, "ADM1": 2.0, "PPLC": 2.5}.get(cand.feature, 0.0)
        if cand.pid.startswith("supp:"):
            s += 2.0
        return s

    def resolve(
        self,
        name: str,
        *,
        countries: Iterable[str] = (),
        near: Iterable[tuple[float, float]] | tuple[float, float] | None = None,
        admin1_hint: str | None = None,
        safe_only: bool = False,
    ) -> Location | None:
        """The most likely place for ``name`` given the document's countries and places.

        With ``safe_only``, only places the toponym ruler may tag are considered."""
        ccs = tuple(dict.fromkeys(c.upper() for c in countries))
        points: tuple[tuple[float, float], ...] = ()
        if near is not None:
            seq: list[Any] = list(near)
            if len(seq) == 2 and all(isinstance(v, (int, float)) for v in seq):
                points = ((float(seq[0]), float(seq[1])),)
            else:
                points = tuple((float(p[0]), float(p[1])) for p in seq)
        def fetch(text: str) -> list[Candidate]:
            cands = self.safe_candidates(text) if safe_only else self.candidates(text)
            if ccs:
                # With the document's countries known, a spelling variant elsewhere is no
                # evidence, nor is a place elsewhere matched by an alternate name only
                # ("Bostan" is an alternate name of Boston) unless it is a country or a
                # capital; a small place elsewhere counts only when nothing else matches.
                kept = [
                    c for c in cands
                    if c.country in ccs or (
                        c.exact and (c.feature in ("PCLI", "PPLC") or (c.population >= _BIG_ABROAD and c.origin == 2))
                    )
                ]
                cands = kept or [c for c in cands if c.exact and c.origin == 2]
            return cands

        found = fetch(name)
        kind = ""
        if not found:
            core, kind = split_qualifier(name)
            if not kind:
                return None
            found = fetch(core)
            if not found:
                return None

        def best(cands: list[Candidate]) -> Candidate:
            return max(
                cands,
                key=lambda c: (self.score(c, countries=ccs, near=points, admin1_hint=admin1_hint, query=name), c.population),
            )

        if kind != "admin":
            # A bare governorate name that is also its capital's name means the town.
            seats = {(c.country, c.admin1) for c in found if c.feature not in ("ADM1", "PCLI")}
            towns_first = [c for c in found if not (c.feature == "ADM1" and (c.country, c.name) in seats)]
            found = towns_first or found
        top = best(found)
        if kind == "admin":
            admins = [c for c in found if c.feature == "ADM1"]
            if admins:
                adm = best(admins)
                if adm.country == top.country or not top.admin1:
                    return adm.location(text=name, precision=3)
            if top.admin1 and top.feature != "PCLI":
                adm2 = self.admin1_of(top.country, top.admin1)
                if adm2 is not None:
                    return adm2.location(text=name, precision=3)
            return top.location(text=name, precision=max(top.precision, 2))
        if kind == "near":
            return top.location(text=name, precision=max(top.precision, 2))
        if kind == "town":
            towns = [c for c in found if c.feature not in ("ADM1", "PCLI")]
            if towns:
                top = best(towns)
        return replace(top.location(text=name))


_LOCK = threading.Lock()
_DEFAULT: dict[str, Gazetteer] = {}


def get_gazetteer(path: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer for ``path`` (default index), built and opened on first call."""
    key = str(path or "")
    with _LOCK:
        if key not in _DEFAULT:
            _DEFAULT[key] = Gazetteer.load(path)
        return _DEFAULT[key]
