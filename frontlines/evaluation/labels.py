"""Scoring extraction against labelled data.

Two yardsticks:

* a gold file (JSONL, one document per line with ``text``, ``published`` and the expected
  ``events``), scored field by field with precision, recall and F1 (``evaluate_gold``);
* the FA-KES crowd labels (one lethal event per article: governorate, perpetrator camp,
  cause of death, casualties), scored on the main lethal event extracted from each
  article (``evaluate_fakes``).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Document, Event, Extraction

LETHAL_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
FACTUAL = ("asserted", "reported", "claimed", "alleged")

#: FA-KES perpetrator labels by registry camp.
FAKES_CAMPS = {
    "regime": "syrian government or russian troops",
    "isis": "the organization of the islamic state in iraq and the levant - isis",
    "coalition": "international coalition forces",
    "opposition": "armed opposition groups",
    "turkey": "armed opposition groups",
    "kurdish": "self administration forces",
    "nusra": "al-nusra front",
}
#: FA-KES cause of death by ACLED sub-event type.
FAKES_CAUSES = {
    "Air/drone strike": "shelling",
    "Shelling/artillery/missile attack": "shelling",
    "Suicide bomb": "explosion",
    "Remote explosive/landmine/IED": "explosion",
    "Grenade": "explosion",
    "Chemical weapon": "chemical and toxic gases",
    "Armed clash": "shooting",
    "Attack": "shooting",
}
_EXECUTION = re.compile(r"\b(execut\w*|behead\w*|slaughter\w*|massacre\w*)\b", re.IGNORECASE)
_GOVERNORATES = {
    "aleppo": "aleppo", "halab": "aleppo", "damascus": "damascus", "rif dimashq": "damascus",
    "rif-dimashq": "damascus", "damascus countryside": "damascus", "idlib": "idlib",
    "deir ez-zor": "deir ezzor", "deir ezzor": "deir ezzor", "dayr az zawr": "deir ezzor",
    "deir ez zor": "deir ezzor", "raqqa": "raqqa", "ar raqqah": "raqqa", "homs": "homs",
    "hims": "homs", "hasakah": "hasakeh", "al-hasakah": "hasakeh", "al hasakah": "hasakeh",
    "hasakeh": "hasakeh", "hama": "hama", "hamah": "hama", "daraa": "daraa", "dar'a": "daraa",
    "latakia": "lattakia", "lattakia": "lattakia", "al-ladhiqiyah": "lattakia",
    "quneitra": "quneitra", "al-qunaytirah": "quneitra", "tartus": "tartous",
    "tartous": "tartous", "as-suwayda": "sweida", "suwayda": "sweida", "as suwayda": "sweida",
}


def governorate_key(admin1: str | None) -> str | None:
    if not admin1:
        return None
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", admin1) if not unicodedata.combining(c))
    key = plain.lower().replace("governorate", "").replace("’", "'").replace("‘", "'").strip()
    return _GOVERNORATES.get(key, _GOVERNORATES.get(key.replace("'", ""), key))


def main_lethal_event(events: Sequence[Event]) -> Event | None:
    """The event an ACLED coder would code first: factual, violent, most killed, earliest."""
    lethal = [e for e in events if e.type in LETHAL_TYPES and e.modality in FACTUAL]
    if not lethal:
        lethal = [e for e in events if e.modality in FACTUAL and e.territorial]
    if not lethal:
        return None
    with_deaths = [e for e in lethal if e.fatalities]
    pool = with_deaths or lethal
    # The lead reports the main event; a specific weapon beats a generic "killed".
    first = min(e.evidence[0].char_start for e in pool)
    lead = [e for e in pool if e.evidence[0].char_start == first]
    return min(lead, key=lambda e: (e.subtype in ("Armed clash", "Attack"), -(e.fatalities or 0)))


def cause_of(event: Event) -> str:
    sentence = " ".join(ev.sentence for ev in event.evidence)
    if event.type == "Violence against civilians" and _EXECUTION.search(sentence):
        return "execution"
    return FAKES_CAUSES.get(event.subtype, "unknown")


@dataclass
class FakesScore:
    articles: int = 0
    governorate: int = 0
    camp: int = 0
    cause: int = 0
    deaths: int = 0
    with_event: int = 0
    confusions: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    def share(self, name: str) -> float:
        return getattr(self, name) / self.articles if self.articles else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "with_event": self.with_event,
            **{k: round(self.share(k), 3) for k in ("governorate", "camp", "cause", "deaths")},
        }


def read_fakes(path: str | Path) -> list[tuple[Document, dict[str, str]]]:
    rows = []
    csv.field_size_limit(10**8)
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            from ..ingest import normalise_date
            from ..store import content_hash

            text = row["article_content"]
            rows.append((
                Document(id=row["unit_id"], text=text, title=row["article_title"],
                         source=row["source"], published=None, content_hash=content_hash(text)),
                row,
            ))
            _ = normalise_date
    return rows


def score_fakes(pairs: Iterable[tuple[Extraction, dict[str, str]]]) -> FakesScore:
    score = FakesScore()
    conf: dict[str, Counter[tuple[str, str]]] = {k: Counter() for k in ("governorate", "camp", "cause")}
    for extraction, row in pairs:
        score.articles += 1
        ev = main_lethal_event(extraction.events)
        gov = camp = cause = "unknown"
        deaths: int | None = None
        if ev is not None:
            score.with_event += 1
            gov = governorate_key(ev.location.admin1 if ev.location else None) or "unknown"
            camp = FAKES_CAMPS.get((ev.actor1.camp if ev.actor1 else None) or "", "unknown")
            cause = cause_of(ev)
            deaths = ev.fatalities
        if gov == "unknown":
            # The first governorate named in the article, as a reader would assume.
            for loc in extraction.places:
                if loc.country == "SY" and loc.admin1:
                    gov = governorate_key(loc.admin1) or gov
                    break
        truth_deaths = int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)
        score.governorate += gov == row["location"]
        score.camp += camp == row["actor"]
        score.cause += cause == row["cause_of_death"]
        score.deaths += (deaths or 0) == truth_deaths
        conf["governorate"][(row["location"], gov)] += 1
        conf["camp"][(row["actor"], camp)] += 1
        conf["cause"][(row["cause_of_death"], cause)] += 1
    score.confusions = conf
    return score


# -- gold files ----------------------------------------------------------------------------

GOLD_FIELDS = ("type", "subtype", "actor1", "actor2", "location", "date", "fatalities", "modality")


def _place_key(value: Any) -> str | None:
    """A place as a GeoNames/supplement id when the gazetteer knows it, else its folded name."""
    from ..knowledge.gazetteer import get_gazetteer
    from ..knowledge.normalize import normalize_place

    if isinstance(value, dict):
        if value.get("id"):
            return str(value["id"])
        value = value.get("name")
    if not isinstance(value, str) or not value:
        return None
    loc = get_gazetteer().resolve(value, countries=["SY", "IQ"])
    return loc.id if loc is not None and loc.id else normalize_place(value)


def _field(event: dict[str, Any], name: str) -> str | None:
    v = event.get(name)
    if name in ("actor1", "actor2"):
        return (v or {}).get("id") or (v or {}).get("name") if isinstance(v, dict) else v
    if name == "location":
        return _place_key(v)
    if name == "date":
        return (v or {}).get("start") if isinstance(v, dict) else v
    return None if v is None else str(v)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", source=f"{path}:{n}") from exc
    return out


def _match(gold: dict[str, Any], predicted: list[dict[str, Any]]) -> dict[str, Any] | None:
    best, best_score = None, 0
    for p in predicted:
        s = sum(_field(gold, f) is not None and _field(gold, f) == _field(p, f) for f in GOLD_FIELDS)
        s += 3 * (gold.get("subtype") == p.get("subtype"))
        if s > best_score:
            best, best_score = p, s
    return best


def score_gold(items: Sequence[dict[str, Any]], extractions: Sequence[Extraction]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per field.

    Events are matched greedily per document. A field counts as predicted when the matched
    gold event annotates it (or when the predicted event matches no gold event), so that
    fields a gold file leaves out do not count against the system."""
    from ..knowledge.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for item, ex in zip(items, extractions):
        pool = [e.to_dict() for e in ex.events]
        for g in item.get("events") or []:
            g = dict(g)
            if "type" not in g and g.get("subtype") in taxonomy.subtypes:
                g["type"] = taxonomy.type_of(g["subtype"])
            n_gold["event"] += 1
            for f in GOLD_FIELDS:
                n_gold[f] += 1 if _field(g, f) is not None else 0
            m = _match(g, pool)
            if m is None:
                continue
            pool.remove(m)
            tp["event"] += 1
            n_pred["event"] += 1
            for f in GOLD_FIELDS:
                gv, pv = _field(g, f), _field(m, f)
                if gv is not None and pv is not None:
                    n_pred[f] += 1
                    tp[f] += gv == pv
        for p in pool:  # predicted events with no gold counterpart
            n_pred["event"] += 1
            for f in GOLD_FIELDS:
                n_pred[f] += 1 if _field(p, f) is not None else 0
    out: dict[str, dict[str, float]] = {}
    for f in ("event", *GOLD_FIELDS):
        prec = tp[f] / n_pred[f] if n_pred[f] else 0.0
        rec = tp[f] / n_gold[f] if n_gold[f] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                  "gold": n_gold[f], "predicted": n_pred[f]}
    return out
