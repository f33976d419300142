"""The state forces of any country, named as ACLED names them ("Military Forces of
Pakistan", "Police Forces of Nigeria"), from the country's name or demonym.

Country names and demonyms come from the ``pycountryinfo`` package's country data (250
countries). The curated registry (``actors.yaml``) wins where it knows a force; this
covers every other country: "Nigerian troops", "the Malian army", "Sudan's army",
"Pakistani security forces", "Kenyan police".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..models import ActorRef
from .normalize import fold_place

#: Head words of a military force: "the Malian army", "Nigerian troops".
MILITARY_WORDS = frozenset({
    "army", "armies", "military", "militaries", "troops", "troop", "soldiers", "soldier", "forces",
    "airforce", "navy", "marines", "junta", "commandos", "paratroopers", "servicemen", "jets",
    "warplanes", "aircraft", "drones", "artillery",
})
#: Head words of a police force: "Kenyan police", "Burkinabe gendarmes".
POLICE_WORDS = frozenset({"police", "policemen", "policeman", "gendarmes", "gendarmerie", "gendarme"})
#: ACLED's interaction code for state forces.
STATE_INTER = 1


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    demonym: str


@lru_cache(maxsize=1)
def _entries() -> list[dict[str, Any]]:
    """pycountryinfo's country records, read once."""
    path = resources.files("pycountryinfo") / "data" / "countries.json"
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for entry in _entries():
        code = (entry.get("iso_codes") or {}).get("alpha_2")
        name = entry.get("common_name")
        if code and name:
            out[code] = Country(code, name, entry.get("nationality") or "")
    return out


@lru_cache(maxsize=1)
def _by_word() -> dict[str, str]:
    """Folded country names, official names and demonyms -> country code. A demonym two
    countries share ("Congolese") names neither."""
    seen: dict[str, set[str]] = {}
    for entry in _entries():
        code = (entry.get("iso_codes") or {}).get("alpha_2")
        if not code:
            continue
        for word in (entry.get("common_name"), entry.get("official_name"), entry.get("nationality")):
            if word:
                seen.setdefault(fold_place(word), set()).add(code)
    return {word: next(iter(codes)) for word, codes in seen.items() if len(codes) == 1 and word}


def country_of(word: str) -> str | None:
    """The country a name or demonym denotes ("Nigerian" -> "NG", "Sudan" -> "SD")."""
    for suffix in ("'s", "\u2019s"):
        word = word.removesuffix(suffix)
    return _by_word().get(fold_place(word))


def country_name(code: str) -> str | None:
    country = _countries().get(code)
    return country.name if country else None


def state_force(code: str, police: bool = False, text: str | None = None) -> ActorRef | None:
    """The military (or police) forces of the country ``code``."""
    name = country_name(code)
    if name is None:
        return None
    kind = "police" if police else "military"
    label = "Police Forces" if police else "Military Forces"
    return ActorRef(name=f"{label} of {name}", id=f"{kind}-forces-{code.lower()}", text=text)


def force_word(word: str) -> str | None:
    """"military" or "police" for a head word of a state force, else None."""
    low = word.lower()
    if low in POLICE_WORDS:
        return "police"
    if low in MILITARY_WORDS:
        return "military"
    return None
