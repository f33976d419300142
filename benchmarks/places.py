"""Gazetteer benchmark: spelling variants, lookup speed, memory, build time, UCDP geocoding.

Run: ``.venv/bin/python -P benchmarks/places.py [--rebuild] [--misses] [--no-pipeline]``.
Prints figures, asserts nothing; the last table gives place, admin1 and country accuracy of
the events matched in the annotated articles (annotations/*.jsonl), development and held
out, per set.

The UCDP rows are single-source rows of the UCDP GED Syria development split with
``where_prec == 1`` whose headline names the town (after spelling normalisation). Two
measures are taken on the same rows, each as the share within 25 km of UCDP's point and
the share in UCDP's governorate:

* gazetteer: the headline's place mentions found by the toponym ruler, resolved with Syria
  as context, the most specific kept;
* pipeline: the full extractor on the headline (dated by ``date_start``), the location of
  the main lethal event (else of the first event with a location);
* pipeline, any event: the same, counting a headline when any of its events lies within
  25 km (in the governorate): a headline that names two places tells of two events, and
  UCDP coded one of them.
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

from frontlines.knowledge.gazetteer import Gazetteer, haversine_km
from frontlines.knowledge.gazetteer_build import build_index, default_index_path
from frontlines.knowledge.normalize import normalize_place, similarity
from frontlines.models import Location
from frontlines.settings import cache_dir

UCDP = ROOT.parent / "shared" / "eval" / "ucdp" / "ucdp-syria-dev.csv"
VARIANTS = ROOT / "tests" / "data" / "place_variants.tsv"
_TYPE_WORDS = re.compile(
    r"\s+(town|village|city|suburb|sector|neighbou?rhood|district|area|camp|hamlet|farm|quarter|airbase|airport|base)\s*$",
    re.IGNORECASE,
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
    return normalize_place(re.sub(r"\s+(governorate|province)$", "", name.strip(), flags=re.IGNORECASE))


def ucdp_rows() -> list[dict[str, str]]:
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
    return rows


def _score(loc: Location, row: dict[str, str]) -> tuple[float, bool, bool]:
    assert loc.lat is not None and loc.lon is not None
    d = haversine_km(loc.lat, loc.lon, float(row["latitude"]), float(row["longitude"]))
    ok_a = bool(loc.admin1) and admin_key(loc.admin1 or "") == admin_key(row["adm_1"])
    return d, d <= 25, ok_a


def ucdp_measure(gaz: Gazetteer, rows: list[dict[str, str]]) -> dict[str, int]:
    import spacy

    from frontlines.nlp.toponyms import find_place_spans, resolve_document_places

    nlp = spacy.blank("en")
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
        d, ok_d, ok_a = _score(loc, row)
        within += ok_d
        admin_ok += ok_a
        if not ok_d:
            misses.append(f"{d:6.0f} | {row['where_coordinates']} | {loc.name} ({span.text}) | {row['source_headline'][:90]}")
    if "--misses" in sys.argv:
        print("gazetteer misses (km | UCDP place | resolved (text) | headline):")
        print("\n".join(misses))
    return {"found": found, "within": within, "admin1": admin_ok}


def pipeline_measure(rows: list[dict[str, str]]) -> dict[str, int]:
    from frontlines.evaluation import main_lethal_event
    from frontlines.models import Document
    from frontlines.pipeline import get_extractor

    extractor = get_extractor()
    docs = [
        Document(id=f"ucdp-{row['id']}", text=row["source_headline"], published=row["date_start"] or None)
        for row in rows
    ]
    within = admin_ok = found = 0
    any_found = any_within = any_admin = 0
    misses: list[str] = []
    for row, extraction in zip(rows, extractor.extract_many(docs)):
        placed = [e.location for e in extraction.events if e.location and e.location.lat is not None]
        if placed:
            any_found += 1
            scores = [_score(loc, row) for loc in placed]
            any_within += any(ok_d for _, ok_d, _ in scores)
            any_admin += any(ok_a for _, _, ok_a in scores)
        main = main_lethal_event(extraction.events)
        loc = main.location if main is not None else None
        if loc is None or loc.lat is None:
            loc = next((e.location for e in extraction.events if e.location and e.location.lat is not None), None)
        if loc is None or loc.lat is None:
            misses.append(f"none   | {row['where_coordinates']} | {row['source_headline'][:100]}")
            continue
        found += 1
        d, ok_d, ok_a = _score(loc, row)
        within += ok_d
        admin_ok += ok_a
        if not ok_d:
            misses.append(f"{d:6.0f} | {row['where_coordinates']} | {loc.name} ({loc.text}) | {row['source_headline'][:90]}")
    if "--misses" in sys.argv:
        print("pipeline misses (km | UCDP place | resolved (text) | headline):")
        print("\n".join(misses))
    return {"found": found, "within": within, "admin1": admin_ok,
            "any_found": any_found, "any_within": any_within, "any_admin1": any_admin}


def print_ucdp(n: int, results: dict[str, dict[str, int]]) -> None:
    print(f"UCDP rows measured (single source, where_prec 1, town named in headline): {n}")
    names = list(results)
    print(f"{'UCDP headlines':<28}" + "".join(f"{name:>22}" for name in names))
    for key, label in (("found", "with a location"), ("within", "within 25 km"), ("admin1", "admin1 match")):
        cells = "".join(
            f"{f'{r[key]}/{n} = {r[key] / max(n, 1):.3f}':>22}" for r in results.values()
        )
        print(f"  {label:<26}{cells}")


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
        similarity.cache_clear()
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
    parser.add_argument("--no-pipeline", action="store_true", help="skip the full-extractor measure")
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
    rows = ucdp_rows()
    results = {"gazetteer": ucdp_measure(gaz, rows)}
    if not args.no_pipeline:
        t0 = time.perf_counter()
        measured = pipeline_measure(rows)
        results["pipeline"] = {k: measured[k] for k in ("found", "within", "admin1")}
        results["pipeline, any event"] = {k: measured[f"any_{k}"] for k in ("found", "within", "admin1")}
        print(f"pipeline measure: {time.perf_counter() - t0:.0f} s for {len(rows)} headlines")
    print_ucdp(len(rows), results)
    if not args.no_pipeline:
        print_articles()


def print_articles() -> None:
    """Place and admin1 accuracy of the matched events of the annotated articles."""
    from frontlines.evaluation.articles import evaluate_articles

    files = sorted(str(p) for p in (ROOT / "annotations").glob("*.jsonl"))
    parts = evaluate_articles(files)["ingest"].parts
    names = ["dev", "heldout"] + [f"{s}/{p}" for s in ("fakes", "voa", "ucdp") for p in ("dev", "heldout")]
    print("annotated articles (matched events)      place   admin1  country")
    for name in names:
        if name not in parts:
            continue
        d = parts[name].to_dict()
        f = d["fields"]
        print(f"  {name:<16} {d['matched']:>4} matched       {f['place'] or 0:.3f}   {f['admin1'] or 0:.3f}"
              f"   {f['country'] or 0:.3f}")


if __name__ == "__main__":
    main()
