"""Faults an operator meets: idle and half-sent connections, and a database that goes away."""
import json
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import uuid

from conftest import POSTGRES_URL, Server


def test_idle_and_half_sent_connections_are_closed_and_the_server_keeps_answering(tmp_path):
    instance = Server(str(tmp_path / "data"), demo=False, extra_env={"MEEDENKEN_CONNECTION_IDLE_SECONDS": "2"}).start()
    try:
        sockets = []
        for number in range(300):
            s = socket.create_connection(("127.0.0.1", instance.port))
            if number % 2:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            sockets.append(s)
        with urllib.request.urlopen(instance.base + "/readyz", timeout=30) as response:
            assert response.status == 200
        # A client that goes away in the middle of sending a form is no server error.
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", instance.port)) as s:
                s.sendall(b"POST /inloggen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                          b"Content-Length: 5000\r\n\r\nemail=a%40b.nl&pass")
        for s in sockets:
            s.settimeout(30)
            try:
                assert s.recv(1) == b"", "the server closes a connection that stays silent"
            except ConnectionResetError:
                pass
            s.close()
        with urllib.request.urlopen(instance.base + "/healthz", timeout=30) as response:
            assert response.status == 200
    finally:
        assert instance.stop() == 0
    assert "unhandled error" not in instance.output() and "status: 500" not in instance.output(), instance.output()[-2000:]


def psql(*sql):
    parts = urllib.parse.urlsplit(POSTGRES_URL)
    for statement in sql:
        subprocess.run(["psql", "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username, "-d", "postgres", "-c", statement],
                       check=True, capture_output=True)


def test_a_database_that_goes_away_gives_calm_503s_and_commands_say_what_they_could_not_reach(tmp_path):
    assert POSTGRES_URL, "MEEDENKEN_TEST_POSTGRES_URL is set by scripts/test"
    name = "meedenken_down_" + uuid.uuid4().hex[:12]
    parts = urllib.parse.urlsplit(POSTGRES_URL)
    psql(f"create database {name}")
    url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))
    instance = Server(str(tmp_path / "data"), demo=False, extra_env={"MEEDENKEN_DATABASE_URL": url})
    assert instance.command("migrate").returncode == 0
    token = instance.command("api-token", "create", "--name", "zaak", "--scope", "questionnaires:read").stdout.strip().splitlines()[-1]
    instance.start()
    try:
        psql(f"alter database {name} allow_connections false",
             f"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}'")
        try:
            urllib.request.urlopen(instance.base + "/inloggen", timeout=30)
            raise AssertionError("the login page needs the database")
        except urllib.error.HTTPError as error:
            assert error.code == 503
            assert error.headers["Retry-After"]
            assert "niet bereikbaar" in error.read().decode()
        request = urllib.request.Request(instance.base + "/api/v1/questionnaires", headers={"Authorization": f"Bearer {token}"})
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError("the API needs the database")
        except urllib.error.HTTPError as error:
            assert error.code == 503
            assert error.headers["Content-Type"].startswith("application/problem+json")
            assert json.loads(error.read())["status"] == 503
        with urllib.request.urlopen(instance.base + "/healthz", timeout=30) as response:
            assert response.status == 200, "the process itself is alive"
        migrate = instance.command("migrate")
        assert migrate.returncode != 0
        assert f"Could not reach PostgreSQL at postgres://{parts.username}@{parts.hostname}:{parts.port}/{name}" in migrate.stderr, migrate.stderr
        assert "Generic description" not in migrate.stderr
        psql(f"alter database {name} allow_connections true")
        with urllib.request.urlopen(instance.base + "/inloggen", timeout=30) as response:
            assert response.status == 200, "back as soon as the database is"
    finally:
        psql(f"alter database {name} allow_connections true")
        instance.stop()
        psql(f"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}'", f"drop database {name}")
