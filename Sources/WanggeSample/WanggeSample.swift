// WanggeSample: see README.md for this module's place in the pipeline.
import WanggeModel
