package index

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
)

// OpenOptions configures Open.
type OpenOptions struct {
	LoadEmbedder LoadEmbedderFunc   // required: restores the embedder named in the manifest
	Params       faiss.SearchParams // default search parameters (efSearch, nprobe, k_factor_rf)
	SkipChecksum bool               // trust file checksums (sizes are still checked)
}

// Index is an opened index directory. It is safe for concurrent searches.
type Index struct {
	dir      string
	manifest *Manifest
	articles []catalog.Article
	fx       *faiss.Index
	emb      Embedder
	params   faiss.SearchParams
}

// Neighbor is one ANN result: the article's position in Articles() and its similarity.
type Neighbor struct {
	Pos   int
	Score float32
}

// Open loads dir, refusing a directory whose files, counts, dimensions or embedder do not match its manifest.
func Open(ctx context.Context, dir string, opt OpenOptions) (*Index, error) {
	if opt.LoadEmbedder == nil {
		return nil, errors.New("index: OpenOptions.LoadEmbedder is required")
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	for name, want := range m.Files {
		if _, err := statFile(filepath.Join(dir, name), want, !opt.SkipChecksum); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{FAISSFile, ArticlesFile} {
		if _, ok := m.Files[name]; !ok {
			return nil, fmt.Errorf("%w: %s: manifest lists no %s", ErrCorrupt, dir, name)
		}
	}
	ab, err := os.ReadFile(filepath.Join(dir, ArticlesFile))
	if err != nil {
		return nil, err
	}
	var arts []catalog.Article
	if err := gob.NewDecoder(bytes.NewReader(ab)).Decode(&arts); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, ArticlesFile, err)
	}
	if len(arts) != m.Articles {
		return nil, fmt.Errorf("%w: %s has %d articles, manifest says %d", ErrMismatch, ArticlesFile, len(arts), m.Articles)
	}
	fx, err := faiss.Read(filepath.Join(dir, FAISSFile))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, FAISSFile, err)
	}
	fail := func(err error) (*Index, error) { fx.Close(); return nil, err }
	if fx.Dim() != m.Dims {
		return fail(fmt.Errorf("%w: FAISS index has %d dims, manifest says %d", ErrMismatch, fx.Dim(), m.Dims))
	}
	if int(fx.Ntotal()) != m.Articles {
		return fail(fmt.Errorf("%w: FAISS index holds %d vectors, manifest says %d articles", ErrMismatch, fx.Ntotal(), m.Articles))
	}
	var state io.Reader
	if _, ok := m.Files[EmbedderFile]; ok {
		f, err := os.Open(filepath.Join(dir, EmbedderFile))
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		state = f
	}
	emb, err := opt.LoadEmbedder(ctx, m, state)
	if err != nil {
		return fail(fmt.Errorf("index: load embedder %s: %w", m.EmbedderID, err))
	}
	if emb.Dim() != m.Dims {
		return fail(fmt.Errorf("%w: embedder %s gives %d dims, index was built with %d", ErrMismatch, emb.ID(), emb.Dim(), m.Dims))
	}
	if emb.ID() != m.EmbedderID {
		return fail(fmt.Errorf("%w: embedder is %s, index was built with %s (rebuild with `stylist index` or configure the same embedder)", ErrMismatch, emb.ID(), m.EmbedderID))
	}
	return &Index{dir: dir, manifest: m, articles: arts, fx: fx, emb: emb, params: opt.Params}, nil
}

func statFile(path string, want File, checksum bool) (File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return File{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if st.Size() != want.Bytes {
		return File{}, fmt.Errorf("%w: %s is %d bytes, manifest says %d", ErrCorrupt, filepath.Base(path), st.Size(), want.Bytes)
	}
	if !checksum {
		return File{Bytes: st.Size()}, nil
	}
	got, err := fileInfo(path)
	if err != nil {
		return File{}, err
	}
	if got.SHA256 != want.SHA256 {
		return File{}, fmt.Errorf("%w: %s checksum %s…, manifest says %s…", ErrCorrupt, filepath.Base(path), got.SHA256[:12], want.SHA256[:min(12, len(want.SHA256))])
	}
	return got, nil
}

// Manifest returns the directory's manifest.
func (x *Index) Manifest() *Manifest { return x.manifest }

// Articles returns the indexed articles; position i has FAISS id i.
func (x *Index) Articles() []catalog.Article { return x.articles }

// Embedder returns the embedder the index was built with.
func (x *Index) Embedder() Embedder { return x.emb }

// Params returns the default search parameters.
func (x *Index) Params() faiss.SearchParams { return x.params }

// FAISS exposes the underlying FAISS index (benchmarks, diagnostics).
func (x *Index) FAISS() *faiss.Index { return x.fx }

// Close frees the FAISS index.
func (x *Index) Close() error { return x.fx.Close() }

// SearchVector returns the k nearest articles to v with the default parameters merged with p.
func (x *Index) SearchVector(v []float32, k int, p faiss.SearchParams) ([]Neighbor, error) {
	if k <= 0 {
		return nil, nil
	}
	scores, ids, err := x.fx.Search(v, k, x.merge(p))
	if err != nil {
		return nil, err
	}
	out := make([]Neighbor, 0, len(ids))
	for i, id := range ids {
		if id < 0 || int(id) >= len(x.articles) {
			continue
		}
		out = append(out, Neighbor{Pos: int(id), Score: scores[i]})
	}
	return out, nil
}

// Search embeds text and returns its k nearest articles.
func (x *Index) Search(ctx context.Context, text string, k int, p faiss.SearchParams) ([]Neighbor, error) {
	v, err := x.emb.EmbedQuery(ctx, text)
	if err != nil {
		return nil, err
	}
	return x.SearchVector(v, k, p)
}

func (x *Index) merge(p faiss.SearchParams) faiss.SearchParams {
	out := x.params
	if p.EfSearch > 0 {
		out.EfSearch = p.EfSearch
	}
	if p.NProbe > 0 {
		out.NProbe = p.NProbe
	}
	if p.KFactorRF > 0 {
		out.KFactorRF = p.KFactorRF
	}
	return out
}

// SearchText embeds text and returns the positions and similarities of its k nearest articles.
func (x *Index) SearchText(ctx context.Context, text string, k int, p faiss.SearchParams) ([]int, []float32, error) {
	ns, err := x.Search(ctx, text, k, p)
	if err != nil {
		return nil, nil, err
	}
	pos := make([]int, len(ns))
	sims := make([]float32, len(ns))
	for i, n := range ns {
		pos[i], sims[i] = n.Pos, n.Score
	}
	return pos, sims, nil
}
