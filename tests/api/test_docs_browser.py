"""/docs and /redoc render in Debian's Chromium with nothing fetched from another machine."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "ready"),
    [("/docs", ".opblock-summary"), ("/redoc", "[data-section-id], .menu-content li")],
)
def test_docs_render_offline(browser, live_server, artifacts, path, ready):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Under the page's Content-Security-Policy: a refused script or worker is a console error.
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + path)
    page.wait_for_selector(ready, timeout=30_000)
    page.wait_for_load_state("networkidle")
    if path == "/docs":  # open the ranking: its description, French then English
        page.locator("#operations-API-get_gaps_api_gaps_get .opblock-summary").click()
        page.wait_for_selector("#operations-API-get_gaps_api_gaps_get .opblock-description")
    text = page.inner_text("body")
    assert "Classement des écarts" in text
    assert "limite le classement aux municipalités d'une MRC" in text
    assert "limits the ranking to one MRC's municipalities" in text
    assert "``" not in text  # no raw reStructuredText
    page.screenshot(path=str(artifacts / f"docs{path.replace('/', '-')}.png"))
    hosts = {urlparse(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, requests
    assert errors == []
    context.close()
