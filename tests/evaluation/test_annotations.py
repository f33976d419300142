"""The annotated articles: schema, split, verbatim quotes and the sizes the yardstick needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.errors import InputError
from frontlines.evaluation.annotations import (
    GoldArticle,
    GoldEvent,
    article_text,
    problems,
    read_articles,
)
from frontlines.evaluation.split import split_of

FOLDER = Path(__file__).resolve().parents[2] / "annotations"
MINIMUM = {"fakes": 100, "voa": 64, "seeds": 5, "ucdp": 300}
SHARED = FOLDER.parent.parent / "shared"


def files() -> list[Path]:
    return sorted(FOLDER.glob("*.jsonl"))


def test_every_set_is_there_at_its_size() -> None:
    sizes = {p.stem: len(read_articles(p)) for p in files()}
    for name, least in MINIMUM.items():
        assert sizes.get(name, 0) >= least, f"{name}: {sizes.get(name, 0)} articles"
    second = [a for p in (FOLDER / "second").glob("*.jsonl") for a in read_articles(p)]
    assert len([a for a in second if a.set != "ucdp"]) >= 30


@pytest.mark.parametrize("path", files(), ids=lambda p: p.name)
def test_records_follow_the_schema_and_quote_verbatim(path: Path) -> None:
    articles = read_articles(path)  # raises on any schema error, naming the line
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids))
    for a in articles:
        assert a.set == path.stem and a.split == split_of(a.id)
        if a.path is not None and not SHARED.exists():
            continue
        assert list(problems(a, article_text(a, path.parent))) == []


def test_about_a_third_of_each_set_is_held_out() -> None:
    for path in files():
        articles = read_articles(path)
        share = sum(a.split == "heldout" for a in articles) / len(articles)
        if len(articles) >= 50:
            assert 0.22 <= share <= 0.45, (path.name, share)


EVENT = {
    "type": "Battles", "subtype": "Armed clash", "actor1": ["a"], "actor2": [],
    "place": None, "date": {"start": None, "end": None, "precision": "unknown"},
    "fatalities": None, "modality": "asserted", "evidence": ["x"],
}


@pytest.mark.parametrize(("change", "message"), [
    ({"subtype": "Skirmish"}, "unknown subtype"),
    ({"type": "Riots"}, "belongs to"),
    ({"modality": "predicted"}, "modality"),
    ({"date": {"start": "2016-01-02", "end": None, "precision": "day"}}, "both"),
    ({"date": {"start": "2016-01-02", "end": "2016-01-01", "precision": "day"}}, "after"),
    ({"fatalities": -1}, "greater than or equal"),
    ({"place": {"names": ["X"], "country": "Syria", "precision": 1}}, "pattern"),
    ({"evidence": []}, "at least 1"),
])
def test_bad_events_are_rejected(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GoldEvent.model_validate({**EVENT, **change})


def test_a_wrong_split_and_a_bad_line_are_named(tmp_path: Path) -> None:
    aid = "made-up-1"
    wrong = "dev" if split_of(aid) == "heldout" else "heldout"
    with pytest.raises(ValueError, match="fixed by the id's hash"):
        GoldArticle(id=aid, set="voa", split=wrong, text="t", published="2020-01-01",
                    published_from="metadata", coder="c", events=[])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        read_articles(bad)


def test_a_quote_not_in_the_text_is_a_problem() -> None:
    aid = "made-up-2"
    art = GoldArticle(id=aid, set="voa", split=split_of(aid), text="Troops took the town.",
                      published="2020-01-01", published_from="metadata", coder="c",
                      events=[GoldEvent.model_validate({**EVENT, "evidence": ["Troops took the city."]})],
                      not_events=["Troops took the town."])
    found = list(problems(art, art.text or ""))
    assert len(found) == 1 and "not verbatim" in found[0]
