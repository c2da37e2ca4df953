"""Dutch by default; a visitor switches with a button that works without JavaScript; staff keep their choice."""
from conftest import log_in


def test_a_visitor_switches_to_english_and_back(server, playwright_browser):
    context = playwright_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.base + "/toegankelijkheid")
    assert page.get_attribute("html", "lang") == "nl"
    assert page.text_content("h1") == "Toegankelijkheid"
    page.click("header button[lang=en]")
    assert page.url.endswith("/toegankelijkheid"), "stays on the same page"
    assert page.get_attribute("html", "lang") == "en"
    assert page.text_content("h1") == "Accessibility"
    page.goto(server.base + "/")
    assert "Help us improve our support" in page.text_content("h1"), "the choice is remembered"
    page.click("header button[lang=nl]")
    assert page.get_attribute("html", "lang") == "nl"
    context.close()


def test_staff_keep_their_language_after_logging_in_again(server, playwright_browser, authenticator):
    email = "raadslid@demo.meedenken.nl"
    context = playwright_browser.new_context()
    page = context.new_page()
    log_in(page, server.base, email, authenticator)
    page.click("nav.staff-nav >> text=Mijn account")
    page.check("#language-en")
    page.click("text=Taal opslaan")
    assert page.get_attribute("html", "lang") == "en"
    page.click("header button:has-text('Log out')")
    context.close()

    fresh = playwright_browser.new_context()
    page = fresh.new_page()
    log_in(page, server.base, email, authenticator)
    assert page.get_attribute("html", "lang") == "en"
    assert "Your work" in page.text_content("main")
    fresh.close()
