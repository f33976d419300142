"""The actor registry: schema of the curated file, aliases, validation and user files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from frontlines.errors import KnowledgeError
from frontlines.knowledge.actors import (
    ACTOR_FIELDS,
    CAMPS,
    DATA_FILE,
    ENV_VAR,
    KINDS,
    ActorRegistry,
    get_registry,
    normalise_name,
)
from frontlines.models import ActorRef


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load([])


@pytest.fixture(scope="module")
def raw() -> dict:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# ----------------------------------------------------------------------------- schema


def test_schema_of_every_entry(raw: dict) -> None:
    actors = raw["actors"]
    assert len(actors) >= 120
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids)), "duplicate ids"
    known = set(ids)
    for entry in actors:
        where = entry["id"]
        assert set(entry) <= ACTOR_FIELDS, where
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["id"]), where
        assert isinstance(entry["name"], str) and entry["name"].strip(), where
        assert entry["kind"] in KINDS, where
        assert entry.get("camp") in CAMPS or entry.get("parent"), where
        assert entry.get("acled_inter") in range(1, 9), where
        country = entry.get("country")
        assert country is None or re.fullmatch(r"[A-Z]{2}", country), where
        cameo = entry.get("cameo")
        assert cameo is None or re.fullmatch(r"[A-Z]{3,15}", cameo), where
        for ref in [entry.get("parent"), *entry.get("built_by", []), *entry.get("backed_by", [])]:
            assert ref is None or ref in known, f"{where}: unknown {ref}"
        for key in ("valid_from", "valid_to"):
            assert entry.get(key) is None or 1900 < entry[key] < 2100, where
        if entry.get("valid_from") and entry.get("valid_to"):
            assert entry["valid_from"] <= entry["valid_to"], where
        assert entry.get("description"), f"{where}: no description"
        assert isinstance(entry.get("aliases"), list) and entry["aliases"], where
        for alias in entry["aliases"]:
            assert isinstance(alias, (str, dict)), where
            if isinstance(alias, dict):
                assert set(alias) <= {"alias", "valid_from", "valid_to", "case_sensitive"}, where
        assert bool(entry.get("generic")) == entry["id"].startswith("generic-"), where


def test_loaded_registry_is_consistent(registry: ActorRegistry) -> None:
    assert len(registry) >= 120
    for actor in registry.all():
        assert actor.camp in CAMPS
        assert registry.camp_of(actor.id) == actor.camp
        assert actor.name in actor.aliases
        assert registry.match(actor.name) is not None


def test_force_words_are_loaded(registry: ActorRegistry) -> None:
    words = registry.force_words
    assert {"forces", "troops", "airstrikes", "warplanes"} <= words.state
    assert {"rebels", "militants", "fighters"} <= words.group
    assert {"led", "backed", "built"} <= words.modifier_suffixes


def test_ndf_is_a_pro_regime_militia_built_by_iran(registry: ActorRegistry) -> None:
    ndf = registry.match("NDF")
    assert ndf is not None and ndf.id == "national-defence-forces"
    assert ndf.kind == "militia"
    assert ndf.parent == "syrian-government"
    assert ndf.camp == "regime"
    assert "iran" in ndf.built_by
    assert "pro-regime" in ndf.description.lower() and "iran" in ndf.description.lower()


# ----------------------------------------------------------------------------- aliases

FAMILIES = {
    "isis": ["ISIS", "IS", "ISIL", "Islamic State", "Da'esh", "Da\u2019esh", "Daesh",
             "Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant",
             "the Islamic State group", "DAESH"],
    "nusra-front": ["Jabhat Fatah al-Sham", "Jabhat Fateh al-Sham", "JFS", "al-Nusra",
                    "Jabhat al-Nusra", "Nusra Front", "Jabhat a-Nusra", "Jabhat an-Nusra",
                    "al-Nusra Front"],
    "hts": ["HTS", "Hayat Tahrir al-Sham", "Hay\u2019at Tahrir al-Sham"],
    "popular-mobilization-forces": ["PMU", "PMF", "Popular Mobilisation Forces",
                                    "Popular Mobilization Forces", "al-Hashd ash-Sha'abi",
                                    "al-Hashd ash-Sha\u2019abi", "Hashd", "al-Hashd al-Shaabi"],
    "syrian-arab-army": ["SAA", "Syrian Arab Army", "Syrian army"],
    "national-defence-forces": ["NDF", "National Defense Forces", "National Defence Forces"],
    "irgc": ["IRGC", "Revolutionary Guard Corps", "Revolutionary Guards Corps",
             "Islamic Revolutionary Guard Corps", "Revolutionary Guards"],
    "quds-force": ["Quds Force", "Qods Force"],
    "iraqi-cts": ["Golden Division", "ISOF", "Iraqi Special Operations Forces", "CTS",
                  "Counter-Terrorism Service"],
    "peshmerga": ["Peshmerga", "Pesh Merga"],
    "ypg": ["YPG", "People's Protection Units"],
    "pyd": ["PYD", "Democratic Union Party"],
    "sdf": ["SDF", "Syrian Democratic Forces", "Syrian Democratic Force"],
    "pkk": ["PKK", "Kurdistan Workers' Party"],
    "free-syrian-army": ["FSA", "Free Syrian Army"],
    "ahrar-al-sham": ["Ahrar al-Sham", "Ahrar ash-Sham"],
    "jaysh-al-islam": ["Jaysh al-Islam", "Jaish al-Islam", "Army of Islam"],
    "faylaq-al-sham": ["Faylaq al-Sham", "Failaq al-Sham"],
    "nour-al-din-al-zenki": ["Nour al-Din al-Zenki", "Nour al-Din al-Zinki"],
    "hezbollah": ["Hezbollah", "Hizbollah", "Lebanese Hezbollah"],
    "harakat-al-nujaba": ["Harakat al-Nujaba", "Harakat Hezbollah al-Nujaba"],
    "kataib-hezbollah": ["Kata'ib Hezbollah", "Kata\u2019ib Hezbollah", "Kataib Hezbollah"],
    "badr-organisation": ["Badr Organisation", "Badr Organization", "Badr Corps"],
    "asaib-ahl-al-haq": ["Asa'ib Ahl al-Haq", "Asaib Ahl al-Haq", "\u02bfAsa\u02bfib Ahl al-Haq"],
    "liwa-abu-al-fadl-al-abbas": ["Liwa Abu al-Fadl al-Abbas"],
    "faylaq-al-waad-al-sadiq": ["Faylaq al-Wa'ad al-Sadiq", "Faylaq al-Wa\u2019ad al-Sadiq"],
    "quwat-al-ridha": ["Quwat al-Ridha"],
    "liwa-fatemiyoun": ["Liwa Fatemiyoun", "Fatemiyoun"],
    "liwa-zainabiyoun": ["Liwa Zainabiyoun", "Zainabiyoun"],
    "tiger-forces": ["Tiger Forces", "Tiger Force"],
    "syrian-republican-guard": ["Republican Guard"],
    "fourth-armoured-division": ["4th Armoured Division", "4th Armored Division"],
    "coastal-shield-brigade": ["Coastal Shield"],
    "navy-seals-regiment": ["Navy Seals Regiment"],
    "national-ideological-resistance": ["National Ideological Resistance"],
    "russia": ["Russia", "Kremlin"],
    "russian-air-force": ["Russian Aerospace Forces", "Russian air force", "VKS"],
    "russian-spetsnaz": ["Spetsnaz"],
    "wagner-group": ["Wagner", "Wagner Group", "PMC Wagner"],
    "iran": ["Iran", "Tehran"],
    "anti-isis-coalition": ["CJTF-OIR", "anti-ISIS coalition", "US-led coalition",
                            "U.S.-led coalition", "international coalition"],
    "united-states": ["United States", "US", "U.S.", "USA"],
    "us-military": ["US military", "U.S. military", "Pentagon"],
    "cia": ["CIA"],
    "turkey": ["Turkey", "Ankara"],
    "turkish-armed-forces": ["TSK", "Turkish Armed Forces"],
    "syrian-national-army": ["Euphrates Shield", "Turkish-backed rebels", "Syrian National Army"],
    "israel": ["Israel"],
    "idf": ["IDF", "Israel Defense Forces", "Israel Defence Forces"],
    "iraqi-security-forces": ["Iraqi security forces", "Iraqi forces", "ISF"],
    "iraqi-army": ["Iraqi army"],
    "iraqi-federal-police": ["Federal Police", "Iraqi federal police"],
    "syrian-government": ["Syrian government", "Syrian regime", "Assad regime", "the regime",
                          "pro-regime forces", "government forces", "regime forces", "loyalists"],
    "al-qaeda": ["al-Qaeda", "al-Qaida", "Al Qaeda"],
    "jund-al-aqsa": ["Jund al-Aqsa"],
    "khalid-ibn-al-walid-army": ["Khalid ibn al-Walid Army", "Jaysh Khalid ibn al-Walid"],
    "sohr": ["SOHR", "Syrian Observatory for Human Rights", "the Syrian Observatory"],
    "white-helmets": ["White Helmets", "Syria Civil Defence"],
    "united-nations": ["UN", "U.N.", "United Nations"],
    "generic-rebels": ["rebels", "the opposition", "opposition fighters", "insurgents"],
    "generic-jihadists": ["jihadists"],
    "generic-militants": ["militants"],
    "generic-shia-militias": ["Shi'a militias", "Shia militias", "Iran-backed militias",
                              "Iranian-built militias", "pro-regime militias"],
    "generic-kurdish-forces": ["Kurdish forces"],
    "generic-civilians": ["civilians"],
    "amaq": ["Amaq"],
    "reuters": ["Reuters"],
    "afp": ["AFP"],
    "syrian-state-media": ["State TV", "Syrian state TV"],
}


@pytest.mark.parametrize(
    ("actor_id", "alias"), [(k, a) for k, aliases in FAMILIES.items() for a in aliases]
)
def test_alias_families(registry: ActorRegistry, actor_id: str, alias: str) -> None:
    actor = registry.match(alias)
    assert actor is not None, alias
    assert actor.id == actor_id


def test_media_are_known_with_kind_media(registry: ActorRegistry) -> None:
    for name in ("AFP", "Reuters", "State TV", "Amaq"):
        actor = registry.match(name)
        assert actor is not None and actor.kind == "media", name


def test_generic_descriptors(registry: ActorRegistry) -> None:
    for name, camp in [("rebels", "opposition"), ("civilians", "civilians"),
                       ("Kurdish forces", "kurdish"), ("Iranian-built militias", "regime")]:
        actor = registry.match(name)
        assert actor is not None and actor.generic and actor.camp == camp, name
    civilians = registry.match("civilians")
    assert civilians is not None and civilians.kind == "civilians" and civilians.acled_inter == 7


def test_short_acronyms_are_case_sensitive(registry: ActorRegistry) -> None:
    assert registry.match("is") is None
    assert registry.match("us") is None
    assert registry.match("who") is None
    assert registry.match("IS") is not None
    assert registry.match("Isis") is not None


def test_normalisation() -> None:
    assert normalise_name("Da\u2019esh") == normalise_name("Daesh") == "daesh"
    assert normalise_name("al-Hashd ash-Sha\u2019abi") == normalise_name("Al Hashd al-Shaabi")
    assert normalise_name("The Popular Mobilisation Forces") == "popular mobilization force"
    assert normalise_name("M\u00e9decins Sans Fronti\u00e8res") == "medecins sans frontieres"
    assert normalise_name("U.S.") == normalise_name("US")


def test_possessive_and_year(registry: ActorRegistry) -> None:
    actor = registry.match("ISIS\u2019s")
    assert actor is not None and actor.id == "isis"
    assert registry.get("hts") is not None and registry.get("hts").valid_from == 2017  # type: ignore[union-attr]
    nusra = registry.match("Jabhat Fateh al-Sham", year=2016)
    assert nusra is not None and nusra.id == "nusra-front"


def test_year_picks_the_actor_a_shared_name_meant(tmp_path: Path) -> None:
    path = tmp_path / "years.yaml"
    path.write_text(
        "actors:\n"
        "- {id: old-brigade, name: Old Brigade, kind: militia, camp: other, valid_to: 2014,\n"
        "   aliases: [{alias: Lions Brigade, valid_to: 2014}]}\n"
        "- {id: new-brigade, name: New Brigade, kind: militia, camp: other, valid_from: 2016,\n"
        "   aliases: [{alias: Lions Brigade, valid_from: 2016}]}\n",
        encoding="utf-8",
    )
    reg = ActorRegistry.load([path])
    assert reg.match("Lions Brigade", year=2013).id == "old-brigade"  # type: ignore[union-attr]
    assert reg.match("Lions Brigade", year=2018).id == "new-brigade"  # type: ignore[union-attr]


def test_hierarchy_and_refs(registry: ActorRegistry) -> None:
    assert registry.ancestors("kataib-hezbollah") == ["popular-mobilization-forces", "iraq"]
    assert registry.ancestors("quds-force") == ["irgc", "iran"]
    assert registry.camp_of("tiger-forces") == "regime"
    assert registry.camp_of("unknown-id") is None
    actor = registry.get("isis")
    assert actor is not None
    ref = registry.to_ref(actor, "Da\u2019esh")
    assert ref == ActorRef(name="Islamic State", id="isis", text="Da\u2019esh", camp="isis")


def test_demonyms(registry: ActorRegistry) -> None:
    expected = {"Russian": "russia", "Syrian": "syrian-government", "Iraqi": "iraqi-security-forces",
                "Turkish": "turkey", "American": "united-states", "US": "united-states",
                "U.S.": "united-states", "Kurdish": "generic-kurdish-forces", "Iranian": "iran"}
    for word, actor_id in expected.items():
        actor = registry.demonym(word)
        assert actor is not None and actor.id == actor_id, word


# ----------------------------------------------------------------------------- patterns


def test_patterns_follow_the_tokenizer(registry: ActorRegistry) -> None:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for item in registry.patterns(nlp.tokenizer):
        assert item["label"] in ("ORG", "GPE", "NORP")
        matcher.add(item["id"], [item["pattern"]])
    cases = {
        "Da\u2019esh": "isis", "Kata\u2019ib Hezbollah": "kataib-hezbollah",
        "al-Hashd ash-Sha\u2019abi": "popular-mobilization-forces",
        "U.S.-led coalition": "anti-isis-coalition", "Iranian-built militias": "generic-shia-militias",
        "YPG": "ypg", "Hashd al-Sha'abi": "popular-mobilization-forces",
        "Jabhat an-Nusra": "nusra-front", "National Defense Force": "national-defence-forces",
    }
    for text, actor_id in cases.items():
        doc = nlp(f"Fighters of {text} advanced.")
        found = {nlp.vocab.strings[m] for m, s, e in matcher(doc) if doc[s:e].text == text}
        assert actor_id in found, text
    doc = nlp("What is left of the city is rubble.")
    assert not [m for m in matcher(doc) if nlp.vocab.strings[m[0]] == "isis"]


# ----------------------------------------------------------------------------- user files


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - id: liwa-al-example\n"
        "    name: Liwa al-Example\n"
        "    aliases: [Example Brigade]\n"
        "    kind: militia\n"
        "    parent: syrian-government\n"
        "    acled_inter: 3\n"
        "  - id: sohr\n"
        "    name: SOHR monitor\n"
        "    aliases: [Observatory monitor]\n"
        "    camp: opposition\n",
        encoding="utf-8",
    )
    reg = ActorRegistry.load([path])
    added = reg.match("Liwa al-Example")
    assert added is not None and added.id == "liwa-al-example"
    assert reg.match("example brigade") is added
    assert added.camp == "regime"  # inherited from the parent
    assert reg.ancestors("liwa-al-example") == ["syrian-government"]
    sohr = reg.get("sohr")
    assert sohr is not None
    assert sohr.name == "SOHR monitor" and sohr.camp == "opposition"
    assert sohr.kind == "organisation"  # kept from the packaged entry
    assert reg.match("Syrian Observatory for Human Rights") is sohr  # packaged aliases kept
    assert reg.match("Observatory monitor") is sohr


def test_user_files_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = tmp_path / "one.yaml"
    two = tmp_path / "two.yaml"
    one.write_text("- {id: alpha-group, name: Alpha Group, kind: militia, camp: other}\n",
                   encoding="utf-8")
    two.write_text("- {id: alpha-group, name: Alpha Group, camp: isis, aliases: [Alpha]}\n",
                   encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, f"{one}{__import__('os').pathsep}{two}")
    reg = ActorRegistry.load()
    actor = reg.match("Alpha")
    assert actor is not None and actor.camp == "isis" and actor.kind == "militia"
    cached = get_registry()
    assert cached.get("alpha-group") is not None
    assert get_registry() is cached
    monkeypatch.delenv(ENV_VAR)
    assert get_registry().get("alpha-group") is None


BAD_ENTRIES = {
    "unknown field": "- {id: x-group, name: X, camp: other, colour: red}\n",
    "missing or malformed id": "- {name: X, camp: other}\n",
    "missing name": "- {id: x-group, camp: other}\n",
    "unknown camp": "- {id: x-group, name: X, camp: martians}\n",
    "unknown actor id": "- {id: x-group, name: X, camp: other, parent: no-such-actor}\n",
    "already names": "- {id: x-group, name: X, camp: other, aliases: [Nusra Front]}\n",
    "unknown kind": "- {id: x-group, name: X, camp: other, kind: army}\n",
    "acled_inter": "- {id: x-group, name: X, camp: other, acled_inter: 9}\n",
    "needs a camp": "- {id: x-group, name: X}\n",
}


@pytest.mark.parametrize("message", sorted(BAD_ENTRIES))
def test_bad_entries_raise_with_file_and_entry(tmp_path: Path, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_ENTRIES[message], encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        ActorRegistry.load([path])
    text = str(info.value)
    assert message in text
    assert str(path) in text
    assert info.value.code == "FL301"
    if message not in ("missing or malformed id",):
        assert "x-group" in text


def test_generic_descriptor_may_share_an_alias(tmp_path: Path) -> None:
    path = tmp_path / "generic.yaml"
    path.write_text(
        "- {id: generic-fighters, name: fighters, generic: true, camp: other, aliases: [ISIS]}\n",
        encoding="utf-8",
    )
    reg = ActorRegistry.load([path])
    assert reg.match("ISIS").id == "isis"  # type: ignore[union-attr]


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not found"):
        ActorRegistry.load([tmp_path / "absent.yaml"])
    broken = tmp_path / "broken.yaml"
    broken.write_text("actors: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="cannot read"):
        ActorRegistry.load([broken])
