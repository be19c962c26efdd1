package bench

import (
	"testing"
	"time"
)

func ms(xs ...int) []time.Duration {
	out := make([]time.Duration, len(xs))
	for i, x := range xs {
		out[i] = time.Duration(x) * time.Millisecond
	}
	return out
}

func TestPercentile(t *testing.T) {
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100 … 1, unsorted on purpose
	}
	tests := []struct {
		name string
		in   []time.Duration
		q    float64
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median odd", ms(3, 1, 2), 50, 2 * time.Millisecond},
		{"median even takes the lower middle", ms(4, 1, 3, 2), 50, 2 * time.Millisecond},
		{"p99 of 100 is the 99th", ms(hundred...), 99, 99 * time.Millisecond},
		{"p100 is the max", ms(hundred...), 100, 100 * time.Millisecond},
		{"p1 of 100 is the min", ms(hundred...), 1, 1 * time.Millisecond},
		{"p99 of 10 is the max", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"p90 of 10", ms(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 90, 9 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before []time.Duration
			before = append(before, tt.in...)
			if got := Percentile(tt.in, tt.q); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.in, tt.q, got, tt.want)
			}
			for i := range before {
				if before[i] != tt.in[i] {
					t.Fatalf("Percentile modified its input")
				}
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	got := Summarize(ms(5, 1, 3, 2, 4))
	want := Latency{N: 5, P50: 3 * time.Millisecond, P99: 5 * time.Millisecond, Mean: 3 * time.Millisecond, Max: 5 * time.Millisecond}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if (Summarize(nil) != Latency{}) {
		t.Errorf("Summarize(nil) is not zero")
	}
}

func TestRecallIDs(t *testing.T) {
	tests := []struct {
		name       string
		truth, got []int64
		k          int
		want       float64
	}{
		{"all found in another order", []int64{1, 2, 3, 4}, []int64{4, 3, 2, 1}, 4, 1},
		{"half", []int64{1, 2, 3, 4}, []int64{1, 2, 8, 9}, 4, 0.5},
		{"none", []int64{1, 2}, []int64{3, 4}, 2, 0},
		{"only the first k count", []int64{1, 2, 3, 4}, []int64{9, 1, 2, 3}, 2, 0.5},
		{"empty slots never match", []int64{1, 2}, []int64{-1, -1}, 2, 0},
		{"duplicates count once", []int64{1, 2}, []int64{1, 1}, 2, 0.5},
		{"short truth", []int64{1, -1}, []int64{1, 5}, 2, 1},
		{"no truth", nil, []int64{1}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RecallIDs(tt.truth, tt.got, tt.k); got != tt.want {
				t.Errorf("RecallIDs = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRecallTies(t *testing.T) {
	// Exact similarities: ids 1-3 are the true top 3, id 7 ties with the 3rd.
	sims := map[int64]float32{1: 0.9, 2: 0.8, 3: 0.7, 7: 0.7, 8: 0.5, 9: 0.1}
	sim := func(id int64) float32 { return sims[id] }
	tests := []struct {
		name string
		got  []int64
		k    int
		want float64
	}{
		{"exact", []int64{1, 2, 3}, 3, 1},
		{"a tie at the cut-off counts", []int64{1, 2, 7}, 3, 1},
		{"a worse id does not", []int64{1, 2, 8}, 3, 2.0 / 3},
		{"duplicates count once", []int64{1, 1, 2}, 3, 2.0 / 3},
		{"empty slots", []int64{1, -1, -1}, 3, 1.0 / 3},
		{"short result", []int64{1}, 3, 1.0 / 3},
		{"only the first k", []int64{9, 1, 2, 3}, 3, 2.0 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RecallTies(tt.got, tt.k, 0.7, 1e-6, sim); got != tt.want {
				t.Errorf("RecallTies(%v) = %v, want %v", tt.got, got, tt.want)
			}
		})
	}
	if got := RecallTies([]int64{1, 2, 8}, 3, 0.7, 0.25, sim); got != 1 {
		t.Errorf("eps 0.25 should accept 0.5 >= 0.7-0.25 (got %v)", got)
	}
}
