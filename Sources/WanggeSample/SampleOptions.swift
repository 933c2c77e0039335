import WanggeModel

/// Where the sample lies and how it is spread (`wangge sample --layout`).
public enum SampleLayoutKind: String, Sendable, Equatable, CaseIterable {
    /// Inside the Bagongshan District boundary: villages up to `SampleOptions.cityThreshold`
    /// households, a city above.
    case bagongshan
    /// A rural prefecture: a square of 140 km × √(households / 10⁶) (~19,600 km² at 10⁶ households,
    /// ~110 households per km²) of villages of ~12 hamlets (work groups) with lone farmsteads, a river
    /// across it; never city-like, whatever the count. Its square is written as boundary.geojson.
    case rural
}

/// What `wangge sample` generates. Unset counts scale with `households` from the original case
/// (1312 households, 141 work groups, 155 cadres, 21 districts).
public struct SampleOptions: Sendable, Equatable {
    public var households: Int
    /// Work groups (作业组); default round(households · 141 / 1312).
    public var groups: Int?
    /// Villages; default 9 for the original case (one per ~15.7 groups) and, in city mode
    /// (more than 20 000 households), one community (社区) per ~3000 households.
    public var villages: Int?
    /// Districts the labels (and town leaders) are written for.
    public var districts: Int
    /// Cadres; default round(households · 155 / 1312).
    public var cadres: Int?
    public var seed: UInt64
    public var layout: SampleLayoutKind

    public init(households: Int = 1312, groups: Int? = nil, villages: Int? = nil, districts: Int = 21,
                cadres: Int? = nil, seed: UInt64 = 1, layout: SampleLayoutKind = .bagongshan) {
        self.households = households; self.groups = groups; self.villages = villages
        self.districts = districts; self.cadres = cadres; self.seed = seed; self.layout = layout
    }

    /// Above this many households the layout is city-like: dense compounds, apartment buildings
    /// (several households at one coordinate), communities instead of villages, no lone farmsteads.
    public static let cityThreshold = 20_000

    public var isCity: Bool { layout == .bagongshan && households > Self.cityThreshold }
    public var groupCount: Int { groups ?? max(1, Int((Double(households) * 141 / 1312).rounded())) }
    public var villageCount: Int {
        if let villages { return villages }
        if layout == .rural { return min(groupCount, max(1, Int((Double(groupCount) / 12).rounded()))) }
        if isCity { return max(9, Int((Double(households) / 3000).rounded())) }
        return min(groupCount, max(1, Int((Double(groupCount) / 15.7).rounded())))
    }
    public var cadreCount: Int { cadres ?? max(1, Int((Double(households) * 155 / 1312).rounded())) }
    /// The area the sample is drawn in: the Bagongshan boundary, or the rural layout's square.
    public var boundary: Polygon {
        switch layout {
        case .bagongshan: return BagongshanBoundary.polygon
        case .rural: return Self.ruralSquare(households: households)
        }
    }

    /// The rural layout's square, WGS84, centred on 117.0° E, 32.6° N (the Huai plain around the original
    /// case): 140 km × √(households / 10⁶) a side, at least 1 km; vertices at 7 decimals.
    public static func ruralSquare(households: Int) -> Polygon {
        let side = max(1000, 140_000 * (Double(households) / 1_000_000).squareRoot())
        let frame = LocalFrame(origin: Point2(117.0, 32.6))
        let h = side / 2
        let corners = [Point2(-h, -h), Point2(h, -h), Point2(h, h), Point2(-h, h), Point2(-h, -h)].map { frame.toDegrees($0) }
        return Polygon(rings: [corners])
    }

    /// The heaviest work group allowed: half a district's target, so that k balanced districts can
    /// be drawn with groups kept whole.
    public var groupCap: Int { max(1, households / (2 * max(districts, 1))) }

    /// Checks the counts fit together; a usage error otherwise.
    public func validate() throws {
        guard households >= 1 else { throw WanggeError.usage("--households must be at least 1") }
        guard households <= 20_000_000 else { throw WanggeError.usage("--households must be at most 20000000") }
        guard groupCount >= 1 && groupCount <= households else {
            throw WanggeError.usage("--groups must be between 1 and the number of households (\(households))")
        }
        guard villageCount >= 1 && villageCount <= groupCount else {
            throw WanggeError.usage("--villages must be between 1 and the number of groups (\(groupCount))")
        }
        guard districts >= 1 && districts <= households else {
            throw WanggeError.usage("--districts must be between 1 and the number of households (\(households))")
        }
        guard cadreCount >= 1 else { throw WanggeError.usage("--cadres must be at least 1") }
        guard groupCount * groupCap >= households else {
            throw WanggeError.usage(
                "--groups \(groupCount) is too few for \(districts) districts: \(households) households would need "
                + "groups heavier than half a district (\(groupCap) households); give more groups or fewer districts")
        }
    }
}
