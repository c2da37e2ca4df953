/// A horizontal bar chart drawn as SVG by the template from this geometry: no chart library, no
/// script. The numbers are also in a table beside it, and `description` is its text alternative.
struct ResultChart: Encodable, Sendable {
    struct Bar: Encodable, Sendable {
        let label: String
        let valueText: String
        let y: Int
        let textY: Int
        let width: Int
        let valueX: Int
    }

    let id: String
    let description: String
    let width: Int
    let height: Int
    let labelWidth: Int
    let bars: [Bar]

    static let barHeight = 22
    static let gap = 8
    static let labelWidth = 190
    static let plotWidth = 300

    /// Bars for shares from 0 to 100.
    init(id: String, description: String, items: [(label: String, percentage: Double, valueText: String)]) {
        self.id = id
        self.description = description
        labelWidth = Self.labelWidth
        width = Self.labelWidth + Self.plotWidth + 60
        height = max(1, items.count) * (Self.barHeight + Self.gap) + Self.gap
        bars = items.enumerated().map { index, item in
            let y = Self.gap + index * (Self.barHeight + Self.gap)
            let barWidth = Int((max(0, min(100, item.percentage)) / 100 * Double(Self.plotWidth)).rounded())
            return Bar(
                label: item.label, valueText: item.valueText, y: y, textY: y + Self.barHeight - 6, width: barWidth,
                valueX: Self.labelWidth + barWidth + 6)
        }
    }
}
