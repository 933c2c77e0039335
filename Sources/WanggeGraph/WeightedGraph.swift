import WanggeModel

/// A symmetric weighted graph in CSR form (no self loops, one entry per neighbour with summed weight,
/// neighbours sorted per vertex). Used for affinity (relations, work groups), not contiguity.
public struct WeightedGraph: Sendable, Equatable {
    public var offsets: [Int32]
    public var neighbours: [Int32]
    public var weights: [Double]

    public var vertexCount: Int { offsets.count - 1 }

    public func neighbours(of v: Int) -> ArraySlice<Int32> { neighbours[Int(offsets[v])..<Int(offsets[v + 1])] }
    public func weights(of v: Int) -> ArraySlice<Double> { weights[Int(offsets[v])..<Int(offsets[v + 1])] }

    /// From undirected pairs (a[i], b[i]) with weight[i]: pairs with a == b are dropped, repeated pairs
    /// (in either direction) have their weights summed.
    public init(vertexCount n: Int, a: [Int32], b: [Int32], weight: [Double]) {
        precondition(a.count == b.count && a.count == weight.count, "pair arrays differ in length")
        var counts = [Int32](repeating: 0, count: n + 1)
        for i in 0..<a.count where a[i] != b[i] { counts[Int(a[i]) + 1] += 1; counts[Int(b[i]) + 1] += 1 }
        for s in 0..<n { counts[s + 1] += counts[s] }
        var fill = Array(counts.dropLast())
        var nb = [Int32](repeating: 0, count: Int(counts[n]))
        var w = [Double](repeating: 0, count: Int(counts[n]))
        for i in 0..<a.count where a[i] != b[i] {
            let p = Int(a[i]), q = Int(b[i])
            nb[Int(fill[p])] = b[i]; w[Int(fill[p])] = weight[i]; fill[p] += 1
            nb[Int(fill[q])] = a[i]; w[Int(fill[q])] = weight[i]; fill[q] += 1
        }
        // Sort each row (stable in input order for equal neighbours, so sums are deterministic),
        // then merge equal neighbours.
        var offsets = [Int32](repeating: 0, count: n + 1)
        var outN: [Int32] = [], outW: [Double] = []
        outN.reserveCapacity(nb.count); outW.reserveCapacity(nb.count)
        var row: [Int] = []
        for s in 0..<n {
            let lo = Int(counts[s]), hi = Int(counts[s + 1])
            if hi - lo == 1 {
                outN.append(nb[lo]); outW.append(w[lo])
            } else if hi - lo > 1 {
                row.removeAll(keepingCapacity: true)
                row.append(contentsOf: lo..<hi)
                row.sort { nb[$0] != nb[$1] ? nb[$0] < nb[$1] : $0 < $1 }
                var k = 0
                while k < row.count {
                    let target = nb[row[k]]
                    var sum = 0.0
                    while k < row.count && nb[row[k]] == target { sum += w[row[k]]; k += 1 }
                    outN.append(target); outW.append(sum)
                }
            }
            offsets[s + 1] = Int32(outN.count)
        }
        self.offsets = offsets; self.neighbours = outN; self.weights = outW
    }
}

extension NeighbourGraph {
    /// Affinity between sites from household pairs (relations): each pair (a[i], b[i]) of household
    /// indices adds weight[i] between their sites; pairs within one site are dropped.
    public func siteAffinity(a: [Int32], b: [Int32], weight: [Double]) -> WeightedGraph {
        WeightedGraph(vertexCount: siteCount, a: a.map { siteOfHousehold[Int($0)] },
                      b: b.map { siteOfHousehold[Int($0)] }, weight: weight)
    }

    /// Affinity between sites from a relation table (by household index).
    public func siteAffinity(_ relations: RelationTable) -> WeightedGraph {
        siteAffinity(a: relations.a, b: relations.b, weight: relations.weight)
    }
}
