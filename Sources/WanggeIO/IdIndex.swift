import WanggeModel

/// Household id → row, as `HouseholdTable.indexById()`, possibly held in several shards (ids split
/// by a hash of their bytes) that were built side by side.
public struct IdIndex: Sendable {
    private let shards: [[String: Int32]]

    public init(_ index: [String: Int32]) { shards = [index] }

    init(shards: [[String: Int32]]) { self.shards = shards }

    public subscript(id: String) -> Int32? {
        if shards.count == 1 { return shards[0][id] }
        if let s = Self.shard(of: id, among: shards.count) { return shards[s][id] }
        // Not ASCII: it may still equal an (ASCII) id as a String (canonical equivalence: the Kelvin
        // sign is "K"), whose shard its bytes do not tell.
        for shard in shards { if let row = shard[id] { return row } }
        return nil
    }

    /// Which of `count` shards holds `id`: FNV-1a of its UTF-8 bytes (the same on every run); nil
    /// when `id` is not ASCII. Strings compare by canonical equivalence, so only ASCII ids, which
    /// equal no other bytes, can be placed by their bytes; sharded indexes hold only those.
    static func shard(of id: String, among count: Int) -> Int? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 {
            if b >= 0x80 { return nil }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return Int(h % UInt64(count))
    }

    /// The rows of `ids` in `shards` dictionaries built side by side, or the first row whose id
    /// repeats an earlier one (the row where adding them one by one finds the duplicate).
    static func build(_ ids: [String], shards: Int) -> (index: IdIndex?, firstDuplicate: Int?) {
        // Each id's shard, hashed once (in `shards` ranges side by side), then one map per shard; one
        // map when an id is not ASCII (see `shard(of:among:)`).
        let ranges = chunkRanges(ids.count, parts: shards)
        let placed = parallelMap(ranges.count) { r -> [UInt32]? in
            var out: [UInt32] = []
            out.reserveCapacity(ranges[r].count)
            for row in ranges[r] {
                guard let s = shard(of: ids[row], among: shards) else { return nil }
                out.append(UInt32(s))
            }
            return out
        }
        guard shards > 1, placed.allSatisfy({ $0 != nil }) else { return build(ids) }
        let shardOf = placed.flatMap { $0! }
        let parts = parallelMap(shards) { s -> (map: [String: Int32], duplicate: Int?) in
            var map = [String: Int32](minimumCapacity: ids.count / shards + 16)
            let mine = UInt32(s)
            for row in ids.indices where shardOf[row] == mine {
                if map.updateValue(Int32(row), forKey: ids[row]) != nil { return ([:], row) }
            }
            return (map, nil)
        }
        if let duplicate = parts.compactMap(\.duplicate).min() { return (nil, duplicate) }
        return (IdIndex(shards: parts.map(\.map)), nil)
    }

    /// One map, rows added in order.
    private static func build(_ ids: [String]) -> (index: IdIndex?, firstDuplicate: Int?) {
        var map = [String: Int32](minimumCapacity: ids.count)
        for row in ids.indices where map.updateValue(Int32(row), forKey: ids[row]) != nil { return (nil, row) }
        return (IdIndex(map), nil)
    }
}
