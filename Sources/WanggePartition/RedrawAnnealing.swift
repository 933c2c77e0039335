import Foundation
import WanggeModel

/// Retention search for coarse atoms on small plans (issue 12): the balance stages plan load flows
/// and realise them greedily, one arc or one chain at a time, and each step commits whole work
/// groups that a later step may make unnecessary. This search looks at the whole plan at once:
/// simulated annealing over single boundary moves and swaps of whole atoms between neighbouring
/// open districts, minimising the households moved from their previous district plus a penalty
/// per household outside the band. The penalty grows and the temperature falls along the run, so
/// the search may pass through out-of-band states early (a chain A→B→C is two moves, and the
/// middle state is out of the band) and ends in the band. A move keeps the giving district
/// connected (`removable`; the receiving one stays connected since the atom touches it); frozen
/// districts and locked atoms never take part. The best plan seen is kept, compared by DESIGN
/// section 7's order (`RedrawFigures.better`: in the band first, then load moved), so the search
/// can only improve on where it starts. Deterministic: one seeded generator.
extension Refiner {
    /// - Parameters:
    ///   - seed: the generator's seed (same seed, same plan).
    ///   - iterations: proposals in all (a move or swap each, most rejected cheaply).
    ///   - penalty: per household outside the band at the start and the end of the run.
    ///   - temperature: at the start and the end of the run, as shares of the mean atom load.
    mutating func improveRetentionByAnnealing(retention: RetentionCost, seed: UInt64, iterations: Int,
                                              penalty: (start: Double, end: Double) = (1.5, 40),
                                              temperature: (start: Double, end: Double) = (1, 0.02)) {
        guard !home.isEmpty, k >= 2, iterations > 0 else { return }
        let m = g.count
        var movable: [Int32] = []
        var atomLoad = 0.0
        for v in 0..<m where g.load[v] > 0 && !(!locked.isEmpty && locked[v]) && !isClosed(Int(part[v])) {
            movable.append(Int32(v)); atomLoad += g.load[v]
        }
        guard !movable.isEmpty else { return }
        let meanAtom = atomLoad / Double(movable.count)
        // Where each atom stands at the start: atoms that cost no retention (newcomers, atoms
        // already away from home) pay a small charge per household for leaving it, so that they
        // are not shuffled around for nothing and stay in the district whose area they are in.
        let origin = part
        let drift = 0.01
        var rng = SplitMix64(seed: seed &+ 0x5245_4452_4157_0001)
        var outside = 0.0
        for d in 0..<k where !isClosed(d) { outside += excess(loads[d]) }
        var moved = 0.0, away = 0.0
        for v in 0..<m {
            if home[v] >= 0 && part[v] != home[v] { moved += retention.homeLoad[v] }
            if part[v] != origin[v] { away += g.load[v] }
        }
        var best = RedrawFigures(worst: worstDeviation(), outside: outside, moved: moved)
        var bestAway = away, bestPart = part
        let t0 = max(temperature.start * meanAtom, 1e-9), t1 = max(temperature.end * meanAtom, 1e-9)
        let logT = log(t1 / t0), logL = log(penalty.end / penalty.start)
        @inline(__always) func awayDelta(_ v: Int, _ a: Int32, _ b: Int32) -> Double {
            (origin[v] == b ? -g.load[v] : 0) + (origin[v] == a ? g.load[v] : 0)
        }
        var heat = t0, lambda = penalty.start
        for it in 0..<iterations {
            if it & 255 == 0 {
                let frac = Double(it) / Double(iterations)
                heat = t0 * exp(logT * frac); lambda = penalty.start * exp(logL * frac)
            }
            let v = Int(movable[Int(rng.next() % UInt64(movable.count))])
            let range = g.neighbourRange(v)
            if range.isEmpty { continue }
            let a = part[v]
            let b = part[Int(g.adj[range.lowerBound + Int(rng.next() % UInt64(range.count))])]
            if b == a || isClosed(Int(b)) { continue }
            let la = loads[Int(a)], lb = loads[Int(b)]
            let w = g.load[v]
            // A swap a third of the time: an atom of `b` next to `v` goes the other way.
            var u = -1
            if rng.next() % 3 == 0 {
                var count = 0
                for j in range {
                    let t = Int(g.adj[j])
                    if part[t] == b && g.load[t] > 0 && !(!locked.isEmpty && locked[t]) {
                        count += 1
                        if rng.next() % UInt64(count) == 0 { u = t }
                    }
                }
            }
            let wu = u >= 0 ? g.load[u] : 0
            let dl = w - wu
            let dOut = excess(la - dl) + excess(lb + dl) - excess(la) - excess(lb)
            var dMoved = retention.cost(v, from: a, to: b, home: home)
            var dAway = awayDelta(v, a, b)
            if u >= 0 {
                dMoved += retention.cost(u, from: b, to: a, home: home)
                dAway += awayDelta(u, b, a)
            }
            let d = dMoved + lambda * dOut + drift * dAway
            if d > 0 && rng.unit() >= exp(-d / heat) { continue }
            if u >= 0 {
                guard exchange(v, to: Int(b), with: u) else { continue }
            } else {
                guard removable(v) else { continue }
                move(v, to: Int(b))
            }
            outside += dOut; moved += dMoved; away += dAway
            if outside <= best.outside + 1e-9 {
                let now = RedrawFigures(worst: worstDeviation(), outside: max(outside, 0), moved: moved)
                let tie = !best.better(than: now) && !now.better(than: best) && away < bestAway - 1e-9
                if now.better(than: best) || tie {
                    best = now; bestAway = away; bestPart = part
                }
            }
        }
        reset(to: bestPart)
    }

    /// Tuning of the retention search: proposals per movable atom (and their cap), the start and
    /// end temperature as shares of the mean atom load, the penalty per household outside the band
    /// at the start and the end, runs from where contiguity left the plan and from the best
    /// candidate (that one starts cooler). `WANGGE_REDRAW_ANNEALING="a:b:c:…"` overrides them in
    /// that order (development aid, like WANGGE_REDRAW_TRACE).
    struct AnnealingTuning {
        var perAtom = 2_000.0, cap = 600_000.0, t0 = 1.0, t1 = 0.02, l0 = 1.5, l1 = 40.0
        var fromRepaired = 3.0, fromBest = 2.0, bestT0 = 0.3

        static var current: AnnealingTuning {
            var t = AnnealingTuning()
            guard let text = getenv("WANGGE_REDRAW_ANNEALING").map({ String(cString: $0) }) else { return t }
            let v = text.split(separator: ":").map { Double($0) }
            func at(_ i: Int, _ f: inout Double) { if i < v.count, let x = v[i] { f = x } }
            at(0, &t.perAtom); at(1, &t.cap); at(2, &t.t0); at(3, &t.t1); at(4, &t.l0); at(5, &t.l1)
            at(6, &t.fromRepaired); at(7, &t.fromBest); at(8, &t.bestT0)
            return t
        }
    }

    /// The annealing from `repaired` (where contiguity left the plan) and from the current plan
    /// (the best candidate so far), a few seeds each; a run that ends outside the band is closed by
    /// band flows, ejection chains and the tabu search; moves balance does not need are taken back. The best result by
    /// `RedrawFigures.better` is kept (the current partition competes too).
    mutating func annealForRetention(retention: RetentionCost, repaired: [Int32], seed: UInt64) {
        let tuning = AnnealingTuning.current
        let movable = (0..<g.count).filter { g.load[$0] > 0 && !isClosed(Int(part[$0])) && !(!locked.isEmpty && locked[$0]) }.count
        let iterations = Int(min(tuning.cap, tuning.perAtom * Double(movable)))
        var best = redrawFigures(retention: retention), bestPart = part
        let runs = (0..<Int(tuning.fromRepaired)).map { (repaired, 1.0, $0) }
            + (0..<Int(tuning.fromBest)).map { (part, tuning.bestT0, 100 + $0) }
        for (start, cool, index) in runs {
            reset(to: start)
            improveRetentionByAnnealing(retention: retention, seed: seed &+ UInt64(index), iterations: iterations,
                                        penalty: (tuning.l0, tuning.l1), temperature: (cool * tuning.t0, tuning.t1))
            trace("annealing \(index)", retention)
            if !inBand { balanceByBandFlow(retention: retention, rounds: 4) }
            if !inBand { balanceByChains(retention: retention, maxChains: 2 * k + 20) }
            if !inBand { balanceByTabu(retention: retention, maxIterations: 20_000) }
            returnHome(retention: retention)
            returnHomeInPairs(retention: retention)
            trace("annealing \(index) closed", retention)
            let now = redrawFigures(retention: retention)
            if now.better(than: best) { best = now; bestPart = part }
        }
        reset(to: bestPart)
    }
}

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
