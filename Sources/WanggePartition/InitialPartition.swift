import WanggeModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Initial partition of the coarsest graph by recursive inertial bisection: split the nodes
/// across their principal axis at the load quantile that gives each side its share of districts.
/// Compact, balanced up to the coarse granularity; contiguity is repaired afterwards.
enum InitialPartition {
    static func bisect(_ g: LevelGraph, parts k: Int, jitter: Double, rng: inout SplitMix64) -> [Int32] {
        let n = g.count
        var part = [Int32](repeating: 0, count: n)
        var idx = Array(0..<Int32(n))
        var proj = [Double](repeating: 0, count: n)
        var stack: [(lo: Int, hi: Int, p0: Int, kk: Int)] = [(0, n, 0, k)]
        while let (lo, hi, p0, kk) = stack.popLast() {
            if kk <= 1 || hi - lo <= 1 {
                for i in lo..<hi { part[Int(idx[i])] = Int32(p0) }
                continue
            }
            var (m, ax, ay) = principalAxis(g, idx[lo..<hi])
            if jitter > 0 {
                let angle = (Double(rng.next() >> 11) / Double(1 << 53) - 0.5) * jitter
                let c = cos(angle), s = sin(angle)
                (ax, ay) = (ax * c - ay * s, ax * s + ay * c)
            }
            for i in lo..<hi { let v = Int(idx[i]); proj[v] = g.cx[v] * ax + g.cy[v] * ay }
            idx[lo..<hi].sort { proj[Int($0)] < proj[Int($1)] || (proj[Int($0)] == proj[Int($1)] && $0 < $1) }
            let k1 = kk / 2
            let goal = m * Double(k1) / Double(kk)
            var acc = 0.0, split = lo
            while split < hi {
                let w = g.mass[Int(idx[split])]
                if acc + w / 2 > goal { break }
                acc += w; split += 1
            }
            split = max(lo + k1, min(hi - (kk - k1), split))
            stack.append((split, hi, p0 + k1, kk - k1))
            stack.append((lo, split, p0, k1))
        }
        return part
    }

    /// Total mass of `nodes` and the axis of their largest spread (principal eigenvector of the
    /// mass-weighted covariance of their centroids; x or y when the spread is round).
    static func principalAxis<S: Sequence>(_ g: LevelGraph, _ nodes: S) -> (mass: Double, ax: Double, ay: Double)
        where S.Element: BinaryInteger {
        var m = 0.0, mx = 0.0, my = 0.0
        for n in nodes { let v = Int(n); m += g.mass[v]; mx += g.mass[v] * g.cx[v]; my += g.mass[v] * g.cy[v] }
        mx /= m; my /= m
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for n in nodes {
            let v = Int(n); let dx = g.cx[v] - mx, dy = g.cy[v] - my
            sxx += g.mass[v] * dx * dx; sxy += g.mass[v] * dx * dy; syy += g.mass[v] * dy * dy
        }
        let tr = sxx + syy, det = sxx * syy - sxy * sxy
        let l1 = tr / 2 + max(tr * tr / 4 - det, 0).squareRoot()
        var ax = sxy, ay = l1 - sxx
        if abs(ax) + abs(ay) < 1e-12 * (abs(sxx) + abs(syy) + 1e-300) {
            if sxx >= syy { ax = 1; ay = 0 } else { ax = 0; ay = 1 }
        }
        return (m, ax, ay)
    }
}
