// Package index builds and opens stylist index directories: a FAISS index over
// embedded catalog articles, the article metadata, the embedder's state and a manifest.
package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// FormatVersion is the index directory format written by this build. Version 2
// stores the articles in a columnar file (ArticlesFile) instead of gob
// (ArticlesFileV1) and records a CRC-32C of every file, which Open checks
// instead of the SHA-256; version 3 adds the articles' details
// (catalog.Article.Details, BuildOptions.Details) as a column of
// ArticlesFile. Open reads versions 1 to 3; Index.HasDetails tells whether
// the details were stored.
const FormatVersion = 3

// oldestFormat is the oldest format version Open still reads.
const oldestFormat = 1

// File names inside an index directory.
const (
	ManifestFile   = "manifest.json"
	FAISSFile      = "index.faiss"
	ArticlesFile   = "articles.bin" // format version 2 and later
	ArticlesFileV1 = "articles.gob" // format version 1
	EmbedderFile   = "embedder.bin"
)

// Sentinel errors returned by Open.
var (
	ErrNotIndex = errors.New("index: not an index directory")
	ErrFormat   = errors.New("index: unsupported format version")
	ErrCorrupt  = errors.New("index: corrupt index directory")
	ErrMismatch = errors.New("index: mismatch")
)

// Manifest describes an index directory.
type Manifest struct {
	FormatVersion int               `json:"format_version"`
	EmbedderKind  string            `json:"embedder_kind"` // "lsa" | "ollama"
	EmbedderID    string            `json:"embedder_id"`
	Dims          int               `json:"dims"`
	Factory       string            `json:"factory"`
	Metric        string            `json:"metric"`
	Articles      int               `json:"articles"`
	Source        string            `json:"source"`        // path of the catalog file, or "demo"
	SourceSHA256  string            `json:"source_sha256"` // checksum of the catalog bytes
	TextTemplate  string            `json:"text_template"`
	BuiltAt       time.Time         `json:"built_at"`
	Files         map[string]File   `json:"files"`
	Timings       map[string]string `json:"timings,omitempty"` // stage → duration, informational
}

// File records a file's size and checksums so corruption is detected on Open.
type File struct {
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	// CRC32C (Castagnoli) is what Open verifies when present (version 2): it
	// runs at memory speed, where SHA-256 took a third of a second on 200 MB.
	CRC32C *uint32 `json:"crc32c,omitempty"`
}

// ReadManifest reads and checks the manifest of dir.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s has no %s (build one with `stylist index`)", ErrNotIndex, dir, ManifestFile)
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, ManifestFile, err)
	}
	if m.FormatVersion < oldestFormat || m.FormatVersion > FormatVersion {
		return nil, fmt.Errorf("%w: %s: %s has format version %d, this build reads %d to %d (rebuild the index with `stylist index`)", ErrFormat, dir, ManifestFile, m.FormatVersion, oldestFormat, FormatVersion)
	}
	if m.Dims <= 0 || m.Articles < 0 || m.EmbedderID == "" || m.Factory == "" {
		return nil, fmt.Errorf("%w: %s: incomplete manifest (dims=%d articles=%d embedder=%q factory=%q)", ErrCorrupt, dir, m.Dims, m.Articles, m.EmbedderID, m.Factory)
	}
	return &m, nil
}

// articlesFile is the name of the article metadata file in format version v.
func articlesFile(v int) string {
	if v == 1 {
		return ArticlesFileV1
	}
	return ArticlesFile
}

func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, ManifestFile), append(b, '\n'))
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
