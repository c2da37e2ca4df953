import Foundation

/// A random sample of a segment that can be shown to be fair: the members are put in a fixed
/// order (by id) and drawn with a recorded seed, so anyone with the seed and the segment gets the
/// same draw again.
public enum PanelSample {
    /// `size` of `members` (all when fewer), drawn with `seed`; in the order drawn.
    public static func draw<ID: Comparable>(_ members: [ID], size: Int, seed: UInt64) -> [ID] {
        var pool = members.sorted()
        guard size < pool.count else { return pool }
        var generator = SplitMix(seed: seed)
        // A partial Fisher–Yates shuffle: the first `size` places are the sample.
        for index in 0..<size {
            let pick = index + Int(generator.next() % UInt64(pool.count - index))
            pool.swapAt(index, pick)
        }
        return Array(pool.prefix(size))
    }
}
