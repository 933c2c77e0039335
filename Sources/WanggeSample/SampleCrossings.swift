import WanggeModel

/// The sample's bridges: where hamlets on both banks face each other, as a road would cross. Derived
/// from the households already placed and the river, without any random draw (so adding crossings
/// changes no household).
///
/// Rule: the river runs south to north (each y meets it once), so a house is west or east of it by
/// comparing its x with the river's at its y. The river is cut into stations `step` metres apart
/// (by y); each station keeps its nearest house on each bank. For each station the candidate is the
/// closest pair of such houses, west of one station and east of the same or the next one, no more
/// than `maxSpan` apart (2 km in the village sample). Candidates are taken shortest first, each at least a fifth of the
/// settled river's length (the y range of the houses near it) from those already taken, up to three.
/// A crossing stands where the pair's straight line meets the river, and is named after the village
/// of the nearer house ("蔡岗桥"; a second one of the same village gets "二桥", …).
extension SampleGenerator {
    static let crossingLimit = 3

    func makeCrossings(layout: SampleLayout, households table: HouseholdTable) -> [Crossing] {
        let river = layout.river
        guard river.count >= 2, table.count >= 2 else { return [] }
        let step = max(50, 4 * layout.houseSpacing)
        let maxSpan = max(2000, 20 * layout.riverClearance)
        let y0 = river[0].y, y1 = river[river.count - 1].y
        guard y1 > y0 else { return [] }
        let stations = Int(((y1 - y0) / step).rounded(.up)) + 1
        // Nearest house per station and bank: (distance, household).
        var nearest = [[(d: Double, i: Int)]](repeating: [(.infinity, -1), (.infinity, -1)], count: stations)
        var segment = 0
        var order = Array(0..<table.count)
        let local = (0..<table.count).map { layout.frame.toLocal(Point2(table.lon[$0], table.lat[$0])) }
        order.sort { local[$0].y < local[$1].y || (local[$0].y == local[$1].y && $0 < $1) }
        for i in order {
            let p = local[i]
            guard p.y >= y0, p.y <= y1 else { continue }
            while segment + 2 < river.count && river[segment + 1].y < p.y { segment += 1 }
            let a = river[segment], b = river[segment + 1]
            let t = b.y > a.y ? (p.y - a.y) / (b.y - a.y) : 0
            let riverX = a.x + t * (b.x - a.x)
            guard abs(p.x - riverX) <= maxSpan else { continue }
            let bank = p.x < riverX ? 0 : 1
            let d = polylineDistance(p, river)
            let s = min(stations - 1, Int((p.y - y0) / step))
            if d < nearest[s][bank].d { nearest[s][bank] = (d, i) }
        }
        var candidates: [(span: Double, west: Int, east: Int)] = []
        var settledLow = Double.infinity, settledHigh = -Double.infinity
        for s in 0..<stations {
            for bank in 0..<2 where nearest[s][bank].i >= 0 {
                settledLow = min(settledLow, local[nearest[s][bank].i].y)
                settledHigh = max(settledHigh, local[nearest[s][bank].i].y)
            }
            let w = nearest[s][0].i
            guard w >= 0 else { continue }
            var best: (span: Double, west: Int, east: Int)?
            for t in [s - 1, s, s + 1] where t >= 0 && t < stations {
                let e = nearest[t][1].i
                guard e >= 0 else { continue }
                let span = distance(local[w], local[e])
                if span <= maxSpan, best == nil || span < best!.span { best = (span, w, e) }
            }
            if let best { candidates.append(best) }
        }
        candidates.sort { ($0.span, $0.west, $0.east) < ($1.span, $1.west, $1.east) }
        let spacing = max(step, (settledHigh - settledLow) / 5)
        var chosen: [(at: Point2, near: Int)] = []
        for c in candidates where chosen.count < Self.crossingLimit {
            let a = local[c.west], b = local[c.east]
            guard let at = meeting(a, b, river) else { continue }
            guard chosen.allSatisfy({ abs($0.at.y - at.y) >= spacing }) else { continue }
            let near = distance(a, at) <= distance(b, at) ? c.west : c.east
            chosen.append((at, near))
        }
        chosen.sort { $0.at.y < $1.at.y }
        var used: [String: Int] = [:]
        return chosen.map { c in
            let v = Int(table.village[c.near])
            var base = v >= 0 && v < table.villageNames.count ? table.villageNames[v] : "河"
            if base.hasSuffix("村") { base.removeLast() }
            let n = used[base, default: 0]
            used[base] = n + 1
            let ordinal = ["", "二", "三", "四"][min(n, 3)]
            return Crossing(position: layout.frame.toDegrees(c.at), radius: Crossing.defaultRadius,
                            name: base + ordinal + "桥")
        }
    }

    /// Where segment ab meets the river nearest its midpoint (nil if it does not).
    private func meeting(_ a: Point2, _ b: Point2, _ river: [Point2]) -> Point2? {
        let mid = Point2((a.x + b.x) / 2, (a.y + b.y) / 2)
        var best: Point2?
        for k in 1..<river.count where segmentsIntersect(a, b, river[k - 1], river[k]) {
            let r = river[k - 1], s = river[k]
            let dx = b.x - a.x, dy = b.y - a.y, ex = s.x - r.x, ey = s.y - r.y
            let den = dx * ey - dy * ex
            guard den != 0 else { continue }
            let t = ((r.x - a.x) * ey - (r.y - a.y) * ex) / den
            let p = Point2(a.x + t * dx, a.y + t * dy)
            if best == nil || distance(p, mid) < distance(best!, mid) { best = p }
        }
        return best
    }
}
