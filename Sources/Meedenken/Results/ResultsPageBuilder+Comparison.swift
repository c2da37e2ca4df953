import Foundation
import MeedenkenCore
import MeedenkenStore

extension ResultsPageBuilder {
    /// What changed since the previous wave, as on the comparison page: for the whole view (the
    /// organisation, or a team manager's own teams), through the same suppression.
    func changesSection(_ previousID: UUID?) throws -> ResultsPage.ChangesSection? {
        guard let previousID else { return nil }
        // A previous wave that names no questionnaire (any more) is not found, as before.
        guard let wave = snapshot.previousWave else { throw UserFacingError(.notFound, "error.message.404") }
        let previous = subject.other(wave.previous)
        let figures = WaveComparison(current: subject, previous: previous, snapshot: wave, text: text).figures()
        return .init(
            previousTitle: previous.definition.title.text(language), currentRespondents: figures.currentRespondents,
            previousRespondents: figures.previousRespondents, questions: figures.questions, themes: figures.themes, hasThemes: !figures.themes.isEmpty,
            compareHref: SiteRoute.questionnaireComparison(id: subject.id).path(.compareWith(previousID)))
    }

    func compareOptions() -> [SelectOption] {
        snapshot.otherWaves.map { other in
            SelectOption(value: other.id.uuidString, label: other.definition.title.text(language), isSelected: false)
        }
    }
}
