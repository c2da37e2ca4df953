import Leaf
import LeafKit
import MeedenkenCore
import Vapor

extension Application {
    private struct LocalizerKey: StorageKey { typealias Value = Localizer }

    var localizer: Localizer {
        get { storage[LocalizerKey.self] ?? Localizer(catalogs: [:]) }
        set { storage[LocalizerKey.self] = newValue }
    }

    /// Reads `Resources/Locales/<code>.json` for every language.
    func loadLocalizer() throws -> Localizer {
        var catalogs: [Language: StringCatalog] = [:]
        for language in Language.allCases {
            let path = directory.resourcesDirectory + "Locales/\(language.rawValue).json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(problems: ["string catalog missing: \(path)"])
            }
            catalogs[language] = try StringCatalog(language: language, json: data)
        }
        return Localizer(catalogs: catalogs)
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    /// The language of this response: a signed-in staff member's own choice, else the visitor's
    /// language cookie, else Dutch.
    var language: Language {
        if let staff = staff { return staff.language }
        if let cached = storage[LanguageKey.self] { return cached }
        let fromCookie = cookies[application.config.cookieNames.language].flatMap { Language(rawValue: $0.string) }
        let language = fromCookie ?? .default
        storage[LanguageKey.self] = language
        return language
    }

    /// Interface text in the request's language.
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        application.localizer.text(key, in: language, arguments)
    }
}

/// `#t("key")` or `#t("key", "name", value, …)` in templates: interface text in the request's
/// language. Output is HTML-escaped like any other value.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t() needs a catalog key"))
        }
        var arguments: [String: String] = [:]
        var rest = ctx.parameters.dropFirst()
        while rest.count >= 2 {
            let name = rest.removeFirst().string ?? ""
            let value = rest.removeFirst()
            arguments[name] = value.string ?? value.int.map(String.init) ?? ""
        }
        guard let request = ctx.request else { return .string(key) }
        return .string(request.t(key, arguments))
    }
}
