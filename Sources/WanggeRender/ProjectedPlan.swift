import WanggeGeometry
import WanggeModel

/// The plan's geometry in the drawing projection (metres), with each district's label point.
struct ProjectedPlan {
    let projection: LocalProjection
    /// Box of all service areas and households, in metres.
    let extent: BoundingBox
    let shapes: [PlanarShape]
    /// Label point per district (metres) and the radius of the empty circle around it inside the area.
    let labelPoints: [(point: Point2, radius: Double)]
    let colouring: DistrictColouring

    init(plan: Plan) throws {
        var xs: [Double] = [], ys: [Double] = []
        for d in plan.districts { for p in d.area.polygons { for r in p.rings { for q in r { xs.append(q.x); ys.append(q.y) } } } }
        for i in 0..<plan.households.count { xs.append(plan.households.lon[i]); ys.append(plan.households.lat[i]) }
        guard let lonLatBox = BoundingBox(xs: xs, ys: ys), xs.allSatisfy(\.isFinite), ys.allSatisfy(\.isFinite) else {
            throw WanggeError.data("the plan has neither service areas nor households to draw")
        }
        let projection = LocalProjection(centredOn: lonLatBox)
        self.projection = projection
        let a = projection.project(lon: lonLatBox.minX, lat: lonLatBox.minY)
        let b = projection.project(lon: lonLatBox.maxX, lat: lonLatBox.maxY)
        extent = BoundingBox(minX: a.x, minY: a.y, maxX: b.x, maxY: b.y)
        let areas = plan.districts.map { d in
            MultiPolygon(d.area.polygons.map { Polygon(rings: $0.rings.map { $0.map(projection.project) }) })
        }
        shapes = areas.map { PlanarShape(rings: $0.polygons.flatMap(\.rings)) }
        let precision = max(extent.maxX - extent.minX, extent.maxY - extent.minY) / 4000
        // Districts without an area: the mean of their households, with half their RMS spread as
        // the label's room.
        var fallback = [(sum: Point2, squares: Double, n: Int)](repeating: (Point2(0, 0), 0, 0), count: plan.districts.count)
        for (i, d) in plan.assignment.enumerated() where d >= 0 && Int(d) < fallback.count && i < plan.households.count
            && plan.districts[Int(d)].area.isEmpty {
            let p = projection.project(lon: plan.households.lon[i], lat: plan.households.lat[i])
            fallback[Int(d)].sum.x += p.x; fallback[Int(d)].sum.y += p.y
            fallback[Int(d)].squares += p.x * p.x + p.y * p.y; fallback[Int(d)].n += 1
        }
        let context = GeometryContext()
        labelPoints = shapes.enumerated().map { d, shape in
            if !shape.isEmpty { return LabelPoint.find(in: areas[d], shape: shape, context: context, precision: precision) }
            let f = fallback[d]
            guard f.n > 0 else { return (Point2(0, 0), 0) }
            let mean = Point2(f.sum.x / Double(f.n), f.sum.y / Double(f.n))
            let variance = max(0, f.squares / Double(f.n) - mean.x * mean.x - mean.y * mean.y)
            return (mean, 0.5 * variance.squareRoot())
        }
        colouring = DistrictColouring(plan: plan)
    }
}

/// Where a district's label goes: the centre of the largest circle inside its area (GEOS
/// MaximumInscribedCircle, in projected metres), else GEOS PointOnSurface, else this module's
/// own pole-of-inaccessibility search when GEOS refuses the geometry (an invalid hand edit).
enum LabelPoint {
    static func find(in area: MultiPolygon, shape: PlanarShape, context: GeometryContext,
                     precision: Double) -> (point: Point2, radius: Double) {
        if let geometry = try? context.multiPolygon(area) {
            if let circle = try? geometry.maximumInscribedCircle(tolerance: precision), circle.radius > 0,
               shape.contains(circle.center) {
                return (circle.center, circle.radius)
            }
            if let p = try? geometry.pointOnSurface(), shape.contains(p) {
                return (p, max(shape.signedDistance(p), 0))
            }
        }
        return shape.poleOfInaccessibility(precision: precision)
    }
}
