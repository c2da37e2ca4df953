import Foundation

/// How often a member may be asked (a panel questionnaire or a meeting invitation): at most once
/// per `days` (the organisation's setting, 28 by default), or less often if the member chose so.
/// Enforced when sending: a member over the cap is left out and counted, never silently dropped.
public struct ContactCap: Sendable, Equatable {
    public var days: Int

    public init(days: Int = 28) { self.days = max(1, days) }

    /// Whether someone last asked at `lastAsked` may be asked at `now`, with their own choice of
    /// at most once per `memberDays` (nil: no choice; a choice can only lower the frequency).
    public func allows(lastAsked: Date?, memberDays: Int?, now: Date) -> Bool {
        guard let lastAsked else { return true }
        let interval = max(days, memberDays ?? 0)
        return now.timeIntervalSince(lastAsked) >= Double(interval) * 86_400
    }
}
