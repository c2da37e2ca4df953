"""axe-core (run offline) finds no serious or critical violation on any page, at phone and desktop
width, in both languages, also on a form showing errors."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PUBLIC_PAGES, STAFF_PAGES

AXE = Axe()


def serious(page):
    results = AXE.run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_have_no_serious_accessibility_violations(server, playwright_browser, width, language):
    context = playwright_browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.base + "/")
    if language == "en":
        page.click("header button[lang=en]")
    for path in PUBLIC_PAGES:
        page.goto(server.base + path)
        assert serious(page) == [], path
    context.close()


def test_staff_pages_have_no_serious_accessibility_violations(server, admin_context):
    page = admin_context.new_page()
    for path in STAFF_PAGES:
        page.goto(server.base + path)
        assert serious(page) == [], path
    page.goto(server.base + "/beheer/gebruikers/nieuw")
    page.click("main button[type=submit]")
    assert page.is_visible(".error-summary")
    assert serious(page) == [], "form with errors"
    page.close()
