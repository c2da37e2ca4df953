import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOCore
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

        init?(_ format: ExportOptions.Format) { self.init(rawValue: format.rawValue) }

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
    let subject: ResultsSubject
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

    /// The file, streamed: the store reads the responses in batches (`RespondentLineBatches`),
    /// `RespondentRowMapper` makes each a row, and the format's writer writes it.
    static func response(_ req: Request, subject: ResultsSubject, format: Format, separator: ExportOptions.Separator) async throws -> Response {
        let store = try Store(req.db, for: "respondent export")
        let export = RespondentExport(subject: subject, language: req.language, localizer: req.application.localizer)
        let data = try await subject.data(on: req)
        let variables = export.variables
        let mapper = RespondentRowMapper(
            subject: subject, data: data, columns: export.questionColumns, versionNumbers: try await export.versionNumbers(store),
            // Only reviewed, masked text; never read when the questionnaire asks nothing open.
            reviewedTexts: subject.questions.contains { $0.type.isText } ? try await store.reviewedTextsByResponse(versionIDs: subject.versionIDs) : [:])
        let batches = try await store.respondentLines(versionIDs: subject.versionIDs, withIDs: mapper.needsIDs)
        let fileName = "\(subject.definition.key)-antwoorden.\(format.rawValue)"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let label = subject.definition.key
        let body: Response.Body
        switch format {
        case .csv: body = stream(batches, mapper, CSVRespondentWriter(variables: variables, separator: separator.character), label: label)
        case .xlsx: body = stream(batches, mapper, XLSXRespondentWriter(variables: variables), label: label)
        case .sav: body = stream(batches, mapper, SAVRespondentWriter(variables: variables), label: label)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Version numbers by version id as text, in both cases: SQLite stores ids upper case,
    /// PostgreSQL prints them lower case.
    func versionNumbers(_ store: Store) async throws -> [String: Double] {
        Dictionary(
            try await QuestionnaireVersion.query(on: store.database).filter(\.$questionnaire.$id == subject.id).all().flatMap { version in
                let id = try version.requireID()
                return [id.uuidString, id.uuidString.lowercased()].map { ($0, Double(version.number)) }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Generic over the writer, so each row is written without a dynamic call.
    private static func stream<Writer: RespondentFileWriter & Sendable>(
        _ batches: RespondentLineBatches, _ mapper: RespondentRowMapper, _ writer: Writer, label: String
    ) -> Response.Body {
        Response.Body(asyncStream: { stream in
            var batches = batches
            var mapper = mapper
            var writer = writer
            do {
                func send(_ bytes: [UInt8]) async throws {
                    guard !bytes.isEmpty else { return }
                    try await stream.write(.buffer(ByteBuffer(bytes: bytes)))
                }
                try await send(writer.start(caseCount: mapper.caseCount, label: label, date: Date()))
                while let lines = try await batches.next() {
                    var chunk: [UInt8] = []
                    for line in lines {
                        guard let values = mapper.row(line) else { continue }
                        writer.append(values, to: &chunk)
                    }
                    try await send(chunk)
                }
                try await send(writer.finish(written: mapper.written))
                try await stream.write(.end)
            } catch {
                try? await stream.write(.error(error))
            }
        })
    }
}
