import WanggeModel

/// Entry point: `try Partitioner.partition(problem)`.
public enum Partitioner {
    /// Partitions the sites into `problem.k` districts (DESIGN section 4). Throws `WanggeError`
    /// for requests that cannot be met at all (k out of range, a group heavier than the upper
    /// bound, inconsistent arrays); reports softer failures in `diagnostics`.
    public static func partition(_ p: PartitionProblem) throws -> PartitionResult {
        let clock = ContinuousClock()
        var times: [StageTime] = []
        var t = clock.now
        func lap(_ name: String) { times.append(StageTime(stage: name, seconds: seconds(clock.now - t))); t = clock.now }

        try validate(p)
        try p.cancellation.check()
        // Cost scales: dispersion is in mass·m²; a relation cut costs relationTradeOff sites at one
        // district radius, a cut contiguity edge a small fraction of one site at one spacing.
        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        for i in 0..<p.siteCount { x0 = min(x0, p.x[i]); x1 = max(x1, p.x[i]); y0 = min(y0, p.y[i]); y1 = max(y1, p.y[i]) }
        let area = max((x1 - x0) * (y1 - y0), 1)
        let siteTotal = p.load.reduce(0, +)
        let meanMass = max(siteTotal / Double(max(p.siteCount, 1)), 1e-9)
        let radiusCost = area / (Double.pi * Double(p.k)) * meanMass
        let relationCost = max(p.relationTradeOff, 0) * radiusCost
        let edgeCost = 0.05 * area / Double(max(p.siteCount, 1)) * meanMass
        let atoms = try Atoms.build(p, relationCost: relationCost, glueWeight: 20 * radiusCost,
                                    cancellation: p.cancellation)
        let total = atoms.graph.load.reduce(0, +)
        let target = total / Double(p.k)
        if p.k > atoms.count {
            throw WanggeError.data("k = \(p.k) exceeds the \(atoms.count) indivisible units (work groups and ungrouped households); lower k or allow split groups",
                                   at: SourceLocation(field: "k"))
        }
        let upper = (1 + p.tolerance) * target, lower = (1 - p.tolerance) * target
        try checkNoAtomHeavierThan(upper, p, atoms: atoms)
        lap("atoms")
        let units = Units.build(atoms: atoms, k: p.k, tolerance: p.tolerance)
        lap("units")
        try p.cancellation.check()


        // Solve every unit.
        let m = atoms.count
        var atomDistrict = [Int32](repeating: -1, count: m)
        var localIndex = [Int32](repeating: -1, count: m)
        var atomsOfUnit = [[Int32]](repeating: [], count: units.unitCount)
        for a in 0..<m { atomsOfUnit[Int(units.unitOfAtom[a])].append(Int32(a)) }
        var bridgesOf = [[Int]](repeating: [], count: units.unitCount)
        for (i, a) in units.bridgeA.enumerated() { bridgesOf[Int(units.unitOfAtom[Int(a)])].append(i) }
        var nextDistrict: Int32 = 0
        var ml = Multilevel(lower: lower, upper: upper, relationBoost: 1 / radiusCost, edgeCost: edgeCost, seed: p.seed)
        ml.cancellation = p.cancellation
        for u in 0..<units.unitCount {
            try p.cancellation.check()
            let list = atomsOfUnit[u]
            for (i, a) in list.enumerated() { localIndex[Int(a)] = Int32(i) }
            let sub = subgraph(atoms.graph, atoms: list, localIndex: localIndex, unitOfAtom: units.unitOfAtom,
                               unit: Int32(u), bridges: bridgesOf[u].map { (units.bridgeA[$0], units.bridgeB[$0]) })
            let checkPieces: (([Int32]) -> Int)? = atoms.brokenAtoms.isEmpty ? nil : { part in
                // Site-level pieces of this unit's districts beyond one per district.
                var siteNode = [Int32](repeating: -1, count: p.siteCount)
                for (i, a) in list.enumerated() {
                    for j in Int(atoms.memberOffsets[Int(a)])..<Int(atoms.memberOffsets[Int(a) + 1]) {
                        siteNode[Int(atoms.members[j])] = part[i]
                    }
                }
                let (piece, _) = Contiguity.pieces(offsets: p.offsets, adj: p.neighbours, part: siteNode)
                var seen = Set<Int32>()
                for i in 0..<p.siteCount where siteNode[i] >= 0 { seen.insert(piece[i]) }
                return seen.count - units.districts[u]
            }
            let part = ml.solve(sub, k: units.districts[u], splitPieces: checkPieces)
            // Cancelled inside: the part is unfinished (or empty).
            try p.cancellation.check()
            for (i, a) in list.enumerated() { atomDistrict[Int(a)] = nextDistrict + part[i] }
            nextDistrict += Int32(units.districts[u])
        }
        try p.cancellation.check()
        times.append(StageTime(stage: "coarsen", seconds: ml.coarsenSeconds))
        times.append(StageTime(stage: "initial", seconds: ml.initialSeconds))
        times.append(StageTime(stage: "refine", seconds: ml.refineSeconds))
        t = clock.now

        var district = atoms.atomOfSite.map { atomDistrict[Int($0)] }
        renumber(&district, p, k: p.k)
        var result = finish(p, district: district, target: target, atoms: atoms, diagnostics: units.diagnostics)
        lap("evaluate")
        result.stageTimes = times
        return result
    }

    /// A work group (or a site: households at one coordinate) heavier than a district may be
    /// cannot be placed: a data error naming the heaviest.
    static func checkNoAtomHeavierThan(_ upper: Double, _ p: PartitionProblem, atoms: Atoms) throws {
        var heaviest = -1
        for a in 0..<atoms.count where atoms.graph.load[a] > upper + 1e-9 * upper {
            if heaviest < 0 || atoms.graph.load[a] > atoms.graph.load[heaviest] { heaviest = a }
        }
        guard heaviest >= 0 else { return }
        let gid = atoms.groupOfAtom[heaviest]
        let name = gid >= 0 ? (p.groupNames.flatMap { Int(gid) < $0.count ? $0[Int(gid)] : nil } ?? "#\(gid)") : "site \(atoms.members[Int(atoms.memberOffsets[heaviest])])"
        throw WanggeError.data("work group \(name) has load \(atoms.graph.load[heaviest]), more than (1 + tolerance)·T = \(upper); raise the tolerance, lower k or allow split groups",
                               at: SourceLocation(field: "group"))
    }

    static func validate(_ p: PartitionProblem) throws {
        let n = p.siteCount
        guard n > 0 else { throw WanggeError.data("no sites to partition") }
        guard p.y.count == n, p.load.count == n, p.offsets.count == n + 1,
              p.offsets.first == 0, Int(p.offsets[n]) == p.neighbours.count,
              p.relationA.count == p.relationB.count, p.relationA.count == p.relationWeight.count,
              p.group.map({ $0.count == n }) ?? true, p.nest.map({ $0.count == n }) ?? true
        else { throw WanggeError(.software, "partition problem arrays have inconsistent lengths") }
        guard p.k >= 1, p.k <= n else {
            throw WanggeError.usage("k = \(p.k) must be between 1 and the number of sites (\(n))")
        }
        guard p.tolerance >= 0, p.tolerance.isFinite else { throw WanggeError.usage("tolerance must be ≥ 0") }
        for i in 0..<n {
            guard p.load[i].isFinite, p.load[i] >= 0 else {
                throw WanggeError.data("site \(i) has load \(p.load[i]); loads must be finite and ≥ 0", at: SourceLocation(field: "load"))
            }
            guard p.offsets[i] <= p.offsets[i + 1] else { throw WanggeError(.software, "graph offsets decrease at site \(i)") }
        }
        guard p.load.reduce(0, +) > 0 else { throw WanggeError.data("the total load is 0: nothing to balance", at: SourceLocation(field: "load")) }
        for v in p.neighbours where v < 0 || Int(v) >= n {
            throw WanggeError(.software, "graph neighbour \(v) out of range")
        }
        for i in 0..<p.relationA.count {
            guard p.relationA[i] >= 0, Int(p.relationA[i]) < n, p.relationB[i] >= 0, Int(p.relationB[i]) < n
            else { throw WanggeError(.software, "relation \(i) names a site out of range") }
        }
    }

    /// The unit's atoms as a level graph with local indices, plus its bridges.
    static func subgraph(_ g: LevelGraph, atoms list: [Int32], localIndex: [Int32], unitOfAtom: [Int32],
                         unit: Int32, bridges: [(Int32, Int32)]) -> LevelGraph {
        let n = list.count
        var extraOf: [Int32: [Int32]] = [:]
        for (a, b) in bridges {
            extraOf[localIndex[Int(a)], default: []].append(localIndex[Int(b)])
            extraOf[localIndex[Int(b)], default: []].append(localIndex[Int(a)])
        }
        var offsets = [Int32](repeating: 0, count: n + 1)
        var adj: [Int32] = [], ew: [Float] = []
        var relOffsets = [Int32](repeating: 0, count: n + 1)
        var relAdj: [Int32] = [], relW: [Double] = []
        var load = [Double](repeating: 0, count: n), mass = load, cx = load, cy = load
        for (i, a32) in list.enumerated() {
            let a = Int(a32)
            load[i] = g.load[a]; mass[i] = g.mass[a]; cx[i] = g.cx[a]; cy[i] = g.cy[a]
            for e in g.neighbourRange(a) where unitOfAtom[Int(g.adj[e])] == unit {
                adj.append(localIndex[Int(g.adj[e])]); ew.append(g.edgeWeight[e])
            }
            if let more = extraOf[Int32(i)] {
                for b in more where !adj[Int(offsets[i])...].contains(b) { adj.append(b); ew.append(1) }
            }
            offsets[i + 1] = Int32(adj.count)
            for e in g.relationRange(a) where unitOfAtom[Int(g.relAdj[e])] == unit {
                relAdj.append(localIndex[Int(g.relAdj[e])]); relW.append(g.relW[e])
            }
            relOffsets[i + 1] = Int32(relAdj.count)
        }
        return LevelGraph(offsets: offsets, adj: adj, edgeWeight: ew, load: load, cx: cx, cy: cy, mass: mass,
                          relOffsets: relOffsets, relAdj: relAdj, relW: relW)
    }

    /// Renumbers districts in reading order of their centroids: rows north to south, then west to east.
    static func renumber(_ district: inout [Int32], _ p: PartitionProblem, k: Int) {
        var m = [Double](repeating: 0, count: k), sx = m, sy = m
        for i in 0..<p.siteCount {
            let d = Int(district[i]); let w = max(p.load[i], 1e-9)
            m[d] += w; sx[d] += w * p.x[i]; sy[d] += w * p.y[i]
        }
        let cx = (0..<k).map { sx[$0] / max(m[$0], 1e-300) }, cy = (0..<k).map { sy[$0] / max(m[$0], 1e-300) }
        let byNorth = (0..<k).sorted { cy[$0] > cy[$1] || (cy[$0] == cy[$1] && $0 < $1) }
        let rows = max(1, Int(Double(k).squareRoot().rounded()))
        let perRow = (k + rows - 1) / rows
        var newId = [Int32](repeating: 0, count: k)
        var next: Int32 = 0
        var start = 0
        while start < k {
            let row = byNorth[start..<min(k, start + perRow)].sorted { cx[$0] < cx[$1] || (cx[$0] == cx[$1] && $0 < $1) }
            for d in row { newId[d] = next; next += 1 }
            start += perRow
        }
        for i in 0..<district.count { district[i] = newId[Int(district[i])] }
    }
}

extension Partitioner {
    /// Figures and diagnostics of a finished assignment.
    static func finish(_ p: PartitionProblem, district: [Int32], target: Double, atoms: Atoms,
                       diagnostics: [PartitionDiagnostic]) -> PartitionResult {
        var result = evaluate(p, district: district, target: target)
        result.diagnostics = diagnostics
        for a in atoms.brokenAtoms.prefix(20) {
            let gid = atoms.groupOfAtom[Int(a)]
            result.diagnostics.append(.nonContiguousGroup(group: gid, name: p.groupNames.flatMap { Int(gid) < $0.count && gid >= 0 ? $0[Int(gid)] : nil }))
        }
        var sitesPer = [Int](repeating: 0, count: p.k)
        for d in district { sitesPer[Int(d)] += 1 }
        for d in 0..<p.k where sitesPer[d] == 0 { result.diagnostics.append(.emptyDistrict(district: Int32(d))) }
        let piecesPer = Contiguity.piecesPerDistrict(offsets: p.offsets, adj: p.neighbours, part: district, k: p.k)
        for d in 0..<p.k where piecesPer[d] > 1 {
            result.diagnostics.append(.nonContiguousDistrict(district: Int32(d), pieces: piecesPer[d]))
        }
        result.contiguous = piecesPer.map { $0 <= 1 }
        if result.worstDeviation > p.tolerance + 1e-9 {
            result.diagnostics.append(.balanceNotReached(worstDeviation: result.worstDeviation, tolerance: p.tolerance))
        }
        if let nest = p.nest {
            var unitOf = [Int32](repeating: Int32.min, count: p.k)
            var crossing = Set<Int32>()
            for i in 0..<p.siteCount {
                let d = Int(district[i])
                if unitOf[d] == Int32.min { unitOf[d] = nest[i] } else if unitOf[d] != nest[i] { crossing.insert(Int32(d)) }
            }
            for d in crossing.sorted() { result.diagnostics.append(.districtCrossesNestUnits(district: d)) }
        }
        return result
    }
}
