/// The SQL for a response's record (team, attributes, month) as results group responses: the
/// same text on SQLite and PostgreSQL. Dates are stored as text, never with a time of day.
enum ResponseRecordColumns {
    /// The attributes of a response `r`, in `ResultRelease.Record.attributes` order (role, age
    /// band, language, channel).
    static let attributes = ["r.respondent_role", "COALESCE(r.age_band, '-')", "r.language", "r.channel"]

    /// `2026-08` from `2026-08-14`.
    static let month = "substr(r.submitted_on, 1, 7)"

    /// `, attribute AS d0, …, month AS month`: the record's columns after a first column.
    static var selected: String { attributes.enumerated().map { ", \($1) AS d\($0)" }.joined() + ", \(month) AS month" }

    /// The columns of the count tables (`response_tallies`, `answer_tallies`) that make a record.
    static let tallyKey = "team, respondent_role, age_band, language, channel, month"
}
