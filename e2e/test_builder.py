"""A coordinator builds a questionnaire in the browser: makes it, adds questions (one from the
question bank), gives one a condition, reorders, previews it in English, opens it, and a
respondent answers it on a phone."""


def test_a_coordinator_builds_opens_and_a_respondent_answers_a_new_questionnaire(server, coordinator_context, playwright_browser):
    page = coordinator_context.new_page()
    page.goto(server.base + "/vragenlijsten")
    with page.expect_navigation():
        page.click("text=Nieuwe vragenlijst")
    page.fill("#titleNL", "Hoe was de logeeropvang?")
    page.fill("#titleEN", "How was respite care?")
    page.fill("#key", "logeeropvang")
    page.select_option("#kind", "topical")
    page.select_option("#audience", "parent")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/bewerken" in page.url
    editor = page.url

    # A report mark, then a follow-up; the starting question goes.
    page.select_option("#newType-p1", "report_mark")
    page.fill("#newText-p1", "Welk cijfer geeft u de logeeropvang?")
    with page.expect_navigation():
        page.press("#newText-p1", "Enter")
    page.select_option("#newType-p1", "long_text")
    page.fill("#newText-p1", "Wat moet er anders?")
    with page.expect_navigation():
        page.click("button[value='nieuwe-vraag:p1']")
    with page.expect_navigation():
        page.click("button[value='verwijder:vraag_1']")
    page.select_option("#bankItem-p1", "ervaring_algemeen")
    with page.expect_navigation():
        page.click("button[value='uit-bank:p1']")
    with page.expect_navigation():
        page.click("button[value='omhoog:ervaring_algemeen']")
    texts = page.locator("ol.builder-questions li strong").all_inner_texts()
    assert texts == ["Welk cijfer geeft u de logeeropvang?", "Hoe was uw ervaring met onze hulp, alles bij elkaar?", "Wat moet er anders?"]

    # The follow-up only for a low mark, in two languages.
    with page.expect_navigation():
        page.click("ol.builder-questions li:nth-child(3) a")
    page.fill("#textEN", "What should change?")
    page.fill("#condition", '{"question": "vraag_2", "atMost": 5}')
    with page.expect_navigation():
        page.click("text=Vraag opslaan")
    assert page.url == editor
    assert "alleen als" in page.content()

    with page.expect_navigation():
        page.click("a[lang=en]")
    assert "How was respite care?" in page.content() and "What should change?" in page.content()

    # Open it and answer it as a parent on a phone.
    page.goto(editor)
    with page.expect_navigation():
        page.click("text=Terug naar de vragenlijst")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    link = page.locator("#open-link").inner_text().strip()
    page.close()

    phone = playwright_browser.new_context(viewport={"width": 360, "height": 740})
    respondent = phone.new_page()
    respondent.goto(link)
    with respondent.expect_navigation():
        respondent.click("text=Beginnen")
    assert not respondent.locator("#a-vraag_3").is_visible()
    respondent.check("#a-vraag_2-4")
    assert respondent.locator("#a-vraag_3").is_visible()
    respondent.fill("#a-vraag_3", "Vaker een vaste begeleider")
    respondent.locator("#a-ervaring_algemeen input[type=radio]").first.check()
    with respondent.expect_navigation():
        respondent.click("button[value=verder]")
    assert respondent.url.endswith("/bedankt")
    phone.close()
