"""The sentence classifier: does a sentence report a specific event, of which sub-event
type, and if not, what kind of sentence is it (a toll, a statement, a prediction...).

Three linear heads share one feature vector: the sentence's WordLlama embedding beside
its TF-IDF word and word-pair weights. The heads are trained by ``make train``
(``scripts/train/sentences.py``) from the annotated development articles and the
written examples in ``annotations/examples/``; the trained weights ship in
``frontlines/nlp/trained/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

TRAINED = Path(__file__).parent / "trained"
ARTIFACT = "sentences"


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
        return self.event >= 0.5


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


class SentenceClassifier:
    """Scores sentences with the trained heads stored under ``folder``."""

    def __init__(self, folder: Path = TRAINED, name: str = ARTIFACT) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        meta_path = folder / f"{name}.json"
        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
            arrays = np.load(folder / f"{name}.npz", allow_pickle=False)
        except OSError as exc:
            raise FileNotFoundError(
                f"{meta_path}: the sentence classifier is not built; run `make train`") from exc
        features = self.meta["features"]
        self.embedding_weight = float(features["embedding_weight"])
        vocabulary = {str(term): i for i, term in enumerate(arrays["vocabulary"])}
        self.vectorizer = TfidfVectorizer(vocabulary=vocabulary, ngram_range=tuple(features["ngram_range"]),
                                          sublinear_tf=True, lowercase=True)
        self.vectorizer.idf_ = arrays["idf"].astype(np.float64)
        self.heads = {h: (arrays[f"{h}_weights"].astype(np.float32), arrays[f"{h}_bias"].astype(np.float32))
                      for h in ("event", "subtype", "kind")}
        self.subtypes: list[str] = list(self.meta["subtypes"])
        self.kinds: list[str] = list(self.meta["kinds"])
        self.threshold = float(self.meta.get("threshold", 0.5))

    def features(self, texts: list[str]) -> tuple[np.ndarray, Any]:
        from .embeddings import embed

        return embed(texts) * self.embedding_weight, self.vectorizer.transform(texts)

    def _scores(self, head: str, dense: np.ndarray, sparse: Any) -> np.ndarray:
        weights, bias = self.heads[head]
        width = dense.shape[1]
        out: np.ndarray = dense @ weights[:, :width].T + np.asarray(sparse @ weights[:, width:].T) + bias
        return out

    def predict(self, texts: list[str]) -> list[Verdict]:
        if not texts:
            return []
        dense, sparse = self.features(texts)
        event = 1.0 / (1.0 + np.exp(-self._scores("event", dense, sparse)[:, 0]))
        subtype = _softmax(self._scores("subtype", dense, sparse))
        kind = _softmax(self._scores("kind", dense, sparse))
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
