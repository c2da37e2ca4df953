"""The open link's A4 poster: a coordinator opens it from the questionnaire, it passes axe and
fits a phone's width, and its QR code, as Chromium draws it, decodes with a real decoder
(zbarimg from Debian's zbar-tools) to exactly the open link."""
import shutil
import subprocess

from test_accessibility import serious


def test_the_poster_qr_code_decodes_to_the_open_link(server, coordinator_context, tmp_path):
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg (Debian package zbar-tools) is missing: scripts/test installs it"
    page = coordinator_context.new_page()
    # The first open questionnaire (the demo opens the exit questionnaires).
    page.goto(server.base + "/vragenlijsten")
    link = None
    for href in page.eval_on_selector_all("main a[href^='/vragenlijsten/']", "els => els.map(e => e.getAttribute('href'))"):
        page.goto(server.base + href)
        if page.is_visible("#open-link"):
            link = page.inner_text("#open-link")
            break
    assert link and "/v/" in link
    with page.expect_navigation():
        page.click("text=Poster met QR-code om af te drukken")
    assert page.is_visible("text=" + link)
    assert serious(page) == [], "poster"
    image = tmp_path / "poster-code.png"
    page.locator(".poster-code svg").screenshot(path=str(image))
    decoded = subprocess.run([zbarimg, "-q", "--raw", str(image)], capture_output=True, text=True, timeout=60)
    assert decoded.returncode == 0, decoded.stderr
    assert decoded.stdout.strip() == link

    # At 320 px the poster fits the screen.
    phone = coordinator_context.new_page()
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
