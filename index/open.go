package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
)

// OpenOptions configures Open.
type OpenOptions struct {
	LoadEmbedder LoadEmbedderFunc   // required: restores the embedder named in the manifest
	Params       faiss.SearchParams // default search parameters (efSearch, nprobe, k_factor_rf)
	SkipChecksum bool               // trust file checksums (sizes are still checked)
	Extras       []string           // extra files (see BuildOptions.Extras) to load with the index
}

// Index is an opened index directory. It is safe for concurrent searches.
type Index struct {
	dir      string
	manifest *Manifest
	articles []catalog.Article
	fx       *faiss.Index
	emb      Embedder
	params   faiss.SearchParams
	extras   map[string][]byte
	details  bool // the articles carry their details (format 3)
}

// Neighbor is one ANN result: the article's position in Articles() and its similarity.
type Neighbor struct {
	Pos   int
	Score float32
}

// Open loads dir, refusing a directory whose files, counts, dimensions or embedder do not match its manifest.
// The article metadata, the FAISS index, the embedder and the requested extras
// are read, verified and decoded concurrently.
func Open(ctx context.Context, dir string, opt OpenOptions) (*Index, error) {
	if opt.LoadEmbedder == nil {
		return nil, errors.New("index: OpenOptions.LoadEmbedder is required")
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	artsName := articlesFile(m.FormatVersion)
	for _, name := range []string{FAISSFile, artsName} {
		if _, ok := m.Files[name]; !ok {
			return nil, fmt.Errorf("%w: %s: manifest lists no %s", ErrCorrupt, dir, name)
		}
	}
	for name, want := range m.Files {
		if err := statFile(filepath.Join(dir, name), want); err != nil {
			return nil, err
		}
	}
	x := &Index{dir: dir, manifest: m, params: opt.Params, extras: map[string][]byte{}}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	load := func(name string, use func(data []byte) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, unmap, err := mapFile(filepath.Join(dir, name))
			if err != nil {
				fail(fmt.Errorf("%w: %v", ErrCorrupt, err))
				return
			}
			defer unmap()
			if err := verify(name, data, m.Files[name], !opt.SkipChecksum); err != nil {
				fail(err)
				return
			}
			if use != nil {
				if err := use(data); err != nil {
					fail(err)
				}
			}
		}()
	}
	load(FAISSFile, func(data []byte) error {
		fx, err := faiss.ReadBytes(data)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrCorrupt, FAISSFile, err)
		}
		x.fx = fx
		return nil
	})
	load(artsName, func(data []byte) error {
		if m.FormatVersion > 1 {
			data = bytes.Clone(data) // the articles' strings point into it; data is unmapped after
		}
		arts, hasDetails, err := readArticles(m.FormatVersion, data)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrCorrupt, artsName, err)
		}
		x.articles, x.details = arts, hasDetails
		return nil
	})
	var emb Embedder
	var embErr error
	_, hasState := m.Files[EmbedderFile]
	if hasState {
		load(EmbedderFile, func(data []byte) error {
			emb, embErr = opt.LoadEmbedder(ctx, m, bytes.NewReader(data))
			return nil
		})
	}
	for _, name := range opt.Extras {
		if _, ok := m.Files[name]; ok {
			load(name, func(data []byte) error {
				b := bytes.Clone(data)
				mu.Lock()
				x.extras[name] = b
				mu.Unlock()
				return nil
			})
		}
	}
	for name := range m.Files { // verify the files nobody asked for, too
		if name != FAISSFile && name != artsName && name != EmbedderFile && !slices.Contains(opt.Extras, name) && !opt.SkipChecksum {
			load(name, nil)
		}
	}
	wg.Wait()
	if first == nil && !hasState {
		emb, embErr = opt.LoadEmbedder(ctx, m, nil)
	}
	closeFx := func(err error) (*Index, error) {
		if x.fx != nil {
			x.fx.Close()
		}
		return nil, err
	}
	if first != nil {
		return closeFx(first)
	}
	if len(x.articles) != m.Articles {
		return closeFx(fmt.Errorf("%w: %s has %d articles, manifest says %d", ErrMismatch, artsName, len(x.articles), m.Articles))
	}
	if x.fx.Dim() != m.Dims {
		return closeFx(fmt.Errorf("%w: FAISS index has %d dims, manifest says %d", ErrMismatch, x.fx.Dim(), m.Dims))
	}
	if int(x.fx.Ntotal()) != m.Articles {
		return closeFx(fmt.Errorf("%w: FAISS index holds %d vectors, manifest says %d articles", ErrMismatch, x.fx.Ntotal(), m.Articles))
	}
	if embErr != nil {
		return closeFx(fmt.Errorf("index: load embedder %s: %w", m.EmbedderID, embErr))
	}
	if emb.Dim() != m.Dims {
		return closeFx(fmt.Errorf("%w: embedder %s gives %d dims, index was built with %d", ErrMismatch, emb.ID(), emb.Dim(), m.Dims))
	}
	if emb.ID() != m.EmbedderID {
		return closeFx(fmt.Errorf("%w: embedder is %s, index was built with %s (rebuild with `stylist index` or configure the same embedder)", ErrMismatch, emb.ID(), m.EmbedderID))
	}
	x.emb = emb
	return x, nil
}

// statFile checks a listed file's size.
func statFile(path string, want File) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if st.Size() != want.Bytes {
		return fmt.Errorf("%w: %s is %d bytes, manifest says %d", ErrCorrupt, filepath.Base(path), st.Size(), want.Bytes)
	}
	return nil
}

// verify checks data against the manifest's record: its size always, and its
// CRC-32C (SHA-256 for format version 1) when checksum is set.
func verify(name string, data []byte, want File, checksum bool) error {
	if int64(len(data)) != want.Bytes {
		return fmt.Errorf("%w: %s is %d bytes, manifest says %d", ErrCorrupt, name, len(data), want.Bytes)
	}
	if !checksum {
		return nil
	}
	if want.CRC32C != nil {
		if got := crc32.Checksum(data, castagnoli); got != *want.CRC32C {
			return fmt.Errorf("%w: %s checksum (CRC-32C) %08x, manifest says %08x", ErrCorrupt, name, got, *want.CRC32C)
		}
		return nil
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want.SHA256 {
		return fmt.Errorf("%w: %s checksum %s…, manifest says %s…", ErrCorrupt, name, got[:12], want.SHA256[:min(12, len(want.SHA256))])
	}
	return nil
}

// Extra returns the contents of an extra file loaded by Open (OpenOptions.Extras);
// ok is false when the index has no such file (built before it existed, or
// without it).
func (x *Index) Extra(name string) (data []byte, ok bool) {
	data, ok = x.extras[name]
	return data, ok
}

// HasDetails reports whether the index stores the articles' details
// (catalog.Article.Details, format version 3); an older index leaves them ""
// and a reader must derive them from the texts, or ask for a rebuild.
func (x *Index) HasDetails() bool { return x.details }

// Dir returns the index directory.
func (x *Index) Dir() string { return x.dir }

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
	out.Allow = p.Allow // article positions are the FAISS ids
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
