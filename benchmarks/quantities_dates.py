"""Fatality counts and document dates read from the FA-KES development split.

Prints, for the articles of ../shared/eval/fakes/fakes-dev.csv (or the CSV given as the
first argument):

- the share where ``fatalities(find_quantities(article_content))`` equals the crowd's total
  (nb_civilians + nb_noncivilians; the crowd labels are noisy), and the share within 20%;
- the same share for the article's lead only (its first sentences), where the event the
  crowd recorded is usually told;
- the share where ``infer_document_date(article_content)`` is within 3 days of the ``date``
  column (the date of the event the crowd recorded, which is close to the publication date);
- the time per article.

Usage: ``python benchmarks/numbers.py [path.csv] [--show N]`` (``--show`` prints N misses).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import time
from pathlib import Path

from frontlines.nlp.dates import infer_document_date
from frontlines.nlp.quantities import fatalities, find_quantities

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "fakes" / "fakes-dev.csv"
#: The lead of an article: its headline and first paragraph, where the main event is told.
LEAD_CHARS = 600


def _lead(text: str) -> str:
    cut = text.rfind(". ", 0, LEAD_CHARS)
    return text[: cut + 1] if cut > 0 else text[:LEAD_CHARS]


def _crowd_date(value: str) -> dt.date:
    month, day, year = (int(x) for x in value.split("/"))
    return dt.date(2000 + year if year < 70 else 1900 + year, month, day)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each")
    args = parser.parse_args()
    with args.csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    exact = near = found = lead_exact = 0
    date_ok = date_found = 0
    fatality_misses: list[str] = []
    date_misses: list[str] = []
    t0 = time.perf_counter()
    for row in rows:
        text = row["article_content"]
        crowd = int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)
        got = fatalities(find_quantities(text))
        found += got is not None
        value = got or 0
        exact += value == crowd
        near += abs(value - crowd) <= max(1, 0.2 * crowd)
        lead = fatalities(find_quantities(_lead(text))) or 0
        lead_exact += lead == crowd
        if value != crowd:
            fatality_misses.append(f"crowd={crowd} got={got} | {text[:160]}")
        inferred = infer_document_date(text)
        truth = _crowd_date(row["date"])
        if inferred is not None and inferred.start:
            date_found += 1
            delta = abs((dt.date.fromisoformat(inferred.start) - truth).days)
            date_ok += delta <= 3
            if delta > 3:
                date_misses.append(f"truth={truth} got={inferred.start} ({inferred.text})")
        else:
            date_misses.append(f"truth={truth} got=None | {text[:80]}")
    elapsed = time.perf_counter() - t0
    n = len(rows)
    print(f"articles: {n}")
    print(f"fatalities == crowd total: {exact / n:.1%} ({exact}/{n}); within 20%: {near / n:.1%}; "
          f"a figure found: {found / n:.1%}")
    print(f"fatalities of the lead (first {LEAD_CHARS} characters) == crowd total: "
          f"{lead_exact / n:.1%} ({lead_exact}/{n})")
    print(f"document date within 3 days of the crowd's date: {date_ok / n:.1%} ({date_ok}/{n}); "
          f"a date inferred: {date_found / n:.1%}")
    print(f"time per article (both): {1000 * elapsed / n:.1f} ms")
    for title, misses in (("fatality misses", fatality_misses), ("date misses", date_misses)):
        if args.show:
            print(f"\n{title}:")
            for line in misses[: args.show]:
                print("  ", line)


if __name__ == "__main__":
    main()
