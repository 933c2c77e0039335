// Wangge: the umbrella module. Re-exports the pipeline stages and offers a one-call API
// (`Inputs.load` → `PartitionPipeline.run`) for library users and the CLI.
@_exported import WanggeModel
@_exported import WanggeIO
@_exported import WanggeProjection
@_exported import WanggeGraph
@_exported import WanggePartition
@_exported import WanggeGeometry
@_exported import WanggeMetrics
@_exported import WanggeRender
@_exported import WanggeSample
@_exported import WanggeLink
@_exported import WanggeEnsemble
