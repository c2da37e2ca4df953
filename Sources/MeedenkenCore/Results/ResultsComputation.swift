import Foundation

/// Turns released classes (`ResultsData`, settled by `ResultRelease`) into the figures of the
/// places a view shows. Every figure is a sum over whole classes, so no combination of views
/// gives away a group below the minimum; a place with nothing released shows nothing.
public struct ResultsComputation: Sendable {
    /// One shown group: its respondents and per question its result, or nothing where hidden.
    public struct CellFigures: Sendable {
        public let place: ResultPlace
        /// Nil when nothing of the group is released.
        public let respondents: Int?
        /// Only the questions with released answers for this group.
        public let results: [String: QuestionResult]
    }

    public let organisation: ResultOrganisation
    public let minimum: Int
    /// A team manager's teams; nil for roles that see the whole organisation.
    public let ownTeams: Set<UUID>?

    public init(organisation: ResultOrganisation, minimum: Int, ownTeams: Set<UUID>?) {
        self.organisation = organisation
        self.minimum = minimum
        self.ownTeams = ownTeams
    }

    /// The view of a place with a filter's attribute values and a period.
    public func view(_ place: ResultPlace, filter: ResultFilter, period: ResultRelease.View.ViewPeriod? = nil) -> ResultRelease.View {
        let viewPlace: ResultRelease.View.ViewPlace =
            switch place {
            case .organisation: .organisation
            case .ownTeams: .teams(Set((ownTeams ?? []).map(\.uuidString)))
            case .region(let id): .region(id)
            case .team(let id): .team(id)
            case .noTeam: .noTeam
            }
        let quarter = filter.values[.quarter].map(ResultRelease.View.ViewPeriod.quarter) ?? .all
        return ResultRelease.View(
            place: viewPlace, attributes: ResultsData.attributes.map { filter.values[$0] }, period: period ?? quarter)
    }

    /// Figures for `places` under one filter (and period).
    public func figures(
        data: ResultsData, questions: [Question], filter: ResultFilter, period: ResultRelease.View.ViewPeriod? = nil, places: [ResultPlace]
    ) -> [CellFigures] {
        places.map { place in
            let view = view(place, filter: filter, period: period)
            // Summing rows of numbers (`DenseTallies`): this is most of a results page's time.
            let (respondents, sum) = data.dense.sum { data.release.counts($0, in: view) }
            guard respondents > 0 else { return CellFigures(place: place, respondents: nil, results: [:]) }
            var results: [String: QuestionResult] = [:]
            for question in questions {
                guard let tally = data.dense.tally(of: question.key, in: sum) else { continue }
                results[question.key] = QuestionResult(question: question, tally: tally)
            }
            return CellFigures(place: place, respondents: respondents, results: results)
        }
    }

    /// Whether a record (a reviewed open answer's response, a row of an export) counts in a
    /// place's view, with its answers to `question` (nil: only the person).
    public func counts(_ record: ResultRelease.Record, question: String?, data: ResultsData, in view: ResultRelease.View) -> Bool {
        guard let released = data.release.classOf[record], data.release.counts(released, in: view) else { return false }
        guard let question else { return true }
        return data.tallies[released]?[question] != nil
    }
}
