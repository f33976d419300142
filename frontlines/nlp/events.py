"""From a parsed sentence to coded events: triggers, roles, sub-event type, modality.

The extractor works on one parsed sentence at a time and a ``Context`` that carries what
the document said before (the last town named, the last armed group, the last date), so
that "the city", "the group" and "three weeks later" resolve to what they refer to.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..knowledge.camps import TERRITORIAL_GOVERNMENTS
from ..knowledge.taxonomy import Lexicon, Taxonomy, Trigger
from ..models import ActorRef, Event, EventDate, Evidence, Location, Quantity
from .modality import modality_of
from .quantities import fatalities as count_fatalities
from .roles import (
    argument_slots,
    holds_a_place,
    is_passive,
    misread_verb,
    misread_verb_slots,
    np_tokens,
    span_at,
    support_actor_tokens,
)

#: Camps whose forces are "government" for ACLED's territorial sub-event types.
#: Camps with aircraft over Syria and Iraq: their "bombing" is an air strike.
AIR_FORCES = frozenset({"regime", "coalition", "turkey", "israel", "iraq_gov"})

PLACE_NOUNS = frozenset(
    ["city", "town", "village", "area", "areas", "district", "neighbourhood", "neighborhood", "province", "governorate", "region", "base", "airbase", "airport", "outskirts", "countryside", "suburb", "suburbs", "hill", "hilltop", "positions", "position", "territory", "territories", "ground", "stronghold", "hospital", "airport", "mosque", "school", "neighbourhoods", "neighborhoods", "camp", "checkpoint", "checkpoints", "road", "highway", "bridge", "dam", "field", "hills", "mountain", "factory", "prison", "barracks", "crossing", "square", "quarter", "quarters", "districts", "villages", "towns"]
)
COUNTRY_FEATURES = frozenset({"country", "PCLI", "PCLD", "PCLS", "PCLF", "PCL", "PCLIX", "CONT"})
_PLACE_COREF = frozenset(["city", "town", "village"])
_GROUP_COREF = frozenset(
    ["group", "jihadists", "jihadis", "militants", "terrorists", "extremists", "insurgents", "organisation", "organization", "caliphate"]
)
_BATTLE_SUBTYPES = frozenset({"Armed clash"})
_STATE_FORCE_HEADS = frozenset({"army", "troops", "soldiers", "soldier", "troop"})


_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "csubj", "parataxis"})


def _clause_path(tok: Token) -> list[Token]:
    """The clause heads above ``tok``: the tokens whose dependency opens a clause."""
    path = []
    node = tok
    for _ in range(40):
        if node.dep_ in _CLAUSE_DEPS or node.head == node:
            path.append(node)
        if node.head == node:
            break
        node = node.head
    return path


def _predicate(tok: Token) -> Token:
    """The verb (or the root) whose clause holds ``tok``: itself for a verb, else the
    nearest verb above it."""
    node = tok
    for _ in range(40):
        if node.head == node or node.pos_ == "VERB" and node.dep_ not in ("aux", "auxpass") or (
                node.pos_ == "AUX" and node.dep_ not in ("aux", "auxpass")):
            return node
        node = node.head
    return node


def _same_clause(trigger: Token, char: int) -> bool:
    """True when the date at ``char`` belongs to the trigger's clause or one above it,
    not to a clause of its own ("..., as ISIS had destroyed sites last year")."""
    doc = trigger.doc
    tok = next((t for t in doc if t.idx <= char < t.idx + max(len(t.text), 1)), None)
    if tok is None:
        return True
    trig_path = set(_clause_path(trigger))
    for head in _clause_path(tok):
        if head in trig_path:
            return True
        if head.dep_ in _CLAUSE_DEPS:
            return False
    return True


_BACKING = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained", "built"})


def _is_backer(span: Span) -> bool:
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in _BACKING


def is_dateline(span: Span) -> bool:
    """"BEIRUT Government jets bombed ...": a capitalised city opening a report is where it
    was filed, not where it happened."""
    if not (span.text.isupper() and len(span.text) > 3 and span.start <= 15):
        return False
    # Only a date line or a byline may come before it ("Last updated at Nov 02 2017 BEIRUT").
    before = span.doc[: span.start]
    return all(t.is_punct or t.like_num or t.is_space or _is_cap_word(t.text) or t.lower_ in _DATELINE_WORDS
               for t in before)


_DATELINE_WORDS = frozenset({"last", "updated", "at", "on", "published", "posted", "by", "and", "am", "pm", "gmt"})


def _is_cap_word(text: str) -> bool:
    return bool(text) and text[0].isupper()


def sub_is_violent(taxonomy: Taxonomy, subtype: str) -> bool:
    return taxonomy.type_of(subtype) in ("Battles", "Explosions/Remote violence", "Violence against civilians")


def is_generic(actor: ActorRef) -> bool:
    return bool(actor.id and actor.id.startswith("generic"))
_CIVIL_GROUPS = frozenset({"families", "family", "people", "residents", "inhabitants", "villagers", "communities"})
_NON_EVENT_SUBJECTS = frozenset({"disease", "earthquake", "flood", "storm", "virus", "fire"})


@dataclass
class Context:
    """What the document has said so far."""

    doc_id: str
    ref_date: str | None
    source: str | None = None
    published: str | None = None
    last_place: Location | None = None
    last_place_paragraph: int = -1
    last_group: ActorRef | None = None
    headline_place: Location | None = None
    anchor: EventDate | None = None
    anchor_paragraph: int = -1
    focus: Location | None = None
    state_forces: ActorRef | None = None


@dataclass
class Mention:
    """A resolved entity mention inside a sentence doc."""

    span: Span
    actor: ActorRef | None = None
    location: Location | None = None


@dataclass
class SentenceInfo:
    doc: Doc
    start: int  # character offset of the sentence in the document
    paragraph: int
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    dates: list[tuple[int, int, EventDate]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    text: str = ""  # the sentence as written (the parse may see it re-cased)


ActorResolver = Callable[[Span], ActorRef | None]


def event_id(doc_id: str, start: int, end: int, subtype: str) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}:{subtype}".encode()).hexdigest()[:16]


class EventBuilder:
    """Codes the events of one parsed sentence."""

    def __init__(self, lexicon: Lexicon, taxonomy: Taxonomy, pipeline_version: str,
                 non_combatants: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self.taxonomy = taxonomy
        self.version = pipeline_version
        self.refinable: set[str] = set()
        self.non_combatants = non_combatants
        #: Per event of the sentence being read: its trigger's token and whether its
        #: place is one of its own arguments.
        self._where: dict[int, tuple[int, bool]] = {}
        self._doc: Doc | None = None
        self._misread: set[int] = set()
        self._defaulted = False
        self._cause = [
            # Plurals too: "air raids", "car bombs", "suicide bombers".
            (sub, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?\b", re.IGNORECASE))
            for sub, words in lexicon.cause_words.items()
        ]

    # -- triggers --------------------------------------------------------------------
    def _lookup(self, tok: Token) -> list[Trigger] | None:
        table = self.lexicon.triggers
        cands = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
        if cands or not (tok.pos_ == "PROPN" or tok.is_title or tok.is_upper):
            return cands
        # Headline case hides lemmas from the tagger: "Air Raids Kill 18".
        low = tok.lower_
        for cut, add in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
            if low.endswith(cut) and len(low) > len(cut) + 2:
                cands = table.get(low[: -len(cut)] + add)
                if cands:
                    return cands
        return None

    def triggers(self, doc: Doc) -> list[tuple[Token, Trigger]]:
        found: list[tuple[Token, Trigger]] = []
        self._misread = set()
        for tok in doc:
            cands = self._lookup(tok)
            if not cands:
                continue
            pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
            if pos == "PROPN":
                # In a headline a verb can be tagged PROPN: accept either reading.
                pos = "VERB" if any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in tok.children) else "NOUN"
            if pos == "NOUN" and any("VERB" in t.pos for t in cands) and misread_verb(tok):
                # "The regime forces shell areas of Jasim": a headline's present-tense
                # verb that the tagger read as a noun.
                pos = "VERB"
                self._misread.add(tok.i)
            for trig in cands:
                if pos not in trig.pos and not (pos == "ADJ" and "VERB" in trig.pos and tok.tag_ == "VBN"):
                    continue
                if trig.compounds:
                    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
                    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
                    if not (mods & set(trig.compounds) or prev in trig.compounds):
                        continue
                if trig.not_objects and any(
                    c.dep_ in ("dobj", "obj") and c.lemma_.lower() in trig.not_objects for c in tok.children
                ):
                    continue
                if trig.heads and tok.head.lemma_.lower() not in trig.heads:
                    continue
                if trig.preps and not any(c.dep_ == "prep" and c.lower_ in trig.preps for c in tok.children):
                    continue
                if trig.particle and not any(c.dep_ == "prt" and c.lower_ == trig.particle for c in tok.children):
                    continue
                found.append((tok, trig))
                break
        return found

    # -- mentions --------------------------------------------------------------------
    def _actor_for(self, tok: Token, info: SentenceInfo, ctx: Context) -> ActorRef | None:
        toks = np_tokens(tok)
        # "US-backed fighters" are the fighters, not their backer (an associated actor).
        spans = [m.span for m in info.actors if not _is_backer(m.span) and not holds_a_place(m.span.root)]
        sp = span_at(spans, toks)
        if sp is not None:
            mention = next(m for m in info.actors if m.span == sp)
            actor = mention.actor
            if actor is not None and is_generic(actor):
                # "Jihadists from ISIL": a named group in the phrase beats the generic word.
                idx = {t.i for t in toks}
                for m in info.actors:
                    if m.actor is not None and not is_generic(m.actor) and m.span.start in idx:
                        return m.actor
                if ctx.last_group and (tok.lower_ in _GROUP_COREF or any(t.lower_ in _GROUP_COREF for t in toks)):
                    return ctx.last_group
            return actor
        if tok.lower_ in _GROUP_COREF and any(t.lower_ == "the" for t in toks) and ctx.last_group:
            return ctx.last_group
        if any(t.lower_ in ("its", "their") and t.dep_ == "poss" for t in toks):
            # "The Islamic State claimed its fighters killed 30 soldiers"
            before = [m for m in info.actors if m.span.end <= tok.i and m.actor is not None
                      and not is_generic(m.actor)]
            if before:
                return before[-1].actor
        if ctx.state_forces is not None and (
            tok.lemma_.lower() in _STATE_FORCE_HEADS
            or any(t.lower_ in ("army", "army's", "armys") for t in toks)
        ):
            # An unqualified "the army" or "troops" in a report about one country's war.
            return ctx.state_forces
        return None

    def _place_for(self, tok: Token, info: SentenceInfo, ctx: Context) -> Location | None:
        toks = np_tokens(tok)
        sp = span_at([m.span for m in info.places], toks)
        if sp is not None:
            return next(m.location for m in info.places if m.span == sp)
        if tok.lower_ in _PLACE_COREF and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN" and not any(
            m.span.start <= tok.i - 1 < m.span.end for m in info.actors
        ):
            # "clashes at Hutah village" that no gazetteer knows: keep the name, no point.
            name = tok.doc[tok.i - 1]
            return Location(name=name.text, text=f"{name.text} {tok.text}", id=None, precision=1,
                            country=ctx.focus.country if ctx.focus else None)
        if tok.lower_ in _PLACE_COREF:
            # "the town of Atmeh" that no gazetteer knows: keep the name, without a point.
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    names = [o for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
                    if names:
                        phrase = [t for t in names[0].subtree if t.pos_ in ("PROPN", "PUNCT") and t.text != ","]
                        text = " ".join(t.text for t in phrase) or names[0].text
                        if not any(m.span.start <= names[0].i < m.span.end for m in info.actors):
                            return Location(name=text, text=text, id=None, precision=1,
                                            country=ctx.focus.country if ctx.focus else None)
        if tok.lower_ not in _PLACE_COREF:
            # "seized 40-50% of the town": the town inside the phrase.
            inner = [t for t in toks if t.lower_ in _PLACE_COREF and t is not tok]
            if inner:
                return self._place_for(inner[0], info, ctx)
        if tok.lower_ in _PLACE_COREF and any(t.lower_ in ("the", "this", "that") for t in toks):
            # "the city": the last town named, earlier in this clause or before it.
            earlier = [m.location for m in info.places if m.span.end <= tok.i and m.location is not None
                       and m.location.precision == 1 and m.location.feature not in COUNTRY_FEATURES
                       and _same_clause(tok, m.span[0].idx)]
            prior = earlier[-1] if earlier else ctx.last_place
            if prior is not None and prior.precision == 1:
                loc = Location(**prior.to_dict())
                loc.text = " ".join(t.text for t in toks)
                return loc
        return None

    def _is_people(self, tok: Token) -> bool:
        return tok.lower_ in self.lexicon.people_words or tok.lemma_.lower() in self.lexicon.people_words

    # -- events ----------------------------------------------------------------------
    def build(self, info: SentenceInfo, ctx: Context) -> list[Event]:
        doc = info.doc
        events: list[Event] = []
        self._where = {}
        self._doc = doc
        for tok, trig in self.triggers(doc):
            ev = self._event(tok, trig, info, ctx)
            if ev is not None:
                events.append(ev)
        return self._consolidate(events)

    def _event(self, tok: Token, trig: Trigger, info: SentenceInfo, ctx: Context) -> Event | None:
        if in_support_phrase(tok):
            return None
        frame = self.lexicon.frames[trig.frame]
        slots = misread_verb_slots(tok) if tok.i in self._misread else argument_slots(tok)

        def first_actor(keys: list[str], exclude: tuple[ActorRef | None, ...] = ()) -> ActorRef | None:
            for key in keys:
                for t in slots.get(key, []):
                    a = self._actor_for(t, info, ctx)
                    if a is not None and all(a.id != x.id or a.name != x.name for x in exclude if x):
                        return a
            return None

        def first_place(keys: list[str]) -> Location | None:
            found: list[Location] = []
            for key in keys:
                for t in slots.get(key, []):
                    p = self._place_for(t, info, ctx)
                    if p is not None and p.feature not in COUNTRY_FEATURES and not is_dateline(t.doc[t.i : t.i + 1]):
                        found.append(p)
            # "bombed Douma in Eastern Ghouta": the town, not the region.
            return min(found, key=lambda p: p.precision) if found else None

        if tok.pos_ == "VERB" and not slots.get("subj") and not is_passive(tok):
            # The parser lost the subject ("In 2017, IS fighters captured ..."): take the
            # actor named just before the verb.
            near = [m for m in info.actors if 0 <= tok.i - m.span.end <= 2 and m.actor is not None
                    and not holds_a_place(m.span.root)]
            if near:
                slots["subj"] = [near[-1].span.root]
        if (
            trig.frame == "kill" and tok.pos_ == "VERB" and tok.tag_ in ("VBN", "VBD") and slots.get("subj")
            and not slots.get("obj") and not is_passive(tok)
            and any(self._is_people(t) or any(c.like_num for c in t.children) for t in slots["subj"])
            and not any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp") for c in tok.children)
        ):
            # A headline's reduced passive: "40 Terrorists Killed in Army Offensive" says
            # who died; only "by X" names the killer.
            slots["obj"] = slots.pop("subj")
        if trig.victim_subject and slots.get("subj"):
            # "29 rebels died in the blast": the dead are the victims; "by" names the killer.
            _victims = slots.pop("subj")
            slots["obj"] = _victims + [t for t in slots.get("obj", []) if t not in _victims]
        actor1 = first_actor(frame.get("actor1", []) + (["mod"] if tok.pos_ != "VERB" else []))
        if actor1 is not None and actor1.id in self.non_combatants and trig.frame in ("attack", "kill"):
            actor1 = None  # "AFP ... 35 jihadists killed": the agency is not the killer
        actor2 = first_actor(frame.get("actor2", []), exclude=(actor1,))
        place = first_place(frame.get("place", []) + (["mod"] if tok.pos_ != "VERB" else []))
        own_place = place is not None

        subj_toks = slots.get("subj", []) + slots.get("obj", [])
        if any(t.lemma_.lower() in _NON_EVENT_SUBJECTS for t in slots.get("subj", [])):
            return None
        people = any(self._is_people(t) or any(c.like_num for c in t.children) for t in subj_toks)

        # Requirements that keep common words ("take", "fall", "lose") from firing.
        if trig.requires == "place" and place is None:
            obj_nouns = [t for t in slots.get("obj", []) + slots.get("of", []) + slots.get("subj", [])]
            if not any(t.lemma_.lower() in PLACE_NOUNS for t in obj_nouns):
                return None
        if trig.frame == "kill" and any(q.kind == "killed_cumulative" for q in info.quantities) and not any(
            q.kind == "killed" for q in info.quantities
        ):
            return None  # a war's running toll ("280,000 killed since 2011") is not an event
        if trig.requires == "role" and actor1 is None and actor2 is None and place is None:
            return None  # "the fight against terrorism", "order of battle"
        if trig.requires == "control" and not any(
            t.lemma_.lower() in ("control", "security", "stability", "order", "authority")
            for t in slots.get("obj", [])
        ):
            return None
        if trig.requires == "people" and not people and not info.quantities:
            return None
        if trig.requires == "weapon" and not any(
            t.lower_ in self.lexicon.weapon_words for t in slots.get("obj", [])
        ):
            return None
        if trig.requires == "means" and self.cause_in(info.doc.text) is None:
            return None  # "hit hard by sanctions"
        if trig.requires == "base" and not any(
            t.lower_ in self.lexicon.base_words for t in slots.get("obj", [])
        ):
            return None

        doc = info.doc
        sent_text = doc.text
        self._defaulted = False
        subtype = self._subtype(trig, tok, actor1, actor2, slots, sent_text)
        if subtype is None:
            return None

        # Location fallback: a place named elsewhere in the sentence, then the paragraph's.
        if place is None:
            actor_ranges = [(m.span.start, m.span.end) for m in info.actors]
            # The first place after the trigger ("clashes erupted around Talbisa"), else
            # the nearest before it ("In Aleppo, clashes killed five").
            after = [m for m in info.places if m.span.start > tok.i]
            before = [m for m in info.places if m.span.start <= tok.i][::-1]
            for m in after + before:
                loc = m.location
                if loc is None or loc.feature in COUNTRY_FEATURES or is_dateline(m.span):
                    continue
                if where_said(m.span, tok):
                    continue
                if any(a <= m.span.start < b for a, b in actor_ranges):
                    continue
                place = loc
                own_place = 0 < m.span.start - tok.i <= 6
                break
        if place is None and ctx.last_place is not None and ctx.last_place_paragraph == info.paragraph:
            place = Location(**ctx.last_place.to_dict())
            place.precision = max(place.precision, 2)
        if place is None and ctx.headline_place is not None:
            # The place the headline names ("Suicide bomber kills 16 in Hasakah").
            place = Location(**ctx.headline_place.to_dict())
            place.precision = max(place.precision, 2)
        if place is None and ctx.focus is not None:
            # The governorate the document is about, at ACLED's regional precision.
            place = Location(**ctx.focus.to_dict())
            place.precision = 3

        if actor1 is None and actor2 is None and place is None and not (
            info.quantities and sub_is_violent(self.taxonomy, subtype)
        ):
            return None

        assoc: list[ActorRef] = []
        for t in support_actor_tokens(tok, slots.get("subj", [])):
            a = self._actor_for(t, info, ctx)
            if a is not None and a not in assoc and (actor1 is None or a.id != actor1.id):
                assoc.append(a)

        modality, attributed = modality_of(tok)
        if modality == "reported" and attributed and self._speaks_for_a_side(attributed):
            modality = "claimed"
        date = self._date(tok, info, ctx)
        sub = self.taxonomy.get(subtype)
        territorial = sub.territorial
        start = info.start
        evidence = Evidence(
            doc_id=ctx.doc_id,
            sentence=info.text or doc.text,
            char_start=start,
            char_end=start + len(doc.text),
            component="frontlines.events",
            pipeline_version=self.version,
            source=ctx.source,
            published=ctx.published,
        )
        quantities = list(info.quantities)
        fatalities = count_fatalities(quantities) if sub.type != "Strategic developments" else None
        confidence = 0.35 + 0.15 * (actor1 is not None) + 0.1 * (actor2 is not None)
        confidence += 0.15 * (place is not None and place.precision == 1) + 0.1 * bool(date and date.text)
        if modality not in ("asserted", "reported"):
            confidence -= 0.15
        event = Event(
            id=event_id(ctx.doc_id, start, start + len(doc.text), f"{subtype}:{tok.i}"),
            type=sub.type,
            subtype=subtype,
            actor1=actor1,
            actor2=actor2,
            assoc_actors=assoc,
            location=place,
            date=date,
            fatalities=fatalities,
            quantities=quantities,
            modality=modality,
            attributed_to=attributed,
            evidence=[evidence],
            confidence=round(max(0.05, min(confidence, 0.95)), 3),
            trigger=tok.text,
            trigger_frame=trig.frame,
            territorial=territorial,
            cameo=sub.cameo,
            plover=f"{sub.plover_event}/{sub.plover_mode}" if sub.plover_mode else sub.plover_event,
        )
        if self._defaulted:
            self.refinable.add(event.id)
        self._where[id(event)] = (tok.i, own_place)
        return event

    def cause_in(self, text: str) -> str | None:
        """The specific weapon-based sub-event type that ``text`` names, if any."""
        for sub, rx in self._cause:
            if sub not in ("Armed clash", "Attack") and rx.search(text):
                return sub
        return None

    def refine(self, event: Event, neighbours: Iterable[str]) -> None:
        """Give a killing coded by default the weapon its neighbouring sentences name:
        "Three dead in attack on Hama. Gunmen launched mortar rounds at ..." """
        if event.id not in self.refinable:
            return
        for text in neighbours:
            sub = self.cause_in(text)
            if sub is not None:
                info = self.taxonomy.get(sub)
                event.subtype, event.type, event.cameo = sub, info.type, info.cameo
                event.plover = f"{info.plover_event}/{info.plover_mode}" if info.plover_mode else info.plover_event
                self.refinable.discard(event.id)
                return

    def _subtype(
        self,
        trig: Trigger,
        tok: Token,
        actor1: ActorRef | None,
        actor2: ActorRef | None,
        slots: dict[str, list[Token]],
        sent_text: str,
    ) -> str | None:
        if trig.subtype == "territorial" and trig.frame == "drive_out" and any(
            w.lower_ in self.lexicon.civilian_words or w.lower_ in _CIVIL_GROUPS
            for t in slots.get("obj", []) for w in [t, *(o for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                                                       for o in c.children if o.dep_ == "pobj")]
        ):
            return "Other"  # "expelled hundreds of families": people driven out, not a front line
        if trig.subtype == "territorial":
            if actor1 is not None:
                state = actor1.camp in TERRITORIAL_GOVERNMENTS
            elif actor2 is not None:
                state = actor2.camp not in TERRITORIAL_GOVERNMENTS
            else:
                state = False
            return "Government regains territory" if state else "Non-state actor overtakes territory"
        if trig.subtype == "bombing":
            # "bombing" is from the air when a force with aircraft does it, a bomb otherwise.
            cause = self.cause_in(sent_text)
            if cause in ("Suicide bomb", "Chemical weapon", "Air/drone strike"):
                return cause
            if actor1 is not None and actor1.camp in AIR_FORCES:
                return "Air/drone strike"
            return cause or "Remote explosive/landmine/IED"
        if trig.subtype in ("attack", "kill"):
            for sub, rx in self._cause:
                if sub in ("Armed clash", "Attack"):
                    continue
                if rx.search(sent_text):
                    return sub
            victims = slots.get("obj", [])
            civ = any(
                t.lower_ in self.lexicon.civilian_words
                or any(c.lower_ in self.lexicon.civilian_words for c in t.subtree)
                for t in victims
            )
            self._defaulted = True
            if civ:
                return "Attack"
            if self._cause[-1][1].search(sent_text) and trig.subtype == "kill":
                return "Attack"
            return "Armed clash"
        return trig.subtype

    def _date(self, tok: Token, info: SentenceInfo, ctx: Context) -> EventDate | None:
        dates = [(a, b, v) for a, b, v in info.dates if v is not None and _same_clause(tok, a)]
        if dates:
            sub = {t.idx for t in tok.subtree}
            best = None
            best_key: tuple[int, int] = (2, 10**9)
            for a, b, value in dates:
                inside = any(a <= i < b for i in sub)
                dist = min(abs(tok.idx - a), abs(tok.idx - b))
                key = (0 if inside else 1, dist)
                if key < best_key:
                    best, best_key = value, key
            return best
        if ctx.anchor is not None and ctx.anchor_paragraph == info.paragraph:
            return EventDate(**ctx.anchor.to_dict())
        if ctx.ref_date:
            # No date in the text: the week before publication, as news reports recent events.
            end = _dt.date.fromisoformat(ctx.ref_date)
            start = end - _dt.timedelta(days=7)
            return EventDate(start=start.isoformat(), end=end.isoformat(), precision="week", text=None)
        return None

    def _consolidate(self, events: list[Event]) -> list[Event]:
        """One event per happening in a sentence: a killing folds into the attack or the
        clash that caused it; a clash folds into a change of control."""
        if len(events) < 2:
            return events
        keep: list[Event] = []
        factual = [e for e in events if e.modality in ("asserted", "reported", "claimed", "alleged")]
        other = [e for e in events if e not in factual]
        territorial = [e for e in factual if e.territorial]
        violent = [e for e in factual if not e.territorial and e.type != "Strategic developments"]
        strategic = [e for e in factual if e.type == "Strategic developments"]
        keep.extend(territorial)
        for group in self._by_place(violent):
            # The most specific violent event carries the roles the others found; a
            # killing only adds its victims and its count to the attack or clash.
            def specificity(e: Event) -> tuple[int, int, float]:
                generic = e.subtype in ("Armed clash", "Attack")
                return (1 if e.trigger_frame == "kill" else 0, 1 if generic else 0, -e.confidence)

            violent = sorted(group, key=specificity)
            main = violent[0]
            apart: list[Event] = []
            for e in violent[1:]:
                if e.trigger_frame == "kill" and main.trigger_frame != "kill":
                    _absorb_killing(main, e)
                    continue
                if self._own_clause(e, main) and all(self._own_clause(e, a) for a in apart):
                    # "Clashes go on in X and jets bomb the area": two happenings.
                    apart.append(e)
                    continue
                main.actor1 = main.actor1 or e.actor1
                main.actor2 = main.actor2 or e.actor2
                main.location = main.location or e.location
                for a in e.assoc_actors:
                    if a not in main.assoc_actors:
                        main.assoc_actors.append(a)
            if main.subtype in ("Armed clash", "Attack"):
                specific = [e for e in violent if e.subtype not in ("Armed clash", "Attack")]
                if specific:
                    main.subtype, main.type = specific[0].subtype, specific[0].type
                    main.cameo, main.plover = specific[0].cameo, specific[0].plover
            if territorial and main.subtype in _BATTLE_SUBTYPES and (
                main.location is None or territorial[0].location is None
                or main.location.id == territorial[0].location.id
            ):
                t = territorial[0]
                t.fatalities = t.fatalities or main.fatalities
            else:
                keep.append(main)
            keep.extend(apart)
        keep.extend(self._strategic_kept(strategic, territorial + violent)[:1])
        seen: set[tuple[str, str | None]] = set()
        for e in other:
            key = (e.subtype, e.location.id if e.location else None)
            if key not in seen:
                seen.add(key)
                keep.append(e)
        return keep


    def _speaks_for_a_side(self, speaker: str) -> bool:
        """``party-claims``: what an army or an armed group says (itself, or its
        spokesman) is claimed, not reported (CODING.md §3, modality); a monitor, an agency,
        an outlet or an official reports."""
        words = speaker.lower().replace("'s", "").replace("’s", "").split()
        if not words or len(words) > 6:
            return False
        if words[-1] in _PARTY_WORDS:
            return True
        return words[-1] in ("spokesman", "spokesperson") and any(w in _PARTY_WORDS for w in words[:-1])

    def _strategic_kept(self, strategic: list[Event], violent: list[Event]) -> list[Event]:
        """``strategic-in-violence``: a strategic development read in the clause of a
        violent event is a part of it, not a happening of its own (the homes a strike
        destroyed, the truce an attack broke)."""
        if not violent or self._doc is None:
            return strategic
        heads = {_predicate(self._doc[w[0]]).i for e in violent
                 if (w := self._where.get(id(e))) is not None}
        kept = []
        for e in strategic:
            w = self._where.get(id(e))
            if w is not None and _predicate(self._doc[w[0]]).i in heads:
                continue
            kept.append(e)
        return kept

    def _own_clause(self, event: Event, other: Event) -> bool:
        """``one-event-per-subtype``: violent events of different sub-event types are
        different happenings (CODING.md §2): "air and artillery strikes on the town" are an
        air strike and a shelling, "clashes go on and warplanes bomb the area" a clash and
        an air strike. Only a generic attack is made more specific by a weapon its own
        clause names ("attacked the village with rockets")."""
        if event.subtype == other.subtype or self._doc is None:
            return False
        generic = ("Armed clash", "Attack")
        if (event.subtype not in generic and other.subtype not in generic
                and event.type in _ARMED_TYPES and other.type in _ARMED_TYPES):
            return True
        if "clash" in (event.trigger_frame, other.trigger_frame):
            return True
        a, b = self._where.get(id(event)), self._where.get(id(other))
        if a is None or b is None:
            return False
        return _predicate(self._doc[a[0]]) != _predicate(self._doc[b[0]])

    def _by_place(self, violent: list[Event]) -> list[list[Event]]:
        """Violent events of one sentence, grouped by the places they name themselves:
        "Rockets strike Damascus and fighting breaks out near Rastan" tells of two events, ACLED
        codes one per location. An event that names no place of its own joins the group
        of the nearest trigger."""
        if len(violent) < 2:
            return [violent] if violent else []
        from ..knowledge.gazetteer import haversine_km

        groups: list[tuple[Location, list[Event]]] = []
        loose: list[Event] = []
        for e in violent:
            _, own = self._where.get(id(e), (0, False))
            loc = e.location
            if not own or loc is None or loc.lat is None or loc.lon is None or loc.precision != 1:
                loose.append(e)
                continue
            for gloc, members in groups:
                if gloc.id == loc.id or (
                    gloc.admin1 == loc.admin1
                    and haversine_km(gloc.lat or 0.0, gloc.lon or 0.0, loc.lat, loc.lon) <= SAME_PLACE_KM
                ):
                    members.append(e)
                    break
            else:
                groups.append((loc, [e]))
        if len(groups) < 2:
            return [violent]
        for e in loose:
            at = self._where.get(id(e), (0, False))[0]
            nearest = min(groups, key=lambda g: min(abs(self._where.get(id(m), (0, False))[0] - at) for m in g[1]))
            nearest[1].append(e)
        return [members for _, members in groups]


#: Event types of armed violence, where each sub-event type is a happening of its own.
_ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

#: Head words of a speaker who is a side of the fighting ("the army said", "a militia
#: spokesman said").
_PARTY_WORDS = frozenset({
    "army", "military", "militants", "rebels", "insurgents", "militia", "militias", "jihadists",
})

#: Places closer than this in one sentence are taken for one event's place.
SAME_PLACE_KM = 15.0

_SUPPORT_LEMMAS = frozenset({"back", "support", "aid", "cover", "help", "assist"})
#: Where words are said: "speaking in Geneva", "the ministry in Paris condemned", "a news
#: conference in Istanbul". ("In Aleppo, officials said ..." may well name the event's
#: place, so plain verbs of saying are not among them.)
_SAYING = frozenset({
    "speak", "condemn", "urge", "call", "meet", "ministry", "conference", "meeting", "talks",
    "summit", "embassy", "envoy", "spokesman", "spokesperson", "statement", "briefing", "interview",
})


def where_said(span: Span, trigger: Token | None = None) -> bool:
    """``statement-place``: the place belongs to the saying, not to the deed: its head
    chain reaches a word of :data:`_SAYING` before the trigger ("Speaking in Geneva, the
    envoy said strikes killed 20": Geneva is where it was said)."""
    node = span.root
    for _ in range(10):
        head = node.head
        if head == node or head == trigger or node == trigger:
            return False
        if head.lemma_.lower() in _SAYING or head.lower_ in _SAYING:
            return True
        node = head
    return False


def in_support_phrase(tok: Token) -> bool:
    """True inside "backed by X air strikes" or "with the help of X airpower": the support
    is a role of another event, not an event of its own."""
    node = tok
    for _ in range(4):
        head = node.head
        if head == node:
            return False
        if node.dep_ in ("pobj", "agent", "prep") and head.lemma_ in _SUPPORT_LEMMAS:
            return True
        if head.lemma_ in _SUPPORT_LEMMAS and head.dep_ in ("acl", "amod", "advcl") and node.dep_ in ("agent", "prep"):
            return True
        node = head
    return False


def _same(a: ActorRef | None, b: ActorRef | None) -> bool:
    return a is not None and b is not None and (a.id or a.name) == (b.id or b.name)


def _absorb_killing(main: Event, kill: Event) -> None:
    """Fold "N were killed" into the clash or attack that killed them."""
    victims, killer = kill.actor2, kill.actor1
    main.location = main.location or kill.location
    if main.fatalities is None:
        main.fatalities = kill.fatalities
    if main.trigger_frame == "clash" and victims is not None:
        # The killed are one side; the other side did the killing.
        if _same(main.actor1, victims):
            main.actor1, main.actor2 = main.actor2, victims
        elif _same(main.actor2, victims) or main.actor2 is None:
            main.actor2 = victims
        elif main.actor1 is None:
            main.actor1, main.actor2 = main.actor2, victims
        if main.actor1 is None and killer is not None and not _same(killer, victims):
            main.actor1 = killer
        return
    main.actor1 = main.actor1 or killer
    if main.actor2 is None and not _same(victims, main.actor1):
        main.actor2 = victims


def resolve_mentions(
    doc: Doc,
    actor_resolver: ActorResolver,
    place_resolver: Callable[[Span], Location | None],
) -> tuple[list[Mention], list[Mention]]:
    """Actor and place mentions of a sentence doc, each resolved."""
    actors: list[Mention] = []
    places: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for sp in doc.spans.get("actors", []):
        ref = actor_resolver(sp)
        if ref is not None:
            actors.append(Mention(sp, actor=ref))
            seen.add((sp.start, sp.end))
    place_spans: list[Span] = list(doc.spans.get("places", []))
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and not any(
            p.start == ent.start and p.end == ent.end for p in place_spans
        ):
            place_spans.append(ent)
    for sp in place_spans:
        loc = place_resolver(sp)
        if loc is not None:
            places.append(Mention(sp, location=loc))
    for ent in doc.ents:
        if ent.label_ in ("ORG", "NORP", "GPE") and (ent.start, ent.end) not in seen:
            # A country is an actor only as the owner of a force ("Sudan's army"): the
            # resolver says so; a place is no actor otherwise.
            if ent.label_ != "GPE" and any(m.span.start <= ent.start < m.span.end for m in places):
                continue
            ref = actor_resolver(ent)
            if ref is not None:
                actors.append(Mention(ent, actor=ref))
    actors.sort(key=lambda m: m.span.start)
    places.sort(key=lambda m: m.span.start)
    return actors, places
