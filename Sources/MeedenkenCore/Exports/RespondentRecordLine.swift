/// How the store hands the respondent export one response: its attributes in this order, each
/// ended by `fieldSeparator` but the last, then `answersSeparator` and the answer line
/// (`AnswerLine`). One text per row is one column to decode; the store writes it in SQL and
/// `RespondentRowMapper` reads it, both from this one definition.
public enum RespondentRecordLine {
    /// U+1F, the unit separator: between attributes.
    public static let fieldSeparator: UInt8 = 0x1F
    /// U+1E, the record separator: between the attributes and the answers.
    public static let answersSeparator: UInt8 = 0x1E

    /// The attributes, in the order they stand in the line.
    public enum Field: Int, CaseIterable, Sendable {
        case versionID, submittedOn, teamID, role, ageBand, language, channel
    }
}
