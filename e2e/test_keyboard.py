"""The public pages work with a keyboard alone: a skip link first, a visible focus on everything
that can be reached, the language switch and forms operable with Tab and Enter."""
from conftest import PUBLIC_PAGES

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40), outline: style.outlineStyle,
          outlineWidth: style.outlineWidth, shadow: style.boxShadow, visible: box.width > 0 && box.height > 0 && box.left >= 0};
}"""


def focus_trail(page, presses):
    trail = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        trail.append(page.evaluate(FOCUS_STYLE))
    return trail


def test_every_public_page_starts_with_a_skip_link_and_shows_focus_everywhere(server, context):
    page = context.new_page()
    for path in PUBLIC_PAGES:
        page.goto(server.base + path)
        trail = focus_trail(page, 12)
        first = trail[0]
        assert first["tag"] == "A" and first["text"] in ("Naar de inhoud", "Skip to content"), (path, first)
        for stop in trail:
            if stop["tag"] == "BODY":
                break
            assert stop["visible"], (path, stop)
            assert stop["outline"] != "none" and stop["outlineWidth"] != "0px" or stop["shadow"] != "none", (path, stop)


def test_the_skip_link_moves_focus_to_the_content(server, context):
    page = context.new_page()
    page.goto(server.base + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switch_and_the_login_form_work_by_keyboard(server, context):
    page = context.new_page()
    page.goto(server.base + "/inloggen")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('lang')") == "en":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "en"

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    page.keyboard.type("nobody@proef.nl")
    page.keyboard.press("Tab")
    page.keyboard.type("not the password at all")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "The e-mail address or password is not right." in page.text_content(".error-summary")
    assert page.input_value("#email") == "nobody@proef.nl"
