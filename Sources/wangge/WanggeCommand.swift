import ArgumentParser
import Wangge

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
