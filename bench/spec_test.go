package bench

import (
	"errors"
	"reflect"
	"testing"

	"github.com/stylistbot/stylist/index/faiss"
)

func TestParseSpecs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Spec
	}{
		{"plain", "Flat", []Spec{{Factory: "Flat"}}},
		{"commas in the factory", " IVF1024,PQ32np,RFlat  nprobe=32 ", []Spec{{Factory: "IVF1024,PQ32np,RFlat", Params: []faiss.SearchParams{{NProbe: 32}}}}},
		{"list", "HNSW32 ef=64,16", []Spec{{Factory: "HNSW32", Params: []faiss.SearchParams{{EfSearch: 16}, {EfSearch: 64}}}}},
		{"cross product", "IVF64,PQ8np,RFlat nprobe=8,4 kf=4,2.5", []Spec{{Factory: "IVF64,PQ8np,RFlat", Params: []faiss.SearchParams{
			{NProbe: 4, KFactorRF: 2.5}, {NProbe: 4, KFactorRF: 4}, {NProbe: 8, KFactorRF: 2.5}, {NProbe: 8, KFactorRF: 4}}}}},
		{"several, empty entries skipped", "Flat;; HNSW32_SQ8 efSearch=32;", []Spec{{Factory: "Flat"},
			{Factory: "HNSW32_SQ8", Params: []faiss.SearchParams{{EfSearch: 32}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSpecs(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseSpecs(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", " ; ", "HNSW32 ef", "HNSW32 ef=", "HNSW32 ef=0", "HNSW32 ef=x", "Flat depth=3", "ef=3 HNSW32", "IVF8,Flat nprobe=-1", "IVF8,PQ4,RFlat kf=0.5"} {
		if _, err := ParseSpecs(bad); !errors.Is(err, ErrSpec) {
			t.Errorf("ParseSpecs(%q) error = %v, want ErrSpec", bad, err)
		}
	}
	if _, err := ParseSpecs(DefaultSpecs); err != nil {
		t.Errorf("DefaultSpecs: %v", err)
	}
}

func TestParamsLabelRoundTrip(t *testing.T) {
	sp := Spec{Factory: "IVF64,PQ8np,RFlat", Params: []faiss.SearchParams{{NProbe: 8, KFactorRF: 4}, {EfSearch: 20, KFactorRF: 1.5}}}
	back, err := ParseSpecs(sp.String())
	if err != nil {
		t.Fatal(err)
	}
	var got []faiss.SearchParams
	for _, b := range back {
		if b.Factory != sp.Factory {
			t.Fatalf("factory %q", b.Factory)
		}
		got = append(got, b.Params...)
	}
	if !reflect.DeepEqual(got, sp.Params) {
		t.Errorf("round trip of %q gave %+v", sp.String(), got)
	}
	if ParamsLabel(faiss.SearchParams{}) != "-" {
		t.Errorf("empty label %q", ParamsLabel(faiss.SearchParams{}))
	}
}

func TestWithDefaultSpec(t *testing.T) {
	ef := func(xs ...int) []faiss.SearchParams {
		var out []faiss.SearchParams
		for _, x := range xs {
			out = append(out, faiss.SearchParams{EfSearch: x})
		}
		return out
	}
	tests := []struct {
		name  string
		specs []Spec
		want  []Spec
	}{
		{"already there", []Spec{{Factory: "HNSW32", Params: ef(16, 128)}}, []Spec{{Factory: "HNSW32", Params: ef(16, 128)}}},
		{"added to its factory", []Spec{{Factory: "HNSW32", Params: ef(256, 16)}}, []Spec{{Factory: "HNSW32", Params: ef(16, 128, 256)}}},
		{"index defaults kept", []Spec{{Factory: "HNSW32"}}, []Spec{{Factory: "HNSW32", Params: []faiss.SearchParams{{}, {EfSearch: 128}}}}},
		{"appended", []Spec{{Factory: "Flat"}}, []Spec{{Factory: "Flat"}, {Factory: "HNSW32", Params: ef(128)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []Spec // deep copy, to catch in-place changes
			for _, s := range tt.specs {
				in = append(in, Spec{Factory: s.Factory, Params: append([]faiss.SearchParams(nil), s.Params...)})
			}
			got := withDefaultSpec(tt.specs, "HNSW32", faiss.SearchParams{EfSearch: 128})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if !reflect.DeepEqual(in, tt.specs) {
				t.Errorf("input modified")
			}
		})
	}
}

func TestApplicable(t *testing.T) {
	all := faiss.SearchParams{EfSearch: 128, NProbe: 16, KFactorRF: 4, Threads: 3}
	tests := []struct {
		factory string
		want    faiss.SearchParams
	}{
		{"Flat", faiss.SearchParams{}},
		{"HNSW32", faiss.SearchParams{EfSearch: 128}},
		{"IDMap,HNSW32_SQ8", faiss.SearchParams{EfSearch: 128}},
		{"IVF1024,Flat", faiss.SearchParams{NProbe: 16}},
		{"IVF4096_HNSW32,PQ32np", faiss.SearchParams{EfSearch: 128, NProbe: 16}},
		{"IVF1024,PQ32np,RFlat", faiss.SearchParams{NProbe: 16, KFactorRF: 4}},
		{"HNSW32_PQ32np,Refine(SQ8)", faiss.SearchParams{EfSearch: 128, KFactorRF: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.factory, func(t *testing.T) {
			if got := Applicable(tt.factory, all); got != tt.want {
				t.Errorf("Applicable(%q) = %+v, want %+v", tt.factory, got, tt.want)
			}
		})
	}
}
