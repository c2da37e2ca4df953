import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The raw fields of a URL-encoded form, each with all its values: a questionnaire page has
/// fields named after its questions, some repeated (checkboxes), so no fixed DTO fits. Control
/// characters are removed here, at the edge (`ControlCharacters`).
enum FormFields {
    private struct ParsedKey: StorageKey { typealias Value = [String: [String]] }

    /// Parsed once per request (the CSRF check reads the same form), kept in its storage.
    static func parse(_ request: Request) throws -> [String: [String]] {
        if let parsed = request.storage[ParsedKey.self] { return parsed }
        guard request.headers.contentType == .urlEncodedForm else {
            throw UserFacingError(.unsupportedMediaType, "error.formUnreadable")
        }
        var fields: [String: [String]] = [:]
        for pair in (request.body.string ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw UserFacingError(.badRequest, "error.formUnreadable") }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard let value else { throw UserFacingError(.badRequest, "error.formUnreadable") }
            let key = name.hasSuffix("[]") ? String(name.dropLast(2)) : name
            fields[ControlCharacters.removed(from: key), default: []].append(ControlCharacters.removed(from: value))
        }
        request.storage[ParsedKey.self] = fields
        return fields
    }

    /// `+` is a space and `%XX` a byte; nil for a broken escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
