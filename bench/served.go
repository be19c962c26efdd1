package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/retrieve"
)

// Served is the serving configuration measured end to end as the server runs
// it: index.Build into a directory (embed + train + add + write, what
// `stylist index` does), index.Open, and the whole path over the opened index.
type Served struct {
	Dir        string        `json:"dir"`
	Factory    string        `json:"factory"`
	Label      string        `json:"label"`
	Wall       time.Duration `json:"wall_ns"` // index.Build, start to end
	CPU        time.Duration `json:"cpu_ns"`  // process CPU time of index.Build
	Embed      time.Duration `json:"embed_ns"`
	Train      time.Duration `json:"train_ns"`
	Add        time.Duration `json:"add_ns"`
	IndexBytes int64         `json:"index_bytes"`
	TotalBytes int64         `json:"total_bytes"`
	Open       time.Duration `json:"open_ns"`
	Path       *PathStats    `json:"path,omitempty"`
}

// served builds the default configuration's index directory and times the
// whole path over it.
func (m *measurer) served(ctx context.Context, dir string) (*Served, error) {
	o := m.opts
	s := &Served{Dir: dir, Factory: o.DefaultSpec, Label: ParamsLabel(o.DefaultParams)}
	m.logf("served: building %s into %s …", o.DefaultSpec, dir)
	t0, cpu0 := time.Now(), processCPU()
	_, st, err := index.Build(ctx, dir, o.Articles, index.BuildOptions{Factory: o.DefaultSpec, EfConstruction: o.EfConstruction, TextTemplate: o.TextTemplate,
		Source: o.Source, Trainer: o.Trainer, TrainSample: o.TrainSample, Seed: o.Seed})
	if err != nil {
		return nil, fmt.Errorf("bench: build %s: %w", dir, err)
	}
	s.CPU = processCPU() - cpu0
	s.Wall, s.Embed, s.Train, s.Add, s.IndexBytes, s.TotalBytes = time.Since(t0), st.Embed, st.Train, st.Add, st.IndexBytes, st.TotalBytes
	t1 := time.Now()
	x, err := index.Open(ctx, dir, index.OpenOptions{LoadEmbedder: o.LoadEmbedder, Params: o.DefaultParams})
	if err != nil {
		return nil, fmt.Errorf("bench: open %s: %w", dir, err)
	}
	defer x.Close()
	s.Open = time.Since(t1)
	if err := x.FAISS().Prepare(); err != nil { // steady state, as after a server's first searches
		return nil, err
	}
	tmpl, err := catalog.NewText(x.Manifest().TextTemplate)
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(x.Articles()))
	for i, a := range x.Articles() {
		texts[i] = tmpl.Render(a)
	}
	cfg := o.Retrieve
	cfg.Params = o.DefaultParams
	ret, err := retrieve.New(x, texts, cfg)
	if err != nil {
		return nil, err
	}
	s.Path, err = timePath(ctx, ret, m.c.queries, o.K, o.Warmup, nil)
	if err != nil {
		return nil, err
	}
	m.logf("served: built in %s, whole path p50 %s p99 %s", s.Wall.Round(time.Millisecond), s.Path.Total.P50, s.Path.Total.P99)
	return s, nil
}
