import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SQLiteNIO

/// The issue 4 benchmark: `meedenken-bench results [--responses N] [--postgres URL]`. It fills a
/// fresh database with N made-up responses of 20 questions over 40 teams (`meedenken
/// seed-results`), serves it with a release build, and times over HTTP: the full results of the
/// questionnaire with its team breakdown, a filtered view, and the SPSS export (with the server's
/// memory sampled while it streams). As reference, in the same run, the equivalent plain SQL
/// aggregate on the raw rows, timed directly on the database.
enum ResultsBench {
    struct Arguments {
        var binary = ".build/release/meedenken"
        var responses = 1_000_000
        var postgres: String?
        var repeats = 5
        /// Keep the data in this folder and reuse it when it holds a database already (SQLite).
        var data: String?
        /// Use the PostgreSQL database as it is (seeded by an earlier run).
        var reuse = false
    }

    /// Every stored closed answer as a row: a response keeps its closed answers only in its
    /// answer line (`key=value` pairs joined by U+001F), so the reference splits the lines in
    /// SQL (SQLite: as a JSON array; PostgreSQL: `string_to_array`) and counts the pairs per
    /// group: the same figures the results page shows, from the same stored data. (A multiple
    /// choice answer is one pair here and one count per option in Meedenken: the same work.)
    static func answers(postgres: Bool) -> (from: String, pair: String) {
        postgres
            ? ("responses r CROSS JOIN LATERAL unnest(string_to_array(r.answer_line, chr(31))) AS p(pair)", "p.pair")
            : ("responses r, json_each('[\"' || replace(r.answer_line, char(31), '\",\"') || '\"]') AS p", "p.value")
    }

    static func fullAggregate(postgres: Bool) -> String {
        let answers = answers(postgres: postgres)
        return "SELECT r.team_id, \(answers.pair), COUNT(*) AS n FROM \(answers.from) GROUP BY 1, 2"
    }

    static func monthlyAggregate(postgres: Bool) -> String {
        let answers = answers(postgres: postgres)
        return "SELECT substr(r.submitted_on, 1, 7), \(answers.pair), COUNT(*) AS n FROM \(answers.from) GROUP BY 1, 2"
    }

    static func filteredAggregate(postgres: Bool) -> String {
        let answers = answers(postgres: postgres)
        return "SELECT r.team_id, \(answers.pair), COUNT(*) AS n FROM \(answers.from) WHERE r.channel = 'paper' GROUP BY 1, 2"
    }

    /// The heaviest view the pages allow: every filter at once (the quarter a year ago).
    static func everyFilterAggregate(postgres: Bool, quarter: String) -> String {
        let answers = answers(postgres: postgres)
        return """
            SELECT r.team_id, \(answers.pair), COUNT(*) AS n FROM \(answers.from)
            WHERE r.channel = 'invitation' AND r.respondent_role = 'parent' AND r.language = 'nl' AND r.age_band IS NULL
            AND substr(r.submitted_on, 1, 4) || '-Q' || CAST((CAST(substr(r.submitted_on, 6, 2) AS INTEGER) + 2) / 3 AS TEXT) = '\(quarter)'
            GROUP BY 1, 2
            """
    }

    /// What the respondent export reads: every response with its answer line.
    static let exportScan = "SELECT r.id, r.team_id, r.submitted_on, r.respondent_role, r.answer_line FROM responses r"

    static func run(_ arguments: Arguments) async throws {
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("meedenken-results-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }  // --data folders are kept
        let database = arguments.postgres == nil ? "SQLite" : "PostgreSQL"
        print("Meedenken results benchmark on \(database): \(arguments.responses) responses of 20 questions over 40 teams")
        var extra: [String: String] = [:]
        if let url = arguments.postgres { extra["MEEDENKEN_DATABASE_URL"] = url }
        let dataDirectory = arguments.data ?? work.appendingPathComponent("data").path
        let server = try ServerProcess(binary: arguments.binary, dataDirectory: dataDirectory, extraEnvironment: extra)
        let existing = arguments.postgres == nil ? FileManager.default.fileExists(atPath: server.databasePath) : arguments.reuse
        if existing {
            print("Using the responses already in \(arguments.postgres == nil ? dataDirectory : "the PostgreSQL database")")
        } else {
            let seeded = ContinuousClock.now
            let seedOutput = try server.command(["seed-results", "--responses", String(arguments.responses), "--teams", "40"])
            print("Seeded in \(String(format: "%.0f", (ContinuousClock.now - seeded).seconds)) s: \(seedOutput.split(separator: "\n").last ?? "")")
        }
        let token =
            try server.command(["api-token", "create", "--name", "bench", "--scope", "results:read,responses:export,questionnaires:read"])
            .split(separator: "\n").last.map(String.init) ?? ""

        // A team manager of all forty teams: the one role that sees results without a second
        // factor, so the benchmark can log in through the real form.
        let password = "een lang wachtwoord voor de benchmark"
        let email = "bench-\(UUID().uuidString.prefix(8).lowercased())@example.nl"
        let teams = (1...40).map { String(format: "Team %02d", $0) }.joined(separator: ",")
        _ = try server.command(
            ["create-user", "--email", email, "--name", "Bench", "--role", "team_manager", "--teams", teams], input: password + "\n")

        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        var table: [(String, String, String, String)] = []
        do {
            try await server.start(client: client, demo: false)
            let questionnaireID = try await benchQuestionnaireID(client: client, base: server.base, token: token)
            // The first results request after a start (or after a month closes) counts the release
            // of every closed month, once; every later view only sums its classes.
            let counting = ContinuousClock.now
            let count = try await respondentCount(client: client, base: server.base, token: token, questionnaireID: questionnaireID)
            let countingSeconds = (ContinuousClock.now - counting).seconds
            print("The questionnaire has \(count) responses.")
            let results = server.base + "/api/v1/questionnaires/\(questionnaireID)/results"
            func timed(_ url: String) async throws -> (seconds: Double, bytes: Int) {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                let started = ContinuousClock.now
                let response = try await client.execute(request, timeout: .seconds(3_600))
                var bytes = 0
                for try await buffer in response.body { bytes += buffer.readableBytes }
                guard response.status == .ok else { throw BenchError("\(url) answered \(response.status)") }
                return ((ContinuousClock.now - started).seconds, bytes)
            }
            let session = try await logIn(client: client, base: server.base, email: email, password: password)
            let page = server.base + "/resultaten/\(questionnaireID)"
            func timedPage(_ url: String) async throws -> Double {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Cookie", value: session)
                let started = ContinuousClock.now
                let response = try await client.execute(request, timeout: .seconds(3_600))
                var bytes = 0
                for try await buffer in response.body { bytes += buffer.readableBytes }
                guard response.status == .ok, bytes > 10_000 else { throw BenchError("\(url) answered \(response.status), \(bytes) bytes") }
                return (ContinuousClock.now - started).seconds
            }
            _ = try await timedPage(page)  // warm-up
            let htmlPage = try await median((0..<arguments.repeats).map { _ in { try await timedPage(page) } })
            let htmlFiltered = try await median((0..<arguments.repeats).map { _ in { try await timedPage(page + "?kanaal=paper") } })
            let htmlMonths = try await median((0..<arguments.repeats).map { _ in { try await timedPage(page + "?per=maand") } })
            let yearAgo = Calendar(identifier: .gregorian).dateComponents([.year, .month], from: Date().addingTimeInterval(-365 * 86_400))
            let quarter = "\(yearAgo.year ?? 2025)-Q\(((yearAgo.month ?? 1) + 2) / 3)"
            let everyFilter = "rol=parent&leeftijd=-&taal=nl&kanaal=invitation"
            let htmlEveryFilter = try await median(
                (0..<arguments.repeats).map { _ in { try await timedPage(page + "?\(everyFilter)&kwartaal=\(quarter)") } })
            let htmlEveryFilterByMonth = try await median(
                (0..<arguments.repeats).map { _ in { try await timedPage(page + "?\(everyFilter)&per=maand") } })
            _ = try await timed(results)  // warm-up: caches, statement preparation
            let full = try await median((0..<arguments.repeats).map { _ in { try await timed(results).seconds } })
            let filtered = try await median((0..<arguments.repeats).map { _ in { try await timed(results + "?kanaal=paper").seconds } })
            let postgres = arguments.postgres != nil
            let fullReference = try await reference(arguments, server: server, sql: fullAggregate(postgres: postgres))
            let filteredReference = try await reference(arguments, server: server, sql: filteredAggregate(postgres: postgres))
            let monthlyReference = try await reference(arguments, server: server, sql: monthlyAggregate(postgres: postgres))
            let everyFilterReference = try await reference(
                arguments, server: server, sql: everyFilterAggregate(postgres: postgres, quarter: quarter))
            table.append(("first results request (counts the release), ms", ms(countingSeconds), ms(fullReference), ratio(countingSeconds, fullReference)))
            table.append(("results page (HTML), all teams, ms (≤ 1000)", ms(htmlPage), ms(fullReference), ratio(htmlPage, fullReference)))
            table.append(
                ("results page, every filter, ms (≤ 300)", ms(htmlEveryFilter), ms(everyFilterReference), ratio(htmlEveryFilter, everyFilterReference)))
            table.append(
                (
                    "results page, four filters by month, ms (≤ 300)", ms(htmlEveryFilterByMonth), ms(monthlyReference),
                    ratio(htmlEveryFilterByMonth, monthlyReference)
                ))
            table.append(("results page filtered (channel), ms (≤ 300)", ms(htmlFiltered), ms(filteredReference), ratio(htmlFiltered, filteredReference)))
            table.append(("results page over time, by month, ms", ms(htmlMonths), ms(monthlyReference), ratio(htmlMonths, monthlyReference)))
            table.append(("results API (JSON), team breakdown, ms", ms(full), ms(fullReference), ratio(full, fullReference)))
            table.append(("results API filtered (channel), ms", ms(filtered), ms(filteredReference), ratio(filtered, filteredReference)))

            // The SPSS export, with the server's resident memory sampled while it streams.
            let baseline = server.residentMemoryKiB()
            let peak = MemoryPeak()
            let sampler = Task {
                while !Task.isCancelled {
                    peak.record(server.residentMemoryKiB())
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            let export = try await timed(server.base + "/api/v1/questionnaires/\(questionnaireID)/responses?format=sav")
            sampler.cancel()
            let exportReference = try await reference(arguments, server: server, sql: exportScan)
            let rate = Double(count) / export.seconds
            table.append(
                (
                    "SPSS export, responses/s (≥ 100000)", String(format: "%.0f", rate),
                    exportReference.rows > 0 ? String(format: "%.0f", Double(exportReference.rows) / exportReference.seconds) : "–",
                    ratio(export.seconds, exportReference)
                ))
            table.append(("SPSS export, MB written", String(format: "%.0f", Double(export.bytes) / 1e6), "–", ""))
            table.append(
                ("server memory before / peak in export, MB", "\(baseline / 1024) / \(peak.value / 1024)", "–", "+\((peak.value - baseline) / 1024)"))
        } catch {
            try? await client.shutdown().get()
            try? await server.stop()
            throw error
        }
        try await client.shutdown().get()
        try? await server.stop()
        print("")
        let widths = [44, 14, 14, 6]
        for row in [("measure", "Meedenken", "\(database) SQL", "ratio")] + table {
            print(zip([row.0, row.1, row.2, row.3], widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        print("\nreference: plain SQL on the stored rows, timed directly: the answer lines split into their answers and counted per group")
        print("(for the export, a scan of every response with its answer line). A reference that returned no rows gets no ratio.")
        print("ratio: Meedenken's time divided by the reference's (below 1: faster than the plain query, thanks to the kept counts).")
    }

    /// A reference query's time and how many rows it gave: a reference that gave none did no
    /// work, and no ratio is printed against it.
    struct Reference {
        let seconds: Double
        let rows: Int
    }

    static func reference(_ arguments: Arguments, server: ServerProcess, sql: String) async throws -> Reference {
        if let url = arguments.postgres {
            guard let parts = URLComponents(string: url), let host = parts.host else { throw BenchError("not a PostgreSQL URL: \(url)") }
            let configuration = PostgresConnection.Configuration(
                host: host, port: parts.port ?? 5432, username: parts.user ?? "postgres", password: parts.password,
                database: String(parts.path.dropFirst()), tls: .disable)
            let logger = Logger(label: "bench")
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            defer { Task { try? await connection.close() } }
            let started = ContinuousClock.now
            var rows = 0
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) { rows += 1 }
            return Reference(seconds: (ContinuousClock.now - started).seconds, rows: rows)
        }
        let connection = try await SQLiteConnection.open(storage: .file(path: server.databasePath))
        defer { Task { try? await connection.close() } }
        let started = ContinuousClock.now
        let rows = try await connection.query(sql, []).count
        return Reference(seconds: (ContinuousClock.now - started).seconds, rows: rows)
    }

    static func benchQuestionnaireID(client: HTTPClient, base: String, token: String) async throws -> String {
        var request = HTTPClientRequest(url: base + "/api/v1/questionnaires")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 10_000_000)
        let list = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [[String: Any]] ?? []
        guard let id = list.first(where: { $0["key"] as? String == "bench-resultaten" })?["id"] as? String else {
            throw BenchError("no bench questionnaire in the database: \(response.status) \(String(buffer: body).prefix(300))")
        }
        return id
    }

    static func respondentCount(client: HTTPClient, base: String, token: String, questionnaireID: String) async throws -> Int {
        var request = HTTPClientRequest(url: base + "/api/v1/questionnaires/\(questionnaireID)/results")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(600))
        let body = try await response.body.collect(upTo: 100_000_000)
        let document = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        return ((document?["groups"] as? [[String: Any]])?.first?["respondents"] as? Int) ?? 0
    }

    /// Logs in through the form (double-submit CSRF: the same random token as cookie and field)
    /// and returns the cookies to send.
    static func logIn(client: HTTPClient, base: String, email: String, password: String) async throws -> String {
        let csrf = (0..<2).map { _ in UUID().uuidString.replacingOccurrences(of: "-", with: "") }.joined()
        var request = HTTPClientRequest(url: base + "/inloggen")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Cookie", value: "meedenken-csrf=\(csrf)")
        let body =
            "_csrf=\(csrf)&email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password)"
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(60))
        let session = response.headers["Set-Cookie"].compactMap { header -> String? in
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            return pair.hasPrefix("meedenken-session=") ? pair : nil
        }.first
        guard response.status == .seeOther, let session else { throw BenchError("logging in answered \(response.status)") }
        return "\(session); meedenken-csrf=\(csrf)"
    }

    static func median(_ runs: [() async throws -> Double]) async throws -> Double {
        var values: [Double] = []
        for run in runs { values.append(try await run()) }
        return values.sorted()[values.count / 2]
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.0f", seconds * 1000) }
    static func ms(_ reference: Reference) -> String { reference.rows > 0 ? ms(reference.seconds) : "no work" }

    /// Meedenken's time over the reference's; none against a reference that did no work.
    static func ratio(_ value: Double, _ reference: Reference) -> String {
        reference.rows > 0 && reference.seconds > 0 ? String(format: "%.2f", value / reference.seconds) : "–"
    }
}

/// The highest value seen, from the sampling task.
final class MemoryPeak: @unchecked Sendable {
    private let lock = NSLock()
    private var highest = 0
    func record(_ value: Int) { lock.withLock { highest = max(highest, value) } }
    var value: Int { lock.withLock { highest } }
}
