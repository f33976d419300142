"""The sentence classifier: its shipped artifact, and what it reads in sentences written
here (not taken from any annotated article)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from frontlines.knowledge.taxonomy import load_taxonomy
from frontlines.models import Document
from frontlines.nlp.classifier import TRAINED, SentenceClassifier, get_classifier

ROOT = Path(__file__).resolve().parents[2]

EVENTS = [
    ("Drones struck a fuel depot outside Kherson overnight, killing two workers, the regional governor said.",
     "Air/drone strike"),
    ("Fighters of the armed group seized the market town of Djibo after a two-day assault on Friday.",
     "Non-state actor overtakes territory"),
    ("A roadside bomb tore through a police pickup near Quetta on Monday, killing four officers.",
     "Remote explosive/landmine/IED"),
    ("Gunmen on motorbikes killed eleven villagers in Zamfara state late on Sunday, residents said.",
     "Attack"),
    ("Hundreds of students marched through central Dhaka on Thursday to demand the minister's resignation.",
     "Peaceful protest"),
]
NOT_EVENTS = [
    ("More than 14,000 people have been killed since the conflict began three years ago.", {"toll"}),
    ("The foreign minister condemned the violence and called on all sides to show restraint.",
     {"statement"}),
    ("Heavy floods swept away hundreds of homes in the delta, leaving dozens dead.", {"disaster"}),
    # A question about the future is a prediction too.
    ("Will the truce survive another month?", {"question", "prediction"}),
    ("The ruling party's defeat in the capital was a political earthquake.", {"comparison"}),
]


@pytest.fixture(scope="module")
def classifier() -> SentenceClassifier:
    return get_classifier()


def test_artifact_covers_every_sub_event_type(classifier: SentenceClassifier) -> None:
    assert set(classifier.subtypes) == set(load_taxonomy().subtypes)
    assert {"toll", "statement", "prediction", "question", "comparison", "disaster", "crime",
            "diplomacy", "background", "none"} <= set(classifier.kinds)


def test_artifact_was_trained_from_the_committed_data() -> None:
    """A change to the annotations or examples needs `make train` (and a new artifact)."""
    meta: dict[str, Any] = json.loads((TRAINED / "sentences.json").read_text(encoding="utf-8"))
    for path, digest in meta["trained_on"]["sha256"].items():
        assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == digest, path
    examples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "annotations" / "examples").glob("*.jsonl"))
    assert examples and set(examples) <= set(meta["trained_on"]["sha256"])


@pytest.mark.parametrize("text,subtype", EVENTS)
def test_event_sentences(classifier: SentenceClassifier, text: str, subtype: str) -> None:
    verdict = classifier.predict([text])[0]
    assert verdict.is_event, verdict
    assert verdict.subtype == subtype


@pytest.mark.parametrize("text,kind", NOT_EVENTS)
def test_non_event_sentences(classifier: SentenceClassifier, text: str, kind: set[str]) -> None:
    verdict = classifier.predict([text])[0]
    assert not verdict.is_event, verdict
    assert verdict.kind in kind


def test_empty_batch_and_missing_artifact(tmp_path: Path, classifier: SentenceClassifier) -> None:
    assert classifier.predict([]) == []
    with pytest.raises(FileNotFoundError, match="make train"):
        SentenceClassifier(tmp_path)


#: Each of the first two gives an event to the rules alone (FRONTLINES_EVENT_THRESHOLD=0).
READER_NOT_EVENTS = [
    "Fighting between the two armies has killed at least 400 civilians in the region this month alone.",
    "The insurgents have repeatedly attacked army posts along the border over the past decade.",
    "The prime minister said the strike on the refinery was an act of terror that would not go unpunished.",
    "It was a massacre of the opposition at the polls, with the party losing 40 seats.",
    "The new law targets online gambling, which officials call an attack on family savings.",
    "Flash floods killed 23 people in the northern hills on Saturday, the disaster agency said.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", READER_NOT_EVENTS)
def test_the_reader_asserts_no_event_from_non_event_sentences(extractor: Any, text: str) -> None:
    doc = Document(id="n1", text=text, published="2024-03-05")
    assert [e for e in extractor.extract(doc).events if e.is_fact] == []


@pytest.mark.slow
def test_the_rules_alone_would_assert_them(rules_extractor: Any) -> None:
    for text in READER_NOT_EVENTS[:2]:
        doc = Document(id="n1", text=text, published="2024-03-05")
        assert [e for e in rules_extractor.extract(doc).events if e.is_fact], text


@pytest.mark.slow
@pytest.mark.parametrize("text,subtype", EVENTS[:4])
def test_the_reader_still_reads_events(extractor: Any, text: str, subtype: str) -> None:
    doc = Document(id="e1", text=text, published="2024-03-05")
    assert [e for e in extractor.extract(doc).events if e.is_fact]


def test_tfidf_rows_agree_with_scikit_learn(classifier: SentenceClassifier) -> None:
    """Scoring computes the TF-IDF row itself; it must be the one training saw."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(vocabulary=classifier.vocabulary, ngram_range=classifier.ngrams,
                                 sublinear_tf=True, lowercase=True)
    vectorizer.idf_ = classifier.idf
    texts = [text for text, _ in EVENTS + NOT_EVENTS] + ["", "Shelling, shelling and more shelling!"]
    expected = vectorizer.transform(texts).toarray()
    for row, text in zip(expected, texts):
        got = np.zeros(len(classifier.vocabulary))
        index, values = classifier.tfidf(text)
        got[index] = values
        assert np.allclose(got, row), text


@pytest.mark.slow
def test_make_train_rebuilds_the_shipped_artifact(tmp_path: Path) -> None:
    """Training is reproducible: the repository's data give the committed weights."""
    import subprocess
    import sys

    import numpy as np

    subprocess.run([sys.executable, str(ROOT / "scripts" / "train" / "sentences.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, text=True)
    shipped = np.load(TRAINED / "sentences.npz")
    rebuilt = np.load(tmp_path / "sentences.npz")
    assert sorted(shipped.files) == sorted(rebuilt.files)
    for name in shipped.files:
        assert np.array_equal(shipped[name], rebuilt[name]), name
    assert json.loads((tmp_path / "sentences.json").read_text()) == json.loads(
        (TRAINED / "sentences.json").read_text())
