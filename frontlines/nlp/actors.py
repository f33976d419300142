"""The ``frontlines_actors`` spaCy component: actor mentions from the curated registry.

It runs before ``ner`` and finds three kinds of mention, longest first:

* an alias of a registry actor ("Kata'ib Hezbollah", "U.S.-led coalition"), with the force
  nouns that follow it ("ISIS militants");
* a demonym before a force word ("Russian air strikes" -> russia, "Syrian government forces"
  -> the Syrian government, "Kurdish fighters" -> Kurdish forces);
* either of these after modifiers that do not change who is meant ("Turkish-backed",
  "YPG-led", "pro-regime", "Islamist").

The mentions go to ``doc.spans["actors"]`` (``kb_id_`` is the actor id) and into
``doc.ents`` (ORG; GPE for a state's name, NORP for a state named by its demonym), so that
the NER labels the rest of the text around them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..knowledge.actors import Actor, ActorRegistry, entity_label, get_registry

__all__ = ["YEAR_KEY", "ActorComponent", "make_actor_component", "provisional_actors"]

#: ``doc.user_data`` key holding the year the text is about (picks names valid that year).
YEAR_KEY = "frontlines_year"
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
_MAX_CHAIN = 6


@dataclass
class _Candidate:
    start: int
    end: int
    actor_ids: tuple[str, ...]
    priority: int  # 3 alias, 2 demonym + force word
    extended: int = 0  # tokens added by modifiers

    def sort_key(self, generic: bool) -> tuple[int, int, int, int, int]:
        return (-(self.end - self.start), -self.priority, int(generic), self.extended, self.start)


class ActorComponent:
    """Finds actor mentions; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = "frontlines_actors",
        *,
        spans_key: str = "actors",
        set_ents: bool = True,
        registry: ActorRegistry | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.registry = registry if registry is not None else get_registry()
        self._alias_matcher = _TokenPhraseMatcher(nlp)
        self._demonym_matcher = _TokenPhraseMatcher(nlp)
        for item in self.registry.patterns(nlp.tokenizer):
            self._alias_matcher.add(item["id"], item["pattern"])
        for item in self.registry.demonym_patterns(nlp.tokenizer):
            self._demonym_matcher.add(item["id"], item["pattern"])
        words = self.registry.force_words
        self._state_heads = words.state
        self._group_heads = words.group
        self._middle = words.middle
        self._suffixes = words.modifier_suffixes
        self._modifiers = words.modifier_words

    # -- spaCy API ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        year = doc.user_data.get(YEAR_KEY) if isinstance(doc.user_data, dict) else None
        spans = self.find(doc, year if isinstance(year, int) else None)
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            doc.ents = filter_spans([*spans, *doc.ents])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # -- matching ----------------------------------------------------------------------
    def find(self, doc: Doc, year: int | None = None) -> list[Span]:
        """Actor mentions of ``doc``: non-overlapping, longest first, in text order."""
        demonyms: dict[int, list[tuple[int, str]]] = {}
        for actor_id, start, end in self._demonym_matcher(doc):
            demonyms.setdefault(start, []).append((end, actor_id))
        by_span: dict[tuple[int, int], list[str]] = {}
        for actor_id, start, end in self._alias_matcher(doc):
            by_span.setdefault((start, end), []).append(actor_id)
        candidates = [
            _Candidate(s, e, tuple(dict.fromkeys(ids)), 3) for (s, e), ids in by_span.items()
        ]
        candidates += self._compose(doc, demonyms)
        demonym_ends: dict[int, int] = {}
        for start, ends in demonyms.items():
            for end, _ in ends:
                demonym_ends[end] = min(start, demonym_ends.get(end, start))
        chosen: list[tuple[_Candidate, Actor]] = []
        taken: set[int] = set()
        resolved = [
            (self._extend(doc, c, demonym_ends), self._resolve(doc, c, year)) for c in candidates
        ]
        resolved.sort(key=lambda item: item[0].sort_key(item[1].generic if item[1] else True))
        for cand, actor in resolved:
            if actor is None or any(i in taken for i in range(cand.start, cand.end)):
                continue
            taken.update(range(cand.start, cand.end))
            chosen.append((cand, actor))
        spans = []
        for cand, actor in sorted(chosen, key=lambda item: item[0].start):
            text = doc[cand.start : cand.end].text
            label = entity_label(actor, text)
            if cand.priority == 2 and actor.kind == "state":
                label = "NORP"
            spans.append(Span(doc, cand.start, cand.end, label=label, kb_id=actor.id))
        return spans

    def _resolve(self, doc: Doc, cand: _Candidate, year: int | None) -> Actor | None:
        if len(cand.actor_ids) == 1:
            return self.registry.get(cand.actor_ids[0])
        core = doc[cand.start : cand.end].text
        options = [
            (actor, alias)
            for actor, alias in self.registry.candidates(core)
            if actor.id in cand.actor_ids
        ]
        if options:
            return self.registry.choose(options, year)
        actors = [a for a in map(self.registry.get, cand.actor_ids) if a is not None]
        actors.sort(key=lambda a: (not a.valid_in(year), a.generic))
        return actors[0] if actors else None

    def _is_head(self, word: str, actor: Actor) -> bool:
        if word in self._state_heads and actor.kind in ("state", "armed_forces"):
            return True
        if actor.kind in ("state", "armed_forces"):
            return False
        return word in self._group_heads or word in self._state_heads

    def _compose(self, doc: Doc, demonyms: dict[int, list[tuple[int, str]]]) -> list[_Candidate]:
        """Demonym chains followed by a force word ("Syrian Kurdish fighters")."""
        out: list[_Candidate] = []
        for start in sorted(demonyms):
            end_d, actor_id = max(demonyms[start])
            chain = [(start, end_d, actor_id)]
            j = end_d
            best: tuple[int, str] | None = None
            while j < len(doc) and j - start <= _MAX_CHAIN:
                word = doc[j].lower_
                actor = self._chain_actor(doc, chain)
                head = actor is not None and self._is_head(word, actor)
                if head and actor is not None:
                    best = (j + 1, actor.id)
                if j in demonyms:
                    nxt_end, nxt_id = max(demonyms[j])
                    chain.append((j, nxt_end, nxt_id))
                    j = nxt_end
                elif head or word in self._middle:
                    j += 1
                else:
                    break
            if best is not None:
                out.append(_Candidate(start, best[0], (best[1],), 2))
        return out

    def _chain_actor(self, doc: Doc, chain: list[tuple[int, int, str]]) -> Actor | None:
        """The most specific actor of a demonym chain: groups, then nations, then roles."""
        ranked: list[tuple[int, int, Actor]] = []
        for pos, (start, _end, actor_id) in enumerate(chain):
            actor = self.registry.get(actor_id)
            if actor is None:
                continue
            if actor.kind not in ("state", "armed_forces"):
                rank = 0
            elif doc[start].text[:1].isupper() and doc[start].lower_ != "pro":
                rank = 1
            else:
                rank = 2
            ranked.append((rank, -pos, actor))
        return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None

    def _modifier_start(self, doc: Doc, i: int, demonym_ends: dict[int, int]) -> int | None:
        """Start of a modifier that ends at token ``i`` (inclusive), or None."""
        tok = doc[i]
        low = tok.lower_
        if low in self._modifiers:
            return i
        if i + 1 in demonym_ends:
            return demonym_ends[i + 1]
        if low in self._suffixes and i >= 2 and doc[i - 1].text in _HYPHENS:
            return i - 2
        if "-" in tok.text and tok.text.rsplit("-", 1)[1].lower() in self._suffixes:
            return i
        if i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].lower_ in ("pro", "anti"):
            return i - 2
        if low.startswith(("pro-", "anti-")):
            return i
        return None

    def _extend(self, doc: Doc, cand: _Candidate, demonym_ends: dict[int, int]) -> _Candidate:
        start, end = cand.start, cand.end
        while start > 0:
            mod = self._modifier_start(doc, start - 1, demonym_ends)
            if mod is None or start - mod > 4:
                break
            start = mod
        actor = self.registry.get(cand.actor_ids[0])
        if cand.priority == 3 and actor is not None and not actor.generic:
            while end < len(doc) and end - cand.end < 2 and (
                doc[end].lower_ in self._group_heads or doc[end].lower_ in self._state_heads
            ) and doc[end].lower_ not in ("government", "regime", "command", "intelligence"):
                end += 1
        return _Candidate(
            start, end, cand.actor_ids, cand.priority, (cand.start - start) + (end - cand.end)
        )


class _TokenPhraseMatcher:
    """Token patterns of plain ``ORTH``/``LOWER`` values (or ``IN`` lists of them), matched
    as phrases: one hash lookup per token instead of one state per pattern."""

    _MAX_EXPANSION = 256

    def __init__(self, nlp: Language) -> None:
        self._vocab = nlp.vocab
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        attrs = {attr for token in pattern for attr in token}
        if len(attrs) != 1 or not attrs <= {"ORTH", "LOWER"}:
            raise ValueError(f"unsupported actor pattern {pattern!r}")
        attr = attrs.pop()
        choices: list[list[str]] = []
        for token in pattern:
            value = token[attr]
            choices.append(list(value["IN"]) if isinstance(value, dict) else [value])
        words_list = list(itertools.islice(itertools.product(*choices), self._MAX_EXPANSION))
        docs = [Doc(self._vocab, words=list(words)) for words in words_list]
        (self._exact if attr == "ORTH" else self._folded).add(key, docs)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = doc.vocab.strings
        found = [*self._exact(doc), *self._folded(doc)]
        return [(strings[match_id], start, end) for match_id, start, end in found]


@Language.factory(
    "frontlines_actors",
    assigns=["doc.spans", "doc.ents"],
    default_config={"spans_key": "actors", "set_ents": True},
)
def make_actor_component(
    nlp: Language, name: str, spans_key: str, set_ents: bool
) -> ActorComponent:
    """Factory of the ``frontlines_actors`` component (add it ``before="ner"``)."""
    return ActorComponent(nlp, name, spans_key=spans_key, set_ents=set_ents)


_NOT_ACTORS = frozenset({"the", "a", "an"})


def provisional_actors(
    doc: Doc, registry: ActorRegistry | None = None, spans_key: str = "actors"
) -> list[str]:
    """ORG entities of ``doc`` that the registry does not know, in text order, once each."""
    reg = registry if registry is not None else get_registry()
    known = [(s.start, s.end) for s in doc.spans.get(spans_key, [])]
    out: dict[str, None] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.kb_id_:
            continue
        if any(s < ent.end and ent.start < e for s, e in known):
            continue
        words = [t for t in ent if not (t.is_punct or t.is_space)]
        while words and words[0].lower_ in _NOT_ACTORS:
            words = words[1:]
        if not words:
            continue
        text = doc[words[0].i : words[-1].i + 1].text
        if len(text) < 2 or not any(ch.isalpha() for ch in text) or reg.match(text) is not None:
            continue
        out.setdefault(text, None)
    return list(out)
