"""axe-core (run offline) finds no serious or critical violation on any page, at phone and desktop
width, in both languages, also on a form showing errors."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import COORDINATOR_PAGES, PUBLIC_PAGES, RESPONDENT_START_PAGES, STAFF_PAGES

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


def test_coordinator_pages_have_no_serious_accessibility_violations(server, coordinator_context):
    page = coordinator_context.new_page()
    for path in COORDINATOR_PAGES:
        page.goto(server.base + path)
        assert serious(page) == [], path
    page.goto(server.base + "/trajecten/importeren")
    page.fill("#inhoud", "traject;team;afsluitdatum;rol;e-mail\nA-1;Team Drenthe;2026-01-05;ouder;a@example.nl\nB-2;Team Drenthe;2026-01-05;oma;b@example.nl")
    page.click("main button[type=submit]")
    assert page.is_visible("#report-heading")
    assert serious(page) == [], "closure import report"
    page.goto(server.base + "/vragenlijsten")
    page.click("text=Cliënttevredenheidsonderzoek")
    page.click("text=Uitnodigingen per team")
    assert serious(page) == [], "invitation statistics"
    page.click("text=Huidige cliënten uitnodigen")
    assert serious(page) == [], "wave invitations"
    page.fill("#van", "2020-01-01")
    page.fill("#tot", "2020-01-02")
    page.click("main button[type=submit]")
    assert page.is_visible(".error-summary")
    assert serious(page) == [], "wave invitations with errors"
    page.goto(server.base + "/vragenlijsten/importeren")
    page.fill("#document", '{"key": "Fout"}')
    page.click("main button[type=submit]")
    assert page.is_visible("#import-problems")
    assert serious(page) == [], "import with problems"
    page.goto(server.base + "/vragenlijsten")
    page.click("text=Hoe was onze hulp?")
    assert serious(page) == [], "questionnaire detail"
    page.click("text=Papieren vragenlijst invoeren")
    assert serious(page) == [], "paper entry"
    page.go_back()
    with page.expect_navigation():
        page.click("text=Vragen bewerken")
    assert serious(page) == [], "questionnaire builder"
    with page.expect_navigation():
        page.click("ol.builder-questions a >> nth=0")
    assert serious(page) == [], "question editor"
    page.go_back()
    page.click("a[lang=en]")
    assert serious(page) == [], "preview in English"
    page.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_every_respondent_page_has_no_serious_accessibility_violations(server, playwright_browser, width):
    context = playwright_browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in RESPONDENT_START_PAGES:
        page.goto(server.base + path)
        assert serious(page) == [], path
    page.goto(server.base + "/v/demo-ouders")
    page.click("text=Beginnen")
    seen = 0
    while "/vragen" in page.url and seen < 6:
        assert serious(page) == [], page.url
        # Send the page empty first: the error state must be accessible too.
        page.click("main button[value=verder]")
        if "/vragen" not in page.url:
            break  # a page without required questions was sent as it was
        assert serious(page) == [], "with errors"
        for radio in page.locator("fieldset").all():
            options = radio.locator("input[type=radio]")
            if options.count():
                options.first.check()
        page.click("main button[value=verder]")
        seen += 1
    assert page.url.endswith("/bedankt")
    assert serious(page) == [], "thank-you page"
    context.close()
