import Support
import WanggeMetrics

/// The ensemble CSV `wangge report --ensemble` reads, then the plan's figures placed among it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnsemble(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let sample = try EnsembleSample.read(bytes: bytes, path: "ensemble.csv")
        for (name, values) in sample.values {
            precondition(values.count <= sample.rows && values.allSatisfy(\.isFinite))
            guard let p = EnsemblePlacement.place(name, value: 0.5, among: values, lowerIsBetter: true) else { continue }
            precondition(p.percentile >= 0 && p.percentile <= 100 && p.beats >= 0 && p.beats <= 1 && p.min <= p.median && p.median <= p.max)
        }
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzEnsemble_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzEnsemble_main")
public func fuzzEnsembleMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzEnsemble)
}
