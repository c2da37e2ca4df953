import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The values a query parameter takes: a closed list (from the Swift enum the handler parses
/// with) or a pattern. The OpenAPI document and the server's check are both made from this one
/// declaration, so they cannot disagree.
enum QueryValues: Sendable, Equatable {
    case oneOf([String])
    /// An ECMA-262 regular expression, anchored with `^…$`, that the whole value must match.
    case pattern(String)

    /// The values of a string enum, in declaration order.
    static func cases<E: CaseIterable & RawRepresentable>(of _: E.Type) -> QueryValues where E.RawValue == String {
        .oneOf(E.allCases.map(\.rawValue))
    }

    func accepts(_ value: String) -> Bool {
        switch self {
        case .oneOf(let values):
            return values.contains(value)
        case .pattern(let pattern):
            guard let expression = try? Regex(pattern) else { return false }
            return value.wholeMatch(of: expression) != nil
        }
    }

    var schema: JSONSchema {
        switch self {
        case .oneOf(let values): .string(enumeration: values)
        case .pattern(let pattern): .string(pattern: pattern)
        }
    }
}

/// An optional query parameter of an API operation. Checked before the handler runs
/// (`ApiQueryParameter.check`): a value that is not allowed is a 400 problem document, for every
/// operation alike. Parameters that are not declared are ignored.
struct ApiQueryParameter: Sendable {
    let name: String
    let description: String
    let values: QueryValues

    var openAPI: [String: Any] {
        ["name": name, "in": "query", "required": false, "description": description, "schema": values.schema.json]
    }

    /// Refuses the request when a declared parameter has a value that is not allowed.
    static func check(_ parameters: [ApiQueryParameter], on request: Request) throws {
        for parameter in parameters {
            // The same reading the handlers use, so what is checked is what is used.
            guard let value = request.query[String.self, at: parameter.name], !parameter.values.accepts(value) else { continue }
            let allowed: String
            switch parameter.values {
            case .oneOf(let values): allowed = values.joined(separator: ", ")
            case .pattern(let pattern): allowed = pattern
            }
            throw ApiProblem(status: .badRequest, detail: request.t("api.error.queryValue", ["name": parameter.name, "allowed": allowed]))
        }
    }
}
