import Foundation
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble

/// One end-to-end run of the pipeline on a scenario, timed per stage, with the peak resident memory
/// of each phase (Linux VmHWM, reset between phases through /proc/self/clear_refs).
struct PipelineRun {
    /// Seconds per stage, in pipeline order: read, project, graph, partition, service areas,
    /// unproject, metrics, write.
    var stages: [(stage: String, seconds: Double)] = []
    /// Peak resident MB of the phases load (read + project), pipeline (graph … metrics), write.
    var peakMB: [(phase: String, mb: Int)] = []
    var report: PlanFigures

    static func run(_ scenario: Scenario, output: String) throws -> PipelineRun {
        let clock = ContinuousClock()
        PeakMemory.reset()
        var start = clock.now
        var inputs = try Inputs.load(scenario.inputOptions)
        if scenario.boundaryBuffer > 0, let b = inputs.boundaryMetric {
            inputs.boundaryMetric = try GeometryContext().multiPolygon(b).buffer(scenario.boundaryBuffer).toMultiPolygon()
        }
        let load = seconds(clock.now - start)
        // The projection alone, again, to split "read + project" (Inputs.load does both).
        start = clock.now
        let projector = try Projector(longitudes: inputs.households.lon, latitudes: inputs.households.lat)
        let projected = try projector.project(longitudes: inputs.households.lon, latitudes: inputs.households.lat)
        let project = seconds(clock.now - start)
        precondition(projected.x.count == inputs.x.count)
        var peak = [("load", PeakMemory.megabytes())]

        PeakMemory.reset()
        let result = try PartitionPipeline.run(inputs, options: scenario.partitionOptions, nest: false)
        peak.append(("pipeline", PeakMemory.megabytes()))

        PeakMemory.reset()
        start = clock.now
        try PlanWriter.write(result.plan, to: output)
        let write = seconds(clock.now - start)
        peak.append(("write", PeakMemory.megabytes()))

        var stages = [("read", max(0, load - project)), ("project", project)]
        stages += result.stopwatch.stages.map { ($0.stage, $0.seconds) }
        stages.append(("write", write))
        return PipelineRun(stages: stages, peakMB: peak, report: result.report.plan)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    var total: Double { stages.reduce(0) { $0 + $1.seconds } }

    /// The section 6 figures in one line.
    var qualityLine: String {
        let r = report
        func pct(_ v: Double) -> String { String(format: "%.2f%%", v * 100) }
        return "max |dev| \(pct(r.maxAbsDeviation)), non-contiguous \((r.noncontiguous ?? []).count)/\(r.districts), "
            + "multipart areas \((r.multipart ?? []).count), groups split \(r.groupsSplit)/\(r.groups), "
            + "relation cut \(r.relationCutFraction.map(pct) ?? "n/a"), "
            + "dispersion \(String(format: "%.3f", r.dispersion / 1e6)) km²·load"
    }

    var timeLine: String {
        stages.map { "\($0.stage) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", ")
            + "; total \(String(format: "%.3f", total)) s; peak RSS "
            + peakMB.map { "\($0.phase) \($0.mb) MB" }.joined(separator: ", ")
    }
}

/// The process's peak resident set size (VmHWM) on Linux; reset by writing 5 to /proc/self/clear_refs.
enum PeakMemory {
    static func reset() {
        if let f = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            f.write(Data("5".utf8))
            try? f.close()
        }
    }

    static func megabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
}
