"""The ``frontlines_actors`` component on a blank pipeline and on the real model."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from frontlines.knowledge.actors import get_registry
from frontlines.nlp.actors import YEAR_KEY, provisional_actors


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("frontlines_actors")
    return pipeline


def mentions(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span.kb_id_) for span in doc.spans["actors"]]


CASES = [
    (
        "Loyalist Syrian troops, supported by Russian warplanes, drove ISIS out of the oil field.",
        [("Loyalist Syrian troops", "syrian-government"), ("Russian warplanes", "russia"),
         ("ISIS", "isis")],
    ),
    (
        "The Kurdish YPG-led Syrian Democratic Forces said they repelled an assault by Da\u2019esh.",
        [("Kurdish YPG-led Syrian Democratic Forces", "sdf"), ("Da\u2019esh", "isis")],
    ),
    (
        "Turkish-backed rebels and U.S.-led coalition aircraft hit targets near the dam.",
        [("Turkish-backed rebels", "syrian-national-army"),
         ("U.S.-led coalition aircraft", "anti-isis-coalition")],
    ),
    (
        "Iraqi forces and al-Hashd ash-Sha\u2019abi fighters were joined by Kata\u2019ib Hezbollah.",
        [("Iraqi forces", "iraqi-security-forces"),
         ("al-Hashd ash-Sha\u2019abi fighters", "popular-mobilization-forces"),
         ("Kata\u2019ib Hezbollah", "kataib-hezbollah")],
    ),
    (
        "Regime troops and Iranian-built militias pushed against Jabhat a-Nusra positions.",
        [("Regime troops", "syrian-government"), ("Iranian-built militias", "generic-shia-militias"),
         ("Jabhat a-Nusra", "nusra-front")],
    ),
    (
        "Syrian government forces fought Syrian rebels while Iraqi government forces watched.",
        [("Syrian government forces", "syrian-government"), ("Syrian rebels", "generic-rebels"),
         ("Iraqi government forces", "iraqi-security-forces")],
    ),
    (
        "Syrian Kurdish fighters and American special forces held the airstrip.",
        [("Syrian Kurdish fighters", "generic-kurdish-forces"),
         ("American special forces", "united-states")],
    ),
    (
        "Hezbollah fighters and the NDF fought the Golden Division's former foes, the SAA said.",
        [("Hezbollah fighters", "hezbollah"), ("NDF", "national-defence-forces"),
         ("Golden Division", "iraqi-cts"), ("SAA", "syrian-arab-army")],
    ),
    (
        "Pro-government forces and Islamist rebels traded fire; six civilians died.",
        [("Pro-government forces", "syrian-government"), ("Islamist rebels", "generic-islamist-rebels"),
         ("civilians", "generic-civilians")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_mentions(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(nlp, text) == expected


def test_common_words_are_not_acronyms(nlp: Language) -> None:
    assert mentions(nlp, "It is not clear who told us what the plan is.") == []


def test_spans_become_entities(nlp: Language) -> None:
    doc = nlp("Russian jets struck Idlib as Turkey and the Islamic State traded accusations.")
    ents = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert ("Russian jets", "NORP", "russia") in ents
    assert ("Turkey", "GPE", "turkey") in ents
    assert ("Islamic State", "ORG", "isis") in ents
    assert all(isinstance(s, Span) for s in doc.spans["actors"])


def test_existing_entities_are_kept_when_they_do_not_overlap(nlp: Language) -> None:
    doc = nlp.make_doc("Acme Legion fought ISIS near the river.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    doc = nlp.get_pipe("frontlines_actors")(doc)
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Acme Legion", ""), ("ISIS", "isis")]


def test_year_in_user_data_is_passed_on(nlp: Language) -> None:
    doc = nlp.make_doc("JFS fighters withdrew.")
    doc.user_data[YEAR_KEY] = 2016
    doc = nlp.get_pipe("frontlines_actors")(doc)
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]] == [("JFS fighters", "nusra-front")]


def test_config_spans_key_and_ents_switch() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("frontlines_actors", config={"spans_key": "who", "set_ents": False})
    doc = pipeline("Hezbollah and the IRGC sent reinforcements.")
    assert [s.kb_id_ for s in doc.spans["who"]] == ["hezbollah", "irgc"]
    assert list(doc.ents) == []


def test_provisional_actors(nlp: Language) -> None:
    doc = nlp.make_doc("The Acme Legion, AFP and Reuters reported clashes with the Hamza Division.")
    doc = nlp.get_pipe("frontlines_actors")(doc)
    doc.ents = list(doc.ents) + [Span(doc, 0, 3, label="ORG")]
    assert provisional_actors(doc, get_registry()) == ["Acme Legion"]


@pytest.mark.slow
def test_with_the_real_model() -> None:
    from frontlines.settings import model_name

    try:
        pipeline = spacy.load(model_name())
    except OSError:
        pytest.skip("spaCy model not installed")
    pipeline.add_pipe("frontlines_actors", before="ner")
    assert pipeline.pipe_names.index("frontlines_actors") < pipeline.pipe_names.index("ner")
    doc = pipeline(
        "Pro-regime Syrian forces pushed ISIS out of the gas field on Tuesday with the help of "
        "Russian air strikes, while the Free Syrian Army said the Acme Martyrs Brigade had "
        "withdrawn."
    )
    found = [(s.text, s.kb_id_) for s in doc.spans["actors"]]
    assert ("Pro-regime Syrian forces", "syrian-government") in found
    assert ("Russian air strikes", "russia") in found
    assert ("ISIS", "isis") in found
    assert ("Free Syrian Army", "free-syrian-army") in found
    ents = {e.text: e.kb_id_ for e in doc.ents}
    assert ents["ISIS"] == "isis"
    assert any(e.label_ == "DATE" for e in doc.ents)  # the NER still labels the rest
    assert all(p not in {"ISIS", "Free Syrian Army"} for p in provisional_actors(doc))
