import Foundation
import Synchronization

/// The organisation's calendar: the one definition of which day and month an instant falls on
/// for the organisation. Response days, "today" for closures and waves, closed months of the
/// results and every date shown use it. Its time zone is a setting (`MEEDENKEN_TIME_ZONE`,
/// Europe/Amsterdam by default).
public struct OrganisationCalendar: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The Netherlands, where Meedenken's organisations are.
    public static let netherlands = OrganisationCalendar(timeZone: TimeZone(identifier: "Europe/Amsterdam") ?? .gmt)

    /// `YYYY-MM-DD`: the day `date` falls on.
    public func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `YYYY-MM`: the month `date` falls in.
    public func month(_ date: Date) -> String { String(day(date).prefix(7)) }

    /// The first instant of the day `date` falls on.
    public func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// Noon on a day, as an instant (safe from daylight-saving edges).
    public func noon(_ day: CalendarDay) -> Date { day.noon(in: timeZone) }

    /// The first instant of a day, and of the day after it: a day's events lie in between.
    public func bounds(of day: CalendarDay) -> Range<Date> {
        let start = startOfDay(noon(day))
        return start..<startOfDay(noon(day).addingTimeInterval(86_400))
    }

    /// "2026-12-02 10:00:05": a moment to the second, for logs people read.
    public func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// "1 december 2026, 20:15" or "1 December 2026" in the language's words.
    public func formatted(_ date: Date, language: Language, withTime: Bool = true) -> String {
        // A formatter costs far more to make than to use, and mails format a date each: one is
        // kept per zone, language and form, and used under a lock (a formatter is not safe to
        // share between threads). The mails of one run mostly show the same date, so the last
        // one formatted is remembered too.
        let key = "\(timeZone.identifier)|\(language.rawValue)|\(withTime)"
        return Self.formatters.withLock { formatters in
            if let known = formatters[key], known.lastDate == date { return known.lastText }
            let formatter: DateFormatter
            if let known = formatters[key] {
                formatter = known.formatter
            } else {
                formatter = DateFormatter()
                formatter.locale = Locale(identifier: language == .dutch ? "nl_NL" : "en_GB")
                formatter.timeZone = timeZone
                formatter.dateFormat = withTime ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy"
            }
            let text = formatter.string(from: date)
            formatters[key] = RememberedFormatter(formatter: formatter, lastDate: date, lastText: text)
            return text
        }
    }

    private struct RememberedFormatter {
        let formatter: DateFormatter
        let lastDate: Date
        let lastText: String
    }

    private static let formatters = Mutex<[String: RememberedFormatter]>([:])
}
