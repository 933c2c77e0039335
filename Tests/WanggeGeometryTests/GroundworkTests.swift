import Testing
import PropertyBased
import WanggeModel
import WanggeGraph
@testable import WanggeGeometry

/// `ServiceAreas.groundwork` (built on another thread, as the partition pipeline does while the
/// partitioner runs) followed by `build(…, groundwork:)` is `build` in one go: the same districts,
/// the same method and the same errors.
@Suite("Service-area groundwork")
struct GroundworkTests {
    @Test func groundworkOnAnotherThreadGivesTheSameAreas() async throws {
        await propertyCheck(count: 12, input: Gen.int(in: 3...250), Gen.int(in: 1...8), Gen.int(in: 0...1_000_000)) { n, k, seed in
            let sites = randomSites(n, side: 1000, seed: UInt64(seed))
            let k = min(k, n)
            let district = nearestCentreDistricts(sites, k: k, seed: UInt64(seed))
            let clip = box(-1, -1, 1001, 1001)
            // A lake inside the box that no district owns (no site is in it) and a wall across the box.
            let lake = Polygon(rings: [[Point2(1000.1, 480), Point2(1000.9, 480), Point2(1000.9, 520), Point2(1000.1, 520), Point2(1000.1, 480)]])
            let wall: [Point2] = [Point2(-10, 500.5), Point2(1010, 500.5)]
            for barriers in [Barriers(), Barriers(lines: [wall], polygons: [lake])] {
                let delaunay = Delaunay(x: sites.map(\.x), y: sites.map(\.y))
                let direct = try ServiceAreas.build(sites: sites, siteDistrict: district, k: k, clip: clip,
                                                    triangles: delaunay.triangles, halfedges: delaunay.halfedges,
                                                    barriers: barriers)
                let job = BackgroundJob {
                    Result { try ServiceAreas.groundwork(sites: sites, clip: clip, triangles: delaunay.triangles,
                                                         halfedges: delaunay.halfedges, barriers: barriers) }
                }
                let staged = try ServiceAreas.build(sites: sites, siteDistrict: district, k: k,
                                                    groundwork: job.value.get(), barriers: barriers)
                #expect(staged.districts == direct.districts)
                #expect(staged.method == direct.method && staged.multipart == direct.multipart)
                #expect(staged.clipArea == direct.clipArea && staged.districtAreaSum == direct.districtAreaSum)
            }
        }
    }

    @Test func groundworkReportsWhatBuildReports() throws {
        // A site outside the clip region, and an invalid clip: the same typed errors as `build`.
        let sites = [Point2(1, 1), Point2(5, 5), Point2(50, 50)]
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as WanggeError { return "\(e.status) \(e.message)" } catch { return "\(error)" }
        }
        let bowtie = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(60, 60), Point2(60, 0), Point2(0, 60), Point2(0, 0)]])])
        for clip in [box(0, 0, 10, 10), bowtie] {
            let direct = message { _ = try ServiceAreas.build(sites: sites, siteDistrict: [0, 1, 1], k: 2, clip: clip) }
            let staged = message { _ = try ServiceAreas.groundwork(sites: sites, clip: clip) }
            #expect(direct != nil && staged == direct)
        }
        // Triangles that are not Delaunay are no error of the groundwork: the build falls back to
        // GEOS's Voronoi cells and says why, as `build` does.
        let quad = [Point2(0, 0), Point2(10, -1), Point2(20, 0), Point2(10, 1)]
        let wrong: [Int32] = [0, 1, 2, 0, 2, 3]
        let clip = box(-5, -5, 25, 5)
        let direct = try ServiceAreas.build(sites: quad, siteDistrict: [0, 1, 0, 1], k: 2, clip: clip, triangles: wrong)
        let staged = try ServiceAreas.build(sites: quad, siteDistrict: [0, 1, 0, 1], k: 2,
                                            groundwork: ServiceAreas.groundwork(sites: quad, clip: clip, triangles: wrong))
        #expect(staged.method == "GEOS Voronoi" && staged.dualFailure == direct.dualFailure && staged.districts == direct.districts)
    }
}
