import Foundation

/// Number formats shared by the table, CSV, JSON and compare outputs.
enum NumberFormat {
    /// Fixed decimals, "–" for nil or non-finite.
    static func fixed(_ v: Double?, _ decimals: Int) -> String {
        guard let v, v.isFinite else { return "–" }
        let s = String(format: "%.\(decimals)f", v)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
    static func percent(_ v: Double?, _ decimals: Int = 1, signed: Bool = false) -> String {
        guard let v, v.isFinite else { return "–" }
        let s = fixed(v * 100, decimals)
        return (signed && v * 100 >= 0.5 * pow(10, Double(-decimals)) ? "+" : "") + s + "%"
    }
    static func integer(_ v: Int?) -> String { v.map(String.init) ?? "–" }
    /// A JSON number (shortest round-trip form), or null.
    static func json(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
    /// A CSV cell for a number: shortest round-trip form, empty when nil.
    static func csv(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
