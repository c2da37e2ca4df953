import Leaf
import LeafKit
import MeedenkenCore
import MeedenkenStore
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
        let fromCookie = sentCookies[application.config.cookieNames.language].flatMap { Language(rawValue: $0.string) }
        // Programs calling the API have no cookie; they may ask with Accept-Language.
        let fromHeader = url.path.hasPrefix("/api/") ? Self.preferredLanguage(headers.first(name: .acceptLanguage)) : nil
        let language = fromCookie ?? fromHeader ?? .default
        storage[LanguageKey.self] = language
        return language
    }

    /// The first supported language in an Accept-Language header (`en-GB,en;q=0.8`), if any.
    static func preferredLanguage(_ header: String?) -> Language? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if let language = Language(rawValue: String(tag.prefix(2))) { return language }
        }
        return nil
    }

    /// Speaks `language` for the rest of this request (an invitation's language on a first visit).
    func useLanguage(_ language: Language) {
        storage[LanguageKey.self] = language
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
