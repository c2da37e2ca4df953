"""A child answers the smiley questionnaire on a small phone with the keyboard alone, switches
language half-way without losing answers, stops and comes back, and sends once."""
import sqlite3
import os


def press_until(page, predicate, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_a_child_answers_the_smiley_questionnaire_with_the_keyboard_alone(server, playwright_browser):
    context = playwright_browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server.base + "/v/demo-kinderen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "no sideways scrolling at 320 px"
    assert press_until(page, "document.activeElement.textContent.trim() === 'Beginnen'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/vragen")

    for _ in range(4):
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        faces = page.locator("fieldset svg.face")
        assert faces.count() >= 3, "smileys, drawn"
        for label in page.locator("fieldset label").all():
            assert label.inner_text().strip() != "", "every face has a text label"
            assert label.locator("svg.face").get_attribute("aria-hidden") == "true", "the face is decorative"
            box = label.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, "the whole label is a large target"
        # Tab reaches the first radio of the group; arrow keys choose within it, as screen readers expect.
        assert press_until(page, "document.activeElement.type === 'radio'")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.checked")
        ring = page.evaluate("(() => { const s = getComputedStyle(document.activeElement.nextElementSibling); "
                             "return s.outlineStyle !== 'none' && s.boxShadow.includes('255, 191, 71'); })()")
        assert ring, "the focused face shows the focus ring around its tile"
        assert press_until(page, "document.activeElement.value === 'verder'")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    # The trap field for robots is invisible and out of the tab order.
    assert page.locator("div:has(> #hp_leeg)").bounding_box()["width"] <= 1
    assert page.get_attribute("#hp_leeg", "tabindex") == "-1"
    # The last page asks for text; stop here and come back later.
    assert page.is_visible("#a-vertellen")
    page.fill("#a-vertellen", "Het was fijn")
    page.goto(server.base + "/")
    page.goto(server.base + "/v/demo-kinderen")
    page.click("text=Verder waar je was")
    assert page.input_value("#a-vertellen") == "Het was fijn", "back on the page where the child was, the text kept"
    page.click("main button[value=terug]")
    assert page.locator("input[type=radio]:checked").count() == 1, "answers were kept"

    # Switch language: the page comes back in English with the answer still chosen.
    page.click("header button[lang=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("input[type=radio]:checked").count() == 1
    page.click("main button[value=verder]")
    page.fill("#a-vertellen", "It was nice")
    page.click("main button[value=verder]")
    assert page.url.endswith("/bedankt")
    assert "Thank you for your answers" in page.text_content("h1")

    # Sending ended the draft on this device: going back finds a fresh start, and nothing twice.
    page.go_back()
    page.goto(server.base + "/v/demo-kinderen/vragen")
    assert page.url.endswith("/v/demo-kinderen")
    context.close()

    with sqlite3.connect(os.path.join(server.data_dir, "meedenken.sqlite")) as db:
        rows = db.execute(
            "select count(*) from responses r join questionnaire_versions v on v.id = r.version_id "
            "join questionnaires q on q.id = v.questionnaire_id where q.key = 'einde-begeleiding-kinderen'").fetchone()
        assert rows[0] == 1
        texts = [row[0] for row in db.execute("select value from response_answers where value like 'text:%'").fetchall()]
    assert "text:It was nice" in texts, "the English open answer is stored as typed"


def test_questions_get_a_read_aloud_button_only_where_the_browser_can_speak(server, playwright_browser):
    context = playwright_browser.new_context()
    page = context.new_page()
    page.goto(server.base + "/v/demo-ouders")
    page.click("text=Beginnen")
    questions = page.locator(".question").count()
    has_speech = page.evaluate("'speechSynthesis' in window")
    buttons = page.locator("button.read-aloud")
    if has_speech:
        buttons.first.wait_for()  # the deferred script adds them after the page is parsed
    assert buttons.count() == (questions if has_speech else 0)
    if has_speech:
        assert buttons.first.inner_text() == "Lees voor"
        buttons.first.click()  # must not navigate or submit
        assert page.url.endswith("/vragen")
    context.close()

    quiet = playwright_browser.new_context(java_script_enabled=False)
    page = quiet.new_page()
    page.goto(server.base + "/v/demo-ouders")
    page.click("text=Beginnen")
    assert page.locator("button.read-aloud").count() == 0
    assert page.locator(".question").count() > 0, "the page works the same without JavaScript"
    quiet.close()


def test_a_follow_up_question_appears_as_soon_as_its_condition_holds(server, playwright_browser):
    """With JavaScript the follow-up shows while answering and is sent in one go; without, it
    appears after posting. Either way the server decides."""
    context = playwright_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server.base + "/v/demo-ouders")
    with page.expect_navigation():
        page.click("text=Beginnen")
    follow_up = page.locator("#a-wat_beter")
    assert not follow_up.is_visible(), "hidden until the mark is low"
    page.locator("fieldset").first.locator("input[type=radio]").first.check()
    page.check("#a-cijfer-5")
    assert follow_up.is_visible(), "a mark of 5 asks what could be better, without a round trip"
    page.check("#a-cijfer-8")
    assert not follow_up.is_visible()
    page.check("#a-cijfer-4")
    follow_up.fill("Sneller terugbellen")
    assert page.input_value("input[name=getoond]").split(",")[-1] == "wat_beter"
    with page.expect_navigation():
        page.click("button[value=verder]")
    assert page.locator("#a-wat_beter").count() == 0, "moved on to the next page in one post"
    with page.expect_navigation():
        page.click("button[value=terug]")
    assert page.input_value("#a-wat_beter") == "Sneller terugbellen", "kept, and visible again"
    context.close()

    quiet = playwright_browser.new_context(java_script_enabled=False)
    page = quiet.new_page()
    page.goto(server.base + "/v/demo-ouders")
    with page.expect_navigation():
        page.click("text=Beginnen")
    page.locator("fieldset").first.locator("input[type=radio]").first.check()
    page.check("#a-cijfer-5")
    assert not page.locator("#a-wat_beter").is_visible()
    with page.expect_navigation():
        page.click("button[value=verder]")
    assert page.locator("#a-wat_beter").is_visible(), "without JavaScript the follow-up appears after posting"
    quiet.close()


def test_stop_and_clear_wipes_the_answers_for_the_next_person(server, playwright_browser):
    """A shared tablet: "Stoppen en wissen" leaves nothing for the next person to see."""
    context = playwright_browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(server.base + "/v/demo-ouders")
    page.click("text=Beginnen")
    for group in page.locator("fieldset").all():
        options = group.locator("input[type=radio]")
        if options.count():
            options.first.check()
    page.click("main button[value=verder]")
    page.click("main button[value=terug]")
    assert page.locator("input[type=radio]:checked").count() >= 1, "the answers are kept while answering"
    page.click("text=Stoppen en wissen")
    assert page.url.endswith("/v/demo-ouders?melding=gewist")
    assert "Alles is gewist" in page.text_content("main")
    page.click("text=Beginnen")
    assert page.locator("input[type=radio]:checked").count() == 0, "the next person starts empty"
    context.close()
