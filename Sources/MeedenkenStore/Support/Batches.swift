extension Array {
    /// The array in slices of at most `size`: multi-row statements stay under the engines' limits
    /// on binds.
    package func inBatches(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
