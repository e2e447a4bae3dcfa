import CZlib

/// QR codes as images: PNG and SVG. The only file importing CZlib. PNG is written here over
/// zlib rather than through libpng, whose errors longjmp past Swift (../shared/FACTS.md).
extension QRMatrix {
    /// The modules an image shows, quiet zone included: 4 modules of light around the code.
    public static let quietZone = 4

    /// A 1-bit grayscale PNG, `scale` pixels per module (8 makes a 360-pixel version-5 code,
    /// which phone cameras read from a screen or paper).
    public func png(scale: Int = 8) -> [UInt8] {
        let modules = width + 2 * Self.quietZone
        let pixels = modules * scale
        let rowBytes = (pixels + 7) / 8
        // Each module row is `scale` identical pixel rows. The first is stored as is (filter 0);
        // the copies use PNG's "Up" filter (2), which makes them all zeros: zlib then has
        // nothing to search, which is what keeps this fast (about 30x faster than level-9
        // deflate over plain repeated rows).
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * pixels)
        var row = [UInt8](repeating: 0xFF, count: rowBytes)
        raw.withUnsafeMutableBufferPointer { buffer in
            for moduleRow in 0..<modules {
                for i in row.indices { row[i] = 0xFF }  // bit 1 is white
                for moduleColumn in 0..<modules where isDark(row: moduleRow - Self.quietZone, column: moduleColumn - Self.quietZone) {
                    for x in (moduleColumn * scale)..<((moduleColumn + 1) * scale) {
                        row[x >> 3] &= ~(0x80 >> UInt8(x & 7))
                    }
                }
                let start = moduleRow * scale * (rowBytes + 1)
                buffer[start] = 0
                for i in 0..<rowBytes { buffer[start + 1 + i] = row[i] }
                for copy in 1..<scale { buffer[start + copy * (rowBytes + 1)] = 2 }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(pixels)) + Self.bigEndian(UInt32(pixels))
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
        png += Self.chunk("IHDR", header)
        png += Self.chunk("IDAT", Self.deflate(raw))
        png += Self.chunk("IEND", [])
        return png
    }

    /// An SVG drawing, one path of dark runs on a white square, crisp at any size.
    public func svg(moduleSize: Int = 8) -> String {
        let modules = width + 2 * Self.quietZone
        var path = ""
        for row in 0..<width {
            var column = 0
            while column < width {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < width && isDark(row: row, column: column) { column += 1 }
                path += "M\(start + Self.quietZone) \(row + Self.quietZone)h\(column - start)v1h-\(column - start)z"
            }
        }
        let size = modules * moduleSize
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(size)" height="\(size)" viewBox="0 0 \(modules) \(modules)" shape-rendering="crispEdges">
            <rect width="\(modules)" height="\(modules)" fill="#fff"/>
            <path fill="#000" d="\(path)"/>
            </svg>

            """
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        let crc = typed.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc)
    }

    /// A zlib stream (what IDAT holds) of `data`. The fastest level: after the Up filter the
    /// data is mostly zeros, and level 1 makes an 840-byte image in half the time level 6
    /// takes for 610 bytes (Docs/benchmarks.md); e-mails render thousands.
    private static func deflate(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let rc = compress2(&out, &length, data, uLong(data.count), Z_BEST_SPEED)
        precondition(rc == Z_OK, "zlib compress2 failed with \(rc) on an in-memory buffer")
        return Array(out.prefix(Int(length)))
    }
}
