"""Join coders' codes with the article sources into annotation files, checking both.

A codes file holds one JSON object a line: ``id``, ``coder``, ``events``, ``not_events``
(and optionally ``published`` when the coder corrects the date an article was published).

    python scripts/annotations/assemble.py check CODES.jsonl...
    python scripts/annotations/assemble.py write --out annotations/fakes.jsonl CODES.jsonl...
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pydantic import ValidationError

from frontlines.evaluation.annotations import GoldArticle, article_text, dump_article, problems

SOURCES = ROOT / "annotations" / "work" / "sources.jsonl"


def load_sources() -> dict[str, dict]:
    with open(SOURCES, encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def assemble(paths: list[str]) -> tuple[list[GoldArticle], list[str]]:
    sources = load_sources()
    articles, errors = [], []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    codes = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(f"{where}: not JSON: {exc}")
                    continue
                src = sources.get(codes.get("id"))
                if src is None:
                    errors.append(f"{where}: unknown article id {codes.get('id')!r}")
                    continue
                record = {**src, **{k: v for k, v in codes.items() if k != "id"}}
                try:
                    art = GoldArticle.model_validate(record)
                except ValidationError as exc:
                    for e in exc.errors():
                        loc = ".".join(str(p) for p in e["loc"])
                        errors.append(f"{where} ({src['id']}): {loc}: {e['msg']}")
                    continue
                errors.extend(f"{where}: {p}" for p in problems(art, article_text(art, ROOT / "annotations")))
                articles.append(art)
    return articles, errors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["check", "write"])
    ap.add_argument("codes", nargs="+")
    ap.add_argument("--out")
    args = ap.parse_args()
    articles, errors = assemble(args.codes)
    for e in errors:
        print(e)
    print(f"{len(articles)} articles, {sum(len(a.events) for a in articles)} events, "
          f"{len(errors)} problems")
    if args.action == "write":
        if errors or not args.out:
            sys.exit("not written: fix the problems first (and give --out)")
        articles.sort(key=lambda a: a.id)
        Path(args.out).write_text("".join(dump_article(a) + "\n" for a in articles), encoding="utf-8")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
