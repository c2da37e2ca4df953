import Foundation
import MeedenkenCore
import MeedenkenStore

extension ResultsPageBuilder {
    func placeOptions() -> [SelectOption] {
        var options = [
            SelectOption(
                value: "", label: text.t(subject.ownTeams == nil ? "results.place.organisation" : "results.place.ownTeams"), isSelected: filter.place == .all)
        ]
        if let ownTeams = subject.ownTeams {
            for team in ownTeams.sorted(by: { subject.organisation.teamNames[$0] ?? "" < subject.organisation.teamNames[$1] ?? "" }) {
                let value = ResultPlaceFilter.team(team)
                options.append(.init(value: value.parameter, label: subject.organisation.teamNames[team] ?? "", isSelected: filter.place == value))
            }
            return options
        }
        for region in subject.organisation.regionsByName {
            let regionFilter = ResultPlaceFilter.region(region)
            options.append(
                .init(
                    value: regionFilter.parameter, label: text.t("results.place.region", ["name": subject.organisation.regionNames[region] ?? ""]),
                    isSelected: filter.place == regionFilter))
            for team in subject.organisation.teams(in: region) {
                let teamFilter = ResultPlaceFilter.team(team)
                options.append(
                    .init(value: teamFilter.parameter, label: "– " + (subject.organisation.teamNames[team] ?? ""), isSelected: filter.place == teamFilter))
            }
        }
        return options
    }

    /// One select per attribute, with the values of the released classes this person may see
    /// (never their counts; and never a value only another team has).
    func selects(_ data: ResultsData) -> [ResultsPage.FilterSelect] {
        let computation = subject.computation
        let visible = computation.view(subject.ownTeams == nil ? .organisation : .ownTeams, filter: ResultFilter())
        let classes = data.classSizes.keys.filter { data.release.counts($0, in: visible) }
        var selects: [ResultsPage.FilterSelect] = []
        for dimension in ResultDimension.filters {
            let values: [String]
            if let index = ResultsData.attributes.firstIndex(of: dimension) {
                values = Set(classes.compactMap { $0.attributes[index] }).sorted()
            } else {
                values = Set(
                    classes.compactMap { released -> String? in
                        switch released.period {
                        case .month(let month): ResultRelease.quarter(of: month)
                        case .quarter(let quarter): quarter
                        case .year: nil
                        }
                    }
                ).sorted()
            }
            let chosen = filter.values[dimension]
            var options = [SelectOption(value: "", label: text.t("results.filter.any"), isSelected: chosen == nil)]
            options += values.map { SelectOption(value: $0, label: dimension.label($0, text), isSelected: $0 == chosen) }
            if let chosen, !values.contains(chosen) { options.append(.init(value: chosen, label: chosen, isSelected: true)) }
            selects.append(.init(name: dimension.parameter, label: text.t("results.filter.\(dimension.rawValue)"), options: options))
        }
        return selects
    }
}
