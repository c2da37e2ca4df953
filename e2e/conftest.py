"""Shared fixtures for the browser and command tests: a real Meedenken server started from the built
binary, Debian's Chromium driven by Playwright, and an independent TOTP implementation (RFC 6238) to
answer the second-factor step the way an authenticator app would."""
import base64
import hashlib
import hmac
import os
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

BINARY = os.environ.get("MEEDENKEN_BINARY", "")
REPO = os.environ.get("MEEDENKEN_REPO", os.getcwd())
CHROMIUM = os.environ.get("MEEDENKEN_CHROMIUM", "/usr/bin/chromium")
POSTGRES_URL = os.environ.get("MEEDENKEN_TEST_POSTGRES_URL", "")
DEMO_PASSWORD = "meedenken-demo"
DEMO_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ADMIN = "beheerder@demo.meedenken.nl"


def totp(secret, step):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


class Authenticator:
    """Hands out codes like an app, but never the same step twice for one person: Meedenken
    accepts each code once, and one step of drift either way."""

    def __init__(self):
        self.last_step = {}

    def code(self, who, secret):
        while True:
            now = int(time.time() // 30)
            for step in (now, now + 1):
                if step > self.last_step.get(who, -1):
                    self.last_step[who] = step
                    return totp(secret, step)
            time.sleep(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `meedenken serve` process on its own port and data folder."""

    def __init__(self, data_dir, demo=True, extra_env=None):
        assert BINARY and os.path.exists(BINARY), "MEEDENKEN_BINARY must point at the built meedenken binary"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        self.demo = demo
        self.env = dict(os.environ, MEEDENKEN_DATA_DIR=data_dir, MEEDENKEN_PORT=str(self.port),
                        MEEDENKEN_PUBLIC_URL=self.base, MEEDENKEN_ORGANISATION_NAME="Jeugdzorg Proef")
        self.env.update(extra_env or {})
        self.log_path = os.path.join(data_dir, f"server-{self.port}.log")
        self.process = None

    def start(self):
        os.makedirs(self.data_dir, exist_ok=True)
        args = [BINARY, "serve"] + (["--demo"] if self.demo else [])
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(args, cwd=REPO, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError("server did not become healthy:\n" + self.output())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()
        return self.process.returncode

    def output(self):
        with open(self.log_path) as f:
            return f.read()

    def command(self, *args, stdin=None, extra_env=None):
        env = dict(self.env)
        env.update(extra_env or {})
        return subprocess.run([BINARY, *args], cwd=REPO, env=env, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def authenticator():
    return Authenticator()


@pytest.fixture(scope="session")
def server():
    folder = tempfile.mkdtemp(prefix="meedenken-e2e-")
    running = Server(os.path.join(folder, "data")).start()
    yield running
    assert running.stop() == 0, "a graceful stop exits 0"


@pytest.fixture(scope="session")
def playwright_browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def context(playwright_browser):
    context = playwright_browser.new_context(viewport={"width": 390, "height": 844})
    yield context
    context.close()


def log_in(page, base, email, authenticator, secret=DEMO_SECRET, password=DEMO_PASSWORD):
    page.goto(base + "/inloggen")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    if page.url.endswith("/inloggen/code"):
        page.fill("#code", authenticator.code(email, secret))
        page.click("main button[type=submit]")
    assert page.url.endswith("/werkplek"), page.url


@pytest.fixture(scope="session")
def admin_context(playwright_browser, server, authenticator):
    """One administrator session for the tests that only look at pages."""
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    # The login page stays open (it is closed with its context): closing a page right after a
    # navigation was the one place a run was seen to hang.
    log_in(context.new_page(), server.base, ADMIN, authenticator)
    yield context
    context.close()


@pytest.fixture(scope="session")
def coordinator_context(playwright_browser, server, authenticator):
    """A participation coordinator's session, for the questionnaire pages."""
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(context.new_page(), server.base, "coordinator@demo.meedenken.nl", authenticator)
    yield context
    context.close()


COORDINATOR_PAGES = ["/vragenlijsten", "/resultaten", "/codeboek", "/vragenlijsten/nieuw", "/vragenbank", "/vragenlijsten/importeren", "/trajecten/importeren", "/uitgaande-mail",
                     "/trajecten/gepland", "/uitgaande-mail/voorbeelden", "/panel", "/panel/voorstellen"]
RESPONDENT_START_PAGES = ["/v/demo-ouders", "/v/demo-kinderen", "/v/demo-jongeren", "/v/bestaat-niet", "/u/onbekend", "/afmelden/onbekend"]
STAFF_PAGES = ["/werkplek", "/account", "/beheer/gebruikers", "/beheer/gebruikers/nieuw", "/beheer/teams",
               "/beheer/instellingen", "/beheer/auditlog", "/beheer/api-sleutels"]
PUBLIC_PAGES = ["/", "/wat-vinden-clienten", "/privacy", "/toegankelijkheid", "/inloggen", "/bestaat-niet", "/activeren/verlopen-link",
                "/denk-mee", "/denk-mee/verstuurd", "/denk-mee/bevestigen/onbekend", "/mijn-gegevens", "/mijn-gegevens/onbekend"]
