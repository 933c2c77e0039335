import CPROJ
import WanggeModel

/// Which way a `Transformer` runs: source → target (`forward`) or target → source (`inverse`).
public enum TransformDirection: Sendable {
    case forward, inverse
}

/// A coordinate operation between two CRSs (`proj_create_crs_to_crs`), normalised so that geographic
/// CRSs take and give longitude first (`proj_normalize_for_visualization`), whatever the EPSG axis
/// order says. It transforms whole arrays at once with `proj_trans_generic`.
///
/// Not `Sendable`: it belongs to one `ProjectionContext`, which it keeps alive.
public final class Transformer {
    /// The CRS definitions as given (e.g. "EPSG:4326", "EPSG:32650", a PROJ string or WKT).
    public let source: String
    public let target: String
    let context: ProjectionContext
    let pj: OpaquePointer

    /// Creates the operation. An unknown or unusable CRS throws a usage error (exit 64) quoting PROJ.
    public init(from source: String, to target: String, context: ProjectionContext = ProjectionContext()) throws {
        self.source = source
        self.target = target
        self.context = context
        context.resetErrors()
        guard let raw = proj_create_crs_to_crs(context.handle, source, target, nil) else {
            throw WanggeError.usage(
                "cannot transform coordinates from '\(source)' to '\(target)': \(context.errorMessage())")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(context.handle, raw) else {
            throw WanggeError.usage(
                "cannot use longitude/latitude order for '\(source)' → '\(target)': \(context.errorMessage())")
        }
        pj = normalized
    }

    deinit { proj_destroy(pj) }

    /// Transforms the arrays in place, source → target. `x` is longitude or easting, `y` latitude or northing.
    /// A point PROJ cannot transform is a data error naming its 0-based index (its feature index when
    /// the arrays are the household table's columns).
    public func forward(x: inout [Double], y: inout [Double]) throws {
        try run(.forward, x: &x, y: &y)
    }

    /// Transforms the arrays in place, target → source.
    public func inverse(x: inout [Double], y: inout [Double]) throws {
        try run(.inverse, x: &x, y: &y)
    }

    /// Transforms the arrays in place in the given direction.
    public func run(_ direction: TransformDirection, x: inout [Double], y: inout [Double]) throws {
        precondition(x.count == y.count, "x and y must have the same length")
        let n = x.count
        guard n > 0 else { return }
        let stride = MemoryLayout<Double>.stride
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                transformRaw(direction, xs.baseAddress!, ys.baseAddress!, stride: stride, count: n)
            }
        }
        try checkFinite(count: n) { (x[$0], y[$0]) }
    }

    /// Returns the points transformed in the given direction.
    public func transform(_ points: [Point2], _ direction: TransformDirection = .forward) throws -> [Point2] {
        var out = points
        let n = out.count
        guard n > 0 else { return out }
        let stride = MemoryLayout<Point2>.stride
        let yOffset = MemoryLayout<Point2>.offset(of: \Point2.y)!
        let xOffset = MemoryLayout<Point2>.offset(of: \Point2.x)!
        out.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            transformRaw(direction, (base + xOffset).assumingMemoryBound(to: Double.self),
                         (base + yOffset).assumingMemoryBound(to: Double.self), stride: stride, count: n)
        }
        try checkFinite(count: n) { (out[$0].x, out[$0].y) }
        return out
    }

    private func transformRaw(_ direction: TransformDirection, _ x: UnsafeMutablePointer<Double>,
                              _ y: UnsafeMutablePointer<Double>, stride: Int, count n: Int) {
        context.resetErrors()
        proj_errno_reset(pj)
        _ = proj_trans_generic(pj, direction == .forward ? PJ_FWD : PJ_INV,
                               x, stride, n, y, stride, n, nil, 0, 0, nil, 0, 0)
    }

    /// PROJ marks points it could not transform with HUGE_VAL; report the first one.
    private func checkFinite(count n: Int, _ point: (Int) -> (Double, Double)) throws {
        for i in 0..<n {
            let (px, py) = point(i)
            if !px.isFinite || !py.isFinite {
                let reason = proj_errno(pj) != 0 ? context.errorMessage(code: proj_errno(pj)) : context.errorMessage()
                throw WanggeError.data(
                    "coordinate cannot be transformed from '\(source)' to '\(target)': \(reason)",
                    at: SourceLocation(feature: i))
            }
        }
    }
}

@available(*, unavailable)
extension Transformer: Sendable {}
