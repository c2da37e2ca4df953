import MeedenkenCore
import MeedenkenStore
import Vapor

/// Removes control characters from the address (path and query) before anything reads it, as
/// `FormFields` does for forms and the API for JSON bodies (`ControlCharacters`): `/v/%00` is an
/// unknown link, not a database error.
struct ControlCharacterMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let raw = request.url.string
        if raw.contains("%") || raw.unicodeScalars.contains(where: ControlCharacters.isRemoved) {
            let cleaned = Self.cleaned(raw)
            if cleaned != raw { request.url = URI(string: cleaned) }
        }
        // The route was matched before middleware runs: its parameters are cleaned too.
        for name in request.parameters.allNames {
            guard let value = request.parameters.get(name), value.unicodeScalars.contains(where: ControlCharacters.isRemoved) else { continue }
            request.parameters.set(name, to: ControlCharacters.removed(from: value))
        }
        return try await next.respond(to: request)
    }

    /// The address without percent-escaped or raw control characters (`%00`–`%1F` but tab, line
    /// feed and carriage return; `%7F`; `%C2%80`–`%C2%9F`).
    static func cleaned(_ address: String) -> String {
        let bytes = Array(address.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        /// The byte of a `%XY` escape at `index`.
        func escaped(_ index: Int) -> UInt8? {
            guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: "%") else { return nil }
            return UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
        }
        var index = 0
        while index < bytes.count {
            if let value = escaped(index) {
                if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D || value == 0x7F {
                    index += 3
                    continue
                }
                if value == 0xC2, let next = escaped(index + 3), (0x80...0x9F).contains(next) {
                    index += 6
                    continue
                }
            }
            if bytes[index] < 0x20 || bytes[index] == 0x7F {
                index += 1
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
