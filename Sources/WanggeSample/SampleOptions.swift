import WanggeModel

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

    public init(households: Int = 1312, groups: Int? = nil, villages: Int? = nil, districts: Int = 21,
                cadres: Int? = nil, seed: UInt64 = 1) {
        self.households = households; self.groups = groups; self.villages = villages
        self.districts = districts; self.cadres = cadres; self.seed = seed
    }

    /// Above this many households the layout is city-like: dense compounds, apartment buildings
    /// (several households at one coordinate), communities instead of villages, no lone farmsteads.
    public static let cityThreshold = 20_000

    public var isCity: Bool { households > Self.cityThreshold }
    public var groupCount: Int { groups ?? max(1, Int((Double(households) * 141 / 1312).rounded())) }
    public var villageCount: Int {
        if let villages { return villages }
        if isCity { return max(9, Int((Double(households) / 3000).rounded())) }
        return min(groupCount, max(1, Int((Double(groupCount) / 15.7).rounded())))
    }
    public var cadreCount: Int { cadres ?? max(1, Int((Double(households) * 155 / 1312).rounded())) }
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
