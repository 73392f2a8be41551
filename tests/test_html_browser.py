"""The HTML report in a real browser: headless Chromium loads the page `report --html` writes.

The browser is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
JSON messages ended by NUL on file descriptors 3 and 4), with the standard library only.
The test records console errors, uncaught exceptions, failed and refused requests, checks
that every image decoded, and that the screenshot is not blank. It is skipped only where
no Chromium binary is installed (CI installs the Debian package ``chromium``).

To refresh ``docs/report.png`` by hand, from the root of the repository:
``PYTHONPATH=. python tests/test_html_browser.py docs/report.png``.
"""

from __future__ import annotations

import base64
import io
import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from isipo_stats.cli import main

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BINARIES if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium binary on PATH (install the Debian package 'chromium' to run this)",
)


class Browser:
    """Headless Chromium driven through the DevTools protocol on a pipe."""

    def __init__(self, binary: str, width: int = 1280, height: int = 1000) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def plumb() -> None:  # in the child: the protocol wants fds 3 and 4 (inheritable)
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--no-first-run", "--disable-extensions",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=plumb, close_fds=False,  # noqa: PLW1509 (dup2 in the child only)
        )  # fmt: skip
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                  "deviceScaleFactor": 1, "mobile": False}, session=True)  # fmt: skip

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                msg = "the browser did not answer in time"
                raise TimeoutError(msg)
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                msg = "the browser closed its pipe"
                raise ConnectionError(msg)
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False,
             timeout: float = 60.0) -> dict[str, Any]:  # fmt: skip
        """Send a command and wait for its answer, keeping the events that come first."""
        self._next_id += 1
        request: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = self.session
        os.write(self._write, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    msg = f"{method}: {message['error']}"
                    raise RuntimeError(msg)
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 60.0) -> None:
        """Wait until ``event`` has arrived (it may have come already)."""
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self._message(deadline))

    def problems(self) -> list[str]:
        """Console errors, exceptions, failed requests and HTTP errors seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method", ""), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(f"console: {params['args']}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry'].get('text')}")
            elif method == "Network.loadingFailed":
                found.append(f"request failed: {params.get('errorText')}")
            elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
                found.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
        return found

    def load(self, url: str) -> None:
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", {"expression": expression,
                           "returnByValue": True}, session=True)  # fmt: skip
        return answer["result"].get("value")

    def screenshot(self) -> bytes:
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=True)
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except (ConnectionError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture(scope="module")
def browser() -> Any:
    assert BROWSER is not None
    opened = Browser(BROWSER)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["report", "--html", str(path)]) == 0
    return path


def pixels(png: bytes) -> np.ndarray[Any, Any]:
    import matplotlib.image

    image: np.ndarray[Any, Any] = matplotlib.image.imread(io.BytesIO(png), format="png")
    return image[..., :3]


def test_the_check_sees_a_broken_page(browser: Browser, tmp_path: Path) -> None:
    """The detector itself: a missing image and a console error are both reported."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><p>x</p><img src="missing.png">'
                      '<script>console.error("boom")</script>')  # fmt: skip
    browser.events.clear()
    browser.load(broken.as_uri())
    found = browser.problems()
    assert any(p.startswith("request failed") for p in found), found
    assert any("boom" in p for p in found), found
    assert browser.evaluate("[...document.images].filter(i => i.naturalWidth === 0).length") == 1


def test_the_report_loads_without_errors_and_is_not_blank(browser: Browser, page: Path) -> None:
    browser.events.clear()
    browser.load(page.as_uri())
    assert browser.problems() == []
    requested = {e["params"]["request"]["url"] for e in browser.events
                 if e.get("method") == "Network.requestWillBeSent"}  # fmt: skip
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    images = browser.evaluate("document.images.length")
    broken = browser.evaluate("[...document.images].filter(i => i.naturalWidth === 0).length")
    assert images == 8
    assert broken == 0
    headings = browser.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    assert headings == ["Summary", "Findings", "Charts", "Figures"]
    rows = browser.evaluate("document.querySelector('table').tBodies[0].rows.length")
    assert rows == 26
    image = pixels(browser.screenshot())
    assert image.shape[:2] == (1000, 1280)
    assert float(image.std()) > 0.05  # text and tables, not one flat colour
    assert 0.01 < float((image.mean(axis=2) < 0.5).mean()) < 0.5  # some ink, not all ink


def _save_screenshot(target: Path) -> None:
    """Write a small screenshot of the report's first screen (for docs/report.png)."""
    from PIL import Image

    assert BROWSER is not None
    folder = target.parent.resolve()
    page_path = folder / "_report.html"
    main(["report", "--html", str(page_path)])
    shot = Browser(BROWSER, width=1200, height=1500)
    try:
        shot.load(page_path.as_uri())
        png = shot.screenshot()
    finally:
        shot.close()
        page_path.unlink()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64)
    image.save(target, optimize=True)


if __name__ == "__main__":
    _save_screenshot(Path(sys.argv[1]))
