import MeedenkenCore
import Vapor

/// Interface text in one language: what results pages and exports take of a request, so they
/// are built without holding it.
struct ResultsText: Sendable {
    let language: Language
    let localizer: Localizer

    init(language: Language, localizer: Localizer) {
        self.language = language
        self.localizer = localizer
    }

    init(_ req: Request) { self.init(language: req.language, localizer: req.application.localizer) }

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { localizer.text(key, in: language, arguments) }

    var format: ResultFormatting { ResultFormatting(language: language) }
}
