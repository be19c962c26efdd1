package faiss

import (
	"fmt"
	"math"
)

// Metric is the similarity an index ranks by.
type Metric int

// Metrics; the values match faiss::MetricType.
const (
	// InnerProduct ranks by dot product (cosine on normalized vectors); the default.
	InnerProduct Metric = 0
	// L2 ranks by squared Euclidean distance; scores are reported as 1 - d/2.
	L2 Metric = 1
)

// String returns "inner_product" or "l2".
func (m Metric) String() string {
	switch m {
	case InnerProduct:
		return "inner_product"
	case L2:
		return "l2"
	default:
		return fmt.Sprintf("metric(%d)", int(m))
	}
}

// valid reports whether m is a metric this package supports.
func (m Metric) valid() bool { return m == InnerProduct || m == L2 }

// noScore is the score of an empty result slot (id -1).
var noScore = float32(math.Inf(-1))

// score turns a raw FAISS distance into a higher-is-better similarity.
func (m Metric) score(dist float32, id int64) float32 {
	if id < 0 {
		return noScore
	}
	if m == L2 {
		return 1 - dist/2
	}
	return dist
}
