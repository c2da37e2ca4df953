/// Lets at most `limit` holders in at once. Swift Testing starts every test case together; one
/// PostgreSQL server accepts only so many connections, so PostgreSQL tests queue here.
actor TestGate {
    static let postgres = TestGate(limit: 12)

    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if holders < limit {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            // The place passes straight to the next in line.
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` holding a place. Not isolated to the actor: the body runs where the caller is.
    nonisolated func run<T>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }
}
