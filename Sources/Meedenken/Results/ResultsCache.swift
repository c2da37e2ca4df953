import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOConcurrencyHelpers
import Vapor

/// Released results per data version: the questionnaire's versions, the first month not yet
/// released, the minimum and the teams' regions. Within a month nothing released changes, so the
/// counting is done once per month per questionnaire, shared by every request (and the same on
/// every instance, being deterministic). Requests that ask at the same time wait for one count.
/// Counting runs on the thread pool, never on an event loop, and at most `concurrentLimit` counts
/// run at once: beyond that a request gets a calm 503 and is asked to try again.
final class ResultsCache: Sendable {
    struct Key: Hashable, Sendable {
        let versionIDs: [UUID]
        let firstOpenMonth: String
        let minimum: Int
        let regionOfTeam: [String: String]
    }

    static let concurrentLimit = 2
    private static let capacity = 32
    private let entries = NIOLockedValueBox<(tasks: [Key: Task<ResultsData, any Error>], order: [Key], running: Int)>(([:], [], 0))

    func data(for key: Key, load: @escaping @Sendable () async throws -> ResultsData) async throws -> ResultsData {
        let task: Task<ResultsData, any Error>? = entries.withLockedValue { state in
            if let existing = state.tasks[key] { return existing }
            guard state.running < Self.concurrentLimit else { return nil }
            state.running += 1
            let task = Task<ResultsData, any Error> {
                defer { self.entries.withLockedValue { $0.running -= 1 } }
                return try await load()
            }
            state.tasks[key] = task
            state.order.append(key)
            if state.order.count > Self.capacity { state.tasks[state.order.removeFirst()] = nil }
            return task
        }
        guard let task else { throw UserFacingError(.serviceUnavailable, "results.error.busy", headers: ["Retry-After": "10"]) }
        do {
            return try await task.value
        } catch {
            // A failed count is not kept: the next request tries again.
            entries.withLockedValue { state in
                state.tasks[key] = nil
                state.order.removeAll { $0 == key }
            }
            throw error
        }
    }
}

/// Results requests in flight per person: a person who fires many heavy views at once waits for
/// their own, instead of taking the server from everyone else (per instance).
final class ResultsRequestLimit: Sendable {
    static let perPerson = 2
    private let inFlight = NIOLockedValueBox<[UUID: Int]>([:])

    func run<T>(for person: UUID?, _ body: () async throws -> T) async throws -> T {
        guard let person else { return try await body() }
        let admitted = inFlight.withLockedValue { counts in
            guard counts[person, default: 0] < Self.perPerson else { return false }
            counts[person, default: 0] += 1
            return true
        }
        guard admitted else { throw UserFacingError(.tooManyRequests, "results.error.busy", headers: ["Retry-After": "5"]) }
        defer {
            inFlight.withLockedValue { counts in
                counts[person, default: 1] -= 1
                if counts[person] == 0 { counts[person] = nil }
            }
        }
        return try await body()
    }
}

extension Application {
    private struct ResultsRequestLimitKey: StorageKey { typealias Value = ResultsRequestLimit }

    /// Set once in `configure`.
    var resultsRequestLimit: ResultsRequestLimit {
        get {
            guard let limit = storage[ResultsRequestLimitKey.self] else { fatalError("configure() sets the results request limit") }
            return limit
        }
        set { storage[ResultsRequestLimitKey.self] = newValue }
    }

    private struct ResultsCacheKey: StorageKey { typealias Value = ResultsCache }

    /// Set once in `configure`.
    var resultsCache: ResultsCache {
        get {
            guard let cache = storage[ResultsCacheKey.self] else { fatalError("configure() sets the results cache") }
            return cache
        }
        set { storage[ResultsCacheKey.self] = newValue }
    }
}

extension ResultsSubject {
    /// The released results of this questionnaire as of today.
    func data(on req: Request) async throws -> ResultsData {
        // The door first: without SQL nothing else is worked out.
        let store = try Store(req.db, for: "results")
        let firstOpenMonth = req.application.calendar.month(req.now)
        let key = ResultsCache.Key(
            versionIDs: versionIDs.sorted { $0.uuidString < $1.uuidString }, firstOpenMonth: firstOpenMonth, minimum: minimum,
            regionOfTeam: organisation.regionOfTeamByText)
        let pool = req.application.threadPool
        let organisation = organisation
        return try await req.application.resultsCache.data(for: key) {
            let rows = try await store.tallyRows(versionIDs: key.versionIDs, firstOpenMonth: firstOpenMonth)
            return try await pool.runIfActive {
                ResultsData.settle(rows, organisation: organisation, minimum: key.minimum, firstOpenMonth: firstOpenMonth)
            }
        }
    }
}
