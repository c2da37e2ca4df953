import Foundation

/// Tells JSON numbers and booleans apart in `JSONSerialization` output, where both are NSNumber.
enum JSONKinds {
    /// True JSON booleans are a distinct class whose type code is `c`.
    static func isNumber(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) != "c"
    }

    static func isBool(_ value: Any) -> Bool { value is Bool && !isNumber(value) }

    static func isInteger(_ value: Any) -> Bool {
        guard isNumber(value), let number = value as? NSNumber else { return false }
        return number.doubleValue.rounded() == number.doubleValue
    }
}
