// Wangge: the umbrella module. Re-exports the pipeline stages and offers a one-call API.
@_exported import WanggeModel
