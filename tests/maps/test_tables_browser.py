"""The page's tables in Debian's Chromium: sorting by keyboard, the MRC filter, sticky headers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-CA")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.errors = errors
    yield page
    context.close()


def column_text(page, table: str, index: int) -> list[str]:
    """The text of one column of a table's body, visible rows only, in display order."""
    return page.eval_on_selector_all(
        f"#{table} tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{index}].innerText)"
    )


def french_number(text: str) -> float:
    return float(
        text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    )


def test_a_table_sorts_by_keyboard_numbers_as_numbers(page, live_server, artifacts):
    page.goto(live_server.url + "/maps/table")
    header = page.locator("#table-municipalities thead th").nth(3)  # Desservis
    button = header.locator("button.gim-sort")
    assert button.get_attribute("aria-label").startswith("Trier par")
    assert header.get_attribute("aria-sort") is None
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    served = [french_number(text) for text in column_text(page, "table-municipalities", 3)]
    assert served == sorted(served) and served[0] < served[-1]
    assert max(served) >= 1000  # "1 234": grouped thousands read as one number
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    served = [french_number(text) for text in column_text(page, "table-municipalities", 3)]
    assert served == sorted(served, reverse=True)
    share = page.locator("#table-municipalities thead th").nth(4)  # "92,8 %"
    share.locator("button").press("Enter")
    shares = [
        french_number(text.rstrip(" %\u00a0\u202f"))
        for text in column_text(page, "table-municipalities", 4)
        if "%" in text
    ]
    assert shares == sorted(shares)
    # Names sort as words, accents by the page's language.
    page.locator("#table-municipalities thead th").nth(0).locator("button").press("Enter")
    names = column_text(page, "table-municipalities", 0)
    assert names[0].startswith("Baie") or names[0] < names[1]
    assert page.locator("#table-municipalities tfoot tr").count() == 1  # the total stays last
    assert "croissant" in page.locator("#data [aria-live]").inner_text()
    page.screenshot(path=str(artifacts / "tables-sorted-fr.png"), full_page=False)
    assert page.errors == []


def test_english_shares_sort_as_numbers(page, live_server):
    page.goto(live_server.url + "/maps/table?lang=en")
    header = page.locator("#table-mrcs thead th").nth(3)  # Share served
    header.locator("button").press("Enter")
    header.locator("button").press("Enter")
    shares = [float(text.rstrip("%")) for text in column_text(page, "table-mrcs", 3)]
    assert shares == sorted(shares, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"


def test_the_mrc_filter_keeps_one_mrcs_municipalities(page, live_server, artifacts):
    page.goto(live_server.url + "/maps/table")
    select = page.locator("#table-municipalities-filter")
    assert page.locator("label[for=table-municipalities-filter]").inner_text() == "Filtrer par MRC"
    assert select.locator("option").count() == 7  # all, and the six MRCs
    select.select_option(label="La Haute-Gaspésie")
    mrcs = set(column_text(page, "table-municipalities", 1))
    assert mrcs == {"La Haute-Gaspésie"}
    assert len(column_text(page, "table-municipalities", 0)) < 54
    assert page.locator("#table-municipalities tfoot").is_hidden()  # the region's total
    assert "municipalités affichées sur 54" in page.locator("#data [aria-live]").inner_text()
    page.locator("#table-municipalities-filter").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "tables-filtered-fr.png"))
    select.select_option(value="")
    assert len(column_text(page, "table-municipalities", 0)) == 54
    assert page.errors == []


def test_headers_stay_in_view_when_the_table_scrolls(page, live_server):
    page.goto(live_server.url + "/maps/table")
    wrap = page.locator("#table-municipalities").locator("xpath=..")
    wrap.evaluate("element => { element.scrollTop = 600; }")
    assert wrap.evaluate("element => element.scrollTop") == 600  # the table scrolls in its box
    header = page.locator("#table-municipalities thead th").first.bounding_box()
    assert abs(header["y"] - wrap.bounding_box()["y"]) < 2  # and its header stays on top


def test_tables_stay_readable_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/maps/table")
    assert page.locator("#table-municipalities tbody tr").count() == 54
    assert page.locator("button.gim-sort").count() == 0
    assert page.locator("a[data-format=xlsx]").count() == 1
    context.close()


def test_the_download_links_download_the_pages_figures(browser, live_server, artifacts):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/maps/municipality/2402028?lang=en")
    section = page.locator(".gim-downloads")
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(artifacts / "downloads-en.png"))
    with page.expect_download() as started:
        page.locator("a[data-format=xlsx]").click()
    download = started.value
    assert download.suggested_filename == "gaps-2402028-50-10-terrestrial.xlsx"
    assert download.path().read_bytes()[:2] == b"PK"  # a zip: the workbook
    with page.expect_download() as started:
        page.locator(".gim-table-download a").click()
    text = started.value.path().read_text(encoding="utf-8-sig")
    assert text.startswith("Technology,Dwellings where reported,")
    context.close()
