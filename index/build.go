package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
)

// BuildOptions configures Build.
type BuildOptions struct {
	Factory        string       // FAISS index factory string, e.g. "HNSW16" (the default when empty)
	TextTemplate   string       // chunk text template; "" = catalog.DefaultTextTemplate
	Source         string       // where the catalog came from (path or "demo")
	SourceSHA256   string       // checksum of the catalog bytes
	Trainer        Trainer      // embedder family; required
	TrainSample    int          // vectors used to train IVF/PQ indexes; 0 = all
	EfConstruction int          // HNSW build-time candidate list; 0 = FAISS's default (40)
	Seed           uint64       // sampling seed
	Progress       ProgressFunc // optional
	Extras         []Extra      // more files derived from the articles' texts (e.g. a lexical index)
	// Details derives an article's details (catalog.Article.Details) from its
	// name and description; Build stores them in ArticlesFile (it sets
	// arts[i].Details). Nil stores the articles' Details as given.
	Details func(a *catalog.Article) string
}

// Extra is a file that Build writes next to the index from the rendered texts
// (position i is article i) and lists in the manifest; Open verifies it and
// Index.Extra returns it.
type Extra struct {
	Name string
	Make func(texts []string) ([]byte, error)
}

// BuildStats summarises a build.
type BuildStats struct {
	Articles   int
	Embed      time.Duration
	Train      time.Duration
	Add        time.Duration
	IndexBytes int64
	TotalBytes int64
}

// Build embeds arts, builds the FAISS index and writes the directory dir.
// The manifest is written last, so a half-written directory never opens.
func Build(ctx context.Context, dir string, arts []catalog.Article, opt BuildOptions) (*Manifest, *BuildStats, error) {
	if opt.Trainer == nil {
		return nil, nil, errors.New("index: BuildOptions.Trainer is required")
	}
	if len(arts) == 0 {
		return nil, nil, errors.New("index: no articles to index")
	}
	if opt.Factory == "" {
		opt.Factory = "HNSW16"
	}
	if opt.TextTemplate == "" {
		opt.TextTemplate = catalog.DefaultTextTemplate
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	text, err := catalog.NewText(opt.TextTemplate)
	if err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	// Remove an old manifest first: until the new one is written the directory is not an index.
	if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	if opt.Details != nil {
		for i := range arts {
			arts[i].Details = opt.Details(&arts[i])
		}
	}
	texts := make([]string, len(arts))
	for i := range arts {
		texts[i] = text.Render(arts[i])
	}
	st := &BuildStats{Articles: len(arts)}

	t0 := time.Now()
	emb, vecs, err := opt.Trainer.Fit(ctx, texts, progress)
	if err != nil {
		return nil, nil, fmt.Errorf("index: embed: %w", err)
	}
	st.Embed = time.Since(t0)
	if len(vecs) != len(arts) {
		return nil, nil, fmt.Errorf("index: embedder returned %d vectors for %d texts", len(vecs), len(arts))
	}
	dim := emb.Dim()
	flat := make([]float32, 0, len(vecs)*dim)
	for i, v := range vecs {
		if len(v) != dim {
			return nil, nil, fmt.Errorf("index: vector %d has %d dims, embedder says %d", i, len(v), dim)
		}
		flat = append(flat, v...)
	}
	vecs = nil

	fx, err := faiss.New(dim, opt.Factory, faiss.InnerProduct)
	if err != nil {
		return nil, nil, fmt.Errorf("index: factory %q: %w", opt.Factory, err)
	}
	defer fx.Close()
	if opt.EfConstruction > 0 {
		if err := fx.SetEfConstruction(opt.EfConstruction); err != nil {
			return nil, nil, err
		}
	}
	t1 := time.Now()
	if !fx.IsTrained() {
		progress("train", 0, 1)
		if err := fx.Train(trainSample(flat, dim, opt.TrainSample, opt.Seed)); err != nil {
			return nil, nil, fmt.Errorf("index: train %q: %w", opt.Factory, err)
		}
		progress("train", 1, 1)
	}
	st.Train = time.Since(t1)
	t2 := time.Now()
	if err := addInBatches(ctx, fx, flat, dim, progress); err != nil {
		return nil, nil, err
	}
	st.Add = time.Since(t2)

	m := &Manifest{
		FormatVersion: FormatVersion, EmbedderKind: opt.Trainer.Kind(), EmbedderID: emb.ID(), Dims: dim,
		Factory: opt.Factory, Metric: "inner_product", Articles: len(arts), Source: opt.Source,
		SourceSHA256: opt.SourceSHA256, TextTemplate: opt.TextTemplate, BuiltAt: time.Now().UTC().Truncate(time.Second),
		Files: map[string]File{},
		Timings: map[string]string{"embed": st.Embed.Round(time.Millisecond).String(),
			"train": st.Train.Round(time.Millisecond).String(), "add": st.Add.Round(time.Millisecond).String()},
	}
	if err := fx.Write(filepath.Join(dir, FAISSFile)); err != nil {
		return nil, nil, fmt.Errorf("index: write: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, ArticlesFile), encodeArticles(arts)); err != nil {
		return nil, nil, err
	}
	if err := os.Remove(filepath.Join(dir, ArticlesFileV1)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	files := []string{FAISSFile, ArticlesFile}
	for _, e := range opt.Extras {
		if !validExtraName(e.Name) || e.Make == nil {
			return nil, nil, fmt.Errorf("index: extra file %q: bad name or no Make", e.Name)
		}
		b, err := e.Make(texts)
		if err != nil {
			return nil, nil, fmt.Errorf("index: %s: %w", e.Name, err)
		}
		if err := writeFileAtomic(filepath.Join(dir, e.Name), b); err != nil {
			return nil, nil, err
		}
		files = append(files, e.Name)
	}
	if s, ok := emb.(Saver); ok {
		var eb bytes.Buffer
		if err := s.Save(&eb); err != nil {
			return nil, nil, fmt.Errorf("index: save embedder: %w", err)
		}
		if err := writeFileAtomic(filepath.Join(dir, EmbedderFile), eb.Bytes()); err != nil {
			return nil, nil, err
		}
		files = append(files, EmbedderFile)
	} else if err := os.Remove(filepath.Join(dir, EmbedderFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	for _, name := range files {
		f, err := fileInfo(filepath.Join(dir, name))
		if err != nil {
			return nil, nil, err
		}
		m.Files[name] = f
		st.TotalBytes += f.Bytes
	}
	st.IndexBytes = m.Files[FAISSFile].Bytes
	if err := writeManifest(dir, m); err != nil {
		return nil, nil, err
	}
	return m, st, nil
}

func addInBatches(ctx context.Context, fx *faiss.Index, flat []float32, dim int, progress ProgressFunc) error {
	n := len(flat) / dim
	const batch = 8192
	for lo := 0; lo < n; lo += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		hi := min(lo+batch, n)
		ids := make([]int64, hi-lo)
		for i := range ids {
			ids[i] = int64(lo + i)
		}
		if err := fx.AddWithIDs(flat[lo*dim:hi*dim], ids); err != nil {
			return fmt.Errorf("index: add: %w", err)
		}
		progress("add", hi, n)
	}
	return nil
}

// trainSample returns up to limit vectors sampled without replacement (all when limit <= 0).
func trainSample(flat []float32, dim, limit int, seed uint64) []float32 {
	n := len(flat) / dim
	if limit <= 0 || limit >= n {
		return flat
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	perm := r.Perm(n)[:limit]
	out := make([]float32, 0, limit*dim)
	for _, p := range perm {
		out = append(out, flat[p*dim:(p+1)*dim]...)
	}
	return out
}

func fileInfo(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	c := crc32.New(castagnoli)
	n, err := io.Copy(io.MultiWriter(h, c), f)
	if err != nil {
		return File{}, err
	}
	sum := c.Sum32()
	return File{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil)), CRC32C: &sum}, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// validExtraName accepts a plain file name that is none of the directory's own files.
func validExtraName(name string) bool {
	switch name {
	case "", ".", "..", ManifestFile, FAISSFile, ArticlesFile, ArticlesFileV1, EmbedderFile:
		return false
	}
	return filepath.Base(name) == name
}
