import Foundation

/// Who must agree before a sign-up counts, by age (configurable; the default follows the Dutch
/// rules for consent of minors: 16 and older themselves, 12 to 15 with a parent's confirmation,
/// younger only through a parent).
public struct ConsentRule: Sendable, Equatable {
    /// From this age a person agrees for themselves.
    public var ownConsentFrom: Int
    /// From this age (and below `ownConsentFrom`) a person signs up, and a parent confirms.
    public var withParentFrom: Int

    public init(ownConsentFrom: Int = 16, withParentFrom: Int = 12) {
        self.ownConsentFrom = ownConsentFrom
        self.withParentFrom = min(withParentFrom, ownConsentFrom)
    }

    public static let standard = ConsentRule()

    public enum Requirement: String, Sendable, Equatable {
        /// The person confirms their own address, and that is enough.
        case own
        /// The person confirms, and a parent confirms through a mail of their own.
        case parentConfirms = "parent_confirms"
        /// Too young to sign up alone: a parent signs them up.
        case onlyThroughParent = "only_through_parent"
    }

    /// What is needed for someone born in `birthYear`, on `today` (`YYYY-MM-DD`). The age is the
    /// youngest it can be in that year (the birthday may still come), so nobody gets more say
    /// than the rule gives. Adults (no birth year asked) agree themselves.
    public func requirement(birthYear: Int?, today: String) -> Requirement {
        guard let birthYear, let year = Int(today.prefix(4)) else { return .own }
        let youngestAge = year - birthYear - 1
        if youngestAge >= ownConsentFrom { return .own }
        if youngestAge >= withParentFrom { return .parentConfirms }
        return .onlyThroughParent
    }
}
