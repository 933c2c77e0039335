import WanggeModel

/// RFC 4180 CSV: comma-separated fields, optional double quotes (with "" for a quote) that may
/// span lines, LF or CRLF line ends, a UTF-8 byte order mark ignored. Blank lines are skipped.
/// Records are delivered with the 1-based line on which they start.
struct CSVReader {
    let path: String
    let bytes: [UInt8]

    init(path: String) throws {
        self.path = path
        self.bytes = try InputFile.read(path)
    }

    init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }

    private func malformed(_ message: String, line: Int, column: Int? = nil) -> WanggeError {
        let at = column.map { " at line \(line), column \($0)" } ?? " at line \(line)"
        return .data("malformed CSV\(at): \(message)", at: SourceLocation(file: path, line: line))
    }

    /// A field longer than this is refused (65): no spreadsheet cell is that long, and a runaway
    /// quote or a binary file would otherwise become one giant string.
    static let maxFieldBytes = 4 << 20

    /// Calls `body(fields, line)` for each non-blank record. The fields array is reused between calls.
    func forEachRecord(_ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        try bytes.withUnsafeBufferPointer { buf in
            if let bad = UTF8Check.firstInvalid(buf) {
                let (line, column) = InputFile.lineColumn(bytes, bad)
                throw malformed("invalid UTF-8", line: line, column: column)
            }
            var p = 0
            if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { p = 3 }
            var line = 1
            var lineStart = p
            let n = buf.count
            while p < n {
                // One record.
                let recordLine = line
                fields.removeAll(keepingCapacity: true)
                var blank = true
                while true {
                    field.removeAll(keepingCapacity: true)
                    if p < n, buf[p] == UInt8(ascii: "\"") {
                        blank = false
                        let openLine = line, openColumn = p - lineStart + 1
                        p += 1
                        while true {
                            guard p < n else {
                                throw malformed("unterminated quoted field (opened at column \(openColumn))", line: openLine)
                            }
                            let c = buf[p]
                            if c == UInt8(ascii: "\"") {
                                if p + 1 < n, buf[p + 1] == UInt8(ascii: "\"") { field.append(c); p += 2; continue }
                                p += 1
                                break
                            }
                            if c == 0x0A { line += 1; lineStart = p + 1 }
                            if field.count >= Self.maxFieldBytes {
                                throw malformed("field longer than \(Self.maxFieldBytes >> 20) MiB (quoted field opened at column \(openColumn))", line: openLine)
                            }
                            field.append(c)
                            p += 1
                        }
                        if p < n, buf[p] != UInt8(ascii: ","), buf[p] != 0x0A, buf[p] != 0x0D {
                            throw malformed("unexpected text after a closing quote", line: line, column: p - lineStart + 1)
                        }
                    } else {
                        let fieldStart = p
                        while p < n {
                            let c = buf[p]
                            if c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D { break }
                            if c == UInt8(ascii: "\"") {
                                throw malformed("a double quote inside an unquoted field (quote the whole field and double the quote)",
                                                line: line, column: p - lineStart + 1)
                            }
                            p += 1
                            if p - fieldStart > Self.maxFieldBytes {
                                throw malformed("field longer than \(Self.maxFieldBytes >> 20) MiB", line: line, column: fieldStart - lineStart + 1)
                            }
                        }
                        if p > fieldStart { blank = false }
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: buf[fieldStart..<p]))
                    }
                    fields.append(String(decoding: field, as: UTF8.self))
                    if p < n, buf[p] == UInt8(ascii: ",") { blank = false; p += 1; continue }
                    // End of record.
                    if p < n, buf[p] == 0x0D {
                        p += 1
                        if p < n, buf[p] == 0x0A { p += 1 }
                    } else if p < n, buf[p] == 0x0A {
                        p += 1
                    }
                    line += 1
                    lineStart = p
                    break
                }
                if !blank { try body(fields, recordLine) }
            }
        }
    }
}

/// A header row mapped to column positions.
struct CSVHeader {
    let names: [String]
    private let index: [String: Int]

    init(_ fields: [String]) {
        names = fields.map { String($0.trimmingSpaces) }
        var idx: [String: Int] = [:]
        for (i, n) in names.enumerated() where idx[n] == nil { idx[n] = i }
        index = idx
    }

    func column(_ name: String) -> Int? { index[name] }
}
