/// Redraw retention: exchanges between two districts taken back (issue 12).
extension Refiner {
    /// Takes back exchanges that balance does not need: two atoms away from home, each in the
    /// other's home district (a chain may pass a group from A to B and another from B to A), both
    /// go home when both districts stay in the band (or their load outside it does not grow) and
    /// connected. The two atoms need not touch each other, only their home districts. Repeats
    /// until stable.
    mutating func returnHomeInPairs(retention: RetentionCost, maxPasses: Int = 10) {
        guard !home.isEmpty else { return }
        for _ in 0..<maxPasses {
            var away: [Int64: [Int32]] = [:]   // (district, home) → atoms
            for v in 0..<g.count where home[v] >= 0 && part[v] != home[v] && retention.homeLoad[v] > 0 {
                if (!locked.isEmpty && locked[v]) || isClosed(Int(part[v])) || isClosed(Int(home[v])) { continue }
                away[Int64(part[v]) << 32 | Int64(home[v]), default: []].append(Int32(v))
            }
            var changed = false
            for key in away.keys.sorted() {
                let a = Int32(truncatingIfNeeded: key >> 32), h = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                guard a < h, let back = away[Int64(h) << 32 | Int64(a)] else { continue }
                for v32 in away[key]! {
                    let v = Int(v32)
                    guard part[v] == a else { continue }
                    for u32 in back {
                        let u = Int(u32)
                        guard part[u] == h, part[v] == a else { continue }
                        let before = excess(loads[Int(a)]) + excess(loads[Int(h)])
                        let dl = g.load[v] - g.load[u]
                        guard excess(loads[Int(a)] - dl) + excess(loads[Int(h)] + dl) <= before + 1e-9 else { continue }
                        // v home first, then u home; either order that keeps both connected.
                        if touches(v, Int(h)), removable(v) {
                            move(v, to: Int(h))
                            if touches(u, Int(a)), removable(u) { move(u, to: Int(a)); changed = true; break }
                            move(v, to: Int(a))
                        }
                        if touches(u, Int(a)), removable(u) {
                            move(u, to: Int(a))
                            if touches(v, Int(h)), removable(v) { move(v, to: Int(h)); changed = true; break }
                            move(u, to: Int(h))
                        }
                    }
                }
            }
            if !changed { return }
        }
    }
}
