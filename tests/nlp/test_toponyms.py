"""Toponym ruler and place resolver on a blank pipeline, and once with the real model."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

import frontlines.nlp.toponyms  # noqa: F401  (registers the factories)
from frontlines.knowledge.gazetteer import get_gazetteer
from frontlines.nlp.toponyms import PLACES_KEY, find_place_spans, resolve_document_places


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("frontlines_toponyms")
    pipeline.add_pipe("frontlines_place_resolver")
    return pipeline


def _places(doc: spacy.tokens.Doc) -> dict[str, str]:
    return {s.text: s._.location.name for s in doc.spans[PLACES_KEY] if s._.location}


def test_finds_and_resolves_places(nlp: Language) -> None:
    doc = nlp("Syrian troops retook Palmyra and Sukhna, and Russian jets struck al-Mayadin and Deir ez-Zor.")
    places = _places(doc)
    assert places["Palmyra"] == "Palmyra"
    assert {"Sukhna", "al-Mayadin", "Deir ez-Zor"} <= set(places)
    assert all(s._.location.country == "SY" for s in doc.spans[PLACES_KEY])
    assert {e.text for e in doc.ents} >= {"Palmyra", "Sukhna"}
    assert all(s.kb_id_ for s in doc.spans[PLACES_KEY])


def test_common_words_and_titles_are_not_places(nlp: Language) -> None:
    doc = nlp("Gen. Hassan said in March that Bel may visit. The man will mark it.")
    assert not doc.spans[PLACES_KEY]


def test_countryside_resolves_to_the_governorate(nlp: Language) -> None:
    doc = nlp("Warplanes bombed the countryside of Idlib and Aleppo countryside.")
    locs = [s._.location for s in doc.spans[PLACES_KEY]]
    assert {loc.feature for loc in locs} == {"ADM1"} and {loc.precision for loc in locs} == {3}


def test_existing_entities_win_but_place_is_kept() -> None:
    pipeline = spacy.blank("en")

    @Language.component("claim_russia_test")
    def claim(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
        doc.ents = [Span(doc, 0, 1, label="ORG")]
        return doc

    pipeline.add_pipe("claim_russia_test")
    pipeline.add_pipe("frontlines_toponyms")
    doc = pipeline("Russia bombed Idlib.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Russia", "ORG"), ("Idlib", "GPE")]
    assert [s.text for s in doc.spans[PLACES_KEY]] == ["Russia", "Idlib"]


def test_unresolved_entity_does_not_remove_others() -> None:
    pipeline = spacy.blank("en")
    doc = pipeline("Clashes in Zzyxqwv and Homs.")
    doc.ents = [Span(doc, 2, 3, label="GPE")]
    doc.spans[PLACES_KEY] = find_place_spans(doc, get_gazetteer())
    pairs = resolve_document_places(doc, get_gazetteer())
    assert [s.text for s, _ in pairs] == ["Homs"]


def test_serialisation_round_trip(nlp: Language, tmp_path: pytest.TempPathFactory) -> None:
    nlp.to_disk(tmp_path)  # type: ignore[arg-type]
    again = spacy.load(tmp_path)  # type: ignore[arg-type]
    assert "Homs" in _places(again("Shelling on Homs."))


@pytest.mark.slow
def test_with_the_real_model() -> None:
    from frontlines.settings import model_name

    pipeline = spacy.load(model_name())
    pipeline.add_pipe("frontlines_toponyms", before="ner")
    pipeline.add_pipe("frontlines_place_resolver")
    doc = pipeline("Government forces recaptured Palmyra while IS fighters fled to Sukhna and Raqqa.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Palmyra"] == "GPE" and labels["Sukhna"] == "GPE"
    assert _places(doc)["Raqqa"] == "Raqqa"


def _ruled(nlp: Language, text: str) -> list[str]:
    return [s.text for s in nlp(text).spans[PLACES_KEY]]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Rockets fell on Bostan al-Qasr and nearby streets.", "Bostan"),
        ("Fighters entered Suleiman al-Halabi overnight.", "Suleiman"),
        ("Fighting spread to Kafr Hamra on Monday.", "Hamra"),
        ("The crossing at Bab al-Salama was closed.", "al-Salama"),
        ("A statement by Jaysh al-Islam denied it.", "al-Islam"),
        ("Hayyaat Tahrir al-Sham detained two men.", "Tahrir"),
        ("The Rahman Corps shelled the road.", "Rahman"),
        ("It was a hit-and-run raid.", "hit"),
    ],
)
def test_a_piece_of_a_longer_name_is_not_a_place(nlp: Language, text: str, absent: str) -> None:
    assert absent not in _ruled(nlp, text)


def test_whole_names_before_their_parts(nlp: Language) -> None:
    doc = nlp("Shells hit Sheikh Maqsoud and the Kuweires airbase.")
    assert _places(doc)["Sheikh Maqsoud"] == "Sheikh Maqsoud"
    # A well-known town keeps its name before a district word.
    doc = nlp("Clashes went on in Daraa al-Balad.")
    assert _places(doc).get("Daraa") == "Daraa"


def test_lists_of_towns_are_still_found(nlp: Language) -> None:
    doc = nlp("Jets struck Raqqa, Tabqa and Manbij, and shells hit Aleppo.")
    assert {"Raqqa", "Tabqa", "Manbij", "Aleppo"} <= set(_places(doc))


def test_later_words_of_a_name_may_be_lower_case(nlp: Language) -> None:
    doc = nlp("US airstrikes killed 23 civilians in Deir ezzor on Thursday.")
    assert [s.text for s in doc.spans[PLACES_KEY]] == ["Deir ezzor"]
    doc = nlp("Rebels in Aleppo on Sunday shelled Homs city.")
    assert [s.text for s in doc.spans[PLACES_KEY]] == ["Aleppo", "Homs"]


def test_a_name_joined_by_an_article_is_one_name(nlp: Language) -> None:
    doc = nlp("The attack on Aqareb es Safi village killed 51 people.")
    assert "Safi" not in [s.text for s in doc.spans[PLACES_KEY]]


def test_places_inside_armed_groups_names_are_not_places(nlp: Language) -> None:
    doc = nlp("Fighters of the Nur al-Din Zanki movement attacked positions of the Yarmouk Brigade in Daraa.")
    assert [s.text for s in doc.spans[PLACES_KEY]] == ["Daraa"]


def test_a_whole_name_made_of_common_words_is_a_place(nlp: Language) -> None:
    doc = nlp("Clashes broke out in Ras al-Ain on Monday.")
    assert [s.text for s in doc.spans[PLACES_KEY]] == ["Ras al-Ain"]
