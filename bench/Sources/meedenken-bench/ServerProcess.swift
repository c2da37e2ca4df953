import AsyncHTTPClient
import Foundation

/// A `meedenken serve --demo` process on its own port and data folder, with request logging off.
final class ServerProcess: @unchecked Sendable {
    let binary: String
    let dataDirectory: String
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }
    var databasePath: String { dataDirectory + "/meedenken.sqlite" }
    private var process: Process?

    let extraEnvironment: [String: String]
    private let serverLog = ProcessInfo.processInfo.environment["MEEDENKEN_BENCH_SERVER_LOG"]

    init(binary: String, dataDirectory: String, extraEnvironment: [String: String] = [:]) throws {
        self.extraEnvironment = extraEnvironment
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw BenchError("no meedenken binary at \(binary)") }
        self.binary = binary
        self.dataDirectory = dataDirectory
        self.port = Int.random(in: 20_000...40_000)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["MEEDENKEN_DATA_DIR"] = dataDirectory
        environment["MEEDENKEN_PORT"] = String(port)
        environment["MEEDENKEN_PUBLIC_URL"] = base
        // Respondents come from many addresses (the open link limits starts per address).
        environment["MEEDENKEN_TRUST_FORWARDED_FOR"] = "true"
        environment["MEEDENKEN_MAIL_INTERVAL_SECONDS"] = "3600"
        // MEEDENKEN_BENCH_SERVER_LOG=FILE keeps the server's log, by default with its SQL, to see
        // what a request does (LOG_LEVEL chooses another level).
        environment["LOG_LEVEL"] = serverLog == nil ? "warning" : ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "debug"
        environment.merge(extraEnvironment) { _, new in new }
        return environment
    }

    func start(client: HTTPClient, demo: Bool = true) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = demo ? ["serve", "--demo"] : ["serve"]
        process.environment = environment
        let log = serverLog.flatMap { path in
            FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
        }
        process.standardOutput = log ?? FileHandle.nullDevice
        process.standardError = log ?? FileHandle.nullDevice
        try process.run()
        self.process = process
        for _ in 0..<300 {
            if let response = try? await client.execute(HTTPClientRequest(url: base + "/healthz"), timeout: .seconds(2)), response.status == .ok {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("the server did not start")
    }

    /// The server's resident memory (VmRSS) in KiB, from /proc.
    func residentMemoryKiB() -> Int {
        guard let process, let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    func stop() async throws {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Runs a meedenken command on the same data; returns its output.
    func command(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        // Its output is read (an API token), so no log lines in it.
        process.environment = environment.merging(["LOG_LEVEL": "warning"]) { _, quiet in quiet }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("meedenken \(arguments.joined(separator: " ")) failed: \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
