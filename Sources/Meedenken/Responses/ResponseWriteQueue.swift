import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Writes submissions in batches. SQLite has one writer, and a transaction per response spends
/// most of its time on the transaction itself; when many people send at once (a class filling in
/// a questionnaire together), whoever arrives while a batch is being written waits for the next,
/// and that batch is one transaction for all of them. A lone submission is written at once.
actor ResponseWriteQueue {
    private struct Waiting {
        let response: NewResponse
        let continuation: CheckedContinuation<Bool, any Error>
    }

    /// Enough to share the cost, few enough that nobody waits long behind a batch.
    static let batchLimit = 64

    private let store: any ResponseStore
    private var waiting: [Waiting] = []
    private var isWriting = false

    init(store: any ResponseStore) {
        self.store = store
    }

    /// Whether the response was stored (false: its draft had been sent already).
    func write(_ response: NewResponse) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(response: response, continuation: continuation))
            if !isWriting {
                isWriting = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.batchLimit))
            waiting.removeFirst(batch.count)
            do {
                let stored = try await store.store(batch.map(\.response))
                for (item, result) in zip(batch, stored) { item.continuation.resume(returning: result) }
            } catch {
                // One submission that cannot be stored must not take the others with it: each alone.
                for item in batch {
                    do {
                        item.continuation.resume(returning: try await store.store([item.response]).first ?? false)
                    } catch {
                        item.continuation.resume(throwing: error)
                    }
                }
            }
        }
        isWriting = false
        scheduleSettling()
    }

    /// How long the queue must stay empty before the store tidies up: under load it never does,
    /// so tidying costs the writes nothing.
    static let quietTime: Duration = .milliseconds(200)
    private var isSettlingScheduled = false

    private func scheduleSettling() {
        guard !isSettlingScheduled else { return }
        isSettlingScheduled = true
        Task {
            try? await Task.sleep(for: Self.quietTime)
            await self.settleIfQuiet()
        }
    }

    /// Tidies up while still the only writer; whoever arrives meanwhile is written right after.
    private func settleIfQuiet() async {
        isSettlingScheduled = false
        guard !isWriting, waiting.isEmpty else { return }
        isWriting = true
        await store.settled()
        if waiting.isEmpty {
            isWriting = false
        } else {
            await drain()
        }
    }
}

extension Application {
    private struct ResponseWritesKey: StorageKey { typealias Value = ResponseWriteQueue }

    /// Set in `configure`, the composition root. Without it each submission is written alone
    /// through the database, which is correct, only slower.
    var responseWrites: ResponseWriteQueue {
        get { storage[ResponseWritesKey.self] ?? ResponseWriteQueue(store: DatabaseResponseStore(self)) }
        set { storage[ResponseWritesKey.self] = newValue }
    }
}
