/// Writes a ZIP archive entry by entry without knowing sizes in advance (stored, no compression,
/// each entry followed by a data descriptor), so a large `.xlsx` streams in constant memory.
/// The caller sends each returned chunk on; only the central directory is kept until the end.
public struct ZipStreamWriter: Sendable {
    private struct Entry {
        let name: [UInt8]
        let offset: UInt32
        var crc = CRC32()
        var size: UInt32 = 0
    }

    private var entries: [Entry] = []
    private var offset: UInt32 = 0

    public init() {}

    public mutating func startEntry(_ name: String) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        var out = ByteWriter()
        out.uint32(0x0403_4b50)
        out.uint16(20)  // version needed
        out.uint16(0x0808)  // data descriptor follows; names are UTF-8
        out.uint16(0)  // stored
        out.uint16(0)  // time
        out.uint16(0x21)  // date: 1980-01-01
        out.uint32(0)
        out.uint32(0)
        out.uint32(0)
        out.uint16(UInt16(nameBytes.count))
        out.uint16(0)
        out.bytes(nameBytes)
        entries.append(Entry(name: nameBytes, offset: offset))
        offset &+= UInt32(out.bytes.count)
        return out.bytes
    }

    /// Bytes of the current entry, passed through (and counted).
    public mutating func write(_ data: [UInt8]) -> [UInt8] {
        entries[entries.count - 1].crc.update(data)
        entries[entries.count - 1].size &+= UInt32(data.count)
        offset &+= UInt32(data.count)
        return data
    }

    public mutating func finishEntry() -> [UInt8] {
        let entry = entries[entries.count - 1]
        var out = ByteWriter()
        out.uint32(0x0807_4b50)
        out.uint32(entry.crc.value)
        out.uint32(entry.size)
        out.uint32(entry.size)
        offset &+= UInt32(out.bytes.count)
        return out.bytes
    }

    /// The central directory and its end record.
    public func finish() -> [UInt8] {
        var out = ByteWriter()
        for entry in entries {
            out.uint32(0x0201_4b50)
            out.uint16(20)
            out.uint16(20)
            out.uint16(0x0808)
            out.uint16(0)
            out.uint16(0)
            out.uint16(0x21)
            out.uint32(entry.crc.value)
            out.uint32(entry.size)
            out.uint32(entry.size)
            out.uint16(UInt16(entry.name.count))
            out.uint16(0)
            out.uint16(0)
            out.uint16(0)
            out.uint16(0)
            out.uint32(0)
            out.uint32(entry.offset)
            out.bytes(entry.name)
        }
        let directorySize = UInt32(out.bytes.count)
        out.uint32(0x0605_4b50)
        out.uint16(0)
        out.uint16(0)
        out.uint16(UInt16(entries.count))
        out.uint16(UInt16(entries.count))
        out.uint32(directorySize)
        out.uint32(offset)
        out.uint16(0)
        return out.bytes
    }
}

/// CRC-32 as ZIP uses it (polynomial 0xEDB88320).
struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    private var state: UInt32 = 0xFFFF_FFFF

    mutating func update(_ bytes: [UInt8]) {
        for byte in bytes { state = Self.table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8) }
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }
}
