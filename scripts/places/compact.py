"""Write the packaged village list (frontlines/knowledge/data/villages.tsv.gz) from the
Who's On First locality files in ../shared/data/places/.

Kept per place: its id (``geonames:N`` when WOF took it from GeoNames, else ``wof:N``), its
name, coordinates to four decimals (about 10 m), admin1, country, GeoNames feature code and
its Latin-script variant names. Dropped: places WOF marks as no longer current
(is_current = 0), abandoned and destroyed places (PPLQ, PPLW, PPLH) and names in other
scripts. The output is sorted, so the same input always gives the same bytes.

    python scripts/places/compact.py [--places ../shared/data/places] [--out PATH]

Data from Who's On First (https://whosonfirst.org/docs/licenses/), including GeoNames
(https://www.geonames.org, CC BY 4.0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "frontlines" / "knowledge" / "data" / "villages.tsv.gz"
DROPPED_FEATURES = frozenset({"PPLQ", "PPLW", "PPLH"})
COLUMNS = ("id", "name", "lat", "lon", "admin1", "country", "feature", "variants")


def _latin(name: str) -> bool:
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bool(text) and all(ord(c) < 0x250 or c in "\u2018\u2019\u02bf\u02be" for c in text)


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def rows(folder: Path) -> list[tuple[str, ...]]:
    out = []
    for path in sorted(folder.glob("wof_localities_*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if r["is_current"] == "0" or r["feature_code"] in DROPPED_FEATURES or not r["name"].strip():
                    continue
                pid = f"geonames:{r['geonameid']}" if r["geonameid"] else f"wof:{r['wof_id']}"
                name = _clean(r["name"])
                variants = sorted({_clean(v) for v in r["latin_variants"].split("|")
                                   if v.strip() and _latin(v) and _clean(v) != name})
                out.append((pid, name, f"{float(r['lat']):.4f}", f"{float(r['lon']):.4f}", _clean(r["admin1"]),
                            r["country"], r["feature_code"] or "PPL", "|".join(variants)))
    out.sort(key=lambda t: (t[5], t[0]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=Path, default=ROOT.parent / "shared" / "data" / "places")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    found = rows(args.places)
    buffer = io.StringIO()
    buffer.write("\t".join(COLUMNS) + "\n")
    for r in found:
        buffer.write("\t".join(r) + "\n")
    # mtime=0: the same rows give the same compressed bytes.
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as fh:
        fh.write(buffer.getvalue().encode("utf-8"))
    print(f"{len(found)} places written to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
