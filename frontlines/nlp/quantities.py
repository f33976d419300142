"""Counts of people read from event sentences: killed, wounded, displaced, fighters, ...

Figures are coded conservatively, as ACLED codes them: "at least 112" is 112, "more than
120" is 120, a range keeps its lower bound as ``value`` ("50 to 200" is 50, min 50, max 200),
and vague amounts take ACLED's conventional figures ("tens" 10, "dozens" 12, "hundreds"
100, "thousands" 1000; "several" and "a few" 3, "scores" 20). Money, percentages, years,
ages, times, distances, ordinals and dates are never counts.

Kinds: killed, wounded, casualties (killed or wounded, never counted as fatalities),
executed, fighters (a force's strength), displaced, air_raids, abducted, captured, detained,
other (people counted with no event word). Groups: civilians, children, women, fighters,
soldiers; None when unknown, as for "people".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from frontlines.models import Quantity
from frontlines.nlp.dates import calendar_spans

__all__ = ["KILLED_KINDS", "fatalities", "find_quantities", "group_counts"]

#: Kinds that count as fatalities.
KILLED_KINDS = frozenset({"killed", "executed"})

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
#: ACLED's conventional figures for vague amounts.
VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
         "millions": 1_000_000, "several": 3}  # fmt: skip


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GROUP_NOUNS: dict[str, frozenset[str]] = {
    "civilians": _wordset(
        "civilian civilians resident residents villager villagers inhabitant inhabitants citizen "
        "citizens worshipper worshippers worshiper worshipers pilgrim pilgrims student students "
        "pupil pupils patient patients doctor doctors medic medics nurse nurses journalist "
        "journalists worker workers farmer farmers shepherd shepherds passenger passengers "
        "evacuee evacuees relative relatives mourner mourners guest guests protester protesters "
        "demonstrator demonstrators teacher teachers volunteer volunteers rescuer rescuers "
        "paramedic paramedics family families"
    ),
    "children": _wordset(
        "child children kid kids boy boys girl girls baby babies infant infants minor minors "
        "toddler toddlers teenager teenagers"
    ),
    "women": _wordset("woman women mother mothers"),
    "fighters": _wordset(
        "fighter fighters rebel rebels militant militants gunman gunmen jihadist jihadists jihadi "
        "jihadis terrorist terrorists insurgent insurgents extremist extremists combatant "
        "combatants mercenary mercenaries member members militiaman militiamen mujahideen "
        "commander commanders emir emirs sniper snipers bomber bombers takfiri takfiris "
        "opposition"
    ),
    "soldiers": _wordset(
        "soldier soldiers troop troops serviceman servicemen officer officers personnel policeman "
        "policemen guard guards conscript conscripts recruit recruits pilot pilots marine marines"
    ),
    "": _wordset(
        "people persons person individual individuals man men other others victim victims hostage "
        "hostages prisoner prisoners detainee detainees refugee refugees"
    ),
}
PERSON_NOUNS = {w: g for g, words in _GROUP_NOUNS.items() for w in words}
SINGULAR_NOUNS = frozenset(
    w for w in PERSON_NOUNS if not w.endswith("s") and w not in
    ("people", "children", "women", "men", "gunmen", "militiamen", "policemen", "servicemen",
     "personnel", "mujahideen", "opposition", "family", "police")
)  # fmt: skip
#: Nouns that carry the kind themselves ("12 dead", "900 air raids", "15 martyrs").
KIND_NOUNS = {
    "dead": "killed", "deaths": "killed", "fatalities": "killed", "martyrs": "killed",
    "bodies": "killed", "corpses": "killed", "victims": "killed", "casualties": "casualties",
    "injuries": "wounded", "wounded": "wounded", "injured": "wounded", "raids": "air_raids", "airstrikes": "air_raids",
    "strikes": "air_raids", "sorties": "air_raids", "airraids": "air_raids",
    "refugees": "displaced", "hostages": "abducted", "abductees": "abducted",
    "captives": "captured", "prisoners": "captured", "detainees": "detained",
}  # fmt: skip
#: Words before "fighters" that make them state forces ("government fighters").
STATE_MODIFIERS = _wordset(

    "government regime army pro loyalist state security"
)
#: Counted things that are not people: a number before them is not a count of people.
NON_PERSON_NOUNS = _wordset(
    "vehicle vehicles car cars tank tanks truck trucks bus buses house houses home homes building "
    "buildings village villages town towns city cities position positions missile missiles rocket "
    "rockets shell shells mortar mortars bomb bombs barrel weapon weapons checkpoint checkpoints "
    "kilometre kilometres kilometer kilometers km mile miles meter meters metre metres hour hours "
    "minute minutes second seconds day days week weeks month months year years decade decades "
    "time times percent dollars dollar euros euro pounds lira liras tons tonnes kg am pm gmt "
    "storey floors aircraft planes jets helicopters drones hospitals schools mosques areas sites "
    "targets points hectares acres"
)
#: Words after which a number is a label, not a count ("Resolution 2254", "Route 4").
LABEL_WORDS = _wordset(
    "resolution article no number route highway road brigade division regiment battalion flight "
    "page paragraph unit section item room gate sector zone corps url code phase chapter level "
    "squadron channel building block vol issue verse base camp updated at"
)
_MONEY = frozenset(["$", "€", "£", "usd", "us", "sp", "syp"])
_MIN_MODS = ("at least", "more than", "over", "not less than", "no fewer than",
             "no less than", "upwards of", "in excess of", "a minimum of", "above")  # fmt: skip
_MAX_MODS = ("up to", "as many as", "at most", "nearly", "almost", "less than", "fewer than",
             "under", "no more than", "close to", "a maximum of")  # fmt: skip
_APPROX_MODS = ("about", "around", "some", "approximately", "roughly", "an estimated",
                "estimated", "a total of", "another", "a further", "an additional", "the")

_AUX = (r"(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|all|later|allegedly|"
        r"confirmed|reported|expected|likely|feared|believed|thought|said|to|either|both|"
        r"subsequently|eventually|now|then|already|still|\w+ly)")
_WARS = (r"(?:war|conflict|uprising|revolt|revolution|rebellion|crisis|protests|violence|"
         r"offensive|campaign)\b")
_PREDICATES = (
    ("casualties", r"(?:killed|dead)\s*(?:,|or|and|/)\s*(?:wounded|injured)|casualties"),
    ("executed", r"executed|beheaded|put\s+to\s+death|crucified|hanged"),
    ("killed", (r"killed|dead|died|slain|massacred|murdered|perished|martyred|assassinated|"
               r"lost\s+their\s+lives|burn(?:ed|t)\s+(?:to\s+death|alive)|buried\s+alive|"
               r"drowned|suffocated|beaten\s+to\s+death")),
    ("wounded", (r"wounded|injured|hurt|maimed|(?:received|sustained|suffered)\s+(?:\w+\s+)?"
                r"(?:wounds|injuries)")),
    ("displaced", (r"displaced|fled|flee|fleeing|uprooted|evacuated|cleansed|expelled|"
                  r"forced\s+(?:out|from|to\s+flee|to\s+leave)|driven\s+out|made\s+homeless")),
    ("abducted", r"abducted|kidnapped|taken\s+hostage|held\s+hostage"),
    ("captured", r"captured|taken\s+(?:prisoner|captive)|surrendered"),
    ("detained", r"detained|arrested|jailed|imprisoned|rounded\s+up"),
)
_TRIGGERS = (
    ("casualties", r"(?:kill(?:ed|ing|s)?|dead)\s*(?:or|and|/)\s*(?:wound|injur)\w*|"
                   r"(?:wound|injur)\w*\s*(?:or|and|/)\s*kill\w*"),
    ("killed", (r"kill(?:s|ed|ing)?|massacr(?:e|es|ed|ing)|slaughter(?:s|ed|ing)?|"
               r"murder(?:s|ed|ing)?|(?:claim|claimed|claiming|claims|took|taking|take)\s+the\s+"
               r"lives\s+of|bodies\s+of|corpses\s+of|remains\s+of|shot\s+dead|"
               r"(?:death\s+)?toll\b[^.;:!?\d]{0,60}?\b(?:to|at|of|reached|hit|is|was|stood|stands|"
               r"passed|exceeded|surpassed)|(?:dead|deaths|fatalities|killed)\s+(?:rose|climbed|"
               r"increased|jumped|reached)\s+to|claim(?:s|ed|ing)?")),
    ("executed", r"execut(?:e|es|ed|ing)|behead(?:s|ed|ing)?|crucif(?:y|ies|ied)"),
    ("wounded", r"wound(?:s|ed|ing)|injur(?:e|es|ed|ing)|maim(?:s|ed|ing)?"),
    ("displaced", r"displac(?:e|es|ed|ing)|uproot(?:s|ed|ing)?|expel(?:s|led|ling)"),
    ("abducted", r"abduct(?:s|ed|ing)?|kidnap(?:s|ped|ping)?"),
    ("captured", r"captur(?:e|es|ed|ing)|took\s+prisoner"),
    ("detained", r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?"),
)
#: Kinds that a trigger before the number gives only to a count of people.
_PERSON_ONLY = frozenset({"displaced", "abducted", "captured", "detained"})


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    preds = "|".join(f"(?P<{k}>{p})" for k, p in _PREDICATES)
    trigs = "|".join(f"(?P<{k}>{p})" for k, p in _TRIGGERS)
    mods = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in _MIN_MODS + _MAX_MODS + _APPROX_MODS)
    i = re.IGNORECASE
    return {
        "token": re.compile(r"\d+(?:[.,:]\d+)*|[A-Za-z]+(?:'[A-Za-z]+)?|[^\sA-Za-z\d]"),
        "forward": re.compile(
            r"[\s,]*(?:(?:in|from|of|at|near|inside|on|among)\s+[^\s.,;:\d]+(?:\s+[^\s.,;:\d]+)"
            r"{0,3}?\s+(?=(?:were|was|have|had|has|are)\b))?(?:" + _AUX + r"[\s,]+){0,4}"
            r"(?:" + preds + r")\b",
            i,
        ),
        "number_of": re.compile(r"\s*the\s+(?:death\s+toll|toll|number\s+(?:of\s+)?(?:the\s+)?"
                                r"(?:killed|dead|deaths|victims|people\s+killed))\b", i),
        "backward": re.compile(r"\b(?:" + trigs + r")\s*,?\s*(?:(?:" + mods + r")\s+)*$", i),
        "modifiers": re.compile(r"(?:\b(?P<mod>" + mods + r")\s+)+$", i),
        "sub_group": re.compile(r"^[\s,:(]*(?:including|among\s+(?:them|whom|which|those)|of\s+"
                                r"(?:whom|them)|mostly|mainly|most\s+of\s+them|"
                                r"and|as\s+well\s+as|plus)[\s,:]*$", i),
        "coordination": re.compile(r"^\s*(?:,|and|,\s*and|as\s+well\s+as|plus|or)\s*$", i),
        "loose_and": re.compile(r"^\s*(?:[A-Za-z'()-]+\s+){0,5}and\s*$"),
        "rose_from": re.compile(r"\b(?:rose|risen|climbed|increased|jumped|went\s+up|grew)\s+"
                                r"from\s*$", i),
        "sentence_end": re.compile(r"[.;!?]\s|[.;!?]$"),
        "cumulative_after": re.compile(
            r"[^.;!?]{0,60}?\b(?:since\s+(?:(?:the\s+)?(?:start|beginning|outbreak|onset)\b|"
            r"(?:(?:early|late|mid)[\s-]+)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b|(?:[\w']+\s+){0,3}?"
            + _WARS + r"|it\s+(?:began|erupted|started))|(?:in|during|over)\s+(?:the|a|its|"
            r"syria'?s)\s+(?:[\w-]+\s+){0,3}?" + _WARS + r"(?!-)|from\s+(?:[A-Z][a-z]+\s+)?"
            r"(?:19|20)\d\d\s+(?:to|until|through)|(?:during|in|over)\s+the\s+(?:past|last)\s+"
            r"(?:\w+\s+)?(?:days|weeks|months|years|month|year|week))", i
        ),
        "cumulative_before": re.compile(
            r"(?:\b" + _WARS + r"(?!-)[^.;!?]{0,40}?\b(?:(?:has|have|had)\s+(?:\w+\s+)?(?:killed|"
            r"claimed|left|cost|caused)|killing)|\bsince\s+(?:then|(?:19|20)\d\d)|\btoll\s+(?:from|"
            r"of|in)\s+[^.;!?]{0,30}?" + _WARS + r"|\bsince\s+(?:the\s+)?[\w']*\s*" + _WARS
            + r")\b[^.;!?]{0,50}$", i
        ),
        "of_wounded": re.compile(r"\s*of\s+(?:the\s+)?(?:wounded|injured)\b", i),
        "and_wounded": re.compile(r"\s*(?:and|or|/|&)\s*(?:the\s+)?(?:wounded|injured|injuries)\b", i),
        "casualty_pair": re.compile(r"^\s*(?:were\s+|have\s+been\s+)?(?:killed|dead)\s*(?:or|and|"
                                    r",|/)\s*(?:wounded|injured)\b", i),
    }


@dataclass
class _Token:
    text: str
    low: str
    start: int
    end: int


@dataclass
class _Item:
    first: int  # character offset of the quantity (modifiers included)
    num_start: int
    num_end: int
    noun_end: int  # character offset after the noun group (or the number)
    value: int
    low: int | None = None
    high: int | None = None
    group: str | None = None
    person: bool = False
    singular: bool = False
    head_kind: str | None = None
    kind: str | None = None
    how: str = ""
    end: int = 0
    groups: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------ numbers


def _digits(token: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+|\d+\.\d+", token):
        return float(token.replace(",", ""))
    return None


def _words(toks: list[_Token], i: int) -> tuple[float, int]:
    total, current, j, last = 0.0, 0.0, i, ""
    while j < len(toks):
        w = toks[j].low
        if w in UNITS and last in ("", "tens", "hyphen", "scale", "and"):
            current += UNITS[w]
            last = "unit"
        elif w in TENS and last in ("", "scale", "and"):
            current += TENS[w]
            last = "tens"
        elif w == "-" and last == "tens" and j + 1 < len(toks) and toks[j + 1].low in UNITS:
            last = "hyphen"
        elif w == "hundred" and last in ("unit", "tens"):
            current *= 100
            last = "scale"
        elif w in ("thousand", "million", "billion") and last in ("unit", "tens", "scale"):
            total, current, last = total + current * SCALES[w], 0.0, "scale"
        elif w == "and" and last == "scale" and j + 1 < len(toks) and (
            toks[j + 1].low in UNITS or toks[j + 1].low in TENS
        ):
            last = "and"
        else:
            break
        j += 1
    return total + current, j


def _number(toks: list[_Token], i: int) -> tuple[float, int, bool] | None:
    """Read a number starting at token ``i``: (value, index after it, vague?)."""
    low = toks[i].low
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    nxt2 = toks[i + 2].low if i + 2 < len(toks) else ""
    if low in ("tens", "hundreds") and nxt == "of" and nxt2 in ("thousands", "millions"):
        return float(VAGUE[low] * VAGUE[nxt2]), i + 3, True
    if low in VAGUE:
        return float(VAGUE[low]), i + 1, True
    if low == "a" and nxt in ("few", "handful", "couple"):
        return (2.0 if nxt == "couple" else 3.0), i + 2, True
    if low == "half" and nxt == "a" and nxt2 == "dozen":
        return 6.0, i + 3, False
    if low in ("a", "one") and nxt == "quarter" and nxt2 == "of" and i + 4 < len(toks) and (
        toks[i + 3].low == "a" and toks[i + 4].low in ("million", "thousand")
    ):
        return SCALES[toks[i + 4].low] / 4, i + 5, False
    if low == "half" and nxt == "a" and nxt2 in ("million", "thousand"):
        return SCALES[nxt2] / 2, i + 3, False
    if low in ("a", "an") and nxt in ("dozen", "hundred", "thousand", "million"):
        return float(SCALES.get(nxt, 12)), i + 2, False
    value = _digits(toks[i].text)
    j = i + 1
    if value is not None and re.fullmatch(r"\d{1,3}", toks[i].text):
        # "1 000": thousands grouped with a space
        while j < len(toks) and re.fullmatch(r"\d{3}", toks[j].text) and (
            toks[j].start == toks[j - 1].end + 1
        ):
            value, j = value * 1000 + float(toks[j].text), j + 1
    if value is None:
        if low not in UNITS and low not in TENS:
            return None
        value, j = _words(toks, i)
    if j < len(toks) and toks[j].low == "dozen":
        value, j = value * 12, j + 1
    if j < len(toks) and toks[j].low in SCALES:
        value, j = value * SCALES[toks[j].low], j + 1
    return value, j, False


def _excluded(toks: list[_Token], i: int, j: int, text: str, dates: list[tuple[int, int]]) -> bool:
    """Whether the number in tokens [i, j) is money, a percentage, an age, a time, a date..."""
    tok = toks[i]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if any(s < toks[j - 1].end and tok.start < e for s, e in dates):
        return True
    if prev is not None and (prev.low in _MONEY or prev.low in LABEL_WORDS):
        return not (prev.low == "at" and not re.fullmatch(r"0\d{3}", tok.text))
    if prev is not None and prev.low in ("aged", "age", "ages"):
        return True
    if ":" in tok.text or re.fullmatch(r"0\d{3}", tok.text) or tok.text.count(".") > 1:
        return True
    if "." in tok.text and (nxt is None or nxt.low not in SCALES) and j == i + 1:
        return True
    if prev is not None and prev.end == tok.start and prev.text[0].isalnum():
        return True  # "M5", "T4"
    if prev is not None and prev.text == "-" and prev.end == tok.start and i >= 2 and (
        toks[i - 2].end == prev.start and toks[i - 2].text[0].isalpha()
    ):
        return True  # "Su-24", "S-400"
    if nxt is not None:
        if nxt.start == toks[j - 1].end and nxt.text[0].isalpha():
            return True  # ordinals "21st", "5th"
        if nxt.low in ("%", "percent", "per") or nxt.low in NON_PERSON_NOUNS:
            return True
        if nxt.text == "-" and j + 1 < len(toks) and toks[j + 1].text[0].isalpha():
            return toks[j + 1].low not in PERSON_NOUNS  # "12-year-old", "5-storey"
    if re.fullmatch(r"(?:19|20)\d\d", tok.text) and j == i + 1:
        return nxt is None or nxt.low not in PERSON_NOUNS
    return False


# ---------------------------------------------------------------------- noun groups


def _noun_group(toks: list[_Token], j: int, item: _Item) -> int:
    """Read the noun group from token j; return the token index after its last noun."""
    n = len(toks)
    if j < n and toks[j].low == "of":
        j += 2 if j + 1 < n and toks[j + 1].low in ("them", "whom", "which", "the", "those") else 1
    found = -1
    words = 0
    modifier: str | None = None
    stops = ("and", "or", "in", "on", "at", "by", "from", "during", "with", "near", "after",
             "before", "for", "to", "into", "including", "among", "who", "which", "that", "as",
             "were", "was", "are", "is", "have", "has", "had", "since", "when", "while", "of")  # fmt: skip
    while j < n and words < 6:
        tok = toks[j]
        w = tok.low
        if tok.text in ("-", "'s", "'"):
            j += 1
            continue
        if not tok.text[0].isalpha():
            break
        if w in ("and", "or") and found >= 0 and j + 1 < n and _number(toks, j + 1) is None:
            ahead = [t for t in toks[j + 1:j + 4] if t.text[0].isalpha()]
            if ahead and any(t.low in PERSON_NOUNS for t in ahead) and not any(
                t.low in ("were", "was", "killed", "wounded", "injured", "dead") for t in ahead
            ):
                j += 1
                modifier = None
                continue
        if w in stops or w in _VERBS or (
            w.endswith("ed") and j + 1 < n and toks[j + 1].low in _DETERMINERS
        ):
            break
        if w in NON_PERSON_NOUNS:
            item.head_kind = "reject"
            return j + 1
        if w in KIND_NOUNS:
            item.person = item.person or KIND_NOUNS[w] not in ("air_raids",)
            item.head_kind = KIND_NOUNS[w]
            found = j
            if w not in ("victims", "refugees", "hostages", "prisoners", "detainees"):
                break
        if w in PERSON_NOUNS:
            group = PERSON_NOUNS[w]
            before = toks[j - 1].low if j > 0 else ""
            if before == "-" and j >= 2:
                before = toks[j - 2].low
            if group == "fighters" and before in STATE_MODIFIERS:
                group = "soldiers"
            if modifier is not None and group is not None:
                # "rebel officers", "family members", "army officers": the first noun says
                # whose they are
                group = modifier if group in ("fighters", "soldiers", "") else group
            item.person = True
            item.singular = w in SINGULAR_NOUNS
            if item.groups and modifier is not None:
                item.groups[-1] = group
            else:
                item.groups.append(group)
            modifier = group if group in ("fighters", "soldiers", "civilians") else None
            found = j
        else:
            modifier = None
        words += 1
        j += 1
    groups = {g for g in item.groups if g}
    if len(groups) == 1 and "" not in item.groups:
        item.group = next(iter(groups))
    return found + 1 if found >= 0 else -1


_VERBS = _wordset(
    "said says say told added according reported claimed killed dead died slain massacred "
    "murdered perished martyred assassinated executed beheaded wounded injured hurt maimed "
    "displaced fled flee fleeing uprooted evacuated cleansed expelled forced driven abducted "
    "kidnapped taken held captured surrendered detained arrested jailed imprisoned received "
    "sustained suffered lost burned burnt buried drowned suffocated beaten kill kills killing "
    "wounding injuring left leaving got remain remained be been being will would could may might "
    "must should did do does attempted tried boarded crossed live lived"
)
_DETERMINERS = _wordset(

    "the a an his her their its this that these those"
)


# ---------------------------------------------------------------------------- reading


def _sentence_start(text: str, pos: int) -> int:
    best = 0
    for m in _patterns()["sentence_end"].finditer(text, max(0, pos - 400), pos):
        best = m.end()
    return best


def _kind_of(m: re.Match[str]) -> str:
    return next(k for k, v in m.groupdict().items() if v is not None and k != "mod")


def _read_items(text: str) -> list[_Item]:
    p = _patterns()
    toks = [_Token(m.group(0), m.group(0).lower(), m.start(), m.end())
            for m in p["token"].finditer(text)]  # fmt: skip
    dates = calendar_spans(text)
    items: list[_Item] = []
    i = 0
    while i < len(toks):
        if toks[i].low in ("a", "an", "one") and (i == 0 or toks[i - 1].low not in ("no",)):
            probe = _Item(toks[i].start, toks[i].start, toks[i].end, toks[i].end, 1)
            end = _noun_group(toks, i + 1, probe)
            if end > 0 and probe.singular and probe.head_kind is None and end - i <= 4:
                probe.noun_end = toks[end - 1].end
                probe.end = probe.noun_end
                items.append(probe)
                i = end
                continue
        parsed = _number(toks, i) if toks[i].low not in ("a", "an") or i + 1 < len(toks) else None
        if parsed is None or (toks[i].low == "one" and parsed[1] == i + 1):
            i += 1
            continue
        value, j, _vague = parsed
        if _excluded(toks, i, j, text, dates) or (toks[i].low == "no"):
            i = j
            continue
        item = _Item(toks[i].start, toks[i].start, toks[j - 1].end, toks[j - 1].end, int(value))
        # ranges: "50 to 200", "between 22,000 and 30,000", "60-70", "two or three"
        if j + 1 < len(toks) and toks[j].low in ("to", "-", "or", "and"):
            between = i > 0 and toks[i - 1].low == "between"
            second = _number(toks, j + 1) if toks[j].low != "and" or between else None
            if second is not None and not _excluded(toks, j + 1, second[1], text, dates):
                if second[0] >= value:
                    item.low, item.high = int(value), int(second[0])
                    if p["rose_from"].search(text, 0, item.first):
                        item.value, item.low, item.high = int(second[0]), None, None
                    item.num_end = toks[second[1] - 1].end
                    j = second[1]
            elif second is not None:
                i = second[1]
                continue
        before = text[max(0, item.first - 40):item.first]
        mods = p["modifiers"].search(before)
        if mods:
            item.first -= len(before) - mods.start()
            words = " ".join(mods.group(0).lower().split())
            if item.low is None and item.high is None:
                if any(words.startswith(m) or f" {m}" in f" {words}" for m in _MIN_MODS):
                    item.low = item.value
                elif any(f" {m}" in f" {words}" for m in _MAX_MODS):
                    item.high = item.value
        end = _noun_group(toks, j, item)
        item.noun_end = toks[end - 1].end if end > 0 else item.num_end
        item.end = item.noun_end
        items.append(item)
        i = max(j, end)
    return items


def _classify(text: str, items: list[_Item]) -> None:
    p = _patterns()
    for k, item in enumerate(items):
        if item.head_kind == "reject":
            continue
        nxt_first = items[k + 1].first if k + 1 < len(items) else len(text)
        if p["of_wounded"].match(text, item.noun_end, nxt_first):
            item.kind, item.how = "wounded", "head"  # "dozens of wounded"
            continue
        pair = p["casualty_pair"].match(text, item.noun_end, nxt_first) or (
            # "20 martyrs and wounded": one count of the dead and the hurt together.
            item.head_kind == "killed" and p["and_wounded"].match(text, item.noun_end, nxt_first)
        )
        fwd = pair or p["forward"].match(text, item.noun_end, nxt_first)
        if fwd is not None:
            item.kind, item.how, item.end = (
                "casualties" if pair else _kind_of(fwd), "forward", fwd.end()
            )
            continue
        if p["number_of"].match(text, item.noun_end, nxt_first):
            item.kind, item.how = "killed", "forward"
            continue
        start = max(_sentence_start(text, item.first), items[k - 1].num_end if k else 0)
        back = p["backward"].search(text, start, item.first)
        if back is not None:
            kind = _kind_of(back)
            if kind not in _PERSON_ONLY or item.person:
                if kind == "killed" and back.group(0).lower().startswith("claim") and not (
                    item.person or item.head_kind
                ):
                    pass  # "claimed 12" with no noun: a claim, not a death
                else:
                    item.kind, item.how = kind, "backward"
                    item.first = min(item.first, back.start())
                    continue
        if item.head_kind:
            item.kind, item.how = item.head_kind, "head"
    # a count coordinated with a later one that has a predicate: "12 soldiers and 8 militants
    # were killed"
    for k in range(len(items) - 2, -1, -1):
        item, nxt = items[k], items[k + 1]
        if item.kind is None and item.head_kind != "reject" and nxt.how in ("forward", "chain"):
            gap = text[item.noun_end:nxt.first]
            if p["coordination"].match(gap) or p["sub_group"].match(gap) or (
                item.person and p["loose_and"].match(gap)
            ):
                item.kind, item.how = nxt.kind, "chain"
    # a count that names a part of the one before it: "killing 12 civilians including five
    # children and three women", "two men from Hezbollah and three men from ..."
    for k in range(1, len(items)):
        item, prev = items[k], items[k - 1]
        if item.kind is not None or item.head_kind == "reject" or prev.kind is None:
            continue
        gap = text[prev.end:item.first]
        if p["sentence_end"].search(gap):
            continue
        if p["sub_group"].match(gap) or (p["loose_and"].match(gap) and item.person) or (
            text[item.num_end:item.num_end + 9].lower().lstrip().startswith(("of them", "of whom"))
            and re.fullmatch(r"[\s,]*", gap)
        ):
            item.kind, item.how = prev.kind, "inherit"


def _mark_cumulative(text: str, items: list[_Item]) -> None:
    """A toll over a whole war or period ("more than 280,000 people have been killed since
    2011", "the conflict, which has killed 300,000") is not the toll of one event."""
    p = _patterns()
    for item in items:
        if item.kind not in ("killed", "casualties"):
            continue
        start = _sentence_start(text, item.first)
        if p["cumulative_after"].match(text, max(item.end, item.num_end)) or p[
            "cumulative_before"
        ].search(text, start, item.num_start):
            item.kind = "killed_cumulative" if item.kind == "killed" else item.kind
            item.how = "cumulative"


def find_quantities(text: str) -> list[Quantity]:
    """The counts of people (and of air raids) in ``text``, in order of appearance."""
    items = _read_items(text)
    _classify(text, items)
    _mark_cumulative(text, items)
    out: list[Quantity] = []
    for item in items:
        kind = item.kind
        if item.head_kind == "reject":
            continue
        if kind is None:
            if not item.person or item.singular or item.head_kind:
                continue
            kind = "fighters" if item.group in ("fighters", "soldiers") else "other"
        value = item.low if item.low is not None else item.value
        out.append(Quantity(kind=kind, value=value, min=item.low, max=item.high,
                            text=text[item.first:max(item.end, item.num_end)].strip(),
                            group=item.group))  # fmt: skip
    return out


# ----------------------------------------------------------------------------- totals

def _combine(best: dict[str | None, int]) -> int:
    civilians = max(best.get("civilians", 0), best.get("children", 0) + best.get("women", 0))
    total = civilians + best.get("fighters", 0) + best.get("soldiers", 0)
    return max(best.get(None, 0), total)


def _runs(quantities: Iterable[Quantity]) -> Iterable[dict[str | None, int]]:
    """Runs of consecutive killed figures of distinct groups ("12 soldiers and 8 militants"),
    each as {group: figure}; a figure of unknown group, a repeated group or a count of
    another kind ends a run."""
    run: dict[str | None, int] = {}
    for q in quantities:
        if q.kind not in KILLED_KINDS or q.value is None:
            if run:
                yield run
                run = {}
            continue
        if q.group is None or q.group in run or None in run:
            if run:
                yield run
            run = {q.group: q.value}
            continue
        run[q.group] = q.value
    if run:
        yield run


def group_counts(quantities: list[Quantity]) -> dict[str, int]:
    """Killed by group: civilians (children and women included), children, women and
    noncivilians (fighters, soldiers, militants, rebels, troops), each the largest figure
    reported for it."""
    best: dict[str | None, int] = {}
    for run in _runs(quantities):
        civilians = max(run.get("civilians", 0), run.get("children", 0) + run.get("women", 0))
        noncivilians = run.get("fighters", 0) + run.get("soldiers", 0)
        for key, value in (("civilians", civilians), ("noncivilians", noncivilians),
                           ("children", run.get("children", 0)), ("women", run.get("women", 0))):
            best[key] = max(best.get(key, 0), value)
    return {k: best.get(k, 0) for k in ("civilians", "children", "women", "noncivilians")}


def fatalities(quantities: list[Quantity]) -> int | None:
    """ACLED-style total fatalities: the largest total killed figure, with the figures of
    clearly separate groups reported together added up ("12 soldiers and 8 militants were
    killed" is 20) and sub-groups of a total not added again ("12 civilians including five
    children" is 12). Cumulative tolls of a war are left out. None when no one is reported
    killed."""
    totals = [_combine(run) for run in _runs(quantities)]
    return max(totals) if totals else None
