/// Exit statuses from BSD sysexits(3), as DESIGN section 10 fixes them.
public enum ExitStatus: Int32, Sendable {
    case usage = 64        // EX_USAGE: bad options or arguments
    case dataError = 65    // EX_DATAERR: input data is wrong
    case noInput = 66      // EX_NOINPUT: an input file cannot be opened
    case software = 70     // EX_SOFTWARE: internal error (a bug, or a library failing)
    case cannotCreate = 73 // EX_CANTCREAT: an output file cannot be written
}

/// Where in an input a problem was found: the file, and a feature index (0-based, as GeoJSON
/// tools such as ogrinfo count) or a line number (1-based, as editors count), and the field.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var feature: Int?
    public var line: Int?
    public var field: String?

    public init(file: String? = nil, feature: Int? = nil, line: Int? = nil, field: String? = nil) {
        self.file = file; self.feature = feature; self.line = line; self.field = field
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let feature { parts.append("feature \(feature)") }
        if let line { parts.append("line \(line)") }
        if let field { parts.append("field '\(field)'") }
        return parts.joined(separator: ": ")
    }
}

/// The one error type that crosses module boundaries. Its description is the message a user
/// sees: location first, then what is wrong.
public struct WanggeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: ExitStatus
    public var location: SourceLocation
    public var message: String

    public init(_ status: ExitStatus, _ message: String, at location: SourceLocation = SourceLocation()) {
        self.status = status; self.message = message; self.location = location
    }

    public static func data(_ message: String, at location: SourceLocation = SourceLocation()) -> WanggeError {
        WanggeError(.dataError, message, at: location)
    }

    public static func usage(_ message: String) -> WanggeError { WanggeError(.usage, message) }

    public var description: String {
        let place = location.description
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
