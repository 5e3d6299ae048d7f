"""The report site (out/report/): every article listed, links that resolve, pages that load fast in headless
Chromium, and injected markup that stays text.

Chromium is driven over the DevTools protocol (``websockets``, already a Prefect dependency): one browser,
one tab, each page navigated to and timed until its load event. Skips where Chromium is missing and CI is
not set, like tests/test_report_browser.py.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.test_report_browser import _chromium
from zhnews.pipeline.records import ArticleRecord
from zhnews.pipeline.site import article_href, page_name, write_site
from tests.conftest import SHARED
from tests.downstream_fixtures import all_records, sample_errors, signing_record, xss_record

CORPUS = SHARED / "corpus" / "news_real.jsonl"
N_ARTICLES = 200
LOAD_BOUND_S = 1.0
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def corpus_or_synthetic(n: int) -> list[ArticleRecord]:
    """The first ``n`` corpus articles through the real pipeline when the corpus is here, else variations of
    the fixture records (distinct titles, dates and ids)."""
    if CORPUS.exists():
        from zhnews.pipeline.assemble import records_for
        from zhnews.pipeline.ingest import iter_jsonl
        from zhnews.pipeline.ingest import Document

        with CORPUS.open("rb") as handle:
            lines = [line for _, line in zip(range(n), handle)]
        docs = [d for d in iter_jsonl(lines, str(CORPUS)) if isinstance(d, Document)]
        return records_for(docs)
    out = []
    for k in range(n):
        r = signing_record(title=f"共建“长江工坊”集中签约 {k}")
        out.append(r.model_copy(update={"date": f"2023-{1 + k % 12:02d}-{1 + k % 28:02d}"}))
    return out


@pytest.fixture(scope="module")
def records() -> list[ArticleRecord]:
    return corpus_or_synthetic(N_ARTICLES) + [xss_record()]


@pytest.fixture(scope="module")
def site(records: list[ArticleRecord], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "report"
    write_site(records, sample_errors(), out)
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"] or "")


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def test_index_lists_every_article(site: Path, records: list[ArticleRecord]) -> None:
    index = parse(site / "index.html")
    listed = [h for h in index.hrefs if h.startswith("a/")]
    assert sorted(listed) == sorted(article_href(r.id) for r in records)
    assert len({r.id for r in records}) == len(records) >= N_ARTICLES
    for r in records:
        assert (site / "a" / page_name(r.id)).is_file()
    text = (site / "index.html").read_text(encoding="utf-8")
    assert f"<td class=\"num\">{len(records):,}</td>" in text  # the summary counts them all


def _resolve(page: Path, href: str, site: Path) -> tuple[Path, str]:
    path, _, frag = href.partition("#")
    target = (page.parent / path).resolve() if path else page.resolve()
    assert site.resolve() in target.parents or target == site.resolve(), href
    return target, frag


def test_every_link_resolves(site: Path) -> None:
    pages = [p for p in site.glob("*.html")] + sorted((site / "a").glob("*.html"))[:40]
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in pages:
        for href in parse(page).hrefs:
            assert not re.match(r"^[a-z]+:", href), (page.name, href)  # relative links only: no network, no js:
            target, frag = _resolve(page, href, site)
            assert target.is_file(), (page.name, href)
            if frag:
                if target not in ids:
                    ids[target] = parse(target).ids
                assert frag in ids[target], (page.name, href)
            checked += 1
    assert checked > N_ARTICLES


def test_pages_are_self_contained_and_escaped(site: Path) -> None:
    for page in [*site.glob("*.html"), *(site / "a").glob("*.html")]:
        doc = parse(page)
        tags = {t for t, _ in doc.tags}
        assert "script" not in tags and "img" not in tags and "iframe" not in tags, page.name
        csp = [a.get("content") or "" for t, a in doc.tags if t == "meta" and a.get("http-equiv")]
        assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0], page.name
        for _, attrs in doc.tags:
            assert "src" not in attrs and not [k for k in attrs if k.startswith("on")], page.name
    xss = (site / "a" / page_name(xss_record().id)).read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=" in xss and "&lt;i&gt;受伤&lt;/i&gt;" in xss


def test_big_archive_index_lists_months_and_month_pages_list_every_article(records: list[ArticleRecord],
                                                                            tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_site(records, [], out, index_inline=50)
    index = parse(out / "index.html")
    months = sorted({h for h in index.hrefs if h.startswith("months/")})
    assert months and not [h for h in index.hrefs if h.startswith("a/")]
    listed: list[str] = []
    for href in months:
        page = out / href
        for link in parse(page).hrefs:
            target, _ = _resolve(page, link, out)
            assert target.is_file(), (href, link)
            if link.startswith("../a/"):
                listed.append(target.name)
    assert sorted(listed) == sorted(page_name(r.id) for r in records)
    write_site(records[:10], [], out, index_inline=50)  # a smaller run later: no stale month pages
    assert not (out / "months").exists() and len(list((out / "a").glob("*.html"))) == 10


def test_partial_views_say_so(tmp_path: Path) -> None:
    """A table longer than a page is split, and each page names its rows and links the others."""
    from zhnews.pipeline.site import write_paged

    paths = write_paged(tmp_path, "t", "T", "", ["x"], [f"<tr><td>{k}</td></tr>" for k in range(7)], "none",
                        per_page=3, what="rows")
    assert [p.name for p in paths] == ["t.html", "t-2.html", "t-3.html"]
    last = paths[-1].read_text(encoding="utf-8")
    assert "rows 7–7 of 7, page 3 of 3" in last and 'href="t.html"' in last and 'href="t-2.html"' in last


# --- headless Chromium over the DevTools protocol ----------------------------------------------------


class Browser:
    """One headless Chromium tab: navigate, time the load event, evaluate, screenshot."""

    def __init__(self) -> None:
        from websockets.sync.client import connect

        self.profile = tempfile.mkdtemp(prefix="zhnews-cdp-")
        self.proc = subprocess.Popen([_chromium(), *FLAGS, f"--user-data-dir={self.profile}",
                                      "--remote-debugging-port=0", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=30)
        self.n = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", tab=True)
        self.call("Runtime.enable", tab=True)

    def call(self, method: str, tab: bool = False, **params: Any) -> dict[str, Any]:
        self.n += 1
        msg: dict[str, Any] = {"id": self.n, "method": method, "params": params}
        if tab:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == self.n:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def load(self, url: str) -> float:
        """Seconds from navigation to the load event."""
        self.events.clear()
        start = time.perf_counter()
        self.call("Page.navigate", tab=True, url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(json.loads(self.ws.recv(timeout=60)))
        return time.perf_counter() - start

    def value(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", tab=True, expression=expression, returnByValue=True)["result"].get("value")

    def screenshot(self, path: Path, width: int = 1280, height: int = 1600) -> Path:
        self.call("Emulation.setDeviceMetricsOverride", tab=True, width=width, height=height, deviceScaleFactor=1,
                  mobile=False)
        data = self.call("Page.captureScreenshot", tab=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # the browser may close the socket before it answers
            pass
        self.ws.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser()
    yield b
    b.close()


def test_control_page_shows_that_scripts_would_be_caught(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><title>ok</title><body><script>document.title="PWNED"</script></body>',
                    encoding="utf-8")
    browser.load(page.as_uri())
    assert browser.value("document.title") == "PWNED"


def test_every_page_loads_fast_and_runs_nothing(browser: Browser, site: Path) -> None:
    pages = sorted(site.glob("*.html")) + sorted((site / "a").glob("*.html"))
    slow = []
    for page in pages:
        seconds = browser.load(page.as_uri())
        if seconds >= LOAD_BOUND_S:  # a shared machine stalls now and then: slow means slow twice
            seconds = min(seconds, browser.load(page.as_uri()))
        if seconds >= LOAD_BOUND_S:
            slow.append((page.name, round(seconds, 2)))
        assert browser.value("document.title") != "PWNED", page.name
        assert browser.value("document.querySelectorAll('script,img,iframe').length") == 0, page.name
        assert browser.value("document.body.hasAttribute('data-pwned')") is False, page.name
    assert not slow, slow
    assert len(pages) > N_ARTICLES


def test_xss_article_shows_its_markup_as_text(browser: Browser, site: Path) -> None:
    browser.load((site / "a" / page_name(xss_record().id)).as_uri())
    assert browser.value("document.title") == xss_record().title
    body = browser.value("document.body.innerText")
    assert '<script>document.title="PWNED";' in body and "<i>受伤</i>" in body
    assert browser.value("document.querySelectorAll('mark').length") >= 2


def test_screenshots(browser: Browser, site: Path, records: list[ArticleRecord]) -> None:
    """Screenshots for a person to look at (ZHNEWS_SITE_SCREENSHOTS=folder keeps them)."""
    folder = Path(os.environ.get("ZHNEWS_SITE_SCREENSHOTS") or tempfile.mkdtemp(prefix="zhnews-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    busiest = max(records, key=lambda r: (len(r.signings), len(r.entities)))
    for name, page in (("index", site / "index.html"), ("article", site / "a" / page_name(busiest.id)),
                       ("people", site / "people.html"), ("signings", site / "signings.html"),
                       ("numbers", site / "numbers.html"), ("review", site / "review.html")):
        browser.load(page.as_uri())
        data = browser.screenshot(folder / f"{name}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, name


def test_fixture_site_views(tmp_path: Path) -> None:
    """The fixture records: a signing card in words, the pair, the review list with reasons."""
    out = tmp_path / "report"
    write_site(all_records(), sample_errors(), out)
    card_page = (out / "a" / page_name(signing_record().id)).read_text(encoding="utf-8")
    assert "How sure" in card_page and "rule test" not in card_page and "0.80" not in card_page
    assert "? ↔" not in card_page
    pairs = (out / "signings.html").read_text(encoding="utf-8")
    assert pairs.count("国际化合作项目") == 4 and "<svg" in pairs
    review = (out / "review.html").read_text(encoding="utf-8")
    assert "not found in a gazetteer" in review and f'href="{article_href(xss_record().id)}#t0"' in review
    errors = (out / "errors.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;a.jsonl&lt;/b&gt;" in errors


def test_site_served_by_a_static_server(browser: Browser, site: Path, records: list[ArticleRecord]) -> None:
    """The same pages over http://127.0.0.1 (any static server): relative links, nothing else to fetch."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        browser.load(f"{base}/index.html")
        assert browser.value("document.querySelectorAll('a[href^=\"a/\"]').length") == len(records)
        first = browser.value("document.querySelector('a[href^=\"a/\"]').href")
        assert first.startswith(base + "/a/")
        browser.load(first)
        assert browser.value("document.querySelectorAll('.text .s').length") > 0
        assert browser.value("document.querySelector('a[href=\"../index.html\"]') !== null") is True
    finally:
        server.shutdown()
        server.server_close()


def test_a_report_elsewhere_outside_the_site_is_named_not_linked(tmp_path: Path) -> None:
    """A signing also reported in a record the site does not hold (another run, another archive): no dead link."""
    record = signing_record()
    assert record.signings[0].also_reported_in == ["other-record"]
    write_site([record], [], tmp_path / "report")
    page = tmp_path / "report" / "a" / page_name(record.id)
    hrefs = parse(page).hrefs
    assert hrefs and not [h for h in hrefs if "other-record" in h]
    assert "another article (other-record, not in this archive)" in page.read_text(encoding="utf-8")
    for href in hrefs:
        target, _ = _resolve(page, href, tmp_path / "report")
        assert target.is_file(), href


def test_a_report_elsewhere_inside_the_site_is_linked(tmp_path: Path) -> None:
    first = signing_record()
    other = signing_record(title="另一篇报道")
    linked = first.model_copy(update={"signings": [first.signings[0].model_copy(
        update={"also_reported_in": [other.id]})]})
    write_site([linked, other], [], tmp_path / "report")
    page = (tmp_path / "report" / "a" / page_name(linked.id)).read_text(encoding="utf-8")
    assert f'href="../a/{page_name(other.id)}"' in page
