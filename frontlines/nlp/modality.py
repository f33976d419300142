"""Modality and attribution of an event mention.

asserted (the writer states it), reported ("according to X", "X said"), claimed (a party
claims it), alleged ("accused of"), predicted ("will", "set to", "expected to"),
hypothetical ("could", "if", "would"), negated ("did not").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_PREDICTIVE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "can", "should", "must", "ca"})
_PREDICTIVE_HEADS = frozenset(
    ["set", "expect", "plan", "intend", "aim", "prepare", "vow", "threaten", "promise", "pledge", "want", "seek", "hope", "wish", "going", "poise", "ready", "likely", "bound", "due", "scheduled", "need", "propose", "urge"]
)
_REPORT_VERBS = frozenset(
    ["say", "report", "tell", "announce", "state", "add", "confirm", "note", "write", "quote", "cite", "broadcast", "tweet", "show", "document", "record", "estimate"]
)
_CLAIM_VERBS = frozenset(["claim", "insist", "boast"])
#: Heads whose infinitive happened: "managed to retake", "went on to seize".
_FACTIVE_HEADS = frozenset(["manage", "succeed", "continue", "begin", "start", "go", "help", "proceed"])
_ALLEGE_VERBS = frozenset(["accuse", "allege", "blame", "charge", "deny"])
_NEGATIONS = frozenset({"not", "n't", "never", "no", "without"})
_HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
_SPECULATIVE_ADVS = frozenset({"possibly", "perhaps", "maybe", "probably"})


def _speaker(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return " ".join(t.text for t in c.subtree if t.dep_ not in ("punct", "relcl"))[:120]
    return None


def _according_to(sent: Span) -> str | None:
    toks = list(sent)
    for i, t in enumerate(toks[:-1]):
        if t.lower_ == "according" and toks[i + 1].lower_ == "to":
            for c in toks[i + 1].children:
                if c.dep_ == "pobj":
                    return " ".join(x.text for x in c.subtree if x.dep_ not in ("punct", "relcl", "acl"))[:120]
    return None


def modality_of(trigger: Token) -> tuple[str, str | None]:
    """The modality of the event that ``trigger`` reports, and who says so."""
    sent = trigger.sent
    chain: list[Token] = []
    tok: Token = trigger
    for _ in range(8):
        chain.append(tok)
        if tok.head == tok:
            break
        tok = tok.head

    # "launched an offensive to retake X", "a failed bid to reopen the road": an aim, not a
    # fact; "managed to retake X" is a fact.
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) and trigger.dep_ in (
        "acl", "advcl", "xcomp", "relcl", "ccomp"
    ) and trigger.head.lemma_ not in _FACTIVE_HEADS:
        return "predicted", None

    # Negation and hypothetical/predictive auxiliaries on the trigger and the verbs it
    # depends on up to the first reporting verb.
    for depth, tok in enumerate(chain):
        if depth and tok.lemma_ in (_REPORT_VERBS | _CLAIM_VERBS | _ALLEGE_VERBS):
            break
        for c in tok.children:
            low = c.lower_
            if c.dep_ == "neg" or (low in _NEGATIONS and c.dep_ in ("neg", "det", "advmod")):
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if nxt is not None and nxt.lower_ in ("just", "only", "merely", "simply", "solely"):
                    continue  # "have not just massacred them, but expelled them too"
                if depth == 0 or tok.pos_ in ("VERB", "AUX"):
                    return "negated", None
            if c.dep_ == "aux" or c.dep_ == "auxpass":
                if low in _PREDICTIVE_AUX:
                    return "predicted", None
                if low in _HYPOTHETICAL_AUX:
                    return "hypothetical", None
            if c.dep_ == "mark" and low in _HYPOTHETICAL_MARKS:
                return "hypothetical", None
            if c.dep_ == "advmod" and low in _SPECULATIVE_ADVS:
                return "hypothetical", None
            if depth == 0 and c.dep_ == "advmod" and low in ("almost", "nearly"):
                # "almost took Baghdad": it did not happen.
                return "negated", None
        if tok.lemma_ in _PREDICTIVE_HEADS and depth > 0:
            return "predicted", None
        if tok.lower_ in ("likely", "expected", "set", "poised", "ready", "bound") and depth > 0:
            return "predicted", None
        if tok.dep_ in ("ROOT",):
            break
    if sent.text.rstrip().endswith("?"):
        return "hypothetical", None
    # "Rather than die fighting for Aleppo, ...": what did not happen.
    for tok in chain:
        for c in tok.children:
            if c.lower_ in ("rather", "instead") and c.dep_ in ("advmod", "cc", "mark", "prep"):
                if any(g.lower_ in ("than", "of") for g in c.children) or c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in ("than", "of"):
                    return "hypothetical", None

    # Attribution: the reporting verb the trigger's clause hangs from.
    for tok in chain[1:]:
        if tok.lemma_ in _ALLEGE_VERBS:
            return "alleged", _speaker(tok)
        if tok.lemma_ in _CLAIM_VERBS:
            return "claimed", _speaker(tok)
        if tok.lemma_ in _REPORT_VERBS and tok.pos_ == "VERB":
            return "reported", _speaker(tok)
    if any(t.lower_ in ("allegedly", "purportedly") for t in sent):
        return "alleged", None
    source = _according_to(sent)
    if source:
        return "reported", source
    if any(t.lower_ == "reportedly" for t in sent):
        return "reported", None
    # A reporting verb elsewhere in the sentence whose clause holds the trigger.
    root = sent.root
    if root.lemma_ in _REPORT_VERBS | _CLAIM_VERBS and trigger in list(root.subtree):
        kind = "claimed" if root.lemma_ in _CLAIM_VERBS else "reported"
        return kind, _speaker(root)
    trailing = _trailing_report(trigger)
    if trailing is not None:
        kind = "claimed" if trailing.lemma_ in _CLAIM_VERBS else "reported"
        return kind, " ".join(t.text for t in _source_run(trailing, trigger.i))
    return "asserted", None


_SOURCE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PART"})
_TAIL_POS = frozenset({"ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "PRON", "ADV", "PART"})


def _trailing_report(trigger: Token) -> Token | None:
    """``trailing-attribution``: the sentence ends with its source, "... on Monday a
    monitoring group said", "... killing six, state television reported on Thursday", even
    with the commas lost: a reporting verb after the trigger, just after a short run of
    names and nouns (the source) and followed by nothing but a time or a channel ("on
    Thursday", "in a statement"). A relative clause ("a reporter who said") is not one."""
    sent = trigger.sent
    for tok in reversed(list(sent)):
        if tok.i <= trigger.i:
            return None
        if tok.lemma_ not in _REPORT_VERBS | _CLAIM_VERBS or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
            continue
        tail = [t for t in sent if t.i > tok.i]
        if len(tail) > 8 or any(t.pos_ not in _TAIL_POS or t.lower_ in ("that", "the") and t.i == tok.i + 1
                                for t in tail):
            return None
        run = _source_run(tok, trigger.i)
        if not run or not any(t.pos_ in ("NOUN", "PROPN") for t in run):
            return None
        before = run[0].i - 1
        if before >= 0 and tok.doc[before].lower_ in ("who", "which", "that", "whom"):
            return None
        return tok
    return None


def _source_run(verb: Token, floor: int) -> list[Token]:
    """The source named just before ``verb``: "a monitoring group", "state television",
    "AFP"; it stops at its determiner, and at a noun that ends the previous phrase
    ("... six people AFP reports")."""
    run: list[Token] = []
    j = verb.i - 1
    while j > floor and len(run) < 7 and verb.doc[j].pos_ in _SOURCE_POS:
        t = verb.doc[j]
        if run and t.pos_ == "NOUN" and run[0].pos_ in ("PROPN", "ADJ") and run[0].text[:1].isupper():
            break
        run.insert(0, t)
        if t.pos_ == "DET":
            break
        j -= 1
    return run

