"""Select the articles of the annotated sets and lay out the coders' work folders.

Writes ``annotations/work/<batch>/`` (gitignored): one text file per article with its id,
publication date and title, and a ``batch.json`` listing them. The selection and the split
are functions of the ids alone (SHA-1), so the same call always picks the same articles.

    python scripts/annotations/prepare.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
import sys

sys.path.insert(0, str(ROOT))
from frontlines.evaluation.split import rank_key, split_of

FAKES_N = 100
UCDP_N = 300
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2,8}) (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]{2,8}) (\d{1,2}),? (\d{4})\b")


def dateline(text: str) -> str | None:
    """The publication date a FA-KES article opens with ("Fri 07 Apr 2017", "April 18 2017")."""
    head = text[:60]
    for rx, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        m = rx.search(head)
        if not m:
            continue
        a, b, y = m.groups()
        day, month = (a, b) if order == "dmy" else (b, a)
        mon = MONTHS.get(month[:3].lower())
        if mon is None:
            continue
        try:
            return date(int(y), mon, int(day)).isoformat()
        except ValueError:
            continue
    return None


def label_date(mdy: str) -> str:
    m, d, y = (int(x) for x in mdy.split("/"))
    return date(2000 + y if y < 100 else y, m, d).isoformat()


FAKES_CREDIT = ("FA-KES (Abu Salem et al., ICWSM 2019), Zenodo record 2607278, "
                "CC BY 4.0; outlet: {source}")
VOA_CREDIT = "Voice of America (voanews.com), public domain; {url}"
UCDP_CREDIT = "UCDP GED Syria (Sundberg and Melander 2013), CC BY 4.0; headline of a {office} report"


def fakes(shared: Path) -> list[dict]:
    csv.field_size_limit(10**8)
    with open(shared / "eval/fakes/fakes-dev.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen: set[str] = set()
    out = []
    for row in sorted(rows, key=lambda r: rank_key("fakes", r["unit_id"])):
        text = row["article_content"]
        if text in seen:
            continue
        seen.add(text)
        pub = dateline(text)
        out.append({
            "id": f"fakes-{row['unit_id']}", "set": "fakes", "title": row["article_title"],
            "text": text, "source": row["source"],
            "published": pub or label_date(row["date"]),
            "published_from": "dateline" if pub else "label",
            "credit": FAKES_CREDIT.format(source=row["source"]),
        })
        if len(out) == FAKES_N:
            break
    return out


def voa(shared: Path) -> list[dict]:
    out = []
    with open(shared / "corpus/voa/voa-dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append({
                "id": d["id"], "set": "voa", "title": d["title"], "text": d["text"],
                "source": "Voice of America", "published": d["published"][:10],
                "published_from": "metadata", "url": d.get("url"),
                "credit": VOA_CREDIT.format(url=d.get("url") or ""),
            })
    return out


def seeds(shared: Path) -> list[dict]:
    out = []
    with open(shared / "corpus/seeds/manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append({
                "id": "seed-" + d["file"].split("_")[0], "set": "seeds", "title": d["title"],
                "path": "../../shared/corpus/seeds/" + d["file"], "source": d.get("outlet"),
                "published": d["published"], "published_from": "metadata",
            })
    return out


def ucdp(shared: Path) -> list[dict]:
    with open(shared / "eval/ucdp/ucdp-syria-dev.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_headline: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if ";" in r["source_headline"] or ";" in r["source_date"]:
            continue
        by_headline.setdefault((r["source_headline"].strip(), r["source_date"]), []).append(r)
    picked = sorted(by_headline.items(), key=lambda kv: rank_key("ucdp", kv[1][0]["id"]))[:UCDP_N]
    out = []
    for (headline, published), group in picked:
        first = group[0]
        out.append({
            "id": f"ucdp-{first['id']}", "set": "ucdp", "title": "", "text": headline,
            "source": first["source_office"], "published": published,
            "published_from": "metadata",
            "credit": UCDP_CREDIT.format(office=first["source_office"]),
            "reference": [{k: r[k] for k in ("where_coordinates", "adm_1", "side_a", "side_b",
                                             "best", "date_start")} for r in group],
        })
    return out


def write_batch(work: Path, name: str, docs: list[dict], shared: Path) -> None:
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    listing = []
    for d in docs:
        text = d.get("text")
        if text is None:
            text = (shared / d["path"].removeprefix("../../shared/")).read_text(encoding="utf-8")
        head = f"ID: {d['id']}\nPUBLISHED: {d['published']}\nSOURCE: {d.get('source')}\nTITLE: {d['title']}\n\n"
        (folder / f"{d['id']}.txt").write_text(head + text + "\n", encoding="utf-8")
        listing.append(d["id"])
    (folder / "batch.json").write_text(json.dumps(listing, indent=1), encoding="utf-8")


def batches(sources: list[dict]) -> dict[str, list[dict]]:
    """The coders' batches: each set cut into parts, and a second coder's sample of each."""
    by_set: dict[str, list[dict]] = {}
    for d in sources:
        by_set.setdefault(d["set"], []).append(d)
    plan = {"fakes": 4, "voa": 3, "seeds": 1, "ucdp": 2}
    second = {"fakes": 16, "voa": 14, "seeds": 5, "ucdp": 60}
    out: dict[str, list[dict]] = {}
    for name, docs in by_set.items():
        parts = plan[name]
        for i in range(parts):
            out[f"{name}-{'abcd'[i]}"] = docs[i::parts]
        sample = sorted(docs, key=lambda d: rank_key("second", d["id"]))[:second[name]]
        out[f"{name}-second"] = sample
    return out


def write_headlines(work: Path, name: str, docs: list[dict]) -> None:
    """Headline documents go to coders as one file: a block per headline."""
    lines = []
    for d in docs:
        ref = "; ".join(f"{r['where_coordinates']} ({r['adm_1']})" for r in d["reference"])
        lines.append(f"ID: {d['id']}\nPUBLISHED: {d['published']}\nSOURCE: {d['source']}\n"
                     f"UCDP PLACED ITS EVENTS AT: {ref}\nHEADLINE: {d['text']}\n")
    (work / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    sets = {"fakes": fakes(shared), "voa": voa(shared), "seeds": seeds(shared), "ucdp": ucdp(shared)}
    for docs in sets.values():
        for d in docs:
            d["split"] = split_of(d["id"])
    out = ROOT / "annotations" / "work"
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for docs in sets.values() for d in docs),
        encoding="utf-8")
    for name, docs in sets.items():
        print(name, len(docs), "held out:", sum(d["split"] == "heldout" for d in docs))
    for name, batch in batches([d for docs in sets.values() for d in docs]).items():
        if name.startswith("ucdp"):
            write_headlines(out, name, batch)
        else:
            write_batch(out, name, batch, shared)
        print("batch", name, len(batch))


if __name__ == "__main__":
    main()

