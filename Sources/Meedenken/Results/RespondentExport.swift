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

    let subject: ResultsSubject
    let columns: RespondentColumns

    /// The file, streamed: the store reads the responses in batches (`RespondentLineBatches`),
    /// `RespondentRowMapper` makes each a row, and the format's writer writes it.
    static func response(_ req: Request, subject: ResultsSubject, format: Format, separator: ExportOptions.Separator) async throws -> Response {
        let store = try Store(req.db, for: "respondent export")
        let export = RespondentExport(subject: subject, columns: RespondentColumns(questions: subject.questions))
        let data = try await subject.data(on: req)
        let variables = export.columns.variables(language: req.language, localizer: req.application.localizer)
        let mapper = RespondentRowMapper(
            organisation: subject.organisation, questionCount: subject.questions.count, data: data, columns: export.columns,
            versionNumbers: try await export.versionNumbers(store),
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
                        guard let values = mapper.row(line.line, id: line.id) else { continue }
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
