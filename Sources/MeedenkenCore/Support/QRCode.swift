/// A QR code (ISO/IEC 18004) for a short text such as an open link: byte mode, error correction
/// level M (15% of the code may be damaged or covered), versions 1 to 10 (up to 213 bytes).
/// Written out here because no package for it may be fetched; the test command decodes what it
/// draws with a real decoder (`zbarimg`). The construction follows the standard step by step:
/// data codewords, Reed–Solomon error correction per block, interleaving, function patterns,
/// zig-zag placement, and the mask with the lowest penalty.
public struct QRCode: Sendable {
    /// Modules per side.
    public let size: Int
    /// `modules[y][x]`: true is dark.
    public let modules: [[Bool]]

    public enum EncodingError: Error, Equatable {
        /// The text needs more than version 10 holds.
        case tooLong
    }

    /// Error-correction codewords per block and number of blocks, level M, versions 1…10.
    private static let eccPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    private static let blockCount = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]

    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.dataCapacity($0) * 8 >= 4 + Self.countBits($0) + bytes.count * 8 }) else {
            throw EncodingError.tooLong
        }
        var builder = Builder(version: version)
        builder.drawFunctionPatterns()
        builder.drawCodewords(Self.interleaved(Self.dataCodewords(bytes, version: version), version: version))
        builder.applyBestMask()
        size = builder.size
        modules = builder.modules
    }

    /// The side of the drawing with its quiet zone of four modules on every side.
    public var sideWithQuietZone: Int { size + 8 }

    /// SVG path data for the dark modules, one unit square each, offset by the quiet zone: drawn
    /// in a template's `<svg viewBox="0 0 side side">` (letters, digits and commas only, so no
    /// markup from here goes into a page unescaped).
    public var pathData: String {
        var path = ""
        for y in 0..<size {
            for x in 0..<size where modules[y][x] { path += "M\(x + 4),\(y + 4)h1v1h-1z" }
        }
        return path
    }

    // MARK: Data

    private static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    private static func rawModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// Data codewords (bytes) that fit beside the error correction.
    private static func dataCapacity(_ version: Int) -> Int {
        rawModules(version) / 8 - eccPerBlock[version - 1] * blockCount[version - 1]
    }

    /// Mode, length, the bytes, terminator and padding, as codewords.
    private static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for index in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> index) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, countBits(version))
        for byte in bytes { append(Int(byte), 8) }
        let capacityBits = dataCapacity(version) * 8
        append(0, min(4, capacityBits - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < dataCapacity(version) {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The data split into blocks, each with its error correction, interleaved.
    private static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let blocks = blockCount[version - 1]
        let eccLength = eccPerBlock[version - 1]
        let raw = rawModules(version) / 8
        let shortBlocks = blocks - raw % blocks
        let shortLength = raw / blocks
        let divisor = reedSolomonDivisor(eccLength)
        var split: [[UInt8]] = []
        var offset = 0
        for index in 0..<blocks {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            var block = Array(data[offset..<offset + length])
            offset += length
            let ecc = reedSolomonRemainder(block, divisor)
            if index < shortBlocks { block.append(0) }
            split.append(block + ecc)
        }
        var result: [UInt8] = []
        for position in 0..<split[0].count {
            for (index, block) in split.enumerated() where position != shortLength - eccLength || index >= shortBlocks {
                result.append(block[position])
            }
        }
        return result
    }

    private static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for index in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(index)) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    private static func reedSolomonDivisor(_ degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    private static func reedSolomonRemainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }

    // MARK: Drawing

    private struct Builder {
        let version: Int
        let size: Int
        var modules: [[Bool]]
        var isFunction: [[Bool]]

        init(version: Int) {
            self.version = version
            size = version * 4 + 17
            modules = Array(repeating: Array(repeating: false, count: size), count: size)
            isFunction = modules
        }

        mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y][x] = dark
            isFunction[y][x] = true
        }

        mutating func drawFunctionPatterns() {
            for index in 0..<size {
                set(6, index, index % 2 == 0)
                set(index, 6, index % 2 == 0)
            }
            drawFinder(3, 3)
            drawFinder(size - 4, 3)
            drawFinder(3, size - 4)
            let positions = alignmentPositions()
            let last = positions.count - 1
            for (i, x) in positions.enumerated() {
                for (j, y) in positions.enumerated() where !((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) {
                    drawAlignment(x, y)
                }
            }
            drawFormatBits(mask: 0)
            drawVersion()
        }

        private mutating func drawFinder(_ x: Int, _ y: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let distance = max(abs(dx), abs(dy))
                    let (column, row) = (x + dx, y + dy)
                    if (0..<size).contains(column), (0..<size).contains(row) { set(column, row, distance != 2 && distance != 4) }
                }
            }
        }

        private mutating func drawAlignment(_ x: Int, _ y: Int) {
            for dy in -2...2 {
                for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
            }
        }

        private func alignmentPositions() -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            var result = [6]
            var position = size - 7
            var tail: [Int] = []
            for _ in 1..<count {
                tail.insert(position, at: 0)
                position -= step
            }
            result += tail
            return result
        }

        /// Level M (format bits 00) and the mask, with their BCH error correction.
        mutating func drawFormatBits(mask: Int) {
            let data = 0 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { set(8, index, bit(index)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for index in 9..<15 { set(14 - index, 8, bit(index)) }
            for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
            for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
            set(8, size - 8, true)
        }

        private mutating func drawVersion() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let dark = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3
                let b = index / 3
                set(a, b, dark)
                set(b, a, dark)
            }
        }

        /// The codewords in the zig-zag of two-module columns, from the bottom right.
        mutating func drawCodewords(_ data: [UInt8]) {
            var bitIndex = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let x = right - offset
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        if !isFunction[y][x] && bitIndex < data.count * 8 {
                            modules[y][x] = (data[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                            bitIndex += 1
                        }
                    }
                }
                right -= 2
            }
        }

        private mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y][x] {
                    let invert: Bool =
                        switch mask {
                        case 0: (x + y) % 2 == 0
                        case 1: y % 2 == 0
                        case 2: x % 3 == 0
                        case 3: (x + y) % 3 == 0
                        case 4: (x / 3 + y / 2) % 2 == 0
                        case 5: x * y % 2 + x * y % 3 == 0
                        case 6: (x * y % 2 + x * y % 3) % 2 == 0
                        default: ((x + y) % 2 + x * y % 3) % 2 == 0
                        }
                    if invert { modules[y][x].toggle() }
                }
            }
        }

        /// Tries the eight masks and keeps the one with the lowest penalty.
        mutating func applyBestMask() {
            var best = (mask: 0, penalty: Int.max)
            for mask in 0..<8 {
                applyMask(mask)
                drawFormatBits(mask: mask)
                let penalty = penaltyScore()
                if penalty < best.penalty { best = (mask, penalty) }
                applyMask(mask)  // undo (XOR)
            }
            applyMask(best.mask)
            drawFormatBits(mask: best.mask)
        }

        /// Runs of five or more, 2×2 blocks, finder-like patterns and dark/light balance.
        private func penaltyScore() -> Int {
            var penalty = 0
            let finderLike: [[Bool]] = [
                [true, false, true, true, true, false, true, false, false, false, false],
                [false, false, false, false, true, false, true, true, true, false, true],
            ]
            for line in 0..<size {
                for horizontal in [true, false] {
                    let cells = (0..<size).map { horizontal ? modules[line][$0] : modules[$0][line] }
                    var run = 1
                    for index in 1..<size {
                        if cells[index] == cells[index - 1] {
                            run += 1
                            if run == 5 { penalty += 3 } else if run > 5 { penalty += 1 }
                        } else {
                            run = 1
                        }
                    }
                    for start in 0...(size - 11) where finderLike.contains(where: { Array(cells[start..<start + 11]) == $0 }) { penalty += 40 }
                }
            }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let colour = modules[y][x]
                    if colour == modules[y][x + 1] && colour == modules[y + 1][x] && colour == modules[y + 1][x + 1] { penalty += 3 }
                }
            }
            let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
            let total = size * size
            penalty += (abs(dark * 20 - total * 10) + total - 1) / total - 1 > 0 ? ((abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10 : 0
            return penalty
        }
    }
}
