/// The exact rectangular assignment problem (Hungarian method with potentials, O(r²·c)): each of
/// `rows` rows gets a distinct column, rows ≤ columns, least total cost. Used to give districts
/// without a named leader their town leader.
public enum Assignment {
    /// `cost[r * columns + c]`; returns the column of each row.
    public static func solve(rows: Int, columns: Int, cost: [Double]) -> [Int] {
        precondition(rows <= columns && cost.count == rows * columns)
        guard rows > 0 else { return [] }
        let n = rows, m = columns
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...m where !used[j] {
                    let cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...m {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var out = [Int](repeating: -1, count: n)
        for j in 1...m where p[j] > 0 { out[p[j] - 1] = j - 1 }
        return out
    }
}
