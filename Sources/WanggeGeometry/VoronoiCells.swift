import CGEOS
import WanggeModel

/// The Voronoi cells of a set of distinct sites, computed by GEOS inside an envelope larger than
/// the clip region, with each site's cell found again (GEOS 3.11 returns cells in its own order).
struct VoronoiCells {
    let diagram: Geometry
    /// The cell (part index of `diagram`) of each site; nil for a site coincident with another
    /// of the same district (which owns the cell).
    let cellOfSite: [Int32?]
    let context: GeometryContext

    init(sites: [Point2], clip: Geometry, context: GeometryContext, lap: (String) -> Void) throws {
        self.context = context
        let handle = context.handle
        let siteBox = BoundingBox(xs: sites.map(\.x), ys: sites.map(\.y))!
        let clipBox = try clip.bounds() ?? siteBox
        let minX = min(siteBox.minX, clipBox.minX), maxX = max(siteBox.maxX, clipBox.maxX)
        let minY = min(siteBox.minY, clipBox.minY), maxY = max(siteBox.maxY, clipBox.maxY)
        let margin = max(maxX - minX, maxY - minY, 1)
        let envelope = try context.polygon(Polygon(rings: [[
            Point2(minX - margin, minY - margin), Point2(maxX + margin, minY - margin),
            Point2(maxX + margin, maxY + margin), Point2(minX - margin, maxY + margin),
            Point2(minX - margin, minY - margin),
        ]]))

        if sites.count == 1 {
            diagram = try context.collection([envelope])
            cellOfSite = [0]
            lap("voronoi")
            return
        }
        let points = try context.multiPoint(sites)
        diagram = try points.voronoiDiagram(envelope: envelope)
        lap("voronoi")

        // A cell is convex and its vertex average lies inside it, so the site nearest to that
        // average is the cell's own site.
        let grid = SiteGrid(sites)
        let cellCount = diagram.numGeometries
        var cellOfSite = [Int32?](repeating: nil, count: sites.count)
        var conflicts: [Int] = []
        var buffer = [Double](repeating: 0, count: 64)
        for c in 0..<cellCount {
            guard let cell = GEOSGetGeometryN_r(handle, diagram.pointer, Int32(c)),
                  let shell = GEOSGetExteriorRing_r(handle, cell),
                  let seq = GEOSGeom_getCoordSeq_r(handle, shell) else { throw context.failure("Voronoi cell \(c)") }
            var size: UInt32 = 0
            guard GEOSCoordSeq_getSize_r(handle, seq, &size) == 1, size >= 4 else {
                throw context.failure("Voronoi cell \(c) size")
            }
            if buffer.count < Int(size) * 2 { buffer = [Double](repeating: 0, count: Int(size) * 2) }
            guard buffer.withUnsafeMutableBufferPointer({
                GEOSCoordSeq_copyToBuffer_r(handle, seq, $0.baseAddress, 0, 0)
            }) == 1 else { throw context.failure("Voronoi cell \(c) coordinates") }
            var sx = 0.0, sy = 0.0
            let m = Int(size) - 1 // the closing point repeats the first
            for v in 0..<m { sx += buffer[2 * v]; sy += buffer[2 * v + 1] }
            let s = grid.nearest(Point2(sx / Double(m), sy / Double(m)))
            if cellOfSite[s] == nil { cellOfSite[s] = Int32(c) } else { conflicts.append(c) }
        }
        // Thin cells: retry the conflicting ones with an interior point GEOS guarantees.
        for c in conflicts {
            let part = try diagram.geometry(at: c)
            let s = grid.nearest(try part.pointOnSurface())
            guard cellOfSite[s] == nil else {
                throw WanggeError(.software, "Voronoi cell \(c) could not be matched to a site (site \(s) taken)")
            }
            cellOfSite[s] = Int32(c)
        }
        // Sites left without a cell coincide with another site.
        for s in sites.indices where cellOfSite[s] == nil {
            let other = grid.nearest(sites[s], excluding: s)
            if other >= 0, sites[other] == sites[s] {
                throw WanggeError.data("sites \(min(s, other)) and \(max(s, other)) coincide; merge coincident households before building service areas")
            }
            throw WanggeError(.software, "site \(s) got no Voronoi cell")
        }
        self.cellOfSite = cellOfSite
        lap("map cells")
    }

    /// Dissolves the given cells: coverage union, checked for validity and area, else unary union.
    func dissolve(_ cellIndexes: [Int32]) throws -> (Geometry, fellBack: Bool) {
        let handle = context.handle
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(cellIndexes.count)
        var cellArea = 0.0
        for c in cellIndexes {
            guard let cell = GEOSGetGeometryN_r(handle, diagram.pointer, c),
                  let copy = GEOSGeom_clone_r(handle, cell) else {
                for part in parts { GEOSGeom_destroy_r(handle, part) }
                throw context.failure("clone of Voronoi cell \(c)")
            }
            parts.append(copy)
        }
        let collection = try context.collectionTakingOwnership(parts, type: GEOS_GEOMETRYCOLLECTION)
        if cellIndexes.count == 1 { return (try collection.geometry(at: 0), false) }
        cellArea = try collection.area()
        if let union = try? collection.coverageUnion(), try union.isValid() {
            let area = try union.area()
            if abs(area - cellArea) <= 1e-12 * cellArea { return (union, false) }
        }
        context.clearMessages()
        return (try collection.unaryUnion(), true)
    }
}
