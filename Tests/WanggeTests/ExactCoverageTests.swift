import Testing
import Foundation
import Wangge

/// Issue 13, item 4: the service areas as written (WGS84, 7 decimals) are an exact coverage —
/// valid, no overlaps, no gaps, union = the region the districts tile, every household inside its
/// own district (at its written coordinates).
enum ExactCoverage {
    /// The written districts against `region` (WGS84), asserting the coverage rules; returns the
    /// check for figures.
    @discardableResult
    static func expectExact(_ plan: Plan, region: MultiPolygon,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CoverageCheck {
        let areas = plan.districts.map(\.area)
        let check = try CoverageCheck.measure(areas, region: region)
        #expect(check.invalid.isEmpty, "invalid districts: \(check.invalid.prefix(5))", sourceLocation: sourceLocation)
        #expect(check.overlaps.isEmpty, "overlaps: \(check.overlaps.prefix(5))", sourceLocation: sourceLocation)
        #expect(check.pairsTested >= plan.districts.count - 1, sourceLocation: sourceLocation)
        // No gaps: the union has no holes the region lacks, and its area is the region's.
        let regionHoles = region.polygons.reduce(0) { $0 + max(0, $1.rings.count - 1) }
        #expect(check.unionHoles == regionHoles, "union holes \(check.unionHoles)", sourceLocation: sourceLocation)
        #expect(check.unionPolygons == region.polygons.count, sourceLocation: sourceLocation)
        // Union = region up to the rounding of the region's own outline: a vertex moves by at most
        // half a grid cell's diagonal, so the two outlines enclose at most perimeter × that.
        let context = GeometryContext()
        let perimeter = try context.multiPolygon(region).length()
        let outlineBound = perimeter * 0.5 * 2.0.squareRoot() * 1e-7
        #expect(check.differenceFromRegion <= outlineBound,
                "union vs region: \(check.differenceFromRegion) deg² apart, bound \(outlineBound)", sourceLocation: sourceLocation)
        #expect(abs(check.unionArea - check.regionArea) <= outlineBound, sourceLocation: sourceLocation)
        #expect(abs(check.districtAreaSum - check.unionArea) <= 1e-12 * check.unionArea,
                "district areas sum to more than the union: overlaps", sourceLocation: sourceLocation)
        // Each household (at its 7-decimal written position) inside its own district.
        let prepared = try areas.map { try PreparedGeometry(context.multiPolygon($0)) }
        let h = plan.households
        var outside: [String] = []
        for i in 0..<h.count {
            let lon = (h.lon[i] * 1e7).rounded() / 1e7, lat = (h.lat[i] * 1e7).rounded() / 1e7
            if try !prepared[Int(plan.assignment[i])].covers(x: lon, y: lat) { outside.append(h.ids[i]) }
        }
        #expect(outside.isEmpty, "households outside their district: \(outside.prefix(10))", sourceLocation: sourceLocation)
        return check
    }

    /// The region the metric areas tile (their union), unprojected to WGS84.
    static func region(_ result: PipelineResult, _ inputs: Inputs) throws -> MultiPolygon {
        let context = GeometryContext()
        let union = try context.collection(result.areasMetric.map { try context.multiPolygon($0) }).unaryUnion()
        return try Projector(crs: inputs.crs).unproject(union.toMultiPolygon())
    }
}

@Suite struct ExactCoverageTests {
    /// The sample (k = 21, boundary and river): before noding, rounding left 3 slivers and an
    /// overlap where one side of a border had a vertex the other lacked.
    @Test func sampleServiceAreasAreAnExactCoverageOfTheBoundary() throws {
        let (inputs, result) = try SamplePipelineTests.run.get()
        let check = try ExactCoverage.expectExact(result.plan, region: inputs.boundary!)
        // The boundary's own vertices have 6 decimals and stay put; only the points where
        // district borders meet it are rounded off its edges (measured 4.3e-9 relative).
        #expect(abs(check.unionArea - check.regionArea) <= 1e-8 * check.regionArea)
        // Neighbours share identical vertices: adjacency by shared vertices equals GEOS's.
        let fast = try DistrictColoring.adjacency(result.plan.districts.map(\.area)).map { [$0.0, $0.1] }
        #expect(fast == (try DistrictColoring.adjacencyByOverlay(result.plan.districts.map(\.area))).map { [$0.0, $0.1] })
    }

    /// London MSOAs (no boundary: the default region), k = 73.
    @Test func londonServiceAreasAreAnExactCoverage() throws {
        let (inputs, result) = try LondonTests.run(k: 73, nest: false)
        try ExactCoverage.expectExact(result.plan, region: try ExactCoverage.region(result, inputs))
    }
}
