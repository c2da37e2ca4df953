import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Sends what is in the outbox. Each message is claimed first (`UPDATE … WHERE status = 'pending'`),
/// so of several instances only one sends it; a message left claimed by a crashed instance is
/// marked failed rather than sent again, because it may already have gone out.
struct OutboxSender {
    let database: any Database
    let transport: any MailTransport
    let sender: String

    /// Waits before the next attempt after a temporary failure; after the last, the message fails.
    static let backoff: [TimeInterval] = [60, 5 * 60, 30 * 60, 2 * 3600, 8 * 3600]
    /// A claim older than this belongs to an instance that stopped mid-send.
    static let abandonedAfter: TimeInterval = 15 * 60

    /// Sends due messages; returns how many went out.
    @discardableResult
    func run(now: Date, limit: Int = 100) async throws -> Int {
        let store = try Store(database, for: "OutboxSender")
        try await store.failAbandonedMail(claimedBefore: now.addingTimeInterval(-Self.abandonedAfter), reason: MailSendError.Reason.interrupted.rawValue)
        let due = try await OutboxMessage.query(on: database).filter(\.$status == .pending).filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).limit(limit).all()
        var sent = 0
        for message in due {
            let id = try message.requireID()
            guard try await store.claimMail(id, at: now) else { continue }
            do {
                try await transport.send(message.message, from: sender, to: message.recipient, messageID: Self.messageID(id))
                message.status = .sent
                message.sentAt = now
                // The body holds a personal link and the address is personal data: neither is needed any more.
                message.message = ""
                message.recipient = Self.masked(message.recipient)
                message.lastError = nil
                sent += 1
            } catch {
                let failure = error as? MailSendError ?? MailSendError(isPermanent: false, reason: .failed)
                message.attempts += 1
                // A server's refusal often quotes the recipient ("550 <j.jansen@…> unknown").
                message.lastError = Self.maskingAddresses(in: failure.description)
                if failure.isPermanent || message.attempts > Self.backoff.count {
                    message.status = .failed
                    message.message = ""
                    message.recipient = Self.masked(message.recipient)
                    if failure.isPermanent, let invitationID = message.invitationID {
                        try await store.markBounced(invitationID: invitationID)
                    }
                } else {
                    message.status = .pending
                    message.nextAttemptAt = now.addingTimeInterval(Self.backoff[message.attempts - 1])
                }
            }
            message.claimedAt = nil
            try await message.save(on: database)
        }
        // The bodies just emptied held working links; on SQLite their old pages stay in the log
        // until it is emptied (never waiting for a reader: then the next run tries again).
        if !due.isEmpty { try await store.emptyWriteAheadLog() }
        return sent
    }

    static func messageID(_ id: UUID) -> String { "\(id.uuidString.lowercased())@meedenken" }

    /// Every e-mail address in `text` masked like `masked(_:)`.
    static func maskingAddresses(in text: String) -> String {
        let pattern = "[^\\s<>()\\[\\]\"',;:]+@[^\\s<>()\\[\\]\"',;:]+"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        var result = text
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range, in: result) else { continue }
            result.replaceSubrange(range, with: masked(String(result[range])))
        }
        return result
    }

    /// `j…@example.nl`: enough for staff to recognise a failure, not enough to keep a list.
    static func masked(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@"), let first = address.first else { return address.isEmpty ? "" : "…" }
        return "\(first)…\(address[at...])"
    }
}
