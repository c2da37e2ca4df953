import Foundation

/// The organisation's colour, used for buttons and the header with white text on it. It must keep
/// WCAG 2.2 AA contrast (4.5:1) against white, so an organisation cannot make its site unreadable.
public struct BrandColour: Equatable, Sendable {
    public static let minimumContrast = 4.5
    public static let `default` = BrandColour(hex: "#1F5C99")!

    public let hex: String
    let red: Double
    let green: Double
    let blue: Double

    /// Accepts `#RRGGBB` (or without `#`); nil for anything else.
    public init?(hex input: String) {
        var digits = input.trimmingCharacters(in: .whitespaces)
        if digits.hasPrefix("#") { digits.removeFirst() }
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = Int(digits, radix: 16) else {
            return nil
        }
        hex = "#" + digits.uppercased()
        red = Double((value >> 16) & 0xFF) / 255
        green = Double((value >> 8) & 0xFF) / 255
        blue = Double(value & 0xFF) / 255
    }

    /// WCAG 2.x relative luminance.
    public var relativeLuminance: Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    public var contrastAgainstWhite: Double { 1.05 / (relativeLuminance + 0.05) }

    public var isReadableWithWhiteText: Bool { contrastAgainstWhite >= Self.minimumContrast }
}
