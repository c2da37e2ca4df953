import Fluent
import MeedenkenCore
import MeedenkenStore
import NIOCore
import Vapor

/// Periodic clean-up while serving: expired sessions, old rate-limit windows, used or expired
/// access links. Safe to run on several instances at once (plain deletes).
enum Housekeeping {
    static let interval = TimeAmount.minutes(10)

    /// Starts the periodic run; it stops when the application shuts down.
    static func start(on application: Application) {
        let task = application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: Self.interval) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await Self.run(on: application.db, config: application.config, now: application.clock.now())
                    try await Retention(application, now: application.clock.now()).runIfDue()
                } catch {
                    application.logger.warning("housekeeping failed", metadata: ["error": .string(String(describing: type(of: error)))])
                }
            }
        }
        application.storage.set(TaskKey.self, to: TaskBox(task: task)) { $0.task.cancel() }
    }

    /// Stops the periodic run before the database goes away.
    static func stop(on application: Application) {
        application.storage[TaskKey.self]?.task.cancel()
    }

    static func run(on database: any Database, config: AppConfig, now: Date) async throws {
        let longest = max(config.sessionAbsoluteLifetime, config.sessionIdleTimeout)
        try await StaffSession.query(on: database)
            .group(.or) {
                $0.filter(\.$lastSeenAt < now.addingTimeInterval(-config.sessionIdleTimeout))
                    .filter(\.$createdAt < now.addingTimeInterval(-longest))
            }.delete()
        try await RateLimiter(database: database).purge(before: now.addingTimeInterval(-2 * config.rateLimitWindow))
        try await AccessLink.query(on: database)
            .filter(\.$expiresAt < now.addingTimeInterval(-30 * 24 * 3600)).delete()
        // A new address nobody confirmed is not kept (DESIGN §4.8).
        try await EmailChange.query(on: database).filter(\.$expiresAt < now).delete()
        // Unsent answers to a personal invitation are kept a month for people who stop and come
        // back. Without an invitation (the open link, on shared devices, and paper entry forms) a
        // draft is of use for minutes: what is left behind goes after a day.
        try await ResponseDraft.query(on: database).filter(\.$isSent == false).filter(\.$invitationID != nil)
            .filter(\.$updatedAt < now.addingTimeInterval(-30 * 24 * 3600)).delete()
        try await ResponseDraft.query(on: database).filter(\.$isSent == false).filter(\.$invitationID == nil)
            .filter(\.$updatedAt < now.addingTimeInterval(-24 * 3600)).delete()
        // A sent draft only remembers "sent" (against a double click or a retry) for a week.
        try await ResponseDraft.query(on: database).filter(\.$isSent == true)
            .filter(\.$updatedAt < now.addingTimeInterval(-7 * 24 * 3600)).delete()
        if case .folder(let path) = config.mailTransport { purgeMailFiles(in: path, before: now.addingTimeInterval(-7 * 24 * 3600)) }
    }

    /// Mail written to a folder holds addresses and personal links: it goes after a week, like
    /// any copy of a contact detail that is no longer needed (DESIGN §4.8).
    static func purgeMailFiles(in folder: String, before date: Date) {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasSuffix(".eml") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < date else { continue }
            try? files.removeItem(atPath: path)
        }
    }

    private struct TaskBox: Sendable { let task: RepeatedTask }
    private struct TaskKey: StorageKey { typealias Value = TaskBox }
}
