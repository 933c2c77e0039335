import WanggeModel

/// An sRGB colour with components in 0…1.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var red: Double, green: Double, blue: Double
    public init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }
    /// From 0xRRGGBB.
    public init(hex: UInt32) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255)
    }
    /// The 8-bit components, rounded as cairo stores opaque colours.
    public var bytes: (red: UInt8, green: UInt8, blue: UInt8) {
        func b(_ v: Double) -> UInt8 { UInt8((min(max(v, 0), 1) * 255).rounded()) }
        return (b(red), b(green), b(blue))
    }
    public var description: String {
        let b = bytes
        return "#" + [b.red, b.green, b.blue].map { v in
            let s = String(v, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}

/// Colours of the wall map. District fills are `DistrictFills` (Paul Tol's colour-blind-safe
/// "light" scheme), the same colours the plan file writes as `fill`.
public enum Palette {
    public static let fills: [RGB] = DistrictFills.rgb.map { RGB(hex: $0) }

    public static let ink = RGB(hex: 0x1A1A1A)
    /// Rivers and other barriers: Paul Tol's high-contrast dark blue, darker than every fill.
    public static let water = RGB(hex: 0x004488)
    public static let outline = RGB(hex: 0x3A3A3A)
    public static let householdDot = RGB(hex: 0x202020)
    public static let halo = RGB(hex: 0xFFFFFF)
    public static let frame = RGB(hex: 0x808080)
    public static let legendRule = RGB(hex: 0xB0B0B0)
}

/// Palette indices for the districts of a plan.
///
/// The plan's own `color_index` values are used when, taken modulo the palette size, no two
/// neighbouring districts share one. Otherwise (colours missing, or more colour classes than the
/// palette has) the districts are re-coloured greedily (DSATUR) and `recoloured` says so.
/// Districts are neighbours when their service areas share at least two vertices (a common edge),
/// which is how the tiled service areas of a plan meet.
public struct DistrictColouring: Sendable, Equatable {
    /// Palette index per district.
    public let indices: [Int]
    /// Neighbour lists per district, ascending.
    public let neighbours: [[Int]]
    public let recoloured: Bool

    public init(plan: Plan) {
        let neighbours = Self.neighbours(of: plan.districts.map(\.area))
        let k = Palette.fills.count
        let own = plan.districts.map { DistrictFills.slot($0.color) }
        let ownIsProper = neighbours.enumerated().allSatisfy { d, ns in ns.allSatisfy { own[$0] != own[d] } }
        self.neighbours = neighbours
        if ownIsProper {
            indices = own; recoloured = false
        } else {
            indices = Self.dsatur(neighbours, colours: k); recoloured = true
        }
    }

    /// Districts sharing at least two vertices, found by hashing vertices snapped to 1e-8°
    /// (about a millimetre), so coordinates that went through a text file still meet.
    static func neighbours(of areas: [MultiPolygon]) -> [[Int]] {
        struct Key: Hashable { var x: Int64, y: Int64 }
        var owners: [Key: [Int32]] = [:]
        for (d, area) in areas.enumerated() {
            var seen = Set<Key>()
            for polygon in area.polygons { for ring in polygon.rings { for p in ring {
                let key = Key(x: Int64((p.x * 1e8).rounded()), y: Int64((p.y * 1e8).rounded()))
                if seen.insert(key).inserted { owners[key, default: []].append(Int32(d)) }
            } } }
        }
        var shared: [Int: Int] = [:] // key a * n + b, a < b
        let n = areas.count
        for (_, ds) in owners where ds.count > 1 {
            for i in 0..<ds.count { for j in (i + 1)..<ds.count {
                let a = Int(min(ds[i], ds[j])), b = Int(max(ds[i], ds[j]))
                shared[a * n + b, default: 0] += 1
            } }
        }
        var result = [[Int]](repeating: [], count: n)
        for (key, count) in shared where count >= 2 {
            result[key / n].append(key % n); result[key % n].append(key / n)
        }
        return result.map { $0.sorted() }
    }

    /// Greedy DSATUR colouring; ties by degree then index, so it is deterministic. Uses colours
    /// modulo `colours` only if the graph needs more (not for planar maps in practice).
    static func dsatur(_ adj: [[Int]], colours k: Int) -> [Int] {
        let n = adj.count
        var colour = [Int](repeating: -1, count: n)
        var saturation = [Set<Int>](repeating: [], count: n)
        var used = [Int](repeating: 0, count: k)
        for _ in 0..<n {
            var best = -1
            for v in 0..<n where colour[v] < 0 {
                if best < 0 || saturation[v].count > saturation[best].count
                    || (saturation[v].count == saturation[best].count && adj[v].count > adj[best].count) {
                    best = v
                }
            }
            // The least used colour its neighbours leave free, among the six most distinct ones
            // first, so fills are spread evenly over the palette.
            var c = -1
            for candidate in 0..<max(k, 6) where !saturation[best].contains(candidate) {
                if candidate >= 6, c >= 0 { break }
                if c < 0 || used[candidate % k] < used[c % k] { c = candidate }
            }
            if c < 0 { c = saturation[best].count }
            colour[best] = c % k
            used[c % k] += 1
            for w in adj[best] { saturation[w].insert(c) }
        }
        return colour
    }
}
