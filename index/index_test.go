package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// hashEmbedder is a deterministic bag-of-words embedder for tests.
type hashEmbedder struct {
	id  string
	dim int
}

func (h hashEmbedder) ID() string { return h.id }
func (h hashEmbedder) Dim() int   { return h.dim }
func (h hashEmbedder) EmbedQuery(_ context.Context, s string) ([]float32, error) {
	v := make([]float32, h.dim)
	for _, w := range strings.Fields(strings.ToLower(s)) {
		f := fnv.New32a()
		f.Write([]byte(strings.Trim(w, ".,-")))
		v[f.Sum32()%uint32(h.dim)]++
	}
	var n float64
	for _, x := range v {
		n += float64(x * x)
	}
	if n > 0 {
		for i := range v {
			v[i] /= float32(math.Sqrt(n))
		}
	}
	return v, nil
}
func (h hashEmbedder) EmbedDocuments(ctx context.Context, ts []string) ([][]float32, error) {
	out := make([][]float32, len(ts))
	for i, t := range ts {
		out[i], _ = h.EmbedQuery(ctx, t)
	}
	return out, nil
}
func (h hashEmbedder) Save(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s %d", h.id, h.dim)
	return err
}

type hashTrainer struct{ emb hashEmbedder }

func (t hashTrainer) Kind() string { return "hash" }
func (t hashTrainer) Fit(ctx context.Context, texts []string, _ ProgressFunc) (Embedder, [][]float32, error) {
	v, err := t.emb.EmbedDocuments(ctx, texts)
	return t.emb, v, err
}

func loader(id string, dim int) LoadEmbedderFunc {
	return func(_ context.Context, m *Manifest, state io.Reader) (Embedder, error) {
		if state == nil {
			return nil, errors.New("no state")
		}
		b, _ := io.ReadAll(state)
		if string(b) != fmt.Sprintf("%s %d", m.EmbedderID, m.Dims) {
			return nil, fmt.Errorf("state %q", b)
		}
		return hashEmbedder{id: id, dim: dim}, nil
	}
}

func testArticles() []catalog.Article {
	types := []string{"Sweater", "T-shirt", "Dress", "Trousers", "Jacket"}
	colours := []string{"Black", "White", "Light Yellow", "Dark Blue"}
	var out []catalog.Article
	for i := 0; i < 60; i++ {
		ty, co := types[i%len(types)], colours[(i/len(types))%len(colours)]
		out = append(out, catalog.Article{ArticleID: fmt.Sprintf("%010d", 100000000+i), ProductCode: fmt.Sprintf("%07d", 1000+i),
			ProdName: "Item " + fmt.Sprint(i), ProductTypeName: ty, ColourGroupName: co, IndexName: "Ladieswear",
			DetailDesc: strings.ToLower(co) + " " + strings.ToLower(ty) + " in soft fabric."})
	}
	return out
}

func build(t *testing.T, factory string) (string, *Manifest) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	m, st, err := Build(context.Background(), dir, testArticles(), BuildOptions{Factory: factory, Source: "test", SourceSHA256: "abc", EfConstruction: 64,
		Trainer: hashTrainer{hashEmbedder{id: "hash/v1", dim: 32}}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 60 || st.IndexBytes <= 0 {
		t.Fatalf("stats %+v", st)
	}
	return dir, m
}

func TestBuildOpenSearch(t *testing.T) {
	for _, factory := range []string{"Flat", "HNSW32"} {
		t.Run(factory, func(t *testing.T) {
			dir, m := build(t, factory)
			if m.Articles != 60 || m.Dims != 32 || m.EmbedderKind != "hash" || m.Factory != factory || m.FormatVersion != FormatVersion {
				t.Fatalf("manifest %+v", m)
			}
			x, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			ns, err := x.Search(context.Background(), "black sweater", 5, x.Params())
			if err != nil {
				t.Fatal(err)
			}
			if factory == "HNSW32" && !strings.Contains(x.FAISS().Describe(), "efConstruction=64") {
				t.Fatalf("efConstruction not applied: %s", x.FAISS().Describe())
			}
			top := x.Articles()[ns[0].Pos]
			if top.ProductTypeName != "Sweater" || top.ColourGroupName != "Black" {
				t.Fatalf("top hit %+v", top)
			}
		})
	}
}

func TestOpenRefusesBadDirectories(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		load   LoadEmbedderFunc
		want   error
		msg    string
	}{
		{"no manifest", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, ManifestFile)) }, nil, ErrNotIndex, "stylist index"},
		{"future format", func(t *testing.T, dir string) { editManifest(t, dir, func(m *Manifest) { m.FormatVersion = 99 }) }, nil, ErrFormat, "version 99"},
		{"garbage manifest", func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, ManifestFile), []byte("{"), 0o644) }, nil, ErrCorrupt, "manifest.json"},
		{"truncated faiss file", func(t *testing.T, dir string) { truncate(t, filepath.Join(dir, FAISSFile)) }, nil, ErrCorrupt, "index.faiss"},
		{"tampered articles", func(t *testing.T, dir string) { flipByte(t, filepath.Join(dir, ArticlesFile)) }, nil, ErrCorrupt, "checksum"},
		{"missing embedder state", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, EmbedderFile)) }, nil, ErrCorrupt, "embedder.bin"},
		{"article count", func(t *testing.T, dir string) { editManifest(t, dir, func(m *Manifest) { m.Articles = 61 }) }, nil, ErrMismatch, "61"},
		{"embedder id", func(t *testing.T, dir string) {}, loaderIgnoringState("hash/v2", 32), ErrMismatch, "hash/v2"},
		{"embedder dims", func(t *testing.T, dir string) {}, loaderIgnoringState("hash/v1", 16), ErrMismatch, "16 dims"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := build(t, "Flat")
			tt.break_(t, dir)
			load := tt.load
			if load == nil {
				load = loader("hash/v1", 32)
			}
			_, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: load})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want %v mentioning %q", err, tt.want, tt.msg)
			}
		})
	}
}

func loaderIgnoringState(id string, dim int) LoadEmbedderFunc {
	return func(context.Context, *Manifest, io.Reader) (Embedder, error) {
		return hashEmbedder{id: id, dim: dim}, nil
	}
}

func editManifest(t *testing.T, dir string, f func(*Manifest)) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	f(&m)
	if err := writeManifest(dir, &m); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, p string) {
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, st.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func flipByte(t *testing.T, p string) {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRebuildRemovesOldManifestFirst(t *testing.T) {
	dir, _ := build(t, "Flat")
	_, _, err := Build(context.Background(), dir, testArticles(), BuildOptions{Factory: "NoSuchFactory", Trainer: hashTrainer{hashEmbedder{id: "hash/v1", dim: 32}}})
	if err == nil {
		t.Fatal("expected a factory error")
	}
	if _, err := ReadManifest(dir); !errors.Is(err, ErrNotIndex) {
		t.Fatalf("a failed rebuild must not leave the old manifest pointing at new files: %v", err)
	}
}
