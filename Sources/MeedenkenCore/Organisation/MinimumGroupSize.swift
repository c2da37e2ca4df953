/// The smallest group for which any figure may be shown (DESIGN §4.2): default 10, never below 5.
public enum MinimumGroupSize {
    public static let `default` = 10
    public static let floor = 5
    public static let ceiling = 1_000

    public static func isAcceptable(_ value: Int) -> Bool { (floor...ceiling).contains(value) }
}
