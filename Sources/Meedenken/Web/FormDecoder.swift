import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Decodes a form DTO from `FormFields` (all values of each field, control characters removed)
/// with one rule for repeated fields everywhere: a field that holds one value (`String`, `Int`,
/// `Bool`) sent more than once is refused, never read as its first or its last value; a field
/// that holds a list (`[String]`) takes every value; `name[key]` fields make a `[String: String]`.
struct FormDecoder {
    /// A single-value field came more than once.
    struct RepeatedField: Error {
        let name: String
    }

    static func decode<Form: Decodable>(_ type: Form.Type, from fields: [String: [String]]) throws -> Form {
        try Form(from: FieldsDecoder(fields: fields))
    }
}

private struct FieldsDecoder: Decoder {
    let fields: [String: [String]]
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FieldsContainer<Key>(fields: fields))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([String].self, .init(codingPath: codingPath, debugDescription: "a form is named fields"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath, debugDescription: "a form is named fields"))
    }
}

private struct FieldsContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: [String]]
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { fields.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil || !entries(key).isEmpty }

    func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

    /// The `name[key]` fields of a key, by their inner key.
    private func entries(_ key: Key) -> [String: [String]] {
        let prefix = key.stringValue + "["
        var entries: [String: [String]] = [:]
        for (name, values) in fields where name.hasPrefix(prefix) && name.hasSuffix("]") {
            entries[String(name.dropFirst(prefix.count).dropLast())] = values
        }
        return entries
    }

    /// The one value of a single-value field.
    private func single(_ key: Key) throws -> String {
        guard let values = fields[key.stringValue], let first = values.first else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "missing"))
        }
        guard values.count == 1 else { throw FormDecoder.RepeatedField(name: key.stringValue) }
        return first
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try single(key) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let value = try single(key)
        return !["", "0", "false", "off", "nee"].contains(value.lowercased())
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        guard let number = Int(try single(key).trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a whole number")
        }
        return number
    }

    private func number<T: LosslessStringConvertible>(_ key: Key) throws -> T {
        guard let number = T(try single(key).trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a number")
        }
        return number
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try number(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try number(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try number(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try number(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try number(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try number(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try number(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try number(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try number(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try number(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try number(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if T.self == [String].self, let values = (fields[key.stringValue] ?? []) as? T { return values }
        if T.self == [String: String].self {
            var dictionary: [String: String] = [:]
            for (inner, values) in entries(key) {
                guard values.count == 1, let value = values.first else { throw FormDecoder.RepeatedField(name: "\(key.stringValue)[\(inner)]") }
                dictionary[inner] = value
            }
            if let dictionary = dictionary as? T { return dictionary }
        }
        if T.self == String.self, let value = try single(key) as? T { return value }
        if T.self == Int.self, let value = try decode(Int.self, forKey: key) as? T { return value }
        if T.self == Bool.self, let value = try decode(Bool.self, forKey: key) as? T { return value }
        // Anything else made from one text (an enum with text values, a UUID).
        return try T(from: OneValueDecoder(value: try single(key), codingPath: [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch([String: String].self, .init(codingPath: [key], debugDescription: "forms are flat"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([String].self, .init(codingPath: [key], debugDescription: "forms are flat"))
    }

    func superDecoder() throws -> any Decoder { FieldsDecoder(fields: fields) }
    func superDecoder(forKey key: Key) throws -> any Decoder { FieldsDecoder(fields: fields) }
}

/// One field's text, for types that decode from a single value.
private struct OneValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: String
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch([String: String].self, .init(codingPath: codingPath, debugDescription: "one value"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([String].self, .init(codingPath: codingPath, debugDescription: "one value"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
    func decodeNil() -> Bool { false }
    func decode(_ type: String.Type) throws -> String { value }
    func decode(_ type: Bool.Type) throws -> Bool { !["", "0", "false", "off"].contains(value.lowercased()) }

    func decode(_ type: Int.Type) throws -> Int {
        guard let number = Int(value) else { throw DecodingError.dataCorruptedError(in: self, debugDescription: "not a whole number") }
        return number
    }

    func decode(_ type: Double.Type) throws -> Double { try number() }

    private func number<T: LosslessStringConvertible>() throws -> T {
        guard let number = T(value) else { throw DecodingError.dataCorruptedError(in: self, debugDescription: "not a number") }
        return number
    }

    func decode(_ type: Float.Type) throws -> Float { try number() }
    func decode(_ type: Int8.Type) throws -> Int8 { try number() }
    func decode(_ type: Int16.Type) throws -> Int16 { try number() }
    func decode(_ type: Int32.Type) throws -> Int32 { try number() }
    func decode(_ type: Int64.Type) throws -> Int64 { try number() }
    func decode(_ type: UInt.Type) throws -> UInt { try number() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try number() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try number() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try number() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try number() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}
