// Robust geometric predicates: a floating-point filter with Shewchuk's error bounds, and an exact
// expansion-arithmetic fallback when the filter cannot decide. The sign of the result is always exact.

private let epsilon = 0x1p-53
private let ccwErrBoundA = (3.0 + 16.0 * epsilon) * epsilon
private let iccErrBoundA = (10.0 + 96.0 * epsilon) * epsilon

/// Twice the signed area of triangle abc: positive when a, b, c turn counter-clockwise (x right,
/// y up), negative when clockwise, zero when collinear. The sign is exact; the magnitude approximate.
@inline(__always)
public func orient2d(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                     _ cx: Double, _ cy: Double) -> Double {
    let detLeft = (ax - cx) * (by - cy)
    let detRight = (ay - cy) * (bx - cx)
    let det = detLeft - detRight
    let detSum: Double
    if detLeft > 0 {
        if detRight <= 0 { return det }
        detSum = detLeft + detRight
    } else if detLeft < 0 {
        if detRight >= 0 { return det }
        detSum = -detLeft - detRight
    } else {
        return det
    }
    let bound = ccwErrBoundA * detSum
    if det >= bound || -det >= bound { return det }
    if let sign = orient2dExactDifferencesSign(ax, ay, bx, by, cx, cy) { return Double(sign) }
    return Double(orient2dExactSign(ax, ay, bx, by, cx, cy))
}

@inline(never)
func orient2dExactSign(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                       _ cx: Double, _ cy: Double) -> Int {
    let acx = expansionDiff(ax, cx), bcy = expansionDiff(by, cy)
    let acy = expansionDiff(ay, cy), bcx = expansionDiff(bx, cx)
    return sign(subtract(multiply(acx, bcy), multiply(acy, bcx)))
}

/// Positive when d lies strictly inside the circle through a, b, c (taken counter-clockwise), negative
/// when outside, zero when the four points are cocircular. The sign is exact.
@inline(__always)
public func incircle(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                     _ cx: Double, _ cy: Double, _ dx: Double, _ dy: Double) -> Double {
    let adx = ax - dx, ady = ay - dy
    let bdx = bx - dx, bdy = by - dy
    let cdx = cx - dx, cdy = cy - dy
    let bdxcdy = bdx * cdy, cdxbdy = cdx * bdy
    let alift = adx * adx + ady * ady
    let cdxady = cdx * ady, adxcdy = adx * cdy
    let blift = bdx * bdx + bdy * bdy
    let adxbdy = adx * bdy, bdxady = bdx * ady
    let clift = cdx * cdx + cdy * cdy
    let det = alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady)
    let permanent = (abs(bdxcdy) + abs(cdxbdy)) * alift + (abs(cdxady) + abs(adxcdy)) * blift
        + (abs(adxbdy) + abs(bdxady)) * clift
    let bound = iccErrBoundA * permanent
    if det > bound || -det > bound { return det }
    if let sign = incircleExactDifferencesSign(ax, ay, bx, by, cx, cy, dx, dy) { return Double(sign) }
    return Double(incircleExactSign(ax, ay, bx, by, cx, cy, dx, dy))
}

@inline(never)
func incircleExactSign(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                       _ cx: Double, _ cy: Double, _ dx: Double, _ dy: Double) -> Int {
    let adx = expansionDiff(ax, dx), ady = expansionDiff(ay, dy)
    let bdx = expansionDiff(bx, dx), bdy = expansionDiff(by, dy)
    let cdx = expansionDiff(cx, dx), cdy = expansionDiff(cy, dy)
    let alift = add(multiply(adx, adx), multiply(ady, ady))
    let blift = add(multiply(bdx, bdx), multiply(bdy, bdy))
    let clift = add(multiply(cdx, cdx), multiply(cdy, cdy))
    let bc = subtract(multiply(bdx, cdy), multiply(cdx, bdy))
    let ca = subtract(multiply(cdx, ady), multiply(adx, cdy))
    let ab = subtract(multiply(adx, bdy), multiply(bdx, ady))
    let det = add(add(multiply(alift, bc), multiply(blift, ca)), multiply(clift, ab))
    return sign(det)
}
