import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import SQLiteNIO

// The issue 3 benchmark. It drives a release `meedenken serve` (SQLite) from outside, over HTTP, as
// respondents and a case system would, and in the same run does the same inserts directly on
// SQLite as the reference. It prints both figures and their ratio. Run it with `bench/run`.

if CommandLine.arguments.dropFirst().first == "panel" {
    var options = PanelBench.Arguments()
    var rest = CommandLine.arguments.dropFirst(2)
    while let name = rest.popFirst() {
        let value = rest.popFirst() ?? ""
        switch name {
        case "--binary": options.binary = value
        case "--members": options.members = Int(value) ?? options.members
        case "--repeats": options.repeats = max(1, Int(value) ?? options.repeats)
        default:
            print("usage: meedenken-bench panel [--binary PATH] [--members N] [--repeats N]")
            exit(2)
        }
    }
    do {
        try await PanelBench.run(options)
        exit(0)
    } catch {
        print("benchmark failed: \(error)")
        exit(1)
    }
}

if CommandLine.arguments.dropFirst().first == "results" {
    var options = ResultsBench.Arguments()
    var rest = CommandLine.arguments.dropFirst(2)
    while let name = rest.popFirst() {
        let value = rest.popFirst() ?? ""
        switch name {
        case "--binary": options.binary = value
        case "--responses": options.responses = Int(value) ?? options.responses
        case "--postgres": options.postgres = value
        case "--repeats": options.repeats = Int(value) ?? options.repeats
        case "--data": options.data = value
        case "--reuse":
            options.reuse = true
            if !value.isEmpty { rest.insert(value, at: rest.startIndex) }
        default:
            print("usage: meedenken-bench results [--binary PATH] [--responses N] [--postgres URL [--reuse]] [--data DIR] [--repeats N]")
            exit(2)
        }
    }
    do {
        try await ResultsBench.run(options)
        exit(0)
    } catch {
        print("benchmark failed: \(error)")
        exit(1)
    }
}

let arguments = BenchArguments(CommandLine.arguments)
let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("meedenken-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

print(
    "Meedenken benchmark: \(arguments.responses) responses of 20 questions at \(arguments.concurrency) connections, \(arguments.closures) trajectory closures")
print("Binary: \(arguments.binary); work folder: \(work.path)")

let server = try ServerProcess(binary: arguments.binary, dataDirectory: work.appendingPathComponent("data").path)
let client = HTTPClient(
    eventLoopGroupProvider: .singleton,
    configuration: {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = arguments.concurrency
        return configuration
    }())

var table: [(String, String, String, String)] = []
do {
    try await server.start(client: client)
    let token =
        try server.command(["api-token", "create", "--name", "bench", "--scope", "questionnaires:write"])
        .split(separator: "\n").last.map(String.init) ?? ""
    let openLink = try await Respondents.prepareQuestionnaire(client: client, base: server.base, token: token)
    // The demo brings made-up responses of its own.
    let before = try await Reference.count(table: "responses", in: server.databasePath)

    // Phase 1, not timed as submission: every respondent opens the link and starts (a draft).
    progress("phase 1: \(arguments.responses) respondents open the link and start")
    let started = ContinuousClock.now
    let respondents = try await Respondents.start(count: arguments.responses, openLink: openLink, client: client, concurrency: arguments.concurrency)
    let startSeconds = (ContinuousClock.now - started).seconds

    // Phase 2, timed: every respondent sends a complete 20-question page; each send stores one response.
    progress("phase 2: each sends the complete page (timed)")
    let submitted = ContinuousClock.now
    let latencies = try await Respondents.submit(respondents, client: client, concurrency: arguments.concurrency)
    let submitSeconds = (ContinuousClock.now - submitted).seconds
    let stored = try await Reference.count(table: "responses", in: server.databasePath)
    guard stored - before == arguments.responses else {
        throw BenchError("expected \(arguments.responses) new responses, the database holds \(stored - before)")
    }

    progress("reference: the same inserts directly on SQLite")
    let reference = try await Reference.responses(count: arguments.responses, folder: work.path)
    let rate = Double(arguments.responses) / submitSeconds
    let referenceRate = Double(arguments.responses) / reference
    table.append(("responses/s, HTTP submit (target ≥ 2000)", format(rate), format(referenceRate), String(format: "%.2f", referenceRate / rate)))
    table.append(("submit latency p50 ms", String(format: "%.1f", latencies.percentile(0.50)), "–", ""))
    table.append(("submit latency p99 ms (target ≤ 50)", String(format: "%.1f", latencies.percentile(0.99)), "–", ""))
    let flowRate = Double(arguments.responses) / (startSeconds + submitSeconds)
    table.append(("responses/s, whole visit (3 requests)", format(flowRate), "–", ""))

    // The same submissions with MEEDENKEN_SQLITE_SYNCHRONOUS=full (every commit synced), on a
    // server and data folder of their own, beside the default `normal`.
    progress("synchronous=full: the same submissions on a second server")
    let full = try ServerProcess(
        binary: arguments.binary, dataDirectory: work.appendingPathComponent("data-full").path,
        extraEnvironment: ["MEEDENKEN_SQLITE_SYNCHRONOUS": "full"])
    try await full.start(client: client)
    let fullToken =
        try full.command(["api-token", "create", "--name", "bench", "--scope", "questionnaires:write"]).split(separator: "\n").last.map(String.init) ?? ""
    let fullLink = try await Respondents.prepareQuestionnaire(client: client, base: full.base, token: fullToken)
    let fullRespondents = try await Respondents.start(count: arguments.responses, openLink: fullLink, client: client, concurrency: arguments.concurrency)
    let fullSubmitted = ContinuousClock.now
    let fullLatencies = try await Respondents.submit(fullRespondents, client: client, concurrency: arguments.concurrency)
    let fullRate = Double(arguments.responses) / (ContinuousClock.now - fullSubmitted).seconds
    try await full.stop()
    table.append(("responses/s, synchronous=full (normal beside)", format(fullRate), format(rate), String(format: "%.2f", rate / fullRate)))
    table.append(("submit latency p99 ms, synchronous=full", String(format: "%.1f", fullLatencies.percentile(0.99)), "–", ""))

    // Closures: the CSV import, as a scheduled job would run it, while the server is stopped.
    progress("closures: import and reference")
    try await server.stop()
    let csv = work.appendingPathComponent("closures.csv").path
    try Closures.writeCSV(count: arguments.closures, to: csv)
    let imported = ContinuousClock.now
    let output = try server.command(["import-closures", csv])
    let importSeconds = (ContinuousClock.now - imported).seconds
    let invitations = try await Reference.count(table: "invitations", in: server.databasePath)
    guard invitations == arguments.closures * 2 else { throw BenchError("expected \(arguments.closures * 2) invitations, got \(invitations): \(output)") }
    let referenceImport = try await Reference.closures(count: arguments.closures, folder: work.path)
    table.append(
        (
            "\(arguments.closures) closures, seconds (target ≤ 5)", String(format: "%.2f", importSeconds), String(format: "%.2f", referenceImport),
            String(format: "%.2f", importSeconds / referenceImport)
        ))
} catch {
    try? await client.shutdown().get()
    try? await server.stop()
    print("benchmark failed: \(error)")
    exit(1)
}
try await client.shutdown().get()
try? await server.stop()

print("")
let header = ("measure", "Meedenken", "SQLite direct", "ratio")
let widths = [44, 12, 14, 6]
for row in [header] + table {
    let cells = [row.0, row.1, row.2, row.3]
    print(zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
}
print(
    "\nratio: how many times slower Meedenken is than the same inserts done directly on SQLite (reference ÷ Meedenken for rates, "
        + "Meedenken ÷ reference for seconds); below 1, Meedenken is faster.")

/// On standard error, so the table stays clean; also tells a profiler when the timed phase starts.
func progress(_ line: String) {
    FileHandle.standardError.write(Data("\(Date().formatted(.iso8601)) \(line)\n".utf8))
}

func format(_ value: Double) -> String { String(format: "%.0f", value) }

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Array where Element == Double {
    func percentile(_ fraction: Double) -> Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        return sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }
}

struct BenchArguments {
    var binary = ".build/release/meedenken"
    var responses = 20_000
    var closures = 10_000
    var concurrency = 32

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let name = rest.popFirst() {
            let value = rest.popFirst() ?? ""
            switch name {
            case "--binary": binary = value
            case "--responses": responses = Int(value) ?? responses
            case "--closures": closures = Int(value) ?? closures
            case "--concurrency": concurrency = Int(value) ?? concurrency
            default:
                print("usage: meedenken-bench [--binary PATH] [--responses N] [--closures N] [--concurrency N]")
                exit(2)
            }
        }
    }
}
