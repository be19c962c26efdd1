package index

import (
	"context"
	"io"
)

// Embedder turns text into L2-normalised vectors. Its method set matches
// langchaingo's embeddings.Embedder plus identity and size.
type Embedder interface {
	// ID identifies the model and its state (recorded in the manifest).
	ID() string
	// Dim is the vector length.
	Dim() int
	// EmbedDocuments embeds many texts.
	EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error)
	// EmbedQuery embeds one query.
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// Saver is implemented by embedders with state to persist in the index directory.
type Saver interface {
	Save(w io.Writer) error
}

// Trainer produces an embedder for a corpus (fitting it when it learns from the
// corpus) and the corpus vectors, so indexing never embeds twice.
type Trainer interface {
	// Kind names the embedder family recorded in the manifest ("lsa", "ollama").
	Kind() string
	// Fit returns the embedder and one vector per text.
	Fit(ctx context.Context, texts []string, progress ProgressFunc) (Embedder, [][]float32, error)
}

// LoadEmbedderFunc restores the embedder of an index from its manifest and saved
// state (nil when the embedder saved none).
type LoadEmbedderFunc func(ctx context.Context, m *Manifest, state io.Reader) (Embedder, error)

// ProgressFunc reports progress of a named stage; total may be 0 when unknown.
type ProgressFunc func(stage string, done, total int)
