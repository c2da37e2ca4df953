"""The executable's commands, run as an operator would: help, create-user, backup while serving,
first run without demo data, restart keeps data, PostgreSQL migrations, and a graceful stop."""
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest

from conftest import BINARY, POSTGRES_URL, REPO, Server, free_port, log_in


@pytest.mark.parametrize("command", ["serve", "migrate", "create-user", "backup"])
def test_every_command_explains_itself(server, command):
    result = server.command(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout or "usage" in result.stdout.lower()


@pytest.mark.parametrize("args", [["--help"], ["serve", "--help"]])
def test_help_works_from_any_folder_without_configuration(args):
    result = subprocess.run([BINARY, *args], cwd="/tmp", env={}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "usage" in result.stdout.lower() and "string catalog" not in result.stdout + result.stderr


def test_an_installed_binary_serves_from_another_folder_on_the_port_asked_for(tmp_path):
    # The layout of a package: bin/meedenken and share/meedenken/{Resources,Public}.
    prefix = tmp_path / "installed"
    (prefix / "bin").mkdir(parents=True)
    shutil.copy2(BINARY, prefix / "bin" / "meedenken")
    for folder in ("Resources", "Public"):
        shutil.copytree(os.path.join(REPO, folder), prefix / "share" / "meedenken" / folder)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    port = free_port()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MEEDENKEN_DATA_DIR": str(tmp_path / "data")}
    log_path = tmp_path / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([str(prefix / "bin" / "meedenken"), "serve", "--port", str(port)], cwd=elsewhere, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.time() + 60
            while True:
                assert process.poll() is None, log_path.read_text()
                try:
                    with urllib.request.urlopen(base + "/", timeout=2) as response:
                        home = response.read().decode()
                        break
                except OSError:
                    assert time.time() < deadline, log_path.read_text()
                    time.sleep(0.2)
            assert "Jeugdzorg Voorbeeld" in home
            with urllib.request.urlopen(base + "/css/meedenken.css") as response:
                assert response.status == 200
            output = log_path.read_text()
            assert f"Meedenken serves on {base}" in output
            setup_link = next(line.strip() for line in output.splitlines() if "/installatie/" in line)
            assert setup_link.startswith(base + "/installatie/"), "the setup link names the port served on"
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    assert process.returncode == 0


def test_create_user_reads_the_password_from_standard_input(server, playwright_browser, authenticator):
    result = server.command("create-user", "--email", "noor@proef.nl", "--name", "Noor Bakker", "--role", "council_member",
                            stdin="een wachtwoord van de cli\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "een wachtwoord van de cli" not in result.stdout + result.stderr
    context = playwright_browser.new_context()
    page = context.new_page()
    log_in(page, server.base, "noor@proef.nl", authenticator, password="een wachtwoord van de cli")
    context.close()
    short = server.command("create-user", "--email", "kort@proef.nl", "--name", "Kort", "--role", "researcher", stdin="kort\n")
    assert short.returncode == 1 and "shorter than 12" in short.stderr
    assert "Fatal error" not in short.stderr and "Stack" not in short.stderr


def test_a_backup_is_a_consistent_copy_made_while_serving(server):
    target = os.path.join(tempfile.mkdtemp(), "copy.sqlite")
    result = server.command("backup", target)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as copy:
        assert copy.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert copy.execute("select count(*) from staff_users").fetchone()[0] >= 7
    again = server.command("backup", target)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_a_first_run_prints_a_setup_link_and_a_restart_keeps_the_data(playwright_browser, authenticator):
    data = os.path.join(tempfile.mkdtemp(prefix="meedenken-first-"), "data")
    first = Server(data, demo=False).start()
    time.sleep(0.5)
    link = next(line.strip() for line in first.output().splitlines() if "/installatie/" in line)
    context = playwright_browser.new_context()
    page = context.new_page()
    page.goto(link)
    page.fill("#displayName", "Eerste Beheerder")
    page.fill("#email", "eerste@proef.nl")
    page.fill("#password", "het eerste lange wachtwoord")
    page.fill("#passwordRepeat", "het eerste lange wachtwoord")
    page.click("main button[type=submit]")
    assert page.url.endswith("/inloggen/tweestapsverificatie")
    context.close()
    assert first.stop() == 0

    second = Server(data, demo=False).start()
    time.sleep(0.5)
    assert "/installatie/" not in second.output(), "an administrator exists: no new setup link"
    with sqlite3.connect(os.path.join(data, "meedenken.sqlite")) as db:
        assert db.execute("select email from staff_users").fetchall() == [("eerste@proef.nl",)]
    assert second.stop() == 0


def test_half_configured_postgresql_stops_with_a_message_naming_each_setting(server):
    result = server.command("serve", extra_env={"MEEDENKEN_POSTGRES_HOST": "db.example", "MEEDENKEN_POSTGRES_PASSWORD": "x"})
    assert result.returncode == 1
    assert "MEEDENKEN_POSTGRES_USER" in result.stderr and "MEEDENKEN_POSTGRES_DATABASE" in result.stderr
    assert "Fatal error" not in result.stderr


def test_on_postgresql_serve_waits_for_migrate_and_then_runs(tmp_path):
    assert POSTGRES_URL, "MEEDENKEN_TEST_POSTGRES_URL is set by scripts/test"
    name = "meedenken_e2e_" + uuid.uuid4().hex[:12]
    parts = urllib.parse.urlsplit(POSTGRES_URL)
    subprocess.run(["psql", "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username, "-d", "postgres",
                    "-c", f"create database {name}"], check=True, capture_output=True)
    url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))
    instance = Server(str(tmp_path / "data"), demo=True, extra_env={"MEEDENKEN_DATABASE_URL": url})
    refused = instance.command("serve")
    assert refused.returncode == 1
    assert "pending migration" in refused.stderr and "meedenken migrate" in refused.stderr
    migrated = instance.command("migrate")
    assert migrated.returncode == 0 and "Applied" in migrated.stdout, migrated.stderr
    assert "up to date" in instance.command("migrate").stdout
    instance.start()
    with urllib.request.urlopen(instance.base + "/readyz") as response:
        assert response.status == 200
    with urllib.request.urlopen(instance.base + "/inloggen") as response:
        assert "Inloggen" in response.read().decode()
    assert instance.stop() == 0
    backup = instance.command("backup", str(tmp_path / "x.sqlite"))
    assert backup.returncode == 1 and "pg_dump" in backup.stderr


def test_a_stop_lets_requests_in_flight_finish(tmp_path):
    instance = Server(str(tmp_path / "data"), demo=True).start()
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(instance.base + "/inloggen").read().decode()
    token = page.split('name="_csrf" value="')[1].split('"')[0]
    results = []

    def attempt(number):
        # A real password check (bcrypt) keeps each request busy for a while.
        body = urllib.parse.urlencode({"_csrf": token, "email": f"iemand{number}@proef.nl", "password": "een fout wachtwoord"}).encode()
        try:
            opener.open(instance.base + "/inloggen", data=body, timeout=30)
            results.append("answered")
        except urllib.error.HTTPError as error:
            results.append("answered" if error.code in (401, 429) else f"status {error.code}")
        except Exception as error:  # a dropped connection would land here
            results.append(f"dropped: {error}")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    # Eight bcrypt checks on two cores take about a second: half a second in, all are in flight.
    time.sleep(0.5)
    code = instance.stop()
    for thread in threads:
        thread.join()
    assert code == 0
    started = [r for r in results if not r.startswith("dropped: <urlopen error [Errno 111]")]
    assert started and all(r == "answered" for r in started), results
