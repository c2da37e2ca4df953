import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Vapor

/// Turns a draft into a stored response, once. Used by the open link, invitations and paper entry.
enum ResponseRecorder {
    struct Attributes: Sendable {
        let versionID: UUID
        let language: String
        /// `open_link`, `invitation` or `paper`.
        let channel: String
        let respondentRole: String
        var teamID: UUID? = nil
        var ageBand: String? = nil
        /// The invitation learns "completed" and nothing else, in the same transaction.
        var completesInvitation: UUID? = nil
        /// Open answers are checked for danger words as they are stored, so a coordinator is
        /// told at once (never who wrote it).
        var danger: DangerCheck? = nil
    }

    struct DangerCheck: Sendable {
        let questionnaireID: UUID
        let codebook: Codebook

        /// The check for a request's answers, or nil when there is no open answer to check.
        static func make(_ req: Request, questionnaireID: UUID, answers: [String: Answer]) async throws -> DangerCheck? {
            guard answers.values.contains(where: { if case .text(let text) = $0 { !text.isEmpty } else { false } }) else { return nil }
            return DangerCheck(questionnaireID: questionnaireID, codebook: try await CodebookStore.current(req.application, on: req.db))
        }
    }

    /// What one respondent sends in, ready to store.
    struct Submission: Sendable {
        let draftID: UUID
        let answers: [String: Answer]
        let attributes: Attributes
        let now: Date
    }

    /// Stores `answers` as a response and marks the draft sent. Of two simultaneous calls for one
    /// draft only the first stores anything (returns true). Submissions arriving together are
    /// written together (`ResponseWriteQueue`).
    static func record(
        draftID: UUID, answers: [String: Answer], attributes: Attributes, now: Date, on req: Request
    ) async throws -> Bool {
        try await req.application.responseWrites.write(Submission(draftID: draftID, answers: answers, attributes: attributes, now: now))
    }

    /// Stores submissions in one transaction of `database`; per submission whether it was stored.
    /// The SQLite writer (`SQLiteResponseWriter`) runs the same statements on its own connection.
    static func store(_ submissions: [Submission], on database: any Database) async throws -> [Bool] {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw LocalizedError(.internalServerError, "error.message.500") }
            let rows = try await sql.raw(claim(submissions)).all()
            let hiding: ArrivalHiding =
                sql.dialect.name == "sqlite"
                ? .randomRowIDs
                : .rewriting(try await sql.raw(ArrivalHiding.earlierResponses(sameDayAs: submissions)).all().map { try $0.decode(column: "id", as: UUID.self) })
            let batch = try Batch(submissions, claimed: Set(rows.map { try $0.decode(column: "id", as: UUID.self) }), hiding: hiding)
            for statement in batch.statements { try await sql.raw(statement).run() }
            return batch.stored
        }
    }

    /// Claims the drafts of `submissions` that were not sent yet: marks them sent and empties
    /// them, returning their ids. SQLite serialises it and PostgreSQL re-checks `is_sent` for a
    /// second writer, so a draft is stored once however often it is sent. A sent draft forgets
    /// its invitation and keeps only the day (DESIGN §4.1): nothing in it can be lined up with a
    /// response any more; the invitation itself knows "completed".
    static func claim(_ submissions: [Submission]) -> SQLQueryString {
        let now = submissions.map(\.now).max() ?? Date()
        let day = organisationCalendar.startOfDay(for: now)
        let ids = Array(Set(submissions.map(\.draftID)))
        return """
            UPDATE response_drafts SET is_sent = \(bind: true), answers = '{}', current_page = NULL, updated_at = \(bind: day),
            invitation_id = NULL WHERE id IN (\(binds: ids)) AND is_sent = \(bind: false) RETURNING id
            """
    }

    /// What storing a batch writes, once its drafts are claimed: whether each submission is
    /// stored, and the statements that store them (run in the claim's transaction). A response
    /// gets no reference to its draft, and only the day (DESIGN §4.1).
    ///
    /// Plain SQL, no query builders: this runs for every response, and building statements
    /// through the builders cost more than executing them. Closed answers live in the response's
    /// answer line and in the counts; only open answers get a row of their own (`response_answers`),
    /// because each is reviewed on its own.
    struct Batch {
        private(set) var stored: [Bool] = []
        private(set) var statements: [SQLQueryString] = []

        init(_ submissions: [Submission], claimed: Set<UUID>, hiding: ArrivalHiding) {
            var seen: Set<UUID> = []
            var written: [ArrivalHiding.Written] = []
            var invitations: [UUID] = []
            var counted: [ResultTallies.Counted] = []
            for submission in submissions {
                // A draft sent twice in one batch is stored for the first only.
                let isStored = claimed.contains(submission.draftID) && seen.insert(submission.draftID).inserted
                stored.append(isStored)
                guard isStored else { continue }
                let attributes = submission.attributes
                let responseID = UUID()
                let day = ResponseRecorder.day(submission.now)
                let encoded = submission.answers.sorted { $0.key < $1.key }.map { ($0.key, StoredAnswer.encode($0.value)) }
                var response = ArrivalHiding.Written(
                    response: [
                        responseID, attributes.versionID, day, attributes.language, attributes.channel, attributes.respondentRole, attributes.teamID,
                        attributes.ageBand, AnswerLine.make(encoded),
                    ])
                // The invitation learns "completed", and its address is no longer needed.
                if let invitationID = attributes.completesInvitation { invitations.append(invitationID) }
                for (key, value) in encoded where value.hasPrefix("text:") {
                    let answerID = UUID()
                    response.answers.append([answerID, responseID, key, value])
                    guard let danger = attributes.danger else { continue }
                    let matches = danger.codebook.dangerMatches(in: String(value.dropFirst(5)))
                    // Unreviewed, flagged: the coordinator is told at once (never who wrote it).
                    if !matches.isEmpty { response.flags.append([UUID(), answerID, danger.questionnaireID, "", true, matches.joined(separator: ", ")]) }
                }
                written.append(response)
                counted.append(
                    .init(
                        key: ResultTallies.key(
                            versionID: attributes.versionID, teamID: attributes.teamID, role: attributes.respondentRole, ageBand: attributes.ageBand,
                            language: attributes.language, channel: attributes.channel, submittedOn: day),
                        answers: encoded))
            }
            statements = hiding.statements(writing: written)
            if !invitations.isEmpty {
                statements.append("UPDATE invitations SET completed = \(bind: true), email = NULL WHERE id IN (\(binds: invitations))")
            }
            statements += ResultTallies.statements(adding: counted)
        }
    }

    /// The day in the organisation's time zone, as `YYYY-MM-DD`.
    static func day(_ date: Date) -> String {
        let parts = organisationCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Made once: building a calendar and looking up its time zone costs more than using it.
    static let organisationCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar
    }()
}
