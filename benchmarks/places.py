"""Gazetteer benchmark: spelling variants, lookup speed, memory, build time, UCDP geocoding.

Run: ``.venv/bin/python benchmarks/places.py [--rebuild]``. Prints figures, asserts nothing.

The UCDP measure takes single-source rows of the UCDP GED Syria development split with
``where_prec == 1`` whose headline names the town (after spelling normalisation), geocodes
the headline (place mentions found by the toponym ruler, resolved with Syria as context,
the most specific kept) and counts the share within 25 km of UCDP's point and the share in
UCDP's governorate.
"""

from __future__ import annotations

import os
import sys

# Other benchmark scripts sit beside this one; keep them from shadowing standard modules.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse
import csv
import gc
import re
import resource
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.knowledge.gazetteer import Gazetteer, haversine_km  # noqa: E402
from frontlines.knowledge.gazetteer_build import build_index, default_index_path  # noqa: E402
from frontlines.knowledge.normalize import normalize_place  # noqa: E402
from frontlines.settings import cache_dir  # noqa: E402

UCDP = Path("/work/shared/eval/ucdp/ucdp-syria-dev.csv")
VARIANTS = ROOT / "tests" / "data" / "place_variants.tsv"
_TYPE_WORDS = re.compile(
    r"\s+(town|village|city|suburb|sector|neighbou?rhood|district|area|camp|hamlet|farm|quarter|airbase|airport|base)\s*$",
    re.I,
)
_WORD = re.compile(r"[\w'’ʿʾ`-]+", re.UNICODE)


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ucdp_names(where: str) -> list[str]:
    core = _TYPE_WORDS.sub("", where.strip())
    return [n.strip() for n in core.split("/") if n.strip()]


def headline_keys(headline: str) -> set[str]:
    words = _WORD.findall(headline)
    keys: set[str] = set()
    for i in range(len(words)):
        for n in range(1, 5):
            if i + n <= len(words):
                key = normalize_place(" ".join(words[i : i + n]))
                if key:
                    keys.add(key)
    return keys


def admin_key(name: str) -> str:
    return normalize_place(re.sub(r"\s+(governorate|province)$", "", name.strip(), flags=re.I))


def ucdp_measure(gaz: Gazetteer) -> None:
    import spacy

    from frontlines.nlp.toponyms import find_place_spans, resolve_document_places

    nlp = spacy.blank("en")
    rows = []
    with UCDP.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            head = row["source_headline"] or ""
            if ";" in head or row["where_prec"] != "1":
                continue
            names = ucdp_names(row["where_coordinates"])
            keys = headline_keys(head)
            if any(normalize_place(n) in keys for n in names if normalize_place(n)):
                rows.append(row)
    within = admin_ok = found = 0
    misses: list[str] = []
    for row in rows:
        doc = nlp(row["source_headline"])
        doc.spans["places"] = find_place_spans(doc, gaz)
        pairs = resolve_document_places(doc, gaz, countries=("SY",))
        pairs = [(s, loc) for s, loc in pairs if loc.lat is not None]
        if not pairs:
            misses.append(f"none   | {row['where_coordinates']} | {row['source_headline'][:100]}")
            continue
        found += 1
        span, loc = min(pairs, key=lambda p: (p[1].precision, p[0].start))
        assert loc.lat is not None and loc.lon is not None
        d = haversine_km(loc.lat, loc.lon, float(row["latitude"]), float(row["longitude"]))
        ok_d = d <= 25
        ok_a = bool(loc.admin1) and admin_key(loc.admin1 or "") == admin_key(row["adm_1"])
        within += ok_d
        admin_ok += ok_a
        if not ok_d:
            misses.append(f"{d:6.0f} | {row['where_coordinates']} | {loc.name} ({span.text}) | {row['source_headline'][:90]}")
    n = len(rows)
    print(f"UCDP rows measured (single source, where_prec 1, town named in headline): {n}")
    print(f"UCDP headlines with a place found: {found}/{n} = {found / max(n, 1):.3f}")
    print(f"UCDP within 25 km: {within}/{n} = {within / max(n, 1):.3f}")
    print(f"UCDP admin1 match: {admin_ok}/{n} = {admin_ok / max(n, 1):.3f}")
    if "--misses" in sys.argv:
        print("\n".join(misses))


def variant_accuracy(gaz: Gazetteer) -> None:
    total = ok = 0
    with VARIANTS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            total += 1
            loc = gaz.resolve(row["variant"], countries=("SY", "IQ"))
            ok += bool(loc and loc.id == row["expected_id"])
    print(f"variant accuracy: {ok}/{total} = {ok / max(total, 1):.3f}")


def lookup_speed(gaz: Gazetteer) -> None:
    names: list[str] = []
    with VARIANTS.open(encoding="utf-8") as fh:
        names = [r["variant"] for r in csv.DictReader(fh, delimiter="\t")]
    names += ["London", "Paris", "Bel", "Gen", "Kuweires", "Aleppo countryside", "Nowhereville"]
    times = []
    for name in names:
        gaz._fetch.cache_clear()
        t0 = time.perf_counter()
        gaz.resolve(name, countries=("SY",))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"lookup (resolve, cold cache) mean {statistics.mean(times):.3f} ms, p95 {p95:.3f} ms over {len(times)} names")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true", help="time a fresh build into a temp dir")
    parser.add_argument("--misses", action="store_true", help="list UCDP rows geocoded wrong")
    args = parser.parse_args()
    path = default_index_path(cache_dir())
    if args.rebuild or not path.exists():
        target = Path(tempfile.mkdtemp()) / "gazetteer.sqlite" if path.exists() else path
        t0 = time.perf_counter()
        build_index(target)
        print(f"index build time: {time.perf_counter() - t0:.1f} s ({target.stat().st_size / 1e6:.1f} MB on disk)")
    gc.collect()
    before = rss_mb()
    gaz = Gazetteer.load(path)
    for name in ("Aleppo", "Deir Ezzor", "Palmyra"):
        gaz.resolve(name)
    print(f"index resident memory (RSS delta after load and first lookups): {rss_mb() - before:.1f} MB")
    variant_accuracy(gaz)
    lookup_speed(gaz)
    ucdp_measure(gaz)


if __name__ == "__main__":
    main()
