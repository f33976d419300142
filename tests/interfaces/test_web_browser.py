"""The web app in Debian's Chromium, driven by Playwright, over the fixture store.

Needs /usr/bin/chromium (scripts/install_chromium.sh) and the vendored web assets
(scripts/build_web.sh). Saves screenshots of the main views to docs/screenshots/.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.interfaces.api import WEB_DIR, create_app

from .conftest import build_fixture_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium "
                "(run scripts/install_chromium.sh)", allow_module_level=True)
if not (WEB_DIR / "vendor" / "leaflet.js").exists():
    pytest.skip("web assets are not built (run scripts/build_web.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    url = build_fixture_store(tmp_path_factory.mktemp("web") / "web.db")
    port = _free_port()
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(400):  # until uvicorn reports that it listens
        if server.started:
            started.set()
            break
        if not thread.is_alive():
            break
        started.wait(0.05)
    if not started.is_set():
        server.should_exit = True
        pytest.fail("the API server did not start")
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageLog:
    """What a page reported that a person would notice: errors, dialogs, CSP refusals."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        if not request.url.startswith("http://127.0.0.1:"):
            self.outside.append(request.url)

    def check(self) -> None:
        assert self.dialogs == []
        assert self.outside == []
        assert self.errors == []


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[tuple[Any, PageLog]]:
    context = browser.new_context(viewport={"width": 1366, "height": 860}, base_url=base_url)
    pg = context.new_page()
    log = PageLog(pg)
    yield pg, log
    context.close()


def _shot(pg: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _slider_to(pg: Any, before: bool) -> str:
    """Move the slider with the keyboard to the last month before (or the first month
    after) 2016-03-27; returns the date it shows."""
    slider = pg.locator("#slider")
    slider.focus()
    slider.press("End")
    shown = pg.locator("#slider-date")
    for _ in range(200):
        day = shown.text_content().removeprefix("up to ").strip()
        if day < "2016-03-27":
            break
        slider.press("ArrowLeft")
    if not before:
        slider.press("ArrowRight")
    return str(shown.text_content())


def test_map_slider_changes_palmyras_holder(page: tuple[Any, PageLog]) -> None:
    pg, log = page
    pg.goto("#/map")
    palmyra = pg.locator("#control-list li.holder", has_text="Palmyra")
    expect(palmyra).to_contain_text("held by Syrian government")
    expect(pg.locator(".leaflet-marker-icon, path.leaflet-interactive").first).to_be_visible()
    expect(pg.locator(".leaflet-pane canvas").first).to_be_attached()

    day = _slider_to(pg, before=True)
    assert day < "up to 2016-03-27"
    expect(palmyra).to_contain_text("held by Islamic State")
    expect(palmyra).to_have_attribute("data-camp", "isis")
    expect(pg.locator(".holder-label")).to_have_text(["Palmyra: Islamic State"])

    day = _slider_to(pg, before=False)
    assert day >= "up to 2016-03-27"
    expect(palmyra).to_contain_text("held by Syrian government (Syrian Arab Army)")
    expect(palmyra).to_contain_text("since 2016-03-27")
    expect(palmyra).to_have_attribute("data-camp", "regime")
    expect(pg.locator(".holder-label")).to_have_text(["Palmyra: Syrian government"])
    pg.locator("#slider").press("End")
    expect(pg.locator("#map-count")).to_have_text("8 events.")  # facts only: no prediction
    pg.wait_for_load_state("networkidle")
    _shot(pg, "map")
    log.check()


def test_event_evidence_is_highlighted(page: tuple[Any, PageLog]) -> None:
    pg, log = page
    pg.goto("#/events")
    row = pg.locator("tr.event-row[data-id='e-palmyra-2016']")
    expect(row).to_be_visible()
    row.click()
    detail = pg.locator("#event-detail")
    expect(detail.locator("h2")).to_contain_text("Government regains territory")
    marks = detail.locator(".article-text mark")
    expect(marks).to_have_count(2)  # one sentence in each of the two source articles
    expect(marks.first).to_have_text(
        "The Syrian army recaptured Palmyra from Islamic State on Sunday.")
    expect(detail.locator(".doc-title")).to_have_text(
        ["Syrian army retakes Palmyra", "Army restores security to Palmyra"])
    pg.wait_for_load_state("networkidle")
    _shot(pg, "events")
    log.check()


def test_table_sorts_pages_and_works_with_the_keyboard(page: tuple[Any, PageLog]) -> None:
    pg, log = page
    pg.goto("#/events")
    rows = pg.locator("tr.event-row")
    expect(rows).to_have_count(9)
    expect(rows.first).to_have_attribute("data-id", "e-deir-shooting")  # newest first
    pg.get_by_role("button", name="Sort by Killed").click()
    expect(rows.nth(1)).to_have_attribute("data-id", "e-aleppo-barrel")  # 3, then 12 killed
    expect(pg.locator("th[aria-sort=ascending]")).to_contain_text("Killed")
    pg.get_by_role("button", name="Sort by Killed").click()
    expect(rows.first).to_have_attribute("data-id", "e-palmyra-air")
    pg.locator("#event-filters select[name=type]").select_option("Protests")
    pg.locator("#event-filters button[type=submit]").click()
    expect(rows).to_have_count(1)
    csv_link = pg.get_by_role("link", name="CSV")
    expect(csv_link).to_have_attribute("href", "api/events?type=Protests&format=csv")
    rows.first.focus()
    rows.first.press("Enter")
    expect(pg.locator("#event-detail h2")).to_contain_text("Peaceful protest")
    expect(pg.locator("#event-detail .article-text mark")).to_have_text(
        "Hundreds protested in Idlib against the government on Monday.")
    log.check()


def test_script_in_an_article_is_shown_as_text(page: tuple[Any, PageLog]) -> None:
    pg, log = page
    pg.goto("#/events/e-deir-shooting")
    mark = pg.locator("#event-detail .article-text mark")
    expect(mark).to_have_text("Residents said <script>alert('xss')</script> gunmen shot three "
                              "civilians.")
    expect(pg.locator("#event-detail .doc-title")).to_have_text(
        "Shooting in Deir ez-Zor <script>alert('title')</script>")
    pg.goto("#/documents/d-script")
    expect(pg.locator("#view-document .article-text")).to_contain_text("<script>alert('xss')")
    injected = pg.evaluate(
        "() => [...document.querySelectorAll('script')].filter("
        "s => (s.textContent || '').includes('alert')).length")
    assert injected == 0
    log.check()
    assert log.dialogs == []


def test_place_timeline(page: tuple[Any, PageLog]) -> None:
    pg, log = page
    pg.goto("#/timeline/geonames%3A170017")
    expect(pg.locator("#timeline-title")).to_contain_text("Palmyra")
    expect(pg.locator(".timeline-chart g.period")).to_have_count(3)
    items = pg.locator("ol.periods > li")
    expect(items.nth(2)).to_contain_text(
        "Syrian government (Syrian Arab Army): 2016-03-27 to the last record")
    expect(items.nth(1)).to_contain_text("Islamic State: 2015-05-21 to 2016-03-27")
    expect(pg.locator("ol.changes > li").nth(1)).to_contain_text(
        "Syrian Arab Army took it from Islamic State")
    expect(pg.locator("ol.changes > li").nth(1).locator("q").first).to_have_text(
        "The Syrian army recaptured Palmyra from Islamic State on Sunday.")
    pg.wait_for_load_state("networkidle")
    _shot(pg, "timeline")
    log.check()


def test_actor_graph_and_disputes(page: tuple[Any, PageLog]) -> None:
    pg, log = page
    pg.goto("#/graph")
    nodes = pg.locator("svg#graph g.node")
    expect(nodes).to_have_count(6)
    node = pg.locator("svg#graph g.node", has_text="Russian Air Force")
    node.focus()
    node.press("Enter")
    expect(pg.locator("#actor-title")).to_contain_text("Russian Air Force")
    expect(pg.locator(".edge-list")).to_contain_text("Russian Air Force supports Syrian Arab Army")
    expect(pg.locator("ul.provisional")).to_contain_text("Liwa al-Quds")
    pg.wait_for_load_state("networkidle")
    _shot(pg, "graph")
    pg.goto("#/disputes")
    dispute = pg.locator("#disputes-list li.dispute").first
    expect(dispute).to_contain_text("Death toll")
    expect(dispute.locator("tbody tr")).to_have_count(2)
    _shot(pg, "disputes")
    log.check()


def test_phone_layout(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url,
                                  is_mobile=True, has_touch=True)
    pg = context.new_page()
    log = PageLog(pg)
    pg.goto("#/map")
    expect(pg.locator("#control-list li.holder", has_text="Palmyra")).to_be_visible()
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the screen
    pg.wait_for_load_state("networkidle")
    _shot(pg, "map-phone")
    log.check()
    context.close()
