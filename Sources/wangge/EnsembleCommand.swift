import ArgumentParser
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
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct EnsembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensemble",
        abstract: "Sample plans that keep every hard rule (ReCom / merge-split chains) and record their figures.",
        discussion: """
        Runs Markov chains over the plans that keep partition's hard rules (work groups whole unless
        --split-groups, districts connected in the neighbour graph, barriers, --nest-field, every district's load
        within --tolerance of total/k). Where work groups are coarse against the band (on average at least half as
        heavy as the band is wide: merge-split's criterion) the chain is merge-split with a Metropolis–Hastings
        correction whose target is the uniform distribution over valid plans; elsewhere ReCom (random-weight
        spanning tree of two merged districts, cut where both sides are in the band), as GerryChain's recom.
        Chains start from --start or from a fresh partition and run on all cores, chain c seeded from --seed
        and c: the same inputs and seed give the same bytes.

        Writes one CSV row per recorded step (after --burn-in, every --thin steps): chain, step, accepted,
        max_deviation, relation_cut (fraction of relation weight), dispersion (m² × load), polsby_popper (the
        isoperimetric proxy 6√3·π·sites/cut_edges² per district, mean), cut_edges, groups_split, villages_split
        (empty when not recorded). With ≥ 2 chains the split-R̂ and effective sample size of each figure are
        printed and written to --summary (default OUTPUT.summary.json); R̂ > 1.05 is a warning.

        Example:
          wangge ensemble sample-geo/households.geojson --relations sample-geo/relations.csv \\
            --barriers sample-geo/river.geojson --boundary sample-geo/bagongshan-boundary.geojson \\
            -k 21 --steps 50000 --chains 2 -o out/ens.csv
          wangge report out/plan.geojson --relations sample-geo/relations.csv --ensemble out/ens.csv
        """)

    @OptionGroup var input: InputArguments
    @OptionGroup var partition: PartitionArguments

    @Option(help: "Steps per chain (the burn-in included).")
    var steps: Int

    @Option(help: "Number of chains (default: 2, or the number of cores when larger).")
    var chains: Int?

    @Option(help: "Start plan (a plan file written by partition or redraw, households matched by id); default: a fresh partition.")
    var start: String?

    @Option(help: "Record every K-th step.")
    var thin = 1

    @Option(help: "Steps per chain before recording (default: a tenth of --steps).")
    var burnIn: Int?

    @Option(help: "Proposal: auto (merge-split where work groups are coarse, else ReCom), recom or merge-split.")
    var method = "auto"

    @Option(help: "Keep sampled plans as DIR/chainC-stepS.csv (id,district rows), every --save-every steps.")
    var savePlans: String?

    @Option(help: "With --save-plans: keep every M-th step's plan.")
    var saveEvery = 1000

    @Option(help: "Convergence summary JSON (default: OUTPUT.summary.json).")
    var summary: String?

    @Option(help: .hidden)
    var exportGraph: String?

    @Option(name: .shortAndLong, help: "The CSV of recorded steps.")
    var output: String

    func run() throws {
        Diagnostics.quiet = input.quiet
        try reportingErrors {
            guard let m = EnsembleMethod(rawValue: method) else {
                throw WanggeError.usage("--method must be auto, recom or merge-split, not '\(method)'")
            }
            guard saveEvery >= 1 else { throw WanggeError.usage("--save-every must be ≥ 1") }
            Diagnostics.progress("reading \(input.households)")
            let inputs = try Inputs.load(input.inputOptions)
            let startPlan = try start.map { path in
                try PlanReader.read(path: path, options: PlanReadOptions(groupField: input.groupField,
                                                                         villageField: input.nestField ?? "village"))
            }
            Diagnostics.progress(start == nil ? "partitioning for the start plan" : "matching the start plan")
            let setup = try EnsemblePipeline.prepare(inputs, options: partition.partitionOptions,
                                                     nest: input.nestField != nil, start: startPlan, startPath: start)
            for w in setup.warnings { Diagnostics.warning(w) }
            if let exportGraph { try OutputFile.write(path: exportGraph) { try $0.append(EnsembleText.graphJSON(setup.graph, start: setup.start)) } }
            var options = EnsembleOptions(steps: steps)
            options.chains = chains ?? max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
            options.thin = thin; options.burnIn = burnIn; options.seed = partition.seed; options.method = m
            options.saveEvery = savePlans == nil ? 0 : saveEvery
            let chosen = m == .auto ? (setup.graph.coarse ? EnsembleMethod.mergeSplit : .recom) : m
            Diagnostics.progress("\(options.chains) chain(s) × \(steps) steps, \(chosen.rawValue) over \(setup.graph.nodeCount) nodes, k = \(setup.graph.k)")
            let meter = ProgressMeter(chains: options.chains, steps: steps)
            let clock = ContinuousClock(), t0 = clock.now
            let result = try Ensemble.run(setup.graph, start: setup.start, options: options) { c, done, accepted in
                meter.update(chain: c, done: done, accepted: accepted)
            }
            let elapsed = clock.now - t0
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let total = result.chains.reduce(0) { $0 + $1.steps }
            let acc = Double(result.chains.reduce(0) { $0 + $1.accepted }) / Double(max(total, 1))
            Diagnostics.progress("\(total) steps in \(fmt(seconds)) s: \(Int(Double(total) / max(seconds, 1e-9))) steps/s, acceptance \(fmt(100 * acc))%")

            try OutputFile.write(path: output) { f in
                try f.append(EnsembleText.header)
                for ch in result.chains {
                    var text = ""
                    EnsembleText.appendRows(ch.rows, to: &text)
                    try f.append(text)
                }
            }
            let convergence = Convergence.figures(of: result)
            try OutputFile.write(path: summary ?? output + ".summary.json") {
                try $0.append(EnsembleText.summaryJSON(result, options: options, convergence: convergence))
            }
            if options.chains >= 2 {
                print("convergence over \(options.chains) chains (split-R̂, effective sample size):")
                print(EnsembleText.summaryText(convergence), terminator: "")
                let bad = convergence.filter { ($0.rHat ?? 1) > Convergence.rHatLimit }
                if !bad.isEmpty {
                    Diagnostics.warning("R̂ > \(Convergence.rHatLimit) for \(bad.map(\.figure).joined(separator: ", ")): the chains have not mixed; run more --steps")
                }
            } else {
                Diagnostics.warning("one chain: no R̂ (run --chains 2 or more to check mixing)")
            }
            let stuck = result.chains.reduce(0) { $0 + $1.stuck }
            if stuck > 0 {
                Diagnostics.warning("\(stuck) step(s) found no valid proposal (no balanced cut in \(options.maxTrees) spanning trees, or no district to merge)")
            }
            if let dir = savePlans {
                try SampleWriter.makeDirectory(dir)
                let hh = inputs.households
                for (c, ch) in result.chains.enumerated() {
                    for (step, part) in ch.plans {
                        let name = "\(dir)/chain\(c)-step\(step).csv"
                        try OutputFile.write(path: name) { f in
                            var text = "id,district\n"
                            for i in 0..<hh.count {
                                let node = setup.graph.nodeOfSite[Int(setup.siteOfHousehold[i])]
                                text += "\(hh.ids[i]),\(setup.districtIds[Int(part[Int(node)])])\n"
                            }
                            try f.append(text)
                        }
                    }
                }
            }
            print("wrote \(output) (\(result.chains.reduce(0) { $0 + $1.rows.count }) rows)")
        }
    }

    func fmt(_ v: Double) -> String { "\((v * 10).rounded() / 10)" }
}

/// Steps/s and acceptance on stderr, at most once a second, from whichever chain reports.
final class ProgressMeter: Sendable {
    struct State { var done: [Int]; var accepted: [Int]; var last: ContinuousClock.Instant; let start: ContinuousClock.Instant }
    let state: Mutex<State>
    let total: Int
    init(chains: Int, steps: Int) {
        let now = ContinuousClock.now
        state = Mutex(State(done: [Int](repeating: 0, count: chains), accepted: [Int](repeating: 0, count: chains), last: now, start: now))
        total = chains * steps
    }
    func update(chain: Int, done: Int, accepted: Int) {
        let line: String? = state.withLock { s in
            s.done[chain] = done; s.accepted[chain] = accepted
            let now = ContinuousClock.now
            guard now - s.last >= .seconds(1) else { return nil }
            s.last = now
            let d = s.done.reduce(0, +), a = s.accepted.reduce(0, +)
            let el = now - s.start
            let sec = Double(el.components.seconds) + Double(el.components.attoseconds) * 1e-18
            return "  \(d)/\(total) steps, \(Int(Double(d) / max(sec, 1e-9))) steps/s, acceptance \(Int((100 * Double(a) / Double(max(d, 1))).rounded()))%"
        }
        if let line { Diagnostics.progress(line) }
    }
}
