// WanggeGeometry: the only module that talks to GEOS (reentrant C API through CGEOS).
// Service areas and polygon measures for the rest of the pipeline; values in, values out.
import CGEOS
import WanggeModel

/// Owns one GEOS context handle. Contexts are not thread-safe: use one per task or thread and pass
/// only Sendable values (coordinates, WKB bytes) between tasks. The last error and notice GEOS
/// reported are kept so that thrown errors can carry GEOS's own words.
public final class GeometryContext {
    let handle: GEOSContextHandle_t
    /// The last message GEOS sent to the error handler ("" when none since the last `clearMessages`).
    public private(set) var lastError: String = ""
    /// The last notice (warning) GEOS sent.
    public private(set) var lastNotice: String = ""

    public init() {
        guard let handle = GEOS_init_r() else {
            fatalError("GEOS_init_r returned NULL: GEOS cannot allocate a context")
        }
        self.handle = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let userData, let message else { return }
            let context = Unmanaged<GeometryContext>.fromOpaque(userData).takeUnretainedValue()
            context.lastError = String(cString: message)
        }, me)
        GEOSContext_setNoticeMessageHandler_r(handle, { message, userData in
            guard let userData, let message else { return }
            let context = Unmanaged<GeometryContext>.fromOpaque(userData).takeUnretainedValue()
            context.lastNotice = String(cString: message)
        }, me)
    }

    deinit {
        GEOSContext_setErrorMessageHandler_r(handle, nil, nil)
        GEOSContext_setNoticeMessageHandler_r(handle, nil, nil)
        finishGEOS_r(handle)
    }

    /// Forgets the last error and notice.
    public func clearMessages() { lastError = ""; lastNotice = "" }

    /// The GEOS version string, e.g. "3.11.1-CAPI-1.17.1".
    public static var geosVersion: String { String(cString: GEOSversion()) }

    /// An error for a failed GEOS call: GEOS's message when it gave one.
    func failure(_ operation: String, status: ExitStatus = .software) -> WanggeError {
        let detail = lastError.isEmpty ? "GEOS reported no message" : lastError
        lastError = ""
        return WanggeError(status, "GEOS \(operation) failed: \(detail)")
    }

    /// Wraps an owned pointer returned by GEOS, or throws GEOS's message when it is NULL.
    func wrap(_ pointer: OpaquePointer?, _ operation: String, status: ExitStatus = .software) throws -> Geometry {
        guard let pointer else { throw failure(operation, status: status) }
        return Geometry(owning: pointer, context: self)
    }

    /// Reads a GEOS `char` predicate result (0 false, 1 true, 2 exception).
    func predicate(_ value: CChar, _ operation: String) throws -> Bool {
        switch value {
        case 0: return false
        case 1: return true
        default: throw failure(operation)
        }
    }

    /// Takes a GEOS-allocated C string, frees it, returns its text.
    func takeString(_ pointer: UnsafeMutablePointer<CChar>?, _ operation: String) throws -> String {
        guard let pointer else { throw failure(operation) }
        defer { GEOSFree_r(handle, pointer) }
        return String(cString: pointer)
    }
}

@available(*, unavailable)
extension GeometryContext: Sendable {}
