// Exact floating-point expansion arithmetic (Shewchuk, "Adaptive Precision Floating-Point Arithmetic
// and Fast Robust Geometric Predicates", 1997). An expansion is a sum of non-overlapping doubles in
// increasing order of magnitude; its sign is the sign of its last (largest) component.
// Only the slow exact fallback of the predicates uses these, so plain arrays are fine.

@inline(__always)
func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let x = a + b
    let bv = x - a
    let av = x - bv
    return (x, (a - av) + (b - bv))
}

@inline(__always)
func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
    let x = a * b
    return (x, (-x).addingProduct(a, b))
}

/// Exact a - b as an expansion.
func expansionDiff(_ a: Double, _ b: Double) -> [Double] {
    let (x, y) = twoSum(a, -b)
    return normalised([y, x])
}

@inline(__always)
private func normalised(_ e: [Double]) -> [Double] { e.filter { $0 != 0 } }

/// e + b (Grow-Expansion with zero elimination).
func grow(_ e: [Double], _ b: Double) -> [Double] {
    var q = b
    var h: [Double] = []
    h.reserveCapacity(e.count + 1)
    for c in e {
        let (s, t) = twoSum(q, c)
        q = s
        if t != 0 { h.append(t) }
    }
    if q != 0 || h.isEmpty { h.append(q) }
    return h.isEmpty ? [0] : h
}

func add(_ e: [Double], _ f: [Double]) -> [Double] {
    var r = e
    for c in f where c != 0 { r = grow(r, c) }
    return normalised(r)
}

func negate(_ e: [Double]) -> [Double] { e.map { -$0 } }

func subtract(_ e: [Double], _ f: [Double]) -> [Double] { add(e, negate(f)) }

/// e × b.
func scale(_ e: [Double], _ b: Double) -> [Double] {
    var r: [Double] = []
    for c in e {
        let (hi, lo) = twoProduct(c, b)
        if lo != 0 { r = grow(r, lo) }
        if hi != 0 { r = grow(r, hi) }
    }
    return normalised(r)
}

/// e × f.
func multiply(_ e: [Double], _ f: [Double]) -> [Double] {
    var r: [Double] = []
    for c in f where c != 0 { r = add(r, scale(e, c)) }
    return r
}

/// The sign of an expansion: -1, 0 or 1.
func sign(_ e: [Double]) -> Int {
    guard let last = e.last(where: { $0 != 0 }) else { return 0 }
    return last > 0 ? 1 : -1
}
