import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Respondents on the open link, as a browser without JavaScript would be: cookies, the form's
/// CSRF token, a client address each.
enum Respondents {
    static let questionCount = 20

    struct Started: Sendable {
        let cookies: String
        let csrf: String
        /// The page of questions, as a full URL.
        let pageURL: String
        let address: String
    }

    /// A 20-question, one-page exit questionnaire, stored and opened through the API.
    static func prepareQuestionnaire(client: HTTPClient, base: String, token: String) async throws -> String {
        let questions = (1...questionCount).map { number in
            #"{"key": "q\#(number)", "type": "report_mark", "required": true, "text": {"nl": "Vraag \#(number)"}}"#
        }
        let document = """
            {"key": "bench", "kind": "exit", "audience": "parent", "title": {"nl": "Benchmark"},
             "pages": [{"key": "p1", "questions": [\(questions.joined(separator: ","))]}]}
            """
        let created = try await call(client, "POST", base + "/api/v1/questionnaires", token: token, body: document)
        guard let id = created["id"] as? String else { throw BenchError("questionnaire not created: \(created)") }
        let opened = try await call(client, "POST", base + "/api/v1/questionnaires/\(id)/open", token: token, body: nil)
        guard let link = opened["openLink"] as? String else { throw BenchError("questionnaire not opened: \(opened)") }
        return link
    }

    static func start(count: Int, openLink: String, client: HTTPClient, concurrency: Int) async throws -> [Started] {
        try await inParallel(count: count, concurrency: concurrency) { index in
            let address = "10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256)"
            var request = HTTPClientRequest(url: openLink)
            request.headers.add(name: "X-Forwarded-For", value: address)
            let page = try await client.execute(request, timeout: .seconds(30))
            var cookies = Cookies(page.headers)
            _ = try await page.body.collect(upTo: 1 << 20)
            guard let csrf = cookies.value(suffix: "csrf") else { throw BenchError("no CSRF cookie") }
            var begin = HTTPClientRequest(url: openLink)
            begin.method = .POST
            begin.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            begin.headers.add(name: "Cookie", value: cookies.header)
            begin.headers.add(name: "X-Forwarded-For", value: address)
            begin.body = .bytes(ByteBuffer(string: "_csrf=\(csrf)"))
            let begun = try await client.execute(begin, timeout: .seconds(30))
            _ = try await begun.body.collect(upTo: 1 << 20)
            guard begun.status == .seeOther, let location = begun.headers.first(name: "Location") else {
                throw BenchError("starting failed with \(begun.status)")
            }
            cookies.merge(begun.headers)
            return Started(cookies: cookies.header, csrf: csrf, pageURL: origin(of: openLink) + location, address: address)
        }
    }

    /// Sends each respondent's complete page; returns each send's latency in milliseconds.
    static func submit(_ respondents: [Started], client: HTTPClient, concurrency: Int) async throws -> [Double] {
        try await inParallel(count: respondents.count, concurrency: concurrency) { index in
            let respondent = respondents[index]
            let answers = (1...questionCount).map { "a-q\($0)=\(($0 + index) % 10 + 1)" }.joined(separator: "&")
            let shown = (1...questionCount).map { "q\($0)" }.joined(separator: "%2C")
            var request = HTTPClientRequest(url: respondent.pageURL)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Cookie", value: respondent.cookies)
            request.headers.add(name: "X-Forwarded-For", value: respondent.address)
            request.body = .bytes(ByteBuffer(string: "_csrf=\(respondent.csrf)&pagina=p1&getoond=\(shown)&\(answers)"))
            let sent = ContinuousClock.now
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            let elapsed = (ContinuousClock.now - sent).seconds * 1000
            guard response.status == .seeOther, response.headers.first(name: "Location")?.hasSuffix("/bedankt") == true else {
                throw BenchError("a submission was not accepted: \(response.status)")
            }
            return elapsed
        }
    }

    /// `http://host:port` of a URL, for the relative paths the server redirects to.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return "" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    static func call(_ client: HTTPClient, _ method: String, _ url: String, token: String, body: String?) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
    }
}

/// Runs `body` for 0..<count with at most `concurrency` at a time; results in index order.
func inParallel<T: Sendable>(count: Int, concurrency: Int, _ body: @escaping @Sendable (Int) async throws -> T) async throws -> [T] {
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
        var results = [T?](repeating: nil, count: count)
        var next = 0
        while next < min(concurrency, count) {
            let index = next
            group.addTask { (index, try await body(index)) }
            next += 1
        }
        while let (index, value) = try await group.next() {
            results[index] = value
            if next < count {
                let index = next
                group.addTask { (index, try await body(index)) }
                next += 1
            }
        }
        return results.map { $0! }
    }
}

/// Just enough of a cookie jar.
struct Cookies {
    private var values: [String: String] = [:]

    init(_ headers: HTTPHeaders) { merge(headers) }

    mutating func merge(_ headers: HTTPHeaders) {
        for line in headers["Set-Cookie"] {
            guard let pair = line.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            values[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
    }

    func value(suffix: String) -> String? { values.first { $0.key.hasSuffix(suffix) }?.value }

    var header: String { values.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
}
