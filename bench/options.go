package bench

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/embed/lsa"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/retrieve"
)

// DefaultPython is the interpreter that has Debian's python3-faiss.
const DefaultPython = "/usr/bin/python3"

// Options configures Run.
type Options struct {
	Articles       []catalog.Article      // catalog to index; required
	Source         string                 // where the catalog came from (for the report)
	TextTemplate   string                 // chunk text template; "" = catalog.DefaultTextTemplate
	Trainer        index.Trainer          // embedder, fitted once; nil = built-in LSA with lsa.DefaultOptions
	Specs          []Spec                 // factories to measure; empty = ParseSpecs(DefaultSpecs)
	DefaultSpec    string                 // factory of the serving configuration ("HNSW16")
	DefaultParams  faiss.SearchParams     // its search settings (efSearch 128)
	Retrieve       retrieve.Config        // whole-path configuration (Params is replaced per run)
	Queries        int                    // number of queries (half seeds+variants, half catalog-derived)
	SeedQueries    []string               // hand-written requests; empty = BuiltinSeeds
	RecallK        int                    // k of the ANN searches and of recall@k
	K              int                    // items asked of the whole retrieval path
	Warmup         int                    // untimed searches before each timed pass
	TrainSample    int                    // vectors used to train IVF/PQ (0 = all)
	EfConstruction int                    // HNSW build-time candidate list (0 = FAISS default 40)
	Seed           uint64                 // query generation and training sample seed
	WholePathAll   bool                   // time the whole path for every run, not only the default
	CandidateSweep []int                  // also time the default's whole path with these retrieve candidate counts
	Python         string                 // interpreter for the python3-faiss comparison; "" = skip
	TempDir        string                 // where index files are written; "" = os.TempDir()
	LoadEmbedder   index.LoadEmbedderFunc // restores the embedder for Served; nil = embed.Loader(nil) (LSA only)
	ServedDir      string                 // if set, also build the default's index directory here and time the whole path over it (see Served)
	Log            io.Writer              // progress lines; nil = discard
}

// DefaultOptions returns the options of `stylist bench` without a catalog.
func DefaultOptions() Options {
	specs, err := ParseSpecs(DefaultSpecs)
	if err != nil {
		panic(err) // DefaultSpecs is a constant
	}
	return Options{
		Trainer:        embed.LSATrainer{Options: lsa.DefaultOptions()},
		Specs:          specs,
		DefaultSpec:    "HNSW16",
		DefaultParams:  faiss.SearchParams{EfSearch: 200},
		Retrieve:       retrieve.DefaultConfig(),
		Queries:        400,
		RecallK:        20,
		K:              10,
		Warmup:         30,
		TrainSample:    65536,
		Seed:           1,
		WholePathAll:   true,
		CandidateSweep: []int{50, 100, 200},
	}
}

// Validate names the first bad field.
func (o Options) Validate() error {
	switch {
	case len(o.Articles) == 0:
		return errors.New("bench: Options.Articles is empty")
	case o.Queries < 1:
		return fmt.Errorf("bench: Options.Queries is %d, must be >= 1", o.Queries)
	case o.RecallK < 1:
		return fmt.Errorf("bench: Options.RecallK is %d, must be >= 1", o.RecallK)
	case o.K < 1:
		return fmt.Errorf("bench: Options.K is %d, must be >= 1", o.K)
	case o.Warmup < 0:
		return fmt.Errorf("bench: Options.Warmup is %d, must be >= 0", o.Warmup)
	case slices.ContainsFunc(o.CandidateSweep, func(c int) bool { return c < 1 }):
		return fmt.Errorf("bench: Options.CandidateSweep %v has a value < 1", o.CandidateSweep)
	case o.TrainSample < 0:
		return fmt.Errorf("bench: Options.TrainSample is %d, must be >= 0", o.TrainSample)
	}
	for i, s := range o.Specs {
		if s.Factory == "" {
			return fmt.Errorf("bench: Options.Specs[%d].Factory is empty", i)
		}
	}
	return o.Retrieve.Validate()
}

// withDefaults fills the zero-valued optional fields.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Trainer == nil {
		o.Trainer = d.Trainer
	}
	if len(o.Specs) == 0 {
		o.Specs = d.Specs
	}
	if len(o.SeedQueries) == 0 {
		o.SeedQueries = BuiltinSeeds
	}
	if o.TextTemplate == "" {
		o.TextTemplate = catalog.DefaultTextTemplate
	}
	if o.LoadEmbedder == nil {
		o.LoadEmbedder = embed.Loader(nil)
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o
}

// withDefaultSpec returns a copy of specs that includes the serving
// configuration (factory with settings p), adding it when missing.
func withDefaultSpec(specs []Spec, factory string, p faiss.SearchParams) []Spec {
	if factory == "" {
		return specs
	}
	out := make([]Spec, len(specs))
	copy(out, specs)
	for i := range out {
		if out[i].Factory != factory {
			continue
		}
		for _, q := range out[i].Params {
			if q == p {
				return out
			}
		}
		if len(out[i].Params) == 0 && p == (faiss.SearchParams{}) {
			return out
		}
		ps := append([]faiss.SearchParams{}, out[i].Params...)
		if len(ps) == 0 {
			ps = append(ps, faiss.SearchParams{}) // keep the run with the index's own settings
		}
		out[i].Params = sortCombos(append(ps, p))
		return out
	}
	var ps []faiss.SearchParams
	if p != (faiss.SearchParams{}) {
		ps = []faiss.SearchParams{p}
	}
	return append(out, Spec{Factory: factory, Params: ps})
}
