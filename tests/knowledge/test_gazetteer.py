"""The gazetteer: supplement schema, lookups, disambiguation and the variant gold file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from frontlines.errors import KnowledgeError
from frontlines.knowledge.gazetteer import Gazetteer, get_gazetteer, split_qualifier
from frontlines.knowledge.gazetteer_build import load_supplement, supplement_path

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "place_variants.tsv"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_supplement_schema() -> None:
    supp = load_supplement()
    assert len(supp.places) >= 40
    admin_names = set(supp.admin1_names.values())
    for place in supp.places:
        assert place.admin1 in admin_names, place.id
        assert place.precision in (1, 2, 3)
    for code in supp.admin1_names:
        assert code[:2] in ("SY", "IQ") and code[2] == "."
    assert {"gen", "bel", "march", "may"} <= supp.stop_words


def test_supplement_errors_have_a_code(tmp_path: Path) -> None:
    data = yaml.safe_load(supplement_path().read_text(encoding="utf-8"))
    data["places"][0]["precision"] = 7
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_supplement(bad)
    assert err.value.code == "FL301"


@pytest.mark.parametrize(
    "name",
    ["Deir e-Zor", "Deir Ezzor", "Deir el-Zour", "Dayr az Zawr", "Der-Ezzor"],
)
def test_deir_ez_zor_variants(gaz: Gazetteer, name: str) -> None:
    loc = gaz.resolve(name, countries=["SY"])
    assert loc is not None and loc.id == "geonames:170794" and loc.precision == 1
    assert loc.text == name and loc.admin1 == "Deir ez-Zor" and loc.country == "SY"


@pytest.mark.parametrize(
    ("names", "admin1"),
    [
        (["al-Bukamal", "Abu Kamal", "Albu Kamal"], "Deir ez-Zor"),
        (["Mayadeen", "al-Mayadin"], "Deir ez-Zor"),
        (["Qaryatayn", "al-Qaryatain"], "Homs"),
        (["Sukhna", "as-Sukhnah"], "Homs"),
        (["Palmyra", "Tadmur", "Tadmor"], "Homs"),
    ],
)
def test_variant_groups_meet(gaz: Gazetteer, names: list[str], admin1: str) -> None:
    found = [gaz.resolve(n, countries=["SY"]) for n in names]
    assert all(loc is not None and loc.admin1 == admin1 for loc in found)
    assert len({loc.id for loc in found if loc}) == 1


def test_countryside_means_the_governorate(gaz: Gazetteer) -> None:
    city = gaz.resolve("Aleppo", countries=["SY"])
    assert city is not None and city.precision == 1
    for text in ("Aleppo countryside", "rural Aleppo", "Aleppo province", "Aleppo governorate",
                 "the northern countryside of Aleppo"):
        loc = gaz.resolve(text, countries=["SY"])
        assert loc is not None and loc.feature in ("ADM1", "region"), text
        assert loc.admin1 == "Aleppo" and loc.precision >= 2 and loc.id != city.id


def test_governorates_and_countries(gaz: Gazetteer) -> None:
    for name, admin1 in [("Anbar", "Anbar"), ("Diyala", "Diyala"), ("Nineveh", "Ninawa"),
                         ("Salahuddin", "Salahuddin"), ("Rif Dimashq", "Rif Dimashq")]:
        loc = gaz.resolve(name, countries=["IQ", "SY"])
        assert loc is not None and loc.feature == "ADM1" and loc.admin1 == admin1, name
    syria = gaz.resolve("Syria")
    assert syria is not None and syria.country == "SY" and syria.precision == 3


def test_supplement_places(gaz: Gazetteer) -> None:
    loc = gaz.resolve("Kuweires airbase", countries=["SY"])
    assert loc is not None and loc.id == "supp:kweiris-air-base" and loc.admin1 == "Aleppo"
    ghouta = gaz.resolve("Eastern Ghouta", countries=["SY"])
    assert ghouta is not None and ghouta.admin1 == "Rif Dimashq"


def test_context_changes_the_answer(gaz: Gazetteer) -> None:
    sy = gaz.resolve("Sinjar", countries=["SY"])
    iq = gaz.resolve("Sinjar", countries=["IQ"])
    assert sy is not None and iq is not None and sy.country == "SY" and iq.country == "IQ"


def test_lookup_lists_candidates_and_unknown_is_none(gaz: Gazetteer) -> None:
    assert len(gaz.lookup("Tripoli")) >= 2
    assert gaz.lookup("Xqzzyvillexx") == []
    assert gaz.resolve("Xqzzyvillexx") is None


def test_split_qualifier() -> None:
    assert split_qualifier("southern Idlib countryside") == ("idlib", "admin")
    assert split_qualifier("countryside of Hama") == ("hama", "admin")
    assert split_qualifier("outskirts of Homs") == ("homs", "near")
    assert split_qualifier("Homs")[1] == ""


def test_missing_index_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError):
        Gazetteer.load(tmp_path / "none.sqlite")


def test_variant_gold_file(gaz: Gazetteer) -> None:
    with VARIANTS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 300
    ok = sum(
        1 for r in rows
        if (loc := gaz.resolve(r["variant"], countries=("SY", "IQ"))) and loc.id == r["expected_id"]
    )
    assert ok / len(rows) >= 0.97  # measured 0.988 (see benchmarks/places.py)


@pytest.mark.parametrize(("word", "wrong"), [("No", "Karbala"), ("Ten", "Tenno"), ("Three", "Al-Tabqa")])
def test_alternate_names_that_are_english_words_never_match(gaz: Gazetteer, word: str, wrong: str) -> None:
    assert all(c.name != wrong for c in gaz.candidates(word))
    loc = gaz.resolve(word, countries=["SY", "IQ"])
    assert loc is None or loc.name != wrong


def test_alternate_names_with_digits_are_not_indexed(gaz: Gazetteer) -> None:
    assert gaz.candidates("7th") == [] and gaz.candidates("10th") == []
    assert gaz.resolve("T4", countries=["SY"]) is not None  # curated names keep their digits


def test_a_shared_skeleton_is_not_a_spelling_variant(gaz: Gazetteer) -> None:
    mayadin = gaz.resolve("al-Mayadin", countries=["SY"])
    assert mayadin is not None
    for name in ("Mayadeen", "Al Mayadeen"):
        loc = gaz.resolve(name, countries=["SY"])
        assert loc is not None and loc.id == mayadin.id
    # "Midan" has Mayadin's consonants but is another name.
    midan = gaz.resolve("al-Midan", countries=["SY"])
    assert midan is None or midan.id != mayadin.id
    variants = [c for c in gaz.candidates("Shahid") if not c.exact]
    assert all(c.similarity >= 0.75 for c in variants)
    assert "Ash Shaddādah" not in {c.name for c in variants}


def test_spelling_variants_stay_in_the_region_or_an_exact_match_country(gaz: Gazetteer) -> None:
    for name in ("Sunnis", "Legion", "Bostan", "Menbej"):
        cands = gaz.candidates(name)
        exact_ccs = {c.country for c in cands if c.exact}
        assert all(c.exact or c.safe >= 2 or c.country in exact_ccs for c in cands), name


def test_an_alternate_name_abroad_is_no_evidence(gaz: Gazetteer) -> None:
    # "Bostan" is an alternate name of Boston; "Rahman" of a hamlet in Iran.
    bostan = gaz.resolve("Bostan", countries=["SY"])
    assert bostan is None or bostan.country != "US"
    # A Syrian village of that name may be meant; the Iranian hamlet never is. (In running
    # text, "Rami Abdel Rahman" is a person: see tests/nlp/test_villages.py.)
    rahman = gaz.resolve("Rahman", countries=["SY"])
    assert rahman is None or rahman.country == "SY"
    boston = gaz.resolve("Boston", countries=["SY"])
    assert boston is not None and boston.country == "US"


def test_candidates_say_how_they_matched(gaz: Gazetteer) -> None:
    exact = gaz.candidates("Aleppo")
    assert exact and all(c.similarity == 1.0 for c in exact if c.exact)
    assert any(c.exact and c.origin == 2 for c in exact)
    variants = [c for c in gaz.candidates("Menbej") if not c.exact]
    assert variants and all(0.75 <= c.similarity < 1.0 or c.similarity == 1.0 for c in variants)


def _dump_line(gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str, fcode: str,
               admin1: str) -> str:
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "SY", "", admin1,
            "", "", "", "0", "", "400", "Asia/Damascus", "2024-01-01"]
    return "\t".join(cols)


def test_a_users_geonames_dump_adds_villages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from frontlines.knowledge.gazetteer_build import build_index, default_index_path

    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join([
        _dump_line(900000001, "Dabiq", "Dabeq,Dabik", 36.5386, 37.2697, "P", "PPL", "09"),
        _dump_line(900000002, "Jabal Example", "", 35.0, 37.0, "T", "MT", "10"),
    ]) + "\n", encoding="utf-8")
    plain = default_index_path(tmp_path, [])
    monkeypatch.setenv("FRONTLINES_GEONAMES", str(dump))
    path = default_index_path(tmp_path)
    assert path != plain  # the dump names its own index
    # Without the packaged village list, which takes a minute to index.
    gaz = Gazetteer.load(build_index(path, villages=tmp_path / "no-villages.tsv.gz"))
    try:
        loc = gaz.resolve("Dabeq", countries=["SY"])
        assert loc is not None and loc.id == "geonames:900000001" and loc.admin1 == "Aleppo"
        assert gaz.resolve("Jabal Example", countries=["SY"]) is None  # mountains are not read
        assert gaz.resolve("Aleppo", countries=["SY"]) is not None  # the packaged data is kept
    finally:
        gaz.close()


def test_a_malformed_dump_line_names_the_file_and_line(tmp_path: Path) -> None:
    from frontlines.knowledge.gazetteer_build import dump_rows

    dump = tmp_path / "bad.txt"
    dump.write_text(_dump_line(1, "Dabiq", "", 36.5, 37.2, "P", "PPL", "09") + "\nDabiq\t36.5\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.txt:2"):
        dump_rows(dump, {}, frozenset(), set())


def test_a_capital_beats_a_village_of_the_documents_countries(gaz: Gazetteer) -> None:
    loc = gaz.resolve("Riyadh", countries=["SY", "IQ"])
    assert loc is not None and loc.country == "SA"


def test_the_village_list_is_read_and_its_errors_named(tmp_path: Path) -> None:
    import gzip

    from frontlines.errors import KnowledgeError
    from frontlines.knowledge.gazetteer_build import VILLAGE, village_rows

    good = tmp_path / "villages.tsv.gz"
    with gzip.open(good, "wt", encoding="utf-8") as fh:
        fh.write("id\tname\tlat\tlon\tadmin1\tcountry\tfeature\tvariants\n")
        fh.write("wof:1\tQaryat Example\t35.1\t36.7\tHamah\tSY\tPPL\tQariyat Example\n")
    admin = _FakeAdmin("Hama", "SY", {"Hamah", "Hama"})
    [row] = village_rows(good, {"SY.10": admin}, frozenset(), {})  # type: ignore[dict-item]
    assert (row.name, row.admin1, row.cc, row.feature, row.safe) == ("Qaryat Example", "Hama", "SY", VILLAGE, 0)
    assert "Qariyat Example" in row.alternates
    bad = tmp_path / "bad.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write("id\tname\tlat\tlon\tadmin1\tcountry\tfeature\tvariants\nwof:2\tOnly a name\n")
    with pytest.raises(KnowledgeError, match="bad.tsv.gz:2"):
        village_rows(bad, {}, frozenset(), {})


class _FakeAdmin:
    """An admin1 row as the build holds it: its English name and every name it goes by."""

    def __init__(self, name: str, cc: str, names: set[str]) -> None:
        self.name, self.cc, self.names, self.alternates = name, cc, names, set()
