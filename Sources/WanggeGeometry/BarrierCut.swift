import CGEOS
import WanggeModel

/// Service areas that stop at barriers (issue 12): a district's area never runs across a barrier line
/// except within a crossing's radius.
///
/// The region is cut into faces by the barrier lines outside the crossing discs and by the discs'
/// outlines (lines noded with the region's rings, then polygonized): the banks, and one face per disc
/// part. A district area that meets a barrier line is split by the faces. A part is kept when it holds
/// one of the district's sites or lies in a crossing disc (walking across is possible there); any other
/// part (the far side of a Voronoi cell that ran across the river) goes to the districts of the nearest
/// sites in its own face: the Voronoi cells of that face's sites near it, cut to it. A part in a face
/// without any site (a strip between the river and the boundary) stays with its district, since no
/// owner on that side exists. The areas still tile the region: parts only change owner.
/// A line ending inside the region (a gap, like a crossing) does not split its face; areas may reach
/// around its end.
struct BarrierCut {
    struct Outcome {
        /// Districts whose area changed (lost or received parts), ascending.
        var changed: [Int] = []
        /// Parts moved to the nearest same-side districts, and parts left with their district because
        /// their face holds no site.
        var movedParts = 0
        var strandedParts = 0
        var faces = 0
    }

    let context: GeometryContext
    let faces: [Geometry]
    let preparedFaces: [PreparedGeometry]
    let faceBoxes: [BoundingBox]
    let isDisc: [Bool]
    let cutLines: Geometry?
    let preparedCut: PreparedGeometry?

    /// Faces of `clip` cut by `barriers.lines` minus the crossing discs. No cut (nil `cutLines`) when
    /// no barrier line runs inside the region outside every disc.
    init(clip: Geometry, barriers: Barriers, context: GeometryContext) throws {
        self.context = context
        let wholeLines = try context.multiLineString(barriers.lines)
        var lines = wholeLines
        var discs: Geometry?
        if !barriers.crossings.isEmpty {
            let shapes = try barriers.crossings.map { try context.point($0.position).buffer($0.radius, quadrantSegments: 8) }
            let union = try context.collection(shapes).unaryUnion()
            discs = union
            lines = try lines.difference(union)
        }
        let inside = try lines.intersection(clip)
        guard try inside.length() > 0 else {
            faces = []; preparedFaces = []; faceBoxes = []; isDisc = []; cutLines = nil; preparedCut = nil
            return
        }
        cutLines = inside
        preparedCut = try PreparedGeometry(inside)
        // Whole lines and disc outlines (not the lines' parts inside the region or outside the discs,
        // whose computed ends may fall a hair short of a ring and dangle): noding meets them exactly.
        // The lines also split the discs; those half-discs are still crossing faces.
        var linework = [try clip.boundary(), wholeLines]
        if let discs { linework.append(try discs.boundary()) }
        let noded = try context.collection(linework).unaryUnion()
        var input: [OpaquePointer?] = [noded.pointer]
        let polygonized = try context.wrap(GEOSPolygonize_r(context.handle, &input, 1), "polygonize")
        let preparedClip = try PreparedGeometry(clip)
        let preparedDiscs = try discs.map { try PreparedGeometry($0) }
        var faces: [Geometry] = [], disc: [Bool] = []
        for face in try polygonized.parts() where face.kind == .polygon && !face.isEmpty {
            let p = try face.pointOnSurface()
            // Faces inside holes of the region (polygon barriers) are not part of it.
            guard try preparedClip.covers(x: p.x, y: p.y) else { continue }
            faces.append(face)
            disc.append(try preparedDiscs?.covers(x: p.x, y: p.y) ?? false)
        }
        self.faces = faces
        isDisc = disc
        preparedFaces = try faces.map { try PreparedGeometry($0) }
        faceBoxes = try faces.map { try $0.bounds()! }
    }

    /// Reassigns the parts of `areas` lying across a barrier (see the type's comment).
    func apply(_ areas: inout [Geometry], sites: [Point2], siteDistrict: [Int32]) throws -> Outcome {
        var outcome = Outcome()
        outcome.faces = faces.count
        guard let preparedCut, !faces.isEmpty else { return outcome }
        let grid = SiteGrid(sites)
        var kept = [[Geometry]](repeating: [], count: areas.count)
        var received = [[Geometry]](repeating: [], count: areas.count)
        var lost = [Bool](repeating: false, count: areas.count)
        // Face of each site once looked up (-2: not yet); a part far from its bank's sites asks
        // about tens of thousands of them.
        var faceOfSiteCache = [Int32](repeating: -2, count: sites.count)

        func faceOf(_ s: Int) throws -> Int {
            if faceOfSiteCache[s] != -2 { return Int(faceOfSiteCache[s]) }
            let p = sites[s]
            var found = -1
            for f in faces.indices where faceBoxes[f].contains(p) {
                if try preparedFaces[f].covers(x: p.x, y: p.y) { found = f; break }
            }
            faceOfSiteCache[s] = Int32(found)
            return found
        }

        for d in areas.indices where !areas[d].isEmpty {
            guard try preparedCut.intersects(areas[d]), let box = try areas[d].bounds() else { continue }
            var parts: [(Geometry, Int)] = []
            for f in faces.indices where faceBoxes[f].intersects(box) {
                guard try preparedFaces[f].intersects(areas[d]) else { continue }
                let cut = try ServiceAreas.polygonal(faces[f].intersection(areas[d]))
                if cut.isEmpty { continue }
                for part in cut.kind == .polygon ? [cut] : try cut.parts() where try part.area() > 0 {
                    parts.append((part, f))
                }
            }
            var orphans: [(Geometry, Int)] = []
            for (part, f) in parts {
                let keep = try isDisc[f] || holdsSite(of: Int32(d), part, grid: grid, siteDistrict: siteDistrict)
                if keep {
                    kept[d].append(part)
                } else {
                    orphans.append((part, f))
                }
            }
            guard !orphans.isEmpty else { kept[d] = []; continue }
            for (part, f) in orphans {
                let owners = try nearestOwners(part, face: f, grid: grid, siteDistrict: siteDistrict, faceOf: faceOf)
                if owners.isEmpty {
                    kept[d].append(part)
                    outcome.strandedParts += 1
                    continue
                }
                lost[d] = true
                outcome.movedParts += 1
                for (owner, piece) in owners { received[owner].append(piece) }
            }
            if !lost[d] { kept[d] = [] }
        }
        for d in areas.indices where lost[d] || !received[d].isEmpty {
            let pieces = (lost[d] ? kept[d] : [areas[d]]) + received[d]
            let merged = pieces.count == 1 ? pieces[0] : try context.collection(pieces).unaryUnion()
            areas[d] = try ServiceAreas.polygonal(merged)
            outcome.changed.append(d)
        }
        let receivers = try mergeStrayPieces(&areas, changed: outcome.changed, grid: grid, siteDistrict: siteDistrict)
        outcome.changed = Array(Set(outcome.changed + receivers)).sorted()
        return outcome
    }

    /// A received piece can be cut off from the rest of its district by its neighbours' kept land:
    /// a polygon of a changed district holding none of its sites goes to the neighbour sharing the
    /// longest border with it (any district, so the tiling stays exact); one that shares no border
    /// exactly (rounding) goes to the district around most of it, its own included, snapped onto it.
    /// Returns the districts that received a piece.
    func mergeStrayPieces(_ areas: inout [Geometry], changed: [Int], grid: SiteGrid, siteDistrict: [Int32]) throws -> [Int] {
        var receivers: [Int] = []
        for d in changed where areas[d].numPolygons > 1 {
            let polygons = try areas[d].parts()
            var keep: [Geometry] = []
            var strays: [Geometry] = []
            for polygon in polygons {
                if try holdsSite(of: Int32(d), polygon, grid: grid, siteDistrict: siteDistrict) { keep.append(polygon) } else { strays.append(polygon) }
            }
            guard !strays.isEmpty, !keep.isEmpty else { continue }
            var moved = false
            for stray in strays {
                guard let box = try stray.bounds() else { keep.append(stray); continue }
                let border = try stray.boundary()
                var best = -1, bestLength = 0.0
                for e in areas.indices where e != d && !areas[e].isEmpty {
                    guard let other = try areas[e].bounds(), other.intersects(box), try areas[e].intersects(stray) else { continue }
                    let shared = try border.intersection(areas[e].boundary()).length()
                    if shared > bestLength { bestLength = shared; best = e }
                }
                if best >= 0 {
                    areas[best] = try ServiceAreas.polygonal(context.collection([areas[best], stray]).unaryUnion())
                    receivers.append(best)
                    moved = true
                    continue
                }
                // No border shared exactly: the stray's edges lie within rounding of its neighbours'
                // but not on them (pieces cut by different overlays), so they meet at points only.
                // The neighbour covering most of a thin band around it takes it, its own district's
                // polygons included, with its vertices snapped onto that neighbour's first so that
                // the union closes.
                let band = try stray.buffer(Self.strayBand, quadrantSegments: 2)
                var bestCover = 0.0
                for e in areas.indices where e != d && !areas[e].isEmpty {
                    guard let other = try areas[e].bounds(), other.intersects(box.grown(by: Self.strayBand)),
                          try areas[e].intersects(band) else { continue }
                    let cover = try band.intersection(areas[e]).area()
                    if cover > bestCover { bestCover = cover; best = e }
                }
                var own = -1
                for (k, polygon) in keep.enumerated() where try polygon.intersects(band) {
                    let cover = try band.intersection(polygon).area()
                    if cover > bestCover { bestCover = cover; own = k }
                }
                if own >= 0 {
                    let joined = try ServiceAreas.polygonal(
                        context.collection([keep[own], stray.snapped(to: keep[own], tolerance: Self.snapTolerance)]).unaryUnion())
                    keep.replaceSubrange(own...own, with: joined.kind == .polygon ? [joined] : try joined.parts())
                    moved = true
                } else if best >= 0 {
                    areas[best] = try ServiceAreas.polygonal(
                        context.collection([areas[best], stray.snapped(to: areas[best], tolerance: Self.snapTolerance)]).unaryUnion())
                    receivers.append(best)
                    moved = true
                } else {
                    keep.append(stray)
                }
            }
            if moved {
                areas[d] = keep.count == 1 ? keep[0] : try context.collection(keep, type: .multiPolygon)
            }
        }
        return receivers
    }

    /// Width of the band around a stray piece that measures which neighbour surrounds it, and how far
    /// its vertices may move onto that neighbour's (metres): far above rounding, far below any
    /// feature of a map.
    static let strayBand = 1e-3
    static let snapTolerance = 1e-6

    /// Whether `part` covers a site of district `d`.
    private func holdsSite(of d: Int32, _ part: Geometry, grid: SiteGrid, siteDistrict: [Int32]) throws -> Bool {
        guard let box = try part.bounds() else { return false }
        var prepared: PreparedGeometry?
        var found = false
        try grid.forEach(in: box) { s in
            guard siteDistrict[s] == d else { return false }
            if prepared == nil { prepared = try PreparedGeometry(part) }
            if try prepared!.covers(x: grid.points[s].x, y: grid.points[s].y) { found = true; return true }
            return false
        }
        return found
    }

    /// The part cut into the Voronoi cells of the sites of its face that can be nearest to some point
    /// of it, each piece with its site's district (pieces of one district merged). Empty when the face
    /// holds no site.
    private func nearestOwners(_ part: Geometry, face f: Int, grid: SiteGrid, siteDistrict: [Int32],
                               faceOf: (Int) throws -> Int) throws -> [(Int, Geometry)] {
        guard let box = try part.bounds() else { return [] }
        let region = faceBoxes[f]
        // First any site of the face, searching ever wider around the part.
        var reach = max(box.maxX - box.minX, box.maxY - box.minY, 1)
        let limit = 2 * max(region.maxX - region.minX, region.maxY - region.minY, 1) + reach
        var some: [Int] = []
        while some.isEmpty && reach <= 2 * limit {
            try grid.forEach(in: box.grown(by: reach)) { s in
                if try faceOf(s) == f { some.append(s) }
                return false
            }
            reach *= 2
        }
        guard !some.isEmpty else { return [] }
        // Every point of the box is within `bound` of one of those sites, so its nearest site of the
        // face lies within `bound` of the box.
        let corners = [Point2(box.minX, box.minY), Point2(box.maxX, box.minY), Point2(box.minX, box.maxY), Point2(box.maxX, box.maxY)]
        var bound = Double.infinity
        for s in some {
            let p = grid.points[s]
            bound = min(bound, corners.map { (($0.x - p.x) * ($0.x - p.x) + ($0.y - p.y) * ($0.y - p.y)).squareRoot() }.max()!)
        }
        var candidates: [Int] = []
        try grid.forEach(in: box.grown(by: bound)) { s in
            if try faceOf(s) == f { candidates.append(s) }
            return false
        }
        candidates = Self.undominated(candidates, box: box, points: grid.points)
        let districts = Set(candidates.map { siteDistrict[$0] })
        if districts.count == 1 { return [(Int(districts.first!), part)] }
        let cells = try VoronoiCells(sites: candidates.map { grid.points[$0] }, clip: part, context: context, lap: { _ in })
        var byDistrict: [Int32: [Geometry]] = [:]
        for (i, s) in candidates.enumerated() {
            guard let c = cells.cellOfSite[i] else { continue }
            let cell = try cells.diagram.geometry(at: Int(c))
            let piece = try ServiceAreas.polygonal(cell.intersection(part))
            if !piece.isEmpty, try piece.area() > 0 { byDistrict[siteDistrict[s], default: []].append(piece) }
        }
        return try byDistrict.keys.sorted().map { d in
            let pieces = byDistrict[d]!
            return (Int(d), pieces.count == 1 ? pieces[0] : try context.collection(pieces).unaryUnion())
        }
    }
}

extension BarrierCut {
    /// The sites of `candidates` that can be nearest (among `candidates`) to some point of `box`, in
    /// ascending order. A site s is left out when a kept site t is strictly nearer than s at each
    /// corner of the box: the points nearer to t than to s form an open half-plane, so t is then
    /// nearer at every point of the box and s is nowhere nearest nor tied. The Voronoi cells of the
    /// sites kept, cut to anything inside the box, are therefore those of all the candidates.
    ///
    /// A part far from its face's sites (a cell that ran across the river into open land) can have
    /// tens of thousands of candidates within the box bound, nearly all of them behind the nearest
    /// row of sites. Sites are tried nearest to the box's centre first, and each is compared with at
    /// most `limit` kept sites (the nearest ones), so the filter costs O(n · limit) and keeps a few
    /// dozen or hundred sites for the Voronoi diagram. A tie, or a difference within rounding
    /// (a relative 10⁻⁹ of the squared distance), keeps the site.
    static func undominated(_ candidates: [Int], box: BoundingBox, points: [Point2], limit: Int = 64) -> [Int] {
        guard candidates.count > 2 else { return candidates.sorted() }
        let corners = [Point2(box.minX, box.minY), Point2(box.maxX, box.minY),
                       Point2(box.minX, box.maxY), Point2(box.maxX, box.maxY)]
        let centre = Point2((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2)
        func squared(_ a: Point2, _ b: Point2) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }
        let byDistance = candidates.map { (squared(points[$0], centre), $0) }.sorted { $0 < $1 }
        var kept: [Int] = []
        kept.reserveCapacity(min(candidates.count, 4 * limit))
        for (_, s) in byDistance {
            let p = points[s]
            let ds = (squared(corners[0], p), squared(corners[1], p), squared(corners[2], p), squared(corners[3], p))
            func farther(_ d: Double, _ corner: Int, than q: Point2) -> Bool {
                d - squared(corners[corner], q) > 1e-9 * d
            }
            let dominated = kept.prefix(limit).contains { t in
                let q = points[t]
                return farther(ds.0, 0, than: q) && farther(ds.1, 1, than: q) && farther(ds.2, 2, than: q)
                    && farther(ds.3, 3, than: q)
            }
            if !dominated { kept.append(s) }
        }
        return kept.sorted()
    }
}

extension SiteGrid {
    /// Calls `body` with every site in the box (bucket by bucket); `body` returns true to stop.
    func forEach(in box: BoundingBox, _ body: (Int) throws -> Bool) rethrows {
        guard !points.isEmpty else { return }
        let x0 = max(0, Int(((box.minX - minX) / cell).rounded(.down))), x1 = min(nx - 1, Int(((box.maxX - minX) / cell).rounded(.down)))
        let y0 = max(0, Int(((box.minY - minY) / cell).rounded(.down))), y1 = min(ny - 1, Int(((box.maxY - minY) / cell).rounded(.down)))
        guard x0 <= x1, y0 <= y1 else { return }
        for iy in y0...y1 {
            for ix in x0...x1 {
                let b = iy * nx + ix
                for k in Int(start[b])..<Int(start[b + 1]) {
                    let s = Int(order[k])
                    let p = points[s]
                    guard p.x >= box.minX, p.x <= box.maxX, p.y >= box.minY, p.y <= box.maxY else { continue }
                    if try body(s) { return }
                }
            }
        }
    }
}

extension BoundingBox {
    func contains(_ p: Point2) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
    func intersects(_ o: BoundingBox) -> Bool { minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY }
    func grown(by r: Double) -> BoundingBox { BoundingBox(minX: minX - r, minY: minY - r, maxX: maxX + r, maxY: maxY + r) }
}
