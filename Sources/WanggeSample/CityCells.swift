import WanggeModel

/// City mode keeps every work group (居民小组: a building or a few adjacent buildings) on its own patch.
/// Each group owns a cell around its centre: the points closer to its centre than `cellRatio` × their
/// distance to any other group's centre. A cell is an intersection of Apollonius discs (one per other
/// centre), so it is convex; cells are disjoint and separated by a strip, the lanes between compounds.
/// So no household stands inside another group's patch (its convex hull), and the groups come out as
/// connected clusters in the neighbour graph (all of them at 10⁵ households, 99.99% at 10⁶; see
/// CityLayoutTests). Village mode does not use cells.
extension SampleLayout {
    /// A house of group g stands at most this fraction of its distance to any other group's centre
    /// from its own centre (on the segment between two centres: the nearest 44%, leaving an 11% lane).
    static let cellRatio = 0.8

    /// Distance from group g's centre to the nearest other group's centre; infinity when there is none
    /// within four group spacings (or in village mode).
    func nearestOtherCentre(_ g: Int) -> Double {
        guard let grid = groupGrid else { return .infinity }
        let c = groupCentres[g]
        var best = Double.infinity
        grid.forEach(near: c, radius: 4 * max(groupSpacing, 0.5)) { h in
            if h != g { best = min(best, distance(c, grid.points[h])) }
        }
        return best
    }

    /// Whether a local point lies in group g's cell (always true in village mode).
    func isInCell(_ p: Point2, group g: Int) -> Bool {
        guard let grid = groupGrid else { return true }
        let own = distance(p, groupCentres[g])
        guard own > 0 else { return true }
        var inside = true
        grid.forEach(near: p, radius: own / Self.cellRatio) { h in
            if h != g && own > Self.cellRatio * distance(p, grid.points[h]) { inside = false }
        }
        return inside
    }

    /// The spread (standard deviation, metres) of a hamlet's houses around its centre: grows with √size,
    /// and in city mode stays within the group's cell (0.4 × the distance to the nearest other centre).
    func hamletSigma(group g: Int, size: Int) -> Double {
        let sigma = 0.6 * radiusPerRoot * Double(size).squareRoot()
        guard city else { return sigma }
        return min(sigma, 0.4 * nearestOtherCentre(g))
    }
}
