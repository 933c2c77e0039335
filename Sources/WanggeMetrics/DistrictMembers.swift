/// Households grouped by district (counting sort, input order kept within a district): the
/// households of district d are `households[start[d]..<start[d+1]]`.
public struct DistrictMembers: Sendable, Equatable {
    public var start: [Int]
    public var households: [Int32]

    public init(assignment: [Int32], districtCount k: Int) {
        var start = [Int](repeating: 0, count: k + 1)
        for d in assignment { start[Int(d) + 1] += 1 }
        for d in 0..<k { start[d + 1] += start[d] }
        var fill = start
        var hh = [Int32](repeating: 0, count: assignment.count)
        for i in 0..<assignment.count {
            let d = Int(assignment[i])
            hh[fill[d]] = Int32(i); fill[d] += 1
        }
        self.start = start; self.households = hh
    }

    public var districtCount: Int { start.count - 1 }
    public func members(of d: Int) -> ArraySlice<Int32> { households[start[d]..<start[d + 1]] }
}
