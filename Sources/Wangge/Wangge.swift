// Wangge: the umbrella module and the library API (Library.swift: `partition`, `redraw`, `report`,
// `compare`, `link`, `ensemble`, the writers). It re-exports only the value types that API takes and
// returns — not the stage modules. Power users (and the CLI) import a stage module by name
// (`import WanggePartition`, `import WanggeGeometry`, …). The list and the reasons are in
// Wangge.docc/PublicSurface.md; keep them in step.

// Values in and out: households and relations as tables, plans and districts, polygons and barriers
// (GEOS-free), cadres, errors with their location, cancellation.
@_exported import struct WanggeModel.Plan
@_exported import struct WanggeModel.District
@_exported import struct WanggeModel.PlanMetadata
@_exported import struct WanggeModel.HouseholdTable
@_exported import struct WanggeModel.RelationTable
@_exported import struct WanggeModel.DistrictLabel
@_exported import struct WanggeModel.Point2
@_exported import struct WanggeModel.Polygon
@_exported import struct WanggeModel.MultiPolygon
@_exported import struct WanggeModel.Barriers
@_exported import struct WanggeModel.Crossing
@_exported import struct WanggeModel.Cadre
@_exported import enum WanggeModel.CadreRole
@_exported import struct WanggeModel.CadreQuota
@_exported import struct WanggeModel.WanggeError
@_exported import struct WanggeModel.SourceLocation
@_exported import enum WanggeModel.ExitStatus
@_exported import struct WanggeModel.Cancellation
@_exported import var WanggeModel.wanggeVersion
// Figures: a plan's report and the comparison of two.
@_exported import struct WanggeMetrics.PlanReport
@_exported import struct WanggeMetrics.PlanComparison
@_exported import enum WanggeMetrics.ReportFormat
// Linking: each cadre's duty and the figures per role.
@_exported import struct WanggeLink.CadreDuty
@_exported import struct WanggeLink.RoleFigures
@_exported import struct WanggeLink.LinkResult
// Wall maps: the poster's options.
@_exported import struct WanggeRender.PosterOptions
@_exported import enum WanggeRender.PaperSize
@_exported import enum WanggeRender.PaperOrientation
@_exported import struct WanggeRender.TeamBoardDistrict
// Ensembles: the chains' options and results.
@_exported import struct WanggeEnsemble.EnsembleOptions
@_exported import enum WanggeEnsemble.EnsembleMethod
@_exported import struct WanggeEnsemble.EnsembleResult
@_exported import struct WanggeEnsemble.ChainResult
@_exported import struct WanggeEnsemble.EnsembleRow
@_exported import struct WanggeEnsemble.EnsembleFigures
