"""The foundation's "done when": an administrator logs in with 2FA, creates teams and staff, a new
colleague activates their account and sets up 2FA, and the administrator reads the audit log."""
import re

from conftest import ADMIN, log_in


def test_an_administrator_sets_up_teams_and_a_colleague_who_enrols_in_two_step_verification(server, context, playwright_browser, authenticator):
    page = context.new_page()
    log_in(page, server.base, ADMIN, authenticator)
    assert "Hallo Anna Beheer" in page.text_content("h1")

    page.click("nav.staff-nav >> text=Teams en regio's")
    page.fill("#regionName", "Oost")
    page.click("text=Regio toevoegen")
    page.fill("#teamName", "Team Zwolle")
    page.select_option("#regionID", label="Oost")
    page.click("text=Team toevoegen")
    assert page.is_visible("li:text('Team Zwolle')")

    page.click("nav.staff-nav >> text=Gebruikers")
    page.click("text=Nieuwe gebruiker")
    page.fill("#displayName", "Mila de Vries")
    page.fill("#email", "mila@proef.nl")
    page.select_option("#role", "coordinator")
    page.check("label:text('Team Zwolle')")
    page.click("main button[type=submit]")
    link = page.text_content("#activation-link").strip()
    assert link.startswith(server.base + "/activeren/")

    colleague_context = playwright_browser.new_context(viewport={"width": 390, "height": 844})
    colleague = colleague_context.new_page()
    colleague.goto(link)
    colleague.fill("#password", "mijn eigen lange wachtwoord")
    colleague.fill("#passwordRepeat", "mijn eigen lange wachtwoord")
    colleague.click("main button[type=submit]")
    assert colleague.url.endswith("/inloggen/tweestapsverificatie"), "a coordinator sees personal data: 2FA first"
    secret = re.sub(r"\s+", "", colleague.text_content("#totp-secret"))
    assert len(secret) == 32
    colleague.fill("#code", authenticator.code("mila", secret))
    colleague.click("main button[type=submit]")
    assert colleague.locator("#recovery-codes li").count() == 10
    colleague.click("text=Ik heb ze bewaard, verder")
    assert colleague.url.endswith("/werkplek")
    assert "Hallo Mila de Vries" in colleague.text_content("h1")
    colleague_context.close()
    log = server.output()
    assert "route: /activeren/:token" in log, "requests are logged by route pattern"
    assert link.rsplit("/", 1)[-1] not in log, "a token never reaches the application log"
    assert "mila@proef.nl" not in log, "no personal data in the application log"

    page.click("nav.staff-nav >> text=Auditlog")
    audit = page.text_content("table")
    for entry in ["Gebruiker aangemaakt", "Account geactiveerd", "Tweestapsverificatie ingesteld", "Ingelogd", "Gebruikerslijst bekeken"]:
        assert entry in audit, entry
    page.select_option("#actie", "user.created")
    page.fill("#wie", ADMIN)
    page.click("text=Filteren")
    assert page.locator("tbody tr").count() == 1, "one user created by this administrator"


def test_a_stale_form_keeps_everything_entered(server, context, authenticator):
    page = context.new_page()
    page.goto(server.base + "/inloggen")
    page.fill("#email", "iemand@proef.nl")
    page.fill("#password", "een wachtwoord")
    # The token in the page no longer matches the browser's cookie, as after a long pause.
    page.evaluate("document.querySelector('main input[name=_csrf]').value = 'verlopen'")
    page.click("main button[type=submit]")
    assert "Het formulier was verlopen" in page.text_content(".error-summary")
    assert page.input_value("#email") == "iemand@proef.nl"
