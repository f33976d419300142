"""Who carried out a strike the reporting sentence leaves unnamed.

Articles often report the toll in one sentence ("A raid left eight villagers dead near
Ariha") and the perpetrator in another, or only in the headline ("regime strikes",
"the raid was probably carried out by Russian helicopters", "aircraft said to belong to
the regime"). An attribution is an armed actor tied in the parse to a word of a means of
attack (a weapon, an aircraft, a kind of strike); an event with no perpetrator takes the
attribution of a matching means nearest to it, when every such attribution near it names
one side. The event's notes say where the actor came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

#: Words of a means of attack, by kind.
MEANS: dict[str, frozenset[str]] = {
    "air": frozenset(
        [
            "strike", "strikes", "airstrike", "airstrikes", "air", "raid", "raids", "warplane",
            "warplanes", "jet", "jets", "plane", "planes", "aircraft", "helicopter",
            "helicopters", "aerial", "sortie", "sorties", "barrel", "drone", "drones",
            "bombardment", "bombardments", "bombing", "bombings", "aviation", "airpower"
        ]
    ),
    "artillery": frozenset(
        [
            "shelling", "shell", "shells", "artillery", "mortar", "mortars", "rocket",
            "rockets", "missile", "missiles", "bombardment", "bombardments", "cannon",
            "cannons", "tank", "tanks"
        ]
    ),
    "bomb": frozenset(
        [
            "bomb", "bombs", "bombing", "bombings", "bomber", "bombers", "explosion",
            "explosions", "blast", "blasts", "ied", "ieds", "mine", "mines", "landmine",
            "landmines", "device", "devices", "suicide"
        ]
    ),
    "chemical": frozenset([
        "chemical", "gas", "gases", "sarin", "chlorine", "toxic", "poison", "nerve"
    ]),
}
#: The means that may stand for each sub-event type's unnamed perpetrator.
SUBTYPE_MEANS: dict[str, frozenset[str]] = {
    "Air/drone strike": frozenset({"air"}),
    "Shelling/artillery/missile attack": frozenset({"artillery", "air"}),
    "Chemical weapon": frozenset({"chemical", "air", "artillery"}),
    "Suicide bomb": frozenset({"bomb"}),
    "Remote explosive/landmine/IED": frozenset({"bomb"}),
}
#: Verbs that tie an agent to a means: "carried out by", "belong to", "blamed X for".
_CUE_VERBS = frozenset(
    [
        "carry", "conduct", "launch", "mount", "stage", "belong", "blame", "attribute", "drop",
        "fire", "fly", "operate"
    ]
)
_ARMED = frozenset({"regime", "isis", "coalition", "opposition", "turkey", "kurdish", "nusra"})
#: Dependencies on the way from an agent to its means: "Syrian and Russian planes",
#: "strikes by X", "those of government ally X", "carried out by X", "X jets struck".
_AGENT_PATH = frozenset({"compound", "amod", "poss", "nmod", "pobj", "agent", "conj", "appos", "prep", "nsubj"})
_AGENT_PREPS = frozenset({"by", "of", "to"})
_BLAME_VERBS = frozenset({"blame", "accuse", "hold", "suspect"})
#: Sentences that deny, doubt or imagine an attribution: "no one claimed responsibility
#: but IS has carried out bombings", "if genuine, it would ...".
_UNSURE = re.compile(
    r"^\W*if\b|\b(?:would|might|could|no one|nobody|no group|not immediately clear who|denied|denies)\b",
    re.IGNORECASE,
)
_TAGS = ("Tags ", "TAGS ", "Tags: ")
#: Sentences on either side of an event within which an attribution counts.
WINDOW = 3


@dataclass(frozen=True)
class Attribution:
    """An armed actor tied to a means of attack in sentence ``index`` (-1: the headline)."""

    index: int
    actor: Any
    means: frozenset[str]
    text: str
    #: Blamed, not reported as the doer ("Washington blames X for the attack").
    alleged: bool = False


def is_unsure(sentence: str) -> bool:
    """True for a sentence that denies, doubts or imagines who did it."""
    return bool(_UNSURE.search(sentence))


def _means_of(tok: Token) -> set[str]:
    word = tok.lower_
    return {kind for kind, words in MEANS.items() if word in words or tok.lemma_.lower() in words}


def _means_near(tok: Token) -> set[str]:
    """Means named by ``tok``, its compounds and its arguments: "the strike ... was
    carried out by" (subject of the cue verb), "air strikes", "barrel bombs"."""
    found = _means_of(tok)
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound", "amod", "conj", "attr"):
            found |= _means_of(c)
            for cc in c.children:
                if cc.dep_ in ("compound", "amod"):
                    found |= _means_of(cc)
    return found


def _blamed_for(tok: Token) -> set[str]:
    """Means of an attack ``tok`` is blamed for: "Paris blames the Assad government for
    the chlorine attack", "army units were behind the chemical attack", "regime troops
    were responsible for a nerve agent attack"."""
    while tok.dep_ in ("conj", "appos", "compound", "amod") and tok.head is not tok:
        tok = tok.head
    head = tok.head
    blamed = tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _BLAME_VERBS
    behind = tok.dep_ == "nsubj" and head.lemma_.lower() == "be" and any(
        (c.dep_ == "acomp" and c.lower_ == "responsible") or (c.dep_ == "prep" and c.lower_ == "behind")
        for c in head.children
    )
    if not (blamed or behind):
        return set()
    found: set[str] = set()
    for t in head.subtree:
        if t.i < tok.i or t in tok.subtree:
            continue
        found |= _means_of(t)
    return found


def attributions_in(doc: Doc, actor_mentions: Iterable[Any], index: int) -> list[Attribution]:
    """Armed actors of one sentence tied in its parse to a means of attack."""
    out: list[Attribution] = []
    if _UNSURE.search(doc.text):
        return out
    # A page's tag list glued before the sentence ("Tags Syria Hama Suicide Attack Nusra
    # Front Nine soldiers died in ...") names actors out of any context.
    tags_end = -1
    if doc.text.startswith(_TAGS):
        verbs = [t.i for t in doc if t.is_lower and t.pos_ in ("VERB", "AUX")]
        tags_end = verbs[0] if verbs else len(doc)
    for m in actor_mentions:
        ref = m.actor
        if ref is None or ref.provisional or ref.camp not in _ARMED:
            continue
        if m.span.end <= tags_end and m.span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        tok = m.span.root
        # "Russian planes", "regime warplanes": the mention names its means.
        means: set[str] = set().union(*(_means_of(t) for t in m.span))
        # Climb from the actor's head: "Syrian [and Russian] planes", "strikes by X",
        # "those of government ally X", "carried out by X", "belong to X".
        cur = tok
        for _ in range(5):
            if cur.dep_ == "ROOT" or cur.head is cur:
                break
            dep = cur.dep_
            if dep not in _AGENT_PATH or (dep == "prep" and cur.lower_ not in _AGENT_PREPS):
                break  # "rebel-held", "strikes on rebels": the actor is not the agent
            cur = cur.head
            means |= _means_of(cur)
            if cur.lemma_.lower() in _CUE_VERBS:
                means |= _means_near(cur)
            if means:
                break
        alleged = False
        if not means:
            means = _blamed_for(tok)
            alleged = bool(means)
        if means:
            out.append(Attribution(index=index, actor=ref, means=frozenset(means), text=doc.text, alleged=alleged))
    return out


def fill_from_attributions(
    per_sentence: Sequence[Sequence[Any]], attributions: Sequence[Attribution], lead: int = 3
) -> None:
    """Give each violent event with no perpetrator the side the article ties to its means.

    An attribution counts within :data:`WINDOW` sentences of the event; the headline's
    counts for the lead (the first ``lead`` sentences). All that count must name one side;
    the nearest is taken.
    """
    if not attributions:
        return
    for i, events in enumerate(per_sentence):
        for ev in events:
            if ev.actor1 is not None or ev.territorial:
                continue
            wanted = SUBTYPE_MEANS.get(ev.subtype)
            if not wanted:
                continue
            victim = (ev.actor2.id or ev.actor2.name) if ev.actor2 is not None else None
            near = [
                a for a in attributions
                if a.means & wanted and (a.actor.id or a.actor.name) != victim
                and ((a.index < 0 and i < lead) or (a.index >= 0 and abs(a.index - i) <= WINDOW))
            ]
            if not near or len({a.actor.camp for a in near}) != 1:
                continue
            best = min(near, key=lambda a: (0.5 if a.index < 0 else abs(a.index - i), a.index))
            ev.actor1 = best.actor
            where = ("the headline" if best.index < 0 else "this sentence" if best.index == i
                     else "a nearby sentence")
            snippet = best.text if len(best.text) <= 160 else best.text[:157] + "..."
            verb = "alleged in" if best.alleged else "from"
            ev.notes = f"actor1 {verb} {where}: {snippet}"
            ev.confidence = round(max(0.05, ev.confidence - 0.05), 3)
