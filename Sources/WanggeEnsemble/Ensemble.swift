import WanggeModel

/// Which proposal the chains use.
public enum EnsembleMethod: String, Sendable, CaseIterable {
    /// ReCom where nodes are fine, merge-split where they are coarse (merge-split's own criterion).
    case auto
    case recom
    case mergeSplit = "merge-split"
}

public struct EnsembleOptions: Sendable {
    /// Steps per chain (burn-in included).
    public var steps: Int
    public var chains: Int = 2
    /// Record every `thin`-th step after the burn-in.
    public var thin: Int = 1
    /// Steps per chain run before recording (default: a tenth of `steps`).
    public var burnIn: Int? = nil
    public var seed: UInt64 = 1
    public var method: EnsembleMethod = .auto
    /// Keep every `saveEvery`-th step's plan (0 = none).
    public var saveEvery: Int = 0
    /// ReCom: spanning trees drawn per step before the step counts as rejected.
    public var maxTrees: Int = 10_000

    /// Checked every few steps of every chain: when set, the chains stop and `run` throws
    /// `CancellationError`.
    public var cancellation: Cancellation = .never
    public init(steps: Int) { self.steps = steps }

    public var effectiveBurnIn: Int { burnIn ?? steps / 10 }
}

/// One recorded step.
public struct EnsembleRow: Sendable, Equatable {
    public var chain: Int
    public var step: Int
    public var accepted: Bool
    public var figures: EnsembleFigures
}

/// One chain's output.
public struct ChainResult: Sendable {
    public var rows: [EnsembleRow]
    /// Plans kept with `saveEvery`: step and district per node.
    public var plans: [(step: Int, part: [Int32])]
    public var accepted: Int
    public var steps: Int
    /// Steps with no possible proposal or, for ReCom, no balanced cut within `maxTrees` trees.
    public var stuck: Int
}

public struct EnsembleResult: Sendable {
    public var method: EnsembleMethod
    public var chains: [ChainResult]
    public var rows: [EnsembleRow] { chains.flatMap(\.rows) }
}

/// Progress callback: chain, steps done, accepted so far.
public typealias EnsembleProgress = @Sendable (Int, Int, Int) -> Void

public enum Ensemble {
    /// Runs `options.chains` chains from `start` (district per node) on all cores. Chain c draws
    /// from SplitMix64 seeded with `seed` and c, so the result is the same for the same inputs
    /// whatever the scheduling.
    public static func run(_ g: EnsembleGraph, start: [Int32], options o: EnsembleOptions,
                           progress: EnsembleProgress? = nil) throws -> EnsembleResult {
        guard o.steps >= 1 else { throw WanggeError.usage("--steps must be ≥ 1") }
        guard o.chains >= 1 else { throw WanggeError.usage("--chains must be ≥ 1") }
        guard o.thin >= 1 else { throw WanggeError.usage("--thin must be ≥ 1") }
        guard o.effectiveBurnIn >= 0, o.effectiveBurnIn < o.steps else {
            throw WanggeError.usage("--burn-in must be ≥ 0 and less than --steps")
        }
        guard start.count == g.nodeCount, start.allSatisfy({ $0 >= 0 && Int($0) < g.k }) else {
            throw WanggeError(.software, "start plan has \(start.count) nodes, graph \(g.nodeCount)")
        }
        let method: EnsembleMethod = o.method == .auto ? (g.coarse ? .mergeSplit : .recom) : o.method
        let chains = parallelMap(o.chains) { c in
            runChain(g, start: start, chain: c, method: method, options: o, progress: progress)
        }
        try o.cancellation.check()
        return EnsembleResult(method: method, chains: chains)
    }

    static func runChain(_ g: EnsembleGraph, start: [Int32], chain c: Int, method: EnsembleMethod,
                         options o: EnsembleOptions, progress: EnsembleProgress?) -> ChainResult {
        var rng = SplitMix64(seed: o.seed ^ (UInt64(c + 1) &* 0xD1B5_4A32_D192_ED03))
        _ = rng.next()
        var state = ChainState(graph: g, part: start)
        var scratch = TreeScratch()
        let burn = o.effectiveBurnIn
        var rows: [EnsembleRow] = []
        rows.reserveCapacity((o.steps - burn) / o.thin + 1)
        var plans: [(step: Int, part: [Int32])] = []
        var accepted = 0, stuck = 0
        for step in 1...o.steps {
            if step & 63 == 0 && o.cancellation.isCancelled { break }
            let outcome = method == .recom ? state.recomStep(&rng, maxTrees: o.maxTrees, scratch: &scratch)
                                           : state.mergeSplitStep(&rng, scratch: &scratch)
            switch outcome {
            case .accepted: accepted += 1
            case .noProposal: stuck += 1
            case .rejected: if method == .recom { stuck += 1 }
            }
            if step > burn && (step - burn) % o.thin == 0 {
                rows.append(EnsembleRow(chain: c, step: step, accepted: outcome == .accepted, figures: state.figures))
            }
            if o.saveEvery > 0 && step % o.saveEvery == 0 { plans.append((step, state.part)) }
            if step % 2_000 == 0 { progress?(c, step, accepted) }
        }
        progress?(c, o.steps, accepted)
        return ChainResult(rows: rows, plans: plans, accepted: accepted, steps: o.steps, stuck: stuck)
    }
}
