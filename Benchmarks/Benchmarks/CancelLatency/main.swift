// Cancel latency of the library's async `partition` (issue 18): loads households (any file the CLI
// reads), turns them into `Household` values, starts `partition` in a task, cancels it after each
// delay given and prints how long the task took to end after `cancel()`, with the stage it was in.
//   CancelLatency HOUSEHOLDS.geojson K DELAY_S...   (a delay past the run's end reports "finished")
import Foundation
import Synchronization
import Wangge

let args = CommandLine.arguments
guard args.count >= 4, let k = Int(args[2]) else {
    FileHandle.standardError.write("usage: CancelLatency HOUSEHOLDS K DELAY_S...\n".data(using: .utf8)!)
    exit(64)
}
let table = try Inputs.load(InputOptions(householdsPath: args[1])).households
let households = (0..<table.count).map { i in
    Household(id: table.ids[i], longitude: table.lon[i], latitude: table.lat[i], members: Int(table.members[i]),
              group: table.group[i] >= 0 ? table.groupNames[Int(table.group[i])] : nil)
}
var options = PartitionOptions()
options.k = k
let input = PlanInput(households: households)
let clock = ContinuousClock()
print("households \(households.count), k \(k)")
print("delay_s\tstage_at_cancel\tstop_s\toutcome")
for delay in args[3...].compactMap(Double.init) {
    let stage = Mutex<PipelineStage?>(nil)
    let start = clock.now
    let task = Task { try await partition(input, options: options) { s in stage.withLock { $0 = s } } }
    try await Task.sleep(for: .seconds(delay))
    let at = stage.withLock { $0 }
    let cancelled = clock.now
    task.cancel()
    let outcome: String
    do { _ = try await task.value; outcome = "finished" } catch is CancellationError { outcome = "CancellationError" }
    let stop = clock.now - cancelled
    let s = Double(stop.components.seconds) + Double(stop.components.attoseconds) * 1e-18
    let total = clock.now - start
    print("\(delay)\t\(at?.rawValue ?? "-")\t\(String(format: "%.3f", s))\t\(outcome) (run \(total))")
}
