"""spaCy components for places: a toponym ruler (before ``ner``) and a resolver (after).

``frontlines_toponyms`` finds place names by token n-gram lookup in the gazetteer, restricted
to names safe to tag in running text (towns of the conflict region, countries, capitals,
large cities, the supplement), and writes them to ``doc.spans["places"]`` and ``doc.ents``
(entities already set by an earlier component win on overlap). ``frontlines_place_resolver``
resolves every place span and GPE/LOC/FAC entity with the document's context and sets
``Span._.location``. Both take the gazetteer from a function, so building a pipeline is cheap
and the index opens on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from frontlines.knowledge.gazetteer import Gazetteer, get_gazetteer
from frontlines.knowledge.normalize import ARTICLES, fold_place
from frontlines.models import Location

__all__ = [
    "PLACES_KEY",
    "PlaceResolver",
    "ToponymRuler",
    "find_place_spans",
    "register_extensions",
    "resolve_document_places",
]

PLACES_KEY = "places"
_MAX_WORDS = 4
_MAX_TOKENS = 8
_WELL_KNOWN = 20_000
_JOINERS = frozenset({"-", "'", "\u2019", "of"})
_QUALIFIERS_AFTER = frozenset(
    {"countryside", "province", "governorate", "state", "region", "suburbs", "outskirts", "desert", "badia"}
)
_QUALIFIERS_BEFORE = frozenset({"rural", "countryside", "province", "governorate", "outskirts", "suburbs"})
_LOC_FEATURES = frozenset({"region", "valley", "mountain", "desert", "river", "plain"})


def register_extensions() -> None:
    """Register ``Span._.location`` (idempotent)."""
    Span.set_extension("location", default=None, force=True)


def _is_cap(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _word_ok(text: str, position: str, next_text: str = "", lower_ok: bool = False) -> bool:
    low = text.lower()
    if low in _JOINERS or text in ("-", "'"):
        return position == "inner"
    if low in ARTICLES:
        if position == "first":
            # "al-Bab", "Al Bab": an article opens a name when hyphenated or written al/el.
            return next_text in ("-", "‐") or low in ("al", "el")
        return position != "last"
    # "Deir ezzor", "Ras al-ain": after a name-building word, a name's later words may be
    # written in lower case (such a span must then be spelled exactly as a known name).
    return _is_cap(text) or (lower_ok and position != "first" and text.isalpha())


def _title_case(doc: Doc) -> bool:
    words = [t.text for t in doc if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(_is_cap(w) for w in words) >= 0.8 * len(words)


def _sentence_start(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1].text
    return prev in (".", ":", "!", "?", "\u201c", '"', "\n") or doc[i - 1].is_space


def _label(feature: str, gaz: Gazetteer) -> str:
    if feature in gaz.fac_features:
        return "FAC"
    if feature in _LOC_FEATURES:
        return "LOC"
    return "GPE"


def find_place_spans(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Longest safe place names in ``doc``, left to right, without overlaps."""
    lowercase_words = {t.text for t in doc if t.is_alpha and t.text.islower()}
    title = _title_case(doc)
    spans: list[Span] = []
    i, n = 0, len(doc)
    while i < n:
        found: Span | None = None
        nxt = doc[i + 1].text if i + 1 < n else ""
        if _word_ok(doc[i].text, "first", nxt) and not doc[i].is_space:
            words = 0
            ends: list[int] = []
            head = doc[i + 2] if doc[i].lower_ in ARTICLES and i + 2 < n else doc[i]
            lower_ok = fold_place(head.text) in gaz.name_prefixes
            for j in range(i, min(n, i + _MAX_TOKENS)):
                tok = doc[j]
                if tok.is_space or (j > i and tok.idx > doc[j - 1].idx + len(doc[j - 1].text) + 1):
                    break
                if tok.text.lower() not in _JOINERS and tok.text not in ("-", "'"):
                    words += 1
                if words > _MAX_WORDS or not _word_ok(tok.text, "inner" if j > i else "first", lower_ok=lower_ok):
                    break
                if _word_ok(tok.text, "last", lower_ok=lower_ok):
                    ends.append(j + 1)
            for end in reversed(ends):
                span = doc[i:end]
                if _acceptable(span, gaz, lowercase_words, title):
                    found = span
                    break
        if found is not None:
            spans.append(found)
            i = found.end
        else:
            i += 1
    return spans


def _acceptable(span: Span, gaz: Gazetteer, lowercase_words: set[str], title: bool = False) -> bool:
    folded = fold_place(span.text)
    if not folded:
        return False
    words = folded.split()
    content = [w for w in words if w not in ARTICLES]
    if not content:
        return False
    if all(w in gaz.stop_words for w in content) and not (
        len(words) > len(content)
        and (_well_known(span, gaz) or (len(content) > 1 and any(c.exact for c in gaz.safe_candidates(span.text))))
    ):
        # A common word, unless written as a well-known name ("al-Bab") or as the whole
        # name of a place ("Ras al-Ain").
        return False
    if len(content) == 1:
        if folded in gaz.stop_words or span.text.lower() in lowercase_words:
            return False
        if span.text.isupper() and len(span.text) <= 3:
            return False
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and fold_place(prev.text) in gaz.person_titles and _is_cap(prev.text):
        return False
    if _inside_longer_name(span, gaz, title):
        return False
    cands = gaz.safe_candidates(span.text)
    if not cands and _marked_as_place(span, title):
        # "the village of X", "in X": the text says it is a place; a village of the index
        # written exactly so is a candidate.
        cands = [c for c in gaz.candidates(span.text) if (c.exact or c.similarity >= _MARKED_SIMILARITY)
                 and c.feature not in ("ADM1", "PCLI")]
        return bool(cands) and len(fold_place(span.text).replace(" ", "")) >= 4
    if any(t.is_alpha and not _is_cap(t.text) and fold_place(t.text) not in ARTICLES | _JOINERS
           for t in span[1:]):
        cands = [c for c in cands if c.exact]
    if len(content) == 1 and len(content[0]) < 5:
        cands = [c for c in cands if c.exact]  # a short word's skeleton matches too much
    if cands and len(content) == 1 and (title or _sentence_start(span.doc, span.start)):
        # A capital letter proves nothing at a sentence start or in a title-case headline:
        # only well-known places count there.
        return any(
            c.exact
            and (c.population >= _WELL_KNOWN or c.feature in ("ADM1", "PCLI") or c.pid.startswith("supp:"))
            for c in cands
        )
    return bool(cands)


#: Words that make the capitalised name after them a place: "the village of X", "in X".
_PLACE_NOUNS = frozenset({"village", "villages", "town", "towns", "city", "hamlet", "district",
                          "locality", "settlement", "outskirts", "suburb", "area"})
#: A spelling variant of a marked place counts from this similarity of written forms.
_MARKED_SIMILARITY = 0.85
_PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "around", "into", "toward", "towards",
                                 "from", "on"})


def _marked_as_place(span: Span, title: bool) -> bool:
    """``marked-place``: the words around a capitalised name make it a place: after "the
    village of", "the town of" (always), or after "in", "near", "outside"... (not in a
    title-case headline, where every word is capitalised), or before "village", "town"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if len(before) == 2 and before[1] == "of" and before[0] in _PLACE_NOUNS:
        return True
    if after in ("village", "town"):
        return True
    return not title and bool(before) and before[-1] in _PLACE_PREPOSITIONS


def _glued(a: Token, b: Token) -> bool:
    """Whether ``b`` follows ``a`` with no space between them."""
    return b.idx == a.idx + len(a.text)


def _well_known(span: Span, gaz: Gazetteer) -> bool:
    """A place known under this very name: a large town, a governorate, a country, a
    capital or a supplement entry ("Daraa" in "Daraa al-Balad" still names Daraa)."""
    return any(
        c.origin == 2
        and (c.population >= _WELL_KNOWN or c.feature in ("ADM1", "PCLI", "PPLC") or c.pid.startswith("supp:"))
        for c in gaz.candidates(span.text, robust=False)
    )


def _is_hyphen(tok: Token) -> bool:
    return tok.text in ("-", "\u2010", "\u2011")


#: Nouns that make the name before them an armed group's ("Yarmouk Brigade").
_GROUP_NOUNS = frozenset({"brigade", "brigades", "battalion", "battalions", "movement", "division", "corps",
                          "regiment", "front", "army", "legion", "faction", "operations", "forces"})


def _is_article(tok: Token) -> bool:
    return tok.lower_ in ARTICLES


def _inside_longer_name(span: Span, gaz: Gazetteer, title: bool) -> bool:
    """Whether ``span`` is a piece of a longer name the index does not hold: "Bostan" in
    "Bostan al-Qasr", "Hamra" in "Kafr Hamra", "Islam" in "Jaysh al-Islam", "Hit" in
    "hit-and-run". The longer name was tried first, so it is not a known place."""
    doc = span.doc
    n = len(doc)
    after = [doc[k] for k in range(span.end, min(n, span.end + 3))]
    if len(after) >= 2 and _is_hyphen(after[0]) and _glued(doc[span.end - 1], after[0]):
        if after[1].is_alpha and _glued(after[0], after[1]):
            return True  # "Aleppo-Hama road", "hit-and-run"
    continued = (
        len(after) == 3 and after[0].lower_ in ARTICLES and _is_hyphen(after[1]) and after[2].is_alpha
    ) or (
        bool(after) and not title and after[0].is_alpha and _is_cap(after[0].text) and not after[0].is_upper
        and not _sentence_start(doc, after[0].i) and fold_place(after[0].text) not in gaz.stop_words
        and after[0].lower_ not in _QUALIFIERS_AFTER
    )
    after4 = doc[span.end + 3] if span.end + 3 < n else None
    long_name = (
        len(after) == 3 and _is_article(after[0]) and _is_hyphen(after[1]) and after4 is not None
        and after4.is_alpha and _is_cap(after4.text) and not after4.is_upper
        and after4.lower_ not in _QUALIFIERS_AFTER and fold_place(after4.text) not in gaz.stop_words
    )
    if continued and (not _well_known(span, gaz) or long_name):
        return True  # "Bostan al-Qasr", "Nur al-Din Zanki", "Rahman Corps"
    if after and after[0].lower_ in _GROUP_NOUNS and (_is_cap(after[0].text) or not _well_known(span, gaz)):
        return True  # "Shuhada al-Yarmouk Brigade": a unit named after a place
    # The word before the name, past an article that belongs to it ("Seif al-Dawla").
    start = span.start
    if start >= 2 and _is_hyphen(doc[start - 1]) and doc[start - 2].lower_ in ARTICLES:
        start -= 2
    elif start >= 1 and doc[start - 1].lower_ in ARTICLES and doc[start - 1].is_alpha:
        start -= 1
    joined = start < span.start and not (span[0].lower_ in ARTICLES)
    if start == 0 or _sentence_start(doc, start):
        return False
    prev = doc[start - 1]
    if _is_hyphen(prev) and start >= 2 and _glued(doc[start - 2], prev) and _glued(prev, doc[start]):
        return doc[start - 2].is_alpha  # "pro-Damascus", "Aleppo-Hama"
    if title or not prev.is_alpha or not _is_cap(prev.text) or prev.is_upper or _sentence_start(doc, prev.i):
        return False
    word = fold_place(prev.text)
    if word in gaz.name_prefixes:
        return True  # "Kafr Hamra", "Bab al-Salama"
    if joined and word not in gaz.stop_words:
        return True  # "Aqareb es Safi": an article joins it to the word before, however well known
    return word not in gaz.stop_words and not _well_known(span, gaz)  # "Jaysh al-Islam"


def _qualified_text(span: Span) -> str:
    """The span with an adjacent qualifier ("Aleppo countryside", "rural Idlib")."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _QUALIFIERS_AFTER:
        return f"{span.text} {nxt.text}"
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _QUALIFIERS_BEFORE:
        return f"{doc[span.start - 2].text} of {span.text}"
    if span.start >= 1 and doc[span.start - 1].lower_ == "rural":
        return f"rural {span.text}"
    return span.text


def resolve_document_places(
    doc: Doc, gazetteer: Gazetteer, *, countries: Iterable[str] = ()
) -> list[tuple[Span, Location]]:
    """Resolve every place span and GPE/LOC/FAC entity of ``doc`` with the document's context."""
    register_extensions()
    spans: list[Span] = list(doc.spans[PLACES_KEY]) if PLACES_KEY in doc.spans else []
    ruled = set(spans)
    taken = {(s.start, s.end) for s in spans}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and (ent.start, ent.end) not in taken:
            if not any(s.start < ent.end and ent.start < s.end for s in spans):
                spans.append(ent)
    spans.sort(key=lambda s: s.start)
    # Context: the countries named in the document, then the unambiguous places.
    ccs: list[str] = [c.upper() for c in countries]
    first: dict[int, Location | None] = {}
    for k, span in enumerate(spans):
        loc = gazetteer.resolve(span.text, countries=ccs, safe_only=span in ruled)
        first[k] = loc
        if loc is not None and loc.feature == "PCLI" and loc.country and loc.country not in ccs:
            ccs.append(loc.country)
    votes: dict[str, int] = {}
    for loc in first.values():
        if loc is not None and loc.country:
            votes[loc.country] = votes.get(loc.country, 0) + 1
    ranked = sorted(votes, key=lambda c: -votes[c])
    for cc in ranked:
        # The document's own countries: the most named one, and any named twice.
        if cc not in ccs and (cc == ranked[0] or votes[cc] >= 2):
            ccs.append(cc)
    anchors = [
        (loc.lat, loc.lon)
        for loc in first.values()
        if loc is not None and loc.lat is not None and loc.lon is not None and loc.feature not in ("PCLI",)
        and len(gazetteer.candidates(loc.text or loc.name)) == 1
    ]
    title = _title_case(doc)
    out: list[tuple[Span, Location]] = []
    for span in spans:
        text = _qualified_text(span)
        # A name the text marks as a place may be a village the ruler never tags alone.
        safe = span in ruled and not _marked_as_place(span, title)
        loc = gazetteer.resolve(text, countries=ccs, near=anchors or None, safe_only=safe)
        if loc is None and text != span.text:
            loc = gazetteer.resolve(span.text, countries=ccs, near=anchors or None, safe_only=safe)
        if loc is None:
            continue
        loc.text = span.text
        span._.location = loc
        out.append((span, loc))
    return out


class ToponymRuler:
    """Tag place names from the gazetteer before the statistical NER runs."""

    def __init__(self, nlp: Language, name: str, gazetteer_getter: Callable[[], Gazetteer]) -> None:
        self.name = name
        self._get = gazetteer_getter

    def __call__(self, doc: Doc) -> Doc:
        gaz = self._get()
        found = find_place_spans(doc, gaz)
        labelled: list[Span] = []
        for span in found:
            cands = gaz.candidates(span.text)
            best = max(cands, key=lambda c: gaz.score(c), default=None)
            label = _label(best.feature, gaz) if best else "GPE"
            new = Span(doc, span.start, span.end, label=label, kb_id=best.pid if best else "")
            labelled.append(new)
        existing = list(doc.ents)
        doc.spans[PLACES_KEY] = labelled
        keep = [s for s in labelled if not any(e.start < s.end and s.start < e.end for e in existing)]
        doc.ents = filter_spans(existing + keep)
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> ToponymRuler:
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ToponymRuler:
        return self


class PlaceResolver:
    """Resolve place spans with document context and set ``Span._.location``."""

    def __init__(
        self, nlp: Language, name: str, gazetteer_getter: Callable[[], Gazetteer], countries: list[str]
    ) -> None:
        self.name = name
        self._get = gazetteer_getter
        self.countries = list(countries)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        pairs = resolve_document_places(doc, self._get(), countries=self.countries)
        resolved = []
        for span, loc in pairs:
            label = span.label_ or "GPE"
            new = Span(doc, span.start, span.end, label=label, kb_id=loc.id or "")
            new._.location = loc
            resolved.append(new)
        doc.spans[PLACES_KEY] = resolved
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> PlaceResolver:
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> PlaceResolver:
        return self


def _default_getter() -> Gazetteer:
    return get_gazetteer()


@Language.factory(
    "frontlines_toponyms",
    assigns=["doc.ents", "doc.spans"],
    default_config={},
)
def make_toponym_ruler(nlp: Language, name: str) -> ToponymRuler:
    return ToponymRuler(nlp, name, _default_getter)


@Language.factory(
    "frontlines_place_resolver",
    assigns=["doc.spans", "span._.location"],
    default_config={"countries": []},
)
def make_place_resolver(nlp: Language, name: str, countries: list[str]) -> PlaceResolver:
    return PlaceResolver(nlp, name, _default_getter, countries)


def use_gazetteer(component: Any, getter: Callable[[], Gazetteer]) -> None:
    """Point a component at another gazetteer (tests, custom indexes)."""
    component._get = getter
