import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// Open exit questionnaires for parents (the sample) and youths 12+; returns their ids.
@discardableResult
func openExitQuestionnaires(_ app: Application) async throws -> (parent: UUID, youth: UUID) {
    _ = try await openSampleQuestionnaire(app)
    var youth = sampleQuestionnaire
    youth.key = "proef-jongeren"
    youth.audience = .youth12plus
    let imported = try await QuestionnaireStore(database: app.db).save(youth, now: app.clock.now())
    imported.questionnaire.isOpen = true
    try await imported.questionnaire.save(on: app.db)
    let parent = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "proef").first())
    return (try parent.requireID(), try imported.questionnaire.requireID())
}

func makeApiToken(_ app: Application, scopes: Set<ApiScope> = Set(ApiScope.allCases)) async throws -> String {
    try await ApiToken.create(name: "zaaksysteem", scopes: scopes, now: app.clock.now(), on: app.db).1
}

/// A JSON API call with a bearer token.
func callApi(
    _ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: String? = nil
) async throws -> TestingHTTPResponse {
    var headers = HTTPHeaders()
    if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
    return try await Browser(app).send(method, path, body: json, contentType: json == nil ? nil : "application/json", headers: headers)
}

/// Open exit questionnaires, a team "Team Noord", and the family closure posted for it; returns the API token.
@discardableResult
func inviteFamily(_ app: Application) async throws -> String {
    try await openExitQuestionnaires(app)
    _ = try await makeTeam(app, name: "Team Noord")
    let token = try await makeApiToken(app)
    let response = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: familyClosure(team: "Team Noord"))
    #expect(response.status == .created)
    return token
}

/// Answers the sample questionnaire through a personal link, in a browser of its own.
func answerSampleQuestionnaire(_ app: Application, invitationLink link: String) async throws {
    let browser = Browser(app)
    try await browser.post(SiteRoute.invitationStart(token: link).path)
    let page = SiteRoute.invitationPage(token: link).path
    try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "7")])
    let sent = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "sometimes")])
    #expect(sent.location == SiteRoute.invitationThanks(token: link).path)
}

/// A closure of a family: a parent, a youth of 14 (English), a child of 8 and a parent not to be contacted.
func familyClosure(reference: String = "ZAAK-1", team: String, parentEmail: String = "ouder@example.nl") -> String {
    """
    {"reference": "\(reference)", "team": "\(team)", "closedOn": "2030-03-10", "people": [
      {"role": "parent", "email": "\(parentEmail)", "language": "nl"},
      {"role": "youth", "email": "jongere@example.nl", "language": "en", "birthYear": 2016},
      {"role": "child", "birthYear": 2022},
      {"role": "parent", "email": "geheim@example.nl", "doNotContact": true}
    ]}
    """
}

/// A mail folder of its own for one test.
func temporaryMailFolder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("meedenken-mail-\(UUID().uuidString)").path
}

/// The mails in a folder transport's folder, decoded: recipient, subject and plain-text body.
struct ReadMail {
    let to: String
    let body: String

    /// The personal link in the mail (`/u/<token>`).
    var token: String? {
        guard let range = body.range(of: #"/u/[A-Za-z0-9_-]+"#, options: .regularExpression) else { return nil }
        return String(body[range].dropFirst(3))
    }

    /// Every personal link in the mail, in order.
    var tokens: [String] {
        body.matches(of: #/\/u\/([A-Za-z0-9_-]+)/#).map { String($0.1) }
    }
}

func readMails(_ folder: String) throws -> [ReadMail] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return try files.filter { $0.hasSuffix(".eml") }.sorted().map { file in
        let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let headers = parts[0]
        let to = headers.split(separator: "\r\n").first { $0.hasPrefix("To: ") }.map { String($0.dropFirst(5).dropLast()) } ?? ""
        return ReadMail(to: to, body: decodeQuotedPrintable(parts.dropFirst().joined(separator: "\r\n\r\n")))
    }
}

func decodeQuotedPrintable(_ text: String) -> String {
    var bytes: [UInt8] = []
    let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
    var index = 0
    while index < source.count {
        if source[index] == UInt8(ascii: "="), index + 2 < source.count,
            let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
