"""The README's promises on the sample corpus, through the command line, with the real model."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from frontlines.interfaces.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"sample corpus not found at {SEEDS}"),
]

#: Where the towns of the sample corpus are (GeoNames coordinates, rounded). Fallujah and
#: Daraya are named only in tolls, habits and predictions, where the seeds' coders found
#: no event.
TOWNS = {
    "Palmyra": (34.56, 38.28),
    "Aleppo": (36.20, 37.16),
    "Qaryatayn": (34.23, 37.24),
    "Sukhna": (34.89, 38.87),
    "Mayadeen": (35.02, 40.45),
    "Mosul": (36.34, 43.12),
    "Deir ez-Zor": (35.34, 40.14),
    "Kirkuk": (35.47, 44.39),
    "Rutbah": (33.04, 40.28),
    "al-Bab": (36.37, 37.52),
    "Kweiris": (36.19, 37.58),
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = run("ingest", str(SEEDS), "--db", path, "--manifest", str(SEEDS / "manifest.jsonl"), "--quiet")
    assert result.exit_code == 0, result.output
    assert "5 documents stored" in result.output
    return path


def events(db: str, *args: str) -> list[dict[str, Any]]:
    result = run("events", "--db", db, *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def near(event: dict[str, Any], town: str, limit_km: float = 20.0) -> bool:
    loc = event.get("location") or {}
    if loc.get("lat") is None:
        return False
    return km((loc["lat"], loc["lon"]), TOWNS[town]) <= limit_km


def test_reingest_stores_nothing_twice(db: str) -> None:
    before = run("stats", "--db", db, "--format", "json")
    result = run("ingest", str(SEEDS), "--db", db, "--quiet")
    assert result.exit_code == 0
    assert "0 documents stored, 5 already present" in result.output
    after = run("stats", "--db", db, "--format", "json")
    assert json.loads(before.output)["reports"] == json.loads(after.output)["reports"]


def test_palmyra_recapture_is_one_event_with_two_sources(db: str) -> None:
    found = [
        e for e in events(db, "--place", "Palmyra", "--type", "Government regains territory")
        if e["date"]["start"] == "2016-03-27" and e["modality"] in ("asserted", "reported")
    ]
    assert len(found) == 1
    ev = found[0]
    assert ev["n_sources"] == 2 and ev["n_outlets"] == 2
    assert ev["actor1"]["camp"] == "regime"
    assert ev["actor2"]["id"] == "isis"
    assert "russia" in {a["id"] for a in ev["assoc_actors"]}
    assert near(ev, "Palmyra")
    assert all(len(x["sentence"]) > 20 for x in ev["evidence"])


def test_palmyra_timeline_isis_regime_isis(db: str) -> None:
    result = run("timeline", "Palmyra", "--db", db, "--format", "json")
    tl = json.loads(result.output)
    periods = [(p["holder"]["camp"], p["start"]) for p in tl["periods"]]
    camps = [c for c, _ in periods]
    assert camps == ["isis", "regime", "isis"]
    assert periods[0][1].startswith("2015")
    assert periods[1][1] == "2016-03-27"
    assert periods[2][1] == "2016-12-11"
    text = run("timeline", "Palmyra", "--db", db).output
    assert "Islamic State" in text and "2016-03-27" in text


def test_changes_of_control_in_2017(db: str) -> None:
    rows = [json.loads(x) for x in run("control", "--db", db, "--format", "jsonl").output.splitlines()]

    def changes(town: str) -> list[tuple[str, str]]:
        out = []
        for r in rows:
            loc = r["place"]
            if loc.get("lat") is not None and km((loc["lat"], loc["lon"]), TOWNS[town]) < 20:
                out.append((r["date"]["start"], (r.get("to_actor") or {}).get("camp")))
        return sorted(out)

    qaryatayn = changes("Qaryatayn")
    assert ("2017-09-21", "isis") in qaryatayn
    assert any(d > "2017-10" and camp == "regime" for d, camp in qaryatayn)
    assert any(d.startswith("2017") and camp == "regime" for d, camp in changes("Sukhna"))
    assert ("2017-10-14", "regime") in changes("Mayadeen")


def test_fall_of_aleppo_december_2016(db: str) -> None:
    found = [
        e for e in events(db, "--place", "Aleppo", "--since", "2016-12-01", "--until", "2016-12-31")
        if e["territorial"] and e["modality"] == "asserted"
    ]
    assert found and all(near(e, "Aleppo") for e in found)


def test_predictions_are_never_asserted(db: str) -> None:
    for ev in events(db):
        sentence = " ".join(x["sentence"] for x in ev["evidence"])
        if "Saudi Arabia" in sentence or "expected to flee" in sentence or "could reclaim" in sentence:
            assert ev["modality"] not in ("asserted", "reported"), sentence


def test_events_land_near_their_towns(db: str) -> None:
    evs = events(db)
    for town in TOWNS:
        assert any(near(e, town) for e in evs), town
    # No event is put at a country's centre.
    assert all((e["location"] or {}).get("feature") not in ("PCLI", "country") for e in evs)


@pytest.mark.parametrize("fmt", ["csv", "acled", "geojson"])
def test_export_formats(db: str, fmt: str) -> None:
    result = run("events", "--db", db, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "geojson":
        data = json.loads(result.output)
        assert data["type"] == "FeatureCollection" and data["features"]
    else:
        header = result.output.splitlines()[0]
        assert ("event_date" in header) if fmt == "acled" else ("subtype" in header)


def test_stats_actors_graph_and_disputes(db: str) -> None:
    assert "documents: 5" in run("stats", "--db", db).output
    graph = json.loads(run("actors", "--db", db, "--graph", "json").output)
    edges = {(e["source"], e["kind"], e["target"]) for e in graph["edges"]}
    regime = {n["id"] for n in graph["nodes"] if n.get("camp") == "regime"}
    assert any(s == "russia" and k == "supports" and t in regime for s, k, t in edges)
    assert any(s == "hezbollah" and k == "supports" and t in regime for s, k, t in edges)
    assert ("national-defence-forces", "built_by", "iran") in edges
    assert "<graphml" in run("actors", "--db", db, "--graph", "graphml").output
    assert run("disputes", "--db", db).exit_code == 0


def test_extract_one_file_without_database(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Clashes in Idlib\n\nRebels captured the town of Saraqib from government forces on Monday.\n")
    result = run("extract", str(article), "--published", "2016-02-03")
    data = json.loads(result.output)
    ev = [e for e in data["events"] if e["territorial"]][0]
    assert ev["date"]["start"] == "2016-02-01"
    assert ev["location"]["admin1"] == "Idlib"


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("   \n")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "ok-1", "title": "t", "text": "Rebels shelled Aleppo on Monday, killing three people.",
                    "published": "2016-05-03"}) + "\n{broken\n"
    )
    (folder / "good.txt").write_text("Strike in Idlib\n\nAn air strike killed five people in Idlib on Sunday.\n")
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 1
    out = result.output
    assert "empty.txt" in out and "scan.txt" in out and "feed.jsonl:2" in out
    assert "2 documents stored" in out
    stats = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert stats["documents"] == 2


def test_evaluate_gold_file() -> None:
    result = run("evaluate", str(ROOT / "tests" / "data" / "gold_sentences.jsonl"), "--format", "json")
    scores = json.loads(result.output)
    assert scores["subtype"]["f1"] >= 0.85
    assert scores["modality"]["f1"] >= 0.9
    assert scores["location"]["f1"] >= 0.85
    assert scores["fatalities"]["f1"] >= 0.9
