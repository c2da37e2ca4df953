import Foundation
import SQLiteNIO

/// The same rows inserted directly on SQLite, with the settings Meedenken uses (WAL,
/// synchronous=normal); no HTTP, no framework. One transaction per response, as storing each
/// response by itself would be: Meedenken writes the responses that arrive together in one
/// transaction (`ResponseWriteQueue`), which is why it can store more per second than this.
enum Reference {
    static func open(_ path: String) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        // The settings Meedenken uses: WAL, synchronous=normal.
        _ = try await connection.query("PRAGMA journal_mode=WAL", [])
        _ = try await connection.query("PRAGMA synchronous=NORMAL", [])
        return connection
    }

    static func count(table: String, in path: String) async throws -> Int {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        defer { Task { try? await connection.close() } }
        let rows = try await connection.query("SELECT COUNT(*) AS n FROM \(table)", [])
        return rows.first?.column("n")?.integer ?? -1
    }

    /// Seconds to store `count` responses as Meedenken stores one: claim the draft, insert the
    /// response with its answer line, and add it to the three count tables (one row for the
    /// respondent, one per answer by month and in total), one transaction per response.
    static func responses(count: Int, folder: String) async throws -> Double {
        let connection = try await open(folder + "/reference-responses.sqlite")
        let key = "version_id TEXT, team TEXT, respondent_role TEXT, age_band TEXT, language TEXT, channel TEXT"
        let keyColumns = "version_id, team, respondent_role, age_band, language, channel"
        for statement in [
            "CREATE TABLE response_drafts (id TEXT PRIMARY KEY, token_hash TEXT UNIQUE, answers TEXT, is_sent INTEGER, current_page TEXT, updated_at REAL)",
            """
            CREATE TABLE responses (id TEXT PRIMARY KEY, version_id TEXT, submitted_on TEXT, language TEXT, channel TEXT, respondent_role TEXT,
            team_id TEXT, age_band TEXT, answer_line TEXT)
            """,
            "CREATE TABLE response_tallies (\(key), month TEXT, n INTEGER, UNIQUE (\(keyColumns), month))",
            "CREATE TABLE answer_tallies (\(key), month TEXT, question_key TEXT, value TEXT, n INTEGER, UNIQUE (\(keyColumns), month, question_key, value))",
            "CREATE TABLE answer_totals (\(key), question_key TEXT, value TEXT, n INTEGER, UNIQUE (\(keyColumns), question_key, value))",
        ] {
            _ = try await connection.query(statement, [])
        }
        var drafts: [String] = []
        _ = try await connection.query("BEGIN", [])
        for number in 0..<count {
            let id = UUID().uuidString
            drafts.append(id)
            _ = try await connection.query(
                "INSERT INTO response_drafts VALUES (?, ?, '{}', 0, NULL, ?)", [.text(id), .text("hash-\(number)"), .float(Date().timeIntervalSince1970)])
        }
        _ = try await connection.query("COMMIT", [])
        let version = UUID().uuidString
        let keyValues: [SQLiteData] = [.text(version), .text(""), .text("parent"), .text("-"), .text("nl"), .text("open_link")]
        let twenty = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", count: 20).joined(separator: ", ")
        let started = ContinuousClock.now
        for (number, draft) in drafts.enumerated() {
            let answers = (1...20).map { ("q\($0)", "number:\(($0 + number) % 10 + 1)") }
            _ = try await connection.query("BEGIN", [])
            _ = try await connection.query(
                "UPDATE response_drafts SET is_sent = 1, answers = '{}', current_page = NULL, updated_at = ? WHERE id = ? AND is_sent = 0 RETURNING id",
                [.float(Date().timeIntervalSince1970), .text(draft)])
            _ = try await connection.query(
                "INSERT INTO responses VALUES (?, ?, '2026-11-23', 'nl', 'open_link', 'parent', NULL, NULL, ?)",
                [.text(UUID().uuidString), .text(version), .text(answers.map { "\($0.0)=\($0.1)" }.joined(separator: "\u{1F}"))])
            _ = try await connection.query(
                "INSERT INTO response_tallies VALUES (?, ?, ?, ?, ?, ?, '2026-11', 1) ON CONFLICT DO UPDATE SET n = n + 1", keyValues)
            _ = try await connection.query(
                "INSERT INTO answer_tallies VALUES \(twenty) ON CONFLICT DO UPDATE SET n = n + 1",
                answers.flatMap { keyValues + [.text("2026-11"), .text($0.0), .text($0.1)] })
            _ = try await connection.query(
                "INSERT INTO answer_totals VALUES \(twenty.replacingOccurrences(of: "?, ?, ?, ?, ?, ?, ?, ?, ?", with: "?, ?, ?, ?, ?, ?, ?, ?")) ON CONFLICT DO UPDATE SET n = n + 1",
                answers.flatMap { keyValues + [.text($0.0), .text($0.1)] })
            _ = try await connection.query("COMMIT", [])
        }
        let seconds = (ContinuousClock.now - started).seconds
        try await connection.close()
        return seconds
    }

    /// Seconds to insert `count` closures and two invitations each, in one transaction.
    static func closures(count: Int, folder: String) async throws -> Double {
        let connection = try await open(folder + "/reference-closures.sqlite")
        _ = try await connection.query(
            "CREATE TABLE trajectory_closures (id TEXT PRIMARY KEY, reference TEXT UNIQUE, team_id TEXT, closed_on TEXT, received_at REAL)", [])
        _ = try await connection.query(
            """
            CREATE TABLE invitations (id TEXT PRIMARY KEY, closure_id TEXT REFERENCES trajectory_closures(id), team_id TEXT,
            respondent_role TEXT, language TEXT, email TEXT, email_hash TEXT, send_after REAL)
            """, [])
        let team = UUID().uuidString
        let started = ContinuousClock.now
        _ = try await connection.query("BEGIN", [])
        // Multi-row inserts of at most 500 rows, as Meedenken's import does.
        for first in stride(from: 0, to: count, by: 500) {
            let numbers = first..<min(first + 500, count)
            var closureBinds: [SQLiteData] = []
            var invitationBinds: [SQLiteData] = []
            for number in numbers {
                let closure = UUID().uuidString
                closureBinds += [.text(closure), .text("BENCH-\(number)"), .text(team), .float(Date().timeIntervalSince1970)]
                for (role, email) in [("parent", "ouder\(number)@example.nl"), ("youth_12_plus", "jongere\(number)@example.nl")] {
                    invitationBinds += [
                        .text(UUID().uuidString), .text(closure), .text(team), .text(role), .text(email), .text(String(email.hashValue)),
                        .float(Date().timeIntervalSince1970),
                    ]
                }
            }
            _ = try await connection.query(
                "INSERT INTO trajectory_closures VALUES " + Array(repeating: "(?, ?, ?, '2026-01-05', ?)", count: numbers.count).joined(separator: ", "),
                closureBinds)
            for half in [0, 1] {
                let rows = numbers.count
                let slice = Array(invitationBinds[(half * rows * 7)..<((half + 1) * rows * 7)])
                _ = try await connection.query(
                    "INSERT INTO invitations VALUES " + Array(repeating: "(?, ?, ?, ?, 'nl', ?, ?, ?)", count: rows).joined(separator: ", "), slice)
            }
        }
        _ = try await connection.query("COMMIT", [])
        let seconds = (ContinuousClock.now - started).seconds
        try await connection.close()
        return seconds
    }
}
