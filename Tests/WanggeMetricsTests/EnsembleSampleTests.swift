import Testing
import WanggeModel
import WanggeMetrics

/// The ensemble CSV reader (`wangge report --ensemble`) on inputs FuzzEnsemble found.
@Suite struct EnsembleSampleTests {
    /// FuzzEnsemble's crash (minimised): a header naming a figure twice merged both columns'
    /// values into one figure (more values than rows). Now 65 naming line 1 and the column.
    @Test func aColumnNamedTwiceIsRefused() throws {
        for text in ["chain,step,accepted,a,a\n0,0,1,1,2\n",
                     // The fuzzer's own input: "polsby_pop\"tolerance\",208,3,3" repeats the column "3".
                     "chain,step,accepted,max_deviation,relation_cut,dispersion,polsby_pop\"tolerance\",208,3,3\n"
                        + "1,0,1,0.045,,399,0.39,215,4,2\n1,1,1,1e-3,0.2,380,0.5,1920,,0\n"] {
            do {
                _ = try EnsembleSample.parse(text, path: "ensemble.csv")
                Issue.record("a repeated column was accepted")
            } catch let error as WanggeError {
                #expect(error.status == .dataError && error.location.line == 1)
                #expect(error.location.file == "ensemble.csv" && error.message.contains("appears twice"), "\(error)")
            }
        }
        // Distinct columns still read, one value per row and column.
        let ok = try EnsembleSample.parse("chain,step,accepted,a,b\n0,0,1,1,2\n0,1,1,3,\n", path: "ensemble.csv")
        #expect(ok.rows == 2 && ok.values["a"] == [1, 3] && ok.values["b"] == [2])
    }
}
