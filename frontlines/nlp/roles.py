"""Grammatical arguments of an event trigger, read from the dependency parse.

``argument_slots`` turns a trigger token into slots (subj, obj, poss and one per
preposition) with voice normalised: a passive subject fills ``obj`` and a passive agent
fills ``subj``, so that frames map the same slots to roles in either voice and in nominal
forms ("the recapture of Palmyra from ISIS by the regime").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

Slots = dict[str, list[Token]]

#: Verbs whose object is an event they perform: "launched an attack", "carried out raids".
LIGHT_VERBS = frozenset(
    ["launch", "carry", "conduct", "mount", "stage", "wage", "lead", "begin", "start", "continue", "step", "intensify", "unleash", "perform", "make", "renew", "resume", "escalate", "spearhead", "execute", "commit", "perpetrate"]
)
#: Verbs whose subject an infinitive or participle inherits: "managed to retake".
CONTROL_VERBS = frozenset(
    ["manage", "try", "attempt", "seek", "aim", "plan", "want", "hope", "fail", "continue", "begin", "start", "vow", "threaten", "prepare", "move", "push", "struggle", "help", "set", "expect", "appear", "seem", "go", "decide"]
)
_ATTACK_VERBS = frozenset(["strike", "hit", "bomb", "shell", "pound", "target", "attack", "raid", "fire", "drop", "shoot"])
#: Verbs whose subject can be an event: "an air strike killed 12 civilians".
_IMPACT_VERBS = frozenset(
    ["kill", "wound", "injure", "hit", "target", "destroy", "damage", "claim", "leave", "strike", "level", "flatten", "displace", "force", "cause"]
)
#: Verbs that say a fight or a strike happened: "clashes erupted around X".
_HAPPEN_VERBS = frozenset(
    ["erupt", "break", "continue", "rage", "take", "intensify", "resume", "occur", "renew", "escalate", "flare", "go", "persist"]
)
_SUPPORT_HEADS = frozenset(["back", "support", "aid", "assist", "help", "cover"])
_SUPPORT_NOUNS = frozenset(["help", "support", "backing", "aid", "assistance", "cover"])
#: Participles that say who holds a place, never who struck.
_HOLDING_VERBS = frozenset(
    ["control", "hold", "besiege", "occupy", "run", "dominate", "govern", "surround", "encircle", "inhabit", "populate"]
)
_NP_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "npadvmod", "case"}
)


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.children if c.dep_ == "conj"]] + [
        cc for c in tok.children if c.dep_ == "conj" for cc in c.children if cc.dep_ == "conj"
    ]


def _prep_key(prep: Token) -> str:
    key = prep.lower_
    inner = [c for c in prep.children if c.dep_ == "prep"]
    if key in {"out", "away", "because", "ahead", "instead"} and inner:
        return f"{key}_{inner[0].lower_}"
    return key


def _prep_objects(prep: Token) -> list[Token]:
    objs: list[Token] = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            objs.extend(_conjuncts(c))
        elif c.dep_ == "prep":  # "out of X", "along with X"
            objs.extend(o for cc in c.children if cc.dep_ == "pobj" for o in _conjuncts(cc))
    return objs


def _add(slots: Slots, key: str, toks: Iterable[Token]) -> None:
    bucket = slots.setdefault(key, [])
    for t in toks:
        if t not in bucket:
            bucket.append(t)


def _collect_preps(head: Token, slots: Slots) -> None:
    for c in head.children:
        if c.dep_ in ("prep", "agent", "dative"):
            key = "by" if c.dep_ == "agent" else _prep_key(c)
            if c.dep_ == "agent":
                _add(slots, "subj", _prep_objects(c))
            _add(slots, key, _prep_objects(c))


_RELATIVE = frozenset({"which", "that", "who", "whom"})
_ACCUSING = frozenset(["accuse", "blame", "charge", "suspect", "convict", "condemn"])


def _antecedent(pronoun: Token, verb: Token) -> list[Token]:
    """What a relative pronoun stands for: "ISIS, which mounted an attack that retook X"."""
    head = verb.head
    for _ in range(4):
        if head.dep_ in ("dobj", "obj") and head.head.lemma_ in LIGHT_VERBS:
            # "an attack that retook X": the attacker took it.
            subs = [c for c in head.head.children if c.dep_ == "nsubj"]
            if subs:
                sub = subs[0]
                if sub.lower_ in _RELATIVE and head.head.dep_ == "relcl":
                    head = head.head.head
                    continue
                return _conjuncts(sub)
        return [head]
    return [head]


def _subject_of(verb: Token) -> list[Token]:
    """Active subjects of ``verb``, inherited through conjunctions and control verbs."""
    seen = 0
    passive_ok = False
    while verb is not None and seen < 6:
        seen += 1
        # A passive subject is inherited by a controlled verb ("IS was forced to
        # withdraw"), not through a conjunction or a participle: in "three were killed
        # in shelling by IS" or "were killed by airstrikes and shelling", the three did
        # not shell.
        deps = ("nsubj", "csubj", "nsubjpass") if passive_ok else ("nsubj", "csubj")
        subs = [c for c in verb.children if c.dep_ in deps or (c.dep_ in ("aux", "auxpass") and not _real_aux(c))]
        if subs:
            out: list[Token] = []
            for sub in subs:
                if sub.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    out.extend(_antecedent(sub, verb))
                else:
                    out.extend(_conjuncts(sub))
            return out
        if verb.dep_ == "conj" or (verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_ in CONTROL_VERBS):
            passive_ok = verb.dep_ != "conj"
            verb = verb.head
            continue
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children):
            # "Jets hit the town, killing five": the participle's subject is the clause's.
            verb = verb.head
            passive_ok = False
            continue
        if verb.dep_ == "xcomp":
            passive_ok = True
            verb = verb.head
            continue
        if verb.dep_ == "relcl":
            return [verb.head]
        if verb.dep_ == "pcomp" and verb.head.head.lemma_ in _ACCUSING:
            # "the UN accused X of murdering civilians": X did the murdering.
            accuse = verb.head.head
            accused = [c for c in accuse.children if c.dep_ in ("dobj", "nsubjpass")]
            if accused:
                acc = accused[0]
                if acc.lower_ in _RELATIVE and accuse.dep_ == "relcl":
                    return [accuse.head]
                return _conjuncts(acc)
        break
    return []


def _real_aux(tok: Token) -> bool:
    """False for "IS" (the Islamic State) mistaken for the verb "is"."""
    return not (tok.text.isupper() and len(tok.text) > 1)


def is_passive(verb: Token) -> bool:
    return any(
        c.dep_ == "nsubjpass" or (c.dep_ == "auxpass" and _real_aux(c)) for c in verb.children
    ) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def argument_slots(trigger: Token) -> Slots:
    """Slots of ``trigger``'s arguments with voice normalised."""
    slots: Slots = {}
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB"):
        passive = is_passive(trigger)
        for c in trigger.children:
            if c.dep_ in ("ccomp", "xcomp", "conj") and c.text.isupper() and len(c.text) > 1 and c.pos_ in ("AUX", "VERB"):
                # "expelled IS fighters from X": the parser took "IS" for the verb "is".
                _add(slots, "obj", [c])
                for cc in c.children:
                    if cc.dep_ in ("attr", "acomp", "dobj"):
                        _collect_preps(cc, slots)
                _collect_preps(c, slots)
            elif c.dep_ == "nsubjpass":
                _add(slots, "obj", _conjuncts(c))
            elif c.dep_ in ("dobj", "obj", "attr"):
                if c.lemma_ in ("control", "hold", "charge", "possession"):
                    for p in c.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            _add(slots, "obj", _prep_objects(p))
                    _collect_preps(c, slots)
                else:
                    _add(slots, "obj", _conjuncts(c))
                    _collect_preps(c, slots)
        if passive:
            if trigger.dep_ == "acl":
                _add(slots, "obj", [trigger.head])
        else:
            _add(slots, "subj", _subject_of(trigger))
            if trigger.dep_ == "relcl" and "subj" not in slots:
                _add(slots, "subj", [trigger.head])
        _collect_preps(trigger, slots)
        # "took over X", "handed X over": a particle does not change the slots.
        # "Ten were killed when warplanes struck the town": the striker killed them.
        for c in trigger.children:
            if c.dep_ == "advcl" and c.lemma_ in _ATTACK_VERBS and "subj" not in slots:
                _add(slots, "subj", [s for s in c.children if s.dep_ == "nsubj"])
    else:
        for c in trigger.children:
            if c.dep_ == "poss":
                _add(slots, "poss", _conjuncts(c))
            elif c.dep_ in ("compound", "amod", "nmod"):
                _add(slots, "mod", [c])
            elif c.dep_ == "acl" and c.lemma_.lower() not in _HOLDING_VERBS:
                # "air strikes carried out by Russian warplanes" (not "strikes on a
                # neighbourhood controlled by rebels", where the parser hangs the
                # participle on the strikes)
                for a in c.children:
                    if a.dep_ == "agent":
                        _add(slots, "subj", _prep_objects(a))
        # "US-led Air Strikes": words before the noun that the parser hung elsewhere.
        left = trigger.i - 1
        doc = trigger.doc
        while left >= 0 and trigger.i - left <= 5 and (
            doc[left].pos_ in ("PROPN", "ADJ", "NOUN") or doc[left].text == "-" or doc[left].lower_ in ("led", "backed")
        ):
            _add(slots, "mod", [doc[left]])
            left -= 1
        _collect_preps(trigger, slots)
        if "of" in slots:
            _add(slots, "obj", slots["of"])
            # "the fall of Ramadi to ISIS": the parser often hangs "to"/"from" on the place.
            for obj in list(slots["of"]):
                for c in obj.children:
                    if c.dep_ == "prep" and c.lower_ in ("to", "from", "by"):
                        key = "subj" if c.lower_ == "by" else c.lower_
                        _add(slots, key, _prep_objects(c))
        head = trigger.head
        if trigger.dep_ in ("dobj", "obj") and head.lemma_ in LIGHT_VERBS:
            _add(slots, "subj", _subject_of(head))
            _collect_preps(head, slots)
        elif trigger.dep_ == "nsubj" and head.lemma_ in _HAPPEN_VERBS:
            # "clashes erupted around Talbisa": the happening's place is the verb's.
            _collect_preps(head, slots)
        elif trigger.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in _IMPACT_VERBS:
            # "an air strike killed 12 civilians in Idlib"
            for c in head.children:
                if c.dep_ in ("dobj", "obj"):
                    _add(slots, "obj", _conjuncts(c))
            _collect_preps(head, slots)
        elif trigger.dep_ == "pobj" and head.head is not None and head.lower_ in ("in", "during", "by"):
            _collect_preps(head.head, slots)
    return slots


def holds_a_place(tok: Token) -> bool:
    """True for the holder of a place named beside it: "a district controlled by rebels",
    "rebel-held territory", "regime-controlled areas"."""
    head = tok.head
    if head.dep_ == "agent" and head.head.lemma_.lower() in _HOLDING_VERBS:
        return True
    if tok.dep_ in ("npadvmod", "compound", "amod", "nmod") and head.lemma_.lower() in _HOLDING_VERBS:
        return True
    doc = tok.doc
    return (
        tok.i + 2 < len(doc) and doc[tok.i + 1].text in ("-", "‐", "‑")
        and doc[tok.i + 2].lemma_.lower() in _HOLDING_VERBS
    ) or ("-" in tok.text and tok.text.rsplit("-", 1)[1].lower() in ("held", "controlled", "besieged", "run"))


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without clauses: modifiers, compounds, possessors, 'of'."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if c.dep_ in _NP_DEPS or (c.dep_ == "prep" and c.lower_ in ("of", "from") and tok.pos_ == "NOUN") or c.dep_ == "pobj" and tok.dep_ == "prep":
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def span_at(spans: Iterable[Span], tokens: list[Token]) -> Span | None:
    """The span covering the first token of ``tokens`` (head first), if any."""
    idx = {t.i for t in tokens}
    best: Span | None = None
    head = tokens[0]
    for sp in spans:
        if sp.start <= head.i < sp.end:
            return sp
        if best is None and any(i in idx for i in range(sp.start, sp.end)):
            best = sp
    return best


def support_actor_tokens(trigger: Token, subjects: list[Token]) -> Iterator[Token]:
    """Tokens naming who acted alongside: "backed by X", "with the help of X"."""
    anchors = [trigger, *subjects]
    for anchor in anchors:
        for c in anchor.children:
            # "forces, backed by X," / "backed with intense X airpower"
            if c.lemma_ in _SUPPORT_HEADS and c.dep_ in ("acl", "advcl", "amod", "relcl", "conj"):
                for p in c.children:
                    if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "with"):
                        yield from _prep_objects(p)
            # "with the help of X", "with X support"
            if c.dep_ == "prep" and c.lower_ in ("with", "alongside", "under"):
                for obj in _prep_objects(c):
                    if obj.lemma_ in _SUPPORT_NOUNS:
                        for p in obj.children:
                            if p.dep_ == "prep" and p.lower_ == "of":
                                yield from _prep_objects(p)
                        for m in obj.children:
                            if m.dep_ in ("amod", "compound", "poss"):
                                yield m
                    elif c.lower_ == "alongside":
                        yield obj
    # "Russian-backed forces": amod "backed" with npadvmod / compound "Russian"
    for anchor in subjects:
        for c in anchor.children:
            if c.dep_ in ("amod", "compound") and c.lower_.endswith("backed"):
                for m in c.children:
                    yield m
                if c.lower_ != "backed":
                    yield c


_SUBJECT_TAGS = frozenset({"NNS", "NNPS", "NNP", "PRP"})
_FORCE_PLURALS = frozenset({"forces", "troops", "fighters", "militants", "rebels", "factions", "warplanes",
                            "helicopters", "jets", "planes", "jihadists", "militias", "gunmen"})
_QUOTES = frozenset({"”", "’", '"', "'", "''"})


def misread_verb(tok: Token) -> bool:
    """A base-form word after a plural or named subject and before its object, read as
    a noun: "forces shell areas", "the Islamic State behead a man"."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc) or tok.text[:1].isupper():
        return False
    prev = doc[tok.i - 1]
    if prev.text in _QUOTES and tok.i >= 2:
        prev = doc[tok.i - 2]
    acronym = prev.text.isupper() and prev.is_alpha and len(prev.text) > 1  # "IS stones a man"
    if tok.tag_ not in ("NN", "NNP") and not (acronym and tok.tag_ == "NNS"):
        return False
    nxt = doc[tok.i + 1]
    subject = prev.tag_ in _SUBJECT_TAGS or prev.lower_ in _FORCE_PLURALS or acronym  # "forces" read as a verb
    return subject and nxt.pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ", "PRON")


def misread_verb_slots(tok: Token) -> dict[str, list[Token]]:
    """Slots of a verb the parser read as a noun: the phrase before is the subject, the
    one after the object, with the object's prepositions."""
    doc = tok.doc
    slots: dict[str, list[Token]] = {}
    i = tok.i - 1
    while i > 0 and doc[i].text in _QUOTES:
        i -= 1
    slots["subj"] = [doc[i]]
    obj = tok.head if tok.dep_ == "compound" and tok.head.i > tok.i else next(
        (t for t in doc[tok.i + 1 : tok.i + 5] if t.pos_ in ("NOUN", "PROPN", "PRON")), None
    )
    if obj is not None:
        if not any(t.i < tok.i for t in obj.subtree):
            # (When the parser hung the subject under the object, the object's phrase
            # would name the attacker as its own target.)
            slots["obj"] = [obj]
        _collect_preps(obj, slots)
        for c in obj.children:
            if c.dep_ in ("acl", "relcl"):
                for p in c.children:
                    if p.dep_ == "prep":
                        _collect_preps(c, slots)
                        break
    _collect_preps(tok, slots)
    slots.pop("by", None)
    if "subj" in slots:
        slots["subj"] = slots["subj"][:1]
    return slots
