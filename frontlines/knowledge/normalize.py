"""Spelling-robust keys for place names.

Arabic place names reach English text in many transliterations: ``Deir ez-Zor``,
``Dayr az Zawr``, ``Deir Ezzor`` and ``Der-Ezzor`` are one town. Two keys are used:

* :func:`fold_place` is a light key (case, diacritics, apostrophes, hyphens, spaces and
  a leading ``the``): two names with the same fold are written the same way.
* :func:`normalize_place` is the spelling-robust key: it also drops Arabic articles and
  their sun-letter forms, folds ``Deir/Dayr/Der``, doubled letters, ``-ah/-a/-eh``
  endings and vowels, so transliteration variants meet on one key.

The robust key is lossy on purpose; the gazetteer tries the light key first and uses the
robust one only as a fallback, ranked by context.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = ["ARTICLES", "fold_place", "normalize_place", "place_form", "place_tokens", "similarity"]

#: Arabic articles as written standalone (``al-``, ``ash-``, ``e-`` ...) before a name.
ARTICLES = frozenset(
    {
        "al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "az", "ez", "ash", "esh",
        "at", "et", "an", "en", "a", "e", "adh", "ath", "ad-", "l",
    }
)

_MARKS = str.maketrans(
    {
        "\u2019": "", "\u2018": "", "'": "", "`": "", "\u02bf": "", "\u02be": "",
        "\u02bc": "", "\u02bb": "", "\u00b4": "", "\u2032": "",
        "\u0131": "i", "\u0142": "l", "\u00f8": "o", "\u00e6": "ae", "\u00df": "ss",
        "\u0111": "d", "\u0127": "h", "\u0259": "e", "\u00f0": "d", "\u00fe": "th",
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SUN_LETTER = re.compile(r"^[ae]([tdrzsnl])(?=\1[a-z]{2})")
_ATTACHED_AL = re.compile(r"^al(?=[bcdfghjkmnpqrstvz][a-z])")
_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DIGRAPHS = (("ph", "f"), ("gh", "g"), ("dj", "j"), ("q", "k"), ("ck", "k"), ("x", "ks"))
_VOWELS = re.compile(r"(?<!^)[aeiouyw]|^[aeiou]")
_DEIR = frozenset({"deir", "dayr", "der", "dair", "deyr", "dir", "deyre", "dar"})


@functools.lru_cache(maxsize=65536)
def fold_place(name: str) -> str:
    """Light key: lower case, no diacritics or apostrophes, words joined by one space."""
    text = unicodedata.normalize("NFKD", name.translate(_MARKS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(_MARKS)
    text = _NON_ALNUM.sub(" ", text).strip()
    text = text.removeprefix("the ")
    return text


def place_tokens(name: str) -> list[str]:
    """Words of a name with standalone and attached Arabic articles removed."""
    words = fold_place(name).split()
    kept = [w for w in words if w not in ARTICLES]
    if not kept:
        kept = words
    out: list[str] = []
    for i, word in enumerate(kept):
        if i == 0 and word in _DEIR and len(kept) > 1:
            out.append("dr")
            continue
        word = _SUN_LETTER.sub("", word)
        word = _ATTACHED_AL.sub("", word)
        out.append(word)
    return out


def _skeleton(word: str) -> str:
    if word.isdigit():
        return word
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = _DOUBLE.sub(r"\1", word)
    word = _FINAL_H.sub("", word)
    stripped = _VOWELS.sub("", word)
    return _DOUBLE.sub(r"\1", stripped) if stripped else word


def normalize_place(name: str) -> str:
    """Spelling-robust key: ``Deir e-Zor``, ``Dayr az Zawr``, ``Der-Ezzor`` give one key."""
    return "".join(_skeleton(w) for w in place_tokens(name))


_FORM_FOLDS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("gh", "g"), ("dj", "j"), ("q", "k"), ("ck", "k"))


def place_form(name: str) -> str:
    """Compact written form: the words of :func:`place_tokens` joined, with the commonest
    transliteration choices folded (``al-Mayadeen`` -> ``mayadin``); kept beside a skeleton
    key to tell spelling variants from different names that share a skeleton."""
    out = []
    for word in place_tokens(name):
        for x, y in _FORM_FOLDS:
            word = word.replace(x, y)
        out.append(_FINAL_H.sub("", _DOUBLE.sub(r"\1", word)))
    return "".join(out)


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How alike two compact forms are, 0 to 1 (a spelling variant scores high, a different
    name with the same consonants low: ``mayadeen``/``mayadin`` 0.8, ``midan``/``mayadin`` 0.5)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
