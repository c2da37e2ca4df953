import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

extension ResultsSubject {
    /// The snapshot reader for this subject's results on the request's database: the released
    /// counts come from the results cache, and another wave is seen as this person sees this one.
    /// Throws when the database does not speak SQL: results are never shown empty instead.
    func snapshotReader(on req: Request) throws -> ResultsSnapshotReader<ResultsData> {
        let subject = self
        return ResultsSnapshotReader(
            store: try Store(req.db, for: "results"),
            tallies: { questionnaire in try await subject.other(questionnaire).data(on: req) },
            comparesPeople: { current, currentData, previous, previousData in
                WaveComparison.comparesPeople(subject.other(current), currentData, subject.other(previous), previousData)
            })
    }
}

extension ResultsPageBuilder {
    /// Reads the page's snapshot, then builds it: what the page takes of the request is taken here.
    static func page(for req: Request, subject: ResultsSubject, filter: ResultFilter, problems: [String], publicView: Bool = false) async throws
        -> ResultsPage
    {
        let canReview = req.staff.map { PermissionTable.allows($0.role, .coordinateParticipation) } ?? false
        let snapshot = try await subject.snapshotReader(on: req).page(
            ResultsSnapshotRequest(
                questionnaire: subject.questionnaire, ownTeams: subject.ownTeams, readsInvitations: filter.activeDimensions.isEmpty,
                readsPendingOpenAnswers: canReview && !publicView))
        let text = ResultsText(req)
        let layout = try await req.layout(
            titleKey: titleKey(publicView: publicView), titleArguments: ["title": subject.definition.title.text(text.language.rawValue)],
            staffArea: publicView ? false : nil)
        return try ResultsPageBuilder(
            subject: subject, filter: filter, problems: problems, snapshot: snapshot, text: text, layout: layout, now: req.now,
            calendar: req.application.calendar,
            perParameter: req.query[String.self, at: SiteQuery.Name.period], publicView: publicView, canReview: canReview,
            canExportRespondents: req.staff.map { PermissionTable.allows($0.role, .exportRespondentData) } ?? false
        ).build()
    }
}

extension ExportOptions {
    /// The options asked for in the address (or the API call); nil for an unknown format.
    init?(_ req: Request) { self.init(query: { req.query[String.self, at: $0] }) }

    /// The query items of a link to an export: the format, and for CSV the separator.
    var queryItems: [SiteQuery] { [.format(format.rawValue)] + (format == .csv ? [.separator(separator.rawValue)] : []) }
}
