import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Two languages")
struct LocalizationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func catalog(_ language: Language) throws -> [String: String] {
        let data = try Data(contentsOf: root.appendingPathComponent("Resources/Locales/\(language.rawValue).json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    static func files(under folder: String, ending: String) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.path.hasSuffix(ending) }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            Issue.record("bad pattern \(pattern)")
            return []
        }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func dutchAndEnglishHaveTheSameKeysAndNoEmptyTexts() throws {
        let dutch = try Self.catalog(.dutch)
        let english = try Self.catalog(.english)
        #expect(Set(dutch.keys) == Set(english.keys))
        #expect(dutch.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.isEmpty)
        #expect(english.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.isEmpty)
        // Placeholders must match, or one language would show a raw {name}.
        for (key, text) in dutch {
            #expect(Set(Self.matches("\\{([a-z]+)\\}", in: text)) == Set(Self.matches("\\{([a-z]+)\\}", in: english[key] ?? "")), "\(key)")
        }
    }

    @Test func everyKeyTheTemplatesUseIsInTheCatalog() throws {
        let dutch = try Self.catalog(.dutch)
        let templates = Self.files(under: "Resources/Views", ending: ".leaf")
        #expect(templates.count > 10)
        for file in templates {
            let text = try String(contentsOf: file, encoding: .utf8)
            for key in Self.matches("#t\\(\"([^\"]+)\"", in: text) {
                #expect(dutch[key] != nil, "\(file.lastPathComponent) uses \(key)")
            }
        }
    }

    @Test func everyKeyTheCodeUsesIsInTheCatalog() throws {
        let dutch = try Self.catalog(.dutch)
        var used: [String] = []
        for file in Self.files(under: "Sources/Meedenken", ending: ".swift") {
            // Code only: doc comments show the template syntax with placeholder keys.
            let text = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            used += Self.matches("\\bt\\(\"([a-zA-Z0-9_.]+)\"", in: text)
            used += Self.matches("UserFacingError\\(\\.[a-zA-Z]+, \"([a-zA-Z0-9_.]+)\"", in: text)
            used += Self.matches("titleKey: \"([a-zA-Z0-9_.]+)\"", in: text)
            used += Self.matches("labelKey: \"([a-zA-Z0-9_.]+)\"", in: text)
        }
        #expect(used.count > 50)
        for key in used { #expect(dutch[key] != nil, "code uses \(key)") }
        // Keys the code builds from values.
        for role in Role.allCases { #expect(dutch[role.labelKey] != nil) }
        for action in AuditAction.allCases { #expect(dutch["audit.action.\(action.rawValue)"] != nil) }
        for item in StaffNavigation.all where item.route != .staffHome { #expect(dutch["\(item.labelKey).description"] != nil) }
        for reason in MailSendError.Reason.allCases { #expect(dutch["outbox.error.\(reason.rawValue)"] != nil) }
        for type in QuestionType.allCases { #expect(dutch["question.type.\(type.rawValue)"] != nil) }
        for scope in ApiScope.allCases { #expect(dutch["apiTokens.scope.\(scope.rawValue)"] != nil) }
        for kind in ["invitation", "reminder"] { #expect(dutch["outbox.kind.\(kind)"] != nil && dutch["mail.\(kind).parent.u.body"] != nil) }
        for status in OutboxMessage.Status.allCases { #expect(dutch["outbox.status.\(status.rawValue)"] != nil) }
        for dimension in ResultDimension.filters { #expect(dutch["results.filter.\(dimension.rawValue)"] != nil) }
        for month in 1...12 { #expect(dutch["results.month.\(month)"] != nil) }
        for channel in ["open_link", "invitation", "paper"] { #expect(dutch["results.channel.\(channel)"] != nil) }
        for line in HelpLine.Kind.allCases { #expect(dutch["help.line.\(line.rawValue)"] != nil && dutch["settings.help.\(line.rawValue)"] != nil) }
        for action in DangerFlag.Action.allCases { #expect(dutch["dangerFlag.action.\(action.rawValue)"] != nil) }
        for mail in ["alert", "escalation"] { #expect(dutch["mail.danger.\(mail).subject"] != nil && dutch["mail.danger.\(mail).body"] != nil) }
        for tone in OpenAnswerTone.allCases { #expect(dutch["openAnswers.tone.\(tone.rawValue)"] != nil) }
        for format in ["csv", "xlsx", "sav"] { #expect(dutch["results.export.respondents.\(format)"] != nil) }
        for code in ClosureProblem.Code.allCases { #expect(dutch["closure.error.\(code.rawValue)"] != nil) }
        for status in [400, 401, 403, 404, 405, 410, 413, 415, 422, 429, 500, 503] {
            #expect(dutch["error.title.\(status)"] != nil && dutch["error.message.\(status)"] != nil)
        }
        for problem in [PasswordPolicy.Problem.tooShort, .tooLong, .common] { #expect(dutch[problem.rawValue] != nil) }
        for problem in [AnswerProblem.required, .notAnOption, .outOfRange, .tooLong, .oneOnly] { #expect(dutch[problem.rawValue] != nil) }
        let definitionCodes: [DefinitionProblem.Code] = [
            .notJSON, .notAnObject, .missing, .wrongType, .unknownValue, .badKey, .duplicateKey, .missingDutch, .empty,
            .tooFewOptions, .optionsNotAllowed, .unknownQuestion, .laterQuestion, .unknownOption, .notNumeric, .unknownTheme, .badCondition,
        ]
        for code in definitionCodes { #expect(dutch["definition.error.\(code.rawValue)"] != nil) }
    }

    @Test(arguments: TestDatabase.all)
    func aVisitorSwitchesToEnglishAndStaysOnTheSamePage(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            #expect(try await browser.get(SiteRoute.privacy.path).text.contains("<html lang=\"nl\">"))
            let switched = try await browser.post(SiteRoute.languageSwitch.path, [("language", "en"), ("terug", SiteRoute.privacy.path)])
            #expect(switched.location == SiteRoute.privacy.path)
            let page = try await browser.get(SiteRoute.privacy.path)
            #expect(page.text.contains("<html lang=\"en\">") && page.text.contains("Here you can read what we do with your data."))
            #expect(page.text.contains("value=\"nl\" lang=\"nl\" class=\"button-quiet\">Nederlands</button>"), "the way back is offered in its own language")
            let away = try await browser.post(SiteRoute.languageSwitch.path, [("language", "nl"), ("terug", "https://evil.example")])
            #expect(away.location == SiteRoute.home.path)
        }
    }

    @Test(arguments: TestDatabase.all)
    func staffKeepTheirLanguageAcrossLogins(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            try await browser.post(SiteRoute.accountLanguage.path, [("language", "en")])
            #expect(try await browser.get(SiteRoute.staffHome.path).text.contains("Hello Test council_member"))
            try await browser.post(SiteRoute.logout.path)
            let elsewhere = Browser(app)
            try await logIn(elsewhere, as: user)
            #expect(try await elsewhere.get(SiteRoute.staffHome.path).text.contains("Your work"))
        }
    }
}
