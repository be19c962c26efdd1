package bench

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/stylistbot/stylist/index/faiss"
)

// ErrSpec reports a factory list that cannot be parsed.
var ErrSpec = errors.New("bench: bad factory spec")

// Spec is one FAISS factory string and the search settings to measure it with;
// the index is built once and searched once per entry of Params.
type Spec struct {
	Factory string               `json:"factory"`
	Params  []faiss.SearchParams `json:"params"` // empty = the index's own defaults
}

// DefaultSpecs is the factory list measured when none is given. PQ32 splits
// the 256-dim LSA vectors into 8-dim sub-vectors. RFlat refines with the full
// vectors (the index grows past Flat); Refine(SQ6), IVF1024,SQ6 and
// IVF1024,SQ8 are the candidates for an index at most a quarter of Flat's size.
const DefaultSpecs = "Flat; HNSW32 ef=16,64,128,256,512; IVF1024,Flat nprobe=8,32,64; IVF1024,PQ32np nprobe=32; " +
	"IVF1024,PQ32np,RFlat nprobe=32 kf=4,8; IVF1024,PQ32np,Refine(SQ6) nprobe=64 kf=8,16; " +
	"IVF1024,SQ6 nprobe=128; IVF1024,SQ8 nprobe=64,128; " +
	"HNSW32_SQ8 ef=128; HNSW32_PQ32np ef=128; HNSW32_PQ32np,RFlat ef=128 kf=4,8"

// ParseSpecs parses a factory list: entries separated by ';', each a FAISS
// factory string optionally followed by space-separated settings
// ef=LIST, nprobe=LIST and kf=LIST (LIST is comma-separated numbers; several
// settings give every combination). Example: "Flat; HNSW32 ef=64,128".
func ParseSpecs(s string) ([]Spec, error) {
	var out []Spec
	for _, entry := range strings.Split(s, ";") {
		fields := strings.Fields(entry)
		if len(fields) == 0 {
			continue
		}
		sp := Spec{Factory: fields[0]}
		if strings.Contains(sp.Factory, "=") {
			return nil, fmt.Errorf("%w: %q: the factory string must come first", ErrSpec, strings.TrimSpace(entry))
		}
		combos := []faiss.SearchParams{{}}
		for _, f := range fields[1:] {
			key, list, ok := strings.Cut(f, "=")
			if !ok || list == "" {
				return nil, fmt.Errorf("%w: %q: want key=v1,v2,... after the factory", ErrSpec, f)
			}
			var next []faiss.SearchParams
			for _, v := range strings.Split(list, ",") {
				for _, c := range combos {
					if err := setParam(&c, key, v); err != nil {
						return nil, fmt.Errorf("%w: %q: %v", ErrSpec, f, err)
					}
					next = append(next, c)
				}
			}
			combos = next
		}
		if len(fields) > 1 {
			sp.Params = sortCombos(combos)
		}
		out = append(out, sp)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no factory given", ErrSpec)
	}
	return out, nil
}

// sortCombos orders combinations by ef, nprobe, then kf (stable).
func sortCombos(cs []faiss.SearchParams) []faiss.SearchParams {
	slices.SortStableFunc(cs, func(a, b faiss.SearchParams) int {
		return cmp.Or(cmp.Compare(a.EfSearch, b.EfSearch), cmp.Compare(a.NProbe, b.NProbe), cmp.Compare(a.KFactorRF, b.KFactorRF))
	})
	return cs
}

// setParam sets one search setting from its spec key.
func setParam(p *faiss.SearchParams, key, v string) error {
	switch key {
	case "ef", "efSearch":
		n, err := positive(v)
		p.EfSearch = n
		return err
	case "nprobe":
		n, err := positive(v)
		p.NProbe = n
		return err
	case "kf", "k_factor_rf":
		f, err := strconv.ParseFloat(v, 32)
		if err != nil || f < 1 {
			return fmt.Errorf("kf %q must be a number >= 1", v)
		}
		p.KFactorRF = float32(f)
		return nil
	}
	return fmt.Errorf("unknown setting %q (want ef, nprobe or kf)", key)
}

func positive(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive integer", v)
	}
	return n, nil
}

// ParamsLabel renders search settings as in a spec ("ef=128 kf=4"), or "-" for none.
func ParamsLabel(p faiss.SearchParams) string {
	var parts []string
	if p.EfSearch > 0 {
		parts = append(parts, "ef="+strconv.Itoa(p.EfSearch))
	}
	if p.NProbe > 0 {
		parts = append(parts, "nprobe="+strconv.Itoa(p.NProbe))
	}
	if p.KFactorRF > 0 {
		parts = append(parts, "kf="+strconv.FormatFloat(float64(p.KFactorRF), 'g', -1, 32))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

// String renders the spec in ParseSpecs syntax, one entry per parameter set.
func (s Spec) String() string {
	if len(s.Params) == 0 {
		return s.Factory
	}
	var b strings.Builder
	for i, p := range s.Params {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(s.Factory)
		if l := ParamsLabel(p); l != "-" {
			b.WriteString(" " + l)
		}
	}
	return b.String()
}

// Applicable keeps the settings of p that factory's index can use, judged from
// the factory string: efSearch for HNSW (graphs or HNSW coarse quantizers),
// nprobe for IVF, k_factor_rf for a refine stage (RFlat or Refine(...)).
// The serving configuration carries all three; this keeps its label short and
// lets it match a spec entry.
func Applicable(factory string, p faiss.SearchParams) faiss.SearchParams {
	f := strings.ToUpper(factory)
	if !strings.Contains(f, "HNSW") {
		p.EfSearch = 0
	}
	if !strings.Contains(f, "IVF") {
		p.NProbe = 0
	}
	if !strings.Contains(f, "RFLAT") && !strings.Contains(f, "REFINE") {
		p.KFactorRF = 0
	}
	p.Threads = 0
	return p
}
