import Foundation
import MeedenkenCore
import MeedenkenStore

/// Just enough JSON Schema (2020-12, as OpenAPI 3.1 uses it) to say exactly what the API accepts
/// and answers. A constraint written here must be one the server enforces, and the other way round
/// where JSON Schema can say it (the rest is in the descriptions and answered with 422).
indirect enum JSONSchema: Sendable {
    /// `minLength` and `maxLength` count Unicode scalars (code points), as JSON Schema does.
    case string(
        format: String? = nil, enumeration: [String]? = nil, description: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        pattern: String? = nil, nullable: Bool = false)
    case integer(description: String? = nil, minimum: Int? = nil, maximum: Int? = nil, nullable: Bool = false)
    case boolean(description: String? = nil, nullable: Bool = false)
    /// Exactly `true`.
    case alwaysTrue(description: String? = nil)
    case array(JSONSchema, minItems: Int? = nil, maxItems: Int? = nil)
    /// `additional`: the schema of properties not named (nil: anything); `closed`: none allowed.
    case object(properties: [(String, JSONSchema)], required: [String], description: String? = nil, additional: JSONSchema? = nil, closed: Bool = false)
    /// Valid when at least one of the schemas is.
    case anyOf([JSONSchema], description: String? = nil)
    case reference(String)

    /// A text that is not only white space (ECMA-262 and Python alike read `\S` so).
    static let notBlank = "\\S"

    private static func type(_ name: String, _ nullable: Bool) -> Any { nullable ? [name, "null"] : name }

    var json: [String: Any] {
        switch self {
        case .string(let format, let enumeration, let description, let minLength, let maxLength, let pattern, let nullable):
            var result: [String: Any] = ["type": Self.type("string", nullable)]
            if let format { result["format"] = format }
            if let enumeration { result["enum"] = enumeration + (nullable ? [NSNull()] : []) }
            if let description { result["description"] = description }
            if let minLength { result["minLength"] = minLength }
            if let maxLength { result["maxLength"] = maxLength }
            if let pattern { result["pattern"] = pattern }
            return result
        case .integer(let description, let minimum, let maximum, let nullable):
            var result: [String: Any] = ["type": Self.type("integer", nullable)]
            if let description { result["description"] = description }
            if let minimum { result["minimum"] = minimum }
            if let maximum { result["maximum"] = maximum }
            return result
        case .boolean(let description, let nullable):
            return ["type": Self.type("boolean", nullable)].merging(description.map { ["description": $0] } ?? [:]) { $1 }
        case .alwaysTrue(let description):
            return ["type": "boolean", "const": true].merging(description.map { ["description": $0] } ?? [:]) { $1 }
        case .array(let items, let minItems, let maxItems):
            var result: [String: Any] = ["type": "array", "items": items.json]
            if let minItems { result["minItems"] = minItems }
            if let maxItems { result["maxItems"] = maxItems }
            return result
        case .object(let properties, let required, let description, let additional, let closed):
            var result: [String: Any] = [
                "type": "object",
                "properties": Dictionary(uniqueKeysWithValues: properties.map { ($0.0, $0.1.json) }),
            ]
            if !required.isEmpty { result["required"] = required }
            if let description { result["description"] = description }
            if closed {
                result["additionalProperties"] = false
            } else if let additional {
                result["additionalProperties"] = additional.json
            }
            return result
        case .anyOf(let schemas, let description):
            var result: [String: Any] = ["anyOf": schemas.map(\.json)]
            if let description { result["description"] = description }
            return result
        case .reference(let name):
            return ["$ref": "#/components/schemas/\(name)"]
        }
    }
}
