import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// The API and its OpenAPI document agree (issue 13.6): what the document calls invalid the server
/// refuses, closed vocabularies are enums in both, and undeclared methods get 405 with `Allow`.
/// e2e/test_api_contract.py runs schemathesis over the whole document as well.
@Suite("API contract")
struct ApiContractTests {
    /// The served document as JSON.
    static func document(_ app: Application) async throws -> [String: Any] {
        let response = try await Browser(app).get(SiteRoute.openAPIDocument.path)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// A query parameter's schema from the document.
    static func parameterSchema(_ document: [String: Any], path: String, name: String) throws -> [String: Any] {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let get = try #require(paths[path]?["get"] as? [String: Any])
        let parameters = try #require(get["parameters"] as? [[String: Any]])
        let parameter = try #require(parameters.first { $0["name"] as? String == name }, "\(name) on \(path)")
        return try #require(parameter["schema"] as? [String: Any])
    }

    static func isProblem(_ response: TestingHTTPResponse, _ status: HTTPResponseStatus) -> Bool {
        response.status == status && response.headers.first(name: .contentType) == "application/problem+json"
            && response.text.contains("\"status\":\(status.code)")
    }

    @Test(arguments: TestDatabase.all)
    func anUnknownSeparatorOrFormatIsA400ProblemAndTheDocumentNamesTheValues(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let researcher = try await makeApiToken(app, scopes: [.responsesExport])
            let export = SiteRoute.apiQuestionnaireResponses(id: fixture.questionnaireID).path
            let tab = try await callApi(app, .GET, export + "?separator=tab", token: researcher)
            #expect(Self.isProblem(tab, .badRequest) && tab.text.contains("separator") && tab.text.contains("comma, semicolon"), "\(tab.text)")
            #expect(Self.isProblem(try await callApi(app, .GET, export + "?separator=", token: researcher), .badRequest))
            #expect(Self.isProblem(try await callApi(app, .GET, export + "?format=doc", token: researcher), .badRequest))
            let semicolon = try await callApi(app, .GET, export + "?format=csv&separator=semicolon", token: researcher)
            #expect(semicolon.status == .ok && semicolon.text.contains("respondent;version;period"))
            let comma = try await callApi(app, .GET, export + "?separator=comma", token: researcher)
            #expect(comma.status == .ok && comma.text.contains("respondent,version,period"))

            let document = try await Self.document(app)
            let path = SiteRoute.apiQuestionnaireResponses(id: .routePattern).openAPIPath
            #expect(try Self.parameterSchema(document, path: path, name: "separator")["enum"] as? [String] == ["comma", "semicolon"])
            #expect(try Self.parameterSchema(document, path: path, name: "format")["enum"] as? [String] == ["csv", "xlsx", "sav"])
            // Declared and answered: a refusal in English for an English caller too.
            var headers = HTTPHeaders()
            headers.add(name: .authorization, value: "Bearer \(researcher)")
            headers.add(name: .acceptLanguage, value: "en")
            let english = try await Browser(app).send(.GET, export + "?separator=tab", headers: headers)
            #expect(english.status == .badRequest && english.text.contains("has a value that does not exist"), "\(english.text)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theRoleFilterTakesExactlyTheRolesTheDocumentLists(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let reader = try await makeApiToken(app, scopes: [.resultsRead])
            let results = SiteRoute.apiQuestionnaireResults(id: fixture.questionnaireID).path
            let document = try await Self.document(app)
            let roles = try #require(
                try Self.parameterSchema(document, path: SiteRoute.apiQuestionnaireResults(id: .routePattern).openAPIPath, name: "rol")["enum"]
                    as? [String])
            #expect(roles == QuestionnaireDefinition.Audience.allCases.map(\.rawValue))
            for role in roles {
                let answer = try await callApi(app, .GET, results + "?rol=\(role)", token: reader)
                #expect(answer.status == .ok, "\(role): \(answer.text.prefix(200))")
            }
            for odd in ["ouder", "Parent", "%3Cscript%3E", "", "parent%20"] {
                let refused = try await callApi(app, .GET, results + "?rol=\(odd)", token: reader)
                #expect(Self.isProblem(refused, .badRequest) && refused.text.contains("rol"), "rol=\(odd): \(refused.text.prefix(200))")
            }
            for (name, value) in [("kwartaal", "2030-Q5"), ("taal", "de"), ("kanaal", "post"), ("leeftijd", "99"), ("onderdeel", "iets")] {
                #expect(Self.isProblem(try await callApi(app, .GET, results + "?\(name)=\(value)", token: reader), .badRequest), "\(name)=\(value)")
            }
            let quarter = try await callApi(app, .GET, results + "?kwartaal=2030-Q1&kanaal=open_link&leeftijd=-", token: reader)
            #expect(quarter.status == .ok, "\(quarter.text.prefix(200))")
            // A well-formed region that is not there is not found, as a questionnaire would be.
            let nowhere = try await callApi(app, .GET, results + "?onderdeel=regio:\(UUID().uuidString)", token: reader)
            #expect(Self.isProblem(nowhere, .notFound))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUndeclaredMethodOnAnApiPathIs405WithAllow(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let token = try await makeApiToken(app)
            let list = SiteRoute.apiQuestionnaires.path
            for method in [HTTPMethod.TRACE, .PATCH, .DELETE, .PUT, .OPTIONS] {
                let answer = try await callApi(app, method, list, token: token)
                #expect(Self.isProblem(answer, .methodNotAllowed), "\(method) \(list): \(answer.status)")
                #expect(answer.headers.first(name: .allow) == "GET, POST, HEAD")
            }
            let one = SiteRoute.apiQuestionnaire(id: UUID()).path
            let trace = try await callApi(app, .TRACE, one, token: nil)
            #expect(Self.isProblem(trace, .methodNotAllowed) && trace.headers.first(name: .allow) == "GET, HEAD")
            let open = try await callApi(app, .GET, SiteRoute.apiQuestionnaireOpen(id: UUID()).path, token: token)
            #expect(Self.isProblem(open, .methodNotAllowed) && open.headers.first(name: .allow) == "POST")
            let document = try await callApi(app, .PATCH, SiteRoute.openAPIDocument.path, token: nil)
            #expect(Self.isProblem(document, .methodNotAllowed) && document.headers.first(name: .allow) == "GET, HEAD")
            // Declared methods pass, HEAD with GET; unknown paths stay 404.
            #expect(try await callApi(app, .HEAD, list, token: token).status == .ok)
            #expect(try await callApi(app, .TRACE, "/api/v1/bestaat-niet", token: token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anEmptyBodyIsInvalidInTheDocumentAndRefusedWith422(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let token = try await makeApiToken(app)
            let questionnaire = try await callApi(app, .POST, SiteRoute.apiQuestionnaires.path, token: token, json: "{}")
            #expect(Self.isProblem(questionnaire, .unprocessableEntity) && questionnaire.text.contains("\"pointer\":\"/pages\""))
            let closure = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: "{}")
            #expect(Self.isProblem(closure, .unprocessableEntity) && closure.text.contains("\"pointer\":\"/reference\""))
            let blank = #"{"reference": " ", "team": "", "closedOn": "", "people": []}"#
            let blankClosure = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: blank)
            #expect(Self.isProblem(blankClosure, .unprocessableEntity))
            for pointer in ["/reference", "/team", "/closedOn", "/people"] { #expect(blankClosure.text.contains("\"pointer\":\"\(pointer)\"")) }

            // The document says the same: the fields are required, texts not blank, lists not empty.
            let schemas = try #require((try await Self.document(app)["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            let submission = try #require(schemas["ClosureSubmission"])
            #expect(Set(submission["required"] as? [String] ?? []) == ["reference", "team", "closedOn", "people"])
            #expect(submission["additionalProperties"] as? Bool == false)
            let fields = try #require(submission["properties"] as? [String: [String: Any]])
            #expect(fields["reference"]?["pattern"] as? String == "\\S" && fields["reference"]?["maxLength"] as? Int == 100)
            #expect(fields["closedOn"]?["format"] as? String == "date" && fields["people"]?["minItems"] as? Int == 1)
            let definition = try #require(schemas["QuestionnaireDocument"])
            #expect(Set(definition["required"] as? [String] ?? []) == ["key", "kind", "audience", "title", "pages"])
            let text = try #require(schemas["LocalizedText"])
            #expect(text["required"] as? [String] == ["nl"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aClosureWithAMisspeltFieldOrCodeIsRefused(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team Noord")
            let token = try await makeApiToken(app)
            func post(_ people: String, extra: String = "") async throws -> TestingHTTPResponse {
                try await callApi(
                    app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token,
                    json: #"{"reference": "ZAAK-7", "team": "Team Noord", "closedOn": "2030-03-10", "people": [\#(people)]\#(extra)}"#)
            }
            let misspelt = try await post(#"{"role": "parent", "email": "o@example.nl", "donotcontact": true}"#)
            #expect(Self.isProblem(misspelt, .unprocessableEntity) && misspelt.text.contains("\"pointer\":\"/people/0/donotcontact\""))
            let extra = try await post(#"{"role": "child", "birthYear": 2022}"#, extra: #", "note": "x""#)
            #expect(Self.isProblem(extra, .unprocessableEntity) && extra.text.contains("\"pointer\":\"/note\""))
            #expect(Self.isProblem(try await post(#"{"role": "Parent", "email": "o@example.nl"}"#), .unprocessableEntity))
            #expect(Self.isProblem(try await post(#"{"role": "parent", "email": "o@example.nl", "language": "NL"}"#), .unprocessableEntity))
            #expect(Self.isProblem(try await post(#"{"role": "parent", "email": "o@example.nl", "language": ""}"#), .unprocessableEntity))
            let day = #"{"reference": "ZAAK-8", "team": "Team Noord", "closedOn": " 2030-03-10", "people": [{"role": "child", "birthYear": 2022}]}"#
            #expect(Self.isProblem(try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: day), .unprocessableEntity))
            let accepted = try await post(#"{"role": "parent", "email": "o@example.nl", "language": null, "birthYear": null, "doNotContact": null}"#)
            #expect(accepted.status == .created, "\(accepted.text)")
        }
    }

    @Test func closingDaysAreExactlyRFC3339FullDates() {
        #expect(CalendarDay("2030-03-10") != nil && CalendarDay("2024-02-29") != nil)
        for odd in ["+030-03-10", "2030-+3-10", "2030-3-010", " 2030-03-1", "0000-01-01", "2030-02-30", "2030-03-10 "] {
            #expect(CalendarDay(odd) == nil, "\(odd)")
        }
    }
}
