import WanggeModel

/// Every figure of DESIGN section 6 for one district.
public struct DistrictFigures: Sendable, Equatable {
    public var id: String
    /// The label's name, "" without labels.
    public var name: String
    public var households: Int
    public var members: Int
    public var load: Double
    /// (L − T) / T.
    public var deviation: Double
    /// Connected pieces in the neighbour graph (1 = contiguous); nil without a graph.
    public var components: Int?
    /// Shape figures; nil without service areas.
    public var shape: ShapeMeasures?
    /// Σ w·d² to the weighted centroid, m² × load unit.
    public var dispersion: Double
    /// The service point (medoid household index), −1 for an empty district, and its id.
    public var servicePoint: Int
    public var servicePointId: String?
    /// Mean (over households) and max distance to the service point, m.
    public var meanServiceDistance: Double
    public var maxServiceDistance: Double

    public var polsbyPopper: Double? { shape?.polsbyPopper }
    public var reock: Double? { shape?.reock }
    public var hullRatio: Double? { shape?.hullRatio }
}

/// The plan-wide figures.
public struct PlanFigures: Sendable, Equatable {
    public var households: Int
    public var members: Int
    public var districts: Int
    /// The balance rule ("households", "members" or a property name).
    public var balance: String
    public var totalLoad: Double
    /// T = total / k.
    public var target: Double
    public var tolerance: Double
    public var maxAbsDeviation: Double
    public var deviationRange: Double
    public var loadCV: Double
    /// Districts with |deviation| ≤ tolerance (+1e-12).
    public var withinTolerance: Int
    /// Ids of districts not connected in the neighbour graph (nil without a graph).
    public var noncontiguous: [String]?
    /// Ids of districts whose service area is not exactly one polygon (nil without areas).
    public var multipart: [String]?
    /// Unweighted mean and minimum over districts with a service area.
    public var polsbyPopperMean: Double?, polsbyPopperMin: Double?
    public var reockMean: Double?, reockMin: Double?
    public var hullRatioMean: Double?, hullRatioMin: Double?
    /// Σ over districts of the district dispersion.
    public var dispersion: Double
    /// Over all households.
    public var meanServiceDistance: Double
    public var maxServiceDistance: Double
    public var groups: Int
    public var groupsSplit: Int
    public var villages: Int
    public var villagesSplit: Int
    /// DRA-style split score of villages (1 = none split; nil without villages).
    public var villageSplitScore: Double?
    public var relations: Int
    public var relationWeight: Double
    public var relationWeightCut: Double
    /// cut / total relation weight; nil without relations.
    public var relationCutFraction: Double?
    public var graphEdges: Int?
    public var cutEdges: Int?
    public var cutEdgeFraction: Double?
}

/// The quality report of a plan: ONE implementation of every figure, used by `wangge report`,
/// `wangge compare`, the partition summary and `make demo`.
public struct PlanReport: Sendable, Equatable {
    public var plan: PlanFigures
    public var districts: [DistrictFigures]
    /// Only with a previous plan.
    public var stability: StabilityFigures?
    /// Only with `--ensemble`: each figure's place among an ensemble's plans (`place(among:)`).
    public var ensemble: [EnsemblePlacement]? = nil

    /// Scores `plan`.
    /// - Parameters:
    ///   - x, y: household coordinates in the metric CRS (metres), in plan order.
    ///   - areas: each district's service area in the metric CRS, in `plan.districts` order (nil:
    ///     no shape figures).
    ///   - graph: the neighbour graph (nil: no contiguity or cut-edge figures).
    ///   - relations: relation pairs by household index of `plan`.
    ///   - previous: the previous plan, for stability (households matched by id).
    ///   - geometry: hull and enclosing-circle provider (nil: GEOS).
    ///   - cancellation: checked between districts and between the passes over the households; a
    ///     cancelled run throws `CancellationError`.
    /// - Throws: `WanggeError(.software)` when GEOS fails on a service area; `CancellationError`.
    public static func compute(plan: Plan, x: [Double], y: [Double], areas: [MultiPolygon]? = nil,
                               graph: NeighbourAdjacency? = nil, relations: RelationTable? = nil,
                               previous: Plan? = nil,
                               geometry: (any ShapeGeometry)? = nil,
                               cancellation: Cancellation = .never) throws -> PlanReport {
        let n = plan.households.count
        precondition(x.count == n && y.count == n && plan.assignment.count == n, "one coordinate per household")
        precondition(areas == nil || areas!.count == plan.districts.count, "one service area per district")
        let shapes = try areas.map { try Self.shapes(of: $0, geometry: geometry, cancellation: cancellation) }
        var report = try withoutShapes(plan: plan, x: x, y: y, graph: graph, relations: relations, previous: previous,
                                       cancellation: cancellation)
        if let shapes { report.attach(shapes: shapes) }
        return report
    }

    /// The shape figures of each district's service area (metric CRS), in district order: GEOS on
    /// all cores, or `geometry` when given. What `compute` adds to a plan's figures with `areas`.
    public static func shapes(of list: [MultiPolygon], geometry: (any ShapeGeometry)? = nil,
                              cancellation: Cancellation = .never) throws -> [ShapeMeasures] {
        if let geometry { return try list.map { try ShapeMeasures.of($0, geometry: geometry) } }
        // GEOS on all cores: one context per chunk of districts, results in district order.
        let chunks = min(list.count, 16)
        let parts = parallelMap(chunks) { c -> Result<[ShapeMeasures], WanggeError> in
            let g = GEOSShapeGeometry()
            let range = (c * list.count / chunks)..<((c + 1) * list.count / chunks)
            // A cancelled run stops measuring (the check below then throws).
            do {
                var measured: [ShapeMeasures] = []
                measured.reserveCapacity(range.count)
                for d in range {
                    if cancellation.isCancelled { break }
                    measured.append(try ShapeMeasures.of(list[d], geometry: g))
                }
                return .success(measured)
            } catch let e as WanggeError {
                return .failure(e)
            } catch {
                return .failure(WanggeError(.software, "shape measures: \(error)"))
            }
        }
        let measured = try parts.flatMap { try $0.get() }
        try cancellation.check()
        return measured
    }

    /// The report with each district's shape figures (`shapes(of:)`, district order) and the
    /// plan-wide figures made of them: what `compute` gives with the service areas.
    public mutating func attach(shapes: [ShapeMeasures]) {
        precondition(shapes.count == districts.count, "one shape per district")
        for d in districts.indices { districts[d].shape = shapes[d] }
        func meanMin(_ values: [Double?]) -> (Double?, Double?) {
            let v = values.compactMap { $0 }
            return v.isEmpty ? (nil, nil) : (v.reduce(0, +) / Double(v.count), v.min())
        }
        plan.multipart = districts.filter { $0.shape?.polygonCount != 1 }.map(\.id)
        (plan.polsbyPopperMean, plan.polsbyPopperMin) = meanMin(districts.map(\.polsbyPopper))
        (plan.reockMean, plan.reockMin) = meanMin(districts.map(\.reock))
        (plan.hullRatioMean, plan.hullRatioMin) = meanMin(districts.map(\.hullRatio))
    }

    /// `compute` without service areas: every figure but the shape ones (which `attach(shapes:)`
    /// adds), so it can run before the areas exist.
    public static func withoutShapes(plan: Plan, x: [Double], y: [Double], graph: NeighbourAdjacency?,
                                     relations: RelationTable?, previous: Plan?,
                                     cancellation: Cancellation) throws -> PlanReport {
        let hh = plan.households
        let n = hh.count, k = plan.districts.count
        precondition(x.count == n && y.count == n && plan.assignment.count == n, "one coordinate per household")
        let loads = hh.loads
        let members = DistrictMembers(assignment: plan.assignment, districtCount: k)
        let balance = BalanceMetrics.figures(
            districtLoads: BalanceMetrics.districtLoads(assignment: plan.assignment, loads: loads, districtCount: k))
        try cancellation.check()
        let components = graph.map { ContiguityMetrics.componentCounts(assignment: plan.assignment, districtCount: k, graph: $0) }
        try cancellation.check()

        var districts: [DistrictFigures] = []
        districts.reserveCapacity(k)
        var sumDistance = 0.0, maxDistance = 0.0, dispersion = 0.0
        for d in 0..<k {
            if d & 63 == 63 { try cancellation.check() }
            let m = members.members(of: d)
            let given = Int(plan.districts[d].servicePoint)
            let sp: Int
            if given >= 0 && given < n && Int(plan.assignment[given]) == d { sp = given }
            else { sp = Medoid.medoid(m, x: x, y: y, weights: loads) ?? -1 }
            let dist = sp >= 0 ? DispersionMetrics.serviceDistances(m, point: sp, x: x, y: y) : (mean: 0, max: 0)
            sumDistance += dist.mean * Double(m.count); maxDistance = max(maxDistance, dist.max)
            let disp = DispersionMetrics.dispersion(m, x: x, y: y, weights: loads)
            dispersion += disp
            var people = 0
            for h in m { people += Int(hh.members[Int(h)]) }
            districts.append(DistrictFigures(
                id: plan.districts[d].id, name: plan.districts[d].label?.name ?? "",
                households: m.count, members: people, load: balance.loads[d], deviation: balance.deviations[d],
                components: components?[d], shape: nil,
                dispersion: disp, servicePoint: sp, servicePointId: sp >= 0 ? hh.ids[sp] : nil,
                meanServiceDistance: dist.mean, maxServiceDistance: dist.max))
        }

        try cancellation.check()
        let groupShares = CohesionMetrics.unitShares(unit: hh.group, unitCount: hh.groupNames.count,
                                                     assignment: plan.assignment, weights: loads, districtCount: k)
        let villageShares = CohesionMetrics.unitShares(unit: hh.village, unitCount: hh.villageNames.count,
                                                       assignment: plan.assignment, weights: loads, districtCount: k)
        try cancellation.check()
        let rel = relations.map { CohesionMetrics.relationCut($0, assignment: plan.assignment) }
        let cut = graph.map { ContiguityMetrics.cutEdges(assignment: plan.assignment, graph: $0) }
        try cancellation.check()

        let figures = PlanFigures(
            households: n, members: hh.totalMembers, districts: k, balance: plan.metadata.balance,
            totalLoad: balance.loads.reduce(0, +), target: balance.target, tolerance: plan.metadata.tolerance,
            maxAbsDeviation: balance.maxAbsDeviation, deviationRange: balance.range,
            loadCV: balance.coefficientOfVariation,
            withinTolerance: balance.deviations.filter { abs($0) <= plan.metadata.tolerance + 1e-12 }.count,
            noncontiguous: components.map { c in (0..<k).filter { c[$0] > 1 }.map { plan.districts[$0].id } },
            multipart: nil, polsbyPopperMean: nil, polsbyPopperMin: nil, reockMean: nil, reockMin: nil,
            hullRatioMean: nil, hullRatioMin: nil,
            dispersion: dispersion,
            meanServiceDistance: n > 0 ? sumDistance / Double(n) : 0, maxServiceDistance: maxDistance,
            groups: groupShares.filter { !$0.isEmpty }.count,
            groupsSplit: CohesionMetrics.splitUnits(groupShares).count,
            villages: villageShares.filter { !$0.isEmpty }.count,
            villagesSplit: CohesionMetrics.splitUnits(villageShares).count,
            villageSplitScore: CohesionMetrics.splitScore(villageShares),
            relations: relations?.count ?? 0, relationWeight: rel?.total ?? 0, relationWeightCut: rel?.cut ?? 0,
            relationCutFraction: rel.flatMap { $0.total > 0 ? $0.cut / $0.total : nil },
            graphEdges: cut?.total, cutEdges: cut?.cut,
            cutEdgeFraction: cut.flatMap { $0.total > 0 ? Double($0.cut) / Double($0.total) : nil })
        return PlanReport(plan: figures, districts: districts,
                          stability: previous.map { StabilityMetrics.figures(plan: plan, previous: $0) })
    }
}
