"""The whole text pipeline on random Unicode: it never raises and always ends.

``frontlines.pipeline.extract`` runs with the real extractor (loaded once per session) on
generated text: Arabic and other right-to-left scripts, bidirectional controls,
zero-width characters, NUL and other control characters, combining marks, emoji, very
long lines, and conflict sentences with all of these mixed in. Each input must give an
:class:`~frontlines.models.Extraction` whose evidence points into the text. A hang is
caught by an alarm (a bound on the time, not a measure of speed); the number of inputs
tried and the slowest one are printed at the end of the run.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontlines.models import Extraction
from frontlines.pipeline import extract

from .conftest import FIGURES

if TYPE_CHECKING:
    from frontlines.nlp.extract import Extractor

pytestmark = pytest.mark.slow

#: No input may take longer than this (seconds) before the test fails as a hang.
HANG_LIMIT = 120
TRIED = {"inputs": 0, "events": 0, "chars": 0}
SLOWEST: list[tuple[float, int, str]] = [(0.0, 0, "")]  # seconds, length, start

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
HEBREW = st.characters(min_codepoint=0x0590, max_codepoint=0x05FF)
INVISIBLE = st.sampled_from([
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
    "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad",
    "\u2028", "\u2029", "\u0000", "\u0007", "\u001b", "\r", "\t", "\x85", "\u0301",
])
ANY = st.characters(exclude_categories=("Cs",))
SENTENCES = st.sampled_from([
    "Syrian government forces shelled Rastan in Homs province on Monday, killing five "
    "civilians.",
    "Islamic State fighters seized Palmyra on Wednesday after clashes with the army.",
    "Russian air strikes on Maarat al-Numan killed 12 people, the Observatory said.",
    "قصفت قوات النظام مدينة حلب يوم الاثنين مما أسفر عن مقتل خمسة مدنيين",
    "Rebels took control of the town of Saraqeb in Idlib on 8 February 2020.",
    "A car bomb exploded in Azaz near the Turkish border, killing at least 40 people.",
])


def _mix(sentence: str, noise: list[str], every: int) -> str:
    """``sentence`` with ``noise`` characters put in after every ``every`` characters."""
    if not noise:
        return sentence
    out = []
    for i, ch in enumerate(sentence):
        out.append(ch)
        if i % every == every - 1:
            out.append(noise[i % len(noise)])
    return "".join(out)


TEXTS = st.one_of(
    st.text(ANY, max_size=400),
    st.text(st.one_of(ARABIC, HEBREW, INVISIBLE, st.just(" ")), max_size=600),
    st.builds(_mix, SENTENCES, st.lists(INVISIBLE, max_size=6), st.integers(1, 12)),
    st.builds(lambda s, n, sep: sep.join([s] * n), SENTENCES, st.integers(1, 150),
              st.sampled_from([" ", "", "\u200b", "\x00", "\u202e"])),  # very long lines
    st.builds(lambda a, s, b: f"{a}\n{s}\n{b}", st.text(ANY, max_size=200), SENTENCES,
              st.text(st.one_of(ARABIC, INVISIBLE), max_size=200)),
    st.builds(lambda c, n: c * n, st.sampled_from(["\x00", "\u200b", "\n", ".", "ـ", "!?"]),
              st.integers(1, 30_000)),
)


class Hang(Exception):
    pass


@contextmanager
def time_bound(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"extract() ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=60, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
@example(text="x" * 100_000)  # one 100,000-character word
@example(text="\x00" * 50_000)
@example(text=("قتل خمسة مدنيين في قصف على حلب " * 2_000).strip())  # 60,000 characters of Arabic
@example(text="Shelling hit Homs, " * 3_000 + "killing 5.")  # one 57,000-character sentence
@example(text="\u202eShelling hit Homs on Monday, killing five.\u202c\u200b" * 500)
def test_extract_never_raises_on_random_unicode(real_extractor: Extractor, text: str) -> None:
    start = time.monotonic()
    with time_bound(HANG_LIMIT):
        result = extract(text, extractor=real_extractor)
    SLOWEST[0] = max(SLOWEST[0], (time.monotonic() - start, len(text), ascii(text[:24])))
    TRIED["inputs"] += 1
    TRIED["chars"] += len(text)
    TRIED["events"] += len(result.events)
    assert isinstance(result, Extraction)
    body = result.document.text
    for event in result.events:
        assert event.type and event.subtype
        for ev in event.evidence:
            assert 0 <= ev.char_start <= ev.char_end <= len(body), (ev, len(body))


def test_zz_report_inputs_tried() -> None:
    """Records how many generated inputs the property test above tried."""
    if not TRIED["inputs"]:
        pytest.skip("the property test did not run")
    FIGURES.append(
        f"pipeline on random Unicode: {TRIED['inputs']} inputs ({TRIED['chars']} characters, "
        f"{TRIED['events']} events found), none raised; slowest {SLOWEST[0][0]:.1f} s "
        f"({SLOWEST[0][1]} characters starting {SLOWEST[0][2]})"
    )
