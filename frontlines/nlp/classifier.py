"""The sentence classifier: does a sentence report a specific event, of which sub-event
type, and if not, what kind of sentence is it (a toll, a statement, a prediction...).

Three linear heads share one feature vector: the sentence's WordLlama embedding beside
its TF-IDF word and word-pair weights. Scoring needs numpy and WordLlama only: the TF-IDF
row is computed here as scikit-learn computed it in training (a test checks that the two
agree). The heads are trained by ``make train``
(``scripts/train/sentences.py``) from the annotated development articles and the
written examples in ``annotations/examples/``; the trained weights ship in
``frontlines/nlp/trained/``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

TRAINED = Path(__file__).parent / "trained"
ARTIFACT = "sentences"
#: scikit-learn's default token pattern.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class Verdict:
    """What the classifier reads in one sentence."""

    event: float  # the probability that it reports a specific event
    subtype: str  # the most likely sub-event type, were it an event
    subtype_score: float
    kind: str  # the most likely kind of non-event sentence ("toll", "statement", ...)
    kind_score: float

    @property
    def is_event(self) -> bool:
        """The classifier's own decision (its classes were balanced in training); the
        reader's gate is ``FRONTLINES_EVENT_THRESHOLD``."""
        return self.event >= 0.5


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


class SentenceClassifier:
    """Scores sentences with the trained heads stored under ``folder``."""

    def __init__(self, folder: Path = TRAINED, name: str = ARTIFACT) -> None:
        meta_path = folder / f"{name}.json"
        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
            arrays = np.load(folder / f"{name}.npz", allow_pickle=False)
        except OSError as exc:
            raise FileNotFoundError(
                f"{meta_path}: the sentence classifier is not built; run `make train`") from exc
        features = self.meta["features"]
        self.embedding_weight = float(features["embedding_weight"])
        self.ngrams = tuple(int(n) for n in features["ngram_range"])
        self.vocabulary = {str(term): i for i, term in enumerate(arrays["vocabulary"])}
        self.idf = arrays["idf"].astype(np.float64)
        self.heads = {h: (arrays[f"{h}_weights"].astype(np.float32), arrays[f"{h}_bias"].astype(np.float32))
                      for h in ("event", "subtype", "kind")}
        self.subtypes: list[str] = list(self.meta["subtypes"])
        self.kinds: list[str] = list(self.meta["kinds"])

    def terms(self, text: str) -> list[str]:
        """The words and word n-grams of ``text`` as scikit-learn's ``TfidfVectorizer``
        (used for training) cuts them: lower-cased runs of two or more word characters."""
        words = _TOKEN.findall(text.lower())
        low, high = self.ngrams
        out: list[str] = []
        for n in range(low, high + 1):
            out.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
        return out

    def tfidf(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of the text's sublinear, L2-normalised TF-IDF row."""
        counts = Counter(i for t in self.terms(text) if (i := self.vocabulary.get(t)) is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[index]
        return index, values / np.linalg.norm(values)

    def _scores(self, head: str, dense: np.ndarray, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        weights, bias = self.heads[head]
        width = dense.shape[1]
        out: np.ndarray = dense @ weights[:, :width].T + bias
        for r, (index, values) in enumerate(rows):
            if len(index):
                out[r] += weights[:, width + index] @ values.astype(np.float32)
        return out

    def predict(self, texts: list[str]) -> list[Verdict]:
        if not texts:
            return []
        from .embeddings import embed

        dense = embed(texts) * self.embedding_weight
        rows = [self.tfidf(t) for t in texts]
        event = 1.0 / (1.0 + np.exp(-self._scores("event", dense, rows)[:, 0]))
        subtype = _softmax(self._scores("subtype", dense, rows))
        kind = _softmax(self._scores("kind", dense, rows))
        out = []
        for i in range(len(texts)):
            s, k = int(subtype[i].argmax()), int(kind[i].argmax())
            out.append(Verdict(float(event[i]), self.subtypes[s], float(subtype[i, s]),
                               self.kinds[k], float(kind[i, k])))
        return out


@lru_cache(maxsize=1)
def get_classifier() -> SentenceClassifier:
    """The packaged classifier, loaded once."""
    return SentenceClassifier()
