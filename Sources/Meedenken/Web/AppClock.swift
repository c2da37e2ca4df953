import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The time as the application sees it. Injected so tests can move time forward (session
/// timeouts, rate-limit windows) without sleeping.
struct AppClock: Sendable {
    let now: @Sendable () -> Date

    static let system = AppClock { Date() }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}

extension Application {
    /// The organisation's calendar, from the configuration.
    var calendar: OrganisationCalendar { config.calendar }
}

extension Request {
    /// Today in the organisation's calendar, as `YYYY-MM-DD`.
    var today: String { application.calendar.day(now) }
}
