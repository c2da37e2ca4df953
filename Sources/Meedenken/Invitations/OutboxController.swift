import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Mail that is waiting or has failed, for staff to see (addresses masked): a failed send is
/// never silent.
struct OutboxController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .outbox, access: .staff(.coordinateParticipation), use: show)
    }

    /// `refused: RCPT TO: 550 …` → "De mailserver weigerde de mail (RCPT TO: 550 …)".
    static func explain(_ stored: String, _ req: Request) -> String {
        guard !stored.isEmpty else { return "" }
        let parts = stored.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let reason = MailSendError.Reason(rawValue: parts[0]) else { return stored }
        let text = req.t("outbox.error.\(reason.rawValue)")
        return parts.count > 1 ? "\(text) (\(parts[1]))" : text
    }

    @Sendable func show(req: Request) async throws -> Response {
        let pending = try await OutboxMessage.query(on: req.db).filter(\.$status ~~ [.pending, .sending]).count()
        let sent = try await OutboxMessage.query(on: req.db).filter(\.$status == .sent).count()
        let failed = try await OutboxMessage.query(on: req.db).filter(\.$status == .failed).count()
        let problems = try await OutboxMessage.query(on: req.db).group(.or) { $0.filter(\.$status == .failed).filter(\.$attempts > 0) }
            .filter(\.$status != .sent).sort(\.$createdAt, .descending).limit(100).all()
        try await req.audit(.outboxViewed)
        let context = OutboxPage(
            layout: try await req.layout(titleKey: "outbox.title"), pending: pending, sent: sent, failed: failed,
            problems: problems.map { message in
                .init(
                    recipient: OutboxSender.masked(message.recipient), kind: req.t("outbox.kind.\(message.kind)"),
                    status: req.t("outbox.status.\(message.status.rawValue)"), attempts: message.attempts,
                    error: Self.explain(message.lastError ?? "", req))
            }, hasProblems: !problems.isEmpty, mailPreviewHref: SiteRoute.mailPreview.path)
        return try await req.render("Invitations/outbox", context)
    }
}
