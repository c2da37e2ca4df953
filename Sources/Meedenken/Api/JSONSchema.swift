import Foundation

/// Just enough JSON Schema to describe the API in its OpenAPI document.
indirect enum JSONSchema: Sendable {
    case string(format: String? = nil, enumeration: [String]? = nil, description: String? = nil)
    case integer(description: String? = nil)
    case boolean(description: String? = nil)
    case array(JSONSchema)
    case object(properties: [(String, JSONSchema)], required: [String], description: String? = nil, additional: JSONSchema? = nil)
    case reference(String)
    /// Any JSON object, described in words (the questionnaire document has its own schema doc).
    case anyObject(description: String)

    var json: [String: Any] {
        switch self {
        case .string(let format, let enumeration, let description):
            var result: [String: Any] = ["type": "string"]
            if let format { result["format"] = format }
            if let enumeration { result["enum"] = enumeration }
            if let description { result["description"] = description }
            return result
        case .integer(let description):
            return ["type": "integer"].merging(description.map { ["description": $0] } ?? [:]) { $1 }
        case .boolean(let description):
            return ["type": "boolean"].merging(description.map { ["description": $0] } ?? [:]) { $1 }
        case .array(let items):
            return ["type": "array", "items": items.json]
        case .object(let properties, let required, let description, let additional):
            var result: [String: Any] = [
                "type": "object",
                "properties": Dictionary(uniqueKeysWithValues: properties.map { ($0.0, $0.1.json) }),
            ]
            if !required.isEmpty { result["required"] = required }
            if let description { result["description"] = description }
            if let additional { result["additionalProperties"] = additional.json }
            return result
        case .reference(let name):
            return ["$ref": "#/components/schemas/\(name)"]
        case .anyObject(let description):
            return ["type": "object", "description": description]
        }
    }
}
