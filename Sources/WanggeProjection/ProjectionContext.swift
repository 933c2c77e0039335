// WanggeProjection: coordinate systems for the pipeline's "project" stage. It is the only module that
// imports CPROJ; everything it hands out is plain Swift values (arrays of Double, Point2, polygons).
import CPROJ
import WanggeModel

/// One PROJ context (`PJ_CONTEXT`). PROJ objects are bound to the context that created them and a
/// context must not be used from two threads at once, so this class is deliberately not `Sendable`:
/// create one per task. Only values (numbers, arrays, `MetricCRS`, `InputCRS`) cross task boundaries.
///
/// PROJ's own log messages are captured here instead of going to stderr; error messages thrown by
/// this module quote them.
public final class ProjectionContext {
    let handle: OpaquePointer
    /// The last message PROJ logged on this context (errors only), if any.
    private(set) var lastLogMessage: String?

    public init() {
        guard let ctx = proj_context_create() else {
            // PROJ only fails here when it cannot allocate a few hundred bytes.
            fatalError("proj_context_create failed (out of memory)")
        }
        handle = ctx
        proj_log_level(ctx, PJ_LOG_ERROR)
        proj_log_func(ctx, Unmanaged.passUnretained(self).toOpaque()) { data, _, message in
            guard let data, let message else { return }
            let context = Unmanaged<ProjectionContext>.fromOpaque(data).takeUnretainedValue()
            context.lastLogMessage = String(cString: message)
        }
    }

    deinit {
        proj_log_func(handle, nil, nil)
        proj_context_destroy(handle)
    }

    /// Forgets the last logged message, so the next error describes the next failure only.
    func resetErrors() { lastLogMessage = nil }

    /// PROJ's explanation of the current failure: the errno string and the last logged message.
    func errorMessage(code: Int32? = nil) -> String {
        var parts: [String] = []
        let code = code ?? proj_context_errno(handle)
        if code != 0, let text = proj_context_errno_string(handle, code) {
            let errnoText = String(cString: text)
            // "Unknown error (code 4096)" says nothing when PROJ logged the actual reason.
            if !(errnoText.hasPrefix("Unknown error") && lastLogMessage != nil) { parts.append(errnoText) }
        }
        if let lastLogMessage, !parts.contains(lastLogMessage) { parts.append(lastLogMessage) }
        return parts.isEmpty ? "PROJ gave no reason" : parts.joined(separator: "; ")
    }
}

@available(*, unavailable)
extension ProjectionContext: Sendable {}
