import Foundation

/// RFC 4180 CSV. Written here rather than taken from SwiftCSV or CSV.swift (both in our
/// mirror): the import needs each record's starting line number, a precise reason for bad
/// quoting, and streaming from a file in fixed memory, which neither gives together.
public enum CSV {
    /// One record as a line of CSV, fields quoted where they must be, CRLF-terminated (RFC 4180).
    public static func line(_ fields: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(2) { $0 + $1.utf8.count + 3 })
        append(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same line appended to `out`: a million-row export writes its lines straight into
    /// the output's buffer.
    public static func append(_ fields: [String], to out: inout [UInt8]) {
        // On UTF-8 bytes: Foundation's replacingOccurrences made a million-row export slow.
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(44) }
            var field = field
            field.withUTF8 { bytes in
                let needsQuotes = bytes.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
                // A cell a spreadsheet would run as a formula starts with ' (CLI.md section 16);
                // a plain number (a negative amount) is left as it is.
                let formula = bytes.first.map(startsFormula) == true && !isPlainNumber(bytes)
                guard needsQuotes else {
                    if formula { out.append(39) }
                    out.append(contentsOf: bytes)
                    return
                }
                // Quoted in a scratch buffer (on the stack when small), then appended at once:
                // an audit line's data is JSON, a quote to double every few bytes.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count * 2 + 3) { scratch in
                    var at = 0
                    func put(_ byte: UInt8) {
                        scratch[at] = byte
                        at += 1
                    }
                    put(34)
                    if formula { put(39) }
                    for byte in bytes {
                        put(byte)
                        if byte == 34 { put(34) }
                    }
                    put(34)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<at]))
                }
            }
        }
        out.append(13)
        out.append(10)
    }

    /// `=`, `+`, `-`, `@`, TAB and CR: what spreadsheets take as the start of a formula.
    /// (A comparison, not a Set: hashing a byte per field was a tenth of a million-row export.)
    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == 61 || byte == 43 || byte == 45 || byte == 64 || byte == 9 || byte == 13
    }

    static func isPlainNumber(_ field: String) -> Bool {
        var field = field
        return field.withUTF8 { isPlainNumber($0) }
    }

    static func isPlainNumber(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes = field[...]
        if bytes.first == 45 { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty, bytes.first != 46, bytes.last != 46, bytes.filter({ $0 == 46 }).count <= 1 else { return false }
        return bytes.allSatisfy { (48...57).contains($0) || $0 == 46 }
    }
}

/// A record and the file line it starts on (the header is line 1).
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]
}

/// A record that could not be read, with the line it starts on.
public struct CSVProblem: Error, Sendable, Equatable {
    public let line: Int
    public let message: String
}

/// Reads a CSV file record by record, in 64 KiB chunks: memory stays flat however large
/// the file. Accepts a UTF-8 BOM and CRLF or LF line ends; skips blank lines.
public final class CSVReader {
    private let fd: Int32
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var first = true
    /// Bytes read so far, for progress bars.
    public private(set) var bytesRead = 0
    public let size: Int
    /// Why reading stopped early (an I/O error), if it did: the records so far are not all.
    public private(set) var readFailure: String?

    /// Opens a regular file (POSIX calls: Foundation's FileHandle traps on a read error such
    /// as a folder given for a file).
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw BilletterieError.cannotOpen(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw BilletterieError.cannotOpen(path: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "it is a folder; give a CSV file" : "not a regular file")
        }
        self.fd = fd
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    private func nextByte() -> UInt8? {
        if position == chunk.count {
            guard !atEnd else { return nil }
            chunk = [UInt8](repeating: 0, count: 1 << 16)
            var count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            while count < 0 && errno == EINTR { count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
            if count < 0 { readFailure = String(cString: strerror(errno)) }
            chunk.removeSubrange(max(0, count)...)
            position = 0
            bytesRead += chunk.count
            if chunk.isEmpty {
                atEnd = true
                return nil
            }
            if first {
                first = false
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
                if position == chunk.count { return nextByte() }
            }
        }
        defer { position += 1 }
        return chunk[position]
    }

    private func peekByte() -> UInt8? {
        guard let byte = nextByte() else { return nil }
        position -= 1
        return byte
    }

    /// Skips to the end of the current line, after a problem, so the next record can be read.
    private func skipLine() {
        while let byte = nextByte() {
            if byte == UInt8(ascii: "\n") {
                line += 1
                return
            }
        }
    }

    /// The next record, a problem with one, or nil at the end of the file.
    public func next() -> Result<CSVRecord, CSVProblem>? {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let newline = UInt8(ascii: "\n")
        let carriage = UInt8(ascii: "\r")
        recordLoop: while true {
            let start = line
            var fields: [[UInt8]] = []
            var field: [UInt8] = []
            var sawAny = false
            func problem(_ message: String) -> Result<CSVRecord, CSVProblem> {
                skipLine()
                return .failure(CSVProblem(line: start, message: message))
            }
            func finish() -> Result<CSVRecord, CSVProblem>? {
                fields.append(field)
                var texts: [String] = []
                for bytes in fields {
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        return .failure(CSVProblem(line: start, message: "not valid UTF-8"))
                    }
                    texts.append(text)
                }
                return .success(CSVRecord(line: start, fields: texts))
            }
            fieldLoop: while true {
                guard let byte = nextByte() else {
                    if !sawAny && fields.isEmpty && field.isEmpty { return nil }
                    return finish()
                }
                sawAny = true
                if byte == quote && field.isEmpty {
                    // A quoted field: up to the closing quote, "" standing for one quote.
                    while true {
                        guard let inner = nextByte() else {
                            return .failure(CSVProblem(line: start, message: "a quoted field is never closed"))
                        }
                        if inner == quote {
                            if peekByte() == quote {
                                _ = nextByte()
                                field.append(quote)
                                continue
                            }
                            break
                        }
                        if inner == newline { line += 1 }
                        field.append(inner)
                    }
                    switch peekByte() {
                    case comma?:
                        _ = nextByte()
                        fields.append(field)
                        field = []
                        // A quoted field closes into an empty one when the line ends on a comma.
                        continue fieldLoop
                    case carriage?:
                        _ = nextByte()
                        if peekByte() == newline { _ = nextByte() }
                        line += 1
                        return finish()
                    case newline?:
                        _ = nextByte()
                        line += 1
                        return finish()
                    case nil:
                        return finish()
                    default:
                        return problem("text after a closing quote; inside quotes write a quote as \"\"")
                    }
                }
                switch byte {
                case comma:
                    fields.append(field)
                    field = []
                case newline:
                    line += 1
                    if fields.isEmpty && field.isEmpty { continue recordLoop }  // a blank line
                    return finish()
                case carriage where peekByte() == newline:
                    continue
                case quote:
                    return problem("a quote inside an unquoted field; quote the whole field and write the quote as \"\"")
                default:
                    field.append(byte)
                }
            }
        }
    }
}
