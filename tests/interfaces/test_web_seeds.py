"""The web app over the real sample corpus, read by the real spaCy model, in Chromium.

Saves the screenshots the README shows (docs/screenshots/seeds-*.png).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.interfaces.api import WEB_DIR, create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)
if not (WEB_DIR / "vendor" / "leaflet.js").exists():
    pytest.skip("web assets are not built (run scripts/build_web.sh)", allow_module_level=True)
if not SEEDS.is_dir():
    pytest.skip(f"sample corpus not found at {SEEDS}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import socket

    import uvicorn

    from frontlines import ingest, open_store

    db = str(tmp_path_factory.mktemp("seeds-web") / "seeds.db")
    with open_store(db) as store:
        report = ingest([SEEDS], store, manifest=SEEDS / "manifest.jsonl")
        assert report.stored == 5
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    done = threading.Event()
    for _ in range(400):
        if server.started:
            break
        done.wait(0.05)
    assert server.started, "the API server did not start"
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 860}, base_url=base_url)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        yield pg
        assert errors == []
        browser.close()


def _slide(pg: Any, before: str) -> None:
    """Move the time slider with the keyboard to the last step before ``before``."""
    slider = pg.locator("#slider")
    slider.focus()
    slider.press("End")
    for _ in range(400):
        day = str(pg.locator("#slider-date").text_content()).removeprefix("up to ").strip()
        if day < before:
            return
        slider.press("ArrowLeft")
    pg.wait_for_load_state("networkidle")


def test_palmyra_changes_hands_on_the_slider(page: Any) -> None:
    page.goto("#/map")
    palmyra = page.locator("#control-list li.holder", has_text="Palmyra")
    _slide(page, "2016-03-27")
    expect(palmyra).to_have_attribute("data-camp", "isis", timeout=15_000)
    page.locator("#slider").press("ArrowRight")
    expect(palmyra).to_have_attribute("data-camp", "regime", timeout=15_000)
    page.locator("#slider").press("End")  # after 2016-12-11: the Islamic State again
    page.wait_for_load_state("networkidle")
    expect(palmyra).to_have_attribute("data-camp", "isis", timeout=15_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-map.png"))


def test_event_evidence_is_highlighted(page: Any) -> None:
    page.goto("#/events")
    row = page.locator("tr.event-row", has_text="Government regains territory").first
    expect(row).to_be_visible()
    row.click()
    marks = page.locator("#event-detail .article-text mark")
    expect(marks.first).to_be_visible()
    assert len(str(marks.first.text_content())) > 30
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / "seeds-event.png"))


def test_timeline_of_palmyra(page: Any) -> None:
    page.goto("#/timeline/geonames%3A163808")
    expect(page.locator(".timeline-chart g.period")).to_have_count(3)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / "seeds-timeline.png"))
