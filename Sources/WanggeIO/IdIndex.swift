import WanggeModel

/// Household id → row, as `HouseholdTable.indexById()`, possibly held in several shards (ids split
/// by a hash of their bytes) that were built side by side.
public struct IdIndex: Sendable {
    private let shards: [[String: Int32]]

    public init(_ index: [String: Int32]) { shards = [index] }

    init(shards: [[String: Int32]]) { self.shards = shards }

    public subscript(id: String) -> Int32? {
        shards.count == 1 ? shards[0][id] : shards[Self.shard(of: id, among: shards.count)][id]
    }

    /// Which of `count` shards holds `id`: FNV-1a of its UTF-8 bytes (the same on every run).
    static func shard(of id: String, among count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(h % UInt64(count))
    }

    /// The rows of `ids` in `shards` dictionaries built side by side, or the first row whose id
    /// repeats an earlier one (the row where adding them one by one finds the duplicate).
    static func build(_ ids: [String], shards: Int) -> (index: IdIndex?, firstDuplicate: Int?) {
        // Each id's shard, hashed once (in `shards` ranges side by side), then one map per shard.
        let ranges = chunkRanges(ids.count, parts: shards)
        let shardOf = parallelMap(ranges.count) { r in ranges[r].map { UInt32(shard(of: ids[$0], among: shards)) } }
            .flatMap { $0 }
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
}
