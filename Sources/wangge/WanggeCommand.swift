import ArgumentParser
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble

@main
struct WanggeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wangge",
        abstract: "Draw balanced, contiguous service districts (网格) over household locations.",
        version: wanggeVersion,
        subcommands: [
            SampleCommand.self, ValidateCommand.self, PartitionCommand.self, RedrawCommand.self,
            ReportCommand.self, CompareCommand.self, PosterCommand.self, LinkCommand.self, EnsembleCommand.self,
        ]
    )
}
