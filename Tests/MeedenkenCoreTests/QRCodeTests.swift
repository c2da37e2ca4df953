import Foundation
import MeedenkenCore
import Testing

/// The QR encoder checked by a real decoder: `zbarimg` (Debian's zbar-tools) reads the drawn code
/// back. The test command installs it; in CI a missing decoder is a failure, not a skip.
@Suite struct QRCodeTests {
    static var decoder: String? {
        ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The code as a plain bitmap (PBM), four modules of quiet zone, each module 4×4 pixels.
    static func bitmap(_ code: QRCode) -> String {
        let scale = 4
        let side = (code.size + 8) * scale
        var lines = ["P1", "\(side) \(side)"]
        for row in 0..<side {
            let y = row / scale - 4
            lines.append(
                (0..<side).map { column in
                    let x = column / scale - 4
                    return (0..<code.size).contains(x) && (0..<code.size).contains(y) && code.modules[y][x] ? "1" : "0"
                }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func decode(_ code: QRCode) throws -> String? {
        guard let decoder else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("zbarimg (zbar-tools) is missing: scripts/test installs it") }
            return nil
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pbm")
        try bitmap(code).write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: decoder)
        process.arguments = ["-q", "--raw", file.path]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.trimmingCharacters(in: .newlines)
    }

    @Test(arguments: [
        "https://meedenken.example.nl/v/demo-ouders",
        "http://127.0.0.1:8080/v/x",
        "https://www.jeugdzorg-voorbeeld.nl/meedenken/v/einde-begeleiding-pleegouders-2026?bron=poster&locatie=wachtkamer-noord",
        String(repeating: "lange-link/", count: 17),
    ])
    func whatIsDrawnDecodesToTheSameText(text: String) throws {
        let code = try QRCode(text)
        #expect(code.size >= 21 && (code.size - 17) % 4 == 0)
        #expect(code.modules[0][0] && code.modules[0][6] && !code.modules[1][1], "a finder pattern in the corner")
        #expect(code.pathData.hasPrefix("M4,4h1v1h-1z"), "the path starts at the dark corner, inside the quiet zone")
        if let decoded = try Self.decode(code) { #expect(decoded == text) }
    }

    @Test func aTextTooLongForVersionTenIsRefused() {
        #expect(throws: QRCode.EncodingError.tooLong) { try QRCode(String(repeating: "x", count: 300)) }
    }
}
