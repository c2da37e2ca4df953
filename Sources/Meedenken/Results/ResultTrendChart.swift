/// Theme scores (0–100) over periods as SVG lines, drawn by the template from this geometry: no
/// chart library, no script. Each theme has its own dash pattern and marker as well as its
/// colour, so the lines differ without colour. The numbers are in the table beside it, and
/// `description` is its text alternative.
struct ResultTrendChart: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let name: String
        let style: Int
        /// `x,y x,y …` per unbroken run: a hidden period breaks the line rather than bridging it.
        let segments: [String]
        let points: [Point]
        let legendY: Int
        let legendTextY: Int
    }

    struct Point: Encodable, Sendable {
        let x: Int
        let y: Int
    }

    struct Tick: Encodable, Sendable {
        let label: String
        let x: Int
    }

    struct GridLine: Encodable, Sendable {
        let label: String
        let y: Int
        let labelY: Int
    }

    let description: String
    let width: Int
    let height: Int
    let plotLeft: Int
    let plotRight: Int
    let axisY: Int
    let tickLabelY: Int
    let gridLabelX: Int
    let legendX: Int
    let legendLineEnd: Int
    let legendMarkerX: Int
    let legendTextX: Int
    let grid: [GridLine]
    let ticks: [Tick]
    let lines: [Line]

    static let styles = 9
    private static let plotTop = 12
    private static let plotHeight = 200
    private static let step = 56

    /// `scores[theme][period]`, nil where not shown.
    init(description: String, periods: [String], themes: [String], scores: [[Double?]]) {
        self.description = description
        plotLeft = 70
        let plotWidth = max(1, periods.count - 1) * Self.step
        plotRight = plotLeft + plotWidth
        gridLabelX = plotLeft - 6
        legendX = plotRight + 30
        legendLineEnd = legendX + 28
        legendMarkerX = legendX + 14
        legendTextX = legendX + 36
        width = legendX + 260
        axisY = Self.plotTop + Self.plotHeight
        tickLabelY = axisY + 18
        height = max(axisY + 30, Self.plotTop + themes.count * 22 + 10)
        let x = { [plotLeft] (index: Int) in periods.count == 1 ? plotLeft + plotWidth / 2 : plotLeft + index * Self.step }
        let y = { (score: Double) in Self.plotTop + Int(((100 - max(0, min(100, score))) / 100 * Double(Self.plotHeight)).rounded()) }
        grid = stride(from: 0, through: 100, by: 25).map { GridLine(label: String($0), y: y(Double($0)), labelY: y(Double($0)) + 4) }
        // Many months would crowd the axis: label about eight of them.
        let every = max(1, (periods.count + 7) / 8)
        ticks = periods.enumerated().compactMap { index, label in index % every == 0 ? Tick(label: label, x: x(index)) : nil }
        lines = themes.enumerated().map { themeIndex, name in
            var segments: [[String]] = [[]]
            var points: [Point] = []
            for (index, score) in scores[themeIndex].enumerated() {
                guard let score else {
                    if !(segments.last?.isEmpty ?? true) { segments.append([]) }
                    continue
                }
                segments[segments.count - 1].append("\(x(index)),\(y(score))")
                points.append(Point(x: x(index), y: y(score)))
            }
            return Line(
                name: name, style: themeIndex % Self.styles, segments: segments.filter { $0.count > 1 }.map { $0.joined(separator: " ") },
                points: points, legendY: Self.plotTop + themeIndex * 22 + 8, legendTextY: Self.plotTop + themeIndex * 22 + 12)
        }
    }
}
