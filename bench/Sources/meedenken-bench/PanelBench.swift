import Foundation
import SQLiteNIO

/// Issue 16's benchmark: a panel questionnaire sent to a segment of 50,000 members on SQLite
/// (cap check, sample, invitations, and every invitation mail in the outbox), within 5 s. The
/// server's own code runs through `meedenken bench-panel-send`; the reference does the same
/// rows in plain SQL (three INSERT … SELECT / UPDATE statements) on a copy of the same database,
/// in the same run.
enum PanelBench {
    struct Arguments {
        var binary = ".build/release/meedenken"
        var members = 50_000
        /// Rounds, each on a fresh database; the medians are reported (one round is at the
        /// mercy of the disk).
        var repeats = 3
    }

    /// One round: a fresh database and panel, Meedenken's send and the reference on its copy.
    struct Round {
        var figures: [String: String]
        var send: Double
        var total: Double
        var referenceSeconds: Double
        var referenceRows: Int
    }

    static func run(_ arguments: Arguments) async throws {
        print("Meedenken panel benchmark on SQLite: a questionnaire to a panel of \(arguments.members) members, \(arguments.repeats) rounds (medians)")
        var rounds: [Round] = []
        for round in 1...arguments.repeats {
            let measured = try await Self.round(arguments)
            print(
                String(
                    format: "round %d: send %.2f s, send and queue %.2f s, reference %.2f s", round, measured.send, measured.total, measured.referenceSeconds))
            rounds.append(measured)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let send = median(rounds.map(\.send))
        let total = median(rounds.map(\.total))
        let referenceSeconds = median(rounds.map(\.referenceSeconds))
        let figures = rounds[0].figures
        print("")
        print(
            "sent to \(figures["in_segment"] ?? "?") members in the segment: \(figures["invited"] ?? "?") invited, \(figures["over_cap"] ?? "?") over the cap (counted), \(figures["other_audience"] ?? "?") not for this questionnaire; \(figures["outbox"] ?? "?") mails in the outbox"
        )
        let widths = [48, 12, 14, 6]
        let rows = [
            ("measure (median of \(rounds.count))", "Meedenken", "SQLite SQL", "ratio"),
            ("send (cap, sample, invitations), s", String(format: "%.2f", send), "–", ""),
            (
                "send and queue every mail, s (≤ 5)", String(format: "%.2f", total), String(format: "%.2f", referenceSeconds),
                String(format: "%.1f", total / referenceSeconds)
            ),
            ("rows written (invitations + outbox)", figures["invited"].flatMap(Int.init).map { String($0 * 2) } ?? "?", String(rounds[0].referenceRows), ""),
        ]
        for row in rows {
            print(zip([row.0, row.1, row.2, row.3], widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        print("\nreference: on a copy of the same database, one transaction: the invitations and the outbox rows inserted with INSERT … SELECT from")
        print("the members the cap allows, and their last-asked date updated; no mail text is composed (Meedenken writes each member's own mail).")
    }

    private static func round(_ arguments: Arguments) async throws -> Round {
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("meedenken-panel-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let server = try ServerProcess(binary: arguments.binary, dataDirectory: work.appendingPathComponent("data").path)
        let copy = work.appendingPathComponent("reference.sqlite").path
        let output = try server.command(["bench-panel-send", "--members", String(arguments.members), "--copy", copy])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("members=") }) else {
            throw BenchError("bench-panel-send said: \(output)")
        }
        var figures: [String: String] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { figures[String(parts[0])] = String(parts[1]) }
        }
        let (referenceSeconds, referenceRows) = try await reference(copy)
        return Round(
            figures: figures, send: Double(figures["send_seconds"] ?? "") ?? .nan, total: Double(figures["total_seconds"] ?? "") ?? .nan,
            referenceSeconds: referenceSeconds, referenceRows: referenceRows)
    }

    /// Seconds for the same rows in plain SQL, and how many rows it wrote.
    static func reference(_ path: String) async throws -> (Double, Int) {
        let connection = try await Reference.open(path)
        defer { Task { try? await connection.close() } }
        let questionnaire = try await connection.query("SELECT id FROM questionnaires WHERE key = 'bench-panel'", []).first?.column("id") ?? .null
        let eligible = "status = 'active' AND role = 'parent' AND last_asked_at IS NULL"
        let started = ContinuousClock.now
        _ = try await connection.query("BEGIN", [])
        _ = try await connection.query(
            """
            INSERT INTO invitations (id, questionnaire_id, respondent_role, language, email, email_hash, send_after, reminders_sent, opened,
            completed, unsubscribed, bounced, created_at)
            SELECT randomblob(16), ?, 'parent', language, email, email_hash, created_at, 0, 0, 0, 0, 0, created_at FROM panel_members WHERE \(eligible)
            """, [questionnaire])
        _ = try await connection.query(
            """
            INSERT INTO outbox_messages (id, kind, recipient, message, status, attempts, next_attempt_at, created_at)
            SELECT randomblob(16), 'invitation', email, 'To: ' || email || char(13, 10) || 'Subject: Uitnodiging' || char(13, 10, 13, 10) || 'Hallo ' || first_name,
            'pending', 0, created_at, created_at FROM panel_members WHERE \(eligible)
            """, [])
        _ = try await connection.query("UPDATE panel_members SET last_asked_at = created_at WHERE \(eligible)", [])
        _ = try await connection.query("COMMIT", [])
        let seconds = (ContinuousClock.now - started).seconds
        let invitations = try await connection.query("SELECT COUNT(*) AS n FROM invitations", []).first?.column("n")?.integer ?? 0
        let outbox = try await connection.query("SELECT COUNT(*) AS n FROM outbox_messages", []).first?.column("n")?.integer ?? 0
        return (seconds, invitations + outbox)
    }
}
