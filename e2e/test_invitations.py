"""The whole invitation path with real parts: a case system posts a closure of a family (a parent,
a child of 9, a youth of 14, a foster parent and a parent not to be contacted) over the API; a
real SMTP server (aiosmtpd, with STARTTLS and AUTH) receives the parent's, the youth's and the
foster parent's mail, the last with the child's own link in it; the parent answers on a phone, the child at
320 px with the keyboard only, the foster parent on a laptop; a reminder goes only to the youth,
who answers in English and then unsubscribes; staff see the counts per team."""
import email
import json
import os
import sqlite3
import ssl
import subprocess
import tempfile
import time
import urllib.request
from email import policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import Server, free_port, log_in

SMTP_USER = "meedenken"
SMTP_PASSWORD = "smtp-geheim"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        assert session.authenticated, "mail only after AUTH"
        assert session.ssl is not None, "mail only after STARTTLS"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos[0], message))
        return "250 OK"

    def wait_for(self, count, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline and len(self.messages) < count:
            time.sleep(0.2)
        assert len(self.messages) >= count, f"expected {count} mails, got {len(self.messages)}"
        return self.messages


def smtp_authenticator(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode())


def make_certificate(folder):
    key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return key, cert


def start_smtp(folder):
    """A real SMTP server (STARTTLS, AUTH) on a free port, and the settings that point Meedenken at it."""
    key, cert = make_certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = free_port()
    smtp = Controller(inbox, hostname="localhost", port=port, tls_context=context, require_starttls=True,
                      authenticator=smtp_authenticator, auth_require_tls=True)
    smtp.start()
    env = {"MEEDENKEN_MAIL_TRANSPORT": "smtp", "MEEDENKEN_SMTP_HOST": "localhost", "MEEDENKEN_SMTP_PORT": str(port),
           "MEEDENKEN_SMTP_SECURITY": "starttls", "MEEDENKEN_SMTP_USERNAME": SMTP_USER, "MEEDENKEN_SMTP_PASSWORD": SMTP_PASSWORD,
           "MEEDENKEN_SMTP_CA_FILE": cert, "MEEDENKEN_MAIL_INTERVAL_SECONDS": "1", "MEEDENKEN_MAIL_FROM": "meedenken@proef.nl"}
    return inbox, smtp, env


def api(base, token, method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def link_in(message, prefix):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return next(word for word in body.split() if prefix in word)


def answer_with_mouse(page):
    for _ in range(30):
        if page.url.endswith("/bedankt"):
            return
        for group in page.locator("main fieldset").all():
            radios = group.locator("input[type=radio]")
            if radios.count():
                radios.first.check()
        with page.expect_navigation():
            page.click("button[value=verder]")
    assert page.url.endswith("/bedankt"), page.url


def answer_with_keyboard(page):
    """Tab through each page: Space on the first choice of every unanswered group, Enter on Verder."""
    focused = """() => { const e = document.activeElement; if (!e) return "";
        if (e.matches("input[type=radio]")) return document.querySelector(`input[name="${e.name}"]:checked`) ? "answered" : "radio";
        if (e.matches("button[value=verder]")) return "next";
        return ""; }"""
    for _ in range(600):
        if page.url.endswith("/bedankt"):
            return
        page.keyboard.press("Tab")
        kind = page.evaluate(focused)
        if kind == "radio":
            page.keyboard.press("Space")
        elif kind == "next":
            with page.expect_navigation():
                page.keyboard.press("Enter")
    assert page.url.endswith("/bedankt"), page.url


def test_a_closure_reaches_parent_child_youth_and_foster_parent_over_smtp_and_staff_see_the_counts(playwright_browser, authenticator):
    folder = tempfile.mkdtemp(prefix="meedenken-smtp-")
    inbox, smtp, mail_env = start_smtp(folder)
    server = Server(os.path.join(folder, "data"), extra_env=dict(mail_env, MEEDENKEN_INVITATION_DELAY_DAYS="0")).start()
    try:
        made = server.command("api-token", "create", "--name", "zaaksysteem",
                              "--scope", "closures:write,statistics:read,questionnaires:read")
        assert made.returncode == 0, made.stderr
        token = made.stdout.strip().splitlines()[-1]
        assert token.startswith("mdk_")
        # Closed yesterday: invitations go out from noon (Amsterdam) of the closing day plus the
        # delay, so a case closed today would wait for noon when the test runs in the morning.
        closed_on = time.strftime("%Y-%m-%d", time.localtime(time.time() - 86400))
        closure = {"reference": "ZAAK-42", "team": "Team Drenthe", "closedOn": closed_on, "people": [
            {"role": "parent", "email": "ouder@example.nl", "language": "nl"},
            {"role": "youth", "email": "jongere@example.nl", "language": "en", "birthYear": int(time.strftime("%Y")) - 14},
            {"role": "child", "birthYear": int(time.strftime("%Y")) - 9},
            {"role": "foster_parent", "email": "pleegouder@example.nl"},
            {"role": "parent", "email": "geheim@example.nl", "doNotContact": True}]}
        status, report = api(server.base, token, "POST", "/api/v1/trajectory-closures", closure)
        assert status == 201 and report["invitationsPlanned"] == 4, report
        assert report["skipped"]["do_not_contact"] == 1 and report["skipped"]["child_under_12"] == 0
        status, again = api(server.base, token, "POST", "/api/v1/trajectory-closures", closure)
        assert status == 200 and again["status"] == "already_received"

        messages = inbox.wait_for(3)
        by_recipient = {recipient: message for recipient, message in messages}
        assert set(by_recipient) == {"ouder@example.nl", "jongere@example.nl", "pleegouder@example.nl"}, "each their own; nobody else"
        parent_mail, youth_mail = by_recipient["ouder@example.nl"], by_recipient["jongere@example.nl"]
        foster_mail = by_recipient["pleegouder@example.nl"]
        assert "Jeugdzorg Proef" in parent_mail["Subject"]
        parent_text = parent_mail.get_body(preferencelist=("plain",)).get_content()
        assert "Deze mail gaat niet over uw zaak" in parent_text
        # The child lives with the foster parent: the child's own link goes with the foster
        # parent's mail, not the birth parent's.
        foster_text = foster_mail.get_body(preferencelist=("plain",)).get_content()
        assert "Beste pleegouder" in foster_text and "pleegkind" in foster_text and "Voor uw kind" in foster_text
        foster_links = [word for word in foster_text.split() if "/u/" in word]
        assert len(foster_links) == 2, "the foster parent's own link and the child's"
        assert len([word for word in parent_text.split() if "/u/" in word]) == 1
        assert "not about your case" in youth_mail.get_body(preferencelist=("plain",)).get_content()
        assert parent_mail["List-Unsubscribe"], "mail programs offer the unsubscribe too"
        parent_link = link_in(parent_mail, "/u/")
        assert parent_link.startswith(server.base)

        # The parent answers on a phone, through the link in the mail.
        phone = playwright_browser.new_context(viewport={"width": 390, "height": 844})
        page = phone.new_page()
        page.goto(parent_link)
        assert "We zien alleen dát je de vragenlijst hebt ingevuld" in page.content()
        with page.expect_navigation():
            page.click("main button[type=submit]")
        answer_with_mouse(page)
        phone.close()

        # The child of 9 answers the children's questionnaire through their own link, on a
        # small phone, with the keyboard only.
        small = playwright_browser.new_context(viewport={"width": 320, "height": 640})
        page = small.new_page()
        page.goto(foster_links[1])
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, "nothing wider than the screen"
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('main form button[type=submit]')"):
                break
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/vragen" in page.url, page.url
        answer_with_keyboard(page)
        small.close()

        # The foster parent answers their own questionnaire on a laptop.
        laptop = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
        page = laptop.new_page()
        page.goto(foster_links[0])
        assert "pleegouder" in page.content()
        with page.expect_navigation():
            page.click("main button[type=submit]")
        answer_with_mouse(page)
        laptop.close()

        # A week later (moved back in the database, as time cannot be sped up): a reminder to the youth only.
        with sqlite3.connect(os.path.join(folder, "data", "meedenken.sqlite")) as database:
            database.execute("UPDATE invitations SET last_mailed_at = last_mailed_at - 8 * 86400")
        messages = inbox.wait_for(4)
        recipient, reminder = messages[3]
        assert recipient == "jongere@example.nl"
        assert "Reminder" in reminder["Subject"]
        time.sleep(2)
        assert len(inbox.messages) == 4, "no reminder for the parent, child or foster parent who answered, and one at a time"

        # The youth of 14 answers their own questionnaire in English, through the reminder.
        teen = playwright_browser.new_context(viewport={"width": 390, "height": 844})
        page = teen.new_page()
        page.goto(link_in(reminder, "/u/"))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        answer_with_mouse(page)
        teen.close()

        # The youth unsubscribes through the link in the reminder.
        visitor = playwright_browser.new_context()
        page = visitor.new_page()
        page.goto(link_in(reminder, "/afmelden/"))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert "Je bent afgemeld" in page.content()
        visitor.close()

        # Staff see the counts per team, never who answered what.
        status, questionnaires = api(server.base, token, "GET", "/api/v1/questionnaires")
        parents = next(q for q in questionnaires if q["key"] == "einde-begeleiding-ouders")
        youths = next(q for q in questionnaires if q["key"] == "einde-begeleiding-jongeren")
        children = next(q for q in questionnaires if q["key"] == "einde-begeleiding-kinderen")
        status, child_statistics = api(server.base, token, "GET", f"/api/v1/questionnaires/{children['id']}/invitation-statistics")
        assert child_statistics["total"]["invited"] == 1, "the child's link counts as the child's own invitation"
        status, statistics = api(server.base, token, "GET", f"/api/v1/questionnaires/{parents['id']}/invitation-statistics")
        # Opened and completed move in steps of the minimum group size: one answer shows as 0.
        assert statistics["total"]["completed"] == 0 and statistics["total"]["opened"] == 0
        assert statistics["total"]["invited"] >= 1
        assert statistics["teams"][0]["team"] == "Team Drenthe"
        staff = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
        page = staff.new_page()
        log_in(page, server.base, "coordinator@demo.meedenken.nl", authenticator)
        page.goto(f"{server.base}/vragenlijsten/{youths['id']}/uitnodigingen")
        row = page.locator("tbody tr").first
        cells = [cell.inner_text() for cell in row.locator("th, td").all()]
        assert cells[0] == "Team Drenthe"
        # Invited and reminded once; an answered invitation does not count as unsubscribed, and
        # opened and completed move in steps of the minimum group size.
        assert cells[2] == "1" and cells[3] == "1" and cells[4] == "0" and cells[6] == "0", cells
        staff.close()
    finally:
        smtp.stop()
        server.stop()
