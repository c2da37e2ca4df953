import Fluent
import MeedenkenCore
import MeedenkenStore
import NIOCore
import Vapor

/// The background mailer while serving: queues due invitations and reminders, then sends the
/// outbox. One run at a time per instance; several instances are safe (everything is claimed).
enum MailWorker {
    /// Starts the periodic run; it stops when the application shuts down.
    static func start(on application: Application) {
        let interval = TimeAmount.seconds(Int64(application.config.mailInterval))
        let task = application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: interval) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await Self.runOnce(application)
                } catch {
                    application.logger.warning("mail run failed", metadata: ["error": .string(String(describing: error))])
                }
            }
        }
        application.storage.set(TaskKey.self, to: TaskBox(task: task)) { $0.task.cancel() }
    }

    static func stop(on application: Application) {
        application.storage[TaskKey.self]?.task.cancel()
    }

    /// One round: queue what is due, send what is queued.
    static func runOnce(_ application: Application) async throws {
        let now = application.clock.now()
        // Before sending: a flag raised or escalated now goes out in this same round.
        try await DangerAlerts.run(application, now: now)
        try await InvitationMailer(database: application.db, config: application.config, localizer: application.localizer).run(now: now)
        try await OutboxSender(database: application.db, transport: application.mailTransport, sender: application.config.mailFrom).run(now: now)
    }

    private struct TaskBox: Sendable { let task: RepeatedTask }
    private struct TaskKey: StorageKey { typealias Value = TaskBox }
}

extension Application {
    private struct TransportKey: StorageKey { typealias Value = any MailTransport }

    /// The configured transport; tests may replace it.
    var mailTransport: any MailTransport {
        get {
            if let transport = storage[TransportKey.self] { return transport }
            switch config.mailTransport {
            case .folder(let path): return FolderMailTransport(folder: path)
            case .smtp(let settings):
                return SMTPMailTransport(
                    settings: settings, eventLoopGroup: eventLoopGroup, greetingName: config.publicBaseURL.host ?? "localhost")
            }
        }
        set { storage[TransportKey.self] = newValue }
    }
}
