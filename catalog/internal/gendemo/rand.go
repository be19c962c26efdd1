package gendemo

// rng is a SplitMix64 generator: tiny, fast and, unlike math/rand, fixed
// forever, so the demo catalog is reproducible across Go releases.
type rng struct{ s uint64 }

// newRNG seeds a generator.
func newRNG(seed uint64) *rng { return &rng{s: seed} }

// next returns the next 64 random bits.
func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance returns true with probability pct/100.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

// pick returns a random element of xs (the zero value for an empty slice).
func pick[T any](r *rng, xs []T) T {
	var zero T
	if len(xs) == 0 {
		return zero
	}
	return xs[r.intn(len(xs))]
}

// weightedIndex returns an index into ws chosen proportionally to the weights.
func (r *rng) weightedIndex(ws []int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	if total <= 0 {
		return 0
	}
	x := r.intn(total)
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}
