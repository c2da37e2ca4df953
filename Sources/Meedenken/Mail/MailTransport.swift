import Foundation
import MeedenkenCore
import MeedenkenStore

/// Where mail goes: an SMTP server, or a folder of `.eml` files for local use.
protocol MailTransport: Sendable {
    func send(_ message: String, from: String, to: String, messageID: String) async throws
}

/// Why a send failed. Permanent failures (the server refused the address) are not retried.
/// Stored in the outbox as `reason` or `reason: detail`; staff read the reason in their language
/// (`outbox.error.<reason>`) and the server's own words as the detail.
struct MailSendError: Error, CustomStringConvertible {
    enum Reason: String, CaseIterable, Sendable {
        case unreachable, closed, unreadableReply = "unreadable_reply", noStartTLS = "no_starttls", refused, failed
        /// Not from a transport: set by the sender and by an unsubscribe.
        case interrupted, unsubscribed
    }

    let isPermanent: Bool
    let reason: Reason
    var detail: String? = nil

    var description: String { detail.map { "\(reason.rawValue): \($0)" } ?? reason.rawValue }
}

/// Writes each mail as `<message id>.eml` into a folder, atomically, so a reader never sees half.
struct FolderMailTransport: MailTransport {
    let folder: String

    func send(_ message: String, from: String, to: String, messageID: String) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = messageID.replacingOccurrences(of: "@", with: "_").filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        let url = URL(fileURLWithPath: folder).appendingPathComponent("\(name).eml")
        try Data(message.utf8).write(to: url, options: .atomic)
    }
}
