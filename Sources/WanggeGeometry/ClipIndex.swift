import CGEOS
import WanggeModel

/// The clip region cut into small pieces with their boxes, so that clipping thousands of
/// districts against a detailed region (thousands of parts, long coastlines) costs each district
/// only the pieces near it, and point tests touch one or two small pieces. A district inside
/// the region is kept as it is.
struct ClipIndex {
    let region: Geometry
    let prepared: PreparedGeometry
    private(set) var pieces: [Geometry] = []
    private(set) var boxes: [BoundingBox] = []
    /// The region polygon each piece was cut from (pieces of one polygon may need merging).
    private(set) var source: [Int] = []
    /// The region's box grown by 1 %: districts reaching beyond it (the open cells of the hull
    /// reach a thousand times further) are cut to it first, so they meet only nearby pieces.
    let frame: BoundingBox?
    /// Buckets of a uniform grid over the frame listing the pieces whose boxes meet them.
    private var bucketStart: [Int32] = []
    private var bucketPieces: [Int32] = []
    private var gridN = 0

    /// `maxVertices`: polygons with more vertices are cut along a grid into pieces of about that size.
    init(region: Geometry, maxVertices: Int = 2000) throws {
        self.region = region
        prepared = try PreparedGeometry(region)
        let context = region.context
        if let box = try region.bounds() {
            let grow = 0.01 * max(box.maxX - box.minX, box.maxY - box.minY, 1)
            frame = BoundingBox(minX: box.minX - grow, minY: box.minY - grow, maxX: box.maxX + grow, maxY: box.maxY + grow)
        } else {
            frame = nil
        }
        let polygons: [Geometry] = region.kind == .polygon ? [region] : try region.parts()
        for (index, polygon) in polygons.enumerated() where polygon.kind == .polygon && !polygon.isEmpty {
            let vertices = Int(GEOSGetNumCoordinates_r(context.handle, polygon.pointer))
            guard vertices > maxVertices, let box = try polygon.bounds() else {
                if let box = try polygon.bounds() { pieces.append(polygon); boxes.append(box); source.append(index) }
                continue
            }
            let cells = Int((Double(vertices) / Double(maxVertices)).squareRoot().rounded(.up))
            let width = (box.maxX - box.minX) / Double(cells), height = (box.maxY - box.minY) / Double(cells)
            for i in 0..<cells {
                for j in 0..<cells {
                    let x0 = box.minX + Double(i) * width, y0 = box.minY + Double(j) * height
                    let x1 = i == cells - 1 ? box.maxX : x0 + width, y1 = j == cells - 1 ? box.maxY : y0 + height
                    let rect = try context.polygon(Polygon(rings: [[Point2(x0, y0), Point2(x1, y0), Point2(x1, y1),
                                                                    Point2(x0, y1), Point2(x0, y0)]]))
                    let piece = try ServiceAreas.polygonal(polygon.intersection(rect))
                    if !piece.isEmpty, let pieceBox = try piece.bounds() {
                        pieces.append(piece); boxes.append(pieceBox); source.append(index)
                    }
                }
            }
        }
        buildBuckets()
    }

    private mutating func buildBuckets() {
        guard let frame, !pieces.isEmpty else { return }
        gridN = max(1, min(1024, Int(Double(pieces.count).squareRoot().rounded(.up))))
        var lists = [[Int32]](repeating: [], count: gridN * gridN)
        for (p, b) in boxes.enumerated() {
            let (i0, j0) = bucket(b.minX, b.minY, frame), (i1, j1) = bucket(b.maxX, b.maxY, frame)
            for i in i0...i1 { for j in j0...j1 { lists[j * gridN + i].append(Int32(p)) } }
        }
        bucketStart = [0]
        for list in lists { bucketPieces += list; bucketStart.append(Int32(bucketPieces.count)) }
    }

    private func bucket(_ x: Double, _ y: Double, _ frame: BoundingBox) -> (Int, Int) {
        let fx = (x - frame.minX) / (frame.maxX - frame.minX), fy = (y - frame.minY) / (frame.maxY - frame.minY)
        return (min(max(Int(fx * Double(gridN)), 0), gridN - 1), min(max(Int(fy * Double(gridN)), 0), gridN - 1))
    }

    /// Indexes of the points not covered by the region (outside it, not on its boundary).
    func pointsOutside(_ points: [Point2]) throws -> [Int] {
        guard let frame else { return Array(points.indices) }
        var preparedPieces = [PreparedGeometry?](repeating: nil, count: pieces.count)
        var outside: [Int] = []
        let context = region.context
        for (s, p) in points.enumerated() {
            guard p.x >= frame.minX, p.x <= frame.maxX, p.y >= frame.minY, p.y <= frame.maxY else {
                outside.append(s); continue
            }
            let (i, j) = bucket(p.x, p.y, frame)
            let b = j * gridN + i
            var covered = false
            var point: Geometry?
            for slot in Int(bucketStart[b])..<Int(bucketStart[b + 1]) {
                let piece = Int(bucketPieces[slot])
                let box = boxes[piece]
                guard p.x >= box.minX, p.x <= box.maxX, p.y >= box.minY, p.y <= box.maxY else { continue }
                if preparedPieces[piece] == nil { preparedPieces[piece] = try PreparedGeometry(pieces[piece]) }
                if point == nil { point = try context.point(p) }
                if try preparedPieces[piece]!.covers(point!) { covered = true; break }
            }
            if !covered { outside.append(s) }
        }
        return outside
    }

    /// `district ∩ region`, polygons only.
    func clip(_ district: Geometry) throws -> Geometry {
        if try prepared.covers(district) { return district }
        guard var box = try district.bounds() else { return district }
        var district = district
        let context = district.context
        if let frame, box.minX < frame.minX || box.minY < frame.minY || box.maxX > frame.maxX || box.maxY > frame.maxY {
            let rect = try context.polygon(Polygon(rings: [[
                Point2(frame.minX, frame.minY), Point2(frame.maxX, frame.minY), Point2(frame.maxX, frame.maxY),
                Point2(frame.minX, frame.maxY), Point2(frame.minX, frame.minY)]]))
            district = try ServiceAreas.polygonal(district.intersection(rect))
            guard let cut = try district.bounds() else { return district }
            box = cut
        }
        let preparedDistrict = try PreparedGeometry(district)
        // Parts by source polygon: parts of different region polygons are disjoint, parts cut
        // from the same polygon along the grid are merged by a union.
        var partsBySource: [(source: Int, parts: [Geometry])] = []
        for (p, b) in boxes.enumerated() where b.minX <= box.maxX && box.minX <= b.maxX && b.minY <= box.maxY && box.minY <= b.maxY {
            let piece = pieces[p]
            let part: Geometry
            if try preparedDistrict.covers(piece) {
                part = piece
            } else if try preparedDistrict.intersects(piece) {
                part = try ServiceAreas.polygonal(district.intersection(piece))
                if part.isEmpty { continue }
            } else {
                continue
            }
            if let last = partsBySource.last, last.source == source[p] {
                partsBySource[partsBySource.count - 1].parts.append(part)
            } else {
                partsBySource.append((source[p], [part]))
            }
        }
        var polygons: [Geometry] = []
        for group in partsBySource {
            let merged = group.parts.count == 1 ? group.parts[0] : try context.collection(group.parts).unaryUnion()
            let polygonal = try ServiceAreas.polygonal(merged)
            polygons += polygonal.kind == .polygon ? [polygonal] : try polygonal.parts()
        }
        switch polygons.count {
        case 0: return try context.wrap(GEOSGeom_createEmptyPolygon_r(context.handle), "empty polygon")
        case 1: return polygons[0]
        default: return try context.collection(polygons, type: .multiPolygon)
        }
    }
}
