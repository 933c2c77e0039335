import Testing
@testable import WanggeIO
import WanggeModel

@Suite struct RelationReaderTests {
    let dir = TempDir()

    private func households() throws -> HouseholdTable {
        try HouseholdReader.read(path: Fixture.path("households.geojson"))
    }

    @Test func readsPairsWithHeaderAndDefaultWeight() throws {
        let r = try RelationReader.read(path: Fixture.path("relations.csv"), households: households())
        #expect(r.a == [0, 1, 3])
        #expect(r.b == [1, 2, 4])
        #expect(r.weight == [2, 0.5, 1])
    }

    /// Pairs given as values: the same table as from a file, no pairs give an empty table, and a
    /// cancelled run stops (the check is asked before the first pair).
    @Test func pairsAsValuesMatchTheFileAndStopWhenCancelled() throws {
        let h = try households()
        let pairs = [(a: "1", b: "h-2", weight: 2.0), (a: "h-2", b: "top-4", weight: 0.5)]
        let t = try RelationReader.table(pairs: pairs, households: h)
        #expect(t.a == [0, 1] && t.b == [1, 3] && t.weight == [2, 0.5])
        #expect(try RelationReader.table(pairs: pairs, households: h, cancellation: .afterChecks(Int.max)).a == t.a)
        #expect(try RelationReader.table(pairs: [], households: h).a.isEmpty)
        #expect(throws: CancellationError.self) {
            try RelationReader.table(pairs: pairs, households: h, cancellation: .afterChecks(1))
        }
    }

    @Test func headerIsOptional() throws {
        let p = dir.file("r.csv", "1,5\n\"h-2\",top-4,3\n")
        let r = try RelationReader.read(path: p, households: households())
        #expect(r.a == [0, 1] && r.b == [4, 3] && r.weight == [1, 3])
    }

    @Test func unknownIdsAreListedWithLinesUpToALimit() throws {
        var text = "a,b\n1,h-2\n"
        for i in 0..<12 { text += "x\(i),1\n" }
        let p = dir.file("unknown.csv", text)
        let e = expectError { _ = try RelationReader.read(path: p, households: households()) }
        #expect(e?.status == .dataError)
        #expect(e?.location == WanggeModel.SourceLocation(file: p, line: 3, field: "a"))
        let message = e?.message ?? ""
        #expect(message.hasPrefix("12 unknown household ids"))
        #expect(message.contains("\"x0\" (line 3)") && message.contains("\"x9\" (line 12)"))
        #expect(!message.contains("\"x10\""))
        #expect(message.hasSuffix("and 2 more"))
        #expect(e?.description.hasPrefix("\(p): line 3: field 'a': 12 unknown") == true)
        let missing = expectError { _ = try RelationReader.read(path: dir.path + "/none.csv", households: households()) }
        #expect(missing?.status == .noInput)
    }

    @Test func badWeightsAndSelfPairs() throws {
        let h = try households()
        for (weight, words) in [("0", "weight must be > 0"), ("-1", "weight must be > 0"), ("heavy", "must be a number"), ("nan", "must be a number")] {
            let p = dir.file("w.csv", "a,b,weight\n1,5,1\n1,h-2,\(weight)\n")
            let e = expectError { _ = try RelationReader.read(path: p, households: h) }
            #expect(e?.status == .dataError)
            #expect(e?.location == WanggeModel.SourceLocation(file: p, line: 3, field: "weight"))
            #expect(e?.message.contains(words) == true, "\(weight): \(e?.message ?? "")")
        }
        let p = dir.file("self.csv", "1,5\n5,5\n")
        let e = expectError { _ = try RelationReader.read(path: p, households: h) }
        #expect(e?.location == WanggeModel.SourceLocation(file: p, line: 2, field: "b"))
        #expect(e?.message.contains("related to itself") == true)
        #expect(e?.status == .dataError && e?.description.hasPrefix("\(p): line 2: field 'b': ") == true)
        let one = dir.file("one.csv", "1,5\n7\n")
        let o = expectError { _ = try RelationReader.read(path: one, households: h) }
        #expect(o?.location == WanggeModel.SourceLocation(file: one, line: 2))
    }

    /// The file tokenised ahead (no households needed) and resolved later: errors of the file itself
    /// (malformed CSV, a short record, cannot open) come where reading it would meet them — after
    /// the checks of the records before them, before the unknown ids, which are listed at the end.
    @Test func recordsTokenisedAheadKeepTheOrderOfErrors() throws {
        let h = try households()
        func resolved(_ text: String) -> WanggeError? {
            let p = dir.file("ahead.csv", text)
            return expectError { _ = try RelationReader.resolve(RelationRecords(path: p), households: h, keepUnknown: false) }
        }
        // A self pair on line 2 comes before the unterminated quote on line 4.
        #expect(resolved("1,5\n5,5\n1,h-2\n\"x,1\n")?.message.contains("related to itself") == true)
        // An unknown id on line 2 is only reported when the whole file was read: the quote wins.
        let quote = resolved("1,5\nnobody,1\n\"x,1\n")
        #expect(quote?.message.hasPrefix("malformed CSV") == true && quote?.location.line == 3, "\(String(describing: quote))")
        let short = resolved("1,5\nnobody,1\n7\n")
        #expect(short?.message.hasPrefix("a relation needs two household ids") == true && short?.location.line == 3)
        let missing = expectError {
            _ = try RelationReader.resolve(RelationRecords(path: dir.path + "/none.csv"), households: h, keepUnknown: false)
        }
        #expect(missing?.status == .noInput)
        // Resolved with the reader's id index (built in parts): the same table as with the table's own index.
        let p = dir.file("ok.csv", "a,b,weight\n1,h-2,2\nh-2,top-4,0.5\n")
        let built = try #require(IdIndex.build(h.ids, parts: 3).index)
        let table = try RelationReader.resolve(RelationRecords(path: p), households: h, index: built, keepUnknown: false).table
        #expect(table == (try RelationReader.read(path: p, households: h)))
        #expect(table.a == [0, 1] && table.b == [1, 3] && table.weight == [2, 0.5])
    }
}
