import Testing
import WanggeModel
@testable import WanggeGeometry

@Suite("GEOS wrapper")
struct GeometryWrapperTests {
    @Test func squareMeasuresAndRoundTrip() throws {
        let context = GeometryContext()
        let square = Polygon(rings: [[Point2(0, 0), Point2(10, 0), Point2(10, 10), Point2(0, 10), Point2(0, 0)]])
        let g = try context.polygon(square)
        #expect(try g.area() == 100)
        #expect(try g.length() == 40)
        #expect(try g.isValid())
        #expect(try g.validityReason() == "Valid Geometry")
        #expect(try g.toPolygon() == square)
        #expect(try g.centroid() == Point2(5, 5))
        let circle = try g.minimumBoundingCircle()
        #expect(abs(circle.radius - 50.0.squareRoot()) < 1e-9)
        #expect(abs(circle.center.x - 5) < 1e-9 && abs(circle.center.y - 5) < 1e-9)
        let inscribed = try g.maximumInscribedCircle(tolerance: 0.01)
        #expect(abs(inscribed.center.x - 5) < 0.02 && abs(inscribed.center.y - 5) < 0.02)
        #expect(abs(inscribed.radius - 5) < 0.02)
        let inside = try g.pointOnSurface()
        #expect(inside.x > 0 && inside.x < 10 && inside.y > 0 && inside.y < 10)
        let wkb = try g.wkb()
        let back = try GeometryContext().geometry(wkb: wkb)
        #expect(try back.toPolygon() == square)
    }

    @Test func polygonWithHoleKeepsRingsAndArea() throws {
        let context = GeometryContext()
        let g = try context.geometry(wkt: "POLYGON((0 0, 8 0, 8 8, 0 8, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(try g.area() == 60)
        let polygon = try g.toPolygon()
        #expect(polygon.rings.count == 2)
        let oriented = polygon.orientedRFC7946()
        #expect(Polygon.signedDoubleArea(oriented.rings[0]) > 0)
        #expect(Polygon.signedDoubleArea(oriented.rings[1]) < 0)
        #expect(try context.polygon(oriented).area() == 60)
    }

    @Test func invalidWKTIsADataErrorWithGEOSMessage() throws {
        let context = GeometryContext()
        do {
            _ = try context.geometry(wkt: "POLYGON((0 0, 1 0, 1 1")
            Issue.record("malformed WKT was accepted")
        } catch let error as WanggeError {
            #expect(error.status == .dataError)
            #expect(error.message.contains("WKT read"))
            #expect(error.message.contains("ParseException"), "GEOS's message is carried: \(error.message)")
        }
    }

    @Test func tooShortRingIsReportedInvalid() throws {
        let context = GeometryContext()
        // GEOS 3.11 builds a 3-point closed ring but validity names the problem.
        let g = try context.polygon(Polygon(rings: [[Point2(0, 0), Point2(1, 1), Point2(0, 0)]]))
        #expect(try !g.isValid())
        #expect(try g.validityReason().contains("Too few points"))
    }

    @Test func failedOperationThrowsSoftwareErrorWithGEOSMessage() throws {
        let context = GeometryContext()
        let line = try context.lineString([Point2(0, 0), Point2(1, 1)])
        do {
            _ = try line.maximumInscribedCircle(tolerance: 0.1)
            Issue.record("maximum inscribed circle of a line was accepted")
        } catch let error as WanggeError {
            #expect(error.status == .software)
            #expect(error.message.contains("maximum inscribed circle"))
            #expect(!error.message.contains("no message"), "\(error.message)")
        }
    }

    @Test func bowtieIsInvalidAndMakeValidRepairsIt() throws {
        let context = GeometryContext()
        let bowtie = try context.geometry(wkt: "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))")
        #expect(try !bowtie.isValid())
        let reason = try bowtie.validityReason()
        #expect(reason.contains("Self-intersection"), "reason: \(reason)")
        let fixed = try bowtie.makeValid()
        #expect(try fixed.isValid())
        #expect(fixed.numPolygons == 2)
        #expect(abs(try fixed.area() - 2) < 1e-12)
    }

    @Test func overlayOperations() throws {
        let context = GeometryContext()
        let a = try context.geometry(wkt: "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))")
        let b = try context.geometry(wkt: "POLYGON((1 0, 3 0, 3 2, 1 2, 1 0))")
        #expect(try a.intersection(b).area() == 2)
        #expect(try a.union(b).area() == 6)
        #expect(try a.difference(b).area() == 2)
        #expect(try a.symmetricDifference(b).area() == 4)
        let both = try context.collection([a, b])
        #expect(try both.unaryUnion().area() == 6)
        #expect(try both.convexHull().area() == 6)
        let touching = try context.geometry(wkt: "GEOMETRYCOLLECTION(POLYGON((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON((1 0, 2 0, 2 1, 1 1, 1 0)))")
        let merged = try touching.coverageUnion()
        #expect(merged.numPolygons == 1)
        #expect(try merged.area() == 2)
        #expect(abs(try a.buffer(1).area() - (4 + 8 + Double.pi)) < 0.05)
    }

    @Test func preparedPointQueries() throws {
        let context = GeometryContext()
        let g = try context.geometry(wkt: "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 3, 3 3, 3 1, 1 1))")
        let prepared = try PreparedGeometry(g)
        #expect(try prepared.contains(x: 0.5, y: 0.5))
        #expect(try !prepared.contains(x: 2, y: 2))
        #expect(try !prepared.contains(x: 0, y: 2))
        #expect(try prepared.covers(x: 0, y: 2))
        #expect(try prepared.intersects(x: 4, y: 4))
        #expect(try !prepared.intersects(x: 5, y: 5))
    }

    @Test func setPrecisionSnapsToTheGrid() throws {
        let context = GeometryContext()
        let g = try context.geometry(wkt: "POLYGON((0.04 0.01, 10.02 0, 10 9.97, 0 10.03, 0.04 0.01))")
        let snapped = try g.setPrecision(0.1)
        #expect(try snapped.isValid())
        for p in try snapped.toPolygon().exterior {
            #expect(abs(p.x * 10 - (p.x * 10).rounded()) < 1e-9)
            #expect(abs(p.y * 10 - (p.y * 10).rounded()) < 1e-9)
        }
        #expect(try snapped.normalized().equalsExact(try context.geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))").normalized()))
    }

    @Test func manyGeometriesAndContextsAreFreed() throws {
        // Creates and drops many contexts and geometries; run under a leak checker this stays flat,
        // and here it at least exercises every deinit path (geometry, prepared, context).
        for round in 0..<200 {
            let context = GeometryContext()
            let points = (0..<50).map { Point2(Double($0), Double(($0 * 7 + round) % 13)) }
            let multi = try context.multiPoint(points)
            let hull = try multi.convexHull()
            let prepared = try PreparedGeometry(hull)
            #expect(try prepared.covers(x: points[3].x, y: points[3].y))
            #expect(multi.numGeometries == 50)
        }
    }

    @Test func errorHandlerCapturesGEOSMessage() throws {
        let context = GeometryContext()
        _ = try? context.geometry(wkt: "LINESTRING(0 0)")
        // A failed read leaves GEOS's message in the thrown error, and the context's slot is reset.
        do {
            _ = try context.geometry(wkt: "NOT WKT")
            Issue.record("accepted junk")
        } catch let error as WanggeError {
            #expect(error.message.count > "GEOS WKT read failed: ".count)
            #expect(!error.message.contains("no message"))
        }
    }
}
