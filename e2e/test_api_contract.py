"""The API against its own OpenAPI document (issue 13.6): schemathesis generates valid and invalid
requests for every operation from /api/openapi.json and checks each answer against the document.
It runs on both engines (a SQLite file and PostgreSQL), once with a token holding every scope,
once more against a real questionnaire (so that 200 answers, files included, are checked too),
and once with a token for each single scope (the others then answer 403). Bounded and repeatable:
deterministic generation, a few examples per operation, one pass per phase (about a minute and a
half per engine).

Checks that run: every built-in one (`--checks all`): not_a_server_error, status_code_conformance,
content_type_conformance, response_schema_conformance, response_headers_conformance,
negative_data_rejection, positive_data_acceptance, missing_required_header, unsupported_method,
ignored_auth and the others. One exception, written down rather than hidden:

positive_data_acceptance is off for createQuestionnaire and postTrajectoryClosure. Their bodies have
rules JSON Schema cannot state, so a schema-valid body can still be refused with 422 (documented):
a closure's day may not lie in the future and its team must exist; a questionnaire's keys must be
unique and a condition may only name an earlier question and one of its options. The other
direction (negative_data_rejection: whatever the schema calls invalid is refused) stays on for them,
so every constraint the document states is one the server enforces."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from conftest import POSTGRES_URL, Server

SCHEMATHESIS = os.path.join(os.path.dirname(sys.executable), "schemathesis")
BODY_OPERATIONS_WITH_RULES_BEYOND_THE_SCHEMA = ["createQuestionnaire", "postTrajectoryClosure", "postWaveInvitations"]
SEED = 20260613
DEMO_TEAMS = ["Team Groningen", "Team Drenthe", "Team Utrecht Stad", "Team Amersfoort", "Team Eindhoven", "Team Den Bosch"]


def scopes_of(server):
    """The scopes as the token command names them (ApiScope.allCases), so a new scope is tested too."""
    help_text = server.command("api-token", "--help").stdout
    match = re.search(r"One or more of: ([a-z:, ]+?) \(comma-separated\)", help_text.replace("\n", " "))
    assert match, help_text
    return [scope.strip() for scope in match.group(1).split(",")]


def make_token(server, scopes):
    made = server.command("api-token", "create", "--name", f"schemathesis {' '.join(scopes)}"[:100], "--scope", ",".join(scopes))
    assert made.returncode == 0, made.stdout + made.stderr
    return made.stdout.strip().splitlines()[-1]


def config_file(folder, questionnaire_id=None):
    """The run's settings. A 413 refuses a body as surely as a 400 or 422 does, so it counts as a
    rejection of invalid data (it is documented for both body operations)."""
    rejections = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
    lines = [
        "[generation]",
        "deterministic = true",
        "",
        "[checks]",
        "enabled = true",
        f"negative_data_rejection.expected-statuses = {json.dumps(rejections)}",
        "",
        "[[operations]]",
        f"include-operation-id = {json.dumps(BODY_OPERATIONS_WITH_RULES_BEYOND_THE_SCHEMA)}",
        "checks.positive_data_acceptance.enabled = false",
    ]
    if questionnaire_id:
        # Against a real questionnaire, and closures for real teams on past days, so that the
        # answers with data (200, 201, files) are checked as well as the refusals.
        lines += ["", "[dictionaries.teams]", f"values = {json.dumps(DEMO_TEAMS)}",
                  "", "[dictionaries.days]", 'values = ["2024-01-15", "2025-06-30"]',
                  "", "[parameters]", f'"path.questionnaireID" = "{questionnaire_id}"',
                  '"body.team" = { dictionary = "teams" }', '"body.closedOn" = { dictionary = "days" }']
    path = os.path.join(folder, f"schemathesis-{uuid.uuid4().hex[:8]}.toml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def run_schemathesis(server, token, folder, examples, phases, questionnaire_id=None):
    # No --max-time: each phase makes one bounded pass (fuzzing would otherwise repeat until the
    # time is spent), so a run is the same every time.
    command = [SCHEMATHESIS, "--config-file", config_file(folder, questionnaire_id), "run", server.base + "/api/openapi.json",
               "--max-examples", str(examples), "--seed", str(SEED), "--phases", phases, "--request-timeout", "20",
               "--header", f"Authorization: Bearer {token}", "--no-color", "--suppress-health-check", "all"]
    # From the run's own folder: schemathesis keeps a cache (.schemathesis/) where it runs.
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    cases = re.search(r"(\d+) generated", output)
    return result.returncode, output, int(cases.group(1)) if cases else 0


def api_get(server, token, path):
    request = urllib.request.Request(server.base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(params=["sqlite", "postgresql"])
def api_server(request, tmp_path):
    extra = {}
    if request.param == "postgresql":
        assert POSTGRES_URL, "MEEDENKEN_TEST_POSTGRES_URL is set by scripts/test"
        parts = urllib.parse.urlsplit(POSTGRES_URL)
        name = "meedenken_api_" + uuid.uuid4().hex[:12]
        subprocess.run(["psql", "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username, "-d", "postgres",
                        "-c", f"create database {name}"], check=True, capture_output=True)
        extra["MEEDENKEN_DATABASE_URL"] = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))
    instance = Server(str(tmp_path / "data"), demo=True, extra_env=extra)
    if request.param == "postgresql":
        migrated = instance.command("migrate")
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    instance.start()
    yield instance
    assert instance.stop() == 0
    log = instance.output()
    assert "unhandled error" not in log, log[-3000:]


@pytest.mark.timeout(900)
def test_the_api_does_what_its_document_says_with_every_scope(api_server):
    server = api_server
    folder = tempfile.mkdtemp(prefix="meedenken-schemathesis-")
    scopes = scopes_of(server)
    assert len(scopes) >= 6, scopes
    everything = make_token(server, scopes)
    questionnaires = api_get(server, everything, "/api/v1/questionnaires")
    assert questionnaires, "the demo has questionnaires"
    with_results = next((q for q in questionnaires if q["key"] == "demo-ouders"), questionnaires[0])

    failures = []
    total = 0
    runs = [("every scope, drawn ids", everything, 8, "examples,coverage,fuzzing", None),
            ("every scope, a real questionnaire", everything, 8, "coverage,fuzzing", with_results["id"])]
    runs += [(f"only {scope}", make_token(server, [scope]), 1, "fuzzing", with_results["id"]) for scope in scopes]
    for label, token, examples, phases, questionnaire_id in runs:
        started = time.time()
        code, output, cases = run_schemathesis(server, token, folder, examples, phases, questionnaire_id)
        total += cases
        print(f"schemathesis [{label}]: {cases} cases, exit {code}, {time.time() - started:.0f} s")
        if code != 0:
            failures.append(f"--- {label} (exit {code}) ---\n{output[-6000:]}")
    print(f"schemathesis: {total} cases in all")
    assert total > 0, "schemathesis ran no case"
    assert not failures, "\n".join(failures)
