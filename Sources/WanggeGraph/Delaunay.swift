import WanggeModel
/// A Delaunay triangulation of points in the plane, built by a sweep-hull (points added in order of
/// distance from a seed circumcentre, the convex hull advanced with an angular hash, the Delaunay
/// property restored by edge flips), with exact orientation and in-circle signs.
///
/// - `triangles[3t..<3t+3]` are the vertices of triangle t, counter-clockwise (x right, y up).
/// - `halfedges[e]` is the opposite half-edge of half-edge e (from `triangles[e]` to the next vertex of
///   its triangle), or -1 on the convex hull.
/// - `hull` lists the convex-hull vertices counter-clockwise (collinear hull points included).
///   When all points are collinear (or fewer than 3), there are no triangles and `hull` lists the points
///   in lexicographic (x, then y) order, which is their order along the line.
///
/// Exact duplicate points are not triangulated twice: only the first is a vertex (merge them first).
public struct Delaunay: Sendable {
    public let triangles: [Int32]
    public let halfedges: [Int32]
    public let hull: [Int32]
    /// Points that the sweep could not place and that were inserted afterwards (a robustness fallback;
    /// normally 0). Exposed for tests and diagnostics.
    public let lateInsertions: Int

    public var triangleCount: Int { triangles.count / 3 }
    public var isCollinear: Bool { triangles.isEmpty }

    public init(x: [Double], y: [Double]) { self.init(x: x, y: y, forcedLate: []) }

    /// As `init(x:y:)`, asking `cancellation` every 65,536 points of the sweep.
    /// - Throws: `CancellationError` when it fired.
    public init(x: [Double], y: [Double], cancellation: Cancellation) throws {
        try self.init(x: x, y: y, forcedLate: [], cancellation: cancellation)
    }

    /// As `init(x:y:)`, but the points in `forcedLate` are inserted after the sweep by the late-insertion
    /// fallback (for tests of that path).
    init(x: [Double], y: [Double], forcedLate: Set<Int32>) {
        // Never cancelled, so it never throws.
        try! self.init(x: x, y: y, forcedLate: forcedLate, cancellation: .never)
    }

    private init(x: [Double], y: [Double], forcedLate: Set<Int32>, cancellation: Cancellation) throws {
        precondition(x.count == y.count, "x and y differ in length")
        let n = x.count
        guard n >= 3, let builder = SweepHull(x: x, y: y) else {
            triangles = []; halfedges = []; lateInsertions = 0
            hull = Delaunay.lexicographicOrder(x: x, y: y)
            return
        }
        guard builder.run(forcedLate: forcedLate, cancellation: cancellation) else { throw CancellationError() }
        triangles = Array(UnsafeBufferPointer(start: builder.triangles, count: builder.trianglesLen))
        halfedges = Array(UnsafeBufferPointer(start: builder.halfedges, count: builder.trianglesLen))
        hull = builder.hullFromHalfedges()
        lateInsertions = builder.lateInsertions
    }

    static func lexicographicOrder(x: [Double], y: [Double]) -> [Int32] {
        (0..<Int32(x.count)).sorted { a, b in
            let (i, j) = (Int(a), Int(b))
            if x[i] != x[j] { return x[i] < x[j] }
            if y[i] != y[j] { return y[i] < y[j] }
            return a < b
        }
    }

    /// Next half-edge in the same triangle.
    @inline(__always) public static func next(_ e: Int) -> Int { e % 3 == 2 ? e - 2 : e + 1 }
    /// Previous half-edge in the same triangle.
    @inline(__always) public static func prev(_ e: Int) -> Int { e % 3 == 0 ? e + 2 : e - 1 }
}
