import Foundation
import SQLiteNIO

/// The same rows inserted directly on SQLite, with the settings Meedenken uses (a file in WAL
/// mode), one transaction per response as Meedenken does; no HTTP, no framework.
enum Reference {
    static func open(_ path: String) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("PRAGMA journal_mode=WAL", [])
        return connection
    }

    static func count(table: String, in path: String) async throws -> Int {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        defer { Task { try? await connection.close() } }
        let rows = try await connection.query("SELECT COUNT(*) AS n FROM \(table)", [])
        return rows.first?.column("n")?.integer ?? -1
    }

    /// Seconds to store `count` responses: claim the draft, insert the response and 20 answers.
    static func responses(count: Int, folder: String) async throws -> Double {
        let connection = try await open(folder + "/reference-responses.sqlite")
        for statement in [
            "CREATE TABLE response_drafts (id TEXT PRIMARY KEY, token_hash TEXT UNIQUE, answers TEXT, is_sent INTEGER, updated_at REAL)",
            "CREATE TABLE responses (id TEXT PRIMARY KEY, version_id TEXT, submitted_on TEXT, language TEXT, channel TEXT, respondent_role TEXT)",
            "CREATE TABLE response_answers (id TEXT PRIMARY KEY, response_id TEXT REFERENCES responses(id), question_key TEXT, value TEXT)",
        ] {
            _ = try await connection.query(statement, [])
        }
        var drafts: [String] = []
        _ = try await connection.query("BEGIN", [])
        for number in 0..<count {
            let id = UUID().uuidString
            drafts.append(id)
            _ = try await connection.query(
                "INSERT INTO response_drafts VALUES (?, ?, '{}', 0, ?)", [.text(id), .text("hash-\(number)"), .float(Date().timeIntervalSince1970)])
        }
        _ = try await connection.query("COMMIT", [])
        let version = UUID().uuidString
        let started = ContinuousClock.now
        for (number, draft) in drafts.enumerated() {
            _ = try await connection.query("BEGIN", [])
            _ = try await connection.query("UPDATE response_drafts SET is_sent = 1, answers = '{}' WHERE id = ? AND is_sent = 0 RETURNING id", [.text(draft)])
            let response = UUID().uuidString
            _ = try await connection.query(
                "INSERT INTO responses VALUES (?, ?, '2026-11-23', 'nl', 'open_link', 'parent')", [.text(response), .text(version)])
            for question in 1...20 {
                _ = try await connection.query(
                    "INSERT INTO response_answers VALUES (?, ?, ?, ?)",
                    [.text(UUID().uuidString), .text(response), .text("q\(question)"), .text(String((question + number) % 10 + 1))])
            }
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
        for number in 0..<count {
            let closure = UUID().uuidString
            _ = try await connection.query(
                "INSERT INTO trajectory_closures VALUES (?, ?, ?, '2026-01-05', ?)",
                [.text(closure), .text("BENCH-\(number)"), .text(team), .float(Date().timeIntervalSince1970)])
            for (role, email) in [("parent", "ouder\(number)@example.nl"), ("youth_12_plus", "jongere\(number)@example.nl")] {
                _ = try await connection.query(
                    "INSERT INTO invitations VALUES (?, ?, ?, ?, 'nl', ?, ?, ?)",
                    [
                        .text(UUID().uuidString), .text(closure), .text(team), .text(role), .text(email), .text(String(email.hashValue)),
                        .float(Date().timeIntervalSince1970),
                    ])
            }
        }
        _ = try await connection.query("COMMIT", [])
        let seconds = (ContinuousClock.now - started).seconds
        try await connection.close()
        return seconds
    }
}
