import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing

@testable import Meedenken

@Suite("Heavy results views are bounded")
struct ResultsRequestLimitTests {
    @Test func aPersonWithTwoViewsInFlightIsAskedToWaitAndOthersAreNot() async throws {
        let limit = ResultsRequestLimit()
        let person = UUID()
        let (started, didStart) = AsyncStream<Void>.makeStream()
        let gates = [AsyncStream<Void>.makeStream(), AsyncStream<Void>.makeStream()]
        let running = gates.map { gate in
            Task {
                try await limit.run(for: person) {
                    didStart.yield()
                    for await _ in gate.stream { break }
                    return 1
                }
            }
        }
        var starts = started.makeAsyncIterator()
        _ = await starts.next()
        _ = await starts.next()
        await #expect(throws: UserFacingError.self) { try await limit.run(for: person) { 3 } }
        #expect(try await limit.run(for: UUID()) { 4 } == 4, "someone else is not held up")
        for gate in gates { gate.continuation.finish() }
        for task in running { #expect(try await task.value == 1) }
        #expect(try await limit.run(for: person) { 5 } == 5, "their turn again once the others are done")
    }
}
