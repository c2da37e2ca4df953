import Foundation
import MeedenkenCore
import MeedenkenStore

extension ResultsPageBuilder {
    /// Per place the invitations mailed before the first month not yet released, and the people
    /// released there: completed invitations themselves are never counted per team, because that
    /// count moves by one the moment one known client answers.
    func responseRows(places: [ResultPlace], data: ResultsData) -> [ResultsPage.ResponseRow] {
        let firstOpenDay = calendar.month(now) + "-01"
        let rows = snapshot.mailedInvitations
        guard !rows.isEmpty else { return [] }
        var invited: [UUID: Int] = [:]
        for row in rows {
            guard let team = row.team, let mailed = row.firstMailedAt, calendar.day(mailed) < firstOpenDay else { continue }
            invited[team, default: 0] += 1
        }
        let computation = subject.computation
        let figures = computation.figures(data: data, questions: [], filter: ResultFilter(), places: places)
        return zip(places, figures).filter { $0.0 != .noTeam }.map { place, figure in
            let sent = invitedCount(place, invited)
            let done = figure.respondents
            var rate = ""
            if let done, sent > 0, done <= sent { rate = format.percentage(Double(done) / Double(sent) * 100) }
            return .init(
                label: subject.label(of: place, text), isTeam: isTeam(place), invited: String(sent), completed: done.map(String.init) ?? "–",
                rate: rate.isEmpty ? "–" : rate)
        }
    }

    /// Invitations mailed for a place (people, not answers: no small-group rule applies).
    func invitedCount(_ place: ResultPlace, _ invited: [UUID: Int]) -> Int {
        let organisation = subject.organisation
        return invited.reduce(0) { sum, entry in
            let (team, count) = entry
            let counts: Bool =
                switch place {
                case .organisation: true
                case .ownTeams: subject.ownTeams?.contains(team) ?? false
                case .region(let id): organisation.regionOfTeam[team]?.uuidString == id
                case .team(let id): team.uuidString == id
                case .noTeam: false
                }
            return counts ? sum + count : sum
        }
    }

    func isTeam(_ place: ResultPlace) -> Bool {
        if case .team = place { return true }
        return place == .noTeam
    }
}
