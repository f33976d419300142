"""Read a whole document: sentences, entities in context, events and relations.

Only sentences that can hold an event go through the tagger, parser and NER; the others
are tokenised and matched against the actor and place rulers, which is all that is needed
to keep track of what "the city" and "the group" refer to.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import ActorRef, Document, Extraction, Location
from ..settings import PIPELINE_VERSION
from .attribution import Attribution, attributions_in, fill_from_attributions, is_unsure
from .civilians import name_civilians
from .events import COUNTRY_FEATURES, Context, EventBuilder, SentenceInfo, resolve_mentions, where_said
from .relations import relations_from_events, relations_in_sentence
from .sentences import Sentence, split_sentences
from .undated import settle_undated
from ..knowledge.state_forces import country_of, force_word, state_force

#: Irregular forms of trigger verbs that a stem filter would miss.
_IRREGULAR = ["took", "taken", "fell", "fallen", "drove", "driven", "shot", "fought", "lost",
              "overran", "died", "dead", "killing", "retook", "retaken", "struck", "hit",
              "seized", "bombed", "bombs", "blew", "gunned", "slain"]
_PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: Below this classifier score a sentence is not parsed (unless it may state who backs
#: whom): it cannot yield an event at any threshold a user would set.
PARSE_FLOOR = 0.1
#: Kinds of sentence that are parsed whatever their score: what they foresee is kept as a
#: prediction or a hypothesis, never asserted.
_FORESEEN = frozenset({"prediction", "question"})
#: The state's own forces, for an unqualified "the army" in a report about that country.
STATE_FORCES = {"SY": "syrian-arab-army", "IQ": "iraqi-army"}
_ARMED_KINDS = frozenset({"jihadist_group", "rebel_group", "militia", "armed_forces", "state", "coalition"})


@dataclass
class _Parsed:
    sentence: Sentence
    doc: Doc
    full: bool
    #: The sentence classifier's probability that the sentence reports an event.
    eventness: float = 1.0


class Extractor:
    """Turns documents into :class:`~frontlines.models.Extraction` objects.

    Build it once (it holds the spaCy pipeline, the actor registry and the gazetteer) and
    call :meth:`extract` or :meth:`extract_many`.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        registry: Any = None,
        gazetteer: Any = None,
        version: str = PIPELINE_VERSION,
        classifier: Any = None,
        event_threshold: float | None = None,
    ) -> None:
        from ..knowledge.actors import get_registry
        from ..knowledge.gazetteer import get_gazetteer
        from ..knowledge.taxonomy import load_lexicon, load_taxonomy
        from ..settings import event_threshold as threshold_setting
        from .classifier import get_classifier

        self.nlp = nlp
        #: Events are kept only from sentences the classifier scores at or above this.
        self.classifier = classifier if classifier is not None else get_classifier()
        self.event_threshold = threshold_setting() if event_threshold is None else event_threshold
        self.parse_floor = min(PARSE_FLOOR, self.event_threshold)
        self.registry = registry if registry is not None else get_registry()
        self.gazetteer = gazetteer if gazetteer is not None else get_gazetteer()
        self.lexicon = load_lexicon()
        # Monitors, agencies and outlets report violence; they do not commit it.
        non_combatants = frozenset(a.id for a in self.registry.all() if a.kind in ("media", "organisation"))
        self.builder = EventBuilder(self.lexicon, load_taxonomy(), version, non_combatants=non_combatants)
        self.version = version
        stems = sorted(set(self.lexicon.surface_stems) | set(_IRREGULAR), key=len, reverse=True)
        # Sentences that can state who backs whom are parsed too.
        relation_stems = ["backed", "built", "allied", "led by", "supported by", "sponsored", "funded", "allies"]
        stems += relation_stems
        self._candidate = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE)
        # Sentences that may tie a side to a deed told elsewhere ("France blames the
        # government for the attack") are parsed whatever the classifier says.
        tying = relation_stems + ["blam", "accus", "attribut", "carried out", "belong", "responsib",
                                  "alleg", "claim"]
        self._relation = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in tying) + r")", re.IGNORECASE)
        self._light = [p for p in nlp.pipe_names if p in _PARSE_PIPES]

    # -- public ----------------------------------------------------------------------
    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 8) -> Iterator[Extraction]:
        batch: list[Document] = []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._extract_batch(batch)
                batch = []
        if batch:
            yield from self._extract_batch(batch)

    # -- internals -------------------------------------------------------------------
    def _sentences(self, document: Document) -> list[Sentence]:
        from ..ingest import furniture_spans

        spans = furniture_spans(document.text)
        out = []
        for s in split_sentences(document.text):
            if any(a <= s.start < b for a, b in spans):
                continue
            out.append(s)
        return out

    def _extract_batch(self, documents: Sequence[Document]) -> Iterator[Extraction]:
        per_doc = [self._sentences(d) for d in documents]
        full_texts: list[str] = []
        light_texts: list[str] = []
        flags: list[list[bool]] = []
        scores = iter(self.classifier.predict([s.text for ss in per_doc for s in ss]))
        eventness: list[list[float]] = []
        for sents in per_doc:
            verdicts = [next(scores) for _ in sents]
            # The parser reads a sentence with a trigger word, unless the classifier is sure
            # it holds no event, no prediction, and no word ties two sides ("backed by").
            f = [bool(self._candidate.search(s.text)) and (
                     v.event >= self.parse_floor or v.kind in _FORESEEN or bool(self._relation.search(s.text)))
                 for s, v in zip(sents, verdicts)]
            flags.append(f)
            eventness.append([v.event for v in verdicts])
            for s, full in zip(sents, f):
                (full_texts if full else light_texts).append(s.text)
        full_docs = iter(list(self.nlp.pipe(self._truecase_all(full_texts), batch_size=64)))
        with self.nlp.select_pipes(disable=self._light):
            light_docs = iter(list(self.nlp.pipe(light_texts, batch_size=256)))
        # A headline the text does not begin with is read for who did what (it is not
        # a report of its own: the body tells the same happening).
        titles = [_separate_title(d) for d in documents]
        wanted = [t for t in titles if t]
        title_docs = iter(list(self.nlp.pipe(self._truecase_all(wanted)))) if wanted else iter([])
        for document, sents, f, title, e in zip(documents, per_doc, flags, titles, eventness):
            parsed = [
                _Parsed(s, next(full_docs) if full else next(light_docs), full, score)
                for s, full, score in zip(sents, f, e)
            ]
            yield self._read(document, parsed, next(title_docs) if title else None)

    def _truecase_all(self, texts: list[str]) -> list[str]:
        """Headlines in title case ("Syrian Army Kills 40 Nusra Members") mislead the
        tagger and parser: lower-case their words outside known names before parsing.
        Only letter case changes, so character offsets stay valid."""
        heads = [i for i, t in enumerate(texts) if is_headline_case(t)]
        if not heads:
            return texts
        out = list(texts)
        with self.nlp.select_pipes(disable=self._light):
            for i, doc in zip(heads, self.nlp.pipe([texts[i] for i in heads])):
                keep = {t.i for key in ("actors", "places") for sp in doc.spans.get(key, []) for t in sp}
                words = [t for t in doc[1:] if t.is_alpha and len(t) >= 4 and t.i not in keep]
                # Few words outside names ("Syrian Army Kills 25 Hayat Tahrir al-Sham Members"):
                # only the event words are lowered, so the parser sees the verb.
                only_triggers = len(words) < 3 or sum(t.is_title for t in words) / len(words) < 0.6
                chars = list(texts[i])
                for tok in doc:
                    if tok.i in keep or tok.i == 0 or not tok.is_title or tok.text in ("I",):
                        continue
                    if only_triggers and not self._candidate.match(tok.text):
                        continue
                    chars[tok.idx] = chars[tok.idx].lower()
                out[i] = "".join(chars)
        return out

    def _anchors(self, parsed: list[_Parsed]) -> list[tuple[float, float]]:
        """Points of the unambiguous large places the document names, to prefer the
        namesake village near them over one far away ("al-Maleh north of Aleppo")."""
        points: dict[str, tuple[float, float]] = {}
        for p in parsed:
            for sp in p.doc.spans.get("places", []):
                cands = self.gazetteer.candidates(sp.text, robust=False)
                if len({c.pid for c in cands}) != 1:
                    continue
                c = cands[0]
                if c.lat is not None and c.lon is not None and (
                    c.population >= 100_000 or c.feature in ("PPLC", "PPLA")
                ):
                    points[c.pid] = (c.lat, c.lon)
        return list(points.values())

    def _resolve_place(self, span: Span, countries: list[str],
                       anchors: list[tuple[float, float]] | None = None,
                       named: Sequence[str] = ()) -> Location | None:
        """Resolve a place mention, refusing the guesses a careful coder would refuse."""
        ruler = span.doc.spans.get("places", [])
        in_ruler = any(sp.start == span.start and sp.end == span.end for sp in ruler)
        # "In Syria", "The Roman Theatre", "Two Russian pilots": a leading function or
        # number word is not part of a name.
        while len(span) > 1 and (span[0].is_stop or span[0].lower_ in _NUMBER_WORDS or span[0].like_num):
            span = span[1:]
        if self.registry.demonym(span.text) is not None or (
            span.end < len(span.doc) and span.doc[span.end].lower_ in _FACILITY_WORDS
        ):
            # "Russian", "the Al-Quds hospital": an adjective or a facility's name.
            if not self._is_big_place(span) or span.end < len(span.doc) and span.doc[span.end].lower_ in _FACILITY_WORDS:
                home_only = True
            else:
                home_only = False
        else:
            home_only = False
        if len(span) == 1 and span[0].is_stop:
            return None
        text = span.text.strip()
        low = text.lower()
        if low in _DIRECTIONS:
            return None  # "Northeastern Aleppo": the direction is not a place
        if not text or low in _NUMBER_WORDS or (text.isupper() and len(text) <= 4 and span.label_ != "GPE"):
            return None
        if len(text) <= 4 and text.isupper():
            # An acronym is a place only if it names a country ("US", "UAE").
            loc = self.gazetteer.resolve(text, countries=countries)
            return loc if loc is not None and loc.feature in COUNTRY_FEATURES else None
        # "Syrias Aleppo": a possessive that lost its apostrophe.
        if low.endswith("s") and " " not in text:
            stem = self.gazetteer.resolve(text[:-1], countries=countries)
            if stem is not None and stem.feature in COUNTRY_FEATURES | {"ADM1", "PPLC"}:
                exact = {c.pid for c in self.gazetteer.candidates(text[:-1], robust=False)}
                if stem.id in exact:
                    return stem
        # The document's own countries: those its places name, else the focus. A village
        # of a neighbouring country the text never names is no more than a namesake
        # ("al-Hadar" in a story about Quneitra is not the Iraqi town).
        main = [c for c in (named or countries)[:2] if c in SPELLING_COUNTRIES] or [
            c for c in countries[:2] if c in SPELLING_COUNTRIES] or ["SY", "IQ"]
        loc = self.gazetteer.resolve(text, countries=countries, near=anchors or None)
        if loc is None:
            return None
        cands = self.gazetteer.candidates(text, robust=False)
        exact = {c.pid for c in cands}
        known = any(
            c.pid == loc.id and (c.population >= 100_000 or c.feature in COUNTRY_FEATURES | {"ADM1", "PPLC"})
            for c in cands
        ) or (loc.id or "").startswith("supp:")
        home = loc.country in main
        if home_only and not home:
            return None
        if self.registry.demonym(text) is not None and not known:
            return None
        if loc.id not in exact and not known and len(text) < 6:
            # A short word matched only by its spelling skeleton ("Shot", "Kurd").
            return None
        if _beside_a_name(span, self._is_big_place) and not (known and home):
            # "Rami Abdel Rahman", "George Sabra", "Asharq Al-Awsat": part of a name.
            return None
        if not known and not home:
            # A village abroad that shares a name with something in the text.
            return None
        if loc.id not in exact and loc.country not in main:
            # Transliteration folding is for Arabic, Kurdish and Turkish names only.
            return None
        if not in_ruler:
            # A place only the statistical NER saw: its full name must be in the gazetteer
            # as written, and be well known or in the document's own countries.
            if loc.id not in exact or (not known and not home):
                return None
        return loc

    def _focus(self, parsed: list[_Parsed], resolve: Any, countries: list[str]) -> Location | None:
        """The governorate most of the document's places lie in, if one clearly leads."""
        from ..settings import focus_countries

        counts: Counter[tuple[str, str]] = Counter()
        # Only a war the knowledge covers: an article about diplomacy in New York has no
        # governorate to fall back on.
        home = [c for c in countries[:1] if c in focus_countries()]
        for p in parsed:
            for sp in p.doc.spans.get("places", []):
                loc = resolve(sp)
                if loc is not None and loc.admin1 and loc.country in home and loc.feature not in COUNTRY_FEATURES:
                    counts[(loc.country, loc.admin1)] += 1
        if not counts:
            return None
        (country, admin1), n = counts.most_common(1)[0]
        if n / sum(counts.values()) < 0.5:
            return None
        cand = self.gazetteer.admin1_of(country, admin1)
        return cand.location(text=None, precision=3) if cand is not None else None

    def _infer_from_weapons(self, events: list[Any], countries: list[str]) -> None:
        """A strike by a weapon only one side used, with no perpetrator named, is that
        side's; the event says so in its notes."""
        from ..knowledge.signatures import load_signatures

        for ev in events:
            if ev.actor1 is not None or ev.type not in ("Explosions/Remote violence", "Violence against civilians"):
                continue
            country = (ev.location.country if ev.location else None) or (countries[0] if countries else None)
            text = " ".join(e.sentence for e in ev.evidence)
            for sig in load_signatures():
                if country in sig.countries and sig.pattern.search(text):
                    actor = self.registry.get(sig.actor)
                    if actor is None:
                        continue
                    ev.actor1 = ActorRef(name=actor.name, id=actor.id, text=None, camp=actor.camp)
                    ev.notes = f"actor1 inferred from the weapon: {sig.source}"
                    ev.confidence = round(max(0.05, ev.confidence - 0.1), 3)
                    break

    def _common_words(self, span: Span) -> bool:
        """True for "Barrel", "Escalating Bombardment": capitalised common words (a
        headline's) that the NER took for an organisation."""
        lex = self.lexicon
        common = lex.weapon_words | lex.people_words | set(lex.triggers) | {
            w for words in lex.cause_words.values() for phrase in words for w in phrase.split()
        }
        words = [t for t in span if t.is_alpha]
        return bool(words) and all(
            t.is_stop or t.lower_ in common or t.lemma_.lower() in common or t.lower_.rstrip("s") in common
            or (t.is_title and i > 0 and t.lower_ in ("escalating", "heavy", "new", "deadly"))
            for i, t in enumerate(words)
        )

    def _camps_of_the_war(self, events: list[Any]) -> None:
        """``camp-of-the-war``: an actor's side is the one it has in the war of the event's
        country (Russia's forces in Ukraine are not "Syrian government and allies")."""
        for ev in events:
            country = ev.location.country if ev.location else None
            if not country:
                continue
            for ref in (ev.actor1, ev.actor2, *ev.assoc_actors):
                if ref is None or not ref.id:
                    continue
                camp = self.registry.camp_of(ref.id, country)
                if camp is not None and camp != ref.camp:
                    ref.camp = camp
                    if "camp-of-the-war" not in ev.rules:
                        ev.rules.append("camp-of-the-war")

    def _registered(self, forces: ActorRef | None) -> ActorRef | None:
        """A country's forces as the registry knows them (its ACLED name and camp), else as
        they were built from the country's name."""
        if forces is None or forces.id is None:
            return forces
        actor = self.registry.get(forces.id)
        if actor is None:
            return forces
        return ActorRef(name=actor.name, id=actor.id, text=forces.text, camp=self.registry.camp_of(actor.id))

    def _is_big_place(self, span: Span) -> bool:
        for c in self.gazetteer.candidates(span.text, robust=False):
            if c.population >= 100_000 or c.feature in COUNTRY_FEATURES | {"ADM1", "PPLC"}:
                return True
        return False

    def _document_countries(self, parsed: list[_Parsed]) -> tuple[list[str], list[str]]:
        """The document's countries (those its places point to, then the focus) and the
        countries it names by a country, province or city."""
        votes: Counter[str] = Counter()
        named: Counter[str] = Counter()
        for p in parsed:
            for sp in p.doc.spans.get("places", []):
                cands = self.gazetteer.candidates(sp.text, robust=False)
                countries = {c.country for c in cands if c.country}
                if len(countries) == 1:
                    votes[next(iter(countries))] += 1
                    # A country, a province or a city names its country; a village may
                    # be a namesake abroad.
                    if any(c.population >= 50_000 or c.feature in COUNTRY_FEATURES | {"ADM1", "PPLC", "PPLA"}
                           or c.pid.startswith("supp:") for c in cands):
                        named[next(iter(countries))] += 1
        from ..settings import focus_countries

        ranked = [c for c, _ in votes.most_common(3)]
        return list(dict.fromkeys(ranked + focus_countries())), [c for c, _ in named.most_common(2)]

    def _read(self, document: Document, parsed: list[_Parsed], title: Doc | None = None) -> Extraction:
        from .dates import find_dates, infer_document_date
        from .quantities import find_quantities

        ref_iso = document.published
        if not ref_iso:
            inferred = infer_document_date(document.text)
            ref_iso = inferred.start if inferred else None
        ref = _dt.date.fromisoformat(ref_iso) if ref_iso else None

        countries, named = self._document_countries(parsed)
        anchors = self._anchors(parsed)
        place_cache: dict[tuple[str, bool, str], Location | None] = {}
        actor_cache: dict[tuple[str, str, str], ActorRef | None] = {}
        provisional: list[str] = []

        def resolve_place(span: Span) -> Location | None:
            region = _region_word(span)
            if region:
                # "Aleppo countryside", "the countryside of Idlib", "rural Damascus": the
                # governorate, not the town.
                rkey = (span.text, True, region)
                if rkey not in place_cache:
                    loc = self._resolve_place(span, countries, anchors, named)
                    if loc is not None and loc.country and loc.admin1 and loc.feature not in COUNTRY_FEATURES:
                        adm = self.gazetteer.admin1_of(loc.country, loc.admin1)
                        loc = adm.location(text=span.text, precision=3) if adm is not None else loc
                    place_cache[rkey] = loc
                found = place_cache[rkey]
                return Location(**found.to_dict()) if found is not None else None
            key = (span.text, _beside_a_name(span, self._is_big_place), span.label_)
            if key not in place_cache:
                try:
                    loc = self._resolve_place(span, countries, anchors, named)
                except Exception:  # noqa: BLE001 - an unresolved place never drops the others
                    loc = None
                place_cache[key] = loc
            loc = place_cache[key]
            if loc is None:
                return None
            out = Location(**loc.to_dict())
            out.text = span.text
            return _checked_against_reference(out, span, resolve_place)

        year = ref.year if ref else None

        def resolve_actor(span: Span) -> ActorRef | None:
            key = (span.text, span.kb_id_, span.label_)
            if span.label_ == "GPE" and not span.kb_id_:
                return self._registered(_state_force(span))
            if span.label_ == "NORP" and not span.kb_id_ and self.registry.match(span.text, year=year) is None \
                    and self.registry.demonym(span.text) is None:
                # Never cached: "Nigerian troops" are a force, "Nigerian farmers" are not.
                forces = self._registered(_state_force(span))
                if forces is not None:
                    return forces
            if key in actor_cache:
                return actor_cache[key]
            actor = self.registry.get(span.kb_id_) if span.kb_id_ else None
            if actor is None:
                actor = self.registry.match(span.text, year=year)
            if actor is None and span.label_ == "NORP" and not (
                span.root.dep_ in ("amod", "compound") and span.root.head.lower_ in self.lexicon.civilian_words
            ):
                # "Iranian-built", "Russian-backed"; not "Syrian children", who are civilians.
                actor = self.registry.demonym(span.text)
            ref_: ActorRef | None
            if actor is not None:
                ref_ = ActorRef(name=actor.name, id=actor.id, text=span.text, camp=actor.camp)
            elif span.label_ == "ORG" and not span.kb_id_ and not self._common_words(span):
                ref_ = ActorRef(name=span.text.strip(), id=None, text=span.text, provisional=True)
                provisional.append(span.text.strip())
            else:
                ref_ = None
            actor_cache[key] = ref_
            return ref_

        ctx = Context(
            doc_id=document.id,
            ref_date=ref_iso,
            source=document.source,
            published=document.published,
        )
        if countries and countries[0] in STATE_FORCES:
            forces = self.registry.get(STATE_FORCES[countries[0]])
            if forces is not None:
                ctx.state_forces = ActorRef(name=forces.name, id=forces.id, text=None, camp=forces.camp)
        elif named and countries and countries[0] == named[0]:
            # "the army" in a story about another country's war: that country's forces.
            ctx.state_forces = self._registered(state_force(named[0]))
        ctx.focus = self._focus(parsed, resolve_place, countries)
        headline_places: set[str] = set()
        events = []
        relations = []
        place_counts: Counter[str] = Counter()
        places_seen: dict[str, Location] = {}
        per_sentence: list[list[Any]] = []
        attributions: list[Attribution] = []
        if title is not None:
            title_actors, title_places = resolve_mentions(title, resolve_actor, resolve_place)
            attributions.extend(attributions_in(title, title_actors, -1))
            headline_places.update(_place_keys(title_places))
            ctx.headline_place = next(
                (m.location for m in title_places if m.location is not None
                 and m.location.feature not in COUNTRY_FEATURES and m.location.lat is not None
                 and not any(a.span.start <= m.span.start < a.span.end for a in title_actors)),
                None,
            )
        for p in parsed:
            if not p.full:
                per_sentence.append([])
            actors, places = resolve_mentions(p.doc, resolve_actor, resolve_place)
            if p is parsed[0] and title is None and _is_title(document, p.sentence.text):
                headline_places.update(_place_keys(places))
            if p.full:
                attributions.extend(attributions_in(p.doc, actors, len(per_sentence)))
            info = SentenceInfo(doc=p.doc, start=p.sentence.start, paragraph=p.sentence.paragraph,
                                actors=actors, places=places, text=p.sentence.text)
            if p.full:
                if ref is not None:
                    anchor = _dt.date.fromisoformat(ctx.anchor.start) if ctx.anchor and ctx.anchor.start else None
                    info.dates = [(m.start_char, m.end_char, m.value)
                                  for m in find_dates(p.sentence.text, ref, anchor=anchor)
                                  if m.value is not None]
                info.quantities = find_quantities(p.sentence.text)
                found = self.builder.build(info, ctx)
                if p.eventness < self.event_threshold:
                    # The classifier reads no event here (a toll, a statement, a threat):
                    # nothing is asserted; a prediction or a denial stays one.
                    found = [e for e in found if not e.is_fact]
                events.extend(found)
                per_sentence.append(found)
                relations.extend(relations_in_sentence(info, ctx, self.version))
                for ev in found:
                    if ev.date and ev.date.text and ev.modality in ("asserted", "reported", "claimed", "alleged"):
                        ctx.anchor = ev.date
                        ctx.anchor_paragraph = p.sentence.paragraph
            # Context for the sentences that follow.
            for m in places:
                loc = m.location
                if loc is None or loc.feature == "country" or where_said(m.span):
                    continue
                if any(a.span.start <= m.span.start < a.span.end for a in actors):
                    continue
                place_counts[loc.id or loc.name] += 1
                places_seen[loc.id or loc.name] = loc
                if loc.precision == 1:
                    ctx.last_place = loc
                    ctx.last_place_paragraph = p.sentence.paragraph
            for m in actors:
                a = m.actor
                if a is None or a.provisional or (a.id or "").startswith("generic"):
                    continue
                actor = self.registry.get(a.id) if a.id else None
                if actor is not None and getattr(actor, "kind", None) in _ARMED_KINDS and a.camp not in (None, "civilians"):
                    if getattr(actor, "kind", None) in ("jihadist_group", "rebel_group", "militia"):
                        ctx.last_group = a
        # A killing coded by default takes the weapon named by the sentences around it.
        texts = [p.doc.text for p in parsed]
        paras = [p.sentence.paragraph for p in parsed]
        for i, found_here in enumerate(per_sentence):
            for ev in found_here:
                near = [texts[j] for j in (i + 1, i - 1, i + 2, i + 3, i - 2)
                        if 0 <= j < len(texts) and (paras[j] == paras[i] or i < 2)]
                self.builder.refine(ev, near)
        self.builder.refinable.clear()
        fill_missing_actors(per_sentence)
        fill_from_attributions(per_sentence, attributions)
        self._infer_from_weapons(events, countries)
        fill_missing_dates(events)
        self._camps_of_the_war(events)
        name_civilians(events, countries)
        settle_undated(events, ref_iso, one_sentence=len(parsed) == 1 and title is None,
                       headline_places=frozenset(headline_places))
        relations.extend(relations_from_events(events))
        unique: dict[str, Any] = {}
        for ev in events:
            unique.setdefault(ev.id, ev)
        events = list(unique.values())
        return Extraction(
            document=document,
            events=events,
            relations=relations,
            provisional_actors=sorted(set(provisional)),
            places=list(places_seen.values()),
            pipeline_version=self.version,
        )


_WORD = re.compile(r"[A-Za-z][a-z'’]+")
_LETTERS = re.compile(r"[^a-z0-9]+")


def _state_force(span: Span) -> ActorRef | None:
    """``state-forces``: a country or its demonym owning a force word ("Nigerian troops",
    "Sudan's army", "the Malian army", "Kenyan police") names that country's military or
    police forces."""
    doc = span.doc
    after = span.end
    if after < len(doc) and doc[after].text in ("'s", "’s", "'"):
        after += 1
    words = [doc[i] for i in range(after, min(after + 2, len(doc)))]
    head = span.root.head if span.root.dep_ in ("amod", "compound", "poss", "nmod") else None
    if head is not None and head.i >= span.end:
        words.insert(0, head)
    for word in words:
        kind = force_word(word.text)
        if kind is None:
            continue
        code = country_of(span.text)
        if code is None:
            return None
        return state_force(code, police=kind == "police", text=doc[span.start:word.i + 1].text)
    return None


def _place_keys(mentions: Iterable[Any]) -> set[str]:
    """Keys (as events' places are keyed) of the towns and regions among place mentions."""
    return {m.location.id or m.location.name for m in mentions
            if m.location is not None and m.location.feature not in COUNTRY_FEATURES}


def _is_title(document: Document, sentence: str) -> bool:
    """True when ``sentence`` is the document's title, repeated as its first line."""
    title = _LETTERS.sub("", (document.title or "").lower())
    return bool(title) and _LETTERS.sub("", sentence.lower()).startswith(title)


def _separate_title(document: Document) -> str | None:
    """The document's title when its text does not already begin with it."""
    title = (document.title or "").strip()
    if not title or len(title) > 300:
        return None
    key = _LETTERS.sub("", title.lower())
    head = _LETTERS.sub("", document.text[: len(title) * 2 + 200].lower())
    return None if not key or key in head else title


def is_headline_case(text: str) -> bool:
    """True when most words of four letters or more start with a capital."""
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    if len(words) < 4:
        return False
    return bool(sum(w[0].isupper() for w in words) / len(words) >= 0.6)


_REGION_AFTER = frozenset({"countryside", "province", "governorate", "countrysides", "region", "state"})
_REGION_BEFORE = frozenset({"rural", "reef", "rif"})


#: How far a place said to lie "north of Y" may be from Y.
NEAR_REFERENCE_KM = 120.0


def _checked_against_reference(loc: Location, span: Span, resolve: Any) -> Location:
    """ "al-Maleh north of Aleppo": a namesake far from the town it is said to be near is
    the wrong one; the event is then placed near that town (precision 2)."""
    from ..knowledge.gazetteer import haversine_km

    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].lower_ not in _DIRECTIONS or doc[i + 1].lower_ != "of":
        return loc
    ref_span = next((sp for sp in doc.spans.get("places", []) if sp.start == i + 2), None)
    if ref_span is None or loc.lat is None or loc.lon is None:
        return loc
    ref = resolve(ref_span)
    if ref is None or ref.lat is None or ref.lon is None:
        return loc
    if haversine_km(loc.lat, loc.lon, ref.lat, ref.lon) <= NEAR_REFERENCE_KM:
        return loc
    near = Location(**ref.to_dict())
    near.text = span.text
    near.precision = max(2, near.precision)
    return near


def _region_word(span: Span) -> str | None:
    """The word that makes a town's name stand for its governorate, if any."""
    doc = span.doc
    nxt = span.end
    while nxt < len(doc) and doc[nxt].lower_ in ("'s", "’s", "s") and nxt - span.end < 1:
        nxt += 1
    if nxt < len(doc) and doc[nxt].lower_ in _REGION_AFTER:
        return doc[nxt].lower_
    before = [t.lower_ for t in doc[max(0, span.start - 4): span.start]]
    if before and before[-1] in _REGION_BEFORE:
        return before[-1]
    if len(before) >= 2 and before[-1] == "of" and any(w in _REGION_AFTER for w in before[:-1]):
        return "countryside"
    return None


def _beside_a_name(span: Span, big_place: Any | None = None) -> bool:
    """True when a capitalised word touches the span and is not a known actor or a
    well-known place: "Rami Abdel Rahman", "Qasim Soleimani", "Asharq Al-Awsat"."""
    doc = span.doc
    actors = {t.i for sp in doc.spans.get("actors", []) for t in sp}
    places = {t.i: sp for sp in doc.spans.get("places", []) for t in sp}
    after = span.end
    while after < len(doc) and doc[after].lower_ in ("al", "el", "-", "ad", "ar", "as", "ash", "az", "at"):
        after += 1
    for i in (span.start - 1, after):
        if 0 <= i < len(doc):
            tok = doc[i]
            if i == 0 and span.start == 1:
                continue
            if not (tok.is_title and tok.is_alpha) or i in actors or tok.lower_ in _CONNECTORS:
                continue
            if i in places and big_place is not None and big_place(places[i]):
                continue  # "Azaz Aleppo province": a town then its governorate
            return True
    return False


_DIRECTIONS = frozenset(
    f"{a}{b}" for a in ("north", "south", "east", "west", "northeast", "northwest", "southeast",
                        "southwest", "north-east", "north-west", "south-east", "south-west", "central")
    for b in ("", "ern", "erly")
)
_FACILITY_WORDS = frozenset(
    ["hospital", "hospitals", "school", "schools", "mosque", "church", "bakery", "street", "road", "square", "prison", "university", "hotel", "brigade", "brigades", "battalion", "battalions", "front", "camp", "market", "newspaper", "channel", "agency"]
)
_CONNECTORS = frozenset({"and", "or", "of", "in", "the", "province", "city", "town", "governorate",
                         "countryside", "district", "village", "camp"})
_NUMBER_WORDS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens"]
)
#: Countries whose place names the spelling-robust key may match (Arabic, Kurdish, Turkish).
SPELLING_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "TR", "IR", "PS", "IL", "SA", "YE", "EG", "LY"})


def fill_missing_actors(per_sentence: list[list[Any]], window: int = 2) -> None:
    """An event with no perpetrator takes the one a nearby report of the same kind names:
    "Raid kills 8 near Ariha. ... the raid was carried out by Russian aircraft." """
    flat = [(i, ev) for i, evs in enumerate(per_sentence) for ev in evs]
    for i, ev in flat:
        if ev.actor1 is not None or ev.territorial:
            continue
        near: list[tuple[int, Any]] = []
        for j, other in flat:
            if other is ev or abs(i - j) > window or other.actor1 is None:
                continue
            if other.subtype != ev.subtype or other.modality != ev.modality and other.modality not in (
                "asserted", "reported"
            ):
                continue
            if ev.location and other.location and ev.location.admin1 != other.location.admin1:
                continue
            if ev.actor2 is not None and (other.actor1.id or other.actor1.name) == (ev.actor2.id or ev.actor2.name):
                continue
            if is_unsure(other.evidence[0].sentence):
                continue  # "no one claimed it, but IS has carried out such bombings"
            near.append((abs(i - j), other))
        # Two sides named around it ("Russian jets ... coalition jets ..."): left open.
        if near and len({o.actor1.camp or o.actor1.id for _, o in near}) == 1:
            ev.actor1 = min(near, key=lambda n: n[0])[1].actor1
    # A report with no perpetrator takes the side that the article's other reports of the
    # same kind at the same place all name: they tell of one happening.
    for _, ev in flat:
        if ev.actor1 is not None or ev.territorial:
            continue
        here = ev.location.id if ev.location else None
        named = [o.actor1 for _, o in flat if o.actor1 is not None and o.subtype == ev.subtype
                 and o.modality in ("asserted", "reported", "claimed", "alleged")
                 and (o.location.id if o.location else None) == here
                 and not is_unsure(o.evidence[0].sentence)
                 and not (ev.actor2 is not None and (o.actor1.id or o.actor1.name) == (ev.actor2.id or ev.actor2.name))]
        camps = {a.camp for a in named}
        if named and len(camps) == 1 and None not in camps:
            ev.actor1 = named[0]


def fill_missing_dates(events: list[Any]) -> None:
    """An undated report takes the date of a dated report of the same happening in the
    same document: "ISIS overran army posts in Sukhnah" ... "the day Sukhnah fell"."""
    dated = [e for e in events if e.date is not None and e.date.text and e.modality in
             ("asserted", "reported", "claimed", "alleged")]
    for ev in events:
        if ev.date is None or ev.date.text or ev.location is None:
            continue
        for other in dated:
            if other is ev or other.location is None or other.location.id != ev.location.id:
                continue
            if other.territorial != ev.territorial or other.type != ev.type:
                continue
            if ev.territorial and ev.actor1 is not None and other.actor1 is not None and (
                ev.actor1.camp or ev.actor1.id) == (other.actor1.camp or other.actor1.id
            ) and other.date is not None and other.date.start and ev.date.start and other.date.start <= ev.date.start:
                # "IS returned and seized Qaryatayn": the capture the article dates elsewhere.
                ev.date = other.date
                break
            if other.date is not None and ev.date.start and other.date.start and ev.date.end and (
                other.date.start <= ev.date.end
            ) and abs((_dt.date.fromisoformat(ev.date.end[:10])
                       - _dt.date.fromisoformat(other.date.start[:10])).days) <= 31:
                ev.date = other.date
                break

