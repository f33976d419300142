"""ACLED's taxonomy with its CAMEO and PLOVER crosswalk, and the trigger lexicon.

Both live in YAML files under ``knowledge/data`` so that analysts can extend them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeError

DATA = resources.files("frontlines.knowledge") / "data"


@dataclass(frozen=True)
class SubEventType:
    name: str
    type: str
    cameo: str
    plover_event: str
    plover_mode: str | None
    territorial: bool = False
    description: str = ""


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: tuple[str, ...]
    frame: str
    subtype: str
    requires: str | None = None
    compounds: tuple[str, ...] = ()
    particle: str | None = None
    forms: tuple[str, ...] = ()
    preps: tuple[str, ...] = ()
    not_objects: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    #: The subject is who suffered, not who acted ("29 rebels died", "four were dead").
    victim_subject: bool = False


@dataclass
class Lexicon:
    frames: dict[str, dict[str, list[str]]]
    triggers: dict[str, list[Trigger]]
    cause_words: dict[str, list[str]]
    people_words: frozenset[str]
    civilian_words: frozenset[str]
    weapon_words: frozenset[str]
    base_words: frozenset[str]
    surface_stems: list[str] = field(default_factory=list)


def _load_yaml(path: Any) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read knowledge file: {exc}", source=str(path)) from exc


@dataclass
class Taxonomy:
    subtypes: dict[str, SubEventType]

    @property
    def types(self) -> list[str]:
        return list(dict.fromkeys(s.type for s in self.subtypes.values()))

    def get(self, subtype: str) -> SubEventType:
        try:
            return self.subtypes[subtype]
        except KeyError:
            raise KnowledgeError(f"unknown ACLED sub-event type {subtype!r}") from None

    def type_of(self, subtype: str) -> str:
        return self.get(subtype).type


@lru_cache(maxsize=1)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    source: Any = Path(path) if path else DATA / "taxonomy.yaml"
    data = _load_yaml(source)
    subtypes: dict[str, SubEventType] = {}
    for t in data.get("types") or []:
        for s in t.get("subtypes") or []:
            plover = s.get("plover") or {}
            if not s.get("name") or not s.get("cameo") or not plover.get("event"):
                raise KnowledgeError(f"sub-event type needs name, cameo, plover: {s!r}", source=str(source))
            subtypes[s["name"]] = SubEventType(
                name=s["name"],
                type=t["name"],
                cameo=str(s["cameo"]),
                plover_event=plover["event"],
                plover_mode=plover.get("mode"),
                territorial=bool(s.get("territorial", False)),
                description=s.get("description", ""),
            )
    return Taxonomy(subtypes)


SPECIAL_SUBTYPES = {"territorial", "attack", "kill", "bombing"}


def _stem(word: str) -> str:
    """The start every inflection of ``word`` shares: capture -> captur (captured,
    capturing), take -> tak (taken, taking), kill -> kill."""
    word = word.split("-")[0]
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    if word in ("take", "lose", "drive"):
        return word[:-1]  # taken, taking; losing; driven
    if word.endswith("y") and len(word) > 4:
        return word[:-1]  # occupy -> occup (occupied)
    return word


@lru_cache(maxsize=1)
def load_lexicon(path: str | None = None) -> Lexicon:
    source: Any = Path(path) if path else DATA / "triggers.yaml"
    data = _load_yaml(source)
    taxonomy = load_taxonomy()
    frames = data.get("frames") or {}
    triggers: dict[str, list[Trigger]] = {}
    for raw in data.get("triggers") or []:
        trig = Trigger(
            lemma=str(raw["lemma"]).lower(),
            pos=tuple(raw.get("pos") or ("VERB",)),
            frame=raw["frame"],
            subtype=raw["subtype"],
            requires=raw.get("requires"),
            compounds=tuple(str(c).lower() for c in raw.get("compounds") or ()),
            particle=raw.get("particle"),
            forms=tuple(str(f).lower() for f in raw.get("forms") or ()),
            preps=tuple(str(f).lower() for f in raw.get("preps") or ()),
            not_objects=tuple(str(f).lower() for f in raw.get("not_objects") or ()),
            heads=tuple(str(f).lower() for f in raw.get("heads") or ()),
            victim_subject=bool(raw.get("victim_subject", False)),
        )
        if trig.frame not in frames:
            raise KnowledgeError(f"trigger {trig.lemma!r} uses unknown frame {trig.frame!r}", source=str(source))
        if trig.subtype not in SPECIAL_SUBTYPES and trig.subtype not in taxonomy.subtypes:
            raise KnowledgeError(f"trigger {trig.lemma!r} has unknown subtype {trig.subtype!r}", source=str(source))
        for key in (trig.lemma, *trig.forms):
            triggers.setdefault(key, []).append(trig)
    cause_words = {k: [w.lower() for w in v] for k, v in (data.get("cause_words") or {}).items()}
    for k in cause_words:
        if k not in taxonomy.subtypes:
            raise KnowledgeError(f"cause words for unknown subtype {k!r}", source=str(source))
    stems = sorted({_stem(k) for k in triggers})
    return Lexicon(
        frames=frames,
        triggers=triggers,
        cause_words=cause_words,
        people_words=frozenset(w.lower() for w in data.get("people_words") or ()),
        civilian_words=frozenset(w.lower() for w in data.get("civilian_words") or ()),
        weapon_words=frozenset(w.lower() for w in data.get("weapon_words") or ()),
        base_words=frozenset(w.lower() for w in data.get("base_words") or ()),
        surface_stems=stems,
    )
