import Foundation
import Vapor

/// The raw fields of a URL-encoded form, each with all its values: a questionnaire page has
/// fields named after its questions, some repeated (checkboxes), so no fixed DTO fits.
enum FormFields {
    static func parse(_ request: Request) throws -> [String: [String]] {
        guard request.headers.contentType == .urlEncodedForm else {
            throw LocalizedError(.unsupportedMediaType, "error.formUnreadable")
        }
        let body = request.body.string ?? ""
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw LocalizedError(.badRequest, "error.formUnreadable") }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard let value else { throw LocalizedError(.badRequest, "error.formUnreadable") }
            let key = name.hasSuffix("[]") ? String(name.dropLast(2)) : name
            fields[key, default: []].append(value)
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
