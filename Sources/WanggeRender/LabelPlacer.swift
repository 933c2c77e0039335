import WanggeModel

/// Places district labels: each at its district's label point, sized to the empty circle there,
/// without overlapping labels placed before it. Small districts go first (they have the fewest
/// choices); a label that collides tries a smaller size, then other well-inside points of its
/// district, and is drawn at the label point, marked `collides`, only when nothing else works.
struct LabelPlacer {
    let layout: PosterLayout
    let geo: ProjectedPlan
    let measure: TextMeasure
    let typeScale: Double

    /// Name line size relative to the number line.
    static let nameRatio = 0.8

    func place() -> [PlacedLabel] {
        let s = typeScale
        let maxSize = 24 * s, minSize = max(5.5, 8.5 * s)
        let gap = 2 * s
        let frame = layout.mapFrame.insetBy(2 * s)
        let k = layout.pointsPerMetre
        let districts = layout.legendRows
        let order = districts.indices.sorted {
            let a = geo.labelPoints[$0].radius, b = geo.labelPoints[$1].radius
            return a != b ? a < b : $0 < $1
        }
        var placed: [PageRect] = []
        var result = [PlacedLabel?](repeating: nil, count: districts.count)
        for d in order {
            let number = districts[d].id, name = districts[d].name
            // Box at 10 pt, centred on the anchor.
            let n10 = measure.size(number, size: 10, bold: true)
            let m10 = name.isEmpty ? (width: 0.0, height: 0.0) : measure.size(name, size: 10 * Self.nameRatio)
            let w10 = max(n10.width, m10.width), h10 = n10.height + m10.height
            let halfDiagonal10 = 0.5 * (w10 * w10 + h10 * h10).squareRoot()
            func fitting(_ radiusPoints: Double) -> Double { 10 * 0.95 * radiusPoints / halfDiagonal10 }
            func box(_ c: Point2, _ f: Double) -> PageRect {
                let w = w10 * f / 10, h = h10 * f / 10
                return PageRect(x: c.x - w / 2, y: c.y - h / 2, width: w, height: h)
            }
            func free(_ r: PageRect) -> Bool {
                frame.contains(r) && !placed.contains { $0.intersects(r.insetBy(-gap)) }
            }
            let main = geo.labelPoints[d]
            var anchors: [(point: Point2, radius: Double)] = [main]
            var alternativesAdded = false
            // Sizes in quarter points: few distinct sizes, few font lookups (fontconfig is slow).
            func quantised(_ f: Double) -> Double { max(minSize, (f * 4).rounded(.down) / 4) }
            let f0 = quantised(min(max(fitting(main.radius * k), minSize), maxSize))
            var sizes: [Double] = []
            var f = f0
            while f > minSize { sizes.append(f); f = quantised(f * 0.85) }
            sizes.append(minSize)

            var chosen: (Point2, Double, Double, Bool)?
            search: for size in sizes {
                if (size < f0 || size == minSize) && !alternativesAdded {
                    // Before shrinking, try the other well-inside points at the full size.
                    anchors += geo.shapes[d].alternativeAnchors(count: 10)
                    alternativesAdded = true
                    for a in anchors.dropFirst() {
                        let c = layout.pagePoint(metres: a.point)
                        if fitting(a.radius * k) >= f0, free(box(c, f0)) { chosen = (a.point, f0, a.radius, false); break search }
                    }
                }
                for a in anchors {
                    let c = layout.pagePoint(metres: a.point)
                    let r = box(c, size)
                    if (fitting(a.radius * k) >= size || size == minSize), free(r) {
                        chosen = (a.point, size, a.radius, false); break search
                    }
                }
            }
            let (point, size, radius, collides) = chosen ?? (main.point, minSize, main.radius, true)
            let c = layout.pagePoint(metres: point)
            let r = box(c, size)
            placed.append(r)
            result[d] = PlacedLabel(district: d, number: number, name: name, anchor: c,
                                    lonLat: layout.projection.unproject(point), box: r, fontSize: size,
                                    clearance: radius * k, collides: collides)
        }
        return result.compactMap { $0 }
    }
}
