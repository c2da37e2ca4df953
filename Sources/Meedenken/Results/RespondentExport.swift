import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOCore
import SQLKit
import Vapor

/// One row per response, for researchers: CSV, XLSX or SPSS `.sav`, streamed in batches of
/// responses so memory stays flat however many there are. Rows carry only what an anonymous
/// response holds (version, period, team, role, age band, language, channel, answers) and a
/// running number, never the response's id. Open answers appear only as the masked text of a
/// coordinator's review; an unreviewed answer is left empty.
///
/// The rows are k-anonymous on what could point to a person (period, team, role, age band,
/// language, channel), with the organisation's minimum as k: each row shows its released class
/// (`ResultRelease`), so a team may read as its region or nothing, a month as its quarter or year,
/// and an attribute as empty; the column `generalised` names what was generalised. Responses not
/// yet released (this month's, or of a class still too small) are not in the file.
struct RespondentExport {
    enum Format: String, CaseIterable {
        case csv, xlsx, sav

        var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .sav: "application/x-spss-sav"
            }
        }
    }

    static let dontKnowCode = 98.0
    static let notApplicableCode = 99.0
    static let batchSize = 2_000
    /// About 2,000 responses on PostgreSQL's 8 kB pages.
    static let pagesPerBatch = 160

    let subject: ResultsSubject
    /// The released classes the rows are shown as.
    let data: ResultsData
    let database: any Database
    let language: Language
    let localizer: Localizer

    /// A question's columns: one, or one per option for multiple choice.
    struct QuestionColumns {
        let question: Question
        let codes: [String: Double]
        let optionKeys: [String]
    }

    var questionColumns: [QuestionColumns] {
        subject.questions.map { question in
            var codes: [String: Double] = [:]
            if question.type.numericRange != nil {
                for option in question.answerOptions { codes[option.key] = Double(option.key) }
            } else {
                for (index, option) in question.answerOptions.enumerated() { codes[option.key] = Double(index + 1) }
                if question.type == .friendsAndFamily { codes[StandardScales.friendsAndFamilyDontKnow.key] = Self.dontKnowCode }
            }
            return QuestionColumns(
                question: question, codes: codes, optionKeys: question.type == .multipleChoice ? question.answerOptions.map(\.key) : [])
        }
    }

    var variables: [ExportVariable] {
        let text = { (key: String) in localizer.text(key, in: language) }
        var variables: [ExportVariable] = [
            .init(name: "respondent", label: text("export.variable.respondent"), kind: .numeric),
            .init(name: "version", label: text("export.variable.version"), kind: .numeric),
            .init(name: "period", label: text("export.variable.period"), kind: .string(width: 10)),
            .init(name: "team", label: text("export.variable.team"), kind: .string(width: 120)),
            .init(name: "role", label: text("export.variable.role"), kind: .string(width: 20)),
            .init(name: "age_band", label: text("export.variable.ageBand"), kind: .string(width: 8)),
            .init(name: "language", label: text("export.variable.language"), kind: .string(width: 5)),
            .init(name: "channel", label: text("export.variable.channel"), kind: .string(width: 12)),
            .init(name: "generalised", label: text("export.variable.generalised"), kind: .string(width: 60)),
        ]
        let missingLabels: [(value: Double, label: String)] = [
            (Self.dontKnowCode, text("export.missing.dontKnow")), (Self.notApplicableCode, text("export.missing.notApplicable")),
        ]
        let code = language.rawValue
        for columns in questionColumns {
            let question = columns.question
            if question.type.isText {
                variables.append(.init(name: question.key, label: question.text.text(code), kind: .string(width: 255)))
            } else if question.type == .multipleChoice {
                for option in question.answerOptions {
                    variables.append(
                        .init(
                            name: "\(question.key)_\(option.key)", label: "\(question.text.text(code)): \(option.label.text(code))", kind: .numeric,
                            valueLabels: [(0, text("export.notChosen")), (1, text("export.chosen"))] + missingLabels,
                            missingValues: [Self.dontKnowCode, Self.notApplicableCode]))
                }
            } else {
                let labels = question.answerOptions.compactMap { option in
                    columns.codes[option.key].map { (value: $0, label: option.label.text(code)) }
                }
                variables.append(
                    .init(
                        name: question.key, label: question.text.text(code), kind: .numeric,
                        valueLabels: labels.filter { $0.value != Self.dontKnowCode } + missingLabels,
                        missingValues: [Self.dontKnowCode, Self.notApplicableCode]))
            }
        }
        return variables
    }

    /// The cells of one question for one response; codes as in `variables`.
    static func exportValues(for answer: Answer?, _ columns: QuestionColumns) -> [ExportValue] {
        if columns.question.type.isText {
            // Only reviewed, masked text reaches this point (see the answers query).
            if case .text(let masked) = answer, !masked.isEmpty { return [.text(masked)] }
            return [.missing]
        }
        if columns.question.type == .multipleChoice {
            switch answer {
            case .dontKnow: return columns.optionKeys.map { _ in .number(Self.dontKnowCode) }
            case .notApplicable: return columns.optionKeys.map { _ in .number(Self.notApplicableCode) }
            case .some(let answer):
                let chosen = Set(answer.optionKeys)
                return columns.optionKeys.map { .number(chosen.contains($0) ? 1 : 0) }
            case nil: return columns.optionKeys.map { _ in .missing }
            }
        }
        switch answer {
        case .dontKnow: return [.number(Self.dontKnowCode)]
        case .notApplicable: return [.number(Self.notApplicableCode)]
        case .some(let answer): return [answer.optionKey.flatMap { columns.codes[$0] }.map(ExportValue.number) ?? .missing]
        case nil: return [.missing]
        }
    }

    /// Every reviewed, masked open answer of the questionnaire, by response id (lowercase):
    /// coordinators review them one by one, so they are few next to the responses.
    private func reviewedTexts() async throws -> [String: [String: Answer]] {
        guard let sql = database as? any SQLDatabase, subject.questions.contains(where: { $0.type.isText }) else { return [:] }
        var query = SQLQueryString(
            "SELECT a.response_id, a.question_key, rv.masked_text FROM open_answer_reviews rv JOIN response_answers a ON a.id = rv.answer_id JOIN responses r ON r.id = a.response_id WHERE rv.reviewed_at IS NOT NULL AND r.version_id IN ("
        )
        query.appendInterpolation(binds: subject.versionIDs)
        query.appendLiteral(")")
        var texts: [String: [String: Answer]] = [:]
        for row in try await sql.raw(query).all() {
            guard let masked = try row.decode(column: "masked_text", as: String?.self) else { continue }
            texts[try row.decode(column: "response_id", as: UUID.self).uuidString.lowercased(), default: [:]][
                try row.decode(column: "question_key", as: String.self)] =
                .text(masked)
        }
        return texts
    }

    func response(format: Format, csvSeparator: Character) async throws -> Response {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        // Exactly the released responses: this month's are never released, so responses that
        // arrive while the file is written do not change it.
        let caseCount = data.classSizes.values.reduce(0, +)
        let data = data
        let regionNames = Dictionary(uniqueKeysWithValues: subject.organisation.regionNames.map { ($0.key.uuidString, $0.value) })
        let questionCount = subject.questions.count
        // Ids come as text: SQLite stores them upper case, PostgreSQL prints them lower case.
        let bothCases = { (id: UUID) in [id.uuidString, id.uuidString.lowercased()] }
        let versionNumberOf = Dictionary(
            try await QuestionnaireVersion.query(on: database).filter(\.$questionnaire.$id == subject.id).all().flatMap { version in
                bothCases(try version.requireID()).map { ($0, Double(version.number)) }
            }, uniquingKeysWith: { first, _ in first })
        let teamNameOf = Dictionary(
            subject.organisation.teamNames.flatMap { id, name in bothCases(id).map { ($0, name) } }, uniquingKeysWith: { first, _ in first })
        let variables = variables
        let columns = questionColumns
        let subject = subject
        let texts = try await reviewedTexts()
        let labelsHeader = ["variable", "label", "value", "value_label", "missing"]
        // Each response's answers are one stored text (`AnswerLine`, filled for older responses by
        // its migration). No fallback to the answers table here: PostgreSQL would judge the
        // query costly and compile it (JIT) for every batch. SQLite reads the table in its own
        // order (rowid), one pass over the file; PostgreSQL reads its pages in order, a range of
        // pages per batch (a TID range scan, PostgreSQL 14 and later).
        let answers = "r.answer_line"
        let postgres = sql.dialect.name != "sqlite"
        let pageCount =
            postgres
            ? try await sql.raw("SELECT CAST(pg_relation_size('responses') / current_setting('block_size')::int AS BIGINT) AS n").first()?
                .decode(column: "n", as: Int.self) ?? 0 : 0
        // A response's attributes in one text (ids as text too): one column to decode per row,
        // not seven, and no UUID to parse.
        let attributes = [
            "CAST(r.version_id AS TEXT)", "r.submitted_on", "CAST(r.team_id AS TEXT)", "r.respondent_role", "r.age_band", "r.language", "r.channel",
        ]
        .map { "COALESCE(\($0), '')" }.joined(separator: " || '\u{1F}' || ")
        let fileName = "\(subject.definition.key)-antwoorden.\(format.rawValue)"

        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let body = Response.Body(asyncStream: { writer in
            do {
                var csv = CSVRows(separator: csvSeparator)
                var xlsx = XLSXWriter(variables: variables)
                let sav = SAVWriter(variables: variables)
                func send(_ bytes: [UInt8]) async throws {
                    guard !bytes.isEmpty else { return }
                    try await writer.write(.buffer(ByteBuffer(bytes: bytes)))
                }
                switch format {
                case .csv: try await send(csv.header(variables))
                case .xlsx: try await send(xlsx.start())
                case .sav: try await send(sav.header(caseCount: caseCount, label: subject.definition.key, date: Date()))
                }
                var written = 0
                var shownRecords: [String: ShownRecord] = [:]
                var rowValues = ExportRowValues(columns: columns)
                let versionIDs = subject.versionIDs
                let batchSize = Self.batchSize
                /// The rows from `position` on (SQLite: after that rowid; PostgreSQL: from that
                /// page), and where the next batch starts, if there is one.
                @Sendable func batch(_ position: Int) async throws -> (rows: [any SQLRow], next: Int?) {
                    var query = SQLQueryString(
                        "SELECT \(unsafeRaw: postgres ? "" : "r.rowid AS k, ")\(unsafeRaw: texts.isEmpty ? "" : "CAST(r.id AS TEXT) AS id, ")\(unsafeRaw: attributes) || '\u{1E}' || COALESCE(\(unsafeRaw: answers), '') AS line FROM responses r WHERE r.version_id IN ("
                    )
                    query.appendInterpolation(binds: versionIDs)
                    query.appendLiteral(")")
                    if postgres {
                        let end = position + Self.pagesPerBatch
                        query.appendLiteral(" AND r.ctid >= CAST('(\(position),0)' AS tid) AND r.ctid < CAST('(\(end),0)' AS tid)")
                        return (try await sql.raw(query).all(), end < pageCount ? end : nil)
                    }
                    query.appendLiteral(" AND r.rowid > \(position) ORDER BY r.rowid LIMIT \(batchSize)")
                    let rows = try await sql.raw(query).all()
                    return (rows, rows.count == batchSize ? try rows.last?.decode(column: "k", as: Int.self) : nil)
                }
                // Batches of responses, one query each; the next batch is read while this one is
                // written (the database works on its own thread or server).
                var next: Task<(rows: [any SQLRow], next: Int?), any Error>? = Task { try await batch(0) }
                while let reading = next {
                    // Within a batch in no stored order: on PostgreSQL pages hold rows in the
                    // order they came.
                    let (stored, following) = try await reading.value
                    let rows = stored.shuffled()
                    next = following.map { position in Task { try await batch(position) } }
                    var chunk: [UInt8] = []
                    for row in rows where written < caseCount {
                        // Attributes, then the answers after the record separator: one text to decode.
                        let line = try row.decode(column: "line", as: String.self)
                        let split = line.utf8.firstIndex(of: 0x1E) ?? line.utf8.endIndex
                        let parts = line.utf8[..<split].split(separator: 0x1F, omittingEmptySubsequences: false)
                        let attribute = { (index: Int) in index < parts.count ? String(Substring(parts[index])) : "" }
                        // Rows of one record share their class: looked up once per record, keyed by
                        // the record's own text (team, attributes, month), not parsed for every row.
                        guard parts.count >= 7 else { continue }
                        let recordKey =
                            String(Substring(line.utf8[parts[2].startIndex..<parts[6].endIndex])) + String(Substring(parts[1]).prefix(7))
                        let shownRecord: ShownRecord
                        if let known = shownRecords[recordKey] {
                            shownRecord = known
                        } else {
                            let team = attribute(2)
                            let record = ResultRelease.Record(
                                team: team.isEmpty ? nil : (UUID(uuidString: team)?.uuidString ?? team),
                                attributes: [attribute(3), attribute(4).isEmpty ? "-" : attribute(4), attribute(5), attribute(6)],
                                month: String(attribute(1).prefix(7)))
                            shownRecord = ShownRecord(
                                released: data.release.classOf[record], teamName: teamNameOf[team] ?? "", regionNames: regionNames, data: data,
                                questionCount: questionCount)
                            shownRecords[recordKey] = shownRecord
                        }
                        guard let shown = shownRecord.row else { continue }
                        written += 1
                        var values: [ExportValue] = [.number(Double(written)), .number(versionNumberOf[attribute(0)] ?? 0)]
                        values += shown
                        var reviewed = texts.isEmpty ? nil : texts[try row.decode(column: "id", as: String.self).lowercased()]
                        var answerLine = split < line.utf8.endIndex ? String(Substring(line.utf8[line.utf8.index(after: split)...])) : ""
                        // A question fewer than the minimum of the class answered is in no figure:
                        // its answers stay out of the rows too, so rows and figures agree.
                        if let releasedAnswers = shownRecord.releasedAnswers {
                            answerLine = AnswerLine.keeping(answerLine) { releasedAnswers[$0] != nil }
                            reviewed = reviewed?.filter { releasedAnswers[$0.key] != nil }
                        }
                        rowValues.append(line: answerLine, texts: reviewed, to: &values)
                        switch format {
                        case .csv: chunk += csv.row(values)
                        case .xlsx: chunk += xlsx.row(values)
                        case .sav: sav.encode(values, into: &chunk)
                        }
                    }
                    try await send(chunk)
                }
                // A .sav promised `caseCount` cases in its header; pad if responses were deleted meanwhile.
                if format == .sav {
                    while written < caseCount {
                        written += 1
                        try await send(sav.encode([]))
                    }
                }
                if format == .xlsx { try await send(xlsx.finish(labelsHeader: labelsHeader)) }
                try await writer.write(.end)
            } catch {
                try? await writer.write(.error(error))
            }
        })
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// CSV rows for the respondent export: UTF-8 with a byte-order mark (so Excel reads it as
/// UTF-8), a decimal comma with the semicolon.
struct CSVRows {
    let separator: Character

    mutating func header(_ variables: [ExportVariable]) -> [UInt8] {
        Array(("\u{FEFF}" + CSVLine.make(variables.map(\.name), separator: separator)).utf8)
    }

    mutating func row(_ values: [ExportValue]) -> [UInt8] {
        Array(CSVLine.make(values.map { $0.csvText(decimalComma: separator == ";") }, separator: separator).utf8)
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
