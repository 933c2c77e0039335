import CGEOS
import WanggeModel

/// The clip region cut into small pieces with their boxes, so that clipping thousands of
/// districts against a detailed region (thousands of parts, long coastlines) costs each district
/// only the pieces near it. A district inside the region is kept as it is.
struct ClipIndex {
    let region: Geometry
    let prepared: PreparedGeometry
    private(set) var pieces: [Geometry] = []
    private(set) var boxes: [BoundingBox] = []
    /// The region's box grown by 1 %: districts reaching beyond it (the open cells of the hull
    /// reach a thousand times further) are cut to it first, so they meet only nearby pieces.
    let frame: BoundingBox?

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
        for polygon in polygons where polygon.kind == .polygon && !polygon.isEmpty {
            let vertices = Int(GEOSGetNumCoordinates_r(context.handle, polygon.pointer))
            guard vertices > maxVertices, let box = try polygon.bounds() else {
                if let box = try polygon.bounds() { pieces.append(polygon); boxes.append(box) }
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
                    if !piece.isEmpty, let pieceBox = try piece.bounds() { pieces.append(piece); boxes.append(pieceBox) }
                }
            }
        }
    }

    /// `district ∩ region`, polygons only.
    func clip(_ district: Geometry) throws -> Geometry {
        if try prepared.covers(district) { return district }
        guard var box = try district.bounds() else { return district }
        var district = district
        if let frame, box.minX < frame.minX || box.minY < frame.minY || box.maxX > frame.maxX || box.maxY > frame.maxY {
            let rect = try district.context.polygon(Polygon(rings: [[
                Point2(frame.minX, frame.minY), Point2(frame.maxX, frame.minY), Point2(frame.maxX, frame.maxY),
                Point2(frame.minX, frame.maxY), Point2(frame.minX, frame.minY)]]))
            district = try ServiceAreas.polygonal(district.intersection(rect))
            guard let cut = try district.bounds() else { return district }
            box = cut
        }
        var parts: [Geometry] = []
        for (p, b) in boxes.enumerated() where b.minX <= box.maxX && box.minX <= b.maxX && b.minY <= box.maxY && box.minY <= b.maxY {
            let part = try ServiceAreas.polygonal(district.intersection(pieces[p]))
            if !part.isEmpty { parts.append(part) }
        }
        switch parts.count {
        case 0: return try district.context.wrap(GEOSGeom_createEmptyPolygon_r(district.handle), "empty polygon")
        case 1: return parts[0]
        default: return try ServiceAreas.polygonal(district.context.collection(parts).unaryUnion())
        }
    }
}
