"""Train the sentence classifier (``frontlines.nlp.classifier``) and write its artifact.

Training data: the sentences of the development part of every annotation file (labelled
by ``frontlines.evaluation.sentences``) and the written examples in
``annotations/examples/``. Held-out sentences are never trained on; their figures are
printed at the end and stored in the artifact's metadata.

    python scripts/train/sentences.py [--out frontlines/nlp/trained]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = [ROOT / "annotations" / f"{name}.jsonl" for name in ("fakes", "voa", "seeds", "ucdp")]
EXAMPLES = sorted((ROOT / "annotations" / "examples").glob("*.jsonl"))
EMBEDDING_WEIGHT = 1.5
NGRAMS = (1, 2)
MIN_DF = 2
C = 10.0


def _examples() -> list[dict[str, str]]:
    rows = []
    for path in EXAMPLES:
        with open(path, encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def _digests(paths: list[Path]) -> dict[str, str]:
    """SHA-256 of each training file, so that a stale artifact can be told."""
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def main(argv: list[str] | None = None) -> int:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from frontlines.evaluation.sentences import labelled_sentences
    from frontlines.knowledge.taxonomy import load_taxonomy
    from frontlines.nlp.classifier import ARTIFACT, SentenceClassifier
    from frontlines.nlp.embeddings import MODEL, embed

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "frontlines" / "nlp" / "trained")
    args = parser.parse_args(argv)

    subtypes_known = set(load_taxonomy().subtypes)
    sentences = labelled_sentences(ANNOTATIONS)
    train = [s for s in sentences if s.split == "dev"]
    heldout = [s for s in sentences if s.split == "heldout"]
    examples = _examples()
    kinds = sorted({e["label"] for e in examples if e["label"] not in subtypes_known})

    texts = [s.text for s in train] + [e["text"] for e in examples]
    is_event = [s.is_event for s in train] + [e["label"] in subtypes_known for e in examples]
    labels = [s.label for s in train] + [e["label"] for e in examples]

    vectorizer = TfidfVectorizer(min_df=MIN_DF, ngram_range=NGRAMS, sublinear_tf=True, lowercase=True)
    vectorizer.fit(texts)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)

    def features(batch: list[str]) -> csr_matrix:
        return hstack([csr_matrix(embed(batch) * EMBEDDING_WEIGHT), vectorizer.transform(batch)]).tocsr()

    X = features(texts)
    heads: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def fit(name: str, rows: list[int], y: list[object], balanced: bool) -> list[str]:
        model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced" if balanced else None)
        model.fit(X[rows], y)
        heads[name] = (model.coef_.astype(np.float32), model.intercept_.astype(np.float32))
        return [str(c) for c in model.classes_]

    fit("event", list(range(len(texts))), [int(v) for v in is_event], True)
    event_rows = [i for i, v in enumerate(is_event) if v]
    subtypes = fit("subtype", event_rows, [labels[i] for i in event_rows], False)
    kind_rows = [i for i in range(len(train), len(texts)) if not is_event[i]]
    kinds = fit("kind", kind_rows, [labels[i] for i in kind_rows], False)

    args.out.mkdir(parents=True, exist_ok=True)
    arrays = {"vocabulary": np.array(vocabulary), "idf": vectorizer.idf_.astype(np.float32)}
    for name, (w, b) in heads.items():
        arrays[f"{name}_weights"], arrays[f"{name}_bias"] = w, b
    np.savez_compressed(args.out / f"{ARTIFACT}.npz", **arrays)
    meta = {
        "features": {"embedding": f"wordllama:{MODEL}", "embedding_weight": EMBEDDING_WEIGHT,
                     "ngram_range": list(NGRAMS), "min_df": MIN_DF},
        "model": {"kind": "logistic regression", "C": C},
        "subtypes": subtypes,
        "kinds": kinds,
        "trained_on": {
            "sha256": _digests(ANNOTATIONS + EXAMPLES),
            "sentences": len(train), "examples": len(examples),
            "labels": dict(sorted(Counter(labels).items())),
        },
    }
    (args.out / f"{ARTIFACT}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    # Held-out figures, read back through the shipped artifact.
    classifier = SentenceClassifier(args.out)
    verdicts = classifier.predict([s.text for s in heldout])
    print(f"trained on {len(train)} development sentences and {len(examples)} examples;"
          f" {len(vocabulary)} terms")
    print(f"{'held out':<10} {'sentences':>9} {'events':>6} {'precision':>9} {'recall':>6} {'subtype':>7}")
    for part in sorted({s.set for s in heldout}) + ["all"]:
        rows = [(s, v) for s, v in zip(heldout, verdicts) if part in ("all", s.set)]
        tp = sum(s.is_event and v.is_event for s, v in rows)
        asserted = sum(v.is_event for _, v in rows)
        gold = sum(s.is_event for s, _ in rows)
        sub = sum(s.is_event and v.subtype == s.label for s, v in rows)
        print(f"{part:<10} {len(rows):>9} {gold:>6} {tp / max(asserted, 1):>9.3f} {tp / max(gold, 1):>6.3f}"
              f" {sub / max(gold, 1):>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
