import Foundation

/// Makes the respondent export's rows from the responses as the store reads them: each row
/// shows its released class (`ResultRelease`), and only what the class releases. Responses not
/// yet released (this month's, or of a class still too small) give no row; no more rows than
/// the released people are written, so responses that arrive while the file is written do not
/// change it.
public struct RespondentRowMapper: Sendable {
    /// Exactly the released responses: this month's are never released.
    public let caseCount: Int
    /// Rows made so far: each row's running number.
    public private(set) var written = 0
    private let data: ResultsData
    private let regionNames: [String: String]
    private let teamNameOf: [String: String]
    private let versionNumberOf: [String: Double]
    private let questionCount: Int
    private let reviewedTexts: [String: [String: Answer]]
    private var shownRecords: [String: ShownRecord] = [:]
    private var rowValues: ExportRowValues

    /// `versionNumbers` and `reviewedTexts` by id as text (version ids in both cases, response ids
    /// lower case).
    public init(
        organisation: ResultOrganisation, questionCount: Int, data: ResultsData, columns: RespondentColumns, versionNumbers: [String: Double],
        reviewedTexts: [String: [String: Answer]]
    ) {
        caseCount = data.classSizes.values.reduce(0, +)
        self.data = data
        regionNames = Dictionary(uniqueKeysWithValues: organisation.regionNames.map { ($0.key.uuidString, $0.value) })
        // Ids come as text: SQLite stores them upper case, PostgreSQL prints them lower case.
        teamNameOf = Dictionary(
            organisation.teamNames.flatMap { id, name in [id.uuidString, id.uuidString.lowercased()].map { ($0, name) } },
            uniquingKeysWith: { first, _ in first })
        versionNumberOf = versionNumbers
        self.questionCount = questionCount
        self.reviewedTexts = reviewedTexts
        rowValues = ExportRowValues(columns: columns.questions)
    }

    /// Whether the responses are needed with their ids, to join reviewed open answers.
    public var needsIDs: Bool { !reviewedTexts.isEmpty }

    /// The row of one response (`line` as the store reads it: attributes split by U+1F, then
    /// U+1E and the answer line; `id` its id as text); nil when it is not released (or every
    /// released one is written).
    public mutating func row(_ line: String, id: String?) -> [ExportValue]? {
        guard written < caseCount else { return nil }
        // Attributes, then the answers after the record separator: one text to decode.
        let split = line.utf8.firstIndex(of: RespondentRecordLine.answersSeparator) ?? line.utf8.endIndex
        let parts = line.utf8[..<split].split(separator: RespondentRecordLine.fieldSeparator, omittingEmptySubsequences: false)
        let attribute = { (field: RespondentRecordLine.Field) in field.rawValue < parts.count ? String(Substring(parts[field.rawValue])) : "" }
        // Rows of one record share their class: looked up once per record, keyed by
        // the record's own text (team, attributes, month), not parsed for every row.
        guard parts.count >= RespondentRecordLine.Field.allCases.count else { return nil }
        // From the team to the channel, then the month: what a record is.
        let recordKey =
            String(
                Substring(line.utf8[parts[RespondentRecordLine.Field.teamID.rawValue].startIndex..<parts[RespondentRecordLine.Field.channel.rawValue].endIndex])
            )
            + String(Substring(parts[RespondentRecordLine.Field.submittedOn.rawValue]).prefix(7))
        let shownRecord: ShownRecord
        if let known = shownRecords[recordKey] {
            shownRecord = known
        } else {
            let team = attribute(.teamID)
            let record = ResultRelease.Record(
                team: team.isEmpty ? nil : (UUID(uuidString: team)?.uuidString ?? team),
                attributes: [attribute(.role), attribute(.ageBand).isEmpty ? "-" : attribute(.ageBand), attribute(.language), attribute(.channel)],
                month: String(attribute(.submittedOn).prefix(7)))
            shownRecord = ShownRecord(
                released: data.release.classOf[record], teamName: teamNameOf[team] ?? "", regionNames: regionNames, data: data,
                questionCount: questionCount)
            shownRecords[recordKey] = shownRecord
        }
        guard let shown = shownRecord.row else { return nil }
        written += 1
        var values: [ExportValue] = [.number(Double(written)), .number(versionNumberOf[attribute(.versionID)] ?? 0)]
        values += shown
        var reviewed = reviewedTexts.isEmpty ? nil : id.flatMap { reviewedTexts[$0.lowercased()] }
        var answerLine = split < line.utf8.endIndex ? String(Substring(line.utf8[line.utf8.index(after: split)...])) : ""
        // A question fewer than the minimum of the class answered is in no figure:
        // its answers stay out of the rows too, so rows and figures agree.
        if let releasedAnswers = shownRecord.releasedAnswers {
            answerLine = AnswerLine.keeping(answerLine) { releasedAnswers[$0] != nil }
            reviewed = reviewed?.filter { releasedAnswers[$0.key] != nil }
        }
        rowValues.append(line: answerLine, texts: reviewed, to: &values)
        return values
    }
}

/// How a row shows its released class: what is no longer known is empty, and `generalised` says
/// which of place, period and attributes were generalised.
struct ReleasedRow {
    let period: String
    let place: String
    let attributes: [String]
    let generalised: String

    init(_ released: ResultRelease.Class, teamName: String, regionNames: [String: String]) {
        var generalised: [String] = []
        switch released.period {
        case .month(let month): period = month
        case .quarter(let quarter):
            period = quarter
            generalised.append("period:quarter")
        case .year(let year):
            period = year
            generalised.append("period:year")
        }
        switch released.place {
        case .team, .noTeam: place = teamName
        case .region(let id):
            place = regionNames[id] ?? ""
            generalised.append("team:region")
        case .organisation:
            place = ""
            generalised.append("team")
        }
        attributes = released.attributes.map { $0 ?? "" }
        for (dimension, value) in zip(ResultsData.attributes, released.attributes) where value == nil { generalised.append(dimension.rawValue) }
        self.generalised = generalised.joined(separator: " ")
    }
}

/// What every row of one record shows: its class's cells (period, place, attributes, what was
/// generalised), and the questions its class releases when that is not all of them.
struct ShownRecord {
    /// Nil when the record is not released.
    let row: [ExportValue]?
    let releasedAnswers: [String: QuestionTally]?

    init(released: ResultRelease.Class?, teamName: String, regionNames: [String: String], data: ResultsData, questionCount: Int) {
        guard let released else {
            row = nil
            releasedAnswers = nil
            return
        }
        let shown = ReleasedRow(released, teamName: teamName, regionNames: regionNames)
        row =
            [.text(shown.period), .text(shown.place)] + shown.attributes.map { ExportValue.text($0 == "-" ? "" : $0) } + [.text(shown.generalised)]
        let answers = data.tallies[released] ?? [:]
        releasedAnswers = answers.count < questionCount ? answers : nil
    }
}
