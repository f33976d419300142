"""The curated actor registry: who fights in the Syrian and Iraqi wars, under which names.

The registry is read from ``knowledge/data/actors.yaml`` and from user files given by
argument or by the ``FRONTLINES_ACTORS`` environment variable (paths separated by
``os.pathsep``). A later file extends or overrides an earlier one by ``id``: the fields it
gives replace the earlier ones, except ``aliases``, which are added.

Names are compared after :func:`normalise_name`, which folds case, apostrophes
(``Da'esh``/``Da’esh``/``Daesh``), hyphens, diacritics, a leading "the", the
assimilated Arabic article (``ash-Sha'abi``/``al-Shaabi``), British/American spellings and
the plural "forces". Short upper-case acronyms (``IS``, ``US``, ``UN``) and aliases marked
``case_sensitive`` only match as written.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import KnowledgeError
from frontlines.models import ActorRef

__all__ = [
    "ACTOR_FIELDS",
    "CAMPS",
    "DATA_FILE",
    "ENV_VAR",
    "KINDS",
    "Actor",
    "ActorRegistry",
    "AliasEntry",
    "ForceWords",
    "get_registry",
    "is_case_sensitive",
    "normalise_name",
]

DATA_FILE = Path(__file__).parent / "data" / "actors.yaml"
#: The packaged registry: the Syrian and Iraqi wars, then the sides of today's other wars.
WORLD_FILE = Path(__file__).parent / "data" / "actors_world.yaml"
PACKAGED_FILES = (DATA_FILE, WORLD_FILE)
ENV_VAR = "FRONTLINES_ACTORS"

KINDS = frozenset(
    {
        "state", "armed_forces", "militia", "rebel_group", "jihadist_group", "political",
        "coalition", "organisation", "media", "civilians",
    }
)
def _packaged_camps() -> frozenset[str]:
    from .camps import camp_labels

    return frozenset(camp_labels())


_CAMP_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: The camps of the packaged ``camps.yaml``; an actor file may declare more under `camps`.
CAMPS = _packaged_camps()
ACTOR_FIELDS = frozenset(
    {
        "id", "name", "aliases", "kind", "country", "parent", "built_by", "backed_by", "camp",
        "acled_inter", "cameo", "valid_from", "valid_to", "adjectives", "generic", "description",
        "camps_by_country",
    }
)
_ALIAS_FIELDS = frozenset({"alias", "valid_from", "valid_to", "case_sensitive"})
_FORCE_FIELDS = ("state", "group", "middle", "modifier_suffixes", "modifier_words")
_TOP_FIELDS = frozenset({"version", "force_words", "actors", "camps"})
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_APOSTROPHES = "'\u2019\u2018\u02bf\u02be\u02bc`\u00b4"
_MARKS = str.maketrans({ch: "" for ch in _APOSTROPHES})
_ARTICLE_RE = re.compile(r"\b(?:a|an|ad|ar|as|ash|at|az|adh|ath|el|il|ul|al)-(?=\w)", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: spelling variants folded by the normaliser and offered by token patterns
SPELLINGS: dict[str, tuple[str, ...]] = {
    "forces": ("forces", "force"),
    "force": ("force", "forces"),
    "militias": ("militias", "militia"),
    "militia": ("militia", "militias"),
    "mobilisation": ("mobilisation", "mobilization"),
    "mobilization": ("mobilization", "mobilisation"),
    "defence": ("defence", "defense"),
    "defense": ("defense", "defence"),
    "armoured": ("armoured", "armored"),
    "armored": ("armored", "armoured"),
    "organisation": ("organisation", "organization"),
    "organization": ("organization", "organisation"),
    "centre": ("centre", "center"),
    "center": ("center", "centre"),
}
_FOLD = {
    "forces": "force", "militias": "militia", "mobilisation": "mobilization",
    "defence": "defense", "armoured": "armored", "organisation": "organization",
    "centre": "center",
}
#: Arabic article forms accepted before a hyphen in token patterns
_ARTICLES = ("al", "el", "a", "an", "ad", "ar", "as", "ash", "at", "az", "adh", "ath")
_SUN_LETTERS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n", "l")


def _article_forms(next_word: str) -> list[str]:
    """Spellings of the Arabic article before ``next_word`` (``al-``/``ash-`` before Sham)."""
    forms = ["al", "el"]
    word = next_word.casefold()
    for letters in _SUN_LETTERS:
        if word.startswith(letters):
            forms += ["a" + letters, "e" + letters, "a"]
            break
    return forms


def _strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_MARKS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalise_name(text: str) -> str:
    """Key under which two spellings of one actor name meet."""
    text = _ARTICLE_RE.sub("al ", _strip_marks(text)).casefold().replace(".", "")
    words = _NON_ALNUM.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_FOLD.get(w, w) for w in words)


def _exact_key(text: str) -> str:
    return " ".join(text.replace(".", "").split())


def is_case_sensitive(alias: str) -> bool:
    """Upper-case acronyms of at most three letters (``IS``, ``US``, ``UN``) match as written."""
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3


@dataclass(frozen=True)
class AliasEntry:
    """One spelling of an actor's name, with the years it was in use."""

    text: str
    valid_from: int | None = None
    valid_to: int | None = None
    case_sensitive: bool = False


@dataclass
class Actor:
    """One entry of the registry (see the header of ``actors.yaml`` for the fields)."""

    id: str
    name: str
    kind: str = "organisation"
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    built_by: tuple[str, ...] = ()
    backed_by: tuple[str, ...] = ()
    camp: str | None = None
    #: The actor's side in another country's war ({"UA": "russia_ukraine"}): camps belong
    #: to a conflict, not to the world.
    camps_by_country: tuple[tuple[str, str], ...] = ()
    acled_inter: int | None = None
    cameo: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None
    adjectives: tuple[str, ...] = ()
    generic: bool = False
    description: str = ""
    alias_entries: tuple[AliasEntry, ...] = field(default=(), repr=False)
    source: str = field(default="", repr=False)

    def valid_in(self, year: int | None) -> bool:
        return _in_range(year, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class ForceWords:
    """Nouns and modifiers used to read "demonym + force word" phrases."""

    state: frozenset[str] = frozenset()
    group: frozenset[str] = frozenset()
    middle: frozenset[str] = frozenset()
    modifier_suffixes: frozenset[str] = frozenset()
    modifier_words: frozenset[str] = frozenset()


def _in_range(year: int | None, start: int | None, end: int | None) -> bool:
    if year is None:
        return True
    return (start is None or year >= start) and (end is None or year <= end)


def _distance(year: int | None, start: int | None, end: int | None) -> int:
    if year is None or _in_range(year, start, end):
        return 0
    if start is not None and year < start:
        return start - year
    return year - (end if end is not None else year)


# ----------------------------------------------------------------------------- parsing


def _fail(source: str, entry: Any, message: str) -> KnowledgeError:
    where = f"entry {entry!r}" if entry is not None else "file"
    return KnowledgeError(f"{where}: {message}", source=source)


def _year(value: Any, source: str, entry: str, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise _fail(source, entry, f"{name} must be a year, not {value!r}")
    return value


def _strings(value: Any, source: str, entry: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, entry, f"{name} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _alias_entries(value: Any, source: str, entry: str) -> tuple[AliasEntry, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(source, entry, "aliases must be a list")
    out: list[AliasEntry] = []
    for item in value:
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = str(item).strip()
            if not text:
                raise _fail(source, entry, "empty alias")
            out.append(AliasEntry(text, case_sensitive=is_case_sensitive(text)))
        elif isinstance(item, dict):
            unknown = set(item) - _ALIAS_FIELDS
            if unknown:
                raise _fail(source, entry, f"unknown alias field(s) {sorted(unknown)}")
            text = str(item.get("alias") or "").strip()
            if not text:
                raise _fail(source, entry, "an alias mapping needs `alias`")
            sensitive = item.get("case_sensitive", is_case_sensitive(text))
            if not isinstance(sensitive, bool):
                raise _fail(source, entry, "case_sensitive must be true or false")
            out.append(
                AliasEntry(
                    text,
                    _year(item.get("valid_from"), source, entry, "valid_from"),
                    _year(item.get("valid_to"), source, entry, "valid_to"),
                    sensitive,
                )
            )
        else:
            raise _fail(source, entry, f"alias {item!r} is neither a string nor a mapping")
    return tuple(out)


def _parse_entry(raw: Any, source: str, index: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(source, f"#{index}", "an actor must be a mapping")
    ident = raw.get("id")
    label = str(ident) if ident else f"#{index}"
    unknown = set(raw) - ACTOR_FIELDS
    if unknown:
        raise _fail(source, label, f"unknown field(s) {sorted(unknown)}")
    if not isinstance(ident, str) or not _ID_RE.match(ident):
        raise _fail(source, label, "missing or malformed id (a lower-case slug)")
    out: dict[str, Any] = {"id": ident, "source": source}
    for key, value in raw.items():
        if key == "id":
            continue
        if key in ("name", "description", "cameo"):
            if value is not None and not isinstance(value, str):
                raise _fail(source, label, f"{key} must be a string")
            if key == "name" and not (value or "").strip():
                raise _fail(source, label, "empty name")
            out[key] = (value or "").strip() if key != "cameo" else value
        elif key == "kind":
            if value not in KINDS:
                raise _fail(source, label, f"unknown kind {value!r} (one of {sorted(KINDS)})")
            out[key] = value
        elif key == "camp":
            if not isinstance(value, str) or not value:
                raise _fail(source, label, "camp must be a name")
            out[key] = value
        elif key == "country":
            if value is not None and not (
                isinstance(value, str) and len(value) == 2 and value.isalpha() and value.isupper()
            ):
                raise _fail(source, label, f"country must be an ISO alpha-2 code, not {value!r}")
            out[key] = value
        elif key == "parent":
            if value is not None and not isinstance(value, str):
                raise _fail(source, label, "parent must be an id")
            out[key] = value
        elif key in ("built_by", "backed_by", "adjectives"):
            out[key] = _strings(value, source, label, key)
        elif key == "camps_by_country":
            if not isinstance(value, dict) or not all(
                    isinstance(k, str) and len(k) == 2 and k.isupper() and isinstance(v, str) and v
                    for k, v in value.items()):
                raise _fail(source, label, "camps_by_country maps ISO alpha-2 codes to camps")
            out[key] = tuple(sorted(value.items()))
        elif key == "acled_inter":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 8
            ):
                raise _fail(source, label, "acled_inter must be an integer from 1 to 8")
            out[key] = value
        elif key in ("valid_from", "valid_to"):
            out[key] = _year(value, source, label, key)
        elif key == "generic":
            if not isinstance(value, bool):
                raise _fail(source, label, "generic must be true or false")
            out[key] = value
        elif key == "aliases":
            out["alias_entries"] = _alias_entries(value, source, label)
    return out


_Parsed = tuple[list[dict[str, Any]], dict[str, tuple[str, ...]], dict[str, str]]


def _read_file(path: Path) -> _Parsed:
    source = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise KnowledgeError("actor file not found", source=source) from exc
    except OSError as exc:
        raise KnowledgeError(f"cannot read actor file: {exc}", source=source) from exc
    entries, words, camps = _read_file_cached(source, stat.st_mtime_ns, stat.st_size)
    return [dict(e) for e in entries], dict(words), dict(camps)


@functools.lru_cache(maxsize=32)
def _read_file_cached(source: str, _mtime_ns: int, _size: int) -> _Parsed:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(Path(source).read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read actor file: {exc}", source=source) from exc
    if data is None:
        return [], {}, {}
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict):
        raise _fail(source, None, "expected a mapping with `actors` or a list of actors")
    unknown = set(data) - _TOP_FIELDS
    if unknown:
        raise _fail(source, None, f"unknown top-level key(s) {sorted(unknown)}")
    words: dict[str, tuple[str, ...]] = {}
    force = data.get("force_words") or {}
    if not isinstance(force, dict) or set(force) - set(_FORCE_FIELDS):
        raise _fail(source, None, f"force_words takes the keys {list(_FORCE_FIELDS)}")
    for key, value in force.items():
        words[key] = tuple(w.casefold() for w in _strings(value, source, "force_words", key))
    raw_actors = data.get("actors") or []
    if not isinstance(raw_actors, list):
        raise _fail(source, None, "`actors` must be a list")
    entries = [_parse_entry(raw, source, i) for i, raw in enumerate(raw_actors)]
    seen: set[str] = set()
    for entry in entries:
        if entry["id"] in seen:
            raise _fail(source, entry["id"], "duplicate id in one file")
        seen.add(entry["id"])
    camps = data.get("camps") or {}
    if not isinstance(camps, dict) or not all(
            isinstance(k, str) and _CAMP_RE.match(k) and isinstance(v, str) and v.strip() for k, v in camps.items()):
        raise _fail(source, None, "`camps` maps camp slugs to display names")
    return entries, words, {str(k): str(v) for k, v in camps.items()}


def _paths_from_env() -> tuple[Path, ...]:
    value = os.environ.get(ENV_VAR, "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p.strip())


# ----------------------------------------------------------------------------- registry


class ActorRegistry:
    """Actors by id and by every alias; built by :meth:`load`."""

    def __init__(self, actors: Iterable[Actor], force_words: ForceWords | None = None) -> None:
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            self._actors[actor.id] = actor
        self.force_words = force_words or ForceWords()
        #: Display names of the camps that actor files declared (``camps:``).
        self.camp_names: dict[str, str] = {}
        self._folded: dict[str, list[tuple[Actor, AliasEntry]]] = {}
        self._exact: dict[str, list[tuple[Actor, AliasEntry]]] = {}
        self._demonyms: dict[str, Actor] = {}
        self._validate_and_index()

    # -- construction ----------------------------------------------------------------
    @classmethod
    def load(cls, paths: Sequence[Path] | None = None) -> ActorRegistry:
        """Read the packaged registry, then ``paths`` (or ``$FRONTLINES_ACTORS``) over it."""
        files = [*PACKAGED_FILES, *(Path(p) for p in (paths if paths is not None else _paths_from_env()))]
        merged: dict[str, dict[str, Any]] = {}
        words: dict[str, set[str]] = {k: set() for k in _FORCE_FIELDS}
        camps: dict[str, str] = {}
        for path in files:
            entries, file_words, file_camps = _read_file(path)
            camps.update(file_camps)
            for key, values in file_words.items():
                words[key].update(values)
            for entry in entries:
                old = merged.get(entry["id"])
                if old is None:
                    if "name" not in entry:
                        raise _fail(entry["source"], entry["id"], "missing name")
                    merged[entry["id"]] = entry
                    continue
                combined = {**old, **entry}
                combined["alias_entries"] = tuple(
                    dict.fromkeys((*old.get("alias_entries", ()), *entry.get("alias_entries", ())))
                )
                merged[entry["id"]] = combined
        actors = []
        for entry in merged.values():
            alias_entries: tuple[AliasEntry, ...] = entry.pop("alias_entries", ())
            name_entry = AliasEntry(entry["name"], case_sensitive=is_case_sensitive(entry["name"]))
            alias_entries = tuple(dict.fromkeys((name_entry, *alias_entries)))
            actors.append(
                Actor(
                    **entry,
                    aliases=tuple(dict.fromkeys(a.text for a in alias_entries)),
                    alias_entries=alias_entries,
                )
            )
        known = CAMPS | set(camps)
        for actor in actors:
            for camp in (actor.camp, *(c for _, c in actor.camps_by_country)):
                if camp is not None and camp not in known:
                    raise _fail(actor.source, actor.id,
                                f"unknown camp {camp!r} (one of {sorted(known)}; an actor file "
                                "may declare its own under `camps`)")
        force = ForceWords(**{k: frozenset(v) for k, v in words.items()})
        registry = cls(actors, force)
        registry.camp_names = dict(camps)
        return registry

    def _validate_and_index(self) -> None:
        for actor in self._actors.values():
            for ref in (actor.parent, *actor.built_by, *actor.backed_by):
                if ref is not None and ref not in self._actors:
                    raise _fail(actor.source, actor.id, f"unknown actor id {ref!r}")
            if actor.camp is None and actor.parent is None:
                raise _fail(actor.source, actor.id, "needs a camp (or a parent to inherit it)")
            self.ancestors(actor.id)  # raises on a cycle
            for alias in actor.alias_entries:
                table, key = self._key(alias)
                for other, other_alias in table.get(key, []):
                    if other.id == actor.id or other.generic or actor.generic:
                        continue
                    if self._overlap(actor, alias, other, other_alias):
                        raise _fail(
                            actor.source,
                            actor.id,
                            f"alias {alias.text!r} already names {other.id!r}",
                        )
                table.setdefault(key, []).append((actor, alias))
            for adjective in actor.adjectives:
                key = adjective if is_case_sensitive(adjective) else adjective.casefold()
                other_actor = self._demonyms.get(key)
                if other_actor is not None and other_actor.id != actor.id:
                    raise _fail(
                        actor.source, actor.id, f"adjective {adjective!r} already names {other_actor.id!r}"
                    )
                self._demonyms[key] = actor
        for actor in self._actors.values():
            if actor.camp is None:
                actor.camp = self.camp_of(actor.id)

    def _key(self, alias: AliasEntry) -> tuple[dict[str, list[tuple[Actor, AliasEntry]]], str]:
        if alias.case_sensitive:
            return self._exact, _exact_key(alias.text)
        return self._folded, normalise_name(alias.text)

    @staticmethod
    def _span(actor: Actor, alias: AliasEntry) -> tuple[float, float]:
        starts = [y for y in (actor.valid_from, alias.valid_from) if y is not None]
        ends = [y for y in (actor.valid_to, alias.valid_to) if y is not None]
        return (max(starts) if starts else float("-inf"), min(ends) if ends else float("inf"))

    def _overlap(self, a: Actor, a_alias: AliasEntry, b: Actor, b_alias: AliasEntry) -> bool:
        a0, a1 = self._span(a, a_alias)
        b0, b1 = self._span(b, b_alias)
        return a0 <= b1 and b0 <= a1

    # -- lookups -----------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def all(self) -> list[Actor]:
        return list(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def candidates(self, text: str) -> list[tuple[Actor, AliasEntry]]:
        """Every (actor, alias) whose alias is written like ``text``."""
        found = list(self._exact.get(_exact_key(text), []))
        found += self._folded.get(normalise_name(text), [])
        if not found:
            stripped = re.sub(r"(?:['\u2019]s|(?<=[a-z])s)$", "", text.strip())
            if stripped != text.strip():
                return self.candidates(stripped)
        return found

    def match(self, text: str, year: int | None = None) -> Actor | None:
        """The actor that ``text`` names (in ``year`` when the name changed over time)."""
        return self.choose(self.candidates(text), year)

    def choose(
        self, candidates: Sequence[tuple[Actor, AliasEntry]], year: int | None = None
    ) -> Actor | None:
        """Best of several readings: valid in ``year`` first, named groups before descriptors."""
        if not candidates:
            return None

        def rank(item: tuple[int, tuple[Actor, AliasEntry]]) -> tuple[int, int, int]:
            order, (actor, alias) = item
            start, end = self._span(actor, alias)
            lo = None if start == float("-inf") else int(start)
            hi = None if end == float("inf") else int(end)
            return (_distance(year, lo, hi), int(actor.generic), order)

        return min(enumerate(candidates), key=rank)[1][0]

    def demonym(self, word: str) -> Actor | None:
        """The actor a demonym denotes before a force word ("Russian" -> russia)."""
        return self._demonyms.get(word) or self._demonyms.get(word.casefold())

    def demonyms(self) -> dict[str, Actor]:
        return dict(self._demonyms)

    def camp_of(self, actor_id: str, country: str | None = None) -> str | None:
        """The actor's camp (in the war of ``country`` when given), inherited from the
        nearest ancestor that has one."""
        chain = [self._actors.get(actor_id), *map(self._actors.get, self.ancestors(actor_id))]
        if country:
            for actor in chain:
                if actor is not None and country in dict(actor.camps_by_country):
                    return dict(actor.camps_by_country)[country]
        for actor in chain:
            if actor is not None and actor.camp is not None:
                return actor.camp
        return None

    def ancestors(self, actor_id: str) -> list[str]:
        """Ids of the parent, grandparent, ... of ``actor_id`` (nearest first)."""
        chain: list[str] = []
        actor = self._actors.get(actor_id)
        while actor is not None and actor.parent is not None:
            if actor.parent in chain or actor.parent == actor_id:
                raise _fail(actor.source, actor.id, "parent chain forms a cycle")
            chain.append(actor.parent)
            actor = self._actors.get(actor.parent)
        return chain

    def to_ref(self, actor: Actor, text: str | None = None) -> ActorRef:
        return ActorRef(
            name=actor.name, id=actor.id, text=text, camp=self.camp_of(actor.id), provisional=False
        )

    # -- spaCy patterns ----------------------------------------------------------------
    def patterns(
        self, tokenizer: Callable[[str], Iterable[Any]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """EntityRuler-style patterns (``label``, ``pattern``, ``id``) for every alias.

        Each alias is tokenised by ``tokenizer`` (a blank English tokenizer by default) in
        each apostrophe variant and with its hyphens spelled as spaces, so that one alias
        matches however the text writes and the tokenizer splits it.
        """
        tokenize = tokenizer or _blank_tokenizer()
        for actor in self._actors.values():
            seen: set[str] = set()
            for alias in actor.alias_entries:
                for pattern in alias_token_patterns(alias.text, alias.case_sensitive, tokenize):
                    key = repr(pattern)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield {"label": entity_label(actor, alias.text), "pattern": pattern, "id": actor.id}

    def demonym_patterns(
        self, tokenizer: Callable[[str], Iterable[Any]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Token patterns for the adjectives of each actor (``id`` is the actor)."""
        tokenize = tokenizer or _blank_tokenizer()
        for actor in self._actors.values():
            for adjective in actor.adjectives:
                for pattern in alias_token_patterns(adjective, is_case_sensitive(adjective), tokenize):
                    yield {"label": "NORP", "pattern": pattern, "id": actor.id}


def entity_label(actor: Actor, alias: str) -> str:
    """NER label for a mention: GPE for a state's proper name, NORP for civilians, else ORG."""
    if actor.kind == "civilians":
        return "NORP"
    if actor.kind == "state":
        last = alias.split()[-1] if alias.split() else ""
        if last[:1].isupper():
            return "GPE"
    return "ORG"


def _blank_tokenizer() -> Callable[[str], Iterable[Any]]:
    import spacy

    tokenizer: Callable[[str], Iterable[Any]] = spacy.blank("en").tokenizer
    return tokenizer


def _variants(text: str, case_sensitive: bool = False) -> list[str]:
    out = [text]
    if not case_sensitive and not text.endswith(("s", "S")) and text[-1:].isalpha():
        out.append(text + "s")  # possessive with its apostrophe lost ("Hezbollahs fighters")
    if any(ch in text for ch in _APOSTROPHES):
        plain = text
        for ch in _APOSTROPHES:
            plain = plain.replace(ch, "'")
        out += [plain.replace("'", mark) for mark in ("'", "\u2019", "\u02bf", "\u2018", "")]
    out += [re.sub(r"(?<=\w)-(?=\w)", " ", v) for v in list(out) if "-" in v]
    if text.lower().startswith("the ") and len(text.split()) > 1:
        out = [v[4:] for v in out]
    return list(dict.fromkeys(out))


def alias_token_patterns(
    alias: str, case_sensitive: bool, tokenize: Callable[[str], Iterable[Any]]
) -> list[list[dict[str, Any]]]:
    """Token patterns matching ``alias`` in each spelling variant."""
    patterns: list[list[dict[str, Any]]] = []
    for variant in _variants(alias, case_sensitive):
        tokens = [str(t.text) for t in tokenize(variant) if not str(t.text).isspace()]
        pattern: list[dict[str, Any]] = []
        for i, tok in enumerate(tokens):
            low = tok.casefold()
            if case_sensitive:
                pattern.append({"ORTH": tok})
            elif low in _ARTICLES and i + 2 < len(tokens) and tokens[i + 1] == "-":
                pattern.append({"LOWER": {"IN": _article_forms(tokens[i + 2])}})
            elif low in SPELLINGS:
                pattern.append({"LOWER": {"IN": list(SPELLINGS[low])}})
            else:
                pattern.append({"LOWER": low})
        if pattern and pattern not in patterns:
            patterns.append(pattern)
    return patterns


@functools.lru_cache(maxsize=8)
def _cached_registry(env_value: str) -> ActorRegistry:
    return ActorRegistry.load()


def get_registry() -> ActorRegistry:
    """The registry for the current ``$FRONTLINES_ACTORS``, read once and cached."""
    return _cached_registry(os.environ.get(ENV_VAR, ""))
