package variants

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

const users = 100_000

func userKey(i int) string { return Key("slack", "T0001", fmt.Sprintf("U%07d", i)) }

func mustNew(t testing.TB, vs map[string]Variant, opts ...Option) *Set {
	t.Helper()
	s, err := New(vs, "category", opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func weights(ws map[string]float64) map[string]Variant {
	out := map[string]Variant{}
	for n, w := range ws {
		out[n] = Variant{Template: n + ".tmpl", Weight: w}
	}
	return out
}

// assignAll returns every synthetic user's variant name.
func assignAll(s *Set) []string {
	out := make([]string, users)
	for i := range out {
		out[i] = s.Assign(userKey(i)).Name
	}
	return out
}

func TestEmptyMeansDefault(t *testing.T) {
	for _, vs := range []map[string]Variant{nil, {}} {
		s := mustNew(t, vs)
		if v := s.Assign("slack/T/U1"); v.Name != "category" || v.Template != "category" {
			t.Fatalf("got %+v", v)
		}
		if s.Share("category") != 1 {
			t.Fatal("default share")
		}
	}
}

func TestZeroWeightNeverAssigned(t *testing.T) {
	s := mustNew(t, weights(map[string]float64{"a": 1, "off": 0}))
	for i := range 10_000 {
		if v := s.Assign(userKey(i)); v.Name != "a" {
			t.Fatalf("user %d got %s", i, v.Name)
		}
	}
	if _, ok := s.Get("off"); ok {
		t.Fatal("zero-weight variant is listed")
	}
}

func TestStickyAcrossRebuilds(t *testing.T) {
	ws := map[string]float64{"a": 1, "b": 1, "c": 2}
	first := assignAll(mustNew(t, weights(ws)))
	// A rebuilt set (as after a restart or a reload that keeps the weights; Go
	// randomises map order each time) assigns everyone the same variant.
	for round := range 3 {
		again := assignAll(mustNew(t, weights(ws)))
		for i := range first {
			if again[i] != first[i] {
				t.Fatalf("round %d: user %d moved %s -> %s", round, i, first[i], again[i])
			}
		}
	}
	// Templates, models and temperatures do not affect assignment, only names and weights.
	vs := weights(ws)
	b := vs["b"]
	b.Model, b.Template = "other-model", "other.tmpl"
	vs["b"] = b
	again := assignAll(mustNew(t, vs))
	for i := range first {
		if again[i] != first[i] {
			t.Fatalf("user %d moved after a template edit", i)
		}
	}
}

func TestDistributionFollowsWeights(t *testing.T) {
	ws := map[string]float64{"a": 1, "b": 2, "c": 7}
	s := mustNew(t, weights(ws))
	counts := map[string]int{}
	for _, n := range assignAll(s) {
		counts[n]++
	}
	chi2 := 0.0
	for n, w := range ws {
		exp := float64(users) * w / 10
		got := float64(counts[n])
		chi2 += (got - exp) * (got - exp) / exp
		if math.Abs(got/users-w/10) > 0.01 {
			t.Errorf("%s: share %.4f, want %.4f ± 0.01", n, got/users, w/10)
		}
	}
	// Chi-square with 2 degrees of freedom: 13.82 is the p = 0.001 critical value.
	if chi2 > 13.82 {
		t.Fatalf("chi-square %.2f > 13.82: counts %v", chi2, counts)
	}
	t.Logf("counts %v, chi-square %.2f", counts, chi2)
}

// tvDistance is the smallest possible share of users that must move when shares change.
func tvDistance(old, new map[string]float64) float64 {
	share := func(ws map[string]float64, n string) float64 {
		tot := 0.0
		for _, w := range ws {
			tot += w
		}
		return ws[n] / tot
	}
	d := 0.0
	for n := range new {
		d += math.Max(0, share(new, n)-share(old, n))
	}
	return d
}

func TestWeightChangesMoveOnlyTheNecessaryShare(t *testing.T) {
	tests := []struct {
		name     string
		old, new map[string]float64
		// allowed reports whether a move from -> to may happen.
		allowed func(from, to string) bool
	}{
		{"add a variant", map[string]float64{"a": 50, "b": 50}, map[string]float64{"a": 50, "b": 50, "c": 20},
			func(_, to string) bool { return to == "c" }},
		{"raise one weight", map[string]float64{"a": 1, "b": 1, "c": 1}, map[string]float64{"a": 2, "b": 1, "c": 1},
			func(_, to string) bool { return to == "a" }},
		{"lower one weight", map[string]float64{"a": 1, "b": 1, "c": 1}, map[string]float64{"a": 1, "b": 1, "c": 0.25},
			func(from, _ string) bool { return from == "c" }},
		{"remove a variant", map[string]float64{"a": 1, "b": 1, "c": 1}, map[string]float64{"a": 1, "b": 1},
			func(from, _ string) bool { return from == "c" }},
		{"scale all weights", map[string]float64{"a": 1, "b": 3}, map[string]float64{"a": 10, "b": 30},
			func(string, string) bool { return false }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := assignAll(mustNew(t, weights(tc.old)))
			after := assignAll(mustNew(t, weights(tc.new)))
			moved := 0
			for i := range before {
				if before[i] == after[i] {
					continue
				}
				moved++
				if !tc.allowed(before[i], after[i]) {
					t.Fatalf("user %d moved %s -> %s, which the change does not require", i, before[i], after[i])
				}
			}
			got, need := float64(moved)/users, tvDistance(tc.old, tc.new)
			if math.Abs(got-need) > 0.005 {
				t.Fatalf("moved %.4f of users, the minimum is %.4f", got, need)
			}
			t.Logf("moved %.4f (minimum %.4f)", got, need)
		})
	}
}

func TestSaltRedraws(t *testing.T) {
	ws := weights(map[string]float64{"a": 1, "b": 1})
	a, b := assignAll(mustNew(t, ws)), assignAll(mustNew(t, ws, WithSalt("experiment-2")))
	moved := 0
	for i := range a {
		if a[i] != b[i] {
			moved++
		}
	}
	// Independent draws of a 50/50 split disagree for half the users.
	if f := float64(moved) / users; math.Abs(f-0.5) > 0.01 {
		t.Fatalf("a new salt moved %.4f of users, want about 0.5", f)
	}
}

func TestInvalid(t *testing.T) {
	for name, vs := range map[string]map[string]Variant{
		"negative": {"a": {Weight: -1}},
		"nan":      {"a": {Weight: math.NaN()}},
		"inf":      {"a": {Weight: math.Inf(1)}},
		"all zero": {"a": {Weight: 0}, "b": {Weight: 0}},
		"no name":  {"": {Weight: 1}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := New(vs, "category"); !errors.Is(err, ErrInvalid) {
				t.Fatalf("err %v", err)
			}
		})
	}
}

func TestAccessors(t *testing.T) {
	s := mustNew(t, map[string]Variant{"b": {Weight: 3, Model: "m"}, "a": {Template: "short", Weight: 1}})
	vs := s.Variants()
	if len(vs) != 2 || vs[0].Name != "a" || vs[1].Name != "b" || vs[1].Template != "category" || vs[0].Template != "short" {
		t.Fatalf("variants %+v", vs)
	}
	if s.Share("b") != 0.75 || s.Share("zzz") != 0 {
		t.Fatalf("shares %v %v", s.Share("b"), s.Share("zzz"))
	}
	if v, ok := s.Get("b"); !ok || v.Model != "m" {
		t.Fatalf("get b: %+v %v", v, ok)
	}
	if v, ok := s.Get("category"); !ok || v.Name != "category" || s.Default().Name != "category" {
		t.Fatalf("get default: %+v %v", v, ok)
	}
}

func BenchmarkAssign(b *testing.B) {
	s := mustNew(b, weights(map[string]float64{"a": 1, "b": 2, "c": 3, "d": 4}))
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = userKey(i)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.Assign(keys[i&1023])
	}
}
