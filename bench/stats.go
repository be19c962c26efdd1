package bench

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the q-th percentile (0 < q <= 100) of ds by the
// nearest-rank method: the smallest value with at least q% of the samples at or
// below it. It returns 0 for no samples and does not modify ds.
func Percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return percentileSorted(s, q)
}

// percentileSorted is Percentile over an already sorted slice.
func percentileSorted(s []time.Duration, q float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	rank := int(math.Ceil(q / 100 * float64(len(s))))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

// Latency summarises a latency sample.
type Latency struct {
	N    int           `json:"n"`
	P50  time.Duration `json:"p50_ns"`
	P99  time.Duration `json:"p99_ns"`
	Mean time.Duration `json:"mean_ns"`
	Max  time.Duration `json:"max_ns"`
}

// Summarize computes the percentiles, mean and maximum of ds.
func Summarize(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Latency{N: len(s), P50: percentileSorted(s, 50), P99: percentileSorted(s, 99),
		Mean: sum / time.Duration(len(s)), Max: s[len(s)-1]}
}

// meanLatency averages two summaries of the same searches (percentiles and
// means averaged, maximum of both).
func meanLatency(a, b Latency) Latency {
	return Latency{N: a.N + b.N, P50: (a.P50 + b.P50) / 2, P99: (a.P99 + b.P99) / 2, Mean: (a.Mean + b.Mean) / 2, Max: max(a.Max, b.Max)}
}

// RecallIDs is the classic recall@k: the share of the first k true ids that
// appear among the first k returned ids. Negative ids (empty slots) never match.
func RecallIDs(truth, got []int64, k int) float64 {
	truth, got = head(truth, k), head(got, k)
	if len(truth) == 0 {
		return 1
	}
	want := make(map[int64]struct{}, len(truth))
	for _, id := range truth {
		if id >= 0 {
			want[id] = struct{}{}
		}
	}
	n := len(want)
	if n == 0 {
		return 1
	}
	hit := 0
	for _, id := range got {
		if _, ok := want[id]; ok {
			hit++
			delete(want, id) // a duplicate id counts once
		}
	}
	return float64(hit) / float64(n)
}

// RecallTies is recall@k that forgives ties at the cut-off: a returned id
// counts as correct when its exact similarity to the query is at least the
// k-th best exact similarity minus eps. Catalogs hold articles with identical
// text (hence identical vectors), so the exact top-k is not unique and the
// classic id recall would punish an index for picking another member of a tie.
// sim returns the exact similarity of an id; kth is the k-th best exact
// similarity. Duplicate returned ids count once.
func RecallTies(got []int64, k int, kth float32, eps float32, sim func(id int64) float32) float64 {
	if k <= 0 {
		return 1
	}
	seen := make(map[int64]struct{}, k)
	hit := 0
	for _, id := range head(got, k) {
		if id < 0 {
			continue
		}
		if _, dup := seen[id]; dup {
			continue
		}
		seen[id] = struct{}{}
		if sim(id) >= kth-eps {
			hit++
		}
	}
	return float64(hit) / float64(k)
}

// head returns the first k elements of s (all of s when shorter).
func head(s []int64, k int) []int64 {
	if k < len(s) {
		return s[:k]
	}
	return s
}

// dot is the inner product of two equal-length vectors.
func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
