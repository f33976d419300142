"""Page furniture on constructed pages, and its effect on the seed articles."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from ingest_helpers import read

from frontlines.ingest import furniture_spans

PARA1 = (
    "Government forces shelled the eastern districts of the city on Monday, killing at "
    "least nine civilians, according to a local monitoring group that tracks casualties."
)
PARA2 = (
    "The offensive, which began two weeks ago, has displaced thousands of families "
    "towards the Turkish border, aid workers said, warning that camps were already full."
)
PARA3 = (
    "Rebel commanders said they had repelled several attempts to advance on the southern "
    "front, but acknowledged losing two villages to the north of the main road."
)


def _marked(text: str) -> str:
    """The furniture of ``text``, one span per line."""
    return "\n".join(text[s:e] for s, e in furniture_spans(text))


def _kept(text: str) -> str:
    spans = furniture_spans(text)
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


def test_plain_article_has_no_furniture() -> None:
    text = f"A headline about the war\n\n{PARA1}\n\n{PARA2}\n\n{PARA3}"
    assert furniture_spans(text) == []


def test_signup_box_with_its_headings_is_one_block() -> None:
    box = (
        "Never Miss A Story From The Courier!\n\nMorning Briefing\n\nThe five things to know "
        "before breakfast.\n\nWeekend Long Read\n\nEnter your email to sign up\n"
        "By signing up, you agree to our Terms of Service and Privacy Policy\nSuccess!\n"
        "You have been subscribed. We will never sell your address."
    )
    text = f"{PARA1}\n\n{box}\n\n{PARA2}\n\n{PARA3}"
    spans = furniture_spans(text)
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]] == box
    assert _kept(text).split() == f"{PARA1} {PARA2} {PARA3}".split()


def test_newsletter_mentioned_in_article_prose_is_kept() -> None:
    line = "The claim was carried by the group's weekly al-Naba newsletter."
    text = f"{PARA1}\n\n{line}\n\n{PARA2}"
    assert furniture_spans(text) == []


def test_share_and_comment_widgets() -> None:
    text = f"Share on Facebook\nShare on Twitter\nEmail\n\n{PARA1}\n\n{PARA2}\n\n12 Comments\n\n{PARA3}"
    assert _marked(text) == "Share on Facebook\nShare on Twitter\nEmail\n12 Comments"
    assert PARA1 in _kept(text) and PARA3 in _kept(text)


def test_cookie_notice() -> None:
    notice = "We use cookies to improve your experience. By continuing to browse you accept."
    text = f"{notice}\n\n{PARA1}\n\n{PARA2}"
    assert _marked(text) == notice


def test_photo_captions_and_credits() -> None:
    caption = "Smoke rises over the old city after an air strike. Source: Local Media Centre."
    credit = "Photo: AFP/John Doe"
    text = f"{PARA1}\n\n{caption}\n\n{PARA2}\n\n{credit}\n\n{PARA3}"
    assert _marked(text).split("\n") == [caption, credit]


def test_author_bios_at_the_end() -> None:
    bio1 = "Jane Q. Example is a senior fellow at the Centre for Conflict Studies."
    bio2 = (
        "John al-Sample is an independent journalist and analyst. He has reported from "
        "Syria and Iraq since 2012."
    )
    follow = "Follow him on Twitter @jsample."
    text = f"{PARA1}\n\n{PARA2}\n\n{PARA3}\n\n{bio1}\n\n{bio2}\n{follow}\n"
    assert _marked(text) == f"{bio1}\n\n{bio2}\n{follow}"


def test_bio_sentence_inside_the_article_is_kept() -> None:
    quote = "Ahmad Hassan is a research fellow at a think tank in Beirut, who said the attack was expected."
    text = f"{PARA1}\n\n{quote}\n\n{PARA2}\n\n{PARA3}"
    assert furniture_spans(text) == []


def test_list_marker_in_the_tail_takes_the_rest_of_the_page() -> None:
    unrelated = (
        "In other news, a city council voted on a new parking plan on Tuesday after a long "
        "debate that ran past midnight and ended with a narrow majority."
    )
    tail = f"Related Articles\nFirst headline here\nSecond headline here\n\n{unrelated}"
    text = f"{PARA1}\n\n{PARA2}\n\n{PARA3}\n\n{tail}"
    (span,) = furniture_spans(text)
    assert text[span[0] : span[1]] == tail
    assert _kept(text).strip() == f"{PARA1}\n\n{PARA2}\n\n{PARA3}"


def test_list_marker_early_takes_only_its_list() -> None:
    listing = "Read more:\nTruce talks stall in Geneva\nAid reaches besieged town"
    text = f"{PARA1}\n\n{listing}\n\n{PARA2}\n\n{PARA3}\n\n{PARA1}"
    assert _marked(text) == listing


def test_inline_read_more_link() -> None:
    link = "READ MORE: Truce talks stall in Geneva"
    text = f"{PARA1}\n\n{link}\n\n{PARA2}\n\n{PARA3}"
    assert _marked(text) == link


def test_spans_are_sorted_disjoint_and_within_text() -> None:
    text = (
        f"Subscribe\n{PARA1}\nShare\n{PARA2}\nPhoto: Reuters\n{PARA3}\n"
        "See more from this Author\nOne\nTwo"
    )
    spans = furniture_spans(text)
    assert spans == sorted(spans)
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 < s2
    assert all(0 <= s < e <= len(text) for s, e in spans)


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present")
def test_seed_articles() -> None:
    docs, errors = read(SEEDS)
    assert errors == []
    total = sum(len(d.text) for d in docs)
    furniture = 0
    for doc in docs:
        spans = furniture_spans(doc.text)
        furniture += sum(e - s for s, e in spans)
        kept = _kept(doc.text)
        assert doc.text.split("\n", 1)[0] in kept  # the headline is never furniture
        for marker in ("In Your Inbox", "you agree", "You are now subscribed",
                       "See more on this Topic", "is a research fellow at",
                       "Source: Amaq News Agency", "August 16, 2024"):
            assert marker not in kept, (doc.title, marker)
    # The furniture is a small part of the seed text.
    assert furniture / total < 0.06


def test_early_list_stops_at_prose() -> None:
    prose = "Officials said the convoy reached the town late on Tuesday after a two-day delay."
    text = f"{PARA1}\n\nRelated\nTruce talks stall in Geneva\n{prose}\n\n{PARA2}\n\n{PARA3}\n\n{PARA1}"
    assert _marked(text) == "Related\nTruce talks stall in Geneva"
