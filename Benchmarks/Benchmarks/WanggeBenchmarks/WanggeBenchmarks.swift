import Benchmark
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

// One benchmark per scenario (DESIGN section 11): read → project → graph → partition → service areas →
// metrics → write, end to end. The harness measures wall clock, peak resident memory and mallocs of the
// whole run; custom metrics give the seconds (ms) and peak MB of each stage and the section 6 quality
// figures of the plan. Each run also appends a time line and a quality line to out/pipeline-runs.txt
// and prints them on stderr.

/// Custom metrics, all plain counts (no K/M scaling in the table).
enum Metric {
    static func ms(_ stage: String) -> BenchmarkMetric { .custom("\(stage) (ms)", useScalingFactor: false) }
    static func peak(_ phase: String) -> BenchmarkMetric { .custom("peak RSS \(phase) (MB)", useScalingFactor: false) }
    static let stages = ["read", "project", "graph", "partition", "service areas", "unproject", "metrics", "write", "total"]
    static let phases = ["load", "pipeline", "write"]
    static let maxDeviation = BenchmarkMetric.custom("max |dev| (0.01%)", useScalingFactor: false)
    static let noncontiguous = BenchmarkMetric.custom("non-contiguous districts", useScalingFactor: false)
    static let groupsSplit = BenchmarkMetric.custom("groups split", useScalingFactor: false)
    static let relationCut = BenchmarkMetric.custom("relation cut (0.1%)", useScalingFactor: false)
    static let dispersion = BenchmarkMetric.custom("dispersion (km2 load)", useScalingFactor: false)

    static let custom: [BenchmarkMetric] = stages.map(ms) + phases.map(peak)
        + [maxDeviation, noncontiguous, groupsSplit, relationCut, dispersion]
}

func record(_ run: PipelineRun, scenario: Scenario, into benchmark: Benchmark) {
    for (stage, seconds) in run.stages { benchmark.measurement(Metric.ms(stage), Int((seconds * 1000).rounded())) }
    benchmark.measurement(Metric.ms("total"), Int((run.total * 1000).rounded()))
    for (phase, mb) in run.peakMB { benchmark.measurement(Metric.peak(phase), mb) }
    let r = run.report
    benchmark.measurement(Metric.maxDeviation, Int((r.maxAbsDeviation * 10_000).rounded()))
    benchmark.measurement(Metric.noncontiguous, (r.noncontiguous ?? []).count)
    benchmark.measurement(Metric.groupsSplit, r.groupsSplit)
    benchmark.measurement(Metric.relationCut, Int(((r.relationCutFraction ?? 0) * 1000).rounded()))
    benchmark.measurement(Metric.dispersion, Int((r.dispersion / 1e6).rounded()))

    let text = "\(scenario.name) (\(r.households) households, k=\(scenario.k))\n  time     \(run.timeLine)\n"
        + "  quality  \(run.qualityLine)\n"
    FileHandle.standardError.write(Data(text.utf8))
    let log = Paths.out + "/pipeline-runs.txt"
    if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
    if let f = FileHandle(forWritingAtPath: log) {
        f.seekToEndOfFile()
        f.write(Data(text.utf8))
        try? f.close()
    }
}

let benchmarks: @Sendable () -> Void = {
    var units: [BenchmarkMetric: BenchmarkUnits] = [:]
    for m in Metric.custom { units[m] = .count }
    for scenario in Scenario.all {
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal] + Metric.custom,
            timeUnits: .milliseconds,
            units: units,
            warmupIterations: scenario.warmup,
            maxDuration: .seconds(scenario.maxIterations > 3 ? 10 : 60),
            maxIterations: scenario.maxIterations)
        Benchmark("pipeline \(scenario.name)", configuration: configuration, closure: { benchmark in
            for _ in benchmark.scaledIterations {
                let run = try PipelineRun.run(scenario, output: Paths.out + "/plan-\(scenario.name).geojson")
                record(run, scenario: scenario, into: benchmark)
            }
        }, setup: {
            try FileManager.default.createDirectory(atPath: Paths.out, withIntermediateDirectories: true)
            try scenario.prepare()
        })
    }
}
