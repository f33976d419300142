"""Relations between actors read from the text: who backs, built, leads or allies with whom.

"X, backed by Y" and "Y-backed X" give ``supports`` (Y supports X); "Y-built X" gives
``built_by`` (X built by Y); "Y-led X" gives ``leads``; "X and its allies Y", "allied with",
"alongside" give ``allied_with``. Associated actors of events ("with the help of Y") add
``supports`` edges to the event's main actor.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..models import ActorRef, Event, Evidence, Relation
from .events import Context, SentenceInfo
from .roles import np_tokens, span_at

_HYPHEN_KINDS = {
    "backed": "supports", "supported": "supports", "sponsored": "supports",
    "funded": "supports", "armed": "supports", "allied": "allied_with",
    "built": "built_by", "trained": "built_by", "created": "built_by", "founded": "built_by",
    "led": "leads",
}
_ACL_KINDS = {"back": "supports", "support": "supports", "sponsor": "supports",
              "fund": "supports", "build": "built_by", "create": "built_by",
              "train": "built_by", "lead": "leads", "ally": "allied_with"}


def _actor_at(tok: Token, info: SentenceInfo) -> ActorRef | None:
    sp = span_at([m.span for m in info.actors], np_tokens(tok))
    if sp is None:
        return None
    return next((m.actor for m in info.actors if m.span == sp), None)


def _actor_ending_at(i: int, info: SentenceInfo) -> ActorRef | None:
    for m in info.actors:
        if m.span.end == i or (m.span.start <= i - 1 < m.span.end):
            return m.actor
    return None


def _target_of(noun: Token, info: SentenceInfo) -> ActorRef | None:
    """The actor a modifier describes: the noun itself, or what it stands in apposition to."""
    if noun.dep_ == "appos":
        head = _actor_at(noun.head, info)
        if head is not None:
            return head
    own = _actor_at(noun, info)
    if own is not None:
        return own
    for c in noun.children:
        if c.dep_ == "appos":
            return _actor_at(c, info)
    return None


def relations_in_sentence(info: SentenceInfo, ctx: Context, version: str) -> list[Relation]:
    doc = info.doc
    out: list[Relation] = []

    def add(source: ActorRef | None, target: ActorRef | None, kind: str) -> None:
        if source is None or target is None or source.provisional or target.provisional:
            return
        if (source.id or source.name) == (target.id or target.name):
            return
        ev = Evidence(doc_id=ctx.doc_id, sentence=info.text or doc.text, char_start=info.start,
                      char_end=info.start + len(doc.text), component="frontlines.relations",
                      pipeline_version=version, source=ctx.source, published=ctx.published)
        out.append(Relation(source=source, target=target, kind=kind, evidence=[ev],
                            date=ctx.published or ctx.ref_date))

    for tok in doc:
        low = tok.lower_
        # "Iranian-built militia", "YPG-led SDF", "Russian-backed forces"
        if low in _HYPHEN_KINDS and tok.i >= 2 and doc[tok.i - 1].text == "-":
            src = _actor_ending_at(tok.i - 1, info)
            noun = tok.head if tok.head.pos_ in ("NOUN", "PROPN") else None
            if noun is None:
                for anc in tok.ancestors:
                    if anc.pos_ in ("NOUN", "PROPN"):
                        noun = anc
                        break
            tgt = _target_of(noun, info) if noun is not None else None
            kind = _HYPHEN_KINDS[low]
            if kind in ("built_by",):
                add(tgt, src, kind)
            else:
                add(src, tgt, kind)
        # "X, backed by Y", "X, led by Y"
        elif tok.lemma_ in _ACL_KINDS and tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
            tgt = _target_of(tok.head, info)
            for c in tok.children:
                if c.dep_ == "agent":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            for conj in [o, *[x for x in o.children if x.dep_ == "conj"]]:
                                src = _actor_at(conj, info)
                                kind = _ACL_KINDS[tok.lemma_]
                                if kind == "built_by":
                                    add(tgt, src, kind)
                                else:
                                    add(src, tgt, kind)
        # "allied with Y", "alongside Y"
        elif low in ("allied", "alongside") or (tok.lemma_ == "ally" and tok.pos_ == "NOUN"):
            subj = None
            for anc in [tok, *tok.ancestors]:
                subs = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subs:
                    subj = _actor_at(subs[0], info)
                    break
            if tok.lemma_ == "ally" and tok.pos_ == "NOUN":
                for c in tok.children:
                    if c.dep_ == "poss":
                        subj = _actor_at(c, info) or subj
                objs = [o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
                objs += [c for c in tok.children if c.dep_ == "appos"]
            else:
                objs = [o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
                objs += [o for o in tok.children if o.dep_ == "pobj"]
            for o in objs:
                add(subj, _actor_at(o, info), "allied_with")
    return out


def relations_from_events(events: Iterable[Event]) -> list[Relation]:
    out: list[Relation] = []
    for e in events:
        if e.actor1 is None or e.modality not in ("asserted", "reported", "claimed", "alleged"):
            continue
        for a in e.assoc_actors:
            if (a.id or a.name) != (e.actor1.id or e.actor1.name) and not a.provisional:
                out.append(Relation(source=a, target=e.actor1, kind="supports",
                                    evidence=list(e.evidence),
                                    date=e.date.start if e.date else None))
    return out
